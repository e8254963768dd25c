package sam

import (
	"errors"
	"fmt"

	"github.com/samkern/samkern/internal/errs"
)

// Float is the parameter type: float32 (training) or float64.
type Float interface{ float32 | float64 }

// Perturbation selects the ascent step, the point at which the second
// gradient is evaluated, and how the two gradients make the update.
type Perturbation int

const (
	// SAM perturbs by ρ·g/(‖g‖+ε), g the gradient of the whole batch (the
	// paper's full-batch SAM; with a mini-batch it is the usual SAM), and
	// descends along the gradient there (Foret et al., ICLR 2021).
	SAM Perturbation = iota
	// USAM perturbs by ρ·g, unnormalized (Andriushchenko and Flammarion,
	// ICML 2022).
	USAM
	// ASAM perturbs by ρ·T²g/(‖T·g‖+ε) with T = |w| + η (Kwon et al., ICML
	// 2021), which makes the sharpness invariant to weight rescaling. A
	// group with ASAMUnscaled uses T = 1.
	ASAM
	// AscentGD is gradient descent on the ascent-direction loss
	// L_Asc(w) = L(w + ρ·g/‖g‖), the "true gradient" SAM approximates:
	// the update direction is ∇L(w̃) + (ρ/‖g‖)·H(w)·(I − n nᵀ)·∇L(w̃) with
	// n = g/‖g‖, w̃ = w + ρn. It needs Config.HVP.
	AscentGD
	// NoPerturbation takes the base optimizer's step at w, as a control.
	NoPerturbation
	// GSAM is surrogate-gap guided SAM (Zhuang, Gong, Yuan, Cui, Adam,
	// Dvornek, Tatikonda, Duncan and Liu, "Surrogate Gap Minimization
	// Improves Sharpness-Aware Training", ICLR 2022, arXiv 2203.08065): with
	// g the gradient at w and g_p the one at the SAM point, the unperturbed
	// gradient is split into its parts along g_p and orthogonal to it,
	// g_⊥ = g − c·g_p with c = gᵀg_p/‖g_p‖² (0 when g_p = 0), and the base
	// optimizer descends along g_p − α·g_⊥ (Algorithm 1, step 4). This
	// follows the paper and its official JAX code (no ε in the
	// decomposition; the PyTorch port adds ε there, which changes c by about
	// ε/‖g_p‖). Config.GSAM sets α and the optional coupling of ρ to the
	// learning rate, ρ_t = ρ_min + (ρ − ρ_min)·(lr_t − lr_min)/(lr_max −
	// lr_min), clamped at 0 (Algorithm 1, step 0). α = 0 is SAM. Cost:
	// SAM's four passes; the perturbation pass keeps g, the second norm's
	// pass also takes gᵀg_p, and the update pass forms the direction.
	GSAM
	// LookSAM (Liu, Mai, Chen, Hsieh and You, "Towards Efficient and Scalable
	// Sharpness-Aware Minimization", CVPR 2022, arXiv 2203.02714) takes a
	// SAM step every K steps (steps 0, K, 2K, …) and keeps the part of its
	// perturbed gradient g_s orthogonal to the plain gradient g of that
	// step, g_v = g_s − (gᵀg_s/‖g‖²)·g (0 when the step did not perturb).
	// The other steps need one gradient g and descend along
	// g + α·(‖g‖/‖g_v‖)·g_v (0 when g_v = 0). The norms are global, as in
	// the paper's notation (the unofficial PyTorch ports take them per
	// tensor). K = 1 is SAM. Cost: a SAM step makes five passes (SAM's
	// four, keeping g in the perturbation pass and taking gᵀg_s with the
	// second norm, and one forming g_v with its norm); the other steps make
	// three (two norms and the update, which forms the direction), with one
	// gradient.
	LookSAM
	// WSAM is weighted SAM (Yue, Jiang, Ye, Gao, Liu and Zhang, "Sharpness-
	// Aware Minimization Revisited: Weighted Sharpness as a Regularization
	// Term", KDD 2023, arXiv 2305.15817), the loss L + γ/(1−γ)·(L_SAM − L)
	// with γ in [0, 1). Decoupled (the paper's and the official code's
	// default): the base optimizer steps with the gradient g at w and then
	// w −= lr·γ/(1−γ)·(g̃ − g), g̃ the gradient at the SAM point. Coupled:
	// the base optimizer is given γ/(1−γ)·g̃ + (1−2γ)/(1−γ)·g. γ = 0 is the
	// base optimizer (on g); coupled γ = 1/2 is SAM; decoupled γ = 1/2 is
	// SAM only for SGD without momentum, and only up to rounding. The
	// decoupled term is not clipped by Config.ClipNorm. Cost: SAM's four
	// passes; the perturbation pass keeps g, and the update pass forms the
	// direction or adds the decoupled term.
	WSAM
	// MSAM is Momentum-SAM (Becker, Altrock and Risse, "Momentum-SAM:
	// Sharpness Aware Minimization without Computational Overhead", arXiv
	// 2401.12033, 2024): the perturbation is along the negative momentum,
	// w̃ = w − ρ·m/(‖m‖+ε) (AdamW: its first moment), and the step's only
	// gradient is taken there, so Ascend comes before it
	// (AscendNeedsGradient reports false). Before any momentum exists (the
	// first step, or m = 0) it does not perturb: a plain base step. The
	// weights are restored from the saved copy, not by adding ρ·m/‖m‖ back
	// as the official code does. ρ = 0 is the base optimizer. Cost: three
	// passes (the perturbation, the gradient's norm, the update), with one
	// gradient: ‖m‖ comes from the previous update pass.
	MSAM
	// FSAM is Friendly SAM (Li, Zhou, He, Cheng and Huang, "Friendly
	// Sharpness-Aware Minimization", CVPR 2024, arXiv 2403.12350): the
	// perturbation is along d = g − σ·m, m an exponential moving average of
	// past gradients estimating the full gradient, so the perturbation
	// keeps only the batch-specific noise. It follows the official code: d
	// uses the average of the previous steps, which is then updated with
	// the raw gradient, m ← λ·m + (1−λ)·g, and starts at m = g, so the first
	// step is SAM. σ = 0 is SAM. Cost: SAM's four passes; the first
	// norm is ‖g − σ·m‖, and the perturbation pass writes the new average.
	FSAM
	// AESAM is adaptive SAM (Jiang, Yang, Zhang and Kwok, "An Adaptive
	// Policy to Employ Sharpness-Aware Minimization", ICLR 2023, arXiv
	// 2304.14647): with running moments of the squared gradient norm,
	// μ ← δ·μ + (1−δ)·‖g‖² and σ² ← δ·σ² + (1−δ)·(‖g‖² − μ)² (from 0),
	// a step is a SAM step when ‖g‖² ≥ μ + c_t·σ, with c_t going linearly
	// from λ2 at step 0 to λ1 at step T (held there after), and otherwise
	// the base step with the one gradient. The statistics are taken from
	// the paper's stated update; the paper's initial values could not be
	// checked, so these are documented choices. Policy Always is SAM, Never
	// the base optimizer. Cost: a SAM step's four passes, or three for a
	// base step (two norms and the update) with one gradient.
	AESAM
	numPerturbations
)

var perturbationNames = [...]string{"SAM", "USAM", "ASAM", "AscentGD", "none", "GSAM", "LookSAM", "WSAM", "MSAM", "FSAM", "AESAM"}

// GSAMOptions configures GSAM. Nothing has a default: zero means zero.
type GSAMOptions struct {
	// Alpha is α in g_p − α·g_⊥, in [0, 1]; the paper's Table 4 uses
	// 0.01–1 (0.4 for ViTs in its code).
	Alpha float64
	// Couple ties ρ to the learning rate: ρ_t = RhoMin + (Config.Rho −
	// RhoMin)·(lr_t − LRMin)/(LRMax − LRMin), clamped at 0, with lr_t the
	// step's learning rate (after LRSchedule). It replaces RhoSchedule.
	Couple               bool
	RhoMin, LRMin, LRMax float64
}

// LookSAMOptions configures LookSAM. Nothing has a default.
type LookSAMOptions struct {
	// K is the interval of the SAM steps, ≥ 1 (the implementations use 10
	// or 5).
	K int
	// Alpha is the weight of the reused component, in [0, 1] (0.7 in the
	// implementations).
	Alpha float64
}

// WSAMOptions configures WSAM. Nothing has a default.
type WSAMOptions struct {
	// Gamma is γ in [0, 1) (0.9 in the official code).
	Gamma float64
	// Coupled gives the base optimizer the weighted gradient instead of
	// adding the sharpness term after its step.
	Coupled bool
}

// FSAMOptions configures FSAM. Nothing has a default.
type FSAMOptions struct {
	// Sigma is σ in g − σ·m, finite and ≥ 0 (1 in the official code).
	Sigma float64
	// Lambda is the average's decay λ in [0, 1) (0.6–0.95 in the official
	// runs).
	Lambda float64
}

// AEPolicy selects how AESAM decides.
type AEPolicy int

const (
	// AEAdaptive decides by the threshold μ + c_t·σ.
	AEAdaptive AEPolicy = iota
	// AEAlways takes every step as SAM (the threshold at −∞).
	AEAlways
	// AENever takes every step as the base optimizer (the threshold at +∞).
	AENever
)

// AESAMOptions configures AESAM. Nothing has a default.
type AESAMOptions struct {
	Policy AEPolicy
	// Delta is the statistics' decay δ in [0, 1).
	Delta float64
	// Lambda1 and Lambda2 are c_t's end and start, finite.
	Lambda1, Lambda2 float64
	// Steps is T, the step at which c_t reaches Lambda1, ≥ 1.
	Steps int
}

// String returns the perturbation's name.
func (p Perturbation) String() string {
	if p >= 0 && p < numPerturbations {
		return perturbationNames[p]
	}
	return fmt.Sprintf("Perturbation(%d)", int(p))
}

// SGD is stochastic gradient descent with heavy-ball momentum as in
// PyTorch (buffer m = μ·m + g, no dampening), optionally Nesterov's
// variant, with weight decay either coupled (L2: WeightDecay·w added to the
// gradient) or decoupled (SGDW: the weights shrink by lr·WeightDecay).
type SGD struct {
	LR          float64 // learning rate η ≥ 0 (0 leaves the weights as they are)
	Momentum    float64 // μ in [0, 1)
	Nesterov    bool    // use g + μ·m instead of m; needs Momentum > 0
	WeightDecay float64 // ≥ 0; the default of every group (a Group may set its own)
	Decoupled   bool    // decoupled decay (SGDW) instead of L2
}

// AdamW is Adam with decoupled weight decay (Loshchilov and Hutter) and bias
// correction. Zero Beta1, Beta2 and Eps mean the usual 0.9, 0.999 and 1e-8.
type AdamW struct {
	LR          float64 // learning rate ≥ 0 (0 leaves the weights as they are)
	Beta1       float64 // first-moment decay, in [0, 1)
	Beta2       float64 // second-moment decay, in [0, 1)
	Eps         float64 // added to the root of the second moment, > 0 after the default
	WeightDecay float64 // ≥ 0; the default decoupled decay of every group
}

// Defaults of Config's fields whose zero value means "the usual".
const (
	// DefaultEps is the ε of ρ·g/(‖g‖+ε), as in davda54/sam and optax.
	DefaultEps = 1e-12
	// DefaultASAMEta is ASAM's η in T = |w| + η, as in the ASAM authors'
	// code.
	DefaultASAMEta = 0.01
)

// Config configures an Optimizer. Exactly one of SGD and AdamW must be set.
// New copies the whole Config (the base optimizer's settings too): nothing
// the caller keeps can change the optimizer afterwards. Settings that change
// during training go through the schedules and the setters.
type Config[T Float] struct {
	Perturbation Perturbation
	// Rho is the perturbation radius ρ of every group that does not set
	// its own; finite and ≥ 0.
	Rho float64
	// RhoSchedule, if set, multiplies every group's ρ at each step: the
	// radius at step t (counted from 0) is ρ·RhoSchedule(t). A value that
	// is negative, NaN or Inf is an error at that step.
	RhoSchedule func(step int) float64
	// LRSchedule, if set, multiplies the base optimizer's learning rate at
	// each step, as RhoSchedule does ρ: a warm-up may start from 0.
	LRSchedule func(step int) float64
	// Eps is the ε that keeps ρ·g/(‖g‖+ε) finite; 0 means DefaultEps, and
	// ZeroEps asks for ε = 0, the exact formula. A zero gradient never
	// perturbs, whatever ε.
	Eps     float64
	ZeroEps bool
	// ASAMEta is ASAM's η in T = |w| + η; 0 means DefaultASAMEta, and
	// ZeroASAMEta asks for T = |w|, which is davda54/sam's adaptive=True.
	ASAMEta     float64
	ZeroASAMEta bool
	// ClipNorm, if positive, clips the update direction (the gradient the
	// base optimizer is given) to a global norm of at most ClipNorm, using
	// the norm the step computes anyway and scaling the direction inside the
	// update pass; Grads are not written. A direction that combines two
	// gradients (GSAM, coupled WSAM, LookSAM between its SAM steps) is
	// formed in a pass of its own first, for its norm.
	ClipNorm float64
	// ZeroGrads makes the optimizer zero each group's Grads once it has
	// read them (after Ascend, Accumulate and Descend), for autodiffs that
	// add new gradients into the buffers rather than overwrite them. The
	// trainer then starts with zero buffers and never clears them itself.
	ZeroGrads bool
	// HVP, needed by AscentGD only, sets hv = H(w)·v for the current
	// weights w, per group: the trainer's Hessian-vector product, or
	// hessian.InPlace's ConfigHVP when it has only gradients. It may
	// overwrite Grads.
	HVP func(hv, v [][]T) error

	// The options of the variants; each must be zero unless its
	// Perturbation is selected.
	GSAM    GSAMOptions
	LookSAM LookSAMOptions
	WSAM    WSAMOptions
	FSAM    FSAMOptions
	AESAM   AESAMOptions

	SGD   *SGD
	AdamW *AdamW
}

// Setting is an optional per-group value: the zero Setting means "what the
// Config says", and Set(x) means x, zero included.
type Setting struct {
	value float64
	set   bool
}

// Set returns the Setting whose value is x.
func Set(x float64) Setting { return Setting{value: x, set: true} }

// IsSet reports whether s was made by Set.
func (s Setting) IsSet() bool { return s.set }

// Or returns s's value if it is set and def otherwise.
func (s Setting) Or(def float64) float64 {
	if s.set {
		return s.value
	}
	return def
}

// Group is a set of parameters with their gradients, as a trainer holds
// them: Grads has the layout of Params and is where the trainer writes the
// gradient before Ascend and Descend. The global gradient norm spans every
// group; ρ, weight decay and a learning-rate multiplier may differ per
// group, each on its own.
type Group[T Float] struct {
	Params, Grads []T
	// Rho is this group's ρ (Set(0): never perturbed); unset, the
	// Config's Rho.
	Rho Setting
	// WeightDecay is this group's decay (Set(0) for biases and norms);
	// unset, the base optimizer's WeightDecay.
	WeightDecay Setting
	// LRScale multiplies the learning rate in this group (Set(0) freezes
	// it); unset, 1.
	LRScale Setting
	// ASAMUnscaled makes ASAM use T = 1 for this group, as the ASAM
	// authors' code does for biases.
	ASAMUnscaled bool
}

// Errors returned by the Optimizer. Each is returned with the weights and
// the optimizer's state exactly as they were before the call that failed.
var (
	// ErrNonFinite: a gradient (or its norm, or a Hessian-vector product)
	// holds NaN or Inf; the optimizer abandons the step (Descend restores
	// the weights saved by Ascend). It is the same value as
	// hessian.ErrNonFinite and lanczos.ErrNonFinite.
	ErrNonFinite = errs.ErrNonFinite
	// ErrPhase: Ascend, Accumulate and Descend were called out of order.
	ErrPhase = errors.New("sam: call out of order")
	// ErrInvalid is wrapped by every error about a configuration, a group,
	// a setter's argument, a schedule's value or a checkpoint that does
	// not fit; the message names the field and the group.
	ErrInvalid = errors.New("sam: invalid argument")
)

// invalid returns an error wrapping ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
