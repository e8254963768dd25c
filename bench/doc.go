// Package bench is the go test -bench suite that measures samkern against
// its peers: gonum's native blas64/blas32 (and floats.AddScaledTo),
// github.com/viterin/vek (AVX2), and OpenBLAS through cgo. It has no API;
// everything is in its _test.go files, plus the cgo bindings for OpenBLAS in
// openblas.go. Vectors of 4 MiB and more are backed by huge pages from the
// first touch, so that the order of the impls does not decide their speed
// (alloc_linux_test.go).
//
// # Benchmarks
//
// BenchmarkDot, BenchmarkAxpy, BenchmarkAxpyTo, BenchmarkScale,
// BenchmarkSumSq, BenchmarkNorm and BenchmarkSumSqWide have sub-benchmarks
// named
//
//	BenchmarkDot/f64/n=2048/impl=avx512
//
// with type f64 or f32 (SumSqWide: f32 only), n one of 16, 256, 2048, 32768,
// 1M (2^20) and 16M (2^24), and impl one of the samkern levels this CPU
// supports (avx512, avx2, neon, generic: each called directly through
// kernels.Level) and the peers gonum, vek and openblas, where the peer has
// the operation. Each reports ns/op, MB/s (the bytes the operation must move:
// Dot 2 vectors, Axpy and AxpyTo 3, Scale 2, SumSq and Norm 1) and elem/ns.
// Every impl, samkern's levels included, is called through the same kind of
// function value, so the call overhead at n=16 is alike for all; the two
// loop impls below are the exception.
//
// Two more impls in BenchmarkDot and BenchmarkAxpy time a loop of direct
// calls as one operation each: pkg:loop is a Go loop calling samkern's
// package-level function (kernels.Dot, the active level), openblas:cloop a
// C loop calling cblas_ddot and friends, one cgo call for the whole loop.
// Through cgo each OpenBLAS call pays about 30 ns of crossing, which hides
// the per-call cost of its kernels at n ≤ 2048; pkg:loop/openblas:cloop
// compares the two libraries as a caller in each one's own language pays.
//
// Level 2 (level2_test.go, gonumblas_test.go): BenchmarkMatVec, BenchmarkMatTVec
// and BenchmarkSymMatVec (n = 64 .. 4096, GFLOP/s), BenchmarkGramVec against
// the MatVec-then-MatTVec composition, BenchmarkDotPair against two Dot
// calls, BenchmarkMulVec (gonum/mat through the gonumblas drop-in). The fused
// optimizer kernels (fused_test.go: BenchmarkPerturbSave, BenchmarkSGDRestore,
// BenchmarkAdamWRestore, BenchmarkASAMSumSq; BenchmarkSAMPasses, the
// kernels the plain SAM step runs, with its arguments) and one whole SAM
// step against its byte bound and a gonum composition (sam_test.go:
// BenchmarkSAMStep).
// Every Level-1, Level-2 and fused benchmark also reports x-bound, its time
// over the roofline's bound (below). The Lanczos solver, trace and density (lanczos_test.go:
// BenchmarkLanczos, and BenchmarkLanczosSweep against scipy's eigsh at
// k = 1..20 on five operators, through testdata/eigsh_count.py).
//
// BenchmarkSmall/<Op>/<type>/n=<n>/impl=<pkg|loop|inlineloop> compares, at
// n = 1 .. 16, the package-level function (kernels.Dot, ...) called directly
// with a plain Go loop behind a real (non-inlined) call and with the same loop
// written inline. BenchmarkCopy/<type>/n=<n> measures the builtin copy (Go's
// copy bandwidth; not a bound: the roofline's probes are).
//
// # The roofline: what every x-bound is relative to
//
// roofline_test.go measures what the machine can do, with the probes of
// bench/internal/roofline (AVX2/AVX-512 assembly on amd64, plain Go
// elsewhere, where the figures are references, not limits), in the same
// go test -bench run as the kernels, interleaved with them: each benchmark
// that reports x-bound times its memory passes once more after its own
// loop (with the loop that has been fastest for each; the first time a
// shape and size is seen, every loop), and every bound is the fastest the probe has been so far in the
// run, so the quietest moment of a noisy shared machine sets it.
// BenchmarkRoofline reports the probes themselves.
//
//   - Stream (memory): passes over vectors of the kernel's size and the
//     kernel's shape, timed as a kernel's benchmark loop runs (an untimed
//     pass, then two timed ones over the same vectors: a loop repeating
//     its pass finds part of its vectors still in L3, a first pass does
//     not): r vectors read (XOR into independent registers), in several
//     loops, all timed, the fastest taken. The general loops walk arrays
//     of the vectors' pointers, in runs of 256 or 512 bytes of one vector
//     before the next's (ZMM 256, ZMM 512, YMM 256); the tight ones
//     (tzmm64, tzmm256, tymm64, tymm256: generated per shape by
//     internal/roofline/internal/gen) keep each pointer in a register and
//     branch only to loop, interleaving the vectors by 64 or 256 bytes;
//     their twins ending in p also prefetch every read line 1 KiB ahead,
//     as the AVX2 kernels' streaming loops do (on a Zen 3 the prefetch
//     made those loops up to 13% faster and the probes 5–20% slower, so
//     the twins rarely set a bound; they are there so that a kernel's
//     prefetch is not a way past it).
//     One core's bandwidth from memory depends on how many lines it keeps
//     in flight, and the general loops, with their pointer walking, read
//     one vector from memory 10–20% slower than the tight ones and up to
//     12% slower than a kernel: they were not a bound alone. Even the
//     tight loops are a bound through their best single passes, not loop
//     for loop: a kernel's steady mean has matched or beaten theirs. (In L2
//     every loop runs at over 100 GB/s, far above the memory's figures:
//     what separates them beyond the caches is not their instruction
//     rate.) ip of the vectors read are written back in place (ordinary
//     stores into lines just read: no read for ownership, one write-back),
//     w vectors written that are not read, timed with ordinary stores (on
//     most CPUs each costs a read for ownership, then the write-back) and
//     with non-temporal ones (no read), the faster of the two. Mixed read
//     and write traffic moves more bytes per second than a read-only pass
//     on this machine (BenchmarkRoofline/copy/store=nt against read), so
//     R/readBW + W/writeBW is not a bound: the probe of the same shape is.
//     A kernel with that traffic cannot do better than the simplest loop
//     that makes it, as long as no kernel beats the probe; one that did
//     would show x-bound below 1 and the probe would have to be fixed.
//     The probes pass over random bytes, as the kernels' benchmarks pass
//     over random floats, and what they store never settles: their vectors
//     are filled by a SplitMix64 stream, and every loop adds a Weyl
//     constant (roofline.Mix) to its accumulators before it stores them.
//     Until 2026-12-04 the vectors held ones, which the probes' XOR turned
//     to zeros within a pass or two, and on the Zen 5 VM a pass that
//     writes zeros runs about 25% faster than one writing random bytes
//     (reads do not depend on the data): Perturb32 over 16M float32 took
//     3.5 ms on zeros and 4.7 ms on random data, the probe of its shape on
//     its own random vectors 4.7 ms, on the arena 4.1 ms. The bound was
//     then the speed of zero-filled memory, and the kernel stood at 1.4–1.5
//     of it for no fault of its code. Zeros written on purpose (the
//     gradient that the variants' kernels clear for ZeroGrads) are not
//     counted as a write: with random bytes in the probe, Perturb32 with
//     keep and zeroG ran at 0.70 of the probe of its shape, so its bound
//     is the shape with the cleared vector read only (passCleared).
//   - FMA (in cache): 24 independent ZMM (14 YMM without AVX-512) FMA
//     chains: more than two pipes times any FMA latency, so only the FMA
//     throughput limits it.
//   - Loads (in cache): eight independent vector loads per iteration over
//     16 KiB, into registers nothing reads: only the load ports limit it.
//     The buffer is written first: unwritten, its four pages are all the
//     kernel's zero page, and on Zen 3 loads from several virtual pages of
//     one physical page ran at half the L1 rate, below the Level-1 kernels.
//
// The FMA and load probes are timed 20 times at the first bound of a run
// and once more at every bound after (under a millisecond each), like the
// stream probes, so that a busy moment at the start does not fix them.
//
// A kernel's cost is its passes (shapes over vectors of n elements), its
// FMA-pipe operations per element (FMAs and multiplies on one lane;
// additions, divisions and square roots are not counted, so the count is at
// most the true one) and the bytes it must load (each vector read once).
// Its bound is the larger of
//
//   - the in-cache bound: the FMA-pipe operations at the FMA probe's rate,
//     and the loads at the load probe's rate (stores are not counted);
//   - the byte bound: the sum over its passes of the stream probe's time
//     for the same shape and vector size, for passes whose vectors take
//     at least twice the L3 together (and more than twice the L2). Below
//     that the in-cache bound is the bound: in L1 and L2 the probe's own
//     loop, not the memory, could limit it, and a repeated pass over less
//     than twice a cache finds part of its vectors still there, how much
//     depending on its order of lines. Both were seen on a Zen 3 (512 KiB
//     of L2, 32 MiB of L3): DotPair f64 at n = 32768 (768 KiB) beat every
//     stream probe by 5%, Axpy f64 at n = 1M (16 MiB) by 7% and gonum's
//     Daxpy by 16%.
//
// The shapes: Dot and ASAMSumSq r=2; SumSq, Norm, SumSqWide, MatVec,
// MatTVec, SymMatVec (the triangle) and GramVec (the matrix) r=1; DotPair
// r=3; Scale r=1,ip=1; Axpy r=2,ip=1; AxpyTo r=2,w=1; PerturbSave
// r=2,ip=1,w=1; SGDRestore r=3,ip=1,w=1; AdamWRestore r=4,ip=2,w=1; the
// variants' kernels as BenchmarkPerturb and the others run them, the
// cleared gradient counted as read only: Perturb and ASAMPerturb
// r=2,ip=1,w=2, SGDStep r=4,ip=1,w=1, AdamWStep r=5,ip=2,w=1, FSAMPerturb
// r=3,ip=1,w=2. One SAM
// step (BenchmarkSAMStep) is a gradient-norm pass r=1, PerturbSave and the
// restore: 6 reads and 4 writes of the vector (AdamW 7 and 5); samkern's
// own structure adds a read of the second gradient (x-passbound). The
// variants (BenchmarkVariantStep) report x-sambound, their time over that
// SAM step's bound: each moves at least its bytes.
//
// The in-cache bound is loose on purpose: it uses the L1 load rate for data
// in L2 and counts no stores, and a Level-1 call at n = 16 or 256 is mostly
// call overhead, so x-bound there is large; it is the memory-bound sizes
// where x-bound says how close a kernel is. On a shared machine the run's
// best probe time comes from its quietest moment, while a kernel's ns/op
// is a mean over its loop: x-bound then includes the load the rest of the
// machine put on the kernel. BenchmarkSAMStep also reports x-paired, the
// median over its iterations of each step's time over the bound's passes
// timed right after it (the fastest variant of each), which compares the
// two under the same load, and x-passpaired, the same over samkern's own
// four passes (x-passbound's). x-passbound and x-passpaired are the step's
// figures against its true byte bound: the step promises to leave the
// state untouched when the second gradient is not finite, so it must have
// read all of that gradient before its first write of m, and a gradient
// of twice the L3 or more cannot stay in a cache until the update pass
// reads it; any implementation of that promise reads it twice (or saves
// m, another pass). The converse also holds: a kernel timed over
// very few iterations (-benchtime 1x) in a quiet moment can come out below
// a bound that has only had noisy samples yet (seen once: DotPair32 at
// 0.96 in a 1x smoke run); use the default benchtime and -count for
// figures.
//
// # Running
//
// The suite is long (16M-element cases, every impl); on a shared 2-core
// machine select what you need:
//
//	go test -run XXX -bench 'Dot/f64' -count 5 ./bench/ | tee bench.txt
//	go run ./bench/internal/table < bench.txt
//
// The table tool prints one markdown table per operation and type, with the
// median elem/ns of the repeats, and ratio columns such as avx512/openblas.
//
// # OpenBLAS
//
// The openblas peer is compiled only with the build tag openblas (and cgo),
// and links Debian's libopenblas-dev (apt-get install -y libopenblas-dev).
// Run it single-threaded and with the SkylakeX kernels:
//
//	OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 \
//		go test -tags openblas -run XXX -bench 'Dot/f64' ./bench/
//
// Without OPENBLAS_CORETYPE, Debian's OpenBLAS 0.3.21 does not recognize the
// AVX-512 Xeon of this project's first machines and runs its Prescott (SSE3)
// kernels. On a CPU without AVX-512 leave it unset: the SkylakeX kernels
// would stop on an illegal instruction, and OpenBLAS picks its own (Zen on
// a Zen 3, its AVX2 kernels). With more than one thread
// the comparison is not single-core. The openblas sub-benchmarks fail when OpenBLAS runs more than
// one thread, or when the CPU has AVX-512 but OpenBLAS runs a core type
// without it, and a benchmark run prints the core type and thread count
// as the configuration line "openblas: ...". The variables are read when
// the library is loaded, so they must be set in the environment of go test;
// the package cannot set them itself.
//
// OpenBLAS has no AxpyTo, and gonum no float32 one: those sub-benchmarks copy
// y to dst and then axpy into dst (two passes), the best either library
// offers; see the comments at each peer. No peer has SumSq: gonum, vek and
// OpenBLAS compute it as Dot(x, x), one pass over x.
package bench
