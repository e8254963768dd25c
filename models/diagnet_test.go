package models_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/numtest"
	"github.com/samkern/samkern/models"
)

// TestDiagonalNetAgainstFormulas checks the loss, the gradient and the
// Hessian-vector product against plain loops written here: the Hessian
// JᵀGJ + diag(2c, −2c), with J = [diag(2u) | −diag(2v)], G = XᵀX/M and
// c = Xᵀr/M, assembled entry by entry; and the gradient against a central
// difference of the loss.
func TestDiagonalNetAgainstFormulas(t *testing.T) {
	const m, d = 7, 11
	x, y := models.SparseRegression(m, d, 3, 5)
	n, err := models.NewDiagonalNet(m, d, x, y)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(6, 6))
	th := make([]float64, 2*d)
	for i := range th {
		th[i] = r.NormFloat64()
	}
	u, v := th[:d], th[d:]
	beta := make([]float64, d)
	for i := range beta {
		beta[i] = u[i]*u[i] - v[i]*v[i]
	}
	res := make([]float64, m)
	var loss float64
	for k := range m {
		for i := range d {
			res[k] += x[k*d+i] * beta[i]
		}
		res[k] -= y[k]
		loss += res[k] * res[k] / (2 * m)
	}
	c := make([]float64, d)
	for i := range d {
		for k := range m {
			c[i] += x[k*d+i] * res[k] / m
		}
	}
	g := make([]float64, 2*d)
	got := n.Grad(g, th)
	// Sums of at most max(m, d)+2 products of O(10) terms: 64·u·(1+|L|) is generous and still tight.
	assert.InDelta(t, loss, got, 64*0x1p-53*(1+loss))
	assert.InDelta(t, loss, n.Loss(th), 64*0x1p-53*(1+loss))
	for i := range d {
		assert.InDelta(t, 2*u[i]*c[i], g[i], 1e-12*(1+math.Abs(g[i])), "g[u%d]", i)
		assert.InDelta(t, -2*v[i]*c[i], g[d+i], 1e-12*(1+math.Abs(g[d+i])), "g[v%d]", i)
	}
	// Central difference of the loss: error h²/6·|L'''| + u·|L|/h.
	h := 1e-5
	for j := range 2 * d {
		p, q := append([]float64(nil), th...), append([]float64(nil), th...)
		p[j] += h
		q[j] -= h
		fd := (n.Loss(p) - n.Loss(q)) / (2 * h)
		assert.InDelta(t, fd, g[j], 1e-6*(1+math.Abs(g[j])), "∂L/∂θ%d", j)
	}
	// The Hessian, entry by entry: H[a][b] = Σ_ij J[i][a]·G[i][j]·J[j][b] + diag.
	gm := make([]float64, d*d)
	for i := range d {
		for j := range d {
			for k := range m {
				gm[i*d+j] += x[k*d+i] * x[k*d+j] / m
			}
		}
	}
	jac := func(i, a int) float64 { // ∂β_i/∂θ_a
		switch {
		case a == i:
			return 2 * u[i]
		case a == d+i:
			return -2 * v[i]
		}
		return 0
	}
	e, hv := make([]float64, 2*d), make([]float64, 2*d)
	for b := range 2 * d {
		clear(e)
		e[b] = 1
		n.HVP(hv, th, e)
		for a := range 2 * d {
			var want float64
			for i := range d {
				for j := range d {
					want += jac(i, a) * gm[i*d+j] * jac(j, b)
				}
			}
			if a == b {
				if a < d {
					want += 2 * c[a]
				} else {
					want -= 2 * c[a-d]
				}
			}
			assert.InDelta(t, want, hv[a], 1e-12*(1+math.Abs(want)), "H[%d][%d]", a, b)
		}
	}
	// And against the finite-difference HVP of the gradient.
	dv := make([]float64, 2*d)
	for i := range dv {
		dv[i] = r.NormFloat64()
	}
	want, gotv := make([]float64, 2*d), make([]float64, 2*d)
	fdHVP(t, 2*d, n.Grad, math.Cbrt(numtest.U)*math.Max(1, numtest.Norm(th)), want, th, dv)
	n.HVP(gotv, th, dv)
	for i := range want {
		assert.InDelta(t, want[i], gotv[i], 1e-6*(1+math.Abs(want[i])), "HVP vs FD [%d]", i)
	}
}

func TestDiagonalNetErrors(t *testing.T) {
	_, err := models.NewDiagonalNet(0, 3, nil, nil)
	assert.Error(t, err)
	_, err = models.NewDiagonalNet(2, 2, []float64{1, 2, 3}, []float64{1, 2})
	assert.Error(t, err)
	_, err = models.NewDiagonalNet(1, 2, []float64{1, math.NaN()}, []float64{1})
	assert.ErrorIs(t, err, models.ErrNonFinite)
	n, err := models.NewDiagonalNet(1, 2, []float64{1, 2}, []float64{1})
	require.NoError(t, err)
	assert.Equal(t, 4, n.Dim())
	assert.PanicsWithValue(t, "models.DiagonalNet.Grad: len(theta) = 3, want 4", func() { n.Grad(make([]float64, 4), make([]float64, 3)) })
}
