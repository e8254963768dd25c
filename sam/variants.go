package sam

import "math"

// The variants' arithmetic beyond the fused kernels: plain loops over the
// vectors, each documented by the formula of its Perturbation's doc
// comment, accumulating in float64 and rounding once to T.

// gsamRhoFactor returns GSAM's coupled radius at the learning rate lr as a
// multiplier of the base ρ (ρ_max): (ρ_min + (ρ_max − ρ_min)·(lr − lr_min)/
// (lr_max − lr_min))/ρ_max, clamped at 0; with lr_max = lr_min, 1.
func (o *Optimizer[T]) gsamRhoFactor(lr float64) float64 {
	g := o.cfg.GSAM
	if o.rho == 0 {
		return 0
	}
	if g.LRMax == g.LRMin {
		return 1
	}
	rho := g.RhoMin + (o.rho-g.RhoMin)*(lr-g.LRMin)/(g.LRMax-g.LRMin)
	return max(0, rho) / o.rho
}

// gsamDirection sets each group's direction to g_p − α·(g − c·g_p) =
// (1 + α·c)·g_p − α·g with c = gᵀg_p/‖g_p‖² (0 when g_p = 0), g_p the
// gradient in grads and g the one Ascend kept, and returns its norm. With
// α = 0 it leaves g_p, exactly SAM.
func (o *Optimizer[T]) gsamDirection(grads [][]T, norm float64) float64 {
	alpha := o.cfg.GSAM.Alpha
	if alpha == 0 {
		return norm
	}
	var dot float64
	for k := range o.groups {
		dot += o.ops.dot(o.st[k].g0, grads[k])
	}
	c := 0.0
	if norm > 0 {
		c = dot / norm / norm
	}
	a := 1 + alpha*c
	for k := range o.groups {
		s := &o.st[k]
		combine(s.dir, a, grads[k], -alpha, s.g0)
		grads[k] = s.dir
	}
	return o.normOf(grads)
}

// lookDirection is LookSAM's Descend. On a SAM step it keeps
// g_v = g_s − c·g (c = gᵀg_s/‖g‖², g_v = 0 without a perturbation) with its
// squared norm, and the direction is g_s itself; between SAM steps the
// direction is g + α·(‖g‖/‖g_v‖)·g_v. It returns the direction's norm.
func (o *Optimizer[T]) lookDirection(grads [][]T, norm float64) float64 {
	opt := o.cfg.LookSAM
	if !o.reuse {
		if opt.K == 1 {
			return norm // every step is SAM: nothing to keep
		}
		c := 0.0
		if o.gnorm > 0 {
			var dot float64
			for k := range o.groups {
				dot += o.ops.dot(o.st[k].g0, grads[k])
			}
			c = dot / o.gnorm / o.gnorm
		}
		var gv2 float64
		for k := range o.groups {
			s := &o.st[k]
			if o.gnorm > 0 {
				gv2 += combine(s.gv, 1, grads[k], -c, s.g0)
			} else {
				clear(s.gv)
			}
		}
		o.lookGv2, o.lookValid = gv2, true
		return norm
	}
	if opt.Alpha == 0 || o.lookGv2 == 0 || norm == 0 {
		return norm
	}
	f := opt.Alpha * norm / math.Sqrt(o.lookGv2)
	for k := range o.groups {
		s := &o.st[k]
		combine(s.dir, 1, grads[k], f, s.gv)
		grads[k] = s.dir
	}
	return o.normOf(grads)
}

// wsamDirection sets WSAM's direction: decoupled, the gradient g at w (the
// sharpness term follows the base step, in Descend); coupled,
// γ/(1−γ)·g̃ + (1−2γ)/(1−γ)·g, which is g̃ itself at γ = 1/2 and g at γ = 0.
// It returns the direction's norm.
func (o *Optimizer[T]) wsamDirection(grads [][]T) float64 {
	gamma := o.cfg.WSAM.Gamma
	coupled := o.cfg.WSAM.Coupled
	switch {
	case coupled && gamma == 0.5:
		// g̃ as it is.
	case !coupled || gamma == 0:
		for k := range o.groups {
			grads[k] = o.st[k].g0
		}
	default:
		a, b := gamma/(1-gamma), (1-2*gamma)/(1-gamma)
		for k := range o.groups {
			s := &o.st[k]
			combine(s.dir, a, grads[k], b, s.g0)
			grads[k] = s.dir
		}
	}
	return o.normOf(grads)
}

// wsamSharpness applies the decoupled sharpness term w −= c·(g̃ − g).
func wsamSharpness[T Float](w, gt, g []T, c float64) {
	for i := range w {
		w[i] = T(float64(w[i]) - c*(float64(gt[i])-float64(g[i])))
	}
}

// combine sets dst = a·x + b·y (each element rounded once) and returns
// Σ dst², in float64.
func combine[T Float](dst []T, a float64, x []T, b float64, y []T) float64 {
	var s float64
	for i := range dst {
		d := T(a*float64(x[i]) + b*float64(y[i]))
		dst[i] = d
		s += float64(d) * float64(d)
	}
	return s
}

// fsamSumSq returns Σ (g − σ·m)² in float64.
func fsamSumSq[T Float](g, m []T, sigma float64) float64 {
	var s float64
	for i := range g {
		d := float64(T(float64(g[i]) - sigma*float64(m[i])))
		s += d * d
	}
	return s
}

// fsamDir sets d = g − σ·m.
func fsamDir[T Float](d, g, m []T, sigma float64) {
	for i := range d {
		d[i] = T(float64(g[i]) - sigma*float64(m[i]))
	}
}

// fsamUpdate sets next = λ·m + (1−λ)·g, or g when the average has not
// started.
func fsamUpdate[T Float](next, m, g []T, lambda float64, started bool) {
	if !started {
		copy(next, g)
		return
	}
	for i := range next {
		next[i] = T(lambda*float64(m[i]) + (1-lambda)*float64(g[i]))
	}
}

// aeDecide updates AESAM's moments with the squared gradient norm n2 (into
// the tentative aeMuNew, aeVarNew, which Descend commits) and reports
// whether this step is a SAM step.
func (o *Optimizer[T]) aeDecide(n2 float64) bool {
	a := o.cfg.AESAM
	mu := a.Delta*o.aeMu + (1-a.Delta)*n2
	dev := n2 - mu
	v := a.Delta*o.aeVar + (1-a.Delta)*dev*dev
	o.aeMuNew, o.aeVarNew = mu, v
	switch a.Policy {
	case AEAlways:
		return true
	case AENever:
		return false
	}
	t := min(1, float64(o.step)/float64(a.Steps))
	c := t*a.Lambda1 + (1-t)*a.Lambda2
	return n2 >= mu+c*math.Sqrt(v)
}
