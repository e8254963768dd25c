package gonumblas

import "gonum.org/v1/gonum/blas"

// Sdot returns Σ x[i]·y[i] over n elements. With unit increments it runs
// kernels.Dot32; otherwise gonum's Sdot.
func (impl Implementation) Sdot(n int, x []float32, incX int, y []float32, incY int) float32 {
	if unitLevel1(n, x, incX, y, incY) {
		return impl.Level().Dot32(x[:n], y[:n])
	}
	return impl.Implementation.Sdot(n, x, incX, y, incY)
}

// Saxpy computes y[i] += alpha·x[i] over n elements. With unit increments,
// alpha ≠ 0 and x and y either the same slice or disjoint, it runs
// kernels.Axpy32 (one rounding per element on the SIMD levels); otherwise
// gonum's Saxpy, which returns at once for alpha = 0.
func (impl Implementation) Saxpy(n int, alpha float32, x []float32, incX int, y []float32, incY int) {
	if alpha != 0 && unitLevel1(n, x, incX, y, incY) && !shiftedOverlap(x[:n], y[:n]) {
		impl.Level().Axpy32(alpha, x[:n], y[:n])
		return
	}
	impl.Implementation.Saxpy(n, alpha, x, incX, y, incY)
}

// Sscal computes x[i] *= alpha over n elements. With a unit increment and
// alpha ≠ 0 it runs kernels.Scale32; otherwise gonum's Sscal, which writes
// zeros for alpha = 0 (NaN and Inf included) and does nothing for incX < 0.
func (impl Implementation) Sscal(n int, alpha float32, x []float32, incX int) {
	if alpha != 0 && unitLevel1(n, x, incX, x, incX) {
		impl.Level().Scale32(alpha, x[:n])
		return
	}
	impl.Implementation.Sscal(n, alpha, x, incX)
}

// Snrm2 returns the Euclidean norm of n elements of x. With a unit increment
// and n ≥ 2 it runs kernels.Norm32, which accumulates in float64 (gonum
// accumulates in float32); otherwise gonum's Snrm2, which returns 0
// for incX < 0 and |x[0]| for n = 1.
func (impl Implementation) Snrm2(n int, x []float32, incX int) float32 {
	if n >= 2 && unitLevel1(n, x, incX, x, incX) {
		return impl.Level().Norm32(x[:n])
	}
	return impl.Implementation.Snrm2(n, x, incX)
}

// Sgemv computes y = alpha·A·x + beta·y (tA = blas.NoTrans) or
// y = alpha·Aᵀ·x + beta·y (blas.Trans, blas.ConjTrans) for the row-major m×n
// matrix A with row stride lda. With unit increments it runs kernels.MatVec32
// or kernels.MatTVec32; otherwise, and for empty or invalid arguments or an
// output that overlaps an input, gonum's Sgemv.
func (impl Implementation) Sgemv(tA blas.Transpose, m, n int, alpha float32, a []float32, lda int, x []float32, incX int, beta float32, y []float32, incY int) {
	lenX, lenY, ok := gemvFast(tA, m, n, a, lda, x, incX, y, incY)
	if !ok {
		impl.Implementation.Sgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	if tA == blas.NoTrans {
		impl.Level().MatVec32(m, n, alpha, a, lda, x[:lenX], beta, y[:lenY])
		return
	}
	impl.Level().MatTVec32(m, n, alpha, a, lda, x[:lenX], beta, y[:lenY])
}

// Ssymv computes y = alpha·A·x + beta·y for the symmetric n×n matrix A. With
// ul = blas.Upper and unit increments it runs kernels.SymMatVec32, which reads
// only the upper triangle; blas.Lower has no samkern kernel and, like other
// increments, empty or invalid arguments and overlapping outputs, runs gonum's
// Ssymv.
func (impl Implementation) Ssymv(ul blas.Uplo, n int, alpha float32, a []float32, lda int, x []float32, incX int, beta float32, y []float32, incY int) {
	if symvFast(ul, n, a, lda, x, incX, y, incY) {
		impl.Level().SymMatVec32(n, alpha, a, lda, x[:n], beta, y[:n])
		return
	}
	impl.Implementation.Ssymv(ul, n, alpha, a, lda, x, incX, beta, y, incY)
}
