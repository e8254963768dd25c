package gonumblas

import "gonum.org/v1/gonum/blas"

// Ddot returns Σ x[i]·y[i] over n elements. With unit increments it runs
// kernels.Dot; otherwise gonum's Ddot.
func (impl Implementation) Ddot(n int, x []float64, incX int, y []float64, incY int) float64 {
	if unitLevel1(n, x, incX, y, incY) {
		return impl.Level().Dot(x[:n], y[:n])
	}
	return impl.Implementation.Ddot(n, x, incX, y, incY)
}

// Daxpy computes y[i] += alpha·x[i] over n elements. With unit increments,
// alpha ≠ 0 and x and y either the same slice or disjoint, it runs
// kernels.Axpy (one rounding per element on the SIMD levels); otherwise
// gonum's Daxpy, which returns at once for alpha = 0.
func (impl Implementation) Daxpy(n int, alpha float64, x []float64, incX int, y []float64, incY int) {
	if alpha != 0 && unitLevel1(n, x, incX, y, incY) && !shiftedOverlap(x[:n], y[:n]) {
		impl.Level().Axpy(alpha, x[:n], y[:n])
		return
	}
	impl.Implementation.Daxpy(n, alpha, x, incX, y, incY)
}

// Dscal computes x[i] *= alpha over n elements. With a unit increment and
// alpha ≠ 0 it runs kernels.Scale; otherwise gonum's Dscal, which writes
// zeros for alpha = 0 (NaN and Inf included) and does nothing for incX < 0.
func (impl Implementation) Dscal(n int, alpha float64, x []float64, incX int) {
	if alpha != 0 && unitLevel1(n, x, incX, x, incX) {
		impl.Level().Scale(alpha, x[:n])
		return
	}
	impl.Implementation.Dscal(n, alpha, x, incX)
}

// Dnrm2 returns the Euclidean norm of n elements of x. With a unit increment
// and n ≥ 2 it runs kernels.Norm; otherwise gonum's Dnrm2, which returns 0
// for incX < 0 and |x[0]| for n = 1.
func (impl Implementation) Dnrm2(n int, x []float64, incX int) float64 {
	if n >= 2 && unitLevel1(n, x, incX, x, incX) {
		return impl.Level().Norm(x[:n])
	}
	return impl.Implementation.Dnrm2(n, x, incX)
}

// Dgemv computes y = alpha·A·x + beta·y (tA = blas.NoTrans) or
// y = alpha·Aᵀ·x + beta·y (blas.Trans, blas.ConjTrans) for the row-major m×n
// matrix A with row stride lda. With unit increments it runs kernels.MatVec
// or kernels.MatTVec; otherwise, and for empty or invalid arguments or an
// output that overlaps an input, gonum's Dgemv.
func (impl Implementation) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	lenX, lenY, ok := gemvFast(tA, m, n, a, lda, x, incX, y, incY)
	if !ok {
		impl.Implementation.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	if tA == blas.NoTrans {
		impl.Level().MatVec(m, n, alpha, a, lda, x[:lenX], beta, y[:lenY])
		return
	}
	impl.Level().MatTVec(m, n, alpha, a, lda, x[:lenX], beta, y[:lenY])
}

// Dsymv computes y = alpha·A·x + beta·y for the symmetric n×n matrix A. With
// ul = blas.Upper and unit increments it runs kernels.SymMatVec, which reads
// only the upper triangle; blas.Lower has no samkern kernel and, like other
// increments, empty or invalid arguments and overlapping outputs, runs gonum's
// Dsymv.
func (impl Implementation) Dsymv(ul blas.Uplo, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	if symvFast(ul, n, a, lda, x, incX, y, incY) {
		impl.Level().SymMatVec(n, alpha, a, lda, x[:n], beta, y[:n])
		return
	}
	impl.Implementation.Dsymv(ul, n, alpha, a, lda, x, incX, beta, y, incY)
}
