package lanczos

import (
	"errors"
	"fmt"

	"github.com/samkern/samkern/internal/errs"
)

// ErrInvalidArgument is wrapped by every error about the arguments or
// options of a call (k out of range, a start vector of the wrong length,
// a negative tolerance, a Func with a nil F, ...); test for it with
// errors.Is.
var ErrInvalidArgument = errors.New("lanczos: invalid argument")

// ErrNonFinite is wrapped by the error returned when the operator produced
// a NaN or an Inf (or values whose norm overflows). The solvers stop at
// once rather than return eigenvalues computed from garbage. It is the same
// value as sam.ErrNonFinite, so one errors.Is test covers both packages.
var ErrNonFinite = errs.ErrNonFinite

// ErrNotSymmetric is wrapped by the *AsymmetryError of the symmetry check
// (Options.CheckSymmetry and its twins in TraceOptions and
// DensityOptions).
var ErrNotSymmetric = errors.New("lanczos: operator not symmetric")

// StopReason says why Eigs stopped without all k pairs converged.
type StopReason int

const (
	// BudgetExhausted: Options.MaxOps ran out while some Lanczos residual
	// estimates were still above the tolerance. More applications (or a
	// larger MaxBasis) may help.
	BudgetExhausted StopReason = iota + 1
	// ResidualFloor: every Lanczos residual estimate passed the
	// tolerance, but some residuals recomputed with the operator did not.
	// For a symmetric operator computed to working precision the two
	// agree to rounding, so the products disagree with the Lanczos
	// relation they built: the operator is noisy (a finite-difference
	// Hessian-vector product crossing kinks, float32 rounding), not
	// symmetric, or not accurate to Tol. More applications do not help;
	// NoConvergenceError.Floor says what accuracy the operator did reach.
	ResidualFloor
)

// String returns the constant's name.
func (r StopReason) String() string {
	switch r {
	case BudgetExhausted:
		return "BudgetExhausted"
	case ResidualFloor:
		return "ResidualFloor"
	}
	return fmt.Sprintf("StopReason(%d)", int(r))
}

// NoConvergenceError is returned by Eigs when it stopped before all k
// wanted eigenpairs converged, for the Reason it gives: the budget ran out
// (BudgetExhausted, like ARPACK's no-convergence error), or the residuals
// recomputed with the operator did not reach the tolerance that the
// Lanczos estimates had reached (ResidualFloor). It carries the pairs that
// did converge; the Result returned alongside it holds all k current
// approximations with their Converged flags. Get it with errors.As.
type NoConvergenceError struct {
	// Wanted is k, the number of pairs asked for; Ops the operator
	// applications spent, MaxOps the budget (Options.MaxOps or its
	// default).
	Wanted, Ops, MaxOps int
	// Values, Vectors and Residuals are the converged pairs, ordered as
	// in Result.
	Values    []float64
	Vectors   [][]float64
	Residuals []float64
	// Reason is why Eigs stopped.
	Reason StopReason
	// Tol and Scale are the convergence test: a pair converged when its
	// residual was at most Tol·Scale (Scale is Result.Scale).
	Tol, Scale float64
	// Floor and Estimate are set for ResidualFloor (zero otherwise).
	// Floor is the smallest relative residual ‖A·x − θ·x‖/Scale,
	// recomputed with the operator, among the pairs that failed the
	// recomputed test, and Estimate the largest relative Lanczos estimate
	// |bᵀy|/Scale among those same pairs (at most Tol). Floor is about the
	// smallest tolerance this operator can meet; Floor/Estimate is how far
	// its products are from the Lanczos relation they built, 1 to a few
	// units of rounding for a symmetric operator computed exactly.
	Floor, Estimate float64
}

// Error says how many pairs converged, why the rest did not, and for
// ResidualFloor what the operator probably is.
func (e *NoConvergenceError) Error() string {
	if e.Reason == ResidualFloor {
		ratio := "far above"
		if e.Estimate > 0 {
			ratio = fmt.Sprintf("%.2g times", e.Floor/e.Estimate)
		}
		return fmt.Sprintf("lanczos: %d of %d eigenpairs converged (after %d of %d operator applications): "+
			"every Lanczos residual estimate passed Tol = %.3g, but the residuals of %d pairs, recomputed "+
			"with the operator, are at least %.3g relative to the scale %.4g, %s their estimates: the operator "+
			"is noisy (for example a finite-difference Hessian-vector product) or not symmetric "+
			"(Options.CheckSymmetry tests it), and cannot deliver Tol",
			len(e.Values), e.Wanted, e.Ops, e.MaxOps, e.Tol, e.Wanted-len(e.Values), e.Floor, e.Scale, ratio)
	}
	return fmt.Sprintf("lanczos: %d of %d eigenpairs converged within the budget of %d operator applications (MaxOps)",
		len(e.Values), e.Wanted, e.MaxOps)
}

// AsymmetryError is returned by the symmetry check when u·(A·v) and
// v·(A·u), for two random unit vectors u and v, differ by more than the
// rounding of the two dot products and the call's tolerance allow. It
// wraps ErrNotSymmetric and ErrInvalidArgument. Get it with errors.As.
type AsymmetryError struct {
	// UAV and VAU are u·(A·v) and v·(A·u).
	UAV, VAU float64
	// Bound is the largest |UAV − VAU| accepted: the rounding bound of
	// the two dot products plus Allowed times the operator's scale along
	// the probes (see Asymmetry).
	Bound float64
	// Asymmetry is √n·|UAV − VAU| / √((‖A·u‖² + ‖A·v‖²)/2), an estimate
	// of ‖A − Aᵀ‖_F / ‖A‖_F for a fixed matrix A (for random unit u and v,
	// E(uᵀMv)² = ‖M‖_F²/n² and E‖A·v‖² = ‖A‖_F²/n) and, for an operator
	// whose products carry independent errors of relative size η, of about
	// √2·η. It is a single sample: the true value may be a few times
	// larger.
	Asymmetry float64
	// Allowed is the relative asymmetry the call accepted beyond rounding:
	// Options.Tol for Eigs, TraceOptions.RelTol for the trace estimators,
	// 0 for SpectralDensity.
	Allowed float64
	// Ops is the number of operator applications the check spent (2).
	Ops int
}

// Error reports the measured asymmetry.
func (e *AsymmetryError) Error() string {
	return fmt.Sprintf("lanczos: operator not symmetric: u·(A·v) = %.17g but v·(A·u) = %.17g for random unit u, v "+
		"(difference %.3g, more than the %.3g that rounding and the tolerance %.3g allow); "+
		"relative asymmetry about %.3g: a noisy or non-symmetric operator",
		e.UAV, e.VAU, e.UAV-e.VAU, e.Bound, e.Allowed, e.Asymmetry)
}

// Unwrap returns ErrNotSymmetric and ErrInvalidArgument, so that errors.Is
// recognizes either.
func (e *AsymmetryError) Unwrap() []error { return []error{ErrNotSymmetric, ErrInvalidArgument} }

// invalid returns an error wrapping ErrInvalidArgument.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidArgument}, args...)...)
}
