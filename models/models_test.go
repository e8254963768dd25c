package models_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/internal/numtest"
	"github.com/samkern/samkern/models"
)

// fdHVP is the unchecked central difference of grad at w along v with the
// step h (u^(1/3)·max(1, ‖w‖) in these tests, optimal for smooth losses),
// an independent check of an objective's HVP against its Grad.
func fdHVP(t *testing.T, n int, grad hessian.GradOracle, h float64, hv, w, v []float64) {
	t.Helper()
	o, err := hessian.NewFDObjective(n, nil, grad, &hessian.FDOptions{Step: h, NoCheck: true})
	require.NoError(t, err)
	o.HVP(hv, w, v)
}

// --- Quadratic --------------------------------------------------------------

func TestQuadraticAgainstFormulas(t *testing.T) {
	const n, lda = 12, 15
	r := numtest.Rand(1)
	// An unsymmetric A: the objective must use its symmetric part.
	a0 := numtest.Vec(r, n*lda, 1)
	for i := 0; i < n; i++ {
		for j := n; j < lda; j++ {
			a0[i*lda+j] = math.NaN() // padding: never read
		}
	}
	b := numtest.Vec(r, n, 1)
	const c = 0.7
	q, err := models.NewQuadratic(n, a0, lda, b, c)
	require.NoError(t, err)
	require.Equal(t, n, q.Dim())

	as := make([][]float64, n)
	for i := range as {
		as[i] = make([]float64, n)
		for j := range as[i] {
			as[i][j] = (a0[i*lda+j] + a0[j*lda+i]) / 2
		}
	}
	w := numtest.Vec(r, n, 1)

	// Loss: ½wᵀAw − bᵀw + c, and its rounding-error scale
	// S = ½|w|ᵀ|A||w| + |b|ᵀ|w| + |c|; both evaluations are within
	// γ_{2n+4}·S (a dot product of dot products plus three terms).
	aw := numtest.MatVec(as, w)
	want := numtest.Dot(w, aw)/2 - numtest.Dot(b, w) + c
	absAw := numtest.AbsMatVec(as, w)
	scale := numtest.Dot(numtest.Abs(w), absAw)/2 + numtest.Dot(numtest.Abs(b), numtest.Abs(w)) + c
	epsL := 2 * numtest.Gamma(2*n+4) * scale
	assert.InDelta(t, want, q.Loss(w), epsL)

	// Gradient Aw − b: each component within γ_{n+2}·((|A||w|)_i + |b_i|)
	// for either evaluation. SymMatVec sums in a different order than a
	// row dot product, which the bound covers.
	g := make([]float64, n)
	l := q.Grad(g, w)
	assert.InDelta(t, want, l, epsL)
	wantG := make([]float64, n)
	epsG := make([]float64, n)
	for i := range wantG {
		wantG[i] = aw[i] - b[i]
		epsG[i] = 2 * numtest.Gamma(n+2) * (absAw[i] + math.Abs(b[i]))
	}
	numtest.CheckVec(t, "Grad", g, wantG, epsG)
	// Against the central difference of Loss; a quadratic has no third
	// derivative, so only rounding enters (epsL at the shifted points is
	// the same to first order; doubled for safety).
	numtest.CheckGrad(t, "Grad vs FD", q.Loss, w, g, nil, 2*epsL, epsG)

	// HVP against the dense symmetric part, column by column and for a
	// random v: within γ_{n+8}·(|A||v|)_i each way.
	hvpAt := func(hv, v []float64) { q.HVP(hv, w, v) }
	dense := numtest.Dense(n, hvpAt)
	for i := range dense {
		for j := range dense[i] {
			require.InDeltaf(t, as[i][j], dense[i][j], 2*numtest.Gamma(n+8)*math.Abs(as[i][j]), "H[%d][%d]", i, j)
		}
	}
	v := numtest.Vec(r, n, 3)
	hv := make([]float64, n)
	q.HVP(hv, w, v)
	tolHv := make([]float64, n)
	for i, s := range numtest.AbsMatVec(as, v) {
		tolHv[i] = 2 * numtest.Gamma(n+8) * s
	}
	numtest.CheckVec(t, "HVP", hv, numtest.MatVec(as, v), tolHv)

	// HVP against the finite-difference HVP of Grad, with the bound of
	// package hessian (T = 0 for a quadratic; ε_g = ‖epsG‖ at w ± hv̂,
	// where |w| changes by at most h).
	h := math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(w))
	fd := make([]float64, n)
	fdHVP(t, n, q.Grad, h, fd, w, v)
	tol := numtest.FDHVPTol(numtest.U, numtest.Norm(v), h, 0, 2*numtest.Norm(epsG), numtest.Frobenius(as), numtest.Norm(w), numtest.Norm(hv))
	numtest.CheckNorm(t, "HVP vs FD", fd, hv, tol)
	t.Logf("‖FD − HVP‖ = %.3g, bound %.3g", numtest.Norm(numtest.Sub(fd, hv)), tol)

	// LossPair: the same loss, and the difference both for a large step
	// (against two Loss calls) and for a tiny one, where a quadratic's
	// Taylor expansion s·gᵀd + (s²/2)·dᵀAd is exact and subtracting two
	// losses of size S would lose the answer.
	d := numtest.Vec(r, n, 1)
	lp, diff := q.LossPair(w, d, 0.3)
	assert.InDelta(t, want, lp, epsL)
	wd := slices.Clone(w)
	for i := range wd {
		wd[i] += 0.3 * d[i]
	}
	assert.InDelta(t, q.Loss(wd)-q.Loss(w), diff, 4*numtest.Gamma(2*n+4)*(scale+numtest.Dot(numtest.Abs(wd), numtest.AbsMatVec(as, wd))))
	const s = 1e-7
	_, diff = q.LossPair(w, d, s)
	taylor := s*numtest.Dot(wantG, d) + s*s/2*numtest.Dot(d, numtest.MatVec(as, d))
	// Error: the products and sums of the linear term, relative
	// γ_{2n+4} of s·(|d|ᵀ|A||w| + |b|ᵀ|d|); the quadratic term's is
	// smaller by s.
	tolD := 2 * numtest.Gamma(2*n+4) * s * (numtest.Dot(numtest.Abs(d), absAw) + numtest.Dot(numtest.Abs(b), numtest.Abs(d)) + s*numtest.Dot(numtest.Abs(d), numtest.AbsMatVec(as, d)))
	assert.InDelta(t, taylor, diff, tolD)
	assert.Less(t, tolD, 1e-12*math.Abs(taylor), "the bound itself must be tight for the test to mean anything")
}

func TestQuadraticSpectrum(t *testing.T) {
	eigs := []float64{3, -1, 0.5, 10, 2, 2, 0.1}
	n := len(eigs)
	q, err := models.NewQuadraticSpectrum(eigs, 7)
	require.NoError(t, err)
	require.Equal(t, n, q.Dim())

	values, vectors := q.Eigen()
	assert.Equal(t, []float64{10, 3, 2, 2, 0.5, 0.1, -1}, values, "descending, repeats kept")
	require.Len(t, vectors, n)
	// CGS2 leaves ‖I − QᵀQ‖ at a small multiple of u (Giraud, Langou and
	// Rozložník 2005); 16·n·u is generous for n = 7.
	for i := range vectors {
		for j := range vectors {
			want := 0.0
			if i == j {
				want = 1
			}
			assert.InDeltaf(t, want, numtest.Dot(vectors[i], vectors[j]), 16*float64(n)*numtest.U, "q_%d·q_%d", i, j)
		}
	}
	// A·q_k = λ_k·q_k up to the rounding of forming Σ λ_l q_l q_lᵀ and of
	// the product, and the orthogonality error: 32·n·u·Σ|λ_l|.
	var sumAbs float64
	for _, l := range eigs {
		sumAbs += math.Abs(l)
	}
	w := make([]float64, n)
	hv := make([]float64, n)
	for k, qk := range vectors {
		q.HVP(hv, w, qk)
		want := slices.Clone(qk)
		for i := range want {
			want[i] *= values[k]
		}
		numtest.CheckNorm(t, "A·q_k", hv, want, 32*float64(n)*numtest.U*sumAbs)
	}
	// The stored matrix is exactly symmetric, and w = 0 is stationary.
	a := q.Matrix()
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			require.Equal(t, a[i*n+j], a[j*n+i])
		}
	}
	g := make([]float64, n)
	assert.Zero(t, q.Grad(g, w))
	assert.Equal(t, make([]float64, n), g)

	// Eigen returns copies; the same seed the same matrix, another seed
	// another.
	vectors[0][0] = 99
	_, again := q.Eigen()
	assert.NotEqual(t, 99.0, again[0][0])
	q2, _ := models.NewQuadraticSpectrum(eigs, 7)
	assert.Equal(t, a, q2.Matrix())
	q3, _ := models.NewQuadraticSpectrum(eigs, 8)
	assert.NotEqual(t, a, q3.Matrix())

	plain, err := models.NewQuadratic(2, []float64{1, 0, 0, 1}, 2, nil, 0)
	require.NoError(t, err)
	vals, vecs := plain.Eigen()
	assert.Nil(t, vals)
	assert.Nil(t, vecs)
}

func TestQuadraticBadInput(t *testing.T) {
	_, err := models.NewQuadratic(2, []float64{1, math.NaN(), 0, 1}, 2, nil, 0)
	assert.ErrorIs(t, err, models.ErrNonFinite)
	_, err = models.NewQuadratic(1, []float64{1}, 1, nil, math.Inf(1))
	assert.ErrorIs(t, err, models.ErrNonFinite)
	_, err = models.NewQuadraticSpectrum([]float64{1, math.Inf(-1)}, 1)
	assert.ErrorIs(t, err, models.ErrNonFinite)
	assert.PanicsWithValue(t, "models.NewQuadratic: len(a) = 3, need 4 for n = 2, lda = 2", func() { _, _ = models.NewQuadratic(2, []float64{1, 2, 3}, 2, nil, 0) })
	assert.Panics(t, func() { _, _ = models.NewQuadratic(2, make([]float64, 4), 1, nil, 0) })
	assert.Panics(t, func() { _, _ = models.NewQuadraticSpectrum(nil, 1) })
	q, _ := models.NewQuadratic(2, []float64{1, 0, 0, 1}, 2, nil, 0)
	assert.PanicsWithValue(t, "models.Quadratic.Loss: len(w) = 1 is shorter than the dimension 2", func() { q.Loss([]float64{1}) })
	assert.PanicsWithValue(t, "models.Quadratic.HVP: len(hv) = 1 is shorter than the dimension 2", func() { q.HVP(make([]float64, 1), make([]float64, 2), make([]float64, 2)) })
}

// --- Least squares ------------------------------------------------------------

// obLinear is a random row-major m×d matrix with stride ldx whose padding
// holds NaN, so that reading it would show.
func obLinear(seed uint64, m, d, ldx int) (x [][]float64, flat []float64) {
	r := numtest.Rand(seed)
	flat = make([]float64, (m-1)*ldx+d)
	for i := range flat {
		flat[i] = math.NaN()
	}
	x = make([][]float64, m)
	for k := range x {
		x[k] = numtest.Vec(r, d, 1)
		copy(flat[k*ldx:], x[k])
	}
	return x, flat
}

func TestLeastSquaresAgainstFormulas(t *testing.T) {
	const m, d, ldx = 40, 7, 9
	x, flat := obLinear(2, m, d, ldx)
	r := numtest.Rand(3)
	y := numtest.Vec(r, m, 1)
	o, err := models.NewLeastSquares(m, d, flat, ldx, y)
	require.NoError(t, err)
	require.Equal(t, d, o.Dim())
	require.Equal(t, m, o.Samples())
	w := numtest.Vec(r, d, 1)
	fm := float64(m)

	// Residuals r_k = x_kᵀw − y_k and their error scales
	// s_k = |x_k|ᵀ|w| + |y_k|: each r_k is within γ_{d+1}·s_k.
	res, sc := make([]float64, m), make([]float64, m)
	var want, scale float64
	for k := range x {
		res[k] = numtest.Dot(x[k], w) - y[k]
		sc[k] = numtest.Dot(numtest.Abs(x[k]), numtest.Abs(w)) + math.Abs(y[k])
		want += res[k] * res[k] / (2 * fm)
		scale += sc[k] * sc[k] / (2 * fm)
	}
	// ½r² has error ≤ (2γ_{d+1} + u)·½s², and the sum adds γ_m: twice
	// γ_{m+2d+8}·Σ½s²/M covers the test's and the objective's.
	epsL := 2 * numtest.Gamma(m+2*d+8) * scale
	assert.InDelta(t, want, o.Loss(w), epsL)

	g := make([]float64, d)
	assert.InDelta(t, want, o.Grad(g, w), epsL)
	wantG, epsG := make([]float64, d), make([]float64, d)
	for k := range x {
		for i := range wantG {
			wantG[i] += res[k] * x[k][i] / fm
			epsG[i] += 2 * numtest.Gamma(m+d+8) * sc[k] * math.Abs(x[k][i]) / fm
		}
	}
	numtest.CheckVec(t, "Grad", g, wantG, epsG)
	numtest.CheckGrad(t, "Grad vs FD", o.Loss, w, g, nil, 2*epsL, epsG)

	// The dense Hessian XᵀX/M written as a plain triple loop, and its
	// error scale |X|ᵀ|X|/M: GramVec's dot product, weight and sum are
	// within γ_{m+d+16} of it, the test's loops within γ_{m+d}.
	hess, absH := make([][]float64, d), make([][]float64, d)
	for i := range hess {
		hess[i], absH[i] = make([]float64, d), make([]float64, d)
		for j := range hess[i] {
			for k := range x {
				hess[i][j] += x[k][i] * x[k][j] / fm
				absH[i][j] += math.Abs(x[k][i]*x[k][j]) / fm
			}
		}
	}
	dense := numtest.Dense(d, func(hv, v []float64) { o.HVP(hv, w, v) })
	for i := range dense {
		for j := range dense[i] {
			require.InDeltaf(t, hess[i][j], dense[i][j], 2*numtest.Gamma(m+d+16)*absH[i][j], "H[%d][%d]", i, j)
		}
	}
	v := numtest.Vec(r, d, 2)
	hv := make([]float64, d)
	o.HVP(hv, w, v)
	tolHv := numtest.AbsMatVec(absH, v)
	for i := range tolHv {
		tolHv[i] *= 2 * numtest.Gamma(m+2*d+16)
	}
	numtest.CheckVec(t, "HVP", hv, numtest.MatVec(hess, v), tolHv)

	h := math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(w))
	fd := make([]float64, d)
	fdHVP(t, d, o.Grad, h, fd, w, v)
	tol := numtest.FDHVPTol(numtest.U, numtest.Norm(v), h, 0, 2*numtest.Norm(epsG), numtest.Frobenius(hess), numtest.Norm(w), numtest.Norm(hv))
	numtest.CheckNorm(t, "HVP vs FD", fd, hv, tol)

	// Sampled: all indices give the gradient, one index that sample's
	// gradient r_k·x_k, repeated indices count with their multiplicity.
	all := make([]int, m)
	for k := range all {
		all[k] = k
	}
	gs := make([]float64, d)
	assert.InDelta(t, want, o.GradSamples(gs, w, all), epsL)
	numtest.CheckVec(t, "GradSamples(all)", gs, wantG, epsG)
	for _, k := range []int{0, 17, m - 1} {
		lk := o.GradSamples(gs, w, []int{k})
		assert.InDelta(t, res[k]*res[k]/2, lk, 2*numtest.Gamma(2*d+4)*sc[k]*sc[k])
		for i := range gs {
			require.InDelta(t, res[k]*x[k][i], gs[i], 2*numtest.Gamma(d+4)*sc[k]*math.Abs(x[k][i]))
		}
	}
	o.GradSamples(gs, w, []int{3, 5, 3})
	for i := range gs {
		want := (2*res[3]*x[3][i] + res[5]*x[5][i]) / 3
		require.InDelta(t, want, gs[i], 2*numtest.Gamma(d+8)*(sc[3]*math.Abs(x[3][i])+sc[5]*math.Abs(x[5][i])))
	}
	assert.PanicsWithValue(t, "models.LeastSquares.GradSamples: idx is empty", func() { o.GradSamples(gs, w, nil) })
	assert.PanicsWithValue(t, "models.LeastSquares.GradSamples: sample index 40 out of range [0, 40)", func() { o.GradSamples(gs, w, []int{m}) })

	// LossPair: least squares is quadratic, so for a tiny step the
	// Taylor expansion s·gᵀd + (s²/2)·dᵀHd is the exact difference.
	dir := numtest.Vec(r, d, 1)
	lp, _ := o.LossPair(w, dir, 0.5)
	assert.InDelta(t, want, lp, epsL)
	const s = 1e-7
	_, diff := o.LossPair(w, dir, s)
	taylor := s*numtest.Dot(wantG, dir) + s*s/2*numtest.Dot(dir, numtest.MatVec(hess, dir))
	var scaleD float64
	for k := range x {
		tk := numtest.Dot(numtest.Abs(x[k]), numtest.Abs(dir))
		scaleD += s * tk * (sc[k] + s*tk) / fm
	}
	tolD := 2*numtest.Gamma(m+2*d+8)*scaleD + s*numtest.Dot(epsG, numtest.Abs(dir))
	assert.InDelta(t, taylor, diff, tolD)
	assert.Less(t, tolD, 1e-11*math.Abs(taylor))
}

func TestLinearBadInput(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	_, err := models.NewLeastSquares(2, 2, []float64{1, math.NaN(), 3, 4}, 2, []float64{0, 0})
	assert.ErrorIs(t, err, models.ErrNonFinite)
	_, err = models.NewLeastSquares(2, 2, x, 2, []float64{0, math.Inf(1)})
	assert.ErrorIs(t, err, models.ErrNonFinite)
	_, err = models.NewLogistic(2, 2, x, 2, []float64{1, 0}, 0)
	assert.ErrorContains(t, err, "label y[1] = 0 is not -1 or +1")
	_, err = models.NewLogistic(2, 2, x, 2, []float64{1, -1}, -1)
	assert.Error(t, err)
	_, err = models.NewLogistic(2, 2, x, 2, []float64{1, -1}, math.NaN())
	assert.Error(t, err)
	assert.PanicsWithValue(t, "models.NewLogistic: len(y) = 1 is shorter than m = 2", func() { _, _ = models.NewLogistic(2, 2, x, 2, []float64{1}, 0) })
	assert.PanicsWithValue(t, "models.NewLeastSquares: len(x) = 4, need 5 for m = 2, d = 2, ldx = 3", func() { _, _ = models.NewLeastSquares(2, 2, x, 3, []float64{0, 0}) })
	assert.Panics(t, func() { _, _ = models.NewLeastSquares(2, 2, x, 1, []float64{0, 0}) })
	o, err := models.NewLogistic(2, 2, x, 2, []float64{1, -1}, 0)
	require.NoError(t, err)
	assert.PanicsWithValue(t, "models.Logistic.Grad: len(g) = 1 is shorter than the dimension 2", func() { o.Grad(make([]float64, 1), make([]float64, 2)) })
}

// --- Logistic regression ----------------------------------------------------------

func TestLogisticAgainstFormulas(t *testing.T) {
	const m, d, lambda = 50, 6, 0.01
	flat, y := models.GaussianClusters(m, d, 2, 4)
	x := make([][]float64, m)
	for k := range x {
		x[k] = flat[k*d : (k+1)*d]
	}
	o, err := models.NewLogistic(m, d, flat, d, y, lambda)
	require.NoError(t, err)
	require.Equal(t, d, o.Dim())
	require.Equal(t, m, o.Samples())
	require.Equal(t, lambda, o.Lambda())
	r := numtest.Rand(5)
	w := numtest.Vec(r, d, 0.5)
	fm := float64(m)

	// Per sample: margin z_k = x_kᵀw (error ≤ γ_{d}·s_k, s_k = |x_k|ᵀ|w|),
	// loss log(1 + e^{−y z}) (slope at most 1 in z), coefficient
	// −y·σ(−y z) (slope at most ¼) and curvature σ(z)σ(−z) (slope at most
	// numtest.Sigma2Max).
	z, sc := make([]float64, m), make([]float64, m)
	var want, scale float64
	for k := range x {
		z[k] = numtest.Dot(x[k], w)
		sc[k] = numtest.Dot(numtest.Abs(x[k]), numtest.Abs(w))
		lk := math.Log1p(math.Exp(-y[k] * z[k]))
		want += lk / fm
		scale += (lk + sc[k]) / fm
	}
	ww := numtest.Dot(w, w)
	want += lambda / 2 * ww
	scale += lambda / 2 * ww
	epsL := 2 * numtest.Gamma(m+d+16) * scale
	assert.InDelta(t, want, o.Loss(w), epsL)

	g := make([]float64, d)
	assert.InDelta(t, want, o.Grad(g, w), epsL)
	wantG, epsG := make([]float64, d), make([]float64, d)
	for k := range x {
		ck := -y[k] * numtest.Sigmoid(-y[k]*z[k])
		for i := range wantG {
			wantG[i] += ck * x[k][i] / fm
			epsG[i] += 2 * numtest.Gamma(m+d+16) * (math.Abs(ck) + sc[k]) * math.Abs(x[k][i]) / fm
		}
	}
	for i := range wantG {
		wantG[i] += lambda * w[i]
		epsG[i] += 4 * numtest.U * lambda * math.Abs(w[i])
	}
	numtest.CheckVec(t, "Grad", g, wantG, epsG)
	// ∂³L/∂w_i³ = (1/M)·Σ_k ∓σ''·x_ki³: at most numtest.Sigma2Max·Σ|x_ki|³/M.
	t3 := make([]float64, d)
	for k := range x {
		for i := range t3 {
			t3[i] += numtest.Sigma2Max * math.Pow(math.Abs(x[k][i]), 3) / fm
		}
	}
	numtest.CheckGrad(t, "Grad vs FD", o.Loss, w, g, t3, 2*epsL, epsG)

	// Dense Hessian (1/M)·Xᵀ·diag(p(1−p))·X + λI, with p(1−p) written as
	// σ(z)·σ(−z); error scale per term |x_ki x_kj|·(d_k + numtest.Sigma2Max·s_k).
	hess, absH := make([][]float64, d), make([][]float64, d)
	for i := range hess {
		hess[i], absH[i] = make([]float64, d), make([]float64, d)
	}
	var tr float64
	for k := range x {
		dk := numtest.Sigmoid(z[k]) * numtest.Sigmoid(-z[k])
		for i := range hess {
			for j := range hess[i] {
				hess[i][j] += dk * x[k][i] * x[k][j] / fm
				absH[i][j] += (dk + numtest.Sigma2Max*sc[k]) * math.Abs(x[k][i]*x[k][j]) / fm
			}
		}
	}
	for i := range hess {
		hess[i][i] += lambda
		absH[i][i] += lambda
		tr += hess[i][i]
	}
	dense := numtest.Dense(d, func(hv, v []float64) { o.HVP(hv, w, v) })
	for i := range dense {
		for j := range dense[i] {
			require.InDeltaf(t, hess[i][j], dense[i][j], 2*numtest.Gamma(m+2*d+16)*absH[i][j], "H[%d][%d]", i, j)
		}
	}
	v := numtest.Vec(r, d, 2)
	hv := make([]float64, d)
	o.HVP(hv, w, v)
	tolHv := numtest.AbsMatVec(absH, v)
	for i := range tolHv {
		tolHv[i] *= 2 * numtest.Gamma(m+3*d+16)
	}
	numtest.CheckVec(t, "HVP", hv, numtest.MatVec(hess, v), tolHv)

	// Against the finite difference: the fourth derivative along v̂ is
	// (1/M)·Σ σ'''·(x_kᵀv̂)³·x_k, bounded with |σ'''| ≤ 1/8 everywhere.
	nv := numtest.Norm(v)
	var t4 float64
	for k := range x {
		t4 += numtest.Sigma3Max * math.Pow(math.Abs(numtest.Dot(x[k], v)/nv), 3) * numtest.Norm(x[k]) / fm
	}
	h := math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(w))
	fd := make([]float64, d)
	fdHVP(t, d, o.Grad, h, fd, w, v)
	tol := numtest.FDHVPTol(numtest.U, nv, h, t4, 2*numtest.Norm(epsG), numtest.Frobenius(hess), numtest.Norm(w), numtest.Norm(hv))
	numtest.CheckNorm(t, "HVP vs FD", fd, hv, tol)
	t.Logf("‖FD − HVP‖ = %.3g, bound %.3g (trace %.4g)", numtest.Norm(numtest.Sub(fd, hv)), tol, tr)

	// Sampled: per-sample losses carry the whole regularizer.
	all := make([]int, m)
	for k := range all {
		all[k] = k
	}
	gs := make([]float64, d)
	assert.InDelta(t, want, o.GradSamples(gs, w, all), epsL)
	numtest.CheckVec(t, "GradSamples(all)", gs, wantG, epsG)
	for _, k := range []int{0, 31} {
		lk := o.GradSamples(gs, w, []int{k})
		assert.InDelta(t, math.Log1p(math.Exp(-y[k]*z[k]))+lambda/2*ww, lk, 2*numtest.Gamma(2*d+16)*(1+sc[k]+lambda*ww))
		ck := -y[k] * numtest.Sigmoid(-y[k]*z[k])
		for i := range gs {
			require.InDelta(t, ck*x[k][i]+lambda*w[i], gs[i], 2*numtest.Gamma(d+16)*((1+sc[k])*math.Abs(x[k][i])+lambda*math.Abs(w[i])))
		}
	}
	assert.Panics(t, func() { o.GradSamples(gs, w, []int{-1}) })

	// LossPair for a tiny step against the Taylor expansion
	// s·gᵀd + (s²/2)·dᵀHd, whose remainder is at most
	// (s³/6)·(1/M)·Σ numtest.Sigma2Max·|x_kᵀd|³; a plain difference of two
	// losses of size ~0.7 would be off by ~1e-16/1e-7 relative.
	dir := numtest.Vec(r, d, 1)
	const s = 1e-7
	lp, diff := o.LossPair(w, dir, s)
	assert.InDelta(t, want, lp, epsL)
	taylor := s*numtest.Dot(wantG, dir) + s*s/2*numtest.Dot(dir, numtest.MatVec(hess, dir))
	var rem, scaleD float64
	for k := range x {
		tk := numtest.Dot(numtest.Abs(x[k]), numtest.Abs(dir))
		rem += s * s * s / 6 * numtest.Sigma2Max * tk * tk * tk / fm
		scaleD += s * tk * (1 + sc[k]) / fm
	}
	tolD := rem + 2*numtest.Gamma(m+2*d+16)*scaleD + s*numtest.Dot(epsG, numtest.Abs(dir))
	assert.InDelta(t, taylor, diff, tolD)
	assert.Less(t, tolD, 1e-10*math.Abs(taylor))
	// And a large step against two Loss calls.
	wd := slices.Clone(w)
	for i := range wd {
		wd[i] += 2 * dir[i]
	}
	_, diff = o.LossPair(w, dir, 2)
	assert.InDelta(t, o.Loss(wd)-o.Loss(w), diff, 8*epsL)
}

// TestLogisticExtremeMargins checks the stable forms far out in the tails,
// where log(1 + e^t) and σ overflow or cancel if written plainly.
func TestLogisticExtremeMargins(t *testing.T) {
	x := []float64{1, -1}
	o, err := models.NewLogistic(2, 1, x, 1, []float64{1, 1}, 0)
	require.NoError(t, err)
	g := make([]float64, 1)
	for _, w := range []float64{-800, -40, 40, 800} {
		// Margins y·x·w = w and −w: one sample is far on the wrong side.
		l := o.Grad(g, []float64{w})
		// log(1+e^{−w}) + log(1+e^{w}) = |w| + 2·log(1 + e^{−|w|}).
		want := (math.Abs(w) + 2*math.Log1p(math.Exp(-math.Abs(w)))) / 2
		assert.InEpsilon(t, want, l, 4*numtest.U)
		assert.InEpsilon(t, want, o.Loss([]float64{w}), 4*numtest.U)
		// The two gradients −σ(−w)·1 and −σ(w)·(−1) sum to σ(w) − σ(−w).
		assert.InDelta(t, (numtest.Sigmoid(w)-numtest.Sigmoid(-w))/2, g[0], 4*numtest.U)
		hv := make([]float64, 1)
		o.HVP(hv, []float64{w}, []float64{1})
		// σ(w)σ(−w) = e^{−|w|}/(1+e^{−|w|})², kept relative even at 800
		// (it underflows to 0 only below e^{−745}).
		if math.Abs(w) == 800 {
			assert.Zero(t, hv[0])
		} else {
			e := math.Exp(-math.Abs(w))
			assert.InEpsilon(t, e/((1+e)*(1+e)), hv[0], 8*numtest.U, "w = %g", w)
		}
		_, diff := o.LossPair([]float64{w}, []float64{1}, 1e-9)
		// d/dw of the loss is the gradient above, to first order.
		assert.InDelta(t, 1e-9*g[0], diff, 1e-18+1e-9*4*numtest.U)
	}
}

func TestGaussianClusters(t *testing.T) {
	const m, d, sep = 4000, 3, 3.0
	x, y := models.GaussianClusters(m, d, sep, 9)
	require.Len(t, x, m*d)
	require.Len(t, y, m)
	x2, y2 := models.GaussianClusters(m, d, sep, 9)
	assert.Equal(t, x, x2)
	assert.Equal(t, y, y2)
	x3, _ := models.GaussianClusters(m, d, sep, 10)
	assert.NotEqual(t, x, x3)
	// Labels alternate; each class mean is y·(sep/2)/√d per coordinate,
	// and the sample mean of m/2 unit normals is within 5/√(m/2) of it
	// (5 standard deviations).
	mean := make([]float64, d)
	for k := 0; k < m; k++ {
		require.Equal(t, []float64{1, -1}[k%2], y[k])
		for j := 0; j < d; j++ {
			mean[j] += y[k] * x[k*d+j] / m
		}
	}
	for j := range mean {
		assert.InDelta(t, sep/2/math.Sqrt(d), mean[j], 5/math.Sqrt(m/2))
	}
}

// --- The paper's toy --------------------------------------------------------------

// obToyHessian is the analytic 4×4 Hessian of
// L = F1(x1)·x3² + F2(x2)·x4².
func obToyHessian(x []float64) [][]float64 {
	f, f1, f2 := numtest.ToyF(3, x[0])
	g, g1, g2 := numtest.ToyF(1.5, x[1])
	return [][]float64{
		{f2 * x[2] * x[2], 0, 2 * f1 * x[2], 0},
		{0, g2 * x[3] * x[3], 0, 2 * g1 * x[3]},
		{2 * f1 * x[2], 0, 2 * f, 0},
		{0, 2 * g1 * x[3], 0, 2 * g},
	}
}

// Bounds on |d^n/du^n exp(−(u−1)²)| = max |H_n(s)|·e^{−s²} over the line:
// 2, 3.904 and 12 for n = 2, 3, 4 (H_n the Hermite polynomials).
const (
	obToyD2, obToyD3, obToyD4 = 2, 3.91, 12
)

func TestToyAgainstFormulas(t *testing.T) {
	var toy models.Toy
	require.Equal(t, 4, toy.Dim())
	require.Equal(t, 2, toy.Samples())
	assert.Equal(t, []float64{-1, -1, 0.05, 0.05}, models.ToyStart())
	r := numtest.Rand(11)
	for trial := 0; trial < 5; trial++ {
		x := numtest.Vec(r, 4, 1)
		f, f1, _ := numtest.ToyF(3, x[0])
		g, g1, _ := numtest.ToyF(1.5, x[1])
		want := f*x[2]*x[2] + g*x[3]*x[3]
		epsL := 8 * numtest.U * want
		assert.InDelta(t, want, toy.Loss(x), epsL)
		assert.InDelta(t, f, toy.F1(x), 4*numtest.U*f)
		assert.InDelta(t, g, toy.F2(x), 4*numtest.U*g)
		assert.InDelta(t, f, models.ToyF1(x[0]), 4*numtest.U*f)
		assert.InDelta(t, g, models.ToyF2(x[1]), 4*numtest.U*g)

		grad := make([]float64, 4)
		assert.InDelta(t, want, toy.Grad(grad, x), epsL)
		wantG := []float64{f1 * x[2] * x[2], g1 * x[3] * x[3], 2 * f * x[2], 2 * g * x[3]}
		epsG := make([]float64, 4)
		for i := range epsG {
			epsG[i] = 8 * numtest.U * math.Abs(wantG[i])
		}
		numtest.CheckVec(t, "Grad", grad, wantG, epsG)
		// ∂³L/∂x1³ = F1'''·x3², ∂³L/∂x2³ = F2'''·x4², and x3, x4 enter
		// quadratically.
		t3 := []float64{obToyD3 * x[2] * x[2], obToyD3 * x[3] * x[3], 0, 0}
		numtest.CheckGrad(t, "Grad vs FD", toy.Loss, x, grad, t3, 2*epsL, epsG)

		hess := obToyHessian(x)
		dense := numtest.Dense(4, func(hv, v []float64) { toy.HVP(hv, x, v) })
		for i := range dense {
			for j := range dense[i] {
				require.InDeltaf(t, hess[i][j], dense[i][j], 8*numtest.U*math.Abs(hess[i][j]), "H[%d][%d] at %v", i, j, x)
			}
		}
		v := numtest.Vec(r, 4, 1)
		hv := make([]float64, 4)
		toy.HVP(hv, x, v)
		tolHv := numtest.AbsMatVec(hess, v)
		for i := range tolHv {
			tolHv[i] *= 8 * numtest.U
		}
		numtest.CheckVec(t, "HVP", hv, numtest.MatVec(hess, v), tolHv)

		// The fourth-derivative term along v̂: per block (a, c) = (x1, x3)
		// or (x2, x4), the components of ∇⁴L[v̂,v̂,v̂] are
		// F''''c²va³ + 6F'''c·va²vc + 6F''·va·vc² and 2F'''c·va³ + 6F''·va²vc,
		// bounded with |va|, |vc| ≤ 1 and |c| grown by h.
		h := math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(x))
		var t4sq float64
		for _, c := range []float64{math.Abs(x[2]) + h, math.Abs(x[3]) + h} {
			ca := obToyD4*c*c + 6*obToyD3*c + 6*obToyD2
			cc := 2*obToyD3*c + 6*obToyD2
			t4sq += ca*ca + cc*cc
		}
		fd := make([]float64, 4)
		fdHVP(t, 4, toy.Grad, h, fd, x, v)
		tol := numtest.FDHVPTol(numtest.U, numtest.Norm(v), h, math.Sqrt(t4sq), 2*numtest.Norm(epsG), numtest.Frobenius(hess), numtest.Norm(x), numtest.Norm(hv))
		numtest.CheckNorm(t, "HVP vs FD", fd, hv, tol)

		// The per-sample losses L_0 = 2F1·x3², L_1 = 2F2·x4², their mean
		// L, and mixtures by multiplicity.
		gs := make([]float64, 4)
		l0 := toy.GradSamples(gs, x, []int{0})
		assert.InDelta(t, 2*f*x[2]*x[2], l0, epsL)
		numtest.CheckVec(t, "GradSamples([0])", gs, []float64{2 * f1 * x[2] * x[2], 0, 4 * f * x[2], 0}, epsG)
		l1 := toy.GradSamples(gs, x, []int{1})
		assert.InDelta(t, 2*g*x[3]*x[3], l1, epsL)
		numtest.CheckVec(t, "GradSamples([1])", gs, []float64{0, 2 * g1 * x[3] * x[3], 0, 4 * g * x[3]}, epsG)
		assert.InDelta(t, want, (l0+l1)/2, epsL)
		assert.InDelta(t, want, toy.GradSamples(gs, x, []int{1, 0}), epsL)
		numtest.CheckVec(t, "GradSamples([1, 0])", gs, wantG, epsG)
		l001 := toy.GradSamples(gs, x, []int{0, 0, 1})
		assert.InDelta(t, (2*l0+l1)/3, l001, epsL)
	}
	gs := make([]float64, 4)
	assert.PanicsWithValue(t, "models.Toy.GradSamples: sample index 2 out of range [0, 2)", func() { toy.GradSamples(gs, make([]float64, 4), []int{2}) })
	assert.Panics(t, func() { toy.GradSamples(gs, make([]float64, 4), []int{}) })
	assert.Panics(t, func() { toy.Loss(make([]float64, 3)) })
}

// TestToyManifoldSpectrum checks the property Figure 1 rests on: on
// Γ = {x3 = x4 = 0} the Hessian's eigenvalues are 2·F1, 2·F2, 0, 0
// (computed here by gonum's symmetric eigensolver from the Hessian that
// HVP assembles, and F1, F2 from the formulas).
func TestToyManifoldSpectrum(t *testing.T) {
	var toy models.Toy
	for _, p := range [][2]float64{{-1, -1}, {1, 1}, {0.3, 2.5}, {1, -3}} {
		x := []float64{p[0], p[1], 0, 0}
		dense := numtest.Dense(4, func(hv, v []float64) { toy.HVP(hv, x, v) })
		sym := mat.NewSymDense(4, nil)
		for i := 0; i < 4; i++ {
			for j := i; j < 4; j++ {
				sym.SetSym(i, j, dense[i][j])
			}
		}
		var es mat.EigenSym
		require.True(t, es.Factorize(sym, false))
		got := es.Values(nil) // ascending
		f, _, _ := numtest.ToyF(3, p[0])
		g, _, _ := numtest.ToyF(1.5, p[1])
		want := []float64{0, 0, 2 * g, 2 * f}
		for i := range want {
			assert.InDeltaf(t, want[i], got[i], 16*numtest.U*2*f, "eigenvalue %d at %v", i, p)
		}
		top, bottom := toy.ManifoldEigenvalues(x)
		assert.InDelta(t, 2*f, top, 8*numtest.U*f)
		assert.InDelta(t, 2*g, bottom, 8*numtest.U*g)
		// And F1 > F2 > 0 everywhere, so λ1 = 2·F1 is simple.
		assert.Greater(t, f, g)
		assert.Greater(t, g, 0.0)
	}
}

func TestObjectivesConcurrent(t *testing.T) {
	// The objectives are read-only and draw scratch from pools: the same
	// value used from several goroutines gives the serial results.
	const m, d = 30, 5
	flat, y := models.GaussianClusters(m, d, 1, 12)
	lo, err := models.NewLogistic(m, d, flat, d, y, 0.1)
	require.NoError(t, err)
	ls, err := models.NewLeastSquares(m, d, flat, d, y)
	require.NoError(t, err)
	r := numtest.Rand(13)
	w, v := numtest.Vec(r, d, 1), numtest.Vec(r, d, 1)
	fdo, err := hessian.NewFDObjective(d, nil, lo.Grad, nil)
	require.NoError(t, err)
	for _, o := range []hessian.Objective{lo, ls, fdo} {
		want := make([]float64, d)
		o.HVP(want, w, v)
		wantL := o.Loss(w)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				hv := make([]float64, d)
				for range 200 {
					o.HVP(hv, w, v)
					if !slices.Equal(hv, want) || o.Loss(w) != wantL {
						errs <- errors.New("concurrent result differs")
						return
					}
				}
				errs <- nil
			}()
		}
		for range 4 {
			require.NoError(t, <-errs)
		}
	}
}
