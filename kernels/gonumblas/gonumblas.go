// Package gonumblas is a gonum BLAS implementation (blas.Float64 and
// blas.Float32) whose hot routines run on samkern's kernels. It is a drop-in
// for gonum's own:
//
//	blas64.Use(gonumblas.Implementation{})
//	blas32.Use(gonumblas.Implementation{})
//
// after which gonum/mat, gonum/lapack and blas64/blas32 callers use it.
//
// # What is accelerated
//
// Implementation embeds gonum's native implementation (gonum.org/v1/gonum/
// blas/gonum) and overrides these routines, float64 and float32 alike:
//
//	Ddot  Sdot   incX = incY = 1                  → kernels Dot, Dot32
//	Daxpy Saxpy  incX = incY = 1, alpha ≠ 0       → Axpy, Axpy32
//	Dscal Sscal  incX = 1, alpha ≠ 0              → Scale, Scale32
//	Dnrm2 Snrm2  incX = 1, n ≥ 2                  → Norm, Norm32
//	Dgemv Sgemv  incX = incY = 1, NoTrans         → MatVec, MatVec32
//	             incX = incY = 1, Trans/ConjTrans → MatTVec, MatTVec32
//	Dsymv Ssymv  incX = incY = 1, blas.Upper      → SymMatVec, SymMatVec32
//
// Every other call of these routines goes to the embedded gonum code
// unchanged: non-unit and negative increments, Dsymv with blas.Lower (samkern
// has no kernel that reads the lower triangle), alpha = 0 in Daxpy and Dscal
// (gonum leaves y alone and writes exact zeros, which a multiply would not
// do with NaN or Inf in x), empty problems (gonum's quick returns: Dgemv
// with m = 0 or n = 0 leaves y untouched whatever beta is), calls whose
// output overlaps an input (the kernels refuse them; gonum computes something
// order-dependent without panicking), and every invalid argument, so the
// panics are gonum's own, message for message. The routines not listed
// (Level 3, the triangular and banded ones, Dger, ...) are gonum's.
//
// # Results
//
// The accelerated paths compute what gonum computes up to rounding, within
// the kernels' bounds: dot products and the rows of a gemv are summed in a
// different order (|error| ≤ γ_{n+8}·Σ|terms|), and the SIMD levels round
// a*x+y once (fused multiply-add) where gonum rounds twice. Dnrm2 and Snrm2
// neither overflow nor underflow where the norm is representable (as gonum's),
// NaN anywhere gives NaN and otherwise ±Inf gives +Inf (as gonum's); Snrm2
// accumulates in float64, so it is more accurate than gonum's. The BLAS rules
// for alpha and beta hold as in gonum: beta = 0 writes y without reading it
// (NaN in y does not survive), and alpha = 0 reads neither A nor x.
//
// # Levels
//
// The zero value runs on kernels.Active(), the level the kernels package
// picked at start-up (capped by SAMKERN_ISA). ForLevel pins a level, which is
// how the tests run gonum's test suites on every level the CPU supports.
package gonumblas

import (
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/samkern/samkern/kernels"
)

// Implementation is a blas.Float64 and blas.Float32 implementation that runs
// the routines listed in the package documentation on samkern's kernels and
// everything else on the embedded gonum.Implementation. The zero value is
// ready to use and runs on kernels.Active(); ForLevel pins a level. Values
// are immutable and safe for concurrent use.
type Implementation struct {
	gonum.Implementation // gonum's native BLAS, for what is not accelerated

	level  kernels.Level // the pinned level, meaningful when pinned is set
	pinned bool          // false: use kernels.Active()
}

// Implementation satisfies gonum's float64 and float32 BLAS interfaces.
var (
	_ blas.Float64 = Implementation{}
	_ blas.Float32 = Implementation{}
)

// ForLevel returns an Implementation that runs on level l rather than on
// kernels.Active(). It panics if this CPU (or build) cannot run l.
func ForLevel(l kernels.Level) Implementation {
	if !l.Supported() {
		panic("gonumblas: level " + l.String() + " is not supported on this CPU")
	}
	return Implementation{level: l, pinned: true}
}

// Level returns the level the accelerated routines run on: the one given to
// ForLevel, or kernels.Active() for the zero value.
func (impl Implementation) Level() kernels.Level {
	if impl.pinned {
		return impl.level
	}
	return kernels.Active()
}

// unitLevel1 reports whether a Level-1 call over n elements with unit
// increments can go to a kernel: n > 0 and both slices long enough. (x, y are
// the two vectors; callers with one pass it twice.)
func unitLevel1[T float32 | float64](n int, x []T, incX int, y []T, incY int) bool {
	return incX == 1 && incY == 1 && n > 0 && len(x) >= n && len(y) >= n
}

// gemvFast reports whether a gemv call can go to MatVec or MatTVec: gonum
// would neither panic nor return early, the increments are 1 and y overlaps
// neither x nor A. It returns the lengths of x and y.
func gemvFast[T float32 | float64](tA blas.Transpose, m, n int, a []T, lda int, x []T, incX int, y []T, incY int) (lenX, lenY int, ok bool) {
	if tA != blas.NoTrans && tA != blas.Trans && tA != blas.ConjTrans {
		return 0, 0, false
	}
	if m <= 0 || n <= 0 || lda < n || incX != 1 || incY != 1 {
		return 0, 0, false
	}
	lenX, lenY = n, m
	if tA != blas.NoTrans {
		lenX, lenY = m, n
	}
	size := lda*(m-1) + n
	if len(x) < lenX || len(y) < lenY || len(a) < size {
		return 0, 0, false
	}
	if overlaps(y[:lenY], x[:lenX]) || overlaps(y[:lenY], a[:size]) {
		return 0, 0, false
	}
	return lenX, lenY, true
}

// symvFast reports whether a symv call can go to SymMatVec: the upper
// triangle, unit increments, gonum would neither panic nor return early, and
// y overlaps neither x nor A.
func symvFast[T float32 | float64](ul blas.Uplo, n int, a []T, lda int, x []T, incX int, y []T, incY int) bool {
	if ul != blas.Upper || n <= 0 || lda < n || incX != 1 || incY != 1 {
		return false
	}
	size := lda*(n-1) + n
	if len(a) < size || len(x) < n || len(y) < n {
		return false
	}
	return !overlaps(y[:n], x[:n]) && !overlaps(y[:n], a[:size])
}

// overlaps reports whether two non-empty slices share any memory.
func overlaps[T float32 | float64](a, b []T) bool {
	pa := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
	pb := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	size := unsafe.Sizeof(a[0])
	return pa < pb+uintptr(len(b))*size && pb < pa+uintptr(len(a))*size
}

// shiftedOverlap reports whether two non-empty slices share memory without
// starting at the same element. Axpy accepts the very same slice (it reads
// each element before writing it) and nothing else.
func shiftedOverlap[T float32 | float64](a, b []T) bool {
	return unsafe.SliceData(a) != unsafe.SliceData(b) && overlaps(a, b)
}
