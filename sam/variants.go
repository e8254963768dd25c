package sam

import "math"

// The variants' decisions and the scalars they hand the fused kernels
// (kernels/variants.go), each documented by the formula of its
// Perturbation's doc comment; the plain loops left are for rare paths.

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

// gsamDirection returns GSAM's direction g_p − α·(g − c·g_p) =
// (1 + α·c)·g_p − α·g with c = gᵀg_p/‖g_p‖² (0 when g_p = 0), g_p
// Descend's gradient (of norm norm, and dot = gᵀg_p) and g the one Ascend
// kept. With α = 0 it is g_p, exactly SAM.
func (o *Optimizer[T]) gsamDirection(norm, dot float64) direction[T] {
	alpha := o.cfg.GSAM.Alpha
	if alpha == 0 {
		return direction[T]{a: 1, n: norm}
	}
	c := 0.0
	if norm > 0 {
		c = dot / norm / norm
	}
	return direction[T]{a: 1 + alpha*c, b: -alpha, g2: o.g0s, n: -1}
}

// lookDirection is LookSAM's Descend. On a SAM step it keeps
// g_v = g_s − c·g (c = gᵀg_s/‖g‖², g_v = 0 without a perturbation) with its
// squared norm, and the direction is g_s itself; between SAM steps the
// direction is g + α·(‖g‖/‖g_v‖)·g_v. grads are Descend's gradients, of
// norm norm; on a SAM step dot = gᵀg_s.
func (o *Optimizer[T]) lookDirection(grads [][]T, norm, dot float64) direction[T] {
	opt := o.cfg.LookSAM
	plain := direction[T]{a: 1, n: norm}
	if !o.reuse {
		if opt.K == 1 {
			return plain // every step is SAM: nothing to keep
		}
		c := 0.0
		if o.gnorm > 0 {
			c = dot / o.gnorm / o.gnorm
		}
		var gv2 float64
		for k := range o.groups {
			s := &o.st[k]
			if o.gnorm > 0 {
				gv2 += o.ops.combineSumSq(s.gv, grads[k], s.g0, 1, -c)
			} else {
				clear(s.gv)
			}
		}
		o.lookGv2, o.lookValid = gv2, true
		return plain
	}
	if opt.Alpha == 0 || o.lookGv2 == 0 || norm == 0 {
		return plain
	}
	f := opt.Alpha * norm / math.Sqrt(o.lookGv2)
	return direction[T]{a: 1, b: f, g2: o.gvs, n: -1}
}

// wsamDirection returns WSAM's direction. Decoupled, it is the gradient g
// at w, with the sharpness term −lr·γ/(1−γ)·(g̃ − g) after the base step;
// coupled, γ/(1−γ)·g̃ + (1−2γ)/(1−γ)·g, which is g̃ itself at γ = 1/2 and g
// at γ = 0. g̃ is in grads, of norm norm.
func (o *Optimizer[T]) wsamDirection(grads [][]T, norm float64) direction[T] {
	gamma := o.cfg.WSAM.Gamma
	coupled := o.cfg.WSAM.Coupled
	switch {
	case coupled && gamma == 0.5:
		return direction[T]{a: 1, n: norm}
	case !coupled || gamma == 0:
		d := direction[T]{a: 1, n: -1}
		if !coupled && gamma != 0 {
			d.g2 = o.gradsG
			d.c = -gamma / (1 - gamma)
		}
		for k := range o.groups {
			grads[k] = o.st[k].g0
		}
		return d
	default:
		return direction[T]{a: gamma / (1 - gamma), b: (1 - 2*gamma) / (1 - gamma),
			g2: o.g0s, n: -1}
	}
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
