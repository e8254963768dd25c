package hessian

import (
	"fmt"
	"math"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// Groups is a trainer's model as it holds it: parameter groups, the
// buffers its backward pass writes the gradient into, and the closure that
// runs the forward and backward passes.
type Groups[T Float] struct {
	// Params and Grads are the groups; Grads[k] has the length of
	// Params[k]. No two of the slices may share memory.
	Params, Grads [][]T
	// Grad evaluates the loss at the current Params, writes its gradient
	// into Grads (overwriting, not adding) and returns the loss. It must
	// be a deterministic function of Params and must not change them.
	Grad func() (loss float64, err error)
	// HVP, if set, is the trainer's exact Hessian-vector product at the
	// current Params (an R-operator, such as models.MLP's): hv = H·v per
	// group. Then no finite differences are taken.
	HVP func(hv, v [][]T) error
}

// InPlace is the Hessian-vector product, and the rest of Point, of a
// trainer's model at the parameters it holds, computed in place: a product
// sets each group's Params to saved ± h·v̂ (formed in float64, rounded once
// to T), calls Grad for each side, and copies the saved parameters back, bit
// for bit. There is no second copy of the model and no flattening of it;
// the only vectors besides the trainer's own are the saved parameters, the
// gradient at the point and two flat float64 gradients. Products are
// checked as FDOptions describes, using the gradient at the point that
// NewInPlace and Reset evaluate.
//
// The point is the parameters at NewInPlace (or at the last Reset): call
// Reset after the trainer changes them. After any call, whatever its
// outcome (a failed check, an error or NaN from Grad), Params hold the
// point again; Grads hold whatever the last gradient evaluation wrote.
//
// An InPlace is a Point, a lanczos.Operator (Apply; a failed product
// writes NaN and Err says why), and through ConfigHVP the Config.HVP of
// sam's AscentGD. It is not safe for concurrent use, since it moves the
// trainer's parameters.
type InPlace[T Float] struct {
	g      Groups[T]
	n      int
	saved  [][]T
	eng    *fdEngine
	h      float64 // the step at the point
	loss0  float64
	g0     []float64 // ∇L at the point
	gp, gm []float64
	vg, hg [][]T // exact-HVP conversions

	err                error
	products, gradient int
}

// NewInPlace checks the groups and returns the products at their current
// parameters, which it saves, evaluating the loss and the gradient there
// once (see Reset). It returns an error for no groups, lengths that
// differ, slices that share memory, a nil Grad, invalid options, or a Grad
// that fails or returns NaN or Inf (the parameters are then as they were).
func NewInPlace[T Float](g Groups[T], opts *FDOptions) (*InPlace[T], error) {
	const fn = "hessian.NewInPlace"
	if len(g.Params) == 0 {
		return nil, fmt.Errorf("%s: no parameter groups", fn)
	}
	if len(g.Grads) != len(g.Params) {
		return nil, fmt.Errorf("%s: %d Grads for %d Params groups", fn, len(g.Grads), len(g.Params))
	}
	if g.Grad == nil {
		return nil, fmt.Errorf("%s: Groups.Grad is nil", fn)
	}
	n := 0
	for k := range g.Params {
		if len(g.Grads[k]) != len(g.Params[k]) {
			return nil, fmt.Errorf("%s: group %d: len(Grads) = %d, want len(Params) = %d", fn, k, len(g.Grads[k]), len(g.Params[k]))
		}
		n += len(g.Params[k])
	}
	if err := checkAliasing(fn, g.Params, g.Grads); err != nil {
		return nil, err
	}
	eng, err := newFDEngine("NewInPlace", opts, is32[T]())
	if err != nil {
		return nil, err
	}
	p := &InPlace[T]{g: g, n: n, eng: eng, g0: make([]float64, n), gp: make([]float64, n), gm: make([]float64, n)}
	p.saved = make([][]T, len(g.Params))
	for k, w := range g.Params {
		p.saved[k] = make([]T, len(w))
	}
	if err := p.Reset(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkAliasing returns an error naming the first two slices that share
// memory.
func checkAliasing[T Float](fn string, params, grads [][]T) error {
	type named struct {
		what string
		k    int
		s    []T
	}
	var all []named
	for k := range params {
		all = append(all, named{"Params", k, params[k]}, named{"Grads", k, grads[k]})
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if check.Overlap(all[i].s, all[j].s) {
				return fmt.Errorf("%s: %s[%d] and %s[%d] share memory", fn, all[i].what, all[i].k, all[j].what, all[j].k)
			}
		}
	}
	return nil
}

// Reset makes the trainer's current parameters the point: it saves them
// and evaluates the loss and the gradient there, for the error estimate and
// LossDiff. On error the parameters are as they were.
func (p *InPlace[T]) Reset() error {
	for k, w := range p.g.Params {
		copy(p.saved[k], w)
	}
	p.err = nil
	p.h = p.eng.step
	if p.h == 0 {
		var ss float64
		for _, w := range p.saved {
			x := norm(w)
			ss += x * x
		}
		scale := max(1, math.Sqrt(ss))
		if is32[T]() {
			p.h = 0x1p-8 * scale
		} else {
			p.h = sqrtU * scale
		}
	}
	l, err := p.evalAt(p.g0, 0, nil)
	p.restore()
	if err != nil {
		return err
	}
	if s := kernels.SumSq(p.g0); math.IsNaN(s) || math.IsInf(s, 0) {
		return fmt.Errorf("hessian: the gradient at the point holds %w", ErrNonFinite)
	}
	p.loss0 = l
	return nil
}

// Dim returns the number of parameters over all groups.
func (p *InPlace[T]) Dim() int { return p.n }

// Step returns the finite-difference step h at the point.
func (p *InPlace[T]) Step() float64 { return p.h }

// Counts returns the products made and the gradient evaluations spent
// since NewInPlace.
func (p *InPlace[T]) Counts() (products, gradients int) { return p.products, p.gradient }

// restore copies the saved point back into Params.
func (p *InPlace[T]) restore() {
	for k, w := range p.g.Params {
		copy(w, p.saved[k])
	}
}

// evalAt sets Params to saved + s·d (d flat; s = 0: the point itself),
// evaluates the gradient into out and returns the loss. It leaves Params
// moved; the caller restores them.
func (p *InPlace[T]) evalAt(out []float64, s float64, d []float64) (float64, error) {
	off := 0
	for k, w := range p.g.Params {
		sv := p.saved[k]
		if s == 0 {
			copy(w, sv)
		} else {
			dk := d[off : off+len(w)]
			for i := range w {
				w[i] = T(float64(sv[i]) + s*dk[i])
			}
		}
		off += len(w)
	}
	p.gradient++
	l, err := p.g.Grad()
	if err != nil {
		return l, fmt.Errorf("hessian: Groups.Grad: %w", err)
	}
	if !isFinite(l) {
		return l, fmt.Errorf("hessian: Groups.Grad returned a loss of %v: %w", l, ErrNonFinite)
	}
	off = 0
	for _, g := range p.g.Grads {
		for i, x := range g {
			out[off+i] = float64(x)
		}
		off += len(g)
	}
	return l, nil
}

// HVP writes H·v at the point into hv: the trainer's exact product if the
// groups have one, the checked central difference otherwise. Params are
// the point again afterwards, whatever happened.
func (p *InPlace[T]) HVP(hv, v []float64) error {
	check.Len2("hessian.InPlace.HVP", p.n, "hv", hv, "v", v)
	hv, v = hv[:p.n], v[:p.n]
	p.products++
	if p.g.HVP != nil {
		return p.exact(hv, v)
	}
	defer p.restore()
	return p.eng.product(hv, v, p.g0, p.gp, p.gm, p.h, func(out []float64, s float64) error {
		_, err := p.evalAt(out, s, v)
		return err
	})
}

// exact runs the trainer's product on v converted to groups of T.
func (p *InPlace[T]) exact(hv, v []float64) error {
	if p.vg == nil {
		p.vg, p.hg = make([][]T, len(p.saved)), make([][]T, len(p.saved))
		for k, w := range p.saved {
			p.vg[k], p.hg[k] = make([]T, len(w)), make([]T, len(w))
		}
	}
	off := 0
	for _, vk := range p.vg {
		for i := range vk {
			vk[i] = T(v[off+i])
		}
		off += len(vk)
	}
	err := p.g.HVP(p.hg, p.vg)
	p.restore()
	if err != nil {
		return fmt.Errorf("hessian: Groups.HVP: %w", err)
	}
	off = 0
	var ss float64
	for _, hk := range p.hg {
		for i, x := range hk {
			hv[off+i] = float64(x)
			ss += float64(x) * float64(x)
		}
		off += len(hk)
	}
	if math.IsNaN(ss) || math.IsInf(ss, 0) {
		return fmt.Errorf("hessian: Groups.HVP returned %w", ErrNonFinite)
	}
	return nil
}

// HVPGroups is HVP on per-group slices of T.
func (p *InPlace[T]) HVPGroups(hv, v [][]T) error {
	flatV := make([]float64, p.n)
	off := 0
	for k, vk := range v {
		if len(vk) != len(p.saved[k]) || len(hv[k]) != len(vk) {
			return fmt.Errorf("hessian.InPlace.HVPGroups: group %d: len(v) = %d, len(hv) = %d, want %d", k, len(vk), len(hv[k]), len(p.saved[k]))
		}
		for i, x := range vk {
			flatV[off+i] = float64(x)
		}
		off += len(vk)
	}
	flatH := make([]float64, p.n)
	if err := p.HVP(flatH, flatV); err != nil {
		return err
	}
	off = 0
	for _, hk := range hv {
		for i := range hk {
			hk[i] = T(flatH[off+i])
		}
		off += len(hk)
	}
	return nil
}

// ConfigHVP returns the product in the form sam.Config.HVP takes for
// AscentGD: at each call the trainer's current parameters become the point
// (Reset: one gradient evaluation for the error estimate, none with an
// exact HVP or NoCheck), then H·v is computed per group. Grads are
// overwritten: the optimizer keeps what it needs of them.
func (p *InPlace[T]) ConfigHVP() func(hv, v [][]T) error {
	return func(hv, v [][]T) error {
		if p.g.HVP == nil && p.eng.check {
			if err := p.Reset(); err != nil {
				return err
			}
		} else {
			for k, w := range p.g.Params {
				copy(p.saved[k], w)
			}
		}
		return p.HVPGroups(hv, v)
	}
}

// GradAt writes ∇L(w + s·d) into g and returns the loss there; Params are
// the point again afterwards.
func (p *InPlace[T]) GradAt(g []float64, s float64, d []float64) (float64, error) {
	check.Len1("hessian.InPlace.GradAt", p.n, "g", g)
	if s != 0 {
		check.Len1("hessian.InPlace.GradAt", p.n, "d", d)
	}
	defer p.restore()
	return p.evalAt(g, s, d)
}

// LossDiff returns L(w + s·d) − L(w), from two evaluations of Grad (the
// one at the point is kept from Reset), so it carries the loss's rounding
// error, about u·|L|, unlike the exact differences of a LossPairer.
func (p *InPlace[T]) LossDiff(s float64, d []float64) (float64, error) {
	check.Len1("hessian.InPlace.LossDiff", p.n, "d", d)
	defer p.restore()
	l, err := p.evalAt(p.gp, s, d)
	if err != nil {
		return 0, err
	}
	return l - p.loss0, nil
}

// Apply sets dst = H·v for lanczos; a failed product writes NaN, and Err
// returns the first failure since NewInPlace or Reset.
func (p *InPlace[T]) Apply(dst, v []float64) {
	if err := p.HVP(dst, v); err != nil {
		for i := range dst {
			dst[i] = math.NaN()
		}
		if p.err == nil {
			p.err = err
		}
	}
}

// Err returns the first failed product's error since NewInPlace or Reset.
func (p *InPlace[T]) Err() error { return p.err }
