// Package hessian measures what sharpness-aware training does to the
// curvature of a loss: the paper's three sharpness measures (worst-,
// ascent- and average-direction, Wen, Ma and Li, ICLR 2023, Table 1), the
// alignment |cos(∇L, v1)| of the gradient with the top Hessian eigenvector
// (its Theorem 4.5), and the Hessian-vector products they run on, for models
// that have an exact one (an Objective) and for those that have only a
// gradient (central finite differences, FDHVP and FDObjective). The
// eigenvalues and traces come from package lanczos.
package hessian

import "github.com/samkern/samkern/internal/errs"

// ErrNonFinite is wrapped by every error about a NaN or an Inf in a loss, a
// gradient or a Hessian-vector product. It is the same value as
// sam.ErrNonFinite and lanczos.ErrNonFinite.
var ErrNonFinite = errs.ErrNonFinite
