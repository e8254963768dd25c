package lanczos

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/kernels"
)

// SymDense multiplies with the upper triangle only (the lower one is NaN
// here), with a row stride larger than n, to within the dot-product bound.
func TestSymDense(t *testing.T) {
	const n, lda = 37, 41
	full := randomSymmetric(n, 2)
	a := make([]float64, (n-1)*lda+n)
	for i := range a {
		a[i] = math.NaN()
	}
	for i := range n {
		copy(a[i*lda+i:i*lda+n], full[i*n+i:(i+1)*n])
	}
	op := NewSymDense(n, a, lda)
	require.Equal(t, n, op.Dim())
	v := randomSymmetric(n, 3)[:n]
	got := make([]float64, n)
	op.Apply(got, v)
	for i := range n {
		var s, abs float64
		for j := range n {
			s += full[i*n+j] * v[j]
			abs += math.Abs(full[i*n+j] * v[j])
		}
		assert.InDelta(t, s, got[i], 2*gamma(n+8)*abs, "row %d", i)
	}

	assert.Panics(t, func() { NewSymDense(-1, nil, 1) })
	assert.Panics(t, func() { NewSymDense(3, make([]float64, 9), 2) }, "lda < n")
	assert.Panics(t, func() { NewSymDense(3, make([]float64, 8), 3) }, "short")
	assert.NotPanics(t, func() { NewSymDense(3, make([]float64, 2*4+3), 4) }, "exactly (n−1)·lda+n")
}

// FromFloat32 adapts a float32 operator: the eigenvalues of a float32 matrix
// A32 come out within Tol·‖A‖ plus the float32 product's own error (each
// entry of A32·v is off by at most γ₃₂(n+8)·Σ|a_ij v_j| ≤ γ₃₂(n+8)·‖A‖_∞,
// so ‖error‖ ≤ √n times that) of the exact eigenvalues of A32 in float64.
func TestFromFloat32(t *testing.T) {
	const n, tol = 150, 1e-5
	a64 := randomSymmetric(n, 7)
	a32 := make([]float32, n*n)
	for i, x := range a64 {
		a32[i] = float32(x)
		a64[i] = float64(a32[i]) // the float32 matrix, exactly
	}
	m := newSymMatrix(t, n, a64)
	calls := 0
	op := FromFloat32(Func32{N: n, F: func(dst, v []float32) {
		calls++
		kernels.SymMatVec32(n, 1, a32, n, v, 0, dst)
	}})
	require.Equal(t, n, op.Dim())
	res, err := Eigs(bg, op, 3, &Options{Tol: tol})
	require.NoError(t, err)
	assert.Equal(t, res.Ops, calls)
	g32 := float64(n+8) * 0x1p-24 / (1 - float64(n+8)*0x1p-24)
	bound := tol*m.norm + g32*m.absRow*math.Sqrt(n)
	for i, w := range top(m.eig, 3) {
		assert.InDelta(t, w, res.Values[i], bound)
		assert.LessOrEqual(t, m.residual(res.Vectors[i], res.Values[i]), bound)
	}
}

func TestFuncAndDiagonal(t *testing.T) {
	f := Func{N: 3, F: func(dst, v []float64) {
		dst[0], dst[1], dst[2] = 2*v[0], 3*v[1], -v[2]
	}}
	d := Diagonal{2, 3, -1}
	x := []float64{1, -2, 5}
	g1, g2 := make([]float64, 3), make([]float64, 3)
	f.Apply(g1, x)
	d.Apply(g2, x)
	assert.Equal(t, []float64{2, -6, -5}, g1)
	assert.Equal(t, g1, g2)
	assert.Equal(t, 3, f.Dim())
	assert.Equal(t, 3, d.Dim())
}
