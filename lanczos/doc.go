// Package lanczos computes eigenvalues, traces and spectral densities of
// symmetric operators known only through matrix-vector products, such as
// the Hessian of a training loss given as a Hessian-vector product: the
// quantities of sharpness-aware training (the top eigenvalue and
// eigenvector, the smallest eigenvalues, the trace, the spectrum's shape).
//
// # Operators
//
// An Operator has a dimension and an Apply(dst, v) that sets dst = A·v. The
// package adapts a plain function (Func), a dense symmetric matrix
// multiplied by kernels.SymMatVec (SymDense), a diagonal (Diagonal), and a
// float32 operator (FromFloat32 of an Operator32 such as Func32). The solvers
// count every application and stop with ErrNonFinite when one returns NaN
// or Inf.
//
// # Eigenpairs
//
// Eigs finds k eigenpairs at an end of the spectrum (largest or smallest
// algebraic, largest magnitude, or both ends) by thick-restart Lanczos
// with full reorthogonalization (classical Gram–Schmidt against the whole
// row-major basis at every step, through kernels.MatVec and MatTVec). Convergence is
// judged on residuals ‖A·x − λ·x‖ relative to the largest |Ritz value|
// seen, and the returned residuals are checked with the operator: bounds
// from the Lanczos relation's error, confirmed by one extra application,
// or recomputed pair by pair where those bounds fail.
// Memory is (MaxBasis+1+k)·n float64s, allocated once; the solver's own
// work per step is O(n·MaxBasis), so for operators that cost more than a
// few passes over the basis the time is spent in the operator.
//
// # Trace and density
//
// Hutchinson and HutchPlusPlus estimate tr(A) with a standard error and a
// stopping rule on it; SpectralDensity estimates the eigenvalue density by
// stochastic Lanczos quadrature and smooths it with a Gaussian kernel for
// plotting.
//
// # Errors
//
// Bad arguments, and operators that cannot be applied (a Func with a nil
// F), wrap ErrInvalidArgument; an operator that returns NaN or Inf stops
// the solver with ErrNonFinite; the optional symmetry check
// (CheckSymmetry in each options struct, two applications) refuses a
// noisy or non-symmetric operator with an *AsymmetryError. A cancelled
// context stops the solvers before their next operator application and
// returns the context's error (test with errors.Is) together with the
// results so far. Eigs returns a *NoConvergenceError carrying the
// converged pairs and its Reason: the budget of operator applications ran
// out (BudgetExhausted), or the residuals recomputed with the operator
// stayed above the tolerance that the Lanczos estimates had reached
// (ResidualFloor, with the floor it measured), the sign of an operator
// whose products are noisy or not symmetric.
package lanczos
