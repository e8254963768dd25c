// Package models holds the losses that samkern's demonstrations, tests and
// experiments run on, each with its exact gradient and Hessian-vector
// product: the paper's Figure 1 toy (Toy), dense quadratics with a known
// spectrum (Quadratic, the setting of its Theorem 4.8), least squares and
// L2-regularized logistic regression (LeastSquares, Logistic), a diagonal
// linear network with a manifold of minimizers (DiagonalNet), and the data
// generators behind them (GaussianClusters, SparseRegression).
//
// Every model implements hessian.Objective (Dim, Loss, Grad, HVP); the
// ones that are means of per-sample losses implement Sampled too. They are
// read-only after construction, so one value may be used by several
// goroutines at once; the scratch vectors some methods need come from a
// sync.Pool rather than from the value. Their methods panic, naming the
// method and the argument, when a slice is shorter than the dimension, as
// the kernels do; slices may be longer, and the extra elements are ignored.
package models

import "github.com/samkern/samkern/internal/errs"

// ErrNonFinite is wrapped by the error a constructor returns for NaN or Inf
// in its data. It is the same value as sam.ErrNonFinite and
// lanczos.ErrNonFinite.
var ErrNonFinite = errs.ErrNonFinite

// Sampled is a loss that is the mean of per-sample losses,
// L = (1/M) Σ_k L_k, as stochastic and m-SAM steps need. Its first four
// methods are those of hessian.Objective.
type Sampled interface {
	// Dim is the number of parameters.
	Dim() int
	// Loss returns L(w).
	Loss(w []float64) float64
	// Grad writes ∇L(w) into g and returns L(w).
	Grad(g, w []float64) float64
	// HVP writes H(w)·v into hv, where H is the Hessian of L.
	HVP(hv, w, v []float64)
	// Samples is M, the number of per-sample losses.
	Samples() int
	// GradSamples writes the gradient of the mean of the listed samples'
	// losses at w into g and returns that mean loss.
	GradSamples(g, w []float64, idx []int) float64
}
