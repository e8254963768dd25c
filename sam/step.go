package sam

import (
	"fmt"
	"math"
)

// AscendNeedsGradient reports whether Ascend reads the gradient at the
// current weights, which the trainer must then write into Grads first. It
// is true for every perturbation but MSAM, whose perturbation comes from
// the momentum and whose only gradient is taken after Ascend. A generic
// training loop:
//
//	if opt.AscendNeedsGradient() {
//		backward() // ∇L(w) into Grads
//	}
//	again, err := opt.Ascend()
//	if again {
//		backward() // ∇L at the perturbed weights into Grads
//	}
//	err = opt.Descend()
func (o *Optimizer[T]) AscendNeedsGradient() bool { return o.cfg.Perturbation != MSAM }

// LocalSumSq returns this process's share of the squared norm that the
// perturbation divides by, accumulated in float64: Σ g² over every group
// (ASAM: Σ (T·g)²; MSAM: Σ m², the momentum; FSAM: Σ (g − σ·m)², m the
// gradients' average). All-reduce it (sum) across replicas and pass the
// result to AscendGlobal. In float64 it overflows to +Inf once the norm
// passes about 1.3e154 (Ascend, which sees every vector, rescales and does
// not); float32 gradients cannot overflow it.
func (o *Optimizer[T]) LocalSumSq() float64 {
	if o.cfg.Perturbation == MSAM && o.mKnown {
		return o.mSumSq // the last update pass summed the momentum's squares
	}
	var s float64
	for k, g := range o.groups {
		switch {
		case o.cfg.Perturbation == ASAM && !g.ASAMUnscaled:
			s += o.ops.asamSumSq(g.Params, g.Grads, o.eta)
		case o.cfg.Perturbation == MSAM:
			s += o.ops.sumSq(o.st[k].m)
		case o.fsamDiff():
			s += o.ops.diffSumSq(g.Grads, o.st[k].ema, o.cfg.FSAM.Sigma)
		default:
			s += o.ops.sumSq(g.Grads)
		}
	}
	return s
}

// fsamDiff reports whether FSAM perturbs along d = g − σ·m rather than g.
func (o *Optimizer[T]) fsamDiff() bool {
	return o.cfg.Perturbation == FSAM && o.fsamInit && o.cfg.FSAM.Sigma != 0
}

// ascentVecs returns, per group, the vector the perturbation's norm is
// taken of, when it is not ASAM's T·g: the gradient, MSAM's momentum, or
// FSAM's d (which it computes into dir).
func (o *Optimizer[T]) ascentVecs() [][]T {
	for k, g := range o.groups {
		s := &o.st[k]
		switch {
		case o.cfg.Perturbation == MSAM:
			o.grads[k] = s.m
		case o.fsamDiff():
			if s.dir == nil {
				s.dir = make([]T, len(g.Grads)) // the rare overflow path allocates
			}
			fsamDir(s.dir, g.Grads, s.ema, o.cfg.FSAM.Sigma)
			o.grads[k] = s.dir
		default:
			o.grads[k] = g.Grads
		}
	}
	return o.grads
}

// localNorm returns the global norm the perturbation divides by, over this
// process, without overflow: one pass, and scaled ones only when the
// squares overflow.
func (o *Optimizer[T]) localNorm() float64 {
	if o.cfg.Perturbation == MSAM && o.mKnown {
		return math.Sqrt(o.mSumSq)
	}
	if o.fsamDiff() {
		// ‖g − σ·m‖ without writing d (FSAMPerturb forms it again); d
		// goes to dir only when the squares overflow.
		if s := o.LocalSumSq(); !math.IsInf(s, 1) {
			return math.Sqrt(s)
		}
	}
	if o.cfg.Perturbation != ASAM {
		return o.normOf(o.ascentVecs())
	}
	s := o.LocalSumSq()
	if !math.IsInf(s, 1) {
		return math.Sqrt(s)
	}
	// The sum overflowed (or a gradient is infinite: then so is a norm);
	// the rare path allocates.
	norms := make([]float64, len(o.groups))
	big := 0.0
	for k, g := range o.groups {
		if !g.ASAMUnscaled {
			norms[k] = asamNormScaled(g.Params, g.Grads, o.eta)
		} else {
			norms[k] = o.ops.norm(g.Grads)
		}
		if !finite(norms[k]) {
			return norms[k]
		}
		big = max(big, norms[k])
	}
	var q float64
	for _, n := range norms {
		q += (n / big) * (n / big)
	}
	return big * math.Sqrt(q)
}

// Ascend saves the weights and perturbs them, using the gradients in the
// groups' Grads (MSAM: the momentum) and their norm over this process. It
// reports whether Descend wants the gradient at the perturbed weights: if
// so, write it into Grads before Descend; if not (NoPerturbation, a LookSAM
// step between its SAM steps, an AESAM base step), Descend uses the
// gradient already in Grads. A gradient holding NaN or Inf returns
// ErrNonFinite and changes nothing; a zero gradient does not perturb; any
// finite gradient works, however large.
func (o *Optimizer[T]) Ascend() (again bool, err error) {
	return o.ascend(o.localNorm(), true)
}

// AscendGlobal is Ascend with the squared norm given: the all-reduced sum
// of every replica's LocalSumSq. Every replica then makes the same decision
// (AESAM's, LookSAM's), so they all ask for a second gradient or none do.
func (o *Optimizer[T]) AscendGlobal(sumSq float64) (again bool, err error) {
	if math.IsInf(sumSq, 1) {
		return false, fmt.Errorf("sam: %w: the all-reduced squared gradient norm is +Inf (a gradient is infinite, or the squares overflowed float64)", ErrNonFinite)
	}
	return o.ascend(math.Sqrt(sumSq), false)
}

func (o *Optimizer[T]) ascend(norm float64, local bool) (bool, error) {
	if o.phase == ascended {
		return false, fmt.Errorf("%w: Ascend twice without Descend or Accumulate", ErrPhase)
	}
	p := o.cfg.Perturbation
	if !finite(norm) {
		what := "gradient norm"
		if !local {
			what = "all-reduced squared gradient norm"
		}
		return false, fmt.Errorf("sam: %w in the %s", ErrNonFinite, what)
	}
	rhoF, err := o.schedule("RhoSchedule", o.cfg.RhoSchedule)
	if err != nil {
		return false, err
	}
	lrF, err := o.schedule("LRSchedule", o.cfg.LRSchedule)
	if err != nil {
		return false, err
	}
	if p == GSAM && o.cfg.GSAM.Couple {
		rhoF = o.gsamRhoFactor(o.lr * lrF)
	}
	// Which kind of step this is.
	o.reuse = p == LookSAM && o.lookValid && o.step%o.cfg.LookSAM.K != 0
	o.skip = false
	if p == AESAM {
		o.skip = !o.aeDecide(norm * norm)
	}
	perturb := p != NoPerturbation && !o.reuse && !o.skip
	// ZeroGrads clears Grads in the pass that reads them last, when
	// Descend will read a second gradient instead. (MSAM's Ascend reads
	// no gradient: its Grads stay.)
	zero := o.cfg.ZeroGrads && perturb && p != MSAM
	for k, g := range o.groups {
		s := &o.st[k]
		rho := g.Rho.Or(o.rho) * rhoF
		var scale float64
		if perturb {
			switch p {
			case USAM:
				scale = rho
			case MSAM:
				if norm > 0 {
					scale = -rho / (norm + o.eps) // along −m
				}
			default:
				if norm > 0 {
					scale = rho / (norm + o.eps)
				}
			}
		}
		// The gradient at w, for a Descend that needs it, kept in the
		// perturbation's pass.
		var keep []T
		if s.g0 != nil && perturb && !(p == LookSAM && o.cfg.LookSAM.K == 1) {
			keep = s.g0
		}
		s.unsaved = scale == 0
		switch {
		case scale == 0:
			// No perturbation: w stays bit for bit and is its own saved
			// copy, which saves a pass.
			if keep != nil {
				copy(keep, g.Grads)
			}
			if p == FSAM {
				fsamUpdate(s.ema2, s.ema, g.Grads, o.cfg.FSAM.Lambda, o.fsamInit)
			}
			if zero {
				clear(g.Grads)
			}
		case p == ASAM && !g.ASAMUnscaled:
			o.ops.asamPerturb(g.Params, g.Grads, s.saved, keep, o.eta, scale, zero)
		case p == MSAM:
			o.ops.perturb(g.Params, s.m, s.saved, nil, scale, false)
		case p == FSAM:
			// Along d = g − σ·m, and the next average λ·m + (1−λ)·g, in
			// one pass; before the average starts, along g (σ = 0: exactly
			// SAM) and the average starts at g (λ = 0).
			sigma, lambda := o.cfg.FSAM.Sigma, o.cfg.FSAM.Lambda
			if !o.fsamInit {
				sigma, lambda = 0, 0
			}
			o.ops.fsamPerturb(g.Params, g.Grads, s.ema, s.saved, s.ema2, scale, sigma, lambda, zero)
		default:
			o.ops.perturb(g.Params, g.Grads, s.saved, keep, scale, zero)
		}
	}
	again := perturb || p == MSAM
	o.gnorm, o.rhoF, o.lrF = norm, rhoF, lrF
	if !perturb {
		o.rhoF = 0
	}
	o.phase = ascended
	return again, nil
}

// gradsFinite reports whether every gradient in Grads is finite, for the
// perturbations whose norm is not that of Grads.
func (o *Optimizer[T]) gradsFinite() bool {
	for k, g := range o.groups {
		o.grads[k] = g.Grads
	}
	return finite(o.normOf(o.grads))
}

// Accumulate adds the gradient at the perturbed weights to the m-SAM sum
// and restores the weights, ready for the next micro-batch's gradient and
// Ascend. Only SAM, USAM and ASAM accumulate micro-batches. A non-finite
// gradient abandons the whole step: the weights are restored, the sum is
// dropped, and ErrNonFinite is returned.
func (o *Optimizer[T]) Accumulate() error {
	if o.phase != ascended {
		return fmt.Errorf("%w: Accumulate without Ascend", ErrPhase)
	}
	switch p := o.cfg.Perturbation; p {
	case SAM, USAM, ASAM:
	default:
		return fmt.Errorf("%w: %v does not accumulate micro-batches", ErrPhase, p)
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
		s.restore(g.Params)
		if o.cfg.ZeroGrads {
			clear(g.Grads)
		}
	}
	o.nAcc++
	o.phase = accumulated
	return nil
}

// Descend restores the weights saved by Ascend and applies the base update
// to them, with the direction the perturbation defines (after Accumulate:
// the mean of the accumulated gradients), clipped to Config.ClipNorm if
// set. A non-finite gradient restores the saved weights, leaves the
// optimizer's state and step count as they were, and returns ErrNonFinite:
// the step did not happen. Clipping scales the direction inside the
// update pass; Grads are not written (unless Config.ZeroGrads).
func (o *Optimizer[T]) Descend() error {
	switch o.phase {
	case idle:
		return fmt.Errorf("%w: Descend without Ascend", ErrPhase)
	case ascended:
		if o.nAcc > 0 {
			return fmt.Errorf("%w: Descend after Ascend without Accumulate in an m-SAM step", ErrPhase)
		}
	}
	grads := o.grads
	micro := o.phase == accumulated
	for k, g := range o.groups {
		if micro {
			grads[k] = o.st[k].acc
			o.ops.scale(1/float64(o.nAcc), grads[k])
		} else {
			grads[k] = g.Grads
		}
	}
	norm, dot := o.descendNorm(grads)
	if !finite(norm) {
		o.abandon()
		if micro {
			return fmt.Errorf("sam: %w in the mean of the micro-batch gradients", ErrNonFinite)
		}
		return fmt.Errorf("sam: %w in the gradient", ErrNonFinite)
	}
	// The direction is a·grads[k] + b·g2[k], formed inside the update
	// pass (see direction).
	d := direction[T]{a: 1, n: norm}
	var err error
	switch o.cfg.Perturbation {
	case AscentGD:
		d.n, err = o.ascentDirection(grads)
	case GSAM:
		d = o.gsamDirection(norm, dot)
	case LookSAM:
		d = o.lookDirection(grads, norm, dot)
	case WSAM:
		d = o.wsamDirection(grads, norm)
	}
	if err != nil {
		o.abandon()
		return err
	}
	if c := o.cfg.ClipNorm; c > 0 {
		if d.b != 0 {
			// The combined direction's norm is needed before the update:
			// one pass forms the direction into dir.
			var ss float64
			for k := range grads {
				dir := o.st[k].dir
				ss += o.ops.combineSumSq(dir, grads[k], d.g2[k], d.a, d.b)
				grads[k] = dir
			}
			// (A combination has no decoupled term: c = 0.)
			d.a, d.b, d.g2, d.n = 1, 0, nil, math.Sqrt(ss)
			if math.IsInf(ss, 1) {
				d.n = o.normOf(grads)
			}
		}
		if d.n < 0 {
			d.n = o.normOf(grads)
		}
	}
	o.clip = 1
	if c := o.cfg.ClipNorm; c > 0 && d.n > c {
		o.clip = c / d.n
	}
	// Nothing below can fail: the step happens.
	lr := o.lr * o.lrF
	a, b := d.a*o.clip, d.b*o.clip
	var mss float64
	for k, g := range o.groups {
		s := &o.st[k]
		lrk := lr * g.LRScale.Or(1)
		var g2 []T
		var sharp float64 // decoupled WSAM's last term, for this group's rate
		if d.g2 != nil {
			g2 = d.g2[k]
			sharp = d.c * lrk
		}
		// ZeroGrads zeroes Grads in the update pass when the pass reads
		// them, and otherwise after it (m-SAM's Accumulate already did).
		zg := o.cfg.ZeroGrads && same(grads[k], g.Grads)
		zg2 := o.cfg.ZeroGrads && g2 != nil && same(g2, g.Grads)
		if c := o.cfg.SGD; c != nil {
			wd := g.WeightDecay.Or(c.WeightDecay)
			l2, dec := wd, 0.0
			if c.Decoupled {
				l2, dec = 0, wd
			}
			mss += o.ops.sgdStep(g.Params, s.savedOf(g.Params), grads[k], g2, a, b, sharp, s.m, lrk, c.Momentum, l2, dec, c.Nesterov, zg, zg2)
		} else {
			aw := o.cfg.AdamW
			wd := g.WeightDecay.Or(aw.WeightDecay)
			mss += o.ops.adamWStep(g.Params, s.savedOf(g.Params), grads[k], g2, a, b, sharp, s.m, s.v, lrk, aw.Beta1, aw.Beta2, aw.Eps, wd, o.step+1, zg, zg2)
		}
		if o.cfg.ZeroGrads && !micro && !zg && !zg2 {
			clear(g.Grads)
		}
	}
	o.mSumSq, o.mKnown = mss, !math.IsInf(mss, 1)
	o.commitVariant()
	o.step++
	o.phase, o.nAcc = idle, 0
	return nil
}

// commitVariant makes the state a successful step leaves: FSAM's new
// average, AESAM's new moments.
func (o *Optimizer[T]) commitVariant() {
	switch o.cfg.Perturbation {
	case FSAM:
		for k := range o.st {
			s := &o.st[k]
			s.ema, s.ema2 = s.ema2, s.ema
		}
		o.fsamInit = true
	case AESAM:
		o.aeMu, o.aeVar = o.aeMuNew, o.aeVarNew
	}
}

// ascentDirection turns the gradient g̃ at w̃ = w + ρn (in gt) into
// AscentGD's direction g̃ + (ρ/‖g‖)·H(w)·(I − n nᵀ)·g̃, evaluating H at the
// saved w, and returns its norm. The direction goes to the h buffers, which
// replace the entries of gt.
func (o *Optimizer[T]) ascentDirection(gt [][]T) (float64, error) {
	if o.gnorm == 0 {
		// No perturbation was made: L_Asc = L here.
		return o.normOf(gt), nil
	}
	// n·g̃ with n = g0/‖g0‖, over every group.
	var ng float64
	for k := range o.groups {
		ng += o.ops.dot(o.st[k].g0, gt[k])
	}
	c := ng / o.gnorm / o.gnorm
	for k, g := range o.groups {
		s := &o.st[k]
		copy(s.gt, gt[k]) // the HVP may overwrite Grads
		copy(s.q, gt[k])
		o.ops.axpy(-c, s.g0, s.q)
		s.restore(g.Params) // the Hessian is taken at w
	}
	hv := o.hbuf
	if err := o.cfg.HVP(hv, o.qbuf); err != nil {
		return 0, fmt.Errorf("sam: Config.HVP: %w", err)
	}
	var hh float64
	for k := range hv {
		hh += o.ops.sumSq(hv[k])
	}
	if !finite(hh) {
		return 0, fmt.Errorf("sam: %w in the Hessian-vector product", ErrNonFinite)
	}
	for k, g := range o.groups {
		rho := g.Rho.Or(o.rho) * o.rhoF
		// h ← g̃ + (ρ/‖g‖)·h: the direction, in the HVP buffer.
		o.ops.scale(rho/o.gnorm, hv[k])
		o.ops.axpy(1, o.st[k].gt, hv[k])
		gt[k] = hv[k]
	}
	return o.normOf(gt), nil
}

// normOf returns the global norm of the vectors vs: NaN or Inf if one of
// them holds NaN or Inf, finite for finite vectors however large (a float64
// sum of squares that overflows is redone with Norm's scaling).
func (o *Optimizer[T]) normOf(vs [][]T) float64 {
	var s float64
	for _, v := range vs {
		s += o.ops.sumSq(v)
	}
	if !math.IsInf(s, 1) {
		return math.Sqrt(s)
	}
	big := 0.0
	for _, v := range vs {
		n := o.ops.norm(v)
		if !finite(n) {
			return n
		}
		big = max(big, n)
	}
	var q float64
	for _, v := range vs {
		n := o.ops.norm(v) / big
		q += n * n
	}
	return big * math.Sqrt(q)
}

// checkGrads returns ErrNonFinite if any gradient in Grads holds NaN or
// Inf.
func (o *Optimizer[T]) checkGrads() error {
	if !o.gradsFinite() {
		return fmt.Errorf("sam: %w in the gradient", ErrNonFinite)
	}
	return nil
}

// abandon restores the saved weights, if a step is in progress, and forgets
// the step; the variants' tentative state is dropped with it.
func (o *Optimizer[T]) abandon() {
	if o.phase != idle {
		for k, g := range o.groups {
			o.st[k].restore(g.Params)
		}
	}
	o.phase, o.nAcc = idle, 0
}

// Step takes one step with a gradient closure: grad must write ∇L at the
// current weights into the groups' Grads. It is called twice, or once when
// the step needs one gradient (NoPerturbation, MSAM, LookSAM between its SAM
// steps, AESAM's base steps). If grad fails, the weights are restored and
// its error returned.
func (o *Optimizer[T]) Step(grad func() error) error {
	if o.phase != idle {
		return fmt.Errorf("%w: Step during a two-phase step", ErrPhase)
	}
	if o.AscendNeedsGradient() {
		if err := grad(); err != nil {
			return err
		}
	}
	again, err := o.Ascend()
	if err != nil {
		return err
	}
	if again {
		if err := grad(); err != nil {
			o.abandon()
			return err
		}
	}
	return o.Descend()
}

// StepMicro takes one m-SAM step over the micro-batches batches: for each
// one, grad(batch) must write the gradient of that micro-batch's loss at the
// current weights into Grads. It is called twice per micro-batch with the
// same samples, first at w and then at w perturbed along that gradient, so
// the samples a perturbation is made from are the samples its gradient is
// taken on (the closure must not draw its own). The update uses the mean of
// the perturbed gradients. With micro-batches of one sample each it is the
// paper's 1-SAM; draw the batches with a seeded generator to reproduce a run.
// Only SAM, USAM and ASAM take micro-batches.
func (o *Optimizer[T]) StepMicro(batches [][]int, grad func(batch []int) error) error {
	if len(batches) == 0 {
		return invalid("StepMicro with no micro-batches")
	}
	if o.phase != idle {
		return fmt.Errorf("%w: StepMicro during a two-phase step", ErrPhase)
	}
	switch p := o.cfg.Perturbation; p {
	case SAM, USAM, ASAM:
	default:
		return fmt.Errorf("%w: %v does not take micro-batches", ErrPhase, p)
	}
	for _, b := range batches {
		if err := grad(b); err != nil {
			o.abandon()
			return err
		}
		if _, err := o.Ascend(); err != nil {
			o.abandon()
			return err
		}
		if err := grad(b); err != nil {
			o.abandon()
			return err
		}
		if err := o.Accumulate(); err != nil {
			return err
		}
	}
	return o.Descend()
}

// direction is the update direction a·g + b·g2 that Descend hands the
// base optimizer's pass, g being Descend's grads, with c·lr·(g2 − g) added
// after the base step (decoupled WSAM). n is its norm, or −1 when it is
// not known: a combination (b ≠ 0), whose norm clipping gets from a pass
// that forms it, or a direction whose norm only clipping would need.
type direction[T Float] struct {
	a, b, c float64
	g2      [][]T
	n       float64
}

// same reports whether x and y are the same vector.
func same[T Float](x, y []T) bool {
	return len(x) > 0 && len(y) > 0 && &x[0] == &y[0]
}

// savedOf returns the weights saved before the perturbation: w itself when
// the group was not perturbed.
func (s *groupState[T]) savedOf(w []T) []T {
	if s.unsaved {
		return w
	}
	return s.saved
}

// restore puts the saved weights back into w.
func (s *groupState[T]) restore(w []T) {
	if !s.unsaved {
		copy(w, s.saved)
	}
}

// descendNorm returns the norm of Descend's gradients grads and, when GSAM
// or a LookSAM SAM step will need it, their dot product with the kept
// gradient g0, from the same pass.
func (o *Optimizer[T]) descendNorm(grads [][]T) (norm, dot float64) {
	p := o.cfg.Perturbation
	if !(p == GSAM && o.cfg.GSAM.Alpha != 0) && !(p == LookSAM && !o.reuse && o.cfg.LookSAM.K != 1) {
		return o.normOf(grads), 0
	}
	var ss float64
	for k := range grads {
		xy, xx := o.ops.dotSumSq(grads[k], o.st[k].g0)
		dot += xy
		ss += xx
	}
	if math.IsInf(ss, 1) {
		return o.normOf(grads), dot // the squares overflowed: scaled
	}
	return math.Sqrt(ss), dot
}
