package bench

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/klauspost/cpuid/v2"

	"github.com/samkern/samkern/bench/internal/roofline"
)

// The roofline: what this machine can do at best, measured by the probes of
// bench/internal/roofline in the same run as the kernels, and the bound each
// benchmark's time is divided by (metric x-bound). bench/doc.go says how each
// bound is measured and why it is one.

// streams is the memory traffic of one pass of a kernel over vectors of the
// same length: it reads reads vectors (every vector it reads, in-place ones
// included), writes back inplace of them (lines it has just read: an
// ordinary store costs no extra read, the line is written back once), and
// writes fresh vectors it does not read (an ordinary store there first reads
// the line for ownership, a non-temporal one does not).
type streams struct{ reads, inplace, fresh int }

// String names the pass as in BenchmarkRoofline/mix/r=3,ip=1,w=1.
func (s streams) String() string { return fmt.Sprintf("r=%d,ip=%d,w=%d", s.reads, s.inplace, s.fresh) }

// moved is the bytes the pass must move over vectors of vecBytes: each
// vector read once, each one written once.
func (s streams) moved(vecBytes int) float64 {
	return float64((s.reads + s.inplace + s.fresh) * vecBytes)
}

// The shapes of the kernels' passes.
var (
	passRead1      = streams{1, 0, 0} // SumSq, Norm, SumSqWide, the gradient norms, a matrix (MatVec...)
	passRead2      = streams{2, 0, 0} // Dot, ASAMSumSq
	passRead3      = streams{3, 0, 0} // DotPair
	passScale      = streams{1, 1, 0} // Scale: x read and written back
	passAxpy       = streams{2, 1, 0} // Axpy: x, y read, y written back
	passAxpyTo     = streams{2, 0, 1} // AxpyTo: x, y read, dst written
	passPerturb    = streams{2, 1, 1} // PerturbSave: w, g read, w written back, saved written
	passSGDRestore = streams{3, 1, 1} // SGDRestore: saved, g, m read, m written back, w written
	passAdamW      = streams{4, 2, 1} // AdamWRestore: saved, g, m, v read, m, v written back, w written
)

// passCleared is the bound's shape for a pass of shape s that writes zeros
// into one of the vectors it writes back (the gradient that ZeroGrads
// clears): that vector counted as read only. The probes write random bytes
// (roofline.Mix), and where writing zeros is cheaper than writing data, as
// on the Zen 5 VM, the pass with the zeros beat the probe of its own shape
// (Perturb32 with keep and zeroG at 0.70 of it); a pass that writes a
// vector cannot be faster than the same pass leaving it unwritten.
func passCleared(s streams) streams {
	s.inplace--
	return s
}

// Cache sizes from cpuid, with fallbacks for a CPU that does not say.
var (
	l1Size = cacheOr(cpuid.CPU.Cache.L1D, 32<<10)
	l2Size = cacheOr(cpuid.CPU.Cache.L2, 1<<20)
	l3Size = cacheOr(cpuid.CPU.Cache.L3, 32<<20)
)

// cacheNear reports whether a pass over bytes of vectors is near enough to
// a cache that the stream probe is no bound for it: under twice the last
// cache (the L3, or the L2 where it is larger) a repeated pass finds part
// of its vectors still in a cache, and how
// much, and how fast the rest comes, depends on the loop's order of lines.
// DotPair f64 at n = 32768 (768 KiB on a Zen 3 with a 512 KiB L2) ran 5%
// faster than every stream probe over the same vectors, and at n = 1M
// (16 MiB, in its 32 MiB L3) Axpy f64 ran 7% faster, gonum's 16%. Such
// passes get the in-cache bound, which is loose (the L1 load rate) but a
// bound; the stream probe is the bound from twice the L3 on.
func cacheNear(bytes int) bool { return bytes < 2*max(l2Size, l3Size) }

func cacheOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// roof holds the measurements: the best (fastest) seen so far of each, so
// a quiet moment anywhere in the run sets the bound.
var roof struct {
	mu        sync.Mutex
	stream    map[streamKey]time.Duration // best time of one pass, either store kind
	fmaRate   float64                     // float32 flops per ns (two per lane per FMA)
	loadRate  float64                     // bytes per ns loaded from L1
	arena     [][]byte                    // the probes' vectors, kept for the run
	arenaSize int                         // bytes of each arena vector
}

type streamKey struct {
	s        streams
	vecBytes int
}

// streamVariant is the loop and store kind of a stream probe.
type streamVariant struct {
	loop roofline.Variant
	nt   bool
}

// streamBest holds, per shape and size, the variant that gave the best
// time (guarded by roof.mu).
var streamBest = map[streamKey]streamVariant{}

// arenaVecs returns k probe vectors of vecBytes each (page aligned). They
// are reused by every probe; growing them remaps them all.
func arenaVecs(k, vecBytes int) [][]byte {
	if vecBytes > roof.arenaSize {
		for _, v := range roof.arena {
			freeKept(v)
		}
		roof.arena = nil
		roof.arenaSize = vecBytes
	}
	for len(roof.arena) < k {
		v := allocKept(roof.arenaSize)
		fillRandom(v, uint64(len(roof.arena))) // and fault the pages in
		roof.arena = append(roof.arena, v)
	}
	vs := make([][]byte, k)
	for i := range vs {
		vs[i] = roof.arena[i][:vecBytes]
	}
	return vs
}

// fillRandom fills v (a multiple of 8 bytes long) with pseudo-random bytes
// from a SplitMix64 stream seeded by seed: the probes must pass over data
// like the kernels' (random floats), because on some machines a pass that
// writes zeros runs faster (roofline.Mix), and a vector of constant bytes
// turns to zeros under the probes' XOR after one pass.
func fillRandom(v []byte, seed uint64) {
	words := unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(v))), len(v)/8)
	x := seed * 0x9E3779B97F4A7C15
	for i := range words {
		x += 0x9E3779B97F4A7C15
		z := (x ^ x>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		words[i] = z ^ z>>31
	}
}

// timeStream times a pass of shape s over vectors of vecBytes (a multiple
// of roofline.Block) with the loop v and the given store kind for fresh
// vectors, as a kernel's benchmark loop runs: one untimed pass, then
// steadyPasses timed one by one over the same vectors; it returns the
// fastest. A single pass after other work would not be a bound: a kernel
// repeating its pass finds part of its vectors still in L3 (on this VM,
// up to 12% of 64 MiB), and the first pass over vectors another loop has
// just evicted does not.
func timeStream(s streams, vecBytes int, v roofline.Variant, nt bool) time.Duration {
	vs := arenaVecs(s.reads+s.fresh, vecBytes)
	roofline.StreamVariant(v, vs[:s.reads], s.inplace, vs[s.reads:], nt)
	best := time.Duration(math.MaxInt64)
	for range steadyPasses {
		t0 := time.Now()
		roofline.StreamVariant(v, vs[:s.reads], s.inplace, vs[s.reads:], nt)
		best = min(best, time.Since(t0))
	}
	return best
}

// steadyPasses is how many passes timeStream times after its untimed one.
const steadyPasses = 2

// The least time streamTime spends on the first measurement of a shape and
// size, and on each later one, in rounds of at most maxRounds. A pass over
// vectors in L3 takes microseconds, so 5 rounds are a few samples of a
// noisy machine's busiest moment, and DotPair f64 at n = 32768 (three
// 256 KiB vectors, beyond a Zen 3's 512 KiB L2) came out at x-bound 0.99;
// the passes over memory take milliseconds and get their 5 rounds, and
// one more per later call, as before.
const (
	firstProbeTime = 50 * time.Millisecond
	laterProbeTime = 2 * time.Millisecond
	maxRounds      = 2000
)

// streamTime measures a pass of shape s over vectors of vecBytes and
// returns the best time seen for it in this run. The first measurement of
// a shape and size times it at least 5 times (and for at least
// firstProbeTime) with each stream loop
// (roofline.VariantsFor the shape) and each store kind (non-temporal and
// ordinary, for fresh vectors): the fastest is what the machine can do, as
// far as the probes know, and the machine is shared and noisy, so the
// minimum over many passes is what it can do. Later calls time reps more
// passes with the loop and store kind that have been fastest, so that a
// quiet moment later in the run still lowers the bound (for at least
// laterProbeTime when reps > 0). It panics on a
// shape without tight loops where the CPU has them: the general loops
// alone are not a bound (bench/doc.go).
func streamTime(s streams, vecBytes int, reps int) time.Duration {
	vecBytes -= vecBytes % roofline.Block
	if vecBytes <= 0 {
		return 0
	}
	roof.mu.Lock()
	defer roof.mu.Unlock()
	if roof.stream == nil {
		roof.stream = map[streamKey]time.Duration{}
	}
	k := streamKey{s, vecBytes}
	best, seen := roof.stream[k]
	try := func(v streamVariant) {
		if t := timeStream(s, vecBytes, v.loop, v.nt); t < best {
			best = t
			streamBest[k] = v
		}
	}
	if seen {
		start := time.Now()
		for r := 0; r < reps || (reps > 0 && r < maxRounds && time.Since(start) < laterProbeTime); r++ {
			try(streamBest[k])
		}
		roof.stream[k] = best
		return best
	}
	loops := roofline.VariantsFor(s.reads, s.inplace, s.fresh)
	if roofline.Kind() != "go" && len(loops) == len(roofline.Variants()) {
		panic(fmt.Sprintf("bench: no tight stream loop for %v: add the shape to bench/internal/roofline/internal/gen's Shapes", s))
	}
	best = time.Duration(math.MaxInt64)
	start := time.Now()
	for r := 0; r < max(reps, 5) || (r < maxRounds && time.Since(start) < firstProbeTime); r++ {
		for _, l := range loops {
			try(streamVariant{l, false})
			if s.fresh > 0 && roofline.NT() {
				try(streamVariant{l, true})
			}
		}
	}
	roof.stream[k] = best
	return best
}

// fmaRate measures (on the first call, and reps more times) the FMA probe
// and returns the best rate seen, in float32 flops per ns.
func fmaRate(reps int) float64 {
	roof.mu.Lock()
	defer roof.mu.Unlock()
	if roof.fmaRate == 0 {
		roofline.FMA(1 << 16) // warm up: clocks, the upper vector halves
		reps = max(reps, 20)
	}
	for range reps {
		const iters = 1 << 18
		t0 := time.Now()
		flops := roofline.FMA(iters)
		roof.fmaRate = max(roof.fmaRate, flops/float64(time.Since(t0).Nanoseconds()))
	}
	return roof.fmaRate
}

// loadRate measures like fmaRate the load probe over 16 KiB (in any L1)
// and returns the best rate seen, in bytes per ns.
func loadRate(reps int) float64 {
	roof.mu.Lock()
	defer roof.mu.Unlock()
	buf := loadBuf()
	if roof.loadRate == 0 {
		roofline.Loads(buf, 64)
		reps = max(reps, 20)
	}
	for range reps {
		t0 := time.Now()
		bytes := roofline.Loads(buf, 1<<12)
		roof.loadRate = max(roof.loadRate, bytes/float64(time.Since(t0).Nanoseconds()))
	}
	return roof.loadRate
}

// loadBufOnce allocates the load probe's buffer and writes it. Unwritten,
// every page of it would be the kernel's one shared zero page: four
// virtual pages on one physical page, which on Zen 3 halves the L1 load
// rate past 4 KiB (104 against 207 GB/s here), and the Level-1 kernels,
// on their own written vectors, beat the "bound" (Dot f64 at n = 2048 had
// x-bound 0.57).
var loadBufOnce = sync.OnceValue(func() []byte {
	buf := allocKept(16 << 10)
	for i := range buf {
		buf[i] = byte(i | 1)
	}
	return buf
})

func loadBuf() []byte { return loadBufOnce() }

// cost is what one call of a kernel needs: the passes over vectors of n
// elements of elem bytes it must make (at least one, the data it reads and
// writes), the FMA-pipe operations per element (FMAs and multiplies on one
// lane; additions are not counted, some CPUs have separate adders), and the
// bytes it must load per element (each vector read once).
type cost struct {
	passes []streams
	elem   int
	fmas   float64
}

// computeTime is the in-cache bound of c on n elements, in ns: the larger
// of its FMA-pipe operations at the FMA probe's rate and its loads at the
// load probe's rate. It is fractional: a short call's bound is a few ns,
// and a whole-ns Duration lost up to 10% of it at n = 256 and all of it
// (no x-bound reported) at n = 16.
func (c cost) computeTime(n int) float64 {
	reads := 0
	for _, p := range c.passes {
		reads += p.reads
	}
	// One more sample of each probe per bound (under a millisecond each), as
	// for the stream probes: the first samples of a run can all fall in a
	// busy moment, and a kernel timed later in a quiet one then beat them.
	lanesPerNs := fmaRate(1) / 2 * 4 / float64(c.elem) // element FMAs per ns
	fma := c.fmas * float64(n) / lanesPerNs
	load := float64(reads*c.elem*n) / loadRate(1)
	return max(fma, load)
}

// memoryTime is the byte bound of c on n elements: each pass at the time
// the stream probe takes for the same shape over vectors of the same size,
// and 0 when the vectors fit in a cache or nearly (cacheNear), where the
// probe's loop and its order of lines (not the memory) could be what
// limits it and computeTime is the bound.
func (c cost) memoryTime(n int, reps int) time.Duration {
	var t time.Duration
	for _, p := range c.passes {
		if cacheNear((p.reads + p.fresh) * n * c.elem) {
			continue
		}
		t += streamTime(p, n*c.elem, reps)
	}
	return t
}

// pairedTime times c's memory passes once each now, in the variant that
// has been fastest for each, for a ratio paired with a kernel's time just
// measured: under the same load from the rest of the machine, unlike the
// run's best, which a quiet moment sets. It is 0 if every pass is near a
// cache (cacheNear).
func (c cost) pairedTime(n int) time.Duration {
	var t time.Duration
	for _, p := range c.passes {
		vb := n * c.elem
		if cacheNear((p.reads + p.fresh) * vb) {
			continue
		}
		streamTime(p, vb, 0) // (measured already: only looks up)
		vb -= vb % roofline.Block
		roof.mu.Lock()
		v := streamBest[streamKey{p, vb}]
		roof.mu.Unlock()
		t += timeStream(p, vb, v.loop, v.nt)
	}
	return t
}

// bound is c's bound on n elements, in ns: the larger of computeTime and
// memoryTime. Each call times each memory pass once more, with its
// fastest loop (reps 1), so the run's quietest moment decides.
func (c cost) bound(n int) float64 {
	return max(c.computeTime(n), float64(c.memoryTime(n, 1)))
}

// reportBound stops the timer and reports the benchmark's time per
// operation over c's bound on n elements as x-bound (1 is the bound; a
// kernel can only be above it).
func reportBound(b *testing.B, c cost, n int) { reportBoundAs(b, c, n, "x-bound") }

// reportBoundAs is reportBound with the metric named unit.
func reportBoundAs(b *testing.B, c cost, n int, unit string) {
	b.StopTimer()
	if b.N == 0 {
		return
	}
	per := float64(b.Elapsed()) / float64(b.N)
	if bd := c.bound(n); bd > 0 {
		b.ReportMetric(per/bd, unit)
	}
}

// samSGDCost is the bound of one SAM + SGD-momentum step on float32
// (BenchmarkSAMStep): the gradient norm, perturb-and-save and
// restore-and-update.
var samSGDCost = cost{passes: []streams{passRead1, passPerturb, passSGDRestore}, elem: 4, fmas: 1 + 1 + 2}

// BenchmarkRoofline measures the probes themselves: the figures every
// x-bound is relative to. Names and units:
//
//   - read/loop=L/size=S: a read-only pass (XOR reduction into
//     independent registers) over S bytes, MB/s; L is the probe's loop
//     (roofline.VariantsFor the shape: the general zmm256, zmm512, ymm256
//     and the tight tzmm64, tzmm256, tymm64, tymm256). 32K and 512K are in
//     L1 and L2: they show the loop's own speed, far above the memory's;
//     1G is beyond any cache.
//   - write/store=plain|nt/loop=L/size=S: a write-only pass with ordinary
//     stores (each line read for ownership, then written: the MB/s count
//     the written bytes only) or non-temporal ones.
//   - copy/store=plain|nt/loop=L/size=S: one vector read, another written.
//   - mix/r=R,ip=I,w=W/store=plain|nt/loop=L/size=S: the passes of the fused
//     kernels (r=2,ip=1,w=1 PerturbSave, r=3,ip=1,w=1 SGDRestore,
//     r=4,ip=2,w=1 AdamWRestore); MB/s counts each vector read or written
//     once; S is the size of one vector.
//   - fma: the FMA probe, GFLOP/s of float32 (twice for a float64 lane
//     count of half); load: the L1 load probe, MB/s.
func BenchmarkRoofline(b *testing.B) {
	b.Logf("probes=%s l1=%d l2=%d l3=%d", roofline.Kind(), l1Size, l2Size, l3Size)
	pass := func(name string, s streams, vecBytes int, nt bool) {
		for _, v := range roofline.VariantsFor(s.reads, s.inplace, s.fresh) {
			passVariant(b, name, s, vecBytes, v, nt)
		}
	}

	for _, sz := range []int{32 << 10, 512 << 10, 64 << 20, 1 << 30} {
		pass("read", passRead1, sz, false)
	}
	for _, store := range []string{"plain", "nt"} {
		nt := store == "nt"
		for _, sz := range []int{64 << 20, 1 << 30} {
			pass("write/store="+store, streams{0, 0, 1}, sz, nt)
		}
		pass("copy/store="+store, streams{1, 0, 1}, 64<<20, nt)
		for _, s := range []streams{passPerturb, passSGDRestore, passAdamW} {
			pass("mix/"+s.String()+"/store="+store, s, 64<<20, nt)
		}
	}
	b.Run("fma", func(b *testing.B) {
		roofline.FMA(1 << 16)
		b.ResetTimer()
		var flops float64
		for range b.N {
			flops += roofline.FMA(1 << 16)
		}
		b.ReportMetric(flops/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
	})
	b.Run("load", func(b *testing.B) {
		buf := loadBuf()
		b.SetBytes(int64(len(buf)) * 64)
		for range b.N {
			roofline.Loads(buf, 64)
		}
	})
}

// passVariant is one stream sub-benchmark of BenchmarkRoofline.
func passVariant(b *testing.B, name string, s streams, vecBytes int, v roofline.Variant, nt bool) {
	b.Run(fmt.Sprintf("%s/loop=%s/size=%s", name, v, byteName(vecBytes)), func(b *testing.B) {
		// In-cache sizes repeat the pass, so that timing and call
		// overheads do not show.
		reps := max(1, (8<<20)/vecBytes/(s.reads+s.fresh))
		moved := s.moved(vecBytes)
		if s.reads == 0 {
			moved = float64(s.fresh * vecBytes)
		}
		b.SetBytes(int64(moved) * int64(reps))
		var vs [][]byte // allocated and faulted in untimed
		if vecBytes <= 256<<20 {
			vs = arenaVecs(s.reads+s.fresh, vecBytes)
		} else { // the 1G cases: their own, not a 1 GiB arena for every shape
			for range s.reads + s.fresh {
				v := allocKept(vecBytes)
				fillRandom(v, uint64(len(vs)))
				defer freeKept(v)
				vs = append(vs, v)
			}
		}
		roofline.StreamVariant(v, vs[:s.reads], s.inplace, vs[s.reads:], nt)
		b.ResetTimer()
		for range b.N {
			for range reps {
				roofline.StreamVariant(v, vs[:s.reads], s.inplace, vs[s.reads:], nt)
			}
		}
	})
}

// byteName writes a size as 32K, 64M, 1G.
func byteName(n int) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dG", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dK", n>>10)
	}
	return fmt.Sprint(n)
}

// TestStreamTimeNeedsTight checks that a bound is refused for a shape that
// has only the general loops where the CPU has tight ones.
func TestStreamTimeNeedsTight(t *testing.T) {
	if roofline.Kind() == "go" {
		if d := streamTime(streams{3, 2, 2}, 2*roofline.Block, 0); d <= 0 {
			t.Errorf("go probes: streamTime = %v", d)
		}
		return
	}
	defer func() {
		if recover() == nil {
			t.Error("streamTime of r=3,ip=2,w=2 (no tight loop): no panic")
		}
	}()
	streamTime(streams{3, 2, 2}, 2*roofline.Block, 0)
}

// TestLoadBufWritten checks that every page of the load probe's buffer has
// been written: an unwritten page reads from the shared zero page, and
// loads from several virtual pages on one physical page ran at half the
// L1 rate on Zen 3, so the in-cache bound was not one (loadBufOnce).
func TestLoadBufWritten(t *testing.T) {
	buf := loadBuf()
	for p := 0; p < len(buf); p += 4096 {
		page := buf[p:min(p+4096, len(buf))]
		if !slices.ContainsFunc(page, func(c byte) bool { return c != 0 }) {
			t.Errorf("page at %d of the load buffer was never written", p)
		}
	}
}

// TestArenaRandom checks that the probes' vectors hold random bytes, not a
// constant that the probes' XOR turns to zeros (fillRandom says why).
func TestArenaRandom(t *testing.T) {
	for _, v := range arenaVecs(2, 64<<10) {
		var seen [256]bool
		zeros := 0
		for i, c := range v {
			seen[c] = true
			if i%8 == 0 && binary.LittleEndian.Uint64(v[i:]) == 0 {
				zeros++
			}
		}
		if n := len(slices.DeleteFunc(seen[:], func(b bool) bool { return !b })); n < 256 || zeros > 0 {
			t.Errorf("an arena vector holds %d distinct bytes and %d zero words, want 256 and none", n, zeros)
		}
	}
}

// TestComputeTimeFractional checks that a short call's in-cache bound keeps
// its fraction of a ns: Dot f32 at n = 16 loads 128 bytes, a few ns at
// most, and the whole-ns bound it had was 0, so no x-bound was reported.
func TestComputeTimeFractional(t *testing.T) {
	c := cost{passes: []streams{passRead2}, elem: 4, fmas: 1}
	short, long := c.computeTime(16), c.computeTime(16<<10)
	if short <= 0 {
		t.Fatalf("computeTime(16) = %v ns, want > 0", short)
	}
	// The same rates, so the bound is linear in n; both calls resample the
	// probes, which can only raise the rates, so the later bound can only
	// be less than linear.
	if r := long / short; r > 1024*(1+1e-9) {
		t.Errorf("computeTime(16K)/computeTime(16) = %v, want ≤ 1024", r)
	}
}

// TestCacheNear checks where the stream probe starts to be the bound: not
// for vectors that fit in the L3 (Axpy f64 at n = 1M beat it on a Zen 3),
// nor up to twice the L2, and from twice the L3 on.
func TestCacheNear(t *testing.T) {
	for _, c := range []struct {
		bytes int
		want  bool
	}{
		{2*l2Size - roofline.Block, true}, {l3Size, true}, {2*l3Size - roofline.Block, true},
		{2 * l3Size, false}, {256 << 20, false},
	} {
		if got := cacheNear(c.bytes); got != c.want {
			t.Errorf("cacheNear(%d) = %v, want %v (l2 %d, l3 %d)", c.bytes, got, c.want, l2Size, l3Size)
		}
	}
}
