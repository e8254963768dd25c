package bench

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/samkern/samkern/kernels"
)

// float is the element type of the vectors.
type float interface{ ~float32 | ~float64 }

// size is one vector length of the suite and its name in the benchmark name.
type size struct {
	name string
	n    int
}

// sizes are the lengths of the Level-1 benchmarks: a call-overhead size, three
// that fit L1, L2 and (part of) L3 with two or three vectors, and two that are
// memory-bound (1M float64 is 8 MiB a vector; 16M is 128 MiB).
var sizes = []size{
	{"16", 16}, {"256", 256}, {"2048", 2048}, {"32768", 32768},
	{"1M", 1 << 20}, {"16M", 1 << 24},
}

// sink keeps the results alive so the compiler cannot drop the calls.
var sink float64

// configLines are printed before the results of a benchmark run, as
// "key: value" lines that benchstat and the table tool treat as
// configuration. openblas_test.go adds OpenBLAS's core type and threads.
var configLines = []string{
	fmt.Sprintf("samkern: levels=%s active=%s", levelNames(), kernels.ISA()),
}

// implCheck holds, per impl name, a check that its set-up is sound for
// benchmarking (OpenBLAS: one thread, the right core type). A failing check
// fails that impl's sub-benchmarks rather than publishing misleading numbers.
var implCheck = map[string]func() error{}

// levelNames lists the levels this CPU supports, best first.
func levelNames() string {
	var names []string
	for _, l := range kernels.Levels() {
		names = append(names, l.String())
	}
	return strings.Join(names, ",")
}

// TestMain prints configLines before a benchmark run, where benchstat and
// the table tool pick them up; plain test runs print nothing extra.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		for _, l := range configLines {
			fmt.Println(l)
		}
	}
	os.Exit(m.Run())
}

// randVec returns n values uniform in [-1, 1), the same for the same seed
// and n. Filling the vector also faults its pages in before any timing.
// Large vectors are backed by huge pages (allocVec) and live until the
// size's sub-benchmarks end (releaseVectors in forSizes and forMatSizes).
func randVec[T float](n int, seed uint64) []T {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	x := allocVec[T](n)
	for i := range x {
		x[i] = T(2*r.Float64() - 1)
	}
	return x
}

// zeroVec returns n zeros from allocVec, written once so that their pages
// are faulted in before any timing, like randVec's.
func zeroVec[T float](n int) []T {
	x := allocVec[T](n)
	for i := range x {
		x[i] = 0
	}
	return x
}

// elemSize is the size of one T in bytes.
func elemSize[T float]() int {
	var z T
	return int(unsafe.Sizeof(z))
}

// forSizes runs body as the sub-benchmark n=<size> for each size. Vectors
// are allocated inside body, so they exist only while that size runs (a
// filtered-out size allocates nothing) and are reused by every impl.
func forSizes(b *testing.B, body func(b *testing.B, n int)) {
	for _, s := range sizes {
		b.Run("n="+s.name, func(b *testing.B) { body(b, s.n) })
		releaseVectors()
	}
}

// runImpls runs the sub-benchmark impl=<name> for every implementation for
// which loop returns a benchmark loop (nil: it lacks the operation). Each
// moves bytes bytes per operation over n elements; it reports MB/s, elem/ns
// and x-bound, its time over c's bound on n elements (roofline_test.go).
func runImpls(b *testing.B, n, bytes int, c cost, loop func(p *impl) func(b *testing.B)) {
	for _, p := range impls() {
		run := loop(p)
		if run == nil {
			continue
		}
		b.Run("impl="+p.name, func(b *testing.B) {
			if check := implCheck[p.name]; check != nil {
				if err := check(); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(bytes))
			run(b)
			reportElemPerNs(b, n)
			reportBound(b, c, n)
		})
	}
}

// reportElemPerNs reports the elements processed per nanosecond.
func reportElemPerNs(b *testing.B, n int) {
	if ns := b.Elapsed().Nanoseconds(); ns > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/float64(ns), "elem/ns")
	}
}

// BenchmarkDot measures x·y: it reads two vectors.
func BenchmarkDot(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		benchDot(b, func(p *impl) (func(x, y []float64) float64, func(x, y []float64, reps int) float64) {
			return p.dot, p.dotReps
		})
	})
	b.Run("f32", func(b *testing.B) {
		benchDot(b, func(p *impl) (func(x, y []float32) float32, func(x, y []float32, reps int) float32) {
			return p.dot32, p.dot32Reps
		})
	})
}

// benchDot benchmarks a dot product of T vectors, for each size and impl:
// op returns the impl's call, or its own loop of calls (impl.dotReps).
func benchDot[T float](b *testing.B, op func(*impl) (func(x, y []T) T, func(x, y []T, reps int) T)) {
	forSizes(b, func(b *testing.B, n int) {
		x, y := randVec[T](n, 1), randVec[T](n, 2)
		c := cost{passes: []streams{passRead2}, elem: elemSize[T](), fmas: 1}
		runImpls(b, n, 2*n*elemSize[T](), c, func(p *impl) func(*testing.B) {
			f, reps := op(p)
			if reps != nil {
				return func(b *testing.B) { sink = float64(reps(x, y, b.N)) }
			}
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				var s T
				for range b.N {
					s += f(x, y)
				}
				sink = float64(s)
			}
		})
	})
}

// BenchmarkAxpy measures y += alpha*x: it reads two vectors and writes one.
// y keeps being updated across iterations and impls; alpha alternates
// between 1e-9 and -1e-9, continuing across impls, so y stays at its random
// start up to rounding and never drifts towards overflow or subnormals.
func BenchmarkAxpy(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		benchAxpy(b, func(p *impl) (func(a float64, x, y []float64), func(x, y []float64, reps, calls0 int)) {
			return p.axpy, p.axpyReps
		})
	})
	b.Run("f32", func(b *testing.B) {
		benchAxpy(b, func(p *impl) (func(a float32, x, y []float32), func(x, y []float32, reps, calls0 int)) {
			return p.axpy32, p.axpy32Reps
		})
	})
}

// benchAxpy benchmarks y += alpha*x on T vectors, for each size and impl:
// op returns the impl's call, or its own loop of calls (impl.axpyReps).
func benchAxpy[T float](b *testing.B, op func(*impl) (func(a T, x, y []T), func(x, y []T, reps, calls0 int))) {
	forSizes(b, func(b *testing.B, n int) {
		x, y := randVec[T](n, 1), randVec[T](n, 2)
		calls := 0 // calls so far on y: the parity picks the next alpha
		c := cost{passes: []streams{passAxpy}, elem: elemSize[T](), fmas: 1}
		runImpls(b, n, 3*n*elemSize[T](), c, func(p *impl) func(*testing.B) {
			f, reps := op(p)
			if reps != nil {
				return func(b *testing.B) {
					reps(x, y, b.N, calls)
					calls += b.N
				}
			}
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				alphas := [2]T{1e-9, -1e-9}
				for i := range b.N {
					f(alphas[(calls+i)&1], x, y)
				}
				calls += b.N
			}
		})
	})
}

// BenchmarkAxpyTo measures dst = alpha*x + y: it reads two vectors and
// writes a third. Peers without a single-pass AxpyTo (OpenBLAS; gonum for
// float32) copy y to dst and axpy into it, as their users would.
func BenchmarkAxpyTo(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		benchAxpyTo(b, func(p *impl) func(dst []float64, a float64, x, y []float64) { return p.axpyTo })
	})
	b.Run("f32", func(b *testing.B) {
		benchAxpyTo(b, func(p *impl) func(dst []float32, a float32, x, y []float32) { return p.axpyTo32 })
	})
}

// benchAxpyTo benchmarks dst = alpha*x + y on T vectors, for each size and
// impl.
func benchAxpyTo[T float](b *testing.B, op func(*impl) func(dst []T, a T, x, y []T)) {
	forSizes(b, func(b *testing.B, n int) {
		x, y, dst := randVec[T](n, 1), randVec[T](n, 2), randVec[T](n, 3)
		c := cost{passes: []streams{passAxpyTo}, elem: elemSize[T](), fmas: 1}
		runImpls(b, n, 3*n*elemSize[T](), c, func(p *impl) func(*testing.B) {
			f := op(p)
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				for range b.N {
					f(dst, 0.5, x, y)
				}
			}
		})
	})
}

// BenchmarkScale measures x *= alpha: it reads and writes one vector. alpha
// alternates between 2 and 0.5, continuing across impls, so x is always
// within a factor 2 of its random start and every product is exact.
func BenchmarkScale(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		benchScale(b, func(p *impl) func(a float64, x []float64) { return p.scale })
	})
	b.Run("f32", func(b *testing.B) {
		benchScale(b, func(p *impl) func(a float32, x []float32) { return p.scale32 })
	})
}

// benchScale benchmarks x *= alpha on a T vector, for each size and impl.
func benchScale[T float](b *testing.B, op func(*impl) func(a T, x []T)) {
	forSizes(b, func(b *testing.B, n int) {
		x := randVec[T](n, 1)
		calls := 0 // calls so far on x: the parity picks the next alpha
		c := cost{passes: []streams{passScale}, elem: elemSize[T](), fmas: 1}
		runImpls(b, n, 2*n*elemSize[T](), c, func(p *impl) func(*testing.B) {
			f := op(p)
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				alphas := [2]T{2, 0.5}
				for i := range b.N {
					f(alphas[(calls+i)&1], x)
				}
				calls += b.N
			}
		})
	})
}

// BenchmarkSumSq measures Σ x[i]²: it reads one vector.
func BenchmarkSumSq(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		benchReduce(b, 1, func(p *impl) func(x []float64) float64 { return p.sumSq })
	})
	b.Run("f32", func(b *testing.B) {
		benchReduce(b, 1, func(p *impl) func(x []float32) float32 { return p.sumSq32 })
	})
}

// BenchmarkNorm measures the Euclidean norm: it reads one vector. The
// entries are in [-1, 1], so no implementation needs a rescaling pass.
func BenchmarkNorm(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		benchReduce(b, 1, func(p *impl) func(x []float64) float64 { return p.norm })
	})
	b.Run("f32", func(b *testing.B) {
		benchReduce(b, 1, func(p *impl) func(x []float32) float32 { return p.norm32 })
	})
}

// BenchmarkSumSqWide measures Σ x[i]² of float32 entries accumulated in
// float64 (SumSqWide32; the peers' Dsdot(x, x)): it reads one vector.
func BenchmarkSumSqWide(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		// One float64 FMA per element: two float32 lanes' worth.
		benchReduce(b, 2, func(p *impl) func(x []float32) float64 { return p.sumSqWide32 })
	})
}

// benchReduce benchmarks a reduction of one vector of T to an R that needs
// fmas FMA-pipe operations per element (in lanes of T).
func benchReduce[T, R float](b *testing.B, fmas float64, op func(*impl) func(x []T) R) {
	forSizes(b, func(b *testing.B, n int) {
		x := randVec[T](n, 1)
		c := cost{passes: []streams{passRead1}, elem: elemSize[T](), fmas: fmas}
		runImpls(b, n, n*elemSize[T](), c, func(p *impl) func(*testing.B) {
			f := op(p)
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				var s R
				for range b.N {
					s += f(x)
				}
				sink = float64(s)
			}
		})
	})
}
