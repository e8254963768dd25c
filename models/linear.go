package models

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// design is the row-major m×d design matrix X (row stride ld) and the
// targets y shared by LeastSquares and Logistic.
type design struct {
	m, d, ld int
	x, y     []float64
	scratch  check.Scratch[float64] // vectors of length m
}

// newDesign checks the shapes (panicking, naming the argument) and the
// values (an error), and copies nothing: the objectives keep x and y.
func newDesign(fn string, m, d int, x []float64, ldx int, y []float64) (*design, error) {
	if m < 1 || d < 1 {
		panic(fmt.Sprintf("models.%s: m = %d and d = %d must be positive", fn, m, d))
	}
	if ldx < d {
		panic(fmt.Sprintf("models.%s: ldx = %d < d = %d", fn, ldx, d))
	}
	if need := (m-1)*ldx + d; len(x) < need {
		panic(fmt.Sprintf("models.%s: len(x) = %d, need %d for m = %d, d = %d, ldx = %d", fn, len(x), need, m, d, ldx))
	}
	if len(y) < m {
		panic(fmt.Sprintf("models.%s: len(y) = %d is shorter than m = %d", fn, len(y), m))
	}
	for k := 0; k < m; k++ {
		if !check.Finite(x[k*ldx : k*ldx+d]) {
			return nil, fmt.Errorf("models.%s: NaN or Inf in row %d of x: %w", fn, k, ErrNonFinite)
		}
	}
	if !check.Finite(y[:m]) {
		return nil, fmt.Errorf("models.%s: NaN or Inf in y: %w", fn, ErrNonFinite)
	}
	return &design{m: m, d: d, ld: ldx, x: x, y: y[:m], scratch: check.Scratch[float64]{N: m}}, nil
}

// row returns x_k.
func (p *design) row(k int) []float64 { return p.x[k*p.ld : k*p.ld+p.d] }

// checkIdx panics for an empty or out-of-range sample list.
func (p *design) checkIdx(fn string, idx []int) {
	if len(idx) == 0 {
		panic("models." + fn + ": idx is empty")
	}
	for _, k := range idx {
		if k < 0 || k >= p.m {
			panic(fmt.Sprintf("models.%s: sample index %d out of range [0, %d)", fn, k, p.m))
		}
	}
}

// LeastSquares is linear least squares, L(w) = (1/(2M))·Σ_k (x_kᵀw − y_k)²,
// over M rows x_k of a row-major M×D matrix X. It is a Sampled objective
// whose per-sample losses are L_k(w) = ½·(x_kᵀw − y_k)². Its Hessian,
// XᵀX/M, does not depend on w.
type LeastSquares struct {
	p    *design
	invM []float64 // M copies of 1/M: the weights GramVec takes
}

// NewLeastSquares returns the least-squares objective for the m×d matrix X
// stored row-major with row stride ldx in x, and the targets y (m
// elements). x and y are kept, not copied; do not modify them while the
// objective is in use. It panics for non-positive m or d, ldx < d, or x or
// y too short, and returns an error if an entry is NaN or ±Inf.
func NewLeastSquares(m, d int, x []float64, ldx int, y []float64) (*LeastSquares, error) {
	p, err := newDesign("NewLeastSquares", m, d, x, ldx, y)
	if err != nil {
		return nil, err
	}
	inv := make([]float64, m)
	for k := range inv {
		inv[k] = 1 / float64(m)
	}
	return &LeastSquares{p: p, invM: inv}, nil
}

// Dim returns D.
func (o *LeastSquares) Dim() int { return o.p.d }

// Samples returns M.
func (o *LeastSquares) Samples() int { return o.p.m }

// residuals sets r = Xw − y.
func (o *LeastSquares) residuals(w, r []float64) {
	p := o.p
	copy(r, p.y)
	kernels.MatVec(p.m, p.d, 1, p.x, p.ld, w, -1, r)
}

// Loss returns L(w).
func (o *LeastSquares) Loss(w []float64) float64 {
	check.Len1("models.LeastSquares.Loss", o.p.d, "w", w)
	rp := o.p.scratch.Get()
	defer o.p.scratch.Put(rp)
	r := *rp
	o.residuals(w[:o.p.d], r)
	return kernels.SumSq(r) / (2 * float64(o.p.m))
}

// Grad writes ∇L(w) = Xᵀ(Xw − y)/M into g and returns L(w): one pass over
// X with kernels.MatVec for the residuals and one with kernels.MatTVec.
func (o *LeastSquares) Grad(g, w []float64) float64 {
	p := o.p
	check.Len2("models.LeastSquares.Grad", p.d, "w", w, "g", g)
	rp := p.scratch.Get()
	defer p.scratch.Put(rp)
	r := *rp
	o.residuals(w[:p.d], r)
	kernels.MatTVec(p.m, p.d, 1/float64(p.m), p.x, p.ld, r, 0, g[:p.d])
	return kernels.SumSq(r) / (2 * float64(p.m))
}

// HVP writes (1/M)·XᵀX·v into hv with kernels.GramVec, one pass over X; w
// is not used (the Hessian is constant) but must have D elements. hv must
// not overlap v.
func (o *LeastSquares) HVP(hv, w, v []float64) {
	p := o.p
	check.Len3("models.LeastSquares.HVP", p.d, "w", w, "v", v, "hv", hv)
	kernels.GramVec(p.m, p.d, p.x, p.ld, o.invM, v[:p.d], hv[:p.d])
}

// GradSamples writes the gradient of (1/|idx|)·Σ_{k∈idx} L_k at w into g
// and returns that mean loss. An index may repeat (it then counts twice).
// It panics if idx is empty or holds an index outside [0, M).
func (o *LeastSquares) GradSamples(g, w []float64, idx []int) float64 {
	p := o.p
	check.Len2("models.LeastSquares.GradSamples", p.d, "w", w, "g", g)
	p.checkIdx("LeastSquares.GradSamples", idx)
	w, g = w[:p.d], g[:p.d]
	clear(g)
	inv := 1 / float64(len(idx))
	var l float64
	for _, k := range idx {
		xk := p.row(k)
		r := kernels.Dot(xk, w) - p.y[k]
		l += r * r
		kernels.Axpy(r*inv, xk, g)
	}
	return l * inv / 2
}

// LossPair returns L(w) and L(w + s·d) − L(w) from one pass over X:
// kernels.DotPair gives x_kᵀw and x_kᵀd together, and each sample's
// difference s·t·(r + s·t/2) (r the residual, t = x_kᵀd) is summed
// directly, so the difference keeps its relative accuracy for small s.
// This is what the ascent- and average-direction sharpness need.
func (o *LeastSquares) LossPair(w, d []float64, s float64) (loss, diff float64) {
	p := o.p
	check.Len2("models.LeastSquares.LossPair", p.d, "w", w, "d", d)
	w, d = w[:p.d], d[:p.d]
	for k := 0; k < p.m; k++ {
		z, t := kernels.DotPair(p.row(k), w, d)
		r := z - p.y[k]
		loss += r * r
		diff += s * t * (r + s*t/2)
	}
	inv := 1 / float64(p.m)
	return loss * inv / 2, diff * inv
}

// Logistic is L2-regularized logistic regression with labels y_k ∈ {−1, +1}:
//
//	L(w) = (1/M)·Σ_k log(1 + exp(−y_k·x_kᵀw)) + (λ/2)·‖w‖²
//
// over the M rows x_k of a row-major M×D matrix X (no intercept: append a
// column of ones to X for one). With p_k = σ(x_kᵀw), σ the logistic
// function, its Hessian is (1/M)·Xᵀ·diag(p_k(1−p_k))·X + λI. It is a
// Sampled objective whose per-sample losses are
// L_k(w) = log(1 + exp(−y_k·x_kᵀw)) + (λ/2)·‖w‖² (each carries the whole
// regularizer, so that their mean is L). Without regularization on
// separable data L has no minimizer: ‖w‖ grows without bound under descent.
type Logistic struct {
	p      *design
	lambda float64
}

// NewLogistic returns the logistic-regression objective for the m×d matrix X
// stored row-major with row stride ldx in x, labels y (m elements, each −1
// or +1) and L2 coefficient lambda ≥ 0. x and y are kept, not copied. It
// panics for non-positive m or d, ldx < d, or x or y too short; it returns
// an error for a label other than ±1, a negative or non-finite lambda, or a
// NaN or ±Inf in X.
func NewLogistic(m, d int, x []float64, ldx int, y []float64, lambda float64) (*Logistic, error) {
	p, err := newDesign("NewLogistic", m, d, x, ldx, y)
	if err != nil {
		return nil, err
	}
	for k, yk := range p.y {
		if yk != 1 && yk != -1 {
			return nil, fmt.Errorf("models.NewLogistic: label y[%d] = %g is not -1 or +1", k, yk)
		}
	}
	if !(lambda >= 0) || math.IsInf(lambda, 1) {
		return nil, fmt.Errorf("models.NewLogistic: lambda = %g must be finite and non-negative", lambda)
	}
	return &Logistic{p: p, lambda: lambda}, nil
}

// Dim returns D.
func (o *Logistic) Dim() int { return o.p.d }

// Samples returns M.
func (o *Logistic) Samples() int { return o.p.m }

// Lambda returns the L2 coefficient λ.
func (o *Logistic) Lambda() float64 { return o.lambda }

// softplus returns log(1 + eᵗ) without overflow and without losing the
// tiny values for t ≪ 0.
func softplus(t float64) float64 {
	if t > 0 {
		return t + math.Log1p(math.Exp(-t))
	}
	return math.Log1p(math.Exp(t))
}

// sigmoid returns 1/(1 + e⁻ᵗ), evaluated so that exp never overflows and
// small results keep their relative accuracy.
func sigmoid(t float64) float64 {
	if t >= 0 {
		return 1 / (1 + math.Exp(-t))
	}
	e := math.Exp(t)
	return e / (1 + e)
}

// softplusDiff returns softplus(a + δ) − softplus(a). For |δ| < 30 it uses
// log1p(σ(a)·expm1(δ)) (and the mirrored form for δ < 0, so that the
// argument of log1p is never near −1), which has no cancellation however
// small δ is; for larger |δ| the two values differ enough that plain
// subtraction loses little.
func softplusDiff(a, delta float64) float64 {
	switch {
	case delta >= 0 && delta < 30:
		return math.Log1p(sigmoid(a) * math.Expm1(delta))
	case delta < 0 && delta > -30:
		return -math.Log1p(sigmoid(a+delta) * math.Expm1(-delta))
	}
	return softplus(a+delta) - softplus(a)
}

// margins sets z = Xw.
func (o *Logistic) margins(w, z []float64) {
	p := o.p
	kernels.MatVec(p.m, p.d, 1, p.x, p.ld, w, 0, z)
}

// Loss returns L(w).
func (o *Logistic) Loss(w []float64) float64 {
	p := o.p
	check.Len1("models.Logistic.Loss", p.d, "w", w)
	w = w[:p.d]
	zp := p.scratch.Get()
	defer p.scratch.Put(zp)
	z := *zp
	o.margins(w, z)
	var l float64
	for k, zk := range z {
		l += softplus(-p.y[k] * zk)
	}
	return l/float64(p.m) + o.lambda/2*kernels.SumSq(w)
}

// Grad writes ∇L(w) = (1/M)·Σ_k −y_k·σ(−y_k·x_kᵀw)·x_k + λw into g and
// returns L(w): kernels.MatVec for the margins, kernels.MatTVec for the
// sum. g must not overlap w.
func (o *Logistic) Grad(g, w []float64) float64 {
	p := o.p
	check.Len2("models.Logistic.Grad", p.d, "w", w, "g", g)
	w, g = w[:p.d], g[:p.d]
	zp := p.scratch.Get()
	defer p.scratch.Put(zp)
	z := *zp
	o.margins(w, z)
	inv := 1 / float64(p.m)
	var l float64
	for k, zk := range z {
		t := -p.y[k] * zk
		l += softplus(t)
		z[k] = -p.y[k] * sigmoid(t) * inv // reuse z for the coefficients
	}
	kernels.MatTVec(p.m, p.d, 1, p.x, p.ld, z, 0, g)
	if o.lambda != 0 {
		kernels.Axpy(o.lambda, w, g)
	}
	return l*inv + o.lambda/2*kernels.SumSq(w)
}

// HVP writes H(w)·v = (1/M)·Xᵀ·diag(p_k(1−p_k))·X·v + λv into hv: one pass
// over X for the margins and one through kernels.GramVec with weights
// d_k = p_k(1−p_k)/M. p(1−p) is evaluated as σ(z)·σ(−z), which keeps its
// relative accuracy where 1 − p would cancel. hv must not overlap v.
func (o *Logistic) HVP(hv, w, v []float64) {
	p := o.p
	check.Len3("models.Logistic.HVP", p.d, "w", w, "v", v, "hv", hv)
	w, v, hv = w[:p.d], v[:p.d], hv[:p.d]
	zp := p.scratch.Get()
	defer p.scratch.Put(zp)
	z := *zp
	o.margins(w, z)
	inv := 1 / float64(p.m)
	for k, zk := range z {
		z[k] = sigmoid(zk) * sigmoid(-zk) * inv
	}
	kernels.GramVec(p.m, p.d, p.x, p.ld, z, v, hv)
	if o.lambda != 0 {
		kernels.Axpy(o.lambda, v, hv)
	}
}

// GradSamples writes the gradient of (1/|idx|)·Σ_{k∈idx} L_k at w into g
// and returns that mean loss (regularizer included). It panics if idx is
// empty or holds an index outside [0, M).
func (o *Logistic) GradSamples(g, w []float64, idx []int) float64 {
	p := o.p
	check.Len2("models.Logistic.GradSamples", p.d, "w", w, "g", g)
	p.checkIdx("Logistic.GradSamples", idx)
	w, g = w[:p.d], g[:p.d]
	clear(g)
	inv := 1 / float64(len(idx))
	var l float64
	for _, k := range idx {
		xk := p.row(k)
		t := -p.y[k] * kernels.Dot(xk, w)
		l += softplus(t)
		kernels.Axpy(-p.y[k]*sigmoid(t)*inv, xk, g)
	}
	if o.lambda != 0 {
		kernels.Axpy(o.lambda, w, g)
	}
	return l*inv + o.lambda/2*kernels.SumSq(w)
}

// LossPair returns L(w) and L(w + s·d) − L(w) from one pass over X:
// kernels.DotPair gives x_kᵀw and x_kᵀd together, the model at w + s·d is
// x_kᵀw + s·x_kᵀd, and each sample's difference is summed in the stable
// form of softplusDiff, so the difference keeps its relative accuracy when
// s is small. This is what a line search and the ascent- and
// average-direction sharpness need.
func (o *Logistic) LossPair(w, d []float64, s float64) (loss, diff float64) {
	p := o.p
	check.Len2("models.Logistic.LossPair", p.d, "w", w, "d", d)
	w, d = w[:p.d], d[:p.d]
	for k := 0; k < p.m; k++ {
		z, t := kernels.DotPair(p.row(k), w, d)
		a := -p.y[k] * z
		loss += softplus(a)
		diff += softplusDiff(a, -p.y[k]*s*t)
	}
	inv := 1 / float64(p.m)
	loss *= inv
	diff *= inv
	if o.lambda != 0 {
		// (λ/2)(‖w + s·d‖² − ‖w‖²) = λ·s·(wᵀd + (s/2)·‖d‖²).
		loss += o.lambda / 2 * kernels.SumSq(w)
		diff += o.lambda * s * (kernels.Dot(w, d) + s/2*kernels.SumSq(d))
	}
	return loss, diff
}

// GaussianClusters draws a binary classification data set for Logistic
// (tests, examples, cmd/samkern's spectrum subcommand): m points in d
// dimensions, row-major with stride d, labels alternating +1, −1, +1, ...;
// a point with label y is y·(separation/2)·u + N(0, I), where u is the unit
// vector (1, ..., 1)/√d, so the class means are separation apart. The same
// seed gives the same data. It panics for non-positive m or d.
func GaussianClusters(m, d int, separation float64, seed uint64) (x, y []float64) {
	if m < 1 || d < 1 {
		panic(fmt.Sprintf("models.GaussianClusters: m = %d and d = %d must be positive", m, d))
	}
	r := rand.New(rand.NewPCG(seed, 0x6c0d_2b8f_91e3_57a4))
	x = make([]float64, m*d)
	y = make([]float64, m)
	shift := separation / 2 / math.Sqrt(float64(d))
	for k := 0; k < m; k++ {
		y[k] = 1
		if k%2 == 1 {
			y[k] = -1
		}
		for j := 0; j < d; j++ {
			x[k*d+j] = y[k]*shift + r.NormFloat64()
		}
	}
	return x, y
}
