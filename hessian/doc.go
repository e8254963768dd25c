// Package hessian measures what sharpness-aware training does to the
// curvature of a loss: the paper's three sharpness measures (worst-,
// ascent- and average-direction, Wen, Ma and Li, ICLR 2023, Table 1), the
// alignment |cos(∇L, v1)| of the gradient with the top Hessian eigenvector
// (its Theorem 4.5), and the Hessian-vector products they run on, for models
// that have an exact one (an Objective) and for those that have only a
// gradient (checked central finite differences: FDObjective for a flat
// gradient oracle, InPlace over a trainer's own parameter groups). Every
// measure takes a Point: At(obj, w), or an InPlace. The eigenvalues and
// traces come from package lanczos (Eigen, Trace).
//
// # Finite differences
//
// Finite-difference Hessian-vector products are for models that have a
// gradient but no exact Hessian-vector product.
//
// For a direction v ≠ 0 with unit vector v̂ = v/‖v‖ and a step h the product
// is the central difference
//
//	H(w)·v ≈ ‖v‖·(∇L(w + h·v̂) − ∇L(w − h·v̂)) / (2h),
//
// and every product comes with an error estimate, the second difference
//
//	E = ‖v‖·‖∇L(w + h·v̂) − 2∇L(w) + ∇L(w − h·v̂)‖ / (2h),
//
// which is the difference between the forward and the backward one-sided
// quotients. It costs one more gradient per point w, not per product. For
// a smooth loss it is h·‖∇³L[v̂, v̂]‖/2 plus the rounding of the gradients
// amplified by 1/h, so it over-estimates the central difference's own
// truncation error (of order h²) and measures its rounding error; where the
// segment w ± h·v̂ crosses a kink of a piecewise-linear loss (a ReLU unit
// changing sign), the gradient jumps on one side only and E is of the size
// of the error itself, O(1/h). A product is accepted when
// E ≤ Tol·max(‖H·v‖, S·‖v‖), S the largest ‖H·v‖/‖v‖ accepted so far (an
// estimate of ‖H‖ from below, as Lanczos's tolerance is relative to ‖A‖);
// otherwise the steps h/8, 4h and h/64 are tried in turn, and if none is
// accepted the product fails with an *FDError that says which limit was hit
// and what to do. No plausible wrong number is returned.
//
// The default step, FDStep, depends on the gradient's type, after
// measurements on a 784-128-10 MLP trained on 2000 MNIST images (float64
// relative errors against the exact R-operator product, six directions):
//
//   - float64: h = √u·max(1, ‖w‖), u = 2⁻⁵³ (2.8e-7 on that model). The
//     error was 1e-9 to 3e-7 for h from 1e-4 to 1e-6 and grew as u/h below
//     (2e-5 at 1e-8); the steps of order u^(1/3)·‖w‖ that are optimal for a
//     smooth loss (9e-5 here) crossed ReLU kinks often enough to turn λ1
//     from 2.36 into 7.35 on another run, and a kink is crossed with a
//     probability proportional to h. So the default is small enough to
//     make crossings rare (and the estimate catches the rest) and large
//     enough that rounding the points w ± h·v̂ costs only √u.
//   - float32: h = u^(1/3)·max(1, ‖w‖), u = 2⁻²⁴, the optimum for a smooth
//     loss. On the tanh MLP the error was 8e-5 there (estimate 4e-3) and
//     grew to 3e-3 at h = 1e-3; a float32 point cannot move by less than
//     about 2⁻²⁴·‖w‖. On the ReLU MLP no float32 step gave less than 4%
//     error (kinks above 1e-3, rounding below), and the estimate says so:
//     such products fail unless Tol is raised above the error.
//
// The default Tol, 1e-4, is met by float64 gradients of smooth and ReLU
// networks alike; float32 gradients need Tol ≥ 1e-2 on smooth networks and
// are refused on piecewise-linear ones. The exact product of a model (such
// as models.MLP's R-operator) has none of these limits, in either type.
package hessian

import "github.com/samkern/samkern/internal/errs"

// ErrNonFinite is wrapped by every error about a NaN or an Inf in a loss, a
// gradient or a Hessian-vector product. It is the same value as
// sam.ErrNonFinite and lanczos.ErrNonFinite.
var ErrNonFinite = errs.ErrNonFinite
