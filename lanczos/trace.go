package lanczos

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/samkern/samkern/kernels"
)

// DefaultTraceOps is the default budget of operator applications of the
// trace estimators.
const DefaultTraceOps = 300

// TraceOptions configures Hutchinson and HutchPlusPlus. The zero value (or
// nil) spends DefaultTraceOps applications with no stopping rule.
type TraceOptions struct {
	// MaxOps caps the operator applications; 0 means DefaultTraceOps.
	MaxOps int

	// RelTol and AbsTol are the stopping rule: the estimator stops as
	// soon as StdErr ≤ RelTol·|Estimate| or StdErr ≤ AbsTol, once it has
	// at least MinProbes samples. Zero disables a rule; with both zero
	// the whole budget is spent.
	RelTol, AbsTol float64

	// MinProbes is the least number of samples before the stopping rule
	// may fire (the standard error of fewer samples is itself too noisy
	// to trust); 0 means 10. It must be at least 2.
	MinProbes int

	// Sketch is the number of Hutch++ sketch vectors (HutchPlusPlus only):
	// it spends up to 2·Sketch applications finding and deflating the
	// dominant subspace, and stores Sketch vectors, Sketch·n float64s.
	// 0 means min(n, MaxOps/3), the split of Meyer et al.; set it for
	// large n.
	Sketch int

	// Seed seeds the probes; the same Seed gives the same estimate.
	Seed uint64
}

// TraceResult is a trace estimate.
type TraceResult struct {
	// Estimate is the estimate of tr(A) and StdErr its standard error,
	// the sample standard deviation of the random part over the square
	// root of the number of samples (+Inf with fewer than 2 samples).
	Estimate, StdErr float64
	// Ops is the number of operator applications, Probes the number of
	// random samples (for HutchPlusPlus, those of the deflated part).
	Ops, Probes int
	// Converged reports that the stopping rule was met; false when the
	// budget ran out first (always, if no tolerance is set).
	Converged bool
	// Rank is the dimension of the deflated subspace (HutchPlusPlus only):
	// Sketch, less the sketch vectors that were linearly dependent.
	Rank int
}

// traceSetup validates the options common to both estimators.
func traceSetup(ctx context.Context, op Operator, o *TraceOptions) (n, maxOps, minProbes int, err error) {
	if ctx == nil {
		return 0, 0, 0, invalid("nil context")
	}
	if op == nil {
		return 0, 0, 0, invalid("nil operator")
	}
	n = op.Dim()
	if n <= 0 {
		return 0, 0, 0, invalid("operator dimension %d", n)
	}
	maxOps = o.MaxOps
	if maxOps < 0 {
		return 0, 0, 0, invalid("MaxOps = %d < 0", maxOps)
	}
	if maxOps == 0 {
		maxOps = DefaultTraceOps
	}
	if !(o.RelTol >= 0) || !(o.AbsTol >= 0) {
		return 0, 0, 0, invalid("RelTol = %g, AbsTol = %g, need ≥ 0", o.RelTol, o.AbsTol)
	}
	minProbes = o.MinProbes
	if minProbes == 0 {
		minProbes = 10
	}
	if minProbes < 2 {
		return 0, 0, 0, invalid("MinProbes = %d, need at least 2", o.MinProbes)
	}
	if o.Sketch < 0 {
		return 0, 0, 0, invalid("Sketch = %d < 0", o.Sketch)
	}
	return n, maxOps, minProbes, nil
}

// sampler accumulates the samples of a Hutchinson-type estimator with
// Welford's update, which keeps the variance accurate when the samples
// are large and nearly equal.
type sampler struct {
	n         int
	mean, m2  float64
	minProbes int
	rel, abs  float64
	offset    float64 // deterministic part added to the mean
}

func (s *sampler) add(x float64) {
	s.n++
	d := x - s.mean
	s.mean += d / float64(s.n)
	s.m2 += d * (x - s.mean)
}

func (s *sampler) stdErr() float64 {
	if s.n < 2 {
		return math.Inf(1)
	}
	return math.Sqrt(s.m2 / float64(s.n-1) / float64(s.n))
}

// done reports whether the stopping rule is met.
func (s *sampler) done() bool {
	if s.n < s.minProbes {
		return false
	}
	se := s.stdErr()
	return (s.abs > 0 && se <= s.abs) || (s.rel > 0 && se <= s.rel*math.Abs(s.offset+s.mean))
}

// applyChecked applies op and reports ErrNonFinite for NaN or Inf.
func applyChecked(op Operator, dst, v []float64, ops int) error {
	op.Apply(dst, v)
	if x := kernels.Norm(dst); math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("lanczos: the operator returned %w (application %d)", ErrNonFinite, ops)
	}
	return nil
}

// Hutchinson estimates tr(A) as the mean of zᵀAz over random sign vectors
// z (Rademacher probes, the lowest-variance choice: the variance of one
// sample is 2·(‖A‖_F² − Σ a_ii²)), one operator application per sample,
// until the stopping rule of opts is met or the budget is spent. Memory is
// two n-vectors. A cancelled ctx returns its error with the estimate so
// far; a NaN or Inf from op returns ErrNonFinite.
func Hutchinson(ctx context.Context, op Operator, opts *TraceOptions) (TraceResult, error) {
	if opts == nil {
		opts = &TraceOptions{}
	}
	n, maxOps, minProbes, err := traceSetup(ctx, op, opts)
	if err != nil {
		return TraceResult{}, err
	}
	rng := newRand(opts.Seed, 2)
	z, az := make([]float64, n), make([]float64, n)
	s := sampler{minProbes: minProbes, rel: opts.RelTol, abs: opts.AbsTol}
	res := func(conv bool) TraceResult {
		return TraceResult{Estimate: s.mean, StdErr: s.stdErr(), Ops: s.n, Probes: s.n, Converged: conv}
	}
	for s.n < maxOps {
		if err := ctx.Err(); err != nil {
			return res(false), fmt.Errorf("lanczos: stopped after %d operator applications: %w", s.n, err)
		}
		rademacher(rng, z)
		if err := applyChecked(op, az, z, s.n+1); err != nil {
			return TraceResult{}, err
		}
		s.add(kernels.Dot(z, az))
		if s.done() {
			return res(true), nil
		}
	}
	return res(false), nil
}

// HutchPlusPlus estimates tr(A) by Hutch++ (Meyer, Musco, Musco and
// Woodruff, SOSA 2021): it applies A to Sketch random sign vectors,
// orthonormalizes the results into Q (CGS2, dropping dependent ones),
// takes tr(QᵀAQ) exactly, and adds Hutchinson's estimate of the trace of
// the deflated operator (I−QQᵀ)A(I−QQᵀ), sample by sample until the
// stopping rule of opts is met or the budget is spent. When A has a few
// dominant eigenvalues (a low-rank-plus-noise Hessian, say) their part,
// which dominates Hutchinson's variance, is taken exactly, and the error
// falls like 1/ops instead of 1/√ops. StdErr is that of the deflated part.
// Memory is Sketch+2 n-vectors. Errors are as for Hutchinson.
func HutchPlusPlus(ctx context.Context, op Operator, opts *TraceOptions) (TraceResult, error) {
	if opts == nil {
		opts = &TraceOptions{}
	}
	n, maxOps, minProbes, err := traceSetup(ctx, op, opts)
	if err != nil {
		return TraceResult{}, err
	}
	sk := opts.Sketch
	if sk == 0 {
		sk = maxOps / 3
	}
	sk = min(sk, n)
	if sk < 1 || maxOps < 2*sk+minProbes {
		return TraceResult{}, invalid("MaxOps = %d is too small for Sketch = %d: need 2·Sketch + MinProbes = %d",
			maxOps, sk, 2*sk+minProbes)
	}
	rng := newRand(opts.Seed, 3)
	q := make([]float64, sk*n)
	g, w := make([]float64, n), make([]float64, n)
	c, c2 := make([]float64, sk), make([]float64, 2*sk)
	ops := 0
	stopped := func(err error) error {
		return fmt.Errorf("lanczos: stopped after %d operator applications: %w", ops, err)
	}

	// Q = orth(A·S): row by row, each orthogonalized against the rows
	// before it; a row that falls into their span (A has lower rank than
	// the sketch) is dropped.
	rank := 0
	for range sk {
		if err := ctx.Err(); err != nil {
			return TraceResult{Ops: ops, StdErr: math.Inf(1)}, stopped(err)
		}
		rademacher(rng, g)
		row := q[rank*n : (rank+1)*n]
		ops++
		if err := applyChecked(op, row, g, ops); err != nil {
			return TraceResult{}, err
		}
		nrm0 := kernels.Norm(row)
		nrm := orthogonalize(q, n, rank, row, c, c2)
		if nrm > 0x1p-40*nrm0 { // else rounding noise of a dependent row
			scaleTo(row, nrm)
			rank++
		}
	}

	// tr(QᵀAQ), exactly.
	var t1 float64
	for i := range rank {
		if err := ctx.Err(); err != nil {
			return TraceResult{Ops: ops, StdErr: math.Inf(1), Rank: rank}, stopped(err)
		}
		qi := q[i*n : (i+1)*n]
		ops++
		if err := applyChecked(op, w, qi, ops); err != nil {
			return TraceResult{}, err
		}
		t1 += kernels.Dot(qi, w)
	}

	s := sampler{minProbes: minProbes, rel: opts.RelTol, abs: opts.AbsTol, offset: t1}
	res := func(conv bool) TraceResult {
		return TraceResult{Estimate: t1 + s.mean, StdErr: s.stdErr(), Ops: ops, Probes: s.n, Converged: conv, Rank: rank}
	}
	if rank == n {
		// Q spans R^n: tr(QᵀAQ) is the trace.
		r := res(true)
		r.StdErr = 0
		return r, nil
	}
	for ops < maxOps {
		if err := ctx.Err(); err != nil {
			return res(false), stopped(err)
		}
		// g ← (I−QQᵀ)g; then gᵀ(I−QQᵀ)A(I−QQᵀ)g = gᵀAg.
		rademacher(rng, g)
		if rank > 0 {
			kernels.MatVec(rank, n, 1, q[:rank*n], n, g, 0, c[:rank])
			kernels.MatTVec(rank, n, -1, q[:rank*n], n, c[:rank], 1, g)
		}
		ops++
		if err := applyChecked(op, w, g, ops); err != nil {
			return TraceResult{}, err
		}
		s.add(kernels.Dot(g, w))
		if s.done() {
			return res(true), nil
		}
	}
	return res(false), nil
}

// rademacher fills x with independent random signs ±1, the probes of the
// trace estimators (the lowest-variance choice for Hutchinson's estimator).
func rademacher(r *rand.Rand, x []float64) {
	for i := 0; i < len(x); i += 64 {
		bits := r.Uint64()
		for j := i; j < min(i+64, len(x)); j++ {
			x[j] = float64(1 - 2*int(bits&1))
			bits >>= 1
		}
	}
}
