package hessian

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/lanczos"
)

// The paper's three sharpness measures (its Definition 4.1 and Table 1),
// R_ρ(w) = L_ρ(w) − L(w) with
//
//	worst-direction:   L_ρ(w) = max_{‖v‖≤1} L(w + ρv)        → (ρ²/2)·λ1(H) on Γ
//	ascent-direction:  L_ρ(w) = L(w + ρ·g/‖g‖), g = ∇L(w)   → (ρ²/2)·λ_min⁺(H) as a regularizer
//	average-direction: L_ρ(w) = E_z L(w + ρ·z/‖z‖), z ~ N(0, I) → (ρ²/(2D))·Tr(H) on Γ
//
// and the alignment |cos(∇L, v1)| that the paper's Theorem 4.5 turns on.
// Each measure is evaluated at a Point: At(obj, w) for an Objective at a
// flat w, or an *InPlace for a trainer's own parameter groups.

// LossPairer is implemented by objectives that evaluate L(w) and
// L(w + s·d) − L(w) together, in one pass over their data, with the
// difference accumulated term by term rather than as the difference of two
// rounded losses, so that it keeps its relative accuracy when s·d is small
// (a sharpness of order ρ² on a loss of order one loses about
// log10(1/ρ²) digits to the subtraction otherwise). AscentDirection and
// AverageDirection use it, through At, when the objective has it. Quadratic,
// LeastSquares and Logistic implement it.
type LossPairer interface {
	// LossPair returns L(w) and L(w + s·d) − L(w).
	LossPair(w, d []float64, s float64) (loss, diff float64)
}

// isFinite reports whether x is neither NaN nor ±Inf.
func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkRho returns an error unless rho is finite and non-negative.
func checkRho(fn string, rho float64) error {
	if !(rho >= 0) || math.IsInf(rho, 1) {
		return fmt.Errorf("hessian.%s: rho = %g must be finite and non-negative", fn, rho)
	}
	return nil
}

// notFinite returns an error wrapping ErrNonFinite (the package's one
// sentinel for NaN and Inf, shared with the Optimizer) for a value the
// objective produced.
func notFinite(fn, what string) error {
	return fmt.Errorf("hessian.%s: %s is NaN or Inf: %w", fn, what, ErrNonFinite)
}

// WorstDirectionResult is what WorstDirection reports.
type WorstDirectionResult struct {
	// Sharpness is (ρ²/2)·λ1, the worst-direction sharpness of the
	// quadratic model of L at w: exact for a quadratic at its minimum,
	// and the paper's limit on Γ as ρ → 0.
	Sharpness float64
	// Lambda1 is the largest (algebraic) eigenvalue of H(w) and V1 its
	// unit eigenvector; V1's sign is arbitrary.
	Lambda1 float64
	V1      []float64
	// Residual is ‖H·V1 − λ1·V1‖ (see lanczos.Result.Residuals); λ1 is
	// within Residual of an eigenvalue of H.
	Residual float64
	// Converged reports whether Lanczos met its tolerance.
	Converged bool
	// Ops is the number of Hessian-vector products spent.
	Ops int
}

// WorstDirection returns the worst-direction sharpness (ρ²/2)·λ1(H(w)),
// with λ1 and v1 computed by lanczos.Eigs (k = 1, largest algebraic) on
// p's Hessian-vector product. opts configures Lanczos (tolerance, budget,
// seed, warm start); its Which is ignored. For Dim() = 1 the Hessian is the
// number HVP(1) and Lanczos is not called.
//
// When Lanczos stops early (a *lanczos.NoConvergenceError, or ctx's error)
// the result holds its current approximation, flagged Converged = false,
// together with the error. A failed product (NaN or Inf, wrapping
// ErrNonFinite; a finite difference that cannot meet its tolerance, an
// *FDError; a closure's error) stops Lanczos and is returned.
func WorstDirection(ctx context.Context, p Point, rho float64, opts *lanczos.Options) (WorstDirectionResult, error) {
	if err := checkRho("WorstDirection", rho); err != nil {
		return WorstDirectionResult{}, err
	}
	lam, v1, res, conv, ops, err := topEigen(ctx, p, opts)
	if v1 == nil {
		return WorstDirectionResult{}, err
	}
	return WorstDirectionResult{
		Sharpness: rho * rho / 2 * lam,
		Lambda1:   lam,
		V1:        v1,
		Residual:  res,
		Converged: conv,
		Ops:       ops,
	}, err
}

// topEigen computes the top eigenpair of H(w). v1 is nil when there is no
// approximation to report.
func topEigen(ctx context.Context, p Point, opts *lanczos.Options) (lam float64, v1 []float64, residual float64, converged bool, ops int, err error) {
	if p.Dim() == 1 {
		// Lanczos needs k < n; a 1×1 Hessian is its own eigenvalue.
		one, h := []float64{1}, []float64{0}
		if err := p.HVP(h, one); err != nil {
			return 0, nil, 0, false, 1, err
		}
		return h[0], one, 0, true, 1, nil
	}
	var o lanczos.Options
	if opts != nil {
		o = *opts
	}
	o.Which = lanczos.LargestAlgebraic
	r, err := Eigen(ctx, p, 1, &o)
	if r == nil || len(r.Values) == 0 {
		return 0, nil, 0, false, 0, err
	}
	return r.Values[0], r.Vectors[0], r.Residuals[0], r.Converged[0], r.Ops, err
}

// AscentOptions configures WorstDirectionAscent. The zero value (or a nil
// pointer) gives the defaults.
type AscentOptions struct {
	// Start is the first direction (any non-zero length-D vector; it is
	// normalized and not modified). nil starts from g/‖g‖, g = ∇L(w), and
	// at a stationary point from a Gaussian direction drawn from Seed.
	// Lanczos's v1 is a good start.
	Start []float64
	// MaxIter caps the iterations; each costs one gradient evaluation,
	// plus one per halving of a rejected step. 0 means 500.
	MaxIter int
	// Tol stops the iteration once the Frank–Wolfe gap
	// ρ·(‖∇L(w+ρv)‖ − ∇L(w+ρv)ᵀv), which vanishes exactly at the
	// stationary points on the sphere, is at most Tol·|sharpness|. 0
	// means 1e-12.
	Tol float64
	// Seed seeds the random start.
	Seed uint64
}

// AscentResult is what WorstDirectionAscent reports.
type AscentResult struct {
	// Sharpness is L(w + ρV) − L(w), the best value found: since V is a
	// feasible direction it is a lower bound on the worst-direction
	// sharpness (up to the rounding of the two losses).
	Sharpness float64
	// V is the unit direction attaining it.
	V []float64
	// Iterations is the number of accepted steps, Evals the number of
	// gradient evaluations (including the one at w).
	Iterations, Evals int
	// Gap is the Frank–Wolfe gap ρ·(‖∇L(w+ρV)‖ − ∇L(w+ρV)ᵀV) at V.
	Gap float64
	// Converged reports Gap ≤ Tol·|Sharpness|, or that no step along the
	// way to the next Frank–Wolfe point improved the value any more
	// (numerical stationarity).
	Converged bool
}

// WorstDirectionAscent estimates the worst-direction sharpness
// max_{‖v‖≤1} L(w + ρv) − L(w) directly, without the quadratic model, by
// ascent on the ρ-ball. Each step moves to the maximizer of the
// linearization, the unit vector u = ∇L(w+ρv)/‖∇L(w+ρv)‖ (a Frank–Wolfe
// step of length one, which never decreases a convex objective, and on a
// quadratic at its minimum is exactly the power method on the Hessian);
// if that does not increase the value, it tries the projections onto the
// sphere of v + α(u − v) for α = 1/2, 1/4, ..., 2⁻²⁰, and stops when none
// improves. It also stops when the Frank–Wolfe gap is small (see
// AscentOptions.Tol) or after MaxIter steps. It finds a local maximum: a
// lower bound on the true one, which for a quadratic at its minimum is
// (ρ²/2)·λ1, reached at the rate (λ2/λ1)² per step of the power method.
//
// It returns an error for a bad rho or Start and one wrapping ErrNonFinite
// when a loss or gradient is NaN or Inf; ctx is checked between steps,
// and its error comes back with the best result so far. It panics if w is
// shorter than Dim().
func WorstDirectionAscent(ctx context.Context, p Point, rho float64, opts *AscentOptions) (AscentResult, error) {
	const fn = "WorstDirectionAscent"
	if err := checkRho(fn, rho); err != nil {
		return AscentResult{}, err
	}
	var o AscentOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxIter == 0 {
		o.MaxIter = 500
	}
	if o.Tol == 0 {
		o.Tol = 1e-12
	}
	if o.MaxIter < 0 || !(o.Tol > 0) {
		return AscentResult{}, fmt.Errorf("hessian.%s: MaxIter = %d and Tol = %g must be positive", fn, o.MaxIter, o.Tol)
	}
	n := p.Dim()
	if o.Start != nil && len(o.Start) != n {
		return AscentResult{}, fmt.Errorf("hessian.%s: len(Start) = %d, want %d", fn, len(o.Start), n)
	}

	g := make([]float64, n)
	l0, err := p.GradAt(g, 0, nil)
	res := AscentResult{Evals: 1}
	if err != nil {
		return res, fmt.Errorf("hessian.%s: at w: %w", fn, err)
	}
	v := make([]float64, n)
	switch {
	case o.Start != nil:
		copy(v, o.Start)
	case kernels.Norm(g) > 0:
		copy(v, g)
	default:
		r := rand.New(rand.NewPCG(o.Seed, 0x3b1f_c9a2_64d8_e507))
		for i := range v {
			v[i] = r.NormFloat64()
		}
	}
	nv := kernels.Norm(v)
	if !(nv > 0) || math.IsInf(nv, 1) {
		return res, fmt.Errorf("hessian.%s: start direction has norm %g", fn, nv)
	}
	kernels.Scale(1/nv, v)

	// eval sets gu = ∇L(w + ρu) and returns f(u) = L(w + ρu) − L(w).
	eval := func(u, gu []float64) (float64, error) {
		l, err := p.GradAt(gu, rho, u)
		res.Evals++
		if err != nil {
			return 0, fmt.Errorf("hessian.%s: at w + ρv: %w", fn, err)
		}
		return l - l0, nil
	}
	gv := make([]float64, n)
	f, err := eval(v, gv)
	if err != nil {
		return res, err
	}
	u, gu := make([]float64, n), make([]float64, n)
	gap := func() (float64, error) {
		ng := kernels.Norm(gv)
		if !isFinite(ng) {
			return 0, notFinite(fn, "∇L(w + ρv)")
		}
		return rho * max(0, ng-kernels.Dot(gv, v)), nil
	}
	res.Gap, err = gap()
	for err == nil && res.Iterations < o.MaxIter {
		if res.Gap <= o.Tol*math.Abs(f) {
			res.Converged = true
			break
		}
		if err = ctx.Err(); err != nil {
			break
		}
		// The Frank–Wolfe point is the unit vector along ∇L(w + ρv);
		// the gap is positive here, so ∇L(w + ρv) ≠ 0.
		ng := kernels.Norm(gv)
		improved := false
		for alpha := 1.0; alpha >= 0x1p-20; alpha /= 2 {
			// u = v + α(gv/‖gv‖ − v), then back onto the sphere.
			for i := range u {
				u[i] = v[i] + alpha*(gv[i]/ng-v[i])
			}
			nu := kernels.Norm(u)
			if nu == 0 {
				continue // v and the Frank–Wolfe point are antipodal, α = 1/2
			}
			kernels.Scale(1/nu, u)
			var fu float64
			if fu, err = eval(u, gu); err != nil {
				break
			}
			if fu > f {
				f = fu
				u, v = v, u
				gu, gv = gv, gu
				improved = true
				break
			}
		}
		if err != nil {
			break
		}
		if !improved {
			res.Converged = true
			break
		}
		res.Iterations++
		res.Gap, err = gap()
	}
	if err == nil && !res.Converged && res.Gap <= o.Tol*math.Abs(f) {
		res.Converged = true
	}
	res.Sharpness, res.V = f, v
	return res, err
}

// AscentDirection returns the ascent-direction sharpness
// L(w + ρ·g/‖g‖) − L(w), g = ∇L(w), the quantity full-batch SAM's
// perturbation probes. At a stationary point (g = 0) the direction is
// undefined; it returns 0 there (no perturbation, the Optimizer's
// convention for a zero gradient) rather than NaN, without error. It
// uses LossPair when obj is a LossPairer. It returns an error wrapping ErrNonFinite for a NaN or Inf
// loss or gradient, and panics if w is shorter than Dim().
func AscentDirection(p Point, rho float64) (float64, error) {
	const fn = "AscentDirection"
	if err := checkRho(fn, rho); err != nil {
		return 0, err
	}
	g := make([]float64, p.Dim())
	if _, err := p.GradAt(g, 0, nil); err != nil {
		return 0, fmt.Errorf("hessian.%s: at w: %w", fn, err)
	}
	ng := kernels.Norm(g)
	if !isFinite(ng) {
		return 0, notFinite(fn, "∇L(w)")
	}
	if ng == 0 {
		return 0, nil
	}
	d, err := p.LossDiff(rho/ng, g)
	if err != nil {
		return 0, fmt.Errorf("hessian.%s: at w + ρg/‖g‖: %w", fn, err)
	}
	return d, nil
}

// AverageDirection estimates the average-direction sharpness
// E_z[L(w + ρ·z/‖z‖)] − L(w), z ~ N(0, I), by Monte Carlo over n antithetic
// pairs of draws: each pair (z, −z) contributes the mean of its two
// differences, which removes the odd part ρ·gᵀz/‖z‖ of L exactly (it has
// mean zero but would otherwise dominate the variance away from a minimum,
// where it is of order ρ‖g‖ against the estimate's ρ²), at the cost of
// 2n loss evaluations. It returns the mean over the pairs and its standard
// error (the pairs' standard deviation over √n). The same seed gives the
// same draws. For a quadratic at its minimum the expectation is
// ρ²·Tr(A)/(2D), since E[zzᵀ/‖z‖²] = I/D.
//
// It uses LossPair when obj is a LossPairer. It returns an error for
// n < 2 or a bad rho, an error wrapping ErrNonFinite for a NaN or Inf
// loss, and ctx's error (with the estimate so far, if any) when ctx is
// cancelled. It panics if w is shorter than Dim().
func AverageDirection(ctx context.Context, p Point, rho float64, n int, seed uint64) (mean, stderr float64, err error) {
	const fn = "AverageDirection"
	if err := checkRho(fn, rho); err != nil {
		return 0, 0, err
	}
	if n < 2 {
		return 0, 0, fmt.Errorf("hessian.%s: n = %d draws, need at least 2 for a standard error", fn, n)
	}
	r := rand.New(rand.NewPCG(seed, 0x9d2e_71c4_0fa8_b365))
	z := make([]float64, p.Dim())
	// Welford's running mean and sum of squared deviations.
	var m, m2 float64
	k := 0
	for ; k < n; k++ {
		if k%64 == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		for i := range z {
			z[i] = r.NormFloat64()
		}
		s := rho / kernels.Norm(z)
		dp, err := p.LossDiff(s, z)
		if err != nil {
			return 0, 0, fmt.Errorf("hessian.%s: %w", fn, err)
		}
		dm, err := p.LossDiff(-s, z)
		if err != nil {
			return 0, 0, fmt.Errorf("hessian.%s: %w", fn, err)
		}
		x := (dp + dm) / 2
		d := x - m
		m += d / float64(k+1)
		m2 += d * (x - m)
	}
	if k < 2 {
		return m, math.Inf(1), err
	}
	return m, math.Sqrt(m2 / float64(k-1) / float64(k)), err
}

// AverageTraceResult is what AverageDirectionTrace reports.
type AverageTraceResult struct {
	// Sharpness is ρ²·Tr(H)/(2D) with the estimated trace, and StdErr its
	// standard error (ρ²/(2D) times the trace's).
	Sharpness, StdErr float64
	// Trace is the trace estimator's own result (estimate, standard
	// error, Hessian-vector products spent, rank of the deflated part).
	Trace lanczos.TraceResult
}

// AverageDirectionTrace returns ρ²·Tr(H(w))/(2D), the average-direction
// sharpness of the quadratic model of L at w: its value on the manifold of
// minimizers as ρ → 0 (Table 1) and, away from it, the expectation that
// AverageDirection estimates up to O(ρ⁴) (the odd terms of the Taylor
// series average out). The trace comes from lanczos.HutchPlusPlus on obj's
// Hessian-vector product at w, configured by opts (budget, stopping rule,
// sketch size, seed). When the sketch spans the range of H, which needs
// Sketch ≥ rank(H) (by default Sketch = min(D, MaxOps/3)) and random sign
// vectors whose images are independent (likely unless D is tiny), the
// estimate is exact up to rounding and StdErr is 0; otherwise the rest of
// the trace is sampled and StdErr says how well.
//
// Errors are the estimator's, returned with its current estimate when it
// stops early; a NaN or Inf from HVP gives an error wrapping both
// ErrNonFinite and lanczos.ErrNonFinite. It panics if w is shorter than
// Dim().
func AverageDirectionTrace(ctx context.Context, p Point, rho float64, opts *lanczos.TraceOptions) (AverageTraceResult, error) {
	if err := checkRho("AverageDirectionTrace", rho); err != nil {
		return AverageTraceResult{}, err
	}
	n := p.Dim()
	tr, err := Trace(ctx, p, opts)
	c := rho * rho / (2 * float64(n))
	return AverageTraceResult{Sharpness: c * tr.Estimate, StdErr: c * tr.StdErr, Trace: tr}, err
}

// AlignmentOf returns |cos(g, v)| = |gᵀv|/(‖g‖·‖v‖), the alignment of a
// gradient g with a direction v such as the top eigenvector v1. It is the
// absolute value because an eigenvector's sign is arbitrary. It returns 0
// when g or v is zero (no direction, so nothing to align). It panics if v
// is shorter than g.
func AlignmentOf(g, v []float64) float64 {
	check.Len1("hessian.AlignmentOf", len(g), "v", v)
	v = v[:len(g)]
	ng, nv := kernels.Norm(g), kernels.Norm(v)
	if ng == 0 || nv == 0 {
		return 0
	}
	// Rounding can push the quotient a few ulps past 1.
	return min(1, math.Abs(kernels.Dot(g, v))/ng/nv)
}

// Alignment returns |cos(∇L(w), v1)|, the alignment of the gradient with
// the top Hessian eigenvector, which the paper's Theorem 4.5 shows tends
// to 1 (the angle is O(ρ)) along full-batch SAM's trajectory near the
// manifold of minimizers. v1 comes from Lanczos as in WorstDirection
// (opts the same); to get v1 and λ1 as well, call WorstDirection and
// AlignmentOf. At a stationary point it returns 0 (see AlignmentOf). It
// returns an error wrapping ErrNonFinite for a NaN or Inf gradient, and
// Lanczos's errors as WorstDirection does (with the alignment to Lanczos's
// current approximation of v1). It panics if w is shorter than Dim().
func Alignment(ctx context.Context, p Point, opts *lanczos.Options) (float64, error) {
	g := make([]float64, p.Dim())
	if _, err := p.GradAt(g, 0, nil); err != nil {
		return 0, fmt.Errorf("hessian.Alignment: %w", err)
	}
	ng := kernels.Norm(g)
	if !isFinite(ng) {
		return 0, notFinite("Alignment", "∇L(w)")
	}
	if ng == 0 {
		return 0, nil // nothing to align, and no need for v1
	}
	_, v1, _, _, _, err := topEigen(ctx, p, opts)
	if v1 == nil {
		return 0, err
	}
	return AlignmentOf(g, v1), err
}

// Eigen returns k eigenpairs of H(w) at the end of the spectrum opts.Which
// selects (lanczos.Eigs on p's Hessian-vector product, with its options,
// results and errors), except that a failed product is reported as itself
// (an *FDError, a closure's error, NaN or Inf) rather than as the NaN the
// solver saw.
func Eigen(ctx context.Context, p Point, k int, opts *lanczos.Options) (*lanczos.Result, error) {
	op := NewOperator(p)
	r, err := lanczos.Eigs(ctx, op, k, opts)
	return r, op.explain(err)
}

// Trace estimates tr(H(w)) by lanczos.HutchPlusPlus on p's Hessian-vector
// product (its options, results and errors), with failed products reported
// as in Eigen.
func Trace(ctx context.Context, p Point, opts *lanczos.TraceOptions) (lanczos.TraceResult, error) {
	op := NewOperator(p)
	r, err := lanczos.HutchPlusPlus(ctx, op, opts)
	return r, op.explain(err)
}
