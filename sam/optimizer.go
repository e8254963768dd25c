package sam

import (
	"errors"
	"fmt"
	"math"
)

// Optimizer is a SAM-family optimizer over parameters of type T.
//
// The two-phase protocol, for trainers that own their forward and backward
// passes:
//
//	(trainer writes ∇L(w) into the groups' Grads)
//	opt.Ascend()   // saves w and perturbs it: w ← w + e
//	(trainer writes ∇L(w + e) into Grads)
//	opt.Descend()  // restores the saved w and applies the base update
//
// m-SAM repeats Ascend, a gradient, and Accumulate for each micro-batch
// (each gets its own perturbation from the same w) and then calls Descend,
// which steps with the mean of the accumulated perturbed gradients. Step
// and StepMicro do the same with a gradient closure.
//
// Data-parallel trainers: the perturbation needs the global gradient norm.
// Call LocalSumSq, all-reduce the value (a sum) with your own transport,
// and pass the result to AscendGlobal. Perturbing each replica with its own
// local norm instead (plain Ascend on unreduced gradients) is per-replica,
// m-sharpness SAM, with m the replica's batch: a different algorithm, which
// the paper's Theorem 5.4 ties to the trace of the Hessian rather than λ1.
//
// An Optimizer is not safe for concurrent use.
type Optimizer[T Float] struct {
	cfg    Config[T]
	groups []Group[T]
	st     []groupState[T]
	ops    vecOps[T]

	step  int
	phase phase
	nAcc  int     // micro-batches accumulated since Ascend
	gnorm float64 // ‖g‖ (ASAM: ‖T·g‖) at the last Ascend
	rho   float64 // the radius multiplier used at the last Ascend
}

type phase int

const (
	idle phase = iota
	ascended
	accumulated
)

// groupState is the optimizer's per-group memory.
type groupState[T Float] struct {
	saved []T // the weights before the perturbation
	m, v  []T // momentum or AdamW's first moment; AdamW's second moment
	acc   []T // m-SAM's sum of perturbed gradients
	g0    []T // AscentGD: the gradient at w, for the projection
	q, h  []T // AscentGD: (I − n nᵀ)·g̃ and H·q
}

// Stats describes the last step.
type Stats struct {
	// Steps is the number of completed steps.
	Steps int
	// GradNorm is ‖g‖ at the last Ascend (ASAM: ‖T·g‖), global across
	// groups.
	GradNorm float64
	// RhoFactor is the schedule's multiplier used at the last Ascend (1
	// without a schedule).
	RhoFactor float64
}

// New returns an Optimizer over the given parameter groups. It checks the
// configuration and the groups (Grads as long as Params, no two slices
// sharing memory) and allocates the state: saved weights, and momentum or
// AdamW's two moments, one vector each per parameter.
func New[T Float](cfg Config[T], groups ...Group[T]) (*Optimizer[T], error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if len(groups) == 0 {
		return nil, errors.New("sam: no parameter groups")
	}
	o := &Optimizer[T]{cfg: cfg, groups: groups, ops: opsFor[T]()}
	if o.cfg.Eps == 0 {
		o.cfg.Eps = 1e-12
	}
	if o.cfg.ASAMEta == 0 {
		o.cfg.ASAMEta = 0.01
	}
	if a := o.cfg.AdamW; a != nil {
		c := *a
		if c.Beta1 == 0 {
			c.Beta1 = 0.9
		}
		if c.Beta2 == 0 {
			c.Beta2 = 0.999
		}
		if c.Eps == 0 {
			c.Eps = 1e-8
		}
		o.cfg.AdamW = &c
	}
	o.st = make([]groupState[T], len(groups))
	for k, g := range groups {
		if len(g.Grads) != len(g.Params) {
			panic(fmt.Sprintf("sam.New: group %d: len(Grads) = %d, want len(Params) = %d", k, len(g.Grads), len(g.Params)))
		}
		n := len(g.Params)
		s := &o.st[k]
		s.saved, s.m = make([]T, n), make([]T, n)
		if o.cfg.AdamW != nil {
			s.v = make([]T, n)
		}
	}
	return o, nil
}

// NewFlat is New for one flat slice of parameters and its gradient.
func NewFlat[T Float](cfg Config[T], params, grads []T) (*Optimizer[T], error) {
	return New(cfg, Group[T]{Params: params, Grads: grads})
}

func (c *Config[T]) check() error {
	switch {
	case (c.SGD == nil) == (c.AdamW == nil):
		return errors.New("sam: set exactly one of Config.SGD and Config.AdamW")
	case c.Perturbation < SAM || c.Perturbation > NoPerturbation:
		return fmt.Errorf("sam: unknown perturbation %d", int(c.Perturbation))
	case c.Perturbation == AscentGD && c.HVP == nil:
		return errors.New("sam: AscentGD needs Config.HVP")
	case !(c.Rho >= 0) || math.IsInf(c.Rho, 0):
		return fmt.Errorf("sam: Rho = %v, want a finite value ≥ 0", c.Rho)
	case c.Eps < 0 || c.ASAMEta < 0:
		return errors.New("sam: Eps and ASAMEta must not be negative")
	}
	if s := c.SGD; s != nil {
		switch {
		case !(s.LR > 0):
			return fmt.Errorf("sam: SGD.LR = %v, want > 0", s.LR)
		case !(s.Momentum >= 0 && s.Momentum < 1):
			return fmt.Errorf("sam: SGD.Momentum = %v, want in [0, 1)", s.Momentum)
		case s.Nesterov && s.Momentum == 0:
			return errors.New("sam: SGD.Nesterov needs Momentum > 0")
		}
	}
	if a := c.AdamW; a != nil {
		switch {
		case !(a.LR > 0):
			return fmt.Errorf("sam: AdamW.LR = %v, want > 0", a.LR)
		case !(a.Beta1 >= 0 && a.Beta1 < 1), !(a.Beta2 >= 0 && a.Beta2 < 1):
			return errors.New("sam: AdamW betas must be in [0, 1)")
		case a.Eps < 0:
			return errors.New("sam: AdamW.Eps must not be negative")
		}
	}
	return nil
}

// Stats returns figures about the last step.
func (o *Optimizer[T]) Stats() Stats {
	return Stats{Steps: o.step, GradNorm: o.gnorm, RhoFactor: o.rho}
}

// Steps returns the number of completed steps.
func (o *Optimizer[T]) Steps() int { return o.step }

// LocalSumSq returns this process's share of the squared norm that the
// perturbation divides by: Σ g² over every group (ASAM: Σ (T·g)²),
// accumulated in float64. All-reduce it (sum) across replicas and pass the
// result to AscendGlobal.
func (o *Optimizer[T]) LocalSumSq() float64 {
	var s float64
	for _, g := range o.groups {
		if o.cfg.Perturbation == ASAM {
			s += o.ops.asamSumSq(g.Params, g.Grads, o.cfg.ASAMEta)
		} else {
			s += o.ops.sumSq(g.Grads)
		}
	}
	return s
}

// Ascend saves the weights and perturbs them, using the gradients in the
// groups' Grads and their norm over this process. A gradient holding NaN or
// Inf returns ErrNonFinite and changes nothing; a zero gradient does not
// perturb.
func (o *Optimizer[T]) Ascend() error { return o.ascend(o.LocalSumSq()) }

// AscendGlobal is Ascend with the squared norm given: the all-reduced sum
// of every replica's LocalSumSq.
func (o *Optimizer[T]) AscendGlobal(sumSq float64) error { return o.ascend(sumSq) }

func (o *Optimizer[T]) ascend(sumSq float64) error {
	if o.phase == ascended {
		return fmt.Errorf("%w: Ascend twice without Descend or Accumulate", ErrPhase)
	}
	if math.IsNaN(sumSq) || math.IsInf(sumSq, 0) || sumSq < 0 {
		return fmt.Errorf("sam: %w in the squared gradient norm %v", ErrNonFinite, sumSq)
	}
	factor := 1.0
	if o.cfg.RhoSchedule != nil {
		factor = max(0, o.cfg.RhoSchedule(o.step))
		if math.IsNaN(factor) || math.IsInf(factor, 0) {
			return fmt.Errorf("sam: RhoSchedule(%d) = %v", o.step, factor)
		}
	}
	norm := math.Sqrt(sumSq)
	for k, g := range o.groups {
		s := &o.st[k]
		rho := o.cfg.Rho
		if g.Custom {
			rho = g.Rho
		}
		rho *= factor
		var scale float64
		switch o.cfg.Perturbation {
		case SAM, ASAM, AscentGD:
			if sumSq > 0 {
				scale = rho / (norm + o.cfg.Eps)
			}
		case USAM:
			scale = rho
		}
		switch {
		case scale == 0:
			copy(s.saved, g.Params) // no perturbation: keep w bit for bit
		case o.cfg.Perturbation == ASAM:
			o.ops.asamPerturbSave(g.Params, g.Grads, s.saved, o.cfg.ASAMEta, scale)
		default:
			o.ops.perturbSave(g.Params, g.Grads, s.saved, scale)
		}
		if o.cfg.Perturbation == AscentGD {
			if s.g0 == nil {
				s.g0 = make([]T, len(g.Grads))
			}
			copy(s.g0, g.Grads)
		}
	}
	o.gnorm, o.rho = norm, factor
	o.phase = ascended
	return nil
}

// Accumulate adds the gradient at the perturbed weights to the m-SAM sum
// and restores the weights, ready for the next micro-batch's gradient and
// Ascend. A non-finite gradient abandons the whole step: the weights are
// restored, the sum is dropped, and ErrNonFinite is returned.
func (o *Optimizer[T]) Accumulate() error {
	if o.phase != ascended {
		return fmt.Errorf("%w: Accumulate without Ascend", ErrPhase)
	}
	if o.cfg.Perturbation == AscentGD {
		return fmt.Errorf("%w: AscentGD does not accumulate micro-batches", ErrPhase)
	}
	if err := o.checkGrads(); err != nil {
		o.abandon()
		return err
	}
	for k, g := range o.groups {
		s := &o.st[k]
		if o.nAcc == 0 {
			if s.acc == nil {
				s.acc = make([]T, len(g.Grads))
			}
			copy(s.acc, g.Grads)
		} else {
			o.ops.axpy(1, g.Grads, s.acc)
		}
		copy(g.Params, s.saved)
	}
	o.nAcc++
	o.phase = accumulated
	return nil
}

// Descend restores the weights saved by Ascend and applies the base update
// to them with the gradient now in Grads (after Accumulate: the mean of the
// accumulated gradients). A non-finite gradient restores the saved weights,
// leaves the optimizer's state and step count as they were, and returns
// ErrNonFinite: the step did not happen.
func (o *Optimizer[T]) Descend() error {
	switch o.phase {
	case idle:
		return fmt.Errorf("%w: Descend without Ascend", ErrPhase)
	case ascended:
		if o.nAcc > 0 {
			return fmt.Errorf("%w: Descend after Ascend without Accumulate in an m-SAM step", ErrPhase)
		}
	}
	grads := make([][]T, len(o.groups))
	if o.phase == accumulated {
		var sum float64
		for k := range o.groups {
			grads[k] = o.st[k].acc
			o.ops.scale(1/float64(o.nAcc), grads[k])
			sum += o.ops.sumSq(grads[k])
		}
		if math.IsNaN(sum) || math.IsInf(sum, 0) {
			o.abandon()
			return fmt.Errorf("sam: %w in the mean of the micro-batch gradients", ErrNonFinite)
		}
	} else {
		if err := o.checkGrads(); err != nil {
			o.abandon()
			return err
		}
		for k, g := range o.groups {
			grads[k] = g.Grads
		}
	}
	if o.cfg.Perturbation == AscentGD {
		var err error
		if grads, err = o.ascentDirection(grads); err != nil {
			o.abandon()
			return err
		}
	}
	for k, g := range o.groups {
		s := &o.st[k]
		wd := 0.0
		if c := o.cfg.SGD; c != nil {
			wd = c.WeightDecay
		} else {
			wd = o.cfg.AdamW.WeightDecay
		}
		if g.Custom {
			wd = g.WeightDecay
		}
		if c := o.cfg.SGD; c != nil {
			l2, dec := wd, 0.0
			if c.Decoupled {
				l2, dec = 0, wd
			}
			o.ops.sgd(g.Params, s.saved, grads[k], s.m, c.LR, c.Momentum, l2, dec, c.Nesterov)
		} else {
			a := o.cfg.AdamW
			o.ops.adamW(g.Params, s.saved, grads[k], s.m, s.v, a.LR, a.Beta1, a.Beta2, a.Eps, wd, o.step+1)
		}
	}
	o.step++
	o.phase, o.nAcc = idle, 0
	return nil
}

// ascentDirection turns the gradient g̃ at w̃ = w + ρn into AscentGD's
// direction g̃ + (ρ/‖g‖)·H(w)·(I − n nᵀ)·g̃, evaluating H at the saved w.
func (o *Optimizer[T]) ascentDirection(gt [][]T) ([][]T, error) {
	if o.gnorm == 0 {
		return gt, nil // no perturbation was made: L_Asc = L here
	}
	// n·g̃ with n = g0/‖g0‖, over every group.
	var ng float64
	for k := range o.groups {
		ng += o.ops.dot(o.st[k].g0, gt[k])
	}
	c := ng / (o.gnorm * o.gnorm)
	q, h := make([][]T, len(o.groups)), make([][]T, len(o.groups))
	for k, g := range o.groups {
		s := &o.st[k]
		if s.q == nil {
			s.q, s.h = make([]T, len(g.Params)), make([]T, len(g.Params))
		}
		copy(s.q, gt[k])
		o.ops.axpy(-c, s.g0, s.q)
		copy(g.Params, s.saved) // the Hessian is taken at w
		q[k], h[k] = s.q, s.h
	}
	if err := o.cfg.HVP(h, q); err != nil {
		return nil, fmt.Errorf("sam: HVP: %w", err)
	}
	var hh float64
	for k := range h {
		hh += o.ops.sumSq(h[k])
	}
	if math.IsNaN(hh) || math.IsInf(hh, 0) {
		return nil, fmt.Errorf("sam: %w in the Hessian-vector product", ErrNonFinite)
	}
	factor := o.rho
	for k, g := range o.groups {
		rho := o.cfg.Rho
		if g.Custom {
			rho = g.Rho
		}
		// h ← g̃ + (ρ/‖g‖)·h: the direction, in the HVP buffer.
		o.ops.scale(rho*factor/o.gnorm, h[k])
		o.ops.axpy(1, gt[k], h[k])
	}
	return h, nil
}

// checkGrads returns ErrNonFinite if any gradient holds NaN or Inf.
func (o *Optimizer[T]) checkGrads() error {
	var s float64
	for _, g := range o.groups {
		s += o.ops.sumSq(g.Grads)
	}
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return fmt.Errorf("sam: %w in the squared gradient norm %v", ErrNonFinite, s)
	}
	return nil
}

// abandon restores the saved weights, if a step is in progress, and forgets
// the step.
func (o *Optimizer[T]) abandon() {
	if o.phase != idle {
		for k, g := range o.groups {
			copy(g.Params, o.st[k].saved)
		}
	}
	o.phase, o.nAcc = idle, 0
}

// Step takes one step with a gradient closure: grad must write ∇L at the
// current weights into the groups' Grads. It is called twice (once with
// NoPerturbation). If grad fails, the weights are restored and its error
// returned.
func (o *Optimizer[T]) Step(grad func() error) error {
	if o.phase != idle {
		return fmt.Errorf("%w: Step during a two-phase step", ErrPhase)
	}
	if err := grad(); err != nil {
		return err
	}
	if err := o.Ascend(); err != nil {
		return err
	}
	if o.cfg.Perturbation != NoPerturbation {
		if err := grad(); err != nil {
			o.abandon()
			return err
		}
	}
	return o.Descend()
}

// StepMicro takes one m-SAM step over m micro-batches: grad(k) must write
// the gradient of micro-batch k at the current weights into Grads. Each
// micro-batch is perturbed along its own gradient from the same weights;
// the update uses the mean of the perturbed gradients. With micro-batches
// of one sample it is the paper's 1-SAM.
func (o *Optimizer[T]) StepMicro(m int, grad func(k int) error) error {
	if m < 1 {
		return fmt.Errorf("sam: StepMicro with m = %d", m)
	}
	if o.phase != idle {
		return fmt.Errorf("%w: StepMicro during a two-phase step", ErrPhase)
	}
	for k := range m {
		if err := grad(k); err != nil {
			o.abandon()
			return err
		}
		if err := o.Ascend(); err != nil {
			o.abandon()
			return err
		}
		if err := grad(k); err != nil {
			o.abandon()
			return err
		}
		if err := o.Accumulate(); err != nil {
			return err
		}
	}
	return o.Descend()
}
