package hessian

import (
	"fmt"
	"math"
	"sync"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// Finite-difference Hessian-vector products, for models that have a
// gradient but no exact Hessian-vector product.
//
// For a direction v ≠ 0 with unit vector v̂ = v/‖v‖ the product is the
// central difference
//
//	H(w)·v ≈ ‖v‖·(∇L(w + h·v̂) − ∇L(w − h·v̂)) / (2h).
//
// Its error, for ‖v‖ = 1 (it scales with ‖v‖), is at most
//
//	(h²/6)·T  +  (ε + u·‖H‖·(‖w‖ + h)) / h
//
// where T bounds ‖∇⁴L[v̂, v̂, v̂]‖ (the third derivative of the gradient
// along v̂) on the segment w ± h·v̂, ε bounds the error of the gradient
// oracle in the norm, and u is the unit roundoff of the float type the
// points w ± h·v̂ are rounded to: the first term is the Taylor remainder
// (the even terms cancel), the second the oracle's error and the rounding
// of the two points, amplified by 1/h. The central difference is second-
// order in h, so its truncation term involves the fourth derivative of L,
// not the third. With ε ≈ u·‖∇L‖ and derivatives of unit size on the scale
// of max(1, ‖w‖), the sum is smallest for h of order u^(1/3)·max(1, ‖w‖),
// where both terms are of order u^(2/3): about 4e-11 relative for float64
// gradients (u = 2⁻⁵³) and 2⁻¹⁶ ≈ 1.5e-5 for float32 ones (u = 2⁻²⁴), the
// best a difference of gradients can do. A forward difference would reach
// only u^(1/2). The default step is therefore FDStep (float64) or FDStep32
// (float32). The scaling with ‖w‖ assumes the loss varies on the scale of
// the parameters; for a model with very many small parameters, whose ‖w‖
// is large while the loss changes on a much shorter scale along v̂, pass a
// smaller step explicitly.

// GradOracle evaluates a float64 gradient, with the contract of
// Objective.Grad: it writes ∇L(w) into g and returns L(w).
type GradOracle func(g, w []float64) float64

// GradOracle32 evaluates a float32 gradient: it writes ∇L(w) into g and
// returns L(w).
type GradOracle32 func(g, w []float32) float32

// fdCubeRoot64 and fdCubeRoot32 are u^(1/3) for u = 2⁻⁵³ and 2⁻²⁴.
var (
	fdCubeRoot64 = math.Cbrt(0x1p-53)
	fdCubeRoot32 = 0x1p-8
)

// FDStep returns the default step of the float64 central difference,
// cbrt(2⁻⁵³)·max(1, ‖w‖) ≈ 4.8e-6·max(1, ‖w‖): see the error analysis at
// the top of this file.
func FDStep(w []float64) float64 {
	return fdCubeRoot64 * max(1, kernels.Norm(w))
}

// FDStep32 returns the default step of the float32 central difference,
// cbrt(2⁻²⁴)·max(1, ‖w‖) = 2⁻⁸·max(1, ‖w‖) ≈ 3.9e-3·max(1, ‖w‖).
func FDStep32(w []float32) float32 {
	return float32(fdCubeRoot32 * max(1, float64(kernels.Norm32(w))))
}

// fdCheckStep panics for a step that is negative, NaN or infinite: a
// constant chosen by the programmer, not runtime input.
func fdCheckStep(fn string, h float64) {
	if !(h >= 0) || math.IsInf(h, 1) {
		panic(fmt.Sprintf("hessian.%s: step h = %g must be finite and non-negative", fn, h))
	}
}

// fdWork holds the four vectors one central difference needs.
type fdWork[T float32 | float64] struct {
	wp, wm, gp, gm []T
}

// fdPool hands out fdWork values of length n, so that the returned HVP
// functions may be called from several goroutines and allocate nothing in
// the steady state.
type fdPool[T float32 | float64] struct {
	n    int
	pool sync.Pool
}

func (p *fdPool[T]) get() *fdWork[T] {
	if w, ok := p.pool.Get().(*fdWork[T]); ok {
		return w
	}
	return &fdWork[T]{make([]T, p.n), make([]T, p.n), make([]T, p.n), make([]T, p.n)}
}

func (p *fdPool[T]) put(w *fdWork[T]) { p.pool.Put(w) }

// fdNorm returns ‖v‖ in float64 for either float type.
func fdNorm[T float32 | float64](v []T) float64 {
	switch v := any(v).(type) {
	case []float64:
		return kernels.Norm(v)
	case []float32:
		// Norm32 would round the norm to float32; the float64 sum of
		// squares keeps the direction exact to float64 precision.
		return math.Sqrt(kernels.SumSqWide32(v))
	}
	panic("unreachable")
}

// fdCentral computes hv = ‖v‖·(grad(w + h·v̂) − grad(w − h·v̂))/(2h) with the
// points rounded to the oracle's type O, in float64 arithmetic otherwise.
// h = 0 picks cbrt(u)·max(1, ‖w‖) with the given cube root of u.
func fdCentral[T, O float32 | float64](grad func(g, w []O) O, h, cbrtU float64, w, v, hv []T, work *fdWork[O]) {
	nv := fdNorm(v)
	if nv == 0 {
		clear(hv)
		return
	}
	if h == 0 {
		h = cbrtU * max(1, fdNorm(w))
	}
	s := h / nv // step along v itself: w ± s·v = w ± h·v̂
	for i := range w {
		wi, vi := float64(w[i]), float64(v[i])
		work.wp[i] = O(wi + s*vi)
		work.wm[i] = O(wi - s*vi)
	}
	grad(work.gp, work.wp)
	grad(work.gm, work.wm)
	c := nv / (2 * h)
	for i := range hv {
		hv[i] = T((float64(work.gp[i]) - float64(work.gm[i])) * c)
	}
}

// FDHVP returns a Hessian-vector product hvp(w, v, hv), hv ≈ H(w)·v, for the
// n-parameter loss whose gradient grad evaluates, by the central difference
// described at the top of this file: two gradient evaluations per product
// (none when v = 0, which gives hv = 0). h > 0 fixes the step along the unit
// direction; h = 0 uses FDStep(w) at each call. The returned function
// panics if w, v or hv has fewer than n elements; it may be called from
// several goroutines at once if grad may. It can be wrapped in a
// lanczos.Func. FDHVP panics if h is negative or not finite.
func FDHVP(n int, grad GradOracle, h float64) func(hv, w, v []float64) {
	fdCheckStep("FDHVP", h)
	pool := &fdPool[float64]{n: n}
	return func(hv, w, v []float64) {
		check.Len3("hessian.FDHVP", n, "w", w, "v", v, "hv", hv)
		work := pool.get()
		defer pool.put(work)
		fdCentral(grad, h, fdCubeRoot64, w[:n], v[:n], hv[:n], work)
	}
}

// FDHVP32 is FDHVP for a float32 gradient oracle and float32 vectors: the
// points w ± h·v̂ are formed in float64 and rounded once to float32, the
// gradient difference is scaled in float64 and rounded once, and h = 0
// uses FDStep32(w). The error is of order 2⁻¹⁶ relative at best (see the
// top of this file). It can be wrapped in a lanczos.Func32.
func FDHVP32(n int, grad GradOracle32, h float32) func(hv, w, v []float32) {
	fdCheckStep("FDHVP32", float64(h))
	pool := &fdPool[float32]{n: n}
	return func(hv, w, v []float32) {
		if len(w) < n || len(v) < n || len(hv) < n {
			panic(fmt.Sprintf("hessian.FDHVP32: len(w) = %d, len(v) = %d, len(hv) = %d; need the dimension %d", len(w), len(v), len(hv), n))
		}
		work := pool.get()
		defer pool.put(work)
		fdCentral(grad, float64(h), fdCubeRoot32, w[:n], v[:n], hv[:n], work)
	}
}

// FDObjective is an Objective built from a gradient oracle alone, with the
// Hessian-vector product by central differences (see FDHVP for the step
// and its error), so that the sharpness measures and Lanczos work for
// models that have only gradients. Its HVP costs two gradient evaluations.
// It is safe for concurrent use if the oracle (and loss function) are.
type FDObjective struct {
	n    int
	loss func(w []float64) float64
	grad GradOracle
	hvp  func(hv, w, v []float64)
	g    check.Scratch[float64] // for Loss without a loss function
}

// NewFDObjective returns the Objective of an n-parameter model from its
// gradient oracle. loss may be nil, in which case Loss evaluates the
// gradient too and discards it. It panics if n < 1 or grad is nil.
func NewFDObjective(n int, loss func(w []float64) float64, grad GradOracle) *FDObjective {
	if n < 1 || grad == nil {
		panic(fmt.Sprintf("hessian.NewFDObjective: need n >= 1 (got %d) and a gradient oracle", n))
	}
	return &FDObjective{n: n, loss: loss, grad: grad, hvp: FDHVP(n, grad, 0), g: check.Scratch[float64]{N: n}}
}

// NewFDObjective32 returns a float64 Objective for an n-parameter model
// whose gradient oracle works in float32, as a trainer that keeps float32
// parameters has. Loss and Grad round w to float32, call the oracle and
// widen the results; HVP forms w ± h·v̂ in float64, rounds them to float32
// and uses the float32 step FDStep32, so its error is of order 2⁻¹⁶
// relative, not float64's 4e-11. It panics if n < 1 or grad is nil.
func NewFDObjective32(n int, grad GradOracle32) *FDObjective {
	if n < 1 || grad == nil {
		panic(fmt.Sprintf("hessian.NewFDObjective32: need n >= 1 (got %d) and a gradient oracle", n))
	}
	pool := &fdPool[float32]{n: n}
	// The first two work vectors carry w and g for Grad; HVP uses all four.
	g64 := func(g, w []float64) float64 {
		work := pool.get()
		defer pool.put(work)
		for i, x := range w[:n] {
			work.wp[i] = float32(x)
		}
		l := grad(work.gp, work.wp)
		for i := range g[:n] {
			g[i] = float64(work.gp[i])
		}
		return float64(l)
	}
	hvp := func(hv, w, v []float64) {
		check.Len3("hessian.FDObjective.HVP", n, "w", w, "v", v, "hv", hv)
		work := pool.get()
		defer pool.put(work)
		fdCentral(grad, 0, fdCubeRoot32, w[:n], v[:n], hv[:n], work)
	}
	return &FDObjective{n: n, grad: g64, hvp: hvp, g: check.Scratch[float64]{N: n}}
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
	gp := o.g.Get()
	defer o.g.Put(gp)
	return o.grad(*gp, w[:o.n])
}

// Grad calls the gradient oracle.
func (o *FDObjective) Grad(g, w []float64) float64 {
	check.Len2("hessian.FDObjective.Grad", o.n, "w", w, "g", g)
	return o.grad(g[:o.n], w[:o.n])
}

// HVP writes the central-difference approximation of H(w)·v into hv.
func (o *FDObjective) HVP(hv, w, v []float64) { o.hvp(hv, w, v) }
