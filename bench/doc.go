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
// function value, so the call overhead at n=16 is alike for all.
//
// Level 2 (level2_test.go, gonumblas_test.go): BenchmarkMatVec, BenchmarkMatTVec
// and BenchmarkSymMatVec (n = 64 .. 4096, GFLOP/s), BenchmarkGramVec against
// the MatVec-then-MatTVec composition, BenchmarkDotPair against two Dot
// calls, BenchmarkMulVec (gonum/mat through the gonumblas drop-in). The fused
// optimizer kernels (fused_test.go: BenchmarkPerturbSave, BenchmarkSGDRestore,
// BenchmarkAdamWRestore, BenchmarkASAMSumSq) and one whole SAM step against
// its byte bound and a gonum composition (sam_test.go: BenchmarkSAMStep,
// metric x-bound). The Lanczos solver, trace and density (lanczos_test.go:
// BenchmarkLanczos, and BenchmarkLanczosSweep against scipy's eigsh at
// k = 1..20 on five operators, through testdata/eigsh_count.py).
//
// BenchmarkSmall/<Op>/<type>/n=<n>/impl=<pkg|loop|inlineloop> compares, at
// n = 1 .. 16, the package-level function (kernels.Dot, ...) called directly
// with a plain Go loop behind a real (non-inlined) call and with the same loop
// written inline. BenchmarkCopy/<type>/n=<n> measures the builtin copy: the
// machine's copy bandwidth, the reference for the memory-bound sizes.
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
// Without OPENBLAS_CORETYPE, Debian's OpenBLAS 0.3.21 does not recognize this
// AVX-512 CPU and runs its Prescott (SSE3) kernels; with more than one thread
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
