package lanczos

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/kernels"
)

// orthonormalRows returns rows×n orthonormal rows (Gram–Schmidt by plain
// loops, three passes, independent of the code under test).
func orthonormalRows(rows, n int, seed uint64) []float64 {
	r := newRand(seed, 9)
	v := make([]float64, rows*n)
	gaussian(r, v)
	for i := range rows {
		vi := v[i*n : (i+1)*n]
		for range 3 {
			for j := range i {
				vj := v[j*n : (j+1)*n]
				var d float64
				for l := range n {
					d += vi[l] * vj[l]
				}
				for l := range n {
					vi[l] -= d * vj[l]
				}
			}
		}
		var s float64
		for _, x := range vi {
			s += x * x
		}
		for l := range vi {
			vi[l] /= math.Sqrt(s)
		}
	}
	return v
}

// orthogonalize must leave w orthogonal to the basis to working precision
// even when w lies almost in its span (relative distance 1e-10), where one
// Gram–Schmidt pass leaves about u/1e-10 ≈ 1e-6 of it; and it must return
// the coefficients of the removed part.
func TestOrthogonalize(t *testing.T) {
	const rows, n = 12, 500
	v := orthonormalRows(rows, n, 1)
	coef := make([]float64, rows)
	for i := range coef {
		coef[i] = float64(i+1) * 0.5
	}
	for _, eps := range []float64{1, 1e-5, 1e-10} {
		w := make([]float64, n)
		gaussian(newRand(2, 2), w)
		// w = V·coef + eps·(a unit vector orthogonal to V)
		kernels.MatTVec(rows, n, -1, v, n, func() []float64 { c := make([]float64, rows); kernels.MatVec(rows, n, 1, v, n, w, 0, c); return c }(), 1, w)
		kernels.Scale(eps/kernels.Norm(w), w)
		kernels.MatTVec(rows, n, 1, v, n, coef, 1, w)

		c, c2 := make([]float64, rows), make([]float64, 2*rows)
		nrm := orthogonalize(v, n, rows, w, c, c2)
		require.InDelta(t, eps, nrm, 1e-6*eps+1e-14, "eps %g", eps)
		for i := range rows {
			var d float64
			for l := range n {
				d += v[i*n+l] * w[l]
			}
			// Orthogonal relative to w's own norm: a few γ_n.
			assert.LessOrEqual(t, math.Abs(d)/nrm, 4*gamma(n+8), "eps %g row %d", eps, i)
			assert.InDelta(t, coef[i], c[i], 1e-13, "coefficient %d", i)
		}
	}
}
