package hessian_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/internal/numtest"
	"github.com/samkern/samkern/models"
)

func TestFDStep(t *testing.T) {
	// u^(1/3)·max(1, ‖w‖) for u = 2⁻⁵³ and 2⁻²⁴ (whose cube root is 2⁻⁸).
	c := math.Cbrt(0x1p-53)
	assert.InEpsilon(t, 4.806e-6, c, 1e-3)
	assert.Equal(t, c, hessian.FDStep([]float64{0.1, -0.2}))
	assert.Equal(t, c, hessian.FDStep(nil))
	assert.InEpsilon(t, 5*c, hessian.FDStep([]float64{3, 4}), 2*numtest.U)
	assert.Equal(t, float32(0x1p-8), hessian.FDStep32([]float32{0.3}))
	assert.Equal(t, float32(0x1p-8*5), hessian.FDStep32([]float32{3, 4}))
}

// obQuad32 is a float32 gradient oracle for ½·wᵀAw − bᵀw, computed in
// float32 throughout from A and b rounded to float32.
func obQuad32(a [][]float64, b []float64) hessian.GradOracle32 {
	n := len(a)
	a32 := make([][]float32, n)
	b32 := make([]float32, n)
	for i := range a {
		a32[i] = make([]float32, n)
		for j := range a[i] {
			a32[i][j] = float32(a[i][j])
		}
		b32[i] = float32(b[i])
	}
	return func(g, w []float32) float32 {
		var l float32
		for i := range a32 {
			var s float32
			for j, x := range a32[i] {
				s += x * w[j]
			}
			g[i] = s - b32[i]
			l += w[i] * (s/2 - b32[i])
		}
		return l
	}
}

func obRandomSymmetric(seed uint64, n int) [][]float64 {
	r := numtest.Rand(seed)
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
	}
	for i := range a {
		for j := i; j < n; j++ {
			x := r.NormFloat64()
			a[i][j], a[j][i] = x, x
		}
	}
	return a
}

func TestFDHVPOnQuadratic(t *testing.T) {
	// A quadratic written here, so that the only thing under test is the
	// finite difference: its gradient Aw − b is a plain loop, exact
	// Hessian A, no truncation error; only rounding remains.
	const n = 9
	a := obRandomSymmetric(21, n)
	r := numtest.Rand(22)
	b := numtest.Vec(r, n, 1)
	calls := 0
	grad := func(g, w []float64) float64 {
		calls++
		var l float64
		for i := range a {
			g[i] = numtest.Dot(a[i], w) - b[i]
			l += w[i] * (g[i] + b[i]) / 2
		}
		return l - numtest.Dot(b, w)
	}
	hvp := hessian.FDHVP(n, grad, 0)
	for _, scale := range []float64{0.1, 1, 30} {
		w := numtest.Vec(r, n, scale)
		v := numtest.Vec(r, n, 2.5) // ‖v‖ ≠ 1: the result scales with it
		hv := make([]float64, n)
		calls = 0
		hvp(hv, w, v)
		assert.Equal(t, 2, calls)
		want := numtest.MatVec(a, v)
		h := math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(w))
		// ε_g: each component of Aw − b within γ_{n+1}·((|A||w|)_i + |b_i|),
		// at w ± h·v̂ (|w| grows by at most h).
		wh := make([]float64, n)
		for i := range wh {
			wh[i] = math.Abs(w[i]) + h
		}
		epsG := numtest.AbsMatVec(a, wh)
		for i := range epsG {
			epsG[i] = numtest.Gamma(n+1) * (epsG[i] + math.Abs(b[i]))
		}
		tol := numtest.FDHVPTol(numtest.U, numtest.Norm(v), h, 0, numtest.Norm(epsG), numtest.Frobenius(a), numtest.Norm(w), numtest.Norm(want))
		numtest.CheckNorm(t, "FDHVP", hv, want, tol)
		t.Logf("‖w‖ = %.3g: error %.3g, bound %.3g", numtest.Norm(w), numtest.Norm(numtest.Sub(hv, want)), tol)
	}
	// v = 0 costs nothing and gives 0.
	hv := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}
	calls = 0
	hvp(hv, numtest.Vec(r, n, 1), make([]float64, n))
	assert.Zero(t, calls)
	assert.Equal(t, make([]float64, n), hv)
}

func TestFDHVPFixedStep(t *testing.T) {
	// With a large fixed step the truncation term (h²/6)·T dominates and
	// must still bound the error; on logistic regression T is known.
	const m, d = 60, 4
	flat, y := models.GaussianClusters(m, d, 2, 23)
	o, err := models.NewLogistic(m, d, flat, d, y, 0)
	require.NoError(t, err)
	r := numtest.Rand(24)
	w, v := numtest.Vec(r, d, 0.3), numtest.Vec(r, d, 1)
	want := make([]float64, d)
	o.HVP(want, w, v)
	nv := numtest.Norm(v)
	var t4, normX float64
	for k := 0; k < m; k++ {
		xk := flat[k*d : (k+1)*d]
		t4 += numtest.Sigma3Max * math.Pow(math.Abs(numtest.Dot(xk, v)/nv), 3) * numtest.Norm(xk) / m
		normX += numtest.Dot(xk, xk) / m
	}
	for _, h := range []float64{1e-2, 1e-3} {
		got := make([]float64, d)
		hessian.FDHVP(d, o.Grad, h)(got, w, v)
		// Rounding: ε_g ~ 1e-15 is negligible next to h²T/6 here; the
		// Hessian's norm is at most ‖X‖_F²/(4M).
		tol := numtest.FDHVPTol(numtest.U, nv, h, t4, 1e-13, normX/4, numtest.Norm(w), numtest.Norm(want))
		errN := numtest.Norm(numtest.Sub(got, want))
		assert.LessOrEqual(t, errN, tol)
		// The error is really of order h² (not a bound that is never
		// approached): at least 1e-4 of it.
		assert.Greater(t, errN, 1e-4*h*h/6*t4)
	}
	assert.Panics(t, func() { hessian.FDHVP(d, o.Grad, -1) })
	assert.Panics(t, func() { hessian.FDHVP(d, o.Grad, math.NaN()) })
	assert.PanicsWithValue(t, "hessian.FDHVP: len(v) = 3 is shorter than the dimension 4", func() {
		hessian.FDHVP(d, o.Grad, 0)(make([]float64, d), w, v[:3])
	})
}

func TestFDHVP32(t *testing.T) {
	const n = 8
	a := obRandomSymmetric(25, n)
	r := numtest.Rand(26)
	b := numtest.Vec(r, n, 1)
	grad := obQuad32(a, b)
	hvp := hessian.FDHVP32(n, grad, 0)
	for _, scale := range []float64{0.2, 5} {
		w64, v64 := numtest.Vec(r, n, scale), numtest.Vec(r, n, 1)
		w, v := make([]float32, n), make([]float32, n)
		for i := range w {
			w[i], v[i] = float32(w64[i]), float32(v64[i])
			w64[i], v64[i] = float64(w[i]), float64(v[i])
		}
		hv := make([]float32, n)
		hvp(hv, w, v)
		want := numtest.MatVec(a, v64)
		got := make([]float64, n)
		for i := range got {
			got[i] = float64(hv[i])
		}
		h := 0x1p-8 * math.Max(1, numtest.Norm(w64))
		// The oracle's error in float32: γ_{n+1}(u32)·(|A||w| + |b|) per
		// component, plus A itself rounded to float32 (u32·|A||v| in the
		// product: the oracle's Hessian is fl32(A)).
		wh := make([]float64, n)
		for i := range wh {
			wh[i] = math.Abs(w64[i]) + h
		}
		epsG := numtest.AbsMatVec(a, wh)
		for i := range epsG {
			k := float64(n + 1)
			epsG[i] = k * numtest.U32 / (1 - k*numtest.U32) * (epsG[i] + math.Abs(b[i]))
		}
		tol := numtest.FDHVPTol(numtest.U32, numtest.Norm(v64), h, 0, numtest.Norm(epsG), numtest.Frobenius(a), numtest.Norm(w64), numtest.Norm(want)) +
			numtest.U32*numtest.Norm(numtest.AbsMatVec(a, v64))
		numtest.CheckNorm(t, "FDHVP32", got, want, tol)
		t.Logf("float32, ‖w‖ = %.3g: error %.3g (%.2g relative), bound %.3g", numtest.Norm(w64), numtest.Norm(numtest.Sub(got, want)), numtest.Norm(numtest.Sub(got, want))/numtest.Norm(want), tol)
	}
	zero := []float32{1, 2, 3, 4, 5, 6, 7, 8}
	hvp(zero, make([]float32, n), make([]float32, n))
	assert.Equal(t, make([]float32, n), zero)
	assert.Panics(t, func() { hvp(make([]float32, n-1), make([]float32, n), make([]float32, n)) })
}

func TestFDObjective(t *testing.T) {
	const m, d = 40, 5
	flat, y := models.GaussianClusters(m, d, 2, 27)
	lo, err := models.NewLogistic(m, d, flat, d, y, 0.05)
	require.NoError(t, err)
	r := numtest.Rand(28)
	w, v := numtest.Vec(r, d, 0.5), numtest.Vec(r, d, 1)

	lossCalls := 0
	withLoss := hessian.NewFDObjective(d, func(w []float64) float64 { lossCalls++; return lo.Loss(w) }, lo.Grad)
	gradOnly := hessian.NewFDObjective(d, nil, lo.Grad)
	require.Equal(t, d, withLoss.Dim())

	assert.Equal(t, lo.Loss(w), withLoss.Loss(w))
	assert.Equal(t, 1, lossCalls)
	// Without a loss function Loss is Grad's value.
	g := make([]float64, d)
	assert.Equal(t, lo.Grad(g, w), gradOnly.Loss(w))
	g2 := make([]float64, d)
	assert.Equal(t, lo.Grad(g, w), gradOnly.Grad(g2, w))
	assert.Equal(t, g, g2)

	exact := make([]float64, d)
	lo.HVP(exact, w, v)
	hv := make([]float64, d)
	gradOnly.HVP(hv, w, v)
	// The bound of TestLogisticAgainstFormulas, rebuilt: the fourth
	// derivative along v̂, and ε_g of order γ_{m+d+16}·(1 + |x|ᵀ|w|)·‖x‖.
	nv := numtest.Norm(v)
	var t4, epsG, normX float64
	for k := 0; k < m; k++ {
		xk := flat[k*d : (k+1)*d]
		t4 += numtest.Sigma3Max * math.Pow(math.Abs(numtest.Dot(xk, v)/nv), 3) * numtest.Norm(xk) / m
		epsG += 2 * numtest.Gamma(m+d+16) * (1 + numtest.Dot(numtest.Abs(xk), numtest.Abs(w))) * numtest.Norm(xk) / m
		normX += numtest.Dot(xk, xk) / m
	}
	h := math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(w))
	tol := numtest.FDHVPTol(numtest.U, nv, h, t4, epsG, normX/4+0.05, numtest.Norm(w), numtest.Norm(exact))
	numtest.CheckNorm(t, "FDObjective.HVP", hv, exact, tol)

	assert.Panics(t, func() { hessian.NewFDObjective(0, nil, lo.Grad) })
	assert.Panics(t, func() { hessian.NewFDObjective(d, nil, nil) })
	assert.Panics(t, func() { gradOnly.HVP(make([]float64, d-1), w, v) })
}

func TestFDObjective32(t *testing.T) {
	const n = 6
	a := obRandomSymmetric(29, n)
	r := numtest.Rand(30)
	b := numtest.Vec(r, n, 1)
	o := hessian.NewFDObjective32(n, obQuad32(a, b))
	require.Equal(t, n, o.Dim())
	w, v := numtest.Vec(r, n, 1), numtest.Vec(r, n, 1)

	// Loss and Grad: w rounded to float32, results widened. The
	// float32 evaluation of the gradient is within
	// γ_{n+1}(u32)·(|A||w| + |b|) plus the rounding of w (u32·|A||w|).
	g := make([]float64, n)
	l := o.Grad(g, w)
	want := numtest.MatVec(a, w)
	absAw := numtest.AbsMatVec(a, w)
	tolG := make([]float64, n)
	for i := range want {
		want[i] -= b[i]
		tolG[i] = float64(n+3) * numtest.U32 * (absAw[i] + math.Abs(b[i]))
	}
	numtest.CheckVec(t, "Grad", g, want, tolG)
	assert.Equal(t, l, o.Loss(w))
	for i := range g {
		assert.Equal(t, float64(float32(g[i])), g[i], "widened from float32")
	}

	// HVP: the float32 bound, with the step 2⁻⁸·max(1, ‖w‖); the oracle's
	// Hessian is fl32(A), u32·|A||v| away from A.
	hv := make([]float64, n)
	o.HVP(hv, w, v)
	exact := numtest.MatVec(a, v)
	h := 0x1p-8 * math.Max(1, numtest.Norm(w))
	wh := make([]float64, n)
	for i := range wh {
		wh[i] = math.Abs(w[i]) + h
	}
	epsG := numtest.AbsMatVec(a, wh)
	for i := range epsG {
		epsG[i] = float64(n+1) * numtest.U32 * 1.0001 * (epsG[i] + math.Abs(b[i]))
	}
	tol := numtest.FDHVPTol(numtest.U32, numtest.Norm(v), h, 0, numtest.Norm(epsG), numtest.Frobenius(a), numtest.Norm(w), numtest.Norm(exact)) +
		numtest.U32*numtest.Norm(numtest.AbsMatVec(a, v))
	numtest.CheckNorm(t, "FDObjective32.HVP", hv, exact, tol)
	// It really is a float32 computation: the error is far above float64's.
	assert.Greater(t, numtest.Norm(numtest.Sub(hv, exact)), 1e-9*numtest.Norm(exact))
	assert.Panics(t, func() { hessian.NewFDObjective32(n, nil) })
}
