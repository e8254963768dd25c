package hessian

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/lanczos"
)

// Point is a loss around one point w of its parameters, the thing the
// sharpness measures and Alignment evaluate. Directions and gradients are
// flat float64 vectors of Dim() elements, whatever the parameters' own
// layout and type. At makes a Point of an Objective and a flat w; an
// *InPlace is one over a trainer's own parameter groups.
type Point interface {
	// Dim returns the number of parameters.
	Dim() int
	// GradAt writes ∇L(w + s·d) into g and returns L(w + s·d); with s = 0
	// it is the point's own gradient and d may be nil.
	GradAt(g []float64, s float64, d []float64) (float64, error)
	// LossDiff returns L(w + s·d) − L(w).
	LossDiff(s float64, d []float64) (float64, error)
	// HVP writes H(w)·v into hv.
	HVP(hv, v []float64) error
}

// hvpErrer is implemented by objectives whose products can fail with a
// reason, such as FDObjective.
type hvpErrer interface {
	HVPErr(hv, w, v []float64) error
}

// At returns obj at the point w as a Point (w is copied). Its HVP is obj's
// (for an FDObjective, the checked difference with its error); LossDiff
// uses obj's LossPair when obj is a LossPairer, so that a difference of
// order ρ² keeps its digits. It panics if w is shorter than obj.Dim().
func At(obj Objective, w []float64) Point {
	n := obj.Dim()
	check.Len1("hessian.At", n, "w", w)
	return &atPoint{obj: obj, w: slices.Clone(w[:n]), scratch: check.Scratch[float64]{N: n}}
}

type atPoint struct {
	obj     Objective
	w       []float64
	scratch check.Scratch[float64]

	once  sync.Once
	loss0 float64
}

func (p *atPoint) Dim() int { return len(p.w) }

func (p *atPoint) GradAt(g []float64, s float64, d []float64) (float64, error) {
	check.Len1("hessian.Point.GradAt", len(p.w), "g", g)
	var l float64
	if s == 0 {
		l = p.obj.Grad(g, p.w)
	} else {
		check.Len1("hessian.Point.GradAt", len(p.w), "d", d)
		x := p.scratch.Get()
		defer p.scratch.Put(x)
		kernels.AxpyTo(*x, s, d[:len(p.w)], p.w)
		l = p.obj.Grad(g, *x)
	}
	if !isFinite(l) {
		return l, fmt.Errorf("hessian: the loss is %w", ErrNonFinite)
	}
	return l, nil
}

func (p *atPoint) LossDiff(s float64, d []float64) (float64, error) {
	check.Len1("hessian.Point.LossDiff", len(p.w), "d", d)
	var diff float64
	if lp, ok := p.obj.(LossPairer); ok {
		_, diff = lp.LossPair(p.w, d, s)
	} else {
		p.once.Do(func() { p.loss0 = p.obj.Loss(p.w) })
		x := p.scratch.Get()
		defer p.scratch.Put(x)
		kernels.AxpyTo(*x, s, d[:len(p.w)], p.w)
		diff = p.obj.Loss(*x) - p.loss0
	}
	if !isFinite(diff) {
		return diff, fmt.Errorf("hessian: the loss is %w", ErrNonFinite)
	}
	return diff, nil
}

func (p *atPoint) HVP(hv, v []float64) error {
	n := len(p.w)
	check.Len2("hessian.Point.HVP", n, "hv", hv, "v", v)
	if e, ok := p.obj.(hvpErrer); ok {
		return e.HVPErr(hv[:n], p.w, v[:n])
	}
	p.obj.HVP(hv[:n], p.w, v[:n])
	if s := kernels.SumSq(hv[:n]); math.IsNaN(s) || math.IsInf(s, 0) {
		return fmt.Errorf("hessian: the Hessian-vector product holds %w", ErrNonFinite)
	}
	return nil
}

// Operator is a Point's Hessian-vector product as a lanczos.Operator. The
// solvers' Apply cannot return an error, so a failed product (an FDError,
// a closure's error, NaN) sets the output to NaN, which stops the solver
// with lanczos.ErrNonFinite, and is kept: Err returns the first one. The
// functions of this package that run Lanczos report it in place of the
// solver's error.
type Operator struct {
	p   Point
	mu  sync.Mutex
	err error
}

// NewOperator returns the Hessian-vector product of p as an Operator.
func NewOperator(p Point) *Operator { return &Operator{p: p} }

// Dim returns p's dimension.
func (o *Operator) Dim() int { return o.p.Dim() }

// Apply sets dst = H·v, or NaN if the product fails.
func (o *Operator) Apply(dst, v []float64) {
	if err := o.p.HVP(dst, v); err != nil {
		for i := range dst {
			dst[i] = math.NaN()
		}
		o.mu.Lock()
		if o.err == nil {
			o.err = err
		}
		o.mu.Unlock()
	}
}

// Err returns the first error of a product, or nil.
func (o *Operator) Err() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// explain replaces a solver's ErrNonFinite by the product's own error, the
// reason the solver saw NaN.
func (o *Operator) explain(err error) error {
	if err != nil && errors.Is(err, lanczos.ErrNonFinite) {
		if perr := o.Err(); perr != nil {
			return fmt.Errorf("hessian: the solver stopped at a failed Hessian-vector product: %w", perr)
		}
	}
	return err
}
