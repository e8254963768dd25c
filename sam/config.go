package sam

import (
	"errors"
	"fmt"

	"github.com/samkern/samkern/internal/errs"
)

// Float is the parameter type: float32 (training) or float64.
type Float interface{ float32 | float64 }

// Perturbation selects the ascent step, the point at which the second
// gradient is evaluated.
type Perturbation int

const (
	// SAM perturbs by ρ·g/(‖g‖+ε), g the gradient of the whole batch (the
	// paper's full-batch SAM; with a mini-batch it is the usual SAM).
	SAM Perturbation = iota
	// USAM perturbs by ρ·g, unnormalized (Andriushchenko and Flammarion).
	USAM
	// ASAM perturbs by ρ·T²g/(‖T·g‖+ε) with T = |w| + η (Kwon et al.),
	// which makes the sharpness invariant to weight rescaling.
	ASAM
	// AscentGD is gradient descent on the ascent-direction loss
	// L_Asc(w) = L(w + ρ·g/‖g‖), the "true gradient" SAM approximates:
	// the update direction is ∇L(w̃) + (ρ/‖g‖)·H(w)·(I − n nᵀ)·∇L(w̃) with
	// n = g/‖g‖, w̃ = w + ρn. It needs Config.HVP.
	AscentGD
	// NoPerturbation takes the base optimizer's step at w, as a control.
	NoPerturbation
)

var perturbationNames = []string{"SAM", "USAM", "ASAM", "AscentGD", "none"}

// String returns the perturbation's name.
func (p Perturbation) String() string {
	if p >= 0 && int(p) < len(perturbationNames) {
		return perturbationNames[p]
	}
	return fmt.Sprintf("Perturbation(%d)", int(p))
}

// SGD is stochastic gradient descent with heavy-ball momentum as in
// PyTorch (buffer m = μ·m + g, no dampening), optionally Nesterov's
// variant, with weight decay either coupled (L2: WeightDecay·w added to the
// gradient) or decoupled (SGDW: the weights shrink by lr·WeightDecay).
type SGD struct {
	LR          float64 // learning rate η; must be positive
	Momentum    float64 // μ in [0, 1)
	Nesterov    bool    // use g + μ·m instead of m; needs Momentum > 0
	WeightDecay float64 // default decay of every group (a Group may set its own)
	Decoupled   bool    // decoupled decay (SGDW) instead of L2
}

// AdamW is Adam with decoupled weight decay (Loshchilov and Hutter) and bias
// correction. Zero Beta1, Beta2 and Eps mean the usual 0.9, 0.999 and 1e-8.
type AdamW struct {
	LR          float64 // learning rate; must be positive
	Beta1       float64 // first-moment decay, in [0, 1)
	Beta2       float64 // second-moment decay, in [0, 1)
	Eps         float64 // added to the root of the second moment
	WeightDecay float64 // default decoupled decay of every group
}

// Config configures an Optimizer. Exactly one of SGD and AdamW must be set.
type Config[T Float] struct {
	Perturbation Perturbation
	// Rho is the perturbation radius ρ of every group that does not set
	// its own.
	Rho float64
	// RhoSchedule, if set, multiplies every group's ρ at each step: the
	// radius at step t (counted from 0) is ρ·max(0, RhoSchedule(t)).
	RhoSchedule func(step int) float64
	// Eps is the ε that keeps ρ·g/(‖g‖+ε) finite; 0 means 1e-12. A zero
	// gradient never perturbs, whatever ε.
	Eps float64
	// ASAMEta is ASAM's η in T = |w| + η; 0 means 0.01.
	ASAMEta float64
	// HVP, needed by AscentGD only, sets hv = H(w)·v for the current
	// weights w (the trainer's Hessian-vector product; see FiniteDiffHVP
	// when only gradients are available). Slices are per group.
	HVP func(hv, v [][]T) error

	SGD   *SGD
	AdamW *AdamW
}

// Group is a set of parameters with their gradients, as a trainer holds
// them: Grads has the layout of Params and is where the trainer writes the
// gradient before Ascend and Descend. The global gradient norm spans every
// group; ρ and weight decay may differ per group.
type Group[T Float] struct {
	Params, Grads []T
	// Custom makes Rho and WeightDecay this group's own, even when zero
	// (for example no decay on biases and norms); otherwise the Config's
	// apply.
	Custom      bool
	Rho         float64
	WeightDecay float64
}

// Errors returned by the Optimizer. Each is returned with the weights and
// the optimizer's state exactly as they were before the call that failed.
var (
	// ErrNonFinite: a gradient (or its norm, or a Hessian-vector product)
	// holds NaN or Inf; the optimizer abandons the step (Descend restores
	// the weights saved by Ascend). The sharpness measures wrap it too,
	// for a non-finite loss. It is the same value as
	// lanczos.ErrNonFinite.
	ErrNonFinite = errs.ErrNonFinite
	// ErrPhase: Ascend, Accumulate and Descend were called out of order.
	ErrPhase = errors.New("sam: call out of order")
)
