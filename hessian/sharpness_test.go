package hessian_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/internal/numtest"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
)

var obCtx = context.Background()

// obOrthogonal returns n orthonormal rows by modified Gram–Schmidt, twice,
// on Gaussian vectors: written here, independently of
// NewQuadraticSpectrum.
func obOrthogonal(seed uint64, n int) [][]float64 {
	r := numtest.Rand(seed)
	q := make([][]float64, n)
	for i := range q {
		v := numtest.Vec(r, n, 1)
		for pass := 0; pass < 2; pass++ {
			for _, p := range q[:i] {
				c := numtest.Dot(p, v)
				for j := range v {
					v[j] -= c * p[j]
				}
			}
		}
		nv := numtest.Norm(v)
		for j := range v {
			v[j] /= nv
		}
		q[i] = v
	}
	return q
}

// obSpectral returns ½·wᵀAw − bᵀw through NewQuadratic with
// A = Σ λ_k q_k q_kᵀ built here, and the q_k (rows) and A.
func obSpectral(t *testing.T, eigs []float64, b []float64, seed uint64) (*models.Quadratic, [][]float64, [][]float64) {
	t.Helper()
	n := len(eigs)
	q := obOrthogonal(seed, n)
	a := make([][]float64, n)
	flat := make([]float64, n*n)
	for i := range a {
		a[i] = make([]float64, n)
		for j := range a[i] {
			for k, l := range eigs {
				a[i][j] += l * q[k][i] * q[k][j]
			}
			flat[i*n+j] = a[i][j]
		}
	}
	o, err := models.NewQuadratic(n, flat, n, b, 0)
	require.NoError(t, err)
	return o, q, a
}

// obEigs is a spectrum with a clear top: λ1 = 10, λ2 = 6, then 28 values
// spread over [0.2, 5].
func obEigs() []float64 {
	e := []float64{10, 6}
	for i := 0; i < 28; i++ {
		e = append(e, 0.2+4.8*float64(i)/27)
	}
	return e
}

func obSum(x []float64) (s, abs, sq float64) {
	for _, v := range x {
		s += v
		abs += math.Abs(v)
		sq += v * v
	}
	return
}

// obHide hides every method but the Objective interface's, so that the
// sharpness measures cannot use LossPair.
type obHide struct{ hessian.Objective }

// obBroken returns NaN from Loss and Grad (loss) or from HVP (hvp).
type obBroken struct {
	hessian.Objective
	loss, hvp bool
}

func (o obBroken) Loss(w []float64) float64 {
	if o.loss {
		return math.NaN()
	}
	return o.Objective.Loss(w)
}

func (o obBroken) Grad(g, w []float64) float64 {
	l := o.Objective.Grad(g, w)
	if o.loss {
		return math.NaN()
	}
	return l
}

func (o obBroken) HVP(hv, w, v []float64) {
	o.Objective.HVP(hv, w, v)
	if o.hvp {
		hv[0] = math.NaN()
	}
}

func TestWorstDirectionAtMinimum(t *testing.T) {
	eigs := obEigs()
	n := len(eigs)
	q, err := models.NewQuadraticSpectrum(eigs, 31)
	require.NoError(t, err)
	_, vecs := q.Eigen()
	_, sumAbs, _ := obSum(eigs)
	// The stored A is within 32·n·u·Σ|λ| of Q·diag(λ)·Qᵀ (see
	// TestQuadraticSpectrum), so its eigenvalues are too (Weyl).
	deltaA := 32 * float64(n) * numtest.U * sumAbs
	const rho = 0.05
	w := make([]float64, n)

	res, err := hessian.WorstDirection(obCtx, hessian.At(q, w), rho, &lanczos.Options{Tol: 1e-10, Seed: 1, Which: lanczos.SmallestAlgebraic})
	require.NoError(t, err)
	require.True(t, res.Converged)
	assert.LessOrEqual(t, res.Residual, 1e-10*res.Lambda1*1.01)
	// A Ritz value is within its residual of an eigenvalue, and the
	// nearest one to 10 is 10 (the next is 6).
	assert.InDelta(t, 10, res.Lambda1, res.Residual+deltaA)
	assert.InDelta(t, rho*rho/2*10, res.Sharpness, rho*rho/2*(res.Residual+deltaA))
	// Davis–Kahan: sin∠(V1, v1) ≤ (residual + δA)/gap, gap = 10 − 6, and
	// 1 − |cos| ≤ sin². The Which in the options is ignored.
	// Both vectors are normalized by kernels.Norm and Scale(1/‖x‖), so
	// each is unit within γ_{n/2+3} (γ_{n/2+1} from the norm, two from
	// the reciprocal and the product); the test's Dot and Norm add
	// γ_n·‖x‖‖y‖ and γ_{n/2+1}.
	unit := numtest.Gamma(n/2 + 3)
	sin := (res.Residual + deltaA) / 4
	assert.InDelta(t, 1, math.Abs(numtest.Dot(res.V1, vecs[0])), sin*sin+2*unit+numtest.Gamma(n))
	assert.InDelta(t, 1, numtest.Norm(res.V1), unit+numtest.Gamma(n/2+1))
	assert.Positive(t, res.Ops)

	// A one-parameter objective: the Hessian is a number, no Lanczos.
	one, err := models.NewQuadratic(1, []float64{3}, 1, nil, 0)
	require.NoError(t, err)
	r1, err := hessian.WorstDirection(obCtx, hessian.At(one, []float64{0.5}), rho, nil)
	require.NoError(t, err)
	assert.InDelta(t, rho*rho/2*3, r1.Sharpness, 4*numtest.U*r1.Sharpness) // three roundings between them
	r1.Sharpness = 0
	assert.Equal(t, hessian.WorstDirectionResult{Lambda1: 3, V1: []float64{1}, Converged: true, Ops: 1}, r1)
}

func TestWorstDirectionToy(t *testing.T) {
	// On Γ the Hessian is diag(0, 0, 2F1, 2F2) with F1 > F2: λ1 = 2F1,
	// v1 = ±e3, and the worst-direction sharpness is ρ²·F1.
	var toy models.Toy
	x := []float64{-1, 0.5, 0, 0}
	f, _, _ := numtest.ToyF(3, x[0])
	const rho = 0.01
	res, err := hessian.WorstDirection(obCtx, hessian.At(toy, x), rho, &lanczos.Options{Tol: 1e-12})
	require.NoError(t, err)
	assert.InDelta(t, 2*f, res.Lambda1, res.Residual+16*numtest.U*f)
	assert.InDelta(t, rho*rho*f, res.Sharpness, rho*rho/2*(res.Residual+16*numtest.U*f))
	// Gap 2F1 − 2F2 = 3.
	sin := (res.Residual + 16*numtest.U*f) / 3
	// V1 is unit within γ_{n/2+3}, n = 4 (see TestWorstDirectionAtMinimum).
	assert.InDelta(t, 1, math.Abs(res.V1[2]), sin*sin+numtest.Gamma(4/2+3))

	// The direct estimate, from an arbitrary start: e3 is feasible, so the
	// maximum is at least ρ²·F1; moving along x1 gains at most
	// ρ⁴·k²/(4·F1) with k = max|F1'| = 0.858 (maximize
	// (F1 + kρa)(1 − a²) over a), and F2 + kρ < F1, so the x4 block cannot
	// compete.
	asc, err := hessian.WorstDirectionAscent(obCtx, hessian.At(toy, x), rho, &hessian.AscentOptions{Start: []float64{0.3, 0.1, 1, 0.5}})
	require.NoError(t, err)
	assert.True(t, asc.Converged)
	k := 0.858
	assert.GreaterOrEqual(t, asc.Sharpness, rho*rho*f*(1-8*numtest.U))
	assert.LessOrEqual(t, asc.Sharpness, rho*rho*f+rho*rho*rho*rho*k*k/(4*f)+8*numtest.U*rho*rho*f)
	t.Logf("toy at %v: ascent %.15g, ρ²F1 %.15g, bound on the gain %.3g, %d iterations", x, asc.Sharpness, rho*rho*f, rho*rho*rho*rho*k*k/(4*f), asc.Iterations)
}

func TestWorstDirectionAscentAtMinimum(t *testing.T) {
	eigs := obEigs()
	n := len(eigs)
	q, vecs, _ := obSpectral(t, eigs, nil, 32)
	_, sumAbs, _ := obSum(eigs)
	const rho = 0.05
	w := make([]float64, n)
	exact := rho * rho / 2 * 10
	// The stored A's top eigenvalue is within δA of 10 (TestQuadraticSpectrum's
	// bound applies to this construction too), and a value is computed
	// within γ_{2n+8} of ρ²/2·|v|ᵀ|A||v| ≤ ρ²/2·Σ|λ|.
	deltaA := 32 * float64(n) * numtest.U * sumAbs
	round := rho * rho / 2 * (deltaA + numtest.Gamma(2*n+8)*sumAbs)

	r := numtest.Rand(33)
	start := numtest.Vec(r, n, 1)
	res, err := hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), rho, &hessian.AscentOptions{Start: start})
	require.NoError(t, err)
	require.True(t, res.Converged)
	// A feasible direction cannot beat the maximum.
	assert.LessOrEqual(t, res.Sharpness, exact+round)
	// Each accepted step is a power step v ← Av/‖Av‖ (ascent on a convex
	// function), so after k steps λ1 − vᵀAv ≤ (λ1 − λn)·tan²θ0·(λ2/λ1)^(2k),
	// θ0 the angle between the start and v1.
	cos0 := math.Abs(numtest.Dot(start, vecs[0])) / numtest.Norm(start)
	tan2 := (1 - cos0*cos0) / (cos0 * cos0)
	k := float64(res.Iterations)
	bound := rho * rho / 2 * (10 - 0.2) * tan2 * math.Pow(0.6, 2*k)
	assert.GreaterOrEqual(t, res.Sharpness, exact-bound-round)
	// V is normalized as V1 is in TestWorstDirectionAtMinimum.
	assert.InDelta(t, 1, numtest.Norm(res.V), numtest.Gamma(n/2+3)+numtest.Gamma(n/2+1))
	assert.GreaterOrEqual(t, res.Evals, res.Iterations+2, "one gradient at w, one at the start, at least one per step")
	t.Logf("from a random start: %d iterations, error %.3g, power-method bound %.3g", res.Iterations, exact-res.Sharpness, bound)

	// Default start at a stationary point: a seeded random direction.
	res2, err := hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), rho, &hessian.AscentOptions{Seed: 5})
	require.NoError(t, err)
	assert.True(t, res2.Converged)
	assert.InDelta(t, exact, res2.Sharpness, 1e-10*exact)
	res3, _ := hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), rho, &hessian.AscentOptions{Seed: 5})
	assert.Equal(t, res2, res3)

	// From Lanczos's v1 it has nothing left to do.
	wd, err := hessian.WorstDirection(obCtx, hessian.At(q, w), rho, &lanczos.Options{Tol: 1e-12})
	require.NoError(t, err)
	res4, err := hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), rho, &hessian.AscentOptions{Start: wd.V1})
	require.NoError(t, err)
	assert.LessOrEqual(t, res4.Iterations, 2)
	assert.InDelta(t, wd.Sharpness, res4.Sharpness, round+rho*rho/2*wd.Residual)

	// A budget of one step is honoured, and reported as not converged.
	res5, err := hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), rho, &hessian.AscentOptions{Start: start, MaxIter: 1})
	require.NoError(t, err)
	assert.Equal(t, 1, res5.Iterations)
	assert.False(t, res5.Converged)
	assert.Less(t, res5.Sharpness, res.Sharpness)
}

func TestWorstDirectionAscentTrustRegion(t *testing.T) {
	// Away from a minimum on a quadratic, max_{‖v‖≤1} ρgᵀv + (ρ²/2)vᵀAv is
	// the trust-region problem: v* = (μI − A)⁻¹g/ρ with μ > λ1 the root of
	// Σ (c_i/ρ)²/(μ − λ_i)² = 1, c_i = q_iᵀg, found here by bisection.
	eigs := obEigs()
	n := len(eigs)
	r := numtest.Rand(34)
	b := numtest.Vec(r, n, 0.05)
	q, vecs, a := obSpectral(t, eigs, b, 35)
	const rho = 0.05
	w := numtest.Vec(r, n, 0.01)
	g := numtest.Sub(numtest.MatVec(a, w), b)
	c := make([]float64, n)
	for i := range c {
		c[i] = numtest.Dot(vecs[i], g) / rho
	}
	norm2 := func(mu float64) float64 {
		var s float64
		for i, l := range eigs {
			s += c[i] * c[i] / ((mu - l) * (mu - l))
		}
		return s
	}
	lo, hi := 10.0, 10+numtest.Norm(g)/rho
	for range 200 {
		mid := (lo + hi) / 2
		if norm2(mid) > 1 {
			lo = mid
		} else {
			hi = mid
		}
	}
	mu := (lo + hi) / 2
	vstar := make([]float64, n)
	for i := range eigs {
		for j := range vstar {
			vstar[j] += c[i] / (mu - eigs[i]) * vecs[i][j]
		}
	}
	f := func(v []float64) float64 {
		return rho*numtest.Dot(g, v) + rho*rho/2*numtest.Dot(v, numtest.MatVec(a, v))
	}
	exact := f(vstar)

	res, err := hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), rho, nil)
	require.NoError(t, err)
	require.True(t, res.Converged)
	// Its value is f(V) (up to the rounding of two losses of size
	// ~½|w|ᵀ|A||w| + |b|ᵀ|w| + ρ-terms, and of f itself).
	wp := make([]float64, n)
	for i := range wp {
		wp[i] = math.Abs(w[i]) + rho
	}
	round := 4 * numtest.Gamma(2*n+8) * (numtest.Dot(wp, numtest.AbsMatVec(a, wp)) + numtest.Dot(numtest.Abs(b), wp))
	assert.InDelta(t, f(res.V), res.Sharpness, round)
	assert.LessOrEqual(t, res.Sharpness, exact+round)
	// On the sphere f(v*) − f(v) = (ρ²/2)·eᵀ(μI − A)e, e = v − v*, exactly;
	// the iteration contracts the tangent error by about λ1/μ per step and
	// stops when the Frank–Wolfe gap, of order (ρ²/2μ)·eᵀ(μI − A)²e, is
	// below 1e-12·f, so the value error is at most about μ/(μ − λ1) times
	// the gap. A factor 10 covers the terms of higher order in e.
	tol := 10*mu/(mu-10)*res.Gap + round
	assert.GreaterOrEqual(t, res.Sharpness, exact-tol)
	t.Logf("μ = %.6g, λ1/μ = %.3g: %d iterations, error %.3g, gap %.3g, tolerance %.3g", mu, 10/mu, res.Iterations, exact-res.Sharpness, res.Gap, tol)
	assert.Less(t, tol, 1e-9*exact, "the tolerance must be tight enough to mean something")
}

func TestAscentDirection(t *testing.T) {
	eigs := obEigs()
	n := len(eigs)
	r := numtest.Rand(36)
	b := numtest.Vec(r, n, 0.3)
	q, _, a := obSpectral(t, eigs, b, 37)
	const rho = 0.05

	// At a stationary point the direction is undefined and the value 0.
	qs, err := models.NewQuadraticSpectrum(eigs, 38)
	require.NoError(t, err)
	got, err := hessian.AscentDirection(hessian.At(qs, make([]float64, n)), rho)
	require.NoError(t, err)
	assert.Zero(t, got)

	// Elsewhere it is ρ‖g‖ + (ρ²/2)·nᵀAn with n = g/‖g‖, g = Aw − b.
	w := numtest.Vec(r, n, 0.5)
	g := numtest.Sub(numtest.MatVec(a, w), b)
	ng := numtest.Norm(g)
	nn := make([]float64, n)
	for i := range nn {
		nn[i] = g[i] / ng
	}
	want := rho*ng + rho*rho/2*numtest.Dot(nn, numtest.MatVec(a, nn))
	// LossPair evaluates s·gᵀ(Aw − b) + (s²/2)·gᵀAg with s = ρ/‖g‖: within
	// γ_{2n+8} of its absolute-value scale, doubled for g's own error.
	absG := numtest.AbsMatVec(a, numtest.Abs(w))
	for i := range absG {
		absG[i] += math.Abs(b[i])
	}
	scale := rho*numtest.Dot(numtest.Abs(nn), absG) + rho*rho/2*numtest.Dot(numtest.Abs(nn), numtest.AbsMatVec(a, numtest.Abs(nn)))
	tol := 4 * numtest.Gamma(2*n+8) * scale
	got, err = hessian.AscentDirection(hessian.At(q, w), rho)
	require.NoError(t, err)
	assert.InDelta(t, want, got, tol)
	// Without LossPair it subtracts two losses, whose error scale is
	// ½|w|ᵀ|A||w| + |b|ᵀ|w| at the two points.
	wp := make([]float64, n)
	for i := range wp {
		wp[i] = math.Abs(w[i]) + rho
	}
	tolL := tol + 4*numtest.Gamma(2*n+8)*(numtest.Dot(wp, numtest.AbsMatVec(a, wp))+numtest.Dot(numtest.Abs(b), wp))
	got2, err := hessian.AscentDirection(hessian.At(obHide{q}, w), rho)
	require.NoError(t, err)
	assert.InDelta(t, want, got2, tolL)
	assert.Less(t, tol, tolL/10, "LossPair is the more accurate path")

	// The toy, against the formula evaluated here.
	var toy models.Toy
	x := []float64{-0.7, 0.4, 0.03, -0.02}
	tg := make([]float64, 4)
	toy.Grad(tg, x)
	loss := func(x []float64) float64 {
		f, _, _ := numtest.ToyF(3, x[0])
		h, _, _ := numtest.ToyF(1.5, x[1])
		return f*x[2]*x[2] + h*x[3]*x[3]
	}
	xp := make([]float64, 4)
	ntg := numtest.Norm(tg)
	for i := range xp {
		xp[i] = x[i] + rho*tg[i]/ntg
	}
	got, err = hessian.AscentDirection(hessian.At(toy, x), rho)
	require.NoError(t, err)
	assert.InDelta(t, loss(xp)-loss(x), got, 16*numtest.U*(loss(xp)+loss(x)))

	// Errors: a negative ρ, a NaN loss.
	_, err = hessian.AscentDirection(hessian.At(q, w), -1)
	assert.Error(t, err)
	_, err = hessian.AscentDirection(hessian.At(obBroken{Objective: q, loss: true}, w), rho)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	assert.PanicsWithValue(t, "hessian.At: len(w) = 2 is shorter than the dimension 30", func() { _, _ = hessian.AscentDirection(hessian.At(q, w[:2]), rho) })
}

func TestAverageDirection(t *testing.T) {
	eigs := obEigs()
	n := len(eigs)
	fn := float64(n)
	q, err := models.NewQuadraticSpectrum(eigs, 39)
	require.NoError(t, err)
	tr, sumAbs, sumSq := obSum(eigs)
	const rho, draws = 0.05, 2000
	exact := rho * rho * tr / (2 * fn)

	mean, se, err := hessian.AverageDirection(obCtx, hessian.At(q, make([]float64, n)), rho, draws, 1)
	require.NoError(t, err)
	// E[(ρ²/2)·uᵀAu] = ρ²·Tr(A)/(2D) for u uniform on the sphere; 3
	// standard errors (a fixed seed: a deterministic test).
	assert.InDelta(t, exact, mean, 3*se)
	// Var(uᵀAu) = 2·(Σλ² − (Σλ)²/D)/(D(D+2)), so the standard error is
	// known; the sample's estimate of it has a relative spread of about
	// 1/√(2·draws) ≈ 1.6% (times a kurtosis factor below 2 here), so 15%
	// is more than 4 of its standard deviations.
	seExact := rho * rho / 2 * math.Sqrt(2*(sumSq-tr*tr/fn)/(fn*(fn+2))/draws)
	assert.InEpsilon(t, seExact, se, 0.15)
	t.Logf("mean %.6g ± %.2g (exact %.6g), standard error expected %.3g", mean, se, exact, seExact)

	// Away from the minimum the antithetic pairs remove the odd part
	// exactly: each pair's mean is (ρ²/2)·ûᵀAû for the same û as above,
	// so the estimate is the one at the minimum up to rounding of the
	// linear term ρ·gᵀû (with |g| ≤ |A||w|).
	w := numtest.Vec(numtest.Rand(40), n, 1)
	mean2, se2, err := hessian.AverageDirection(obCtx, hessian.At(q, w), rho, draws, 1)
	require.NoError(t, err)
	a := make([][]float64, n)
	am := q.Matrix()
	for i := range a {
		a[i] = am[i*n : (i+1)*n]
	}
	lin := rho * numtest.Norm(numtest.AbsMatVec(a, numtest.Abs(w)))
	assert.InDelta(t, mean, mean2, 8*numtest.Gamma(2*n+8)*(lin+rho*rho*sumAbs))
	assert.InDelta(t, se, se2, 8*numtest.Gamma(2*n+8)*(lin+rho*rho*sumAbs))
	// Without LossPair: the same up to the rounding of two losses.
	mean3, _, err := hessian.AverageDirection(obCtx, hessian.At(obHide{q}, w), rho, draws, 1)
	require.NoError(t, err)
	wp := make([]float64, n)
	for i := range wp {
		wp[i] = math.Abs(w[i]) + rho
	}
	assert.InDelta(t, mean2, mean3, 4*numtest.Gamma(2*n+8)*numtest.Dot(wp, numtest.AbsMatVec(a, wp)))
	// Another seed, other draws.
	mean4, _, _ := hessian.AverageDirection(obCtx, hessian.At(q, w), rho, draws, 2)
	assert.NotEqual(t, mean2, mean4)

	// A non-quadratic loss: logistic regression away from its minimum.
	// The pairs' mean is (ρ²/2)·ûᵀHû + (ρ⁴/24)·∇⁴L[û,û,û,û] + ..., and
	// |∇⁴L[û,û,û,û]| ≤ (1/8)·(1/M)·Σ‖x_k‖⁴, so the expectation is
	// ρ²·Tr(H)/(2D) to within (ρ⁴/24)·that (the ρ⁶ term is far smaller).
	const m, d, rhoL = 80, 5, 0.1
	flat, y := models.GaussianClusters(m, d, 2, 41)
	lo, err := models.NewLogistic(m, d, flat, d, y, 0.01)
	require.NoError(t, err)
	wl := numtest.Vec(numtest.Rand(42), d, 0.5)
	var trH, x4 float64
	for k := 0; k < m; k++ {
		xk := flat[k*d : (k+1)*d]
		zk := numtest.Dot(xk, wl)
		trH += numtest.Sigmoid(zk) * numtest.Sigmoid(-zk) * numtest.Dot(xk, xk) / m
		x4 += math.Pow(numtest.Dot(xk, xk), 2) / m
	}
	trH += 0.01 * d
	meanL, seL, err := hessian.AverageDirection(obCtx, hessian.At(lo, wl), rhoL, draws, 3)
	require.NoError(t, err)
	bias := math.Pow(rhoL, 4) / 24 * x4 / 8
	assert.InDelta(t, rhoL*rhoL*trH/(2*d), meanL, 3*seL+bias)
	t.Logf("logistic: mean %.6g ± %.2g, ρ²Tr(H)/(2D) %.6g, bias bound %.2g", meanL, seL, rhoL*rhoL*trH/(2*d), bias)

	// Errors.
	_, _, err = hessian.AverageDirection(obCtx, hessian.At(q, w), rho, 1, 1)
	assert.Error(t, err)
	_, _, err = hessian.AverageDirection(obCtx, hessian.At(q, w), math.NaN(), 10, 1)
	assert.Error(t, err)
	_, _, err = hessian.AverageDirection(obCtx, hessian.At(obBroken{Objective: q, loss: true}, w), rho, 10, 1)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	ctx, cancel := context.WithCancel(obCtx)
	cancel()
	_, se5, err := hessian.AverageDirection(ctx, hessian.At(q, w), rho, 10, 1)
	assert.ErrorIs(t, err, context.Canceled)
	assert.True(t, math.IsInf(se5, 1))
}

func TestAverageDirectionTrace(t *testing.T) {
	eigs := obEigs()
	n := len(eigs)
	fn := float64(n)
	q, err := models.NewQuadraticSpectrum(eigs, 43)
	require.NoError(t, err)
	tr, sumAbs, _ := obSum(eigs)
	const rho = 0.05
	exact := rho * rho * tr / (2 * fn)
	w := make([]float64, n)

	// D = 30 ≤ the default sketch: Hutch++ takes the trace exactly, up to
	// rounding (δA per eigenvalue plus the products, γ_{n+8}·Σ|λ| each).
	res, err := hessian.AverageDirectionTrace(obCtx, hessian.At(q, w), rho, nil)
	require.NoError(t, err)
	assert.Zero(t, res.StdErr)
	assert.Equal(t, n, res.Trace.Rank)
	assert.InDelta(t, exact, res.Sharpness, rho*rho/(2*fn)*(32*fn*numtest.U*sumAbs*fn+2*numtest.Gamma(n+8)*sumAbs*fn))

	// A larger quadratic and a small budget: a random estimate within 4 of
	// its standard errors (fixed seed), agreeing with the Monte Carlo
	// estimate within 3 combined standard errors.
	big := make([]float64, 200)
	for i := range big {
		big[i] = 0.1 + 3*float64(i%17)/16
	}
	big[0] = 20
	qb, err := models.NewQuadraticSpectrum(big, 44)
	require.NoError(t, err)
	trB, _, _ := obSum(big)
	wb := make([]float64, len(big))
	exactB := rho * rho * trB / (2 * 200)
	rb, err := hessian.AverageDirectionTrace(obCtx, hessian.At(qb, wb), rho, &lanczos.TraceOptions{MaxOps: 60, Sketch: 10, Seed: 3})
	require.NoError(t, err)
	assert.Positive(t, rb.StdErr)
	assert.InDelta(t, exactB, rb.Sharpness, 4*rb.StdErr)
	assert.Equal(t, 60, rb.Trace.Ops)
	assert.InDelta(t, rb.StdErr, rho*rho/(2*200)*rb.Trace.StdErr, 1e-15*rb.StdErr)
	mc, se, err := hessian.AverageDirection(obCtx, hessian.At(qb, wb), rho, 500, 4)
	require.NoError(t, err)
	assert.InDelta(t, mc, rb.Sharpness, 3*math.Hypot(se, rb.StdErr))
	t.Logf("D = 200: trace %.6g ± %.2g, Monte Carlo %.6g ± %.2g, exact %.6g", rb.Sharpness, rb.StdErr, mc, se, exactB)

	// The toy on Γ: Tr(H) = 2F1 + 2F2, rank 2. Whether Hutch++'s four
	// random sign vectors find both directions of the range depends on
	// the seed (all four A·g are parallel with probability 1/8): if they
	// do (seed 1), the trace is exact; if not (seed 0), the rest is
	// sampled and the estimate is within its standard error.
	var toy models.Toy
	x := []float64{0.2, -0.4, 0, 0}
	f, _, _ := numtest.ToyF(3, x[0])
	g, _, _ := numtest.ToyF(1.5, x[1])
	want := rho * rho * (2*f + 2*g) / 8
	rt, err := hessian.AverageDirectionTrace(obCtx, hessian.At(toy, x), rho, &lanczos.TraceOptions{Seed: 1})
	require.NoError(t, err)
	require.Equal(t, 2, rt.Trace.Rank)
	assert.InDelta(t, want, rt.Sharpness, rho*rho/8*16*numtest.U*f)
	rt, err = hessian.AverageDirectionTrace(obCtx, hessian.At(toy, x), rho, &lanczos.TraceOptions{Seed: 0})
	require.NoError(t, err)
	require.Equal(t, 1, rt.Trace.Rank)
	assert.InDelta(t, want, rt.Sharpness, 4*rt.StdErr)

	_, err = hessian.AverageDirectionTrace(obCtx, hessian.At(obBroken{Objective: q, hvp: true}, w), rho, nil)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	assert.ErrorIs(t, err, lanczos.ErrNonFinite)
	_, err = hessian.AverageDirectionTrace(obCtx, hessian.At(q, w), -rho, nil)
	assert.Error(t, err)
}

func TestAlignment(t *testing.T) {
	eigs := obEigs()
	n := len(eigs)
	q, vecs, _ := obSpectral(t, eigs, nil, 45)
	opts := &lanczos.Options{Tol: 1e-12, Seed: 2}
	// The residual bound of the Ritz vector, from a WorstDirection run with
	// the same options (the same seed gives the same vector): the
	// alignment's error is at most sin∠(V1, v1) ≤ residual/gap, gap 4
	// (plus δA).
	wd, err := hessian.WorstDirection(obCtx, hessian.At(q, make([]float64, n)), 0, opts)
	require.NoError(t, err)
	_, sumAbs, _ := obSum(eigs)
	sin := (wd.Residual+32*float64(n)*numtest.U*sumAbs)/4 + 8*numtest.U

	cases := []struct {
		name   string
		a, b   float64 // w = a·v1 + b·v2, so g = A·w = 10a·v1 + 6b·v2
		want   float64
		tolSin float64
	}{
		{"along v1", 0.3, 0, 1, sin * sin},
		{"along v2", 0, 0.3, 0, sin},
		{"mixed", 0.3, -0.2, 3 / math.Hypot(3, 1.2), sin},
	}
	for _, c := range cases {
		w := make([]float64, n)
		for j := range w {
			w[j] = c.a*vecs[0][j] + c.b*vecs[1][j]
		}
		got, err := hessian.Alignment(obCtx, hessian.At(q, w), opts)
		require.NoError(t, err)
		assert.InDeltaf(t, c.want, got, c.tolSin+4*numtest.U, "%s", c.name)
		// The same from the parts.
		gv := make([]float64, n)
		q.Grad(gv, w)
		assert.Equal(t, hessian.AlignmentOf(gv, wd.V1), got, c.name)
	}
	// At the minimum there is no gradient to align.
	got, err := hessian.Alignment(obCtx, hessian.At(q, make([]float64, n)), opts)
	require.NoError(t, err)
	assert.Zero(t, got)
	// ... and no need for v1: a broken HVP is never called.
	got, err = hessian.Alignment(obCtx, hessian.At(obBroken{Objective: q, hvp: true}, make([]float64, n)), opts)
	require.NoError(t, err)
	assert.Zero(t, got)

	assert.InDelta(t, 0.8, hessian.AlignmentOf([]float64{3, 4}, []float64{0, -2}), 2*numtest.U)
	assert.Zero(t, hessian.AlignmentOf([]float64{1, 0}, []float64{0, 0}))
	assert.Zero(t, hessian.AlignmentOf([]float64{0, 0}, []float64{1, 0}))
	assert.LessOrEqual(t, hessian.AlignmentOf([]float64{0.1, 0.7, 0.3}, []float64{0.1, 0.7, 0.3}), 1.0)
	assert.InDelta(t, 1, hessian.AlignmentOf([]float64{0.1, 0.7, 0.3}, []float64{-0.2, -1.4, -0.6}), 4*numtest.U)
	assert.Panics(t, func() { hessian.AlignmentOf([]float64{1, 2}, []float64{1}) })

	_, err = hessian.Alignment(obCtx, hessian.At(obBroken{Objective: q, hvp: true}, vecs[0]), opts)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	_, err = hessian.Alignment(obCtx, hessian.At(obBroken{Objective: q, loss: true}, vecs[0]), opts)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
}

func TestSharpnessErrors(t *testing.T) {
	q, err := models.NewQuadraticSpectrum([]float64{3, 2, 1}, 46)
	require.NoError(t, err)
	w := []float64{0.1, 0.2, 0.3}
	_, err = hessian.WorstDirection(obCtx, hessian.At(q, w), -0.1, nil)
	assert.Error(t, err)
	_, err = hessian.WorstDirection(obCtx, hessian.At(q, w), math.Inf(1), nil)
	assert.Error(t, err)
	_, err = hessian.WorstDirection(obCtx, hessian.At(obBroken{Objective: q, hvp: true}, w), 0.1, nil)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	assert.ErrorIs(t, err, lanczos.ErrNonFinite)
	// A budget too small for Lanczos: the approximation comes back with
	// the error.
	five, err := models.NewQuadraticSpectrum([]float64{5, 4.9, 4.8, 4.7, 4.6, 4.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 47)
	require.NoError(t, err)
	res, err := hessian.WorstDirection(obCtx, hessian.At(five, make([]float64, five.Dim())), 0.1, &lanczos.Options{MaxOps: 4, MaxBasis: 3, Tol: 1e-14})
	var nc *lanczos.NoConvergenceError
	require.True(t, errors.As(err, &nc), "got %v", err)
	assert.False(t, res.Converged)
	assert.NotNil(t, res.V1)
	assert.Positive(t, res.Lambda1)

	_, err = hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), -1, nil)
	assert.Error(t, err)
	_, err = hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), 0.1, &hessian.AscentOptions{Start: []float64{1, 2}})
	assert.Error(t, err)
	_, err = hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), 0.1, &hessian.AscentOptions{Start: []float64{0, 0, 0}})
	assert.Error(t, err)
	_, err = hessian.WorstDirectionAscent(obCtx, hessian.At(q, w), 0.1, &hessian.AscentOptions{MaxIter: -1})
	assert.Error(t, err)
	_, err = hessian.WorstDirectionAscent(obCtx, hessian.At(obBroken{Objective: q, loss: true}, w), 0.1, nil)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	ctx, cancel := context.WithCancel(obCtx)
	cancel()
	_, err = hessian.WorstDirectionAscent(ctx, hessian.At(q, w), 0.1, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Panics(t, func() { _, _ = hessian.WorstDirectionAscent(obCtx, hessian.At(q, w[:2]), 0.1, nil) })
}

func TestSharpnessWithFDObjective(t *testing.T) {
	// The measures work for a model with only a gradient: on logistic
	// regression, WorstDirection through the FD HVP agrees with the exact
	// HVP to the FD error (relative ~1e-9 here, see fd.go)
	// plus both Lanczos residuals.
	const m, d = 60, 8
	flat, y := models.GaussianClusters(m, d, 2, 48)
	lo, err := models.NewLogistic(m, d, flat, d, y, 0.01)
	require.NoError(t, err)
	w := numtest.Vec(numtest.Rand(49), d, 0.3)
	// The default step (√u·max(1, ‖w‖)) is chosen for losses with kinks;
	// on this smooth loss u^(1/3)·max(1, ‖w‖) is the optimum, with errors
	// near 1e-10, which Lanczos's tolerance 1e-10 needs.
	fdo, err := hessian.NewFDObjective(d, lo.Loss, lo.Grad, &hessian.FDOptions{Step: math.Cbrt(numtest.U) * math.Max(1, numtest.Norm(w))})
	require.NoError(t, err)
	opts := &lanczos.Options{Tol: 1e-10}
	exact, err := hessian.WorstDirection(obCtx, hessian.At(lo, w), 0.1, opts)
	require.NoError(t, err)
	approx, err := hessian.WorstDirection(obCtx, hessian.At(fdo, w), 0.1, opts)
	require.NoError(t, err)
	assert.InDelta(t, exact.Lambda1, approx.Lambda1, exact.Residual+approx.Residual+1e-7*exact.Lambda1)
	// At the default step the products are good to about 1e-8, and a
	// tolerance of 1e-6 is met.
	fdDefault, err := hessian.NewFDObjective(d, lo.Loss, lo.Grad, nil)
	require.NoError(t, err)
	approx, err = hessian.WorstDirection(obCtx, hessian.At(fdDefault, w), 0.1, &lanczos.Options{Tol: 1e-6})
	require.NoError(t, err)
	assert.InDelta(t, exact.Lambda1, approx.Lambda1, exact.Residual+approx.Residual+1e-6*exact.Lambda1)
	// The trace: Hutch++ with the same seed, but its test for a dependent
	// sketch vector (relative 2⁻⁴⁰) can decide differently on the FD
	// noise (~1e-9), after which the two estimates are different random
	// draws: compare within their standard errors.
	ea, err := hessian.AverageDirectionTrace(obCtx, hessian.At(lo, w), 0.1, nil)
	require.NoError(t, err)
	fa, err := hessian.AverageDirectionTrace(obCtx, hessian.At(fdo, w), 0.1, nil)
	require.NoError(t, err)
	t.Logf("trace: exact HVP %.8g ± %.2g (rank %d), FD %.8g ± %.2g (rank %d)", ea.Sharpness, ea.StdErr, ea.Trace.Rank, fa.Sharpness, fa.StdErr, fa.Trace.Rank)
	assert.InDelta(t, ea.Sharpness, fa.Sharpness, 4*math.Hypot(ea.StdErr, fa.StdErr)+1e-7*ea.Sharpness)
}
