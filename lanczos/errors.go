package lanczos

import (
	"errors"
	"fmt"

	"github.com/samkern/samkern/internal/errs"
)

// ErrInvalidArgument is wrapped by every error about the arguments or
// options of a call (k out of range, a start vector of the wrong length,
// a negative tolerance, ...); test for it with errors.Is.
var ErrInvalidArgument = errors.New("lanczos: invalid argument")

// ErrNonFinite is wrapped by the error returned when the operator produced
// a NaN or an Inf (or values whose norm overflows). The solvers stop at
// once rather than return eigenvalues computed from garbage. It is the same
// value as sam.ErrNonFinite, so one errors.Is test covers both packages.
var ErrNonFinite = errs.ErrNonFinite

// NoConvergenceError is returned by Eigs when the operator budget
// (Options.MaxOps) ran out before all k wanted eigenpairs converged, like
// ARPACK's no-convergence error. It carries the pairs that did converge;
// the Result returned alongside it holds all k current approximations with
// their Converged flags.
type NoConvergenceError struct {
	// Wanted is k, the number of pairs asked for; Ops the operator
	// applications spent.
	Wanted, Ops int
	// Values, Vectors and Residuals are the converged pairs, ordered as
	// in Result.
	Values    []float64
	Vectors   [][]float64
	Residuals []float64
}

// Error reports how many pairs converged and what was spent.
func (e *NoConvergenceError) Error() string {
	return fmt.Sprintf("lanczos: %d of %d eigenpairs converged within %d operator applications",
		len(e.Values), e.Wanted, e.Ops)
}

// invalid returns an error wrapping ErrInvalidArgument.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidArgument}, args...)...)
}
