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

	// CheckSymmetry, if set, tests before the estimate whether op is
	// symmetric, as Options.CheckSymmetry does for Eigs, with RelTol as
	// the relative asymmetry it accepts beyond rounding (so with RelTol 0
	// only rounding is accepted, which an operator computed in float32
	// or by finite differences fails). It costs 2 applications, counted
	// in Ops and MaxOps, and, for Hutchinson, one more n-vector. The
	// trace itself needs no symmetry (E zᵀAz = tr(A) for any A), but an
	// operator that fails the test is usually one whose products are
	// wrong: a finite-difference Hessian crossing the kinks of a ReLU
	// network, whose trace can come out several times too large.
	CheckSymmetry bool
}

// TraceResult is a trace estimate. When an estimator returns an error,
// Estimate is NaN (and StdErr +Inf) unless the error is the context's and
// samples had been taken: then the fields describe those samples, a valid
// estimate with its standard error.
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
	// Sketch, less the sketch vectors that were linearly dependent; 0 when
	// a cancelled HutchPlusPlus had no deflated sample yet and Estimate is
	// Hutchinson's estimate from its sketch's probes.
	Rank int
}

// noEstimate is the TraceResult of an error before any estimate exists.
func noEstimate(ops int) TraceResult {
	return TraceResult{Estimate: math.NaN(), StdErr: math.Inf(1), Ops: ops}
}

// traceSetup validates the options common to both estimators.
func traceSetup(ctx context.Context, op Operator, o *TraceOptions) (n, maxOps, minProbes int, err error) {
	if ctx == nil {
		return 0, 0, 0, invalid("nil context")
	}
	n, err = checkOperator(op)
	if err != nil {
		return 0, 0, 0, err
	}
	if n == 0 {
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
	if o.CheckSymmetry && maxOps <= 2 {
		return 0, 0, 0, invalid("MaxOps = %d leaves no applications after the symmetry check (2)", maxOps)
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

// estimate returns the sampled estimate, NaN without samples.
func (s *sampler) estimate() float64 {
	if s.n == 0 {
		return math.NaN()
	}
	return s.offset + s.mean
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
// two n-vectors. A cancelled ctx returns its error with the estimate from
// the samples so far (NaN before the first); a NaN or Inf from op returns
// ErrNonFinite; a failed symmetry check (TraceOptions.CheckSymmetry) an
// *AsymmetryError.
func Hutchinson(ctx context.Context, op Operator, opts *TraceOptions) (TraceResult, error) {
	if opts == nil {
		opts = &TraceOptions{}
	}
	n, maxOps, minProbes, err := traceSetup(ctx, op, opts)
	if err != nil {
		return noEstimate(0), err
	}
	z, az := make([]float64, n), make([]float64, n)
	ops := 0
	if opts.CheckSymmetry {
		ops, err = checkSymmetry(ctx, op, n, opts.RelTol, opts.Seed, z, az, make([]float64, n))
		if err != nil {
			return noEstimate(ops), err
		}
	}
	rng := newRand(opts.Seed, 2)
	s := sampler{minProbes: minProbes, rel: opts.RelTol, abs: opts.AbsTol}
	res := func(conv bool) TraceResult {
		return TraceResult{Estimate: s.estimate(), StdErr: s.stdErr(), Ops: ops, Probes: s.n, Converged: conv}
	}
	for ops < maxOps {
		if err := ctx.Err(); err != nil {
			return res(false), fmt.Errorf("lanczos: stopped after %d operator applications: %w", ops, err)
		}
		rademacher(rng, z)
		ops++
		if err := applyChecked(op, az, z, ops); err != nil {
			return noEstimate(ops), err
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
// Memory is Sketch+2 n-vectors. Errors are as for Hutchinson; cancelled
// before its first deflated sample, it returns Hutchinson's estimate from
// the sketch's sign vectors (each sketch application gives one sample
// zᵀAz), with Rank 0.
func HutchPlusPlus(ctx context.Context, op Operator, opts *TraceOptions) (TraceResult, error) {
	if opts == nil {
		opts = &TraceOptions{}
	}
	n, maxOps, minProbes, err := traceSetup(ctx, op, opts)
	if err != nil {
		return noEstimate(0), err
	}
	check := 0
	if opts.CheckSymmetry {
		check = 2
	}
	sk := opts.Sketch
	if sk == 0 {
		sk = (maxOps - check) / 3
	}
	sk = min(sk, n)
	if sk < 1 || maxOps < 2*sk+minProbes+check {
		return noEstimate(0), invalid("MaxOps = %d is too small for Sketch = %d: need 2·Sketch + MinProbes (+ 2 for CheckSymmetry) = %d",
			maxOps, sk, 2*sk+minProbes+check)
	}
	q := make([]float64, sk*n)
	g, w := make([]float64, n), make([]float64, n)
	ops := 0
	if check > 0 {
		ops, err = checkSymmetry(ctx, op, n, opts.RelTol, opts.Seed, g, w, q[:n])
		if err != nil {
			return noEstimate(ops), err
		}
	}
	rng := newRand(opts.Seed, 3)
	c, c2 := make([]float64, sk), make([]float64, 2*sk)
	// sketch holds the samples gᵀAg of the sketch's sign vectors g:
	// Hutchinson's estimate, the answer if the estimator is stopped
	// before the deflated part has a sample.
	sketch := sampler{minProbes: minProbes}
	stopped := func(err error) (TraceResult, error) {
		r := TraceResult{Estimate: sketch.estimate(), StdErr: sketch.stdErr(), Ops: ops, Probes: sketch.n}
		return r, fmt.Errorf("lanczos: stopped after %d operator applications: %w", ops, err)
	}

	// Q = orth(A·S): row by row, each orthogonalized against the rows
	// before it; a row that falls into their span (A has lower rank than
	// the sketch) is dropped.
	rank := 0
	for range sk {
		if err := ctx.Err(); err != nil {
			return stopped(err)
		}
		rademacher(rng, g)
		row := q[rank*n : (rank+1)*n]
		ops++
		if err := applyChecked(op, row, g, ops); err != nil {
			return noEstimate(ops), err
		}
		sketch.add(kernels.Dot(g, row))
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
			return stopped(err)
		}
		qi := q[i*n : (i+1)*n]
		ops++
		if err := applyChecked(op, w, qi, ops); err != nil {
			return noEstimate(ops), err
		}
		t1 += kernels.Dot(qi, w)
	}

	s := sampler{minProbes: minProbes, rel: opts.RelTol, abs: opts.AbsTol, offset: t1}
	res := func(conv bool) TraceResult {
		return TraceResult{Estimate: s.estimate(), StdErr: s.stdErr(), Ops: ops, Probes: s.n, Converged: conv, Rank: rank}
	}
	if rank == n {
		// Q spans R^n: tr(QᵀAQ) is the trace.
		return TraceResult{Estimate: t1, Ops: ops, Converged: true, Rank: rank}, nil
	}
	for ops < maxOps {
		if err := ctx.Err(); err != nil {
			if s.n == 0 {
				return stopped(err)
			}
			return res(false), fmt.Errorf("lanczos: stopped after %d operator applications: %w", ops, err)
		}
		// g ← (I−QQᵀ)g; then gᵀ(I−QQᵀ)A(I−QQᵀ)g = gᵀAg.
		rademacher(rng, g)
		if rank > 0 {
			kernels.MatVec(rank, n, 1, q[:rank*n], n, g, 0, c[:rank])
			kernels.MatTVec(rank, n, -1, q[:rank*n], n, c[:rank], 1, g)
		}
		ops++
		if err := applyChecked(op, w, g, ops); err != nil {
			return noEstimate(ops), err
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
