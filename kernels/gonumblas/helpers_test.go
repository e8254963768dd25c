package gonumblas_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/kernels/gonumblas"
)

// native is gonum's own implementation, the specification the tests compare
// with.
var native gonum.Implementation

// routines holds the BLAS routines that gonumblas overrides, for one
// precision, so that one generic test covers Ddot and Sdot alike.
type routines[T ref.Float] struct {
	dot  func(n int, x []T, incX int, y []T, incY int) T
	axpy func(n int, alpha T, x []T, incX int, y []T, incY int)
	scal func(n int, alpha T, x []T, incX int)
	nrm2 func(n int, x []T, incX int) T
	gemv func(tA blas.Transpose, m, n int, alpha T, a []T, lda int, x []T, incX int, beta T, y []T, incY int)
	symv func(ul blas.Uplo, n int, alpha T, a []T, lda int, x []T, incX int, beta T, y []T, incY int)
}

func routines64(impl blas.Float64) routines[float64] {
	return routines[float64]{impl.Ddot, impl.Daxpy, impl.Dscal, impl.Dnrm2, impl.Dgemv, impl.Dsymv}
}

func routines32(impl blas.Float32) routines[float32] {
	return routines[float32]{impl.Sdot, impl.Saxpy, impl.Sscal, impl.Snrm2, impl.Sgemv, impl.Ssymv}
}

// kernelOps holds the samkern kernels of one level and precision that the
// accelerated routines must call.
type kernelOps[T ref.Float] struct {
	dot       func(x, y []T) T
	axpy      func(alpha T, x, y []T)
	scale     func(alpha T, x []T)
	norm      func(x []T) T
	matVec    func(rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T)
	matTVec   func(rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T)
	symMatVec func(n int, alpha T, a []T, lda int, x []T, beta T, y []T)
}

func kernels64(l kernels.Level) kernelOps[float64] {
	return kernelOps[float64]{l.Dot, l.Axpy, l.Scale, l.Norm, l.MatVec, l.MatTVec, l.SymMatVec}
}

func kernels32(l kernels.Level) kernelOps[float32] {
	return kernelOps[float32]{l.Dot32, l.Axpy32, l.Scale32, l.Norm32, l.MatVec32, l.MatTVec32, l.SymMatVec32}
}

// precision bundles what the generic tests need for one element type.
type precision[T ref.Float] struct {
	name    string                                     // "f64" or "f32"
	ours    func(gonumblas.Implementation) routines[T] // the implementation under test
	native  routines[T]                                // gonum's
	kernels func(kernels.Level) kernelOps[T]
	max     float64 // the largest finite T
	absExp  int     // exponent of half the smallest subnormal of T
}

var (
	prec64 = precision[float64]{"f64",
		func(i gonumblas.Implementation) routines[float64] { return routines64(i) },
		routines64(native), kernels64, math.MaxFloat64, -1075}
	prec32 = precision[float32]{"f32",
		func(i gonumblas.Implementation) routines[float32] { return routines32(i) },
		routines32(native), kernels32, math.MaxFloat32, -150}
)

// newRand returns a generator seeded by the test's salt, so failures
// reproduce.
func newRand(salt uint64) *rand.Rand { return rand.New(rand.NewPCG(0x5a11, salt)) }

// randVals returns n values with a random sign, a significand in [1, 2) and
// an exponent in [-4, 4]: sums cancel and magnitudes vary, nothing
// overflows or underflows.
func randVals[T ref.Float](r *rand.Rand, n int) []T {
	v := make([]T, n)
	for i := range v {
		f := math.Ldexp(1+r.Float64(), r.IntN(9)-4)
		if r.IntN(2) == 0 {
			f = -f
		}
		v[i] = T(f)
	}
	return v
}

// stridedLen is the length a BLAS vector of n elements with increment inc
// occupies: 1 + (n−1)·|inc|, or 0 for n = 0.
func stridedLen(n, inc int) int {
	if n <= 0 {
		return 0
	}
	if inc < 0 {
		inc = -inc
	}
	return 1 + (n-1)*inc
}

// index returns where logical element i of an n-element BLAS vector with
// increment inc lives: i·inc, counted from the far end when inc < 0.
func index(i, n, inc int) int {
	if inc < 0 {
		return (n - 1 - i) * -inc
	}
	return i * inc
}

// scatter returns a slice of stridedLen(len(vals), inc) elements holding
// vals at increment inc and fill in the gaps.
func scatter[T ref.Float](vals []T, inc int, fill T) []T {
	v := make([]T, stridedLen(len(vals), inc))
	for i := range v {
		v[i] = fill
	}
	for i, x := range vals {
		v[index(i, len(vals), inc)] = x
	}
	return v
}

// gather returns the n logical elements of a BLAS vector.
func gather[T ref.Float](v []T, n, inc int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v[index(i, n, inc)]
	}
	return out
}

// guardLen is the number of sentinel elements on each side of a guarded
// slice.
const guardLen = 9

// sentinel fills the guards; no computation in the tests produces it.
const sentinel = -1234.5

// guarded returns a copy of v inside a larger buffer with guardLen sentinels
// on each side; the copy's capacity ends at its length, so Go code cannot
// reach the guards, and a kernel that writes outside its slice shows up in
// checkGuards.
func guarded[T ref.Float](v []T) (buf, inner []T) {
	buf = make([]T, len(v)+2*guardLen)
	for i := range buf {
		buf[i] = sentinel
	}
	copy(buf[guardLen:], v)
	return buf, buf[guardLen : guardLen+len(v) : guardLen+len(v)]
}

// checkGuards reports an error if a guard of buf was overwritten.
func checkGuards[T ref.Float](buf []T) error {
	for i := range buf {
		if (i < guardLen || i >= len(buf)-guardLen) && buf[i] != sentinel {
			return fmt.Errorf("guard element %d overwritten with %v", i, buf[i])
		}
	}
	return nil
}

// sameBits reports whether a and b are the same value: equal bits, or both
// NaN (payloads may differ between instruction sets).
func sameBits[T ref.Float](a, b T) bool {
	fa, fb := float64(a), float64(b)
	if math.IsNaN(fa) || math.IsNaN(fb) {
		return math.IsNaN(fa) && math.IsNaN(fb)
	}
	return fa == fb && math.Signbit(fa) == math.Signbit(fb)
}

// sameSlice reports the first index where a and b differ in bits, or -1.
func sameSlice[T ref.Float](a, b []T) int {
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	for i := range a {
		if !sameBits(a[i], b[i]) {
			return i
		}
	}
	return -1
}

// closeTo checks two computed values of an exact e, one from samkern (ours,
// each term through at most oursDepth roundings) and one from gonum (native,
// at most nativeDepth): ours must be within γ_oursDepth·Abs of the exact
// value, and the two within (γ_oursDepth + γ_nativeDepth)·Abs of each other,
// plus nops·eta/2 for operations whose result underflows (none do with the
// tests' data, but the bound stays honest).
func closeTo[T ref.Float](ours, nat T, e ref.Exact, oursDepth, nativeDepth, nops int) error {
	u, eta := ref.Unit[T](), ref.Eta[T]()
	if err := ref.CheckExact(float64(ours), e, oursDepth, nops, u, eta); err != nil {
		return fmt.Errorf("against the exact value: %v", err)
	}
	g := ref.Gamma(oursDepth, u) + ref.Gamma(nativeDepth, u)
	b := new(big.Float).SetPrec(e.Abs.Prec()+64).Mul(e.Abs, big.NewFloat(g))
	b.Add(b, big.NewFloat(float64(nops)*eta))
	d := new(big.Float).SetPrec(200).SetFloat64(float64(ours))
	d.Sub(d, new(big.Float).SetFloat64(float64(nat)))
	if d.Abs(d).Cmp(b) > 0 {
		bf, _ := b.Float64()
		return fmt.Errorf("ours %v, gonum's %v: difference exceeds %.3g", ours, nat, bf)
	}
	return nil
}

// panicValue runs f and returns the value it panicked with, nil if none.
func panicValue(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
