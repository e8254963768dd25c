package hessian

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// DefaultFDTol is the default tolerance of a finite-difference product.
const DefaultFDTol = 1e-4

// FDOptions configures a finite-difference Hessian-vector product. The zero
// value (or a nil pointer) gives the defaults.
type FDOptions struct {
	// Step is h, the length of the step along the unit direction v/‖v‖.
	// 0 means FDStep of the point, computed once per point. It must be
	// finite and not negative.
	Step float64
	// Tol is the accuracy asked of each product, relative to the larger of
	// ‖H·v‖ and the estimate of ‖H‖·‖v‖ (see the package documentation).
	// 0 means DefaultFDTol.
	// It must be finite and not negative.
	Tol float64
	// NoCheck skips the error estimate: two gradients per product and
	// none at the point, but no guarantee at all, and no retries.
	NoCheck bool
}

// FDStep returns the default step of the central difference at w:
// √u·max(1, ‖w‖) for float64 (u = 2⁻⁵³, about 1.05e-8·max(1, ‖w‖)) and
// u^(1/3)·max(1, ‖w‖) for float32 (u = 2⁻²⁴, 2⁻⁸·max(1, ‖w‖)); the package
// documentation gives the measurements behind them.
func FDStep[T Float](w []T) float64 {
	if is32[T]() {
		return 0x1p-8 * max(1, norm(w))
	}
	return sqrtU * max(1, norm(w))
}

// sqrtU is √(2⁻⁵³).
var sqrtU = math.Sqrt(0x1p-53)

// Float is a parameter type: float32 or float64.
type Float interface{ float32 | float64 }

func is32[T Float]() bool {
	var z T
	_, ok := any(z).(float32)
	return ok
}

// norm returns ‖x‖ in float64 without overflow.
func norm[T Float](x []T) float64 {
	switch x := any(x).(type) {
	case []float64:
		return kernels.Norm(x)
	case []float32:
		return math.Sqrt(kernels.SumSqWide32(x))
	}
	panic("unreachable")
}

// ErrInaccurate is wrapped by every *FDError.
var ErrInaccurate = errors.New("hessian: the finite-difference Hessian-vector product cannot reach the tolerance")

// FDLimit says what kept a finite-difference product from its tolerance.
type FDLimit int

const (
	// LimitRounding: the error estimate grows as the step shrinks, the
	// signature of the gradient's rounding (float32) or of a gradient that
	// is not a deterministic function of the parameters (dropout, sampled
	// data, a race), amplified by 1/h.
	LimitRounding FDLimit = iota
	// LimitKinks: the estimate does not grow as the step shrinks, but the
	// gradient jumps between the points: the segment crosses kinks of a
	// piecewise-linear loss (ReLU, max-pooling, hinge).
	LimitKinks
)

// FDError is the error of a finite-difference product whose error estimate
// stayed above the tolerance at every step tried. The product's output is
// set to NaN.
type FDError struct {
	// Limit is what the estimates point to.
	Limit FDLimit
	// Estimate is the smallest relative error estimate reached, and
	// Estimates the one at each of Steps, in the order tried.
	Estimate  float64
	Estimates []float64
	Steps     []float64
	// Tol is the tolerance asked for.
	Tol float64
	// Float32 reports a float32 gradient.
	Float32 bool
}

// Error names the limit and the remedies.
func (e *FDError) Error() string {
	kind := "float64"
	if e.Float32 {
		kind = "float32"
	}
	head := fmt.Sprintf("hessian: finite-difference Hessian-vector product of a %s gradient: error estimate at best %.2g of ‖Hv‖ (steps %.3g), above Tol = %.2g", kind, e.Estimate, e.Steps, e.Tol)
	switch e.Limit {
	case LimitRounding:
		if e.Float32 {
			return head + ": the rounding of the float32 gradient limits the difference; use a float64 gradient, an exact Hessian-vector product, or a Tol above the estimate"
		}
		return head + ": the gradient's rounding or noise limits the difference (is the gradient a deterministic function of the parameters?); use an exact Hessian-vector product, or a Tol above the estimate"
	default:
		msg := head + ": the gradient jumps between w − h·v̂ and w + h·v̂, so the steps cross kinks of a piecewise-linear loss (ReLU)"
		if e.Float32 {
			return msg + "; a float32 gradient cannot take steps small enough to avoid them: use a float64 gradient or an exact Hessian-vector product (an R-operator)"
		}
		return msg + "; use a smaller Step, an exact Hessian-vector product (an R-operator), or a smooth activation"
	}
}

// Unwrap returns ErrInaccurate.
func (e *FDError) Unwrap() error { return ErrInaccurate }

// fdEngine holds a finite-difference product's settings and the running
// estimate of ‖H‖ that its tolerance is relative to.
type fdEngine struct {
	step, tol float64 // step 0: FDStep of the point
	check     bool
	f32       bool

	mu    sync.Mutex
	scale float64 // largest accepted ‖H·v‖/‖v‖
}

// newFDEngine validates opts (nil: the defaults).
func newFDEngine(fn string, opts *FDOptions, f32 bool) (*fdEngine, error) {
	var o FDOptions
	if opts != nil {
		o = *opts
	}
	if !(o.Step >= 0) || math.IsInf(o.Step, 1) {
		return nil, fmt.Errorf("hessian.%s: FDOptions.Step = %g, want a finite step ≥ 0 (0 for the default)", fn, o.Step)
	}
	if !(o.Tol >= 0) || math.IsInf(o.Tol, 1) {
		return nil, fmt.Errorf("hessian.%s: FDOptions.Tol = %g, want a finite tolerance ≥ 0 (0 for the default)", fn, o.Tol)
	}
	if o.Tol == 0 {
		o.Tol = DefaultFDTol
	}
	return &fdEngine{step: o.Step, tol: o.Tol, check: !o.NoCheck, f32: f32}, nil
}

// fdRetry are the multiples of the step tried, in order.
var fdRetry = [...]float64{1, 1.0 / 8, 4, 1.0 / 64}

// product sets hv ≈ H·v by central differences with the step h along v̂.
// eval(out, s) must write ∇L(w + s·v) into out; g0 is ∇L(w) (unused
// without the check); gp and gm are scratch. On failure hv is NaN.
func (e *fdEngine) product(hv, v, g0, gp, gm []float64, h float64, eval func(out []float64, s float64) error) error {
	nv := kernels.Norm(v)
	if nv == 0 {
		clear(hv)
		return nil
	}
	if math.IsInf(nv, 0) || math.IsNaN(nv) {
		return fmt.Errorf("hessian: the direction v holds %w", ErrNonFinite)
	}
	e.mu.Lock()
	scale := e.scale
	e.mu.Unlock()
	var ests, steps []float64
	for _, f := range fdRetry {
		hh := h * f
		s := hh / nv
		if err := eval(gp, s); err != nil {
			return err
		}
		if err := eval(gm, -s); err != nil {
			return err
		}
		c := nv / (2 * hh)
		var hv2, est2 float64
		for i := range hv {
			d := (gp[i] - gm[i]) * c
			hv[i] = d
			hv2 += d * d
			if e.check {
				r := (gp[i] - 2*g0[i] + gm[i]) * c
				est2 += r * r
			}
		}
		if math.IsNaN(hv2) || math.IsInf(hv2, 0) || math.IsNaN(est2) || math.IsInf(est2, 0) {
			return fmt.Errorf("hessian: finite-difference Hessian-vector product: %w in the difference of the gradients", ErrNonFinite)
		}
		if !e.check {
			return nil
		}
		nh := math.Sqrt(hv2)
		rel := 0.0
		if est2 > 0 {
			rel = math.Sqrt(est2) / max(nh, scale*nv)
		}
		if rel <= e.tol {
			e.mu.Lock()
			e.scale = max(e.scale, nh/nv)
			e.mu.Unlock()
			return nil
		}
		ests, steps = append(ests, rel), append(steps, hh)
	}
	for i := range hv {
		hv[i] = math.NaN()
	}
	fe := &FDError{Estimate: math.Inf(1), Estimates: ests, Steps: steps, Tol: e.tol, Float32: e.f32}
	for _, x := range ests {
		fe.Estimate = min(fe.Estimate, x)
	}
	// Steps are h, h/8, 4h, h/64: rounding grows as the step shrinks.
	fe.Limit = LimitKinks
	if ests[1] > 3*ests[0] && ests[2] < ests[0] {
		fe.Limit = LimitRounding
	}
	return fe
}

// GradOracle evaluates a float64 gradient: it writes ∇L(w) into g and
// returns L(w). It must not keep w or g.
type GradOracle func(g, w []float64) float64

// GradOracle32 evaluates a float32 gradient: it writes ∇L(w) into g and
// returns L(w). It must not keep w or g.
type GradOracle32 func(g, w []float32) float32

// FDObjective is an Objective built from a gradient oracle alone, with the
// Hessian-vector product by checked central differences (see FDOptions and
// the package documentation), so that the sharpness measures and Lanczos
// work for models that have only gradients. A product costs two gradient
// evaluations, plus one per new point w for the error estimate (the last
// point's gradient is kept). It is safe for concurrent use if the oracle
// is.
type FDObjective struct {
	n    int
	loss func(w []float64) float64
	grad func(g, w []float64) float64 // at float64 points (rounded inside for float32)
	eng  *fdEngine
	pool sync.Pool // *fdWork

	mu     sync.Mutex
	lastW  []float64 // the point whose gradient is lastG0
	lastG0 []float64
}

type fdWork struct{ g0, gp, gm, wp []float64 }

// NewFDObjective returns the Objective of an n-parameter model from its
// float64 gradient oracle, with finite-difference products configured by
// opts (nil: the defaults). loss may be nil, in which case Loss evaluates
// the gradient too and discards it. It returns an error if n < 1, grad is
// nil, or opts is invalid.
func NewFDObjective(n int, loss func(w []float64) float64, grad GradOracle, opts *FDOptions) (*FDObjective, error) {
	if n < 1 || grad == nil {
		return nil, fmt.Errorf("hessian.NewFDObjective: need n ≥ 1 (got %d) and a gradient oracle", n)
	}
	eng, err := newFDEngine("NewFDObjective", opts, false)
	if err != nil {
		return nil, err
	}
	return &FDObjective{n: n, loss: loss, grad: grad, eng: eng}, nil
}

// NewFDObjective32 returns a float64 Objective for an n-parameter model
// whose gradient oracle works in float32, as a trainer that keeps float32
// parameters has: every point is rounded to float32 before the oracle sees
// it, and the gradients are widened. Its products are as accurate as
// float32 gradients allow (see the package documentation): ask for
// Tol ≥ 1e-2, and expect an
// *FDError on piecewise-linear models. It returns an error if n < 1, grad
// is nil, or opts is invalid.
func NewFDObjective32(n int, grad GradOracle32, opts *FDOptions) (*FDObjective, error) {
	if n < 1 || grad == nil {
		return nil, fmt.Errorf("hessian.NewFDObjective32: need n ≥ 1 (got %d) and a gradient oracle", n)
	}
	eng, err := newFDEngine("NewFDObjective32", opts, true)
	if err != nil {
		return nil, err
	}
	type buf struct{ w, g []float32 }
	pool := sync.Pool{New: func() any { return &buf{make([]float32, n), make([]float32, n)} }}
	g64 := func(g, w []float64) float64 {
		b := pool.Get().(*buf)
		defer pool.Put(b)
		for i, x := range w[:n] {
			b.w[i] = float32(x)
		}
		l := grad(b.g, b.w)
		for i, x := range b.g {
			g[i] = float64(x)
		}
		return float64(l)
	}
	return &FDObjective{n: n, grad: g64, eng: eng}, nil
}

// Dim returns n.
func (o *FDObjective) Dim() int { return o.n }

// Loss returns L(w), from the loss function if one was given and from the
// gradient oracle otherwise.
func (o *FDObjective) Loss(w []float64) float64 {
	check.Len1("hessian.FDObjective.Loss", o.n, "w", w)
	if o.loss != nil {
		return o.loss(w[:o.n])
	}
	work := o.work()
	defer o.pool.Put(work)
	return o.grad(work.gp, w[:o.n])
}

// Grad calls the gradient oracle.
func (o *FDObjective) Grad(g, w []float64) float64 {
	check.Len2("hessian.FDObjective.Grad", o.n, "g", g, "w", w)
	return o.grad(g[:o.n], w[:o.n])
}

func (o *FDObjective) work() *fdWork {
	if w, ok := o.pool.Get().(*fdWork); ok {
		return w
	}
	return &fdWork{make([]float64, o.n), make([]float64, o.n), make([]float64, o.n), make([]float64, o.n)}
}

// HVP writes the checked central difference H(w)·v into hv, or NaN in
// every element when the product cannot reach its tolerance or the
// gradient is not finite (HVPErr says why). The sharpness measures and
// lanczos see the NaN and stop; they report HVPErr's error.
func (o *FDObjective) HVP(hv, w, v []float64) { _ = o.HVPErr(hv, w, v) }

// HVPErr is HVP with the error: an *FDError (wrapping ErrInaccurate) when
// no step met the tolerance, an error wrapping ErrNonFinite for NaN or Inf
// in a gradient or in v. On error hv is NaN.
func (o *FDObjective) HVPErr(hv, w, v []float64) error {
	check.Len3("hessian.FDObjective.HVP", o.n, "hv", hv, "w", w, "v", v)
	hv, w, v = hv[:o.n], w[:o.n], v[:o.n]
	work := o.work()
	defer o.pool.Put(work)
	if o.eng.check {
		o.gradAt(work.g0, w)
	}
	h := o.eng.step
	if h == 0 {
		if o.eng.f32 {
			h = 0x1p-8 * max(1, kernels.Norm(w))
		} else {
			h = FDStep(w)
		}
	}
	err := o.eng.product(hv, v, work.g0, work.gp, work.gm, h, func(out []float64, s float64) error {
		kernels.AxpyTo(work.wp, s, v, w)
		o.grad(out, work.wp)
		return nil
	})
	if err != nil {
		for i := range hv {
			hv[i] = math.NaN()
		}
	}
	return err
}

// gradAt writes ∇L(w) into g, reusing the last point's gradient when w is
// the same point.
func (o *FDObjective) gradAt(g, w []float64) {
	o.mu.Lock()
	same := o.lastW != nil
	if same {
		for i, x := range w {
			if math.Float64bits(x) != math.Float64bits(o.lastW[i]) {
				same = false
				break
			}
		}
	}
	if same {
		copy(g, o.lastG0)
		o.mu.Unlock()
		return
	}
	o.mu.Unlock()
	o.grad(g, w)
	o.mu.Lock()
	if o.lastW == nil {
		o.lastW, o.lastG0 = make([]float64, o.n), make([]float64, o.n)
	}
	copy(o.lastW, w)
	copy(o.lastG0, g)
	o.mu.Unlock()
}
