package bench

import (
	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/floats"

	"github.com/samkern/samkern/kernels"
)

// impl is one implementation of the Level-1 operations. A nil field means the
// implementation does not have that operation, and its sub-benchmark is
// left out rather than faked.
type impl struct {
	name string

	dot    func(x, y []float64) float64
	axpy   func(alpha float64, x, y []float64)
	axpyTo func(dst []float64, alpha float64, x, y []float64)
	scale  func(alpha float64, x []float64)
	sumSq  func(x []float64) float64
	norm   func(x []float64) float64

	dot32       func(x, y []float32) float32
	axpy32      func(alpha float32, x, y []float32)
	axpyTo32    func(dst []float32, alpha float32, x, y []float32)
	scale32     func(alpha float32, x []float32)
	sumSq32     func(x []float32) float32
	norm32      func(x []float32) float32
	sumSqWide32 func(x []float32) float64 // float32 in, float64 accumulation

	// A peer's own loop of reps calls, timed as one call into it, for
	// peers whose per-call crossing from Go (cgo) would hide the kernel's
	// per-call cost: what a caller in the peer's language pays. The axpy
	// loops take the calls so far, whose parity picks the first alpha.
	dotReps    func(x, y []float64, reps int) float64
	dot32Reps  func(x, y []float32, reps int) float32
	axpyReps   func(x, y []float64, reps, calls0 int)
	axpy32Reps func(x, y []float32, reps, calls0 int)
}

// extraImpls are peers that only some builds have: openblas_test.go adds
// OpenBLAS under the build tag openblas.
var extraImpls []*impl

// impls returns every implementation, in the column order of the tables:
// samkern's levels best first, then gonum, vek and the extra peers.
func impls() []*impl {
	var list []*impl
	for _, l := range kernels.Levels() {
		list = append(list, levelImpl(l))
	}
	list = append(list, pkgLoopImpl, gonumImpl(), vekImpl())
	return append(list, extraImpls...)
}

// pkgLoopImpl is samkern's package-level functions (the active level)
// called directly in a loop, with no function value in between: the Go
// counterpart of openblas:cloop, a C loop calling OpenBLAS, so that the two
// compare per-call costs as each language's caller pays them.
var pkgLoopImpl = &impl{
	name: "pkg:loop",
	dotReps: func(x, y []float64, reps int) float64 {
		var s float64
		for range reps {
			s += kernels.Dot(x, y)
		}
		return s
	},
	dot32Reps: func(x, y []float32, reps int) float32 {
		var s float32
		for range reps {
			s += kernels.Dot32(x, y)
		}
		return s
	},
	axpyReps: func(x, y []float64, reps, calls0 int) {
		alphas := [2]float64{1e-9, -1e-9}
		for i := range reps {
			kernels.Axpy(alphas[(calls0+i)&1], x, y)
		}
	},
	axpy32Reps: func(x, y []float32, reps, calls0 int) {
		alphas := [2]float32{1e-9, -1e-9}
		for i := range reps {
			kernels.Axpy32(alphas[(calls0+i)&1], x, y)
		}
	},
}

// levelImpl calls samkern's level l directly, whatever SAMKERN_ISA selects.
func levelImpl(l kernels.Level) *impl {
	return &impl{
		name:        l.String(),
		dot:         l.Dot,
		axpy:        l.Axpy,
		axpyTo:      l.AxpyTo,
		scale:       l.Scale,
		sumSq:       l.SumSq,
		norm:        l.Norm,
		dot32:       l.Dot32,
		axpy32:      l.Axpy32,
		axpyTo32:    l.AxpyTo32,
		scale32:     l.Scale32,
		sumSq32:     l.SumSq32,
		norm32:      l.Norm32,
		sumSqWide32: l.SumSqWide32,
	}
}

// gonumNative is gonum's native BLAS, the implementation that blas64 and
// blas32 use by default. It is called as the concrete type, which saves the
// interface call that blas64.Dot and friends add: the fastest way to reach
// gonum's kernels (internal/asm/f64 and f32).
var gonumNative gonum.Implementation

// Make sure gonumNative is what blas64 and blas32 use by default, so that
// "gonum" means what a gonum user gets.
var (
	_ = blas64.Implementation().(gonum.Implementation)
	_ = blas32.Implementation().(gonum.Implementation)
)

// gonumImpl is gonum's native BLAS (Ddot, Daxpy, Dscal, Dnrm2 and the
// float32 twins). SumSq is Ddot(x, x), as BLAS has no sum of squares; AxpyTo
// is floats.AddScaledTo, one pass, for float64; gonum has no float32 AxpyTo
// (no floats32 package, and the internal f32.AxpyUnitaryTo is not exported),
// so AxpyTo32 copies y to dst and runs Saxpy on dst: two passes, the route a
// gonum float32 user has. SumSqWide32 is Dsdot(x, x).
func gonumImpl() *impl {
	g := gonumNative
	return &impl{
		name:   "gonum",
		dot:    func(x, y []float64) float64 { return g.Ddot(len(x), x, 1, y, 1) },
		axpy:   func(a float64, x, y []float64) { g.Daxpy(len(x), a, x, 1, y, 1) },
		axpyTo: func(dst []float64, a float64, x, y []float64) { floats.AddScaledTo(dst, y, a, x) },
		scale:  func(a float64, x []float64) { g.Dscal(len(x), a, x, 1) },
		sumSq:  func(x []float64) float64 { return g.Ddot(len(x), x, 1, x, 1) },
		norm:   func(x []float64) float64 { return g.Dnrm2(len(x), x, 1) },
		dot32:  func(x, y []float32) float32 { return g.Sdot(len(x), x, 1, y, 1) },
		axpy32: func(a float32, x, y []float32) { g.Saxpy(len(x), a, x, 1, y, 1) },
		axpyTo32: func(dst []float32, a float32, x, y []float32) {
			copy(dst, y)
			g.Saxpy(len(x), a, x, 1, dst, 1)
		},
		scale32:     func(a float32, x []float32) { g.Sscal(len(x), a, x, 1) },
		sumSq32:     func(x []float32) float32 { return g.Sdot(len(x), x, 1, x, 1) },
		norm32:      func(x []float32) float32 { return g.Snrm2(len(x), x, 1) },
		sumSqWide32: func(x []float32) float64 { return g.Dsdot(len(x), x, 1, x, 1) },
	}
}

// vekImpl is github.com/viterin/vek (AVX2 and FMA when the CPU has them, pure
// Go otherwise; it has no AVX-512). vek has no axpy of any kind, so Axpy and
// AxpyTo are left out (composing MulNumber and Add would be two passes that
// no vek user would call an axpy). SumSq is Dot(x, x). vek.Norm is a plain
// sqrt of the sum of squares: it overflows and underflows where samkern's
// Norm does not, and vek32.Norm accumulates in float32 where Norm32
// accumulates in float64; it is benchmarked as the norm vek offers. Scale is
// MulNumber_Inplace. vek panics on empty slices; the suite has none.
func vekImpl() *impl {
	return &impl{
		name:    "vek",
		dot:     vek.Dot,
		scale:   func(a float64, x []float64) { vek.MulNumber_Inplace(x, a) },
		sumSq:   func(x []float64) float64 { return vek.Dot(x, x) },
		norm:    vek.Norm,
		dot32:   vek32.Dot,
		scale32: func(a float32, x []float32) { vek32.MulNumber_Inplace(x, a) },
		sumSq32: func(x []float32) float32 { return vek32.Dot(x, x) },
		norm32:  vek32.Norm,
	}
}
