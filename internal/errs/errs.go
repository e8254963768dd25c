// Package errs holds the sentinel errors that several samkern packages
// share, so that errors.Is answers the same question whichever package
// returned the error.
package errs

import "errors"

// ErrNonFinite is wrapped by every error about a NaN or an Inf: in a gradient,
// a Hessian-vector product, a loss, an operator's output or a norm that
// overflowed. sam.ErrNonFinite and lanczos.ErrNonFinite are this value.
var ErrNonFinite = errors.New("NaN or Inf")
