package gonumblas_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/blas"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/kernels/gonumblas"
)

// gonum's panic messages (gonum.org/v1/gonum/blas/gonum/errors.go).
const (
	zeroIncX     = "blas: zero x index increment"
	zeroIncY     = "blas: zero y index increment"
	mLT0         = "blas: m < 0"
	nLT0         = "blas: n < 0"
	badUplo      = "blas: illegal triangle"
	badTranspose = "blas: illegal transpose"
	badLdA       = "blas: bad leading dimension of A"
	shortX       = "blas: insufficient length of x"
	shortY       = "blas: insufficient length of y"
	shortA       = "blas: insufficient length of a"
)

// argCase is one call with arguments at or past the edge of what BLAS
// accepts, and what gonum does with it: panic with want, or (want = nil)
// return normally.
type argCase[T ref.Float] struct {
	name string
	want any
	call func(r routines[T])
}

// argCases lists, per routine, every invalid argument in the order gonum
// checks them, combinations that show which check comes first, and the
// quick returns that skip the checks after them.
func argCases[T ref.Float]() []argCase[T] {
	v := func(n int) []T { return make([]T, n) }
	return []argCase[T]{
		{"dot n<0", nLT0, func(r routines[T]) { r.dot(-1, v(3), 1, v(3), 1) }},
		{"dot incX=0", zeroIncX, func(r routines[T]) { r.dot(3, v(3), 0, v(3), 1) }},
		{"dot incY=0", zeroIncY, func(r routines[T]) { r.dot(3, v(3), 1, v(3), 0) }},
		{"dot incX=0 before n<0", zeroIncX, func(r routines[T]) { r.dot(-1, v(3), 0, v(3), 1) }},
		{"dot short x", shortX, func(r routines[T]) { r.dot(4, v(3), 1, v(4), 1) }},
		{"dot short y", shortY, func(r routines[T]) { r.dot(4, v(4), 1, v(3), 1) }},
		{"dot short x, inc 2", shortX, func(r routines[T]) { r.dot(2, v(2), 2, v(2), 1) }},
		{"dot short y, inc -2", shortY, func(r routines[T]) { r.dot(2, v(2), 1, v(2), -2) }},
		{"dot n=0, nil", nil, func(r routines[T]) { r.dot(0, nil, 1, nil, 1) }},

		{"axpy incX=0", zeroIncX, func(r routines[T]) { r.axpy(3, 1, v(3), 0, v(3), 1) }},
		{"axpy incY=0", zeroIncY, func(r routines[T]) { r.axpy(3, 1, v(3), 1, v(3), 0) }},
		{"axpy n<0", nLT0, func(r routines[T]) { r.axpy(-1, 1, v(3), 1, v(3), 1) }},
		{"axpy short x", shortX, func(r routines[T]) { r.axpy(4, 1, v(3), 1, v(4), 1) }},
		{"axpy short y", shortY, func(r routines[T]) { r.axpy(4, 1, v(4), 1, v(3), 1) }},
		{"axpy short y, alpha=0", shortY, func(r routines[T]) { r.axpy(4, 0, v(4), 1, v(3), 1) }},
		{"axpy short x, inc -2", shortX, func(r routines[T]) { r.axpy(2, 1, v(2), -2, v(2), 1) }},
		{"axpy n=0, nil", nil, func(r routines[T]) { r.axpy(0, 1, nil, 1, nil, 1) }},

		{"scal incX=0", zeroIncX, func(r routines[T]) { r.scal(3, 2, v(3), 0) }},
		{"scal n<0", nLT0, func(r routines[T]) { r.scal(-1, 2, v(3), 1) }},
		{"scal n<0, incX<0 (no-op)", nil, func(r routines[T]) { r.scal(-1, 2, v(3), -1) }},
		{"scal short x", shortX, func(r routines[T]) { r.scal(4, 2, v(3), 1) }},
		{"scal short x, alpha=0", shortX, func(r routines[T]) { r.scal(4, 0, v(3), 1) }},
		{"scal n=0, nil", nil, func(r routines[T]) { r.scal(0, 2, nil, 1) }},

		{"nrm2 incX=0", zeroIncX, func(r routines[T]) { r.nrm2(3, v(3), 0) }},
		{"nrm2 n<0", nLT0, func(r routines[T]) { r.nrm2(-1, v(3), 1) }},
		{"nrm2 n<0, incX<0 (returns 0)", nil, func(r routines[T]) { r.nrm2(-1, v(3), -1) }},
		{"nrm2 short x", shortX, func(r routines[T]) { r.nrm2(4, v(3), 1) }},
		{"nrm2 short x, n=1", shortX, func(r routines[T]) { r.nrm2(1, nil, 1) }},

		{"gemv bad transpose", badTranspose, func(r routines[T]) { r.gemv('X', 2, 3, 1, v(6), 3, v(3), 1, 0, v(2), 1) }},
		{"gemv m<0", mLT0, func(r routines[T]) { r.gemv(blas.NoTrans, -1, 3, 1, v(6), 3, v(3), 1, 0, v(2), 1) }},
		{"gemv n<0", nLT0, func(r routines[T]) { r.gemv(blas.NoTrans, 2, -1, 1, v(6), 3, v(3), 1, 0, v(2), 1) }},
		{"gemv lda<n", badLdA, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(6), 2, v(3), 1, 0, v(2), 1) }},
		{"gemv lda=0, n=0", badLdA, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 0, 1, nil, 0, nil, 1, 0, v(2), 1) }},
		{"gemv incX=0", zeroIncX, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(6), 3, v(3), 0, 0, v(2), 1) }},
		{"gemv incY=0", zeroIncY, func(r routines[T]) { r.gemv(blas.Trans, 2, 3, 1, v(6), 3, v(2), 1, 0, v(3), 0) }},
		{"gemv m<0 before lda", mLT0, func(r routines[T]) { r.gemv(blas.NoTrans, -1, 3, 1, v(6), 1, v(3), 1, 0, v(2), 1) }},
		{"gemv m=0, short everything", nil, func(r routines[T]) { r.gemv(blas.NoTrans, 0, 3, 1, nil, 3, nil, 1, 0, nil, 1) }},
		{"gemv n=0, short everything", nil, func(r routines[T]) { r.gemv(blas.Trans, 3, 0, 1, nil, 1, nil, 1, 0, nil, 1) }},
		{"gemv NoTrans short x", shortX, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(6), 3, v(2), 1, 0, v(3), 1) }},
		{"gemv Trans short x", shortX, func(r routines[T]) { r.gemv(blas.Trans, 3, 2, 1, v(6), 2, v(2), 1, 0, v(3), 1) }},
		{"gemv NoTrans short y", shortY, func(r routines[T]) { r.gemv(blas.NoTrans, 3, 2, 1, v(6), 2, v(2), 1, 0, v(2), 1) }},
		{"gemv ConjTrans short y", shortY, func(r routines[T]) { r.gemv(blas.ConjTrans, 2, 3, 1, v(6), 3, v(2), 1, 0, v(2), 1) }},
		{"gemv short a", shortA, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(5), 3, v(3), 1, 0, v(2), 1) }},
		{"gemv short a, lda > n", shortA, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(7), 5, v(3), 1, 0, v(2), 1) }},
		{"gemv short x before short a", shortX, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(5), 3, v(2), 1, 0, v(2), 1) }},
		{"gemv short x, inc -2", shortX, func(r routines[T]) { r.gemv(blas.NoTrans, 2, 3, 1, v(6), 3, v(4), -2, 0, v(2), 1) }},

		{"symv bad triangle", badUplo, func(r routines[T]) { r.symv('X', 2, 1, v(4), 2, v(2), 1, 0, v(2), 1) }},
		{"symv n<0", nLT0, func(r routines[T]) { r.symv(blas.Upper, -1, 1, v(4), 2, v(2), 1, 0, v(2), 1) }},
		{"symv lda<n", badLdA, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(4), 1, v(2), 1, 0, v(2), 1) }},
		{"symv lda=0, n=0", badLdA, func(r routines[T]) { r.symv(blas.Upper, 0, 1, nil, 0, nil, 1, 0, nil, 1) }},
		{"symv incX=0", zeroIncX, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(4), 2, v(2), 0, 0, v(2), 1) }},
		{"symv incY=0", zeroIncY, func(r routines[T]) { r.symv(blas.Lower, 2, 1, v(4), 2, v(2), 1, 0, v(2), 0) }},
		{"symv n=0, nil", nil, func(r routines[T]) { r.symv(blas.Upper, 0, 1, nil, 1, nil, 1, 0, nil, 1) }},
		{"symv short a", shortA, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(3), 2, v(2), 1, 0, v(2), 1) }},
		{"symv short a before short x", shortA, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(3), 2, v(1), 1, 0, v(2), 1) }},
		{"symv short x", shortX, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(4), 2, v(1), 1, 0, v(2), 1) }},
		{"symv short y", shortY, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(4), 2, v(2), 1, 0, v(1), 1) }},
		{"symv short y, inc 3", shortY, func(r routines[T]) { r.symv(blas.Upper, 2, 1, v(4), 2, v(2), 1, 0, v(3), 3) }},
	}
}

// TestArgumentsMatchGonum checks, on every level, that every invalid
// argument panics with gonum's message (checked against the message gonum
// itself panics with, and against the literal), that the checks come in
// gonum's order, and that the quick returns do not panic.
func TestArgumentsMatchGonum(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testArguments(t, prec64) })
	t.Run("f32", func(t *testing.T) { testArguments(t, prec32) })
}

func testArguments[T ref.Float](t *testing.T, p precision[T]) {
	for _, c := range argCases[T]() {
		require.Equal(t, c.want, panicValue(func() { c.call(p.native) }), "gonum's own, %s", c.name)
		assert.Equal(t, c.want, panicValue(func() { c.call(p.ours(gonumblas.Implementation{})) }), "zero value, %s", c.name)
		for _, l := range kernels.Levels() {
			assert.Equal(t, c.want, panicValue(func() { c.call(p.ours(gonumblas.ForLevel(l))) }), "%s, %s", l, c.name)
		}
	}
}

// TestSpecialValues checks gonum's handling of NaN, Inf and extreme
// magnitudes on the accelerated paths of every level: NaN and Inf propagate
// like gonum's (the same classification), alpha = 0 in axpy and scal
// ignores x (exact zeros from scal even for NaN), alpha = 0 in gemv and
// symv reads neither A nor x, and the norms neither overflow nor underflow.
func TestSpecialValues(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testSpecial(t, prec64, 1e300, 1e-300) })
	t.Run("f32", func(t *testing.T) { testSpecial(t, prec32, 1e36, 1e-40) })
}

// class is a value's kind: NaN, ±Inf or finite.
func class(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return "finite"
}

func testSpecial[T ref.Float](t *testing.T, p precision[T], huge, tiny float64) {
	nan, inf := T(math.NaN()), T(math.Inf(1))
	const n = 40
	r := newRand(7)
	uSum := ref.Unit[float64]()
	for _, l := range kernels.Levels() {
		ours := p.ours(gonumblas.ForLevel(l))

		// Dot: one special entry among finite ones, at the start, middle
		// and end (the kernels' main loop and tail).
		for _, pos := range []int{0, n / 2, n - 1} {
			for _, sp := range [][2]T{{nan, 1}, {inf, 2}, {-inf, 2}, {inf, 0}, {inf, -inf}} {
				x, y := randVals[T](r, n), randVals[T](r, n)
				x[pos], y[pos] = sp[0], sp[1]
				if sp[1] == -inf {
					x[pos], y[pos], x[(pos+1)%n], y[(pos+1)%n] = inf, 1, -inf, 1
				}
				assert.Equal(t, class(float64(p.native.dot(n, x, 1, y, 1))), class(float64(ours.dot(n, x, 1, y, 1))),
					"%s dot %v at %d", l, sp, pos)
			}
		}

		// Norms: NaN wins over Inf, Inf gives +Inf, huge and tiny entries
		// give the exact norm within the kernels' bound.
		for _, x := range [][]T{
			{1, nan, 2, inf}, {1, -inf, 2, 3}, {-inf, nan}, {T(huge), T(huge), T(-huge)},
			{T(tiny), T(-tiny), T(tiny), 0}, {0, 0, 0}, {T(huge), T(tiny), 1},
		} {
			got, nat := ours.nrm2(len(x), x, 1), p.native.nrm2(len(x), x, 1)
			assert.Equal(t, class(float64(nat)), class(float64(got)), "%s nrm2 %v", l, x)
			assert.NoError(t, ref.CheckNorm(float64(got), x, ref.NormRel(len(x), uSum), ref.Unit[T](), p.absExp, p.max),
				"%s nrm2 %v", l, x)
		}

		// alpha = 0: axpy leaves y alone, scal writes exact zeros.
		negZero := T(math.Copysign(0, -1))
		x := []T{nan, inf, -inf, 1, negZero}
		y := []T{1, 2, 3, nan, negZero}
		yo := append([]T(nil), y...)
		ours.axpy(len(x), 0, x, 1, yo, 1)
		assert.Equal(t, -1, sameSlice(y, yo), "%s axpy alpha=0", l)
		xo, xn := append([]T(nil), x...), append([]T(nil), x...)
		ours.scal(len(x), 0, xo, 1)
		p.native.scal(len(x), 0, xn, 1)
		assert.Equal(t, -1, sameSlice(xn, xo), "%s scal alpha=0", l)
		assert.Equal(t, []T{0, 0, 0, 0, 0}, xo, "%s scal alpha=0", l)

		// alpha = NaN poisons y, like gonum's.
		yo, yn := append([]T(nil), y...), append([]T(nil), y...)
		ours.axpy(len(x), nan, []T{1, 2, 3, 4, 5}, 1, yo, 1)
		p.native.axpy(len(x), nan, []T{1, 2, 3, 4, 5}, 1, yn, 1)
		assert.Equal(t, -1, sameSlice(yn, yo), "%s axpy alpha=NaN", l)

		// gemv, symv: NaN and Inf in A and x reach exactly the outputs they
		// reach in gonum; with alpha = 0 they are not read at all.
		const m = 9
		for _, alpha := range []T{0, 1} {
			for _, beta := range []T{0, 2} {
				a, xv := randVals[T](r, m*m), randVals[T](r, m)
				a[2*m+5], a[7*m+1], a[4*m+4], xv[6] = nan, inf, -inf, inf
				for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
					yo, yn := randVals[T](r, m), []T(nil)
					yn = append(yn, yo...)
					ours.gemv(tA, m, m, alpha, a, m, xv, 1, beta, yo, 1)
					p.native.gemv(tA, m, m, alpha, a, m, xv, 1, beta, yn, 1)
					for i := range yo {
						assert.Equal(t, class(float64(yn[i])), class(float64(yo[i])), "%s gemv %c alpha=%v beta=%v [%d]", l, tA, alpha, beta, i)
					}
				}
				yo := randVals[T](r, m)
				yn := append([]T(nil), yo...)
				ours.symv(blas.Upper, m, alpha, a, m, xv, 1, beta, yo, 1)
				p.native.symv(blas.Upper, m, alpha, a, m, xv, 1, beta, yn, 1)
				for i := range yo {
					assert.Equal(t, class(float64(yn[i])), class(float64(yo[i])), "%s symv alpha=%v beta=%v [%d]", l, alpha, beta, i)
				}
			}
		}
	}
}

// TestOverlapDelegates checks that calls whose output overlaps an input,
// which the kernels refuse, run gonum's code (its bits, and no panic), and
// that axpy with x and y the very same slice stays accelerated (Axpy
// allows it).
func TestOverlapDelegates(t *testing.T) {
	for _, l := range kernels.Levels() {
		impl := gonumblas.ForLevel(l)
		r := newRand(8)
		const n = 50
		buf := randVals[float64](r, 2*n)
		buf2 := append([]float64(nil), buf...)
		impl.Daxpy(n, 0.5, buf[3:], 1, buf[:n], 1)
		native.Daxpy(n, 0.5, buf2[3:], 1, buf2[:n], 1)
		assert.Equal(t, -1, sameSlice(buf2, buf), "%s daxpy shifted overlap", l)

		a := randVals[float64](r, n*n+n)
		a2 := append([]float64(nil), a...)
		impl.Dgemv(blas.NoTrans, n, n, 0.5, a, n, a[n*n:], 1, 2, a[n*n-n/2:n*n+n/2], 1)
		native.Dgemv(blas.NoTrans, n, n, 0.5, a2, n, a2[n*n:], 1, 2, a2[n*n-n/2:n*n+n/2], 1)
		assert.Equal(t, -1, sameSlice(a2, a), "%s dgemv y overlapping a and x", l)

		a = randVals[float64](r, n*n+n)
		a2 = append([]float64(nil), a...)
		impl.Dsymv(blas.Upper, n, 0.5, a[n:], n, a[:n], 1, 2, a[:n], 1)
		native.Dsymv(blas.Upper, n, 0.5, a2[n:], n, a2[:n], 1, 2, a2[:n], 1)
		assert.Equal(t, -1, sameSlice(a2, a), "%s dsymv y = x", l)

		x := randVals[float32](r, n)
		x2 := append([]float32(nil), x...)
		impl.Saxpy(n, 2, x, 1, x, 1)
		l.Axpy32(2, x2, x2)
		assert.Equal(t, -1, sameSlice(x2, x), "%s saxpy x = y", l)
	}
}
