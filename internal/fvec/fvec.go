// Package fvec calls samkern's kernels on slices of either float type, for
// the packages (models, hessian) whose code is generic over float32 and
// float64. Each function switches on the element type once per call, which
// the compiler resolves for each instantiation; scalars travel as float64
// and are rounded once to float32 where the kernel is float32. Reductions
// return float64.
package fvec

import "github.com/samkern/samkern/kernels"

// Float is float32 or float64.
type Float interface{ float32 | float64 }

// Dot returns xᵀy (accumulated in the element type; see kernels.Dot32).
func Dot[T Float](x, y []T) float64 {
	switch x := any(x).(type) {
	case []float64:
		return kernels.Dot(x, any(y).([]float64))
	case []float32:
		return float64(kernels.Dot32(x, any(y).([]float32)))
	}
	panic("unreachable")
}

// SumSq returns Σ x[i]² in float64; for float32 it cannot overflow.
func SumSq[T Float](x []T) float64 {
	switch x := any(x).(type) {
	case []float64:
		return kernels.SumSq(x)
	case []float32:
		return kernels.SumSqWide32(x)
	}
	panic("unreachable")
}

// Norm returns ‖x‖ without overflow or underflow, in float64.
func Norm[T Float](x []T) float64 {
	switch x := any(x).(type) {
	case []float64:
		return kernels.Norm(x)
	case []float32:
		return float64(kernels.Norm32(x))
	}
	panic("unreachable")
}

// Axpy sets y += alpha·x.
func Axpy[T Float](alpha float64, x, y []T) {
	switch x := any(x).(type) {
	case []float64:
		kernels.Axpy(alpha, x, any(y).([]float64))
	case []float32:
		kernels.Axpy32(float32(alpha), x, any(y).([]float32))
	}
}

// AxpyTo sets dst = alpha·x + y.
func AxpyTo[T Float](dst []T, alpha float64, x, y []T) {
	switch d := any(dst).(type) {
	case []float64:
		kernels.AxpyTo(d, alpha, any(x).([]float64), any(y).([]float64))
	case []float32:
		kernels.AxpyTo32(d, float32(alpha), any(x).([]float32), any(y).([]float32))
	}
}

// Scale sets x *= alpha.
func Scale[T Float](alpha float64, x []T) {
	switch x := any(x).(type) {
	case []float64:
		kernels.Scale(alpha, x)
	case []float32:
		kernels.Scale32(float32(alpha), x)
	}
}

// MatVec sets y = alpha·A·x + beta·y (see kernels.MatVec).
func MatVec[T Float](rows, cols int, alpha float64, a []T, lda int, x []T, beta float64, y []T) {
	switch a := any(a).(type) {
	case []float64:
		kernels.MatVec(rows, cols, alpha, a, lda, any(x).([]float64), beta, any(y).([]float64))
	case []float32:
		kernels.MatVec32(rows, cols, float32(alpha), a, lda, any(x).([]float32), float32(beta), any(y).([]float32))
	}
}

// MatTVec sets y = alpha·Aᵀ·x + beta·y (see kernels.MatTVec).
func MatTVec[T Float](rows, cols int, alpha float64, a []T, lda int, x []T, beta float64, y []T) {
	switch a := any(a).(type) {
	case []float64:
		kernels.MatTVec(rows, cols, alpha, a, lda, any(x).([]float64), beta, any(y).([]float64))
	case []float32:
		kernels.MatTVec32(rows, cols, float32(alpha), a, lda, any(x).([]float32), float32(beta), any(y).([]float32))
	}
}
