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
	// √u·max(1, ‖w‖) for float64 (u = 2⁻⁵³) and u^(1/3)·max(1, ‖w‖) for
	// float32 (u = 2⁻²⁴, whose cube root is 2⁻⁸).
	c := math.Sqrt(0x1p-53)
	assert.InEpsilon(t, 1.054e-8, c, 1e-3)
	assert.Equal(t, c, hessian.FDStep([]float64{0.1, -0.2}))
	assert.Equal(t, c, hessian.FDStep[float64](nil))
	assert.InEpsilon(t, 5*c, hessian.FDStep([]float64{3, 4}), 2*numtest.U)
	assert.Equal(t, 0x1p-8, hessian.FDStep([]float32{0.3}))
	assert.Equal(t, 0x1p-8*5, hessian.FDStep([]float32{3, 4}))
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

func TestFDOnQuadratic(t *testing.T) {
	// A quadratic written here, so that the only thing under test is the
	// finite difference: its gradient Aw − b is a plain loop, exact
	// Hessian A, no truncation error; only rounding remains, and the error
	// estimate passes at the default step.
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
	o, err := hessian.NewFDObjective(n, nil, grad, nil)
	require.NoError(t, err)
	for _, scale := range []float64{0.1, 1, 30} {
		w := numtest.Vec(r, n, scale)
		v := numtest.Vec(r, n, 2.5) // ‖v‖ ≠ 1: the result scales with it
		hv := make([]float64, n)
		calls = 0
		require.NoError(t, o.HVPErr(hv, w, v))
		assert.Equal(t, 3, calls, "two sides and the gradient at the new point")
		calls = 0
		o.HVP(hv, w, v)
		assert.Equal(t, 2, calls, "the point's gradient is kept")
		want := numtest.MatVec(a, v)
		h := math.Sqrt(numtest.U) * math.Max(1, numtest.Norm(w))
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
		numtest.CheckNorm(t, "FDObjective.HVP", hv, want, tol)
		t.Logf("‖w‖ = %.3g: error %.3g, bound %.3g", numtest.Norm(w), numtest.Norm(numtest.Sub(hv, want)), tol)
	}
	// v = 0 costs nothing and gives 0.
	hv := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}
	w := numtest.Vec(r, n, 1)
	o.HVP(make([]float64, n), w, numtest.Vec(r, n, 1))
	calls = 0
	o.HVP(hv, w, make([]float64, n))
	assert.Zero(t, calls)
	assert.Equal(t, make([]float64, n), hv)
}

func TestFDFixedStep(t *testing.T) {
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
		fo, err := hessian.NewFDObjective(d, nil, o.Grad, &hessian.FDOptions{Step: h, NoCheck: true})
		require.NoError(t, err)
		fo.HVP(got, w, v)
		// Rounding: ε_g ~ 1e-15 is negligible next to h²T/6 here; the
		// Hessian's norm is at most ‖X‖_F²/(4M).
		tol := numtest.FDHVPTol(numtest.U, nv, h, t4, 1e-13, normX/4, numtest.Norm(w), numtest.Norm(want))
		errN := numtest.Norm(numtest.Sub(got, want))
		assert.LessOrEqual(t, errN, tol)
		// The error is really of order h² (not a bound that is never
		// approached): at least 1e-4 of it.
		assert.Greater(t, errN, 1e-4*h*h/6*t4)
	}
}

func TestFDObjective(t *testing.T) {
	const m, d = 40, 5
	flat, y := models.GaussianClusters(m, d, 2, 27)
	lo, err := models.NewLogistic(m, d, flat, d, y, 0.05)
	require.NoError(t, err)
	r := numtest.Rand(28)
	w, v := numtest.Vec(r, d, 0.5), numtest.Vec(r, d, 1)

	lossCalls := 0
	withLoss, err := hessian.NewFDObjective(d, func(w []float64) float64 { lossCalls++; return lo.Loss(w) }, lo.Grad, nil)
	require.NoError(t, err)
	gradOnly, err := hessian.NewFDObjective(d, nil, lo.Grad, nil)
	require.NoError(t, err)
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
	h := math.Sqrt(numtest.U) * math.Max(1, numtest.Norm(w))
	tol := numtest.FDHVPTol(numtest.U, nv, h, t4, epsG, normX/4+0.05, numtest.Norm(w), numtest.Norm(exact))
	numtest.CheckNorm(t, "FDObjective.HVP", hv, exact, tol)

	_, err = hessian.NewFDObjective(0, nil, lo.Grad, nil)
	assert.ErrorContains(t, err, "need n ≥ 1")
	_, err = hessian.NewFDObjective(d, nil, nil, nil)
	assert.ErrorContains(t, err, "gradient oracle")
	assert.Panics(t, func() { gradOnly.HVP(make([]float64, d-1), w, v) })
}

func TestFDObjective32(t *testing.T) {
	const n = 6
	a := obRandomSymmetric(29, n)
	r := numtest.Rand(30)
	b := numtest.Vec(r, n, 1)
	o, err := hessian.NewFDObjective32(n, obQuad32(a, b), &hessian.FDOptions{Tol: 1e-2})
	require.NoError(t, err)
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
	_, err = hessian.NewFDObjective32(n, nil, nil)
	assert.Error(t, err)
}

func TestFDBadOptions(t *testing.T) {
	grad := func(g, w []float64) float64 { copy(g, w); return 0 }
	for _, o := range []hessian.FDOptions{{Step: -1}, {Step: math.NaN()}, {Step: math.Inf(1)}, {Tol: -1e-3}, {Tol: math.NaN()}, {Tol: math.Inf(1)}} {
		_, err := hessian.NewFDObjective(3, nil, grad, &o)
		require.Error(t, err, "%+v", o)
		field := "Step"
		if o.Step == 0 {
			field = "Tol"
		}
		assert.ErrorContains(t, err, "FDOptions."+field)
	}
}

// reluNet returns a small ReLU network's flat loss whose pre-activations
// spread over both sides of zero, and a point and direction.
func reluNet(t *testing.T) (*models.FlatMLP[float64], []float64, []float64) {
	r := numtest.Rand(31)
	const m, in, hidden = 50, 6, 64
	x := numtest.Vec(r, m*in, 1)
	labels := make([]int, m)
	for i := range labels {
		labels[i] = r.IntN(3)
	}
	mlp, err := models.NewMLP([]int{in, hidden, 3}, models.ReLU, x, labels)
	require.NoError(t, err)
	return mlp.Flat(nil), numtest.Vec(r, mlp.Dim(), 0.5), numtest.Vec(r, mlp.Dim(), 1)
}

// TestFDKinks: steps that cross ReLU kinks fail with LimitKinks and NaN;
// the default step on the same network meets the tolerance and agrees
// with the R-operator.
func TestFDKinks(t *testing.T) {
	f, w, v := reluNet(t)
	n := f.Dim()
	exact := make([]float64, n)
	f.HVP(exact, w, v)

	big, err := hessian.NewFDObjective(n, nil, f.Grad, &hessian.FDOptions{Step: 0.3})
	require.NoError(t, err)
	hv := make([]float64, n)
	err = big.HVPErr(hv, w, v)
	var fe *hessian.FDError
	require.ErrorAs(t, err, &fe)
	assert.ErrorIs(t, err, hessian.ErrInaccurate)
	assert.Equal(t, hessian.LimitKinks, fe.Limit)
	assert.Equal(t, []float64{0.3, 0.3 / 8, 1.2, 0.3 / 64}, fe.Steps)
	assert.Greater(t, fe.Estimate, hessian.DefaultFDTol)
	assert.ErrorContains(t, err, "kinks")
	assert.ErrorContains(t, err, "smaller Step")
	assert.True(t, math.IsNaN(hv[0]) && math.IsNaN(hv[n-1]))

	def, err := hessian.NewFDObjective(n, nil, f.Grad, nil)
	require.NoError(t, err)
	require.NoError(t, def.HVPErr(hv, w, v))
	rel := numtest.Norm(numtest.Sub(hv, exact)) / numtest.Norm(exact)
	t.Logf("default step: relative error %.2g", rel)
	assert.Less(t, rel, hessian.DefaultFDTol)
}

// TestFDRounding: a float32 gradient asked for more than it can give fails
// with LimitRounding, and so does a float64 gradient with noise in it.
func TestFDRounding(t *testing.T) {
	const n = 6
	a := obRandomSymmetric(32, n)
	r := numtest.Rand(33)
	b := numtest.Vec(r, n, 1)
	w, v := numtest.Vec(r, n, 1), numtest.Vec(r, n, 1)
	o, err := hessian.NewFDObjective32(n, obQuad32(a, b), &hessian.FDOptions{Tol: 1e-9})
	require.NoError(t, err)
	hv := make([]float64, n)
	err = o.HVPErr(hv, w, v)
	var fe *hessian.FDError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, hessian.LimitRounding, fe.Limit)
	assert.True(t, fe.Float32)
	assert.ErrorContains(t, err, "float64 gradient")

	noise := numtest.Rand(34)
	noisy := func(g, w []float64) float64 {
		for i := range a {
			g[i] = numtest.Dot(a[i], w) - b[i] + 1e-9*noise.NormFloat64()
		}
		return 0
	}
	o, err = hessian.NewFDObjective(n, nil, noisy, nil)
	require.NoError(t, err)
	err = o.HVPErr(hv, w, v)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, hessian.LimitRounding, fe.Limit)
	assert.False(t, fe.Float32)
	assert.ErrorContains(t, err, "deterministic")
}

// TestFDNonFinite: NaN in a gradient or in v is ErrNonFinite, not a
// product.
func TestFDNonFinite(t *testing.T) {
	calls := 0
	grad := func(g, w []float64) float64 {
		calls++
		copy(g, w)
		if calls == 3 {
			g[1] = math.NaN()
		}
		return 0
	}
	o, err := hessian.NewFDObjective(3, nil, grad, nil)
	require.NoError(t, err)
	hv := make([]float64, 3)
	err = o.HVPErr(hv, []float64{1, 2, 3}, []float64{1, 0, 0})
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	assert.True(t, math.IsNaN(hv[0]))
	err = o.HVPErr(hv, []float64{1, 2, 3}, []float64{math.Inf(1), 0, 0})
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	// The gradient of w ↦ ½‖w‖² is w, so H = I.
	require.NoError(t, o.HVPErr(hv, []float64{1, 2, 3}, []float64{0, 2, 0}))
	assert.InDeltaSlice(t, []float64{0, 2, 0}, hv, 1e-7)
}
