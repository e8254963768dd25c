package lanczos

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"

	"github.com/samkern/samkern/kernels"
)

// Which selects the eigenvalues Eigs computes.
type Which int

const (
	// LargestAlgebraic asks for the k largest eigenvalues, λ₁ ≥ λ₂ ≥ ...
	// (the top of a Hessian's spectrum). It is the zero value.
	LargestAlgebraic Which = iota
	// SmallestAlgebraic asks for the k smallest eigenvalues, most
	// negative first.
	SmallestAlgebraic
	// LargestMagnitude asks for the k eigenvalues of largest |λ|.
	LargestMagnitude
	// BothEnds asks for ⌈k/2⌉ eigenvalues from the top of the spectrum
	// and ⌊k/2⌋ from the bottom, as ARPACK's "BE".
	BothEnds
)

// String returns the ARPACK-style name: "LA", "SA", "LM" or "BE".
func (w Which) String() string {
	switch w {
	case LargestAlgebraic:
		return "LA"
	case SmallestAlgebraic:
		return "SA"
	case LargestMagnitude:
		return "LM"
	case BothEnds:
		return "BE"
	}
	return fmt.Sprintf("Which(%d)", int(w))
}

// Defaults used for zero fields of Options.
const (
	// DefaultTol is the default relative residual tolerance.
	DefaultTol = 1e-8
	// DefaultMaxOps is the default budget of operator applications.
	DefaultMaxOps = 10000
)

// Options configures Eigs. The zero value (or a nil *Options) asks for the
// largest algebraic eigenvalues with the defaults below.
type Options struct {
	// Which selects the part of the spectrum; the zero value is
	// LargestAlgebraic.
	Which Which

	// Tol is the residual tolerance: a Ritz pair (θ, x) has converged
	// when ‖A·x − θ·x‖ ≤ Tol·s, where s is the largest |Ritz value| seen
	// so far, an estimate of ‖A‖ from below (Result.Scale). Because
	// |θ − λ| ≤ ‖A·x − θ·x‖ for some eigenvalue λ, converged values are
	// within Tol·‖A‖ of the spectrum. 0 means DefaultTol. Rounding makes
	// residuals below about 1e-14·‖A‖ unreachable.
	Tol float64

	// MaxBasis is the number of basis vectors kept (ARPACK's ncv): memory
	// is (MaxBasis+1)·n float64s for the basis plus k·n for the returned
	// eigenvectors, and nothing else of size n. It must be at least k+2
	// (unless it reaches n). 0 means min(n, max(2k+1, 20)); values above
	// n are reduced to n.
	MaxBasis int

	// MaxOps caps the operator applications, including those kept for
	// the final check of the residuals (k+1 for k ≥ 2 without Confirm,
	// else k; none with EstimateResiduals; see Result.Residuals) and the
	// 2 of CheckSymmetry. 0 means
	// DefaultMaxOps. When the budget runs out first, Eigs returns a
	// *NoConvergenceError with Reason BudgetExhausted.
	MaxOps int

	// Start is the start vector (length n, finite, not zero); nil means
	// a Gaussian random vector drawn from Seed. It is not modified.
	Start []float64

	// Seed seeds the random numbers: the start vector when Start is nil,
	// and the vectors that continue the iteration after an invariant
	// subspace. The same Seed gives the same result.
	Seed uint64

	// EstimateResiduals, if set, skips the final check of the residuals
	// and its operator application: Result.Residuals then holds the
	// Lanczos estimates |bᵀy| (ARPACK's convention). For a symmetric
	// operator computed to working precision they agree with ‖A·x − θ·x‖
	// to rounding (about 1e-15·‖A‖·√basis), since full
	// reorthogonalization keeps the basis orthonormal; for a noisy or
	// non-symmetric one they can be far below it.
	EstimateResiduals bool

	// Confirm, if set, makes Eigs check that no copy of a wanted
	// eigenvalue is missing. A Krylov space grown from one vector holds
	// one direction of each eigenspace; Eigs finds further copies of a
	// repeated eigenvalue (or the zeros of a rank-deficient matrix) when
	// that space becomes invariant, but if the wanted pairs converge
	// before it does, the next distinct eigenvalue takes the copy's place,
	// as in every single-vector method (ARPACK's too). With Confirm, once
	// the k pairs have converged Eigs locks them and explores a random
	// vector orthogonal to them until its most wanted Ritz pair has
	// converged; if that pair belongs among the k, it joins them and
	// another round follows. This costs roughly another solve's operator
	// applications.
	Confirm bool

	// CheckSymmetry, if set, tests before the solve whether op is
	// symmetric, at the cost of 2 operator applications (counted in Ops
	// and MaxOps): for random unit vectors u and v it compares u·(A·v)
	// with v·(A·u) and returns an *AsymmetryError (wrapping
	// ErrNotSymmetric) when they differ by more than the rounding of the
	// two dot products plus Tol times the operator's scale along u and v.
	// The allowance makes it a test of whether the operator can deliver
	// Tol: a finite-difference Hessian-vector product accurate to 1e-6
	// passes at Tol 1e-5 and fails at 1e-8, where the solve would end in
	// a NoConvergenceError with Reason ResidualFloor after many more
	// applications. Two random vectors see a typical entry of A − Aᵀ, not
	// its largest, so a pass is evidence, not proof.
	CheckSymmetry bool

	// Progress, if not nil, is called after every Lanczos step with the
	// current state. Its slices are reused; copy them to keep them.
	// Cancel the context to stop early.
	Progress func(Progress)
}

// Progress is the state of Eigs passed to Options.Progress.
type Progress struct {
	// Ops is the number of operator applications so far, Restarts the
	// number of thick restarts, Basis the current basis size, and
	// Converged how many of the wanted pairs have converged.
	Ops, Restarts, Basis, Converged int
	// Values are the current approximations of the wanted eigenvalues,
	// ordered as in Result, and Residuals their residual estimates.
	Values, Residuals []float64
	// Scale is the largest |Ritz value| seen, the scale of Tol.
	Scale float64
}

// Result holds the eigenpairs Eigs found.
type Result struct {
	// Values are the eigenvalues: descending for LargestAlgebraic and
	// BothEnds, ascending for SmallestAlgebraic, by descending |λ| for
	// LargestMagnitude.
	Values []float64
	// Vectors[i] is the unit eigenvector of Values[i]; the rows share one
	// allocation of k·n float64s.
	Vectors [][]float64
	// Residuals[i] is ‖A·x − λ·x‖ for Vectors[i] and Values[i], or for a
	// linear operator an upper bound on it (up to rounding), checked with
	// the operator (CheckOps says how):
	//
	//   - for k ≥ 2, the Lanczos estimate |bᵀy| plus the larger of two
	//     measures of how far the operator's products are from the
	//     Lanczos relation A·V = V·T + v·bᵀ the solver built from them.
	//     One is the norm of all that the reorthogonalization removed
	//     beyond the recurrence, collected during the iteration at no
	//     cost: for a linear operator (symmetric or not) it bounds the
	//     relation's error, so the sum bounds the residual up to rounding.
	//     The other is the relation's error along one random unit
	//     combination z of the returned vectors, ‖A·z − Σcᵢ(λᵢxᵢ + (bᵀyᵢ)v)‖,
	//     one operator application: it sees products that are not
	//     linear, such as noisy finite differences, though as one sample
	//     of their error, not a bound;
	//   - for k = 1, after a Confirm round, or when one of those bounds is
	//     above Tol·Scale: ‖A·x − λ·x‖ recomputed with one operator
	//     application per pair.
	//
	// With EstimateResiduals, or when Eigs was cancelled or ran out of
	// budget, they are the Lanczos estimates.
	Residuals []float64
	// Converged[i] reports Residuals[i] ≤ Tol·Scale.
	Converged []bool
	// Ops is the number of operator applications, Restarts the number of
	// thick restarts, and CheckOps how many of the Ops the final check of
	// the residuals spent: for k = 1 always 1 (the residual recomputed);
	// for k ≥ 2, 1 when the bounds passed (the random combination), k+1
	// when the combination failed and every residual was recomputed, k
	// when the free bound already failed or after a Confirm round; 0
	// without a check. Ops − CheckOps, less the 2 of CheckSymmetry, is
	// the count under ARPACK's convention, which only estimates residuals.
	Ops, Restarts, CheckOps int
	// Scale is the largest |Ritz value| seen, the estimate of ‖A‖ that
	// Tol is relative to.
	Scale float64
}

// Eigs computes k eigenpairs of the symmetric operator op at the end of
// the spectrum opts.Which selects, by thick-restart Lanczos (Wu and Simon,
// SIAM J. Matrix Anal. Appl. 22, 2000) with full reorthogonalization.
//
// Every new Lanczos vector is orthogonalized against the whole basis
// (kernels.MatVec and MatTVec on the row-major basis, a second pass when
// the first lost digits), so no spurious copies of converged eigenvalues
// ("ghosts") appear. After every step the Ritz values and their residual
// estimates are updated, and a pair has converged when its residual is at
// most Tol times the largest |Ritz value| seen; so Eigs stops at the step
// where the last wanted pair converges, not at the end of a cycle. When
// the basis is full, Eigs keeps the wanted Ritz vectors, one neighbour for
// each converged wanted pair (ARPACK's rule), and more where a tight gap
// follows the wanted values, and continues from the residual.
//
// When the Krylov space becomes invariant (the new vector vanishes), Eigs
// continues with a random vector orthogonal to the basis, so eigenvalues
// the start vector cannot see, such as the second copy of a repeated
// eigenvalue, are still found, and it does not report convergence until
// that new direction has been explored far enough to show whether it
// holds a wanted eigenvalue: its own most wanted Ritz pair has converged,
// or it became invariant too without one. Options.Confirm covers the
// copies that the iteration converges without.
//
// Errors: k must satisfy 0 < k < n and op must be applicable
// (ErrInvalidArgument, as for bad options); a NaN or Inf from op stops the
// solver (ErrNonFinite); Options.CheckSymmetry can refuse op
// (*AsymmetryError); a cancelled ctx returns ctx's error (errors.Is works)
// together with the Result so far; a *NoConvergenceError, again with the
// Result, reports an exhausted budget or residuals that the operator
// cannot bring below Tol (its Reason). In those early cases the Result
// holds the current approximations, flagged by Converged, and no further
// operator applications are made.
func Eigs(ctx context.Context, op Operator, k int, opts *Options) (*Result, error) {
	if opts == nil {
		opts = &Options{}
	}
	s, err := newEigSolver(ctx, op, k, opts)
	if err != nil {
		return nil, err
	}
	if opts.CheckSymmetry {
		if err := s.checkSymmetry(ctx, opts.Seed); err != nil {
			if cerr := ctx.Err(); cerr != nil && errors.Is(err, cerr) {
				res, _ := s.result() // no pairs yet: only Ops
				return res, err
			}
			return nil, err
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			res, rerr := s.result()
			if rerr != nil {
				return nil, rerr
			}
			return res, fmt.Errorf("lanczos: stopped after %d operator applications: %w", s.ops, err)
		}
		if s.ops >= s.budget {
			res, err := s.result()
			if err != nil {
				return nil, err
			}
			return res, s.noConvergence(res, BudgetExhausted, nil)
		}
		if s.j == s.m {
			if err := s.ensureVectors(); err != nil {
				return nil, err
			}
			s.restart()
		}
		if err := s.step(); err != nil {
			return nil, err
		}
		if err := s.ritz(); err != nil {
			return nil, err
		}
		nconv := s.converged()
		if opts.Progress != nil {
			opts.Progress(s.progress(nconv))
		}
		if nconv == s.k && !s.vectors {
			// The fast per-step values passed; decide on the full
			// solve's, which the Result and the locking use.
			if err := s.ensureVectors(); err != nil {
				return nil, err
			}
			nconv = s.converged()
		}
		if nconv == s.k {
			if !opts.Confirm || s.full || s.confirmed() {
				break
			}
			if err := s.lock(); err != nil {
				return nil, err
			}
		}
	}
	res, err := s.result()
	if err != nil {
		return nil, err
	}
	estimates := res.Residuals
	if !opts.EstimateResiduals {
		estimates = slices.Clone(res.Residuals)
		bounded := false
		if s.k > 1 && !s.locked {
			if bounded, err = s.boundResiduals(res); err != nil {
				return nil, err
			}
		}
		if !bounded {
			if err := s.checkResiduals(res); err != nil {
				return nil, err
			}
		}
	}
	for _, c := range res.Converged {
		if !c {
			// The iteration stops only when every estimate has passed (or
			// the basis spans R^n, where they are exact), so the
			// recomputed residuals are what failed.
			return res, s.noConvergence(res, ResidualFloor, estimates)
		}
	}
	return res, nil
}

// eigSolver is the state of one Eigs call. The basis lives in v as the rows
// 0..j−1 of a row-major (m+1)×n matrix, with the next (normalized) Lanczos
// vector in row j; t holds the projected matrix T = VᵀAV of the first j
// rows and b the coupling of the basis to the next vector:
//
//	A·V_j = V_j·T_j + v_j·bᵀ
//
// Between restarts b = β·e_{j−1} (plain Lanczos); right after a restart
// T is the diagonal of the kept Ritz values and b their residual
// coefficients, which the next step puts into T's arrow.
type eigSolver struct {
	op       Operator
	n, k, m  int
	which    Which
	tol      float64
	v        []float64 // (m+1)·n basis
	rows     [][]float64
	t, a     []float64 // m×m: T, and the eigenvectors of T_j (columns)
	b        []float64 // coupling, m
	theta    []float64 // Ritz values, ascending, m
	res      []float64 // residual estimates per Ritz index, m
	order    []int     // Ritz indices, most wanted first
	sorted   []int     // scratch for wanted
	work     []float64 // Dsyev work
	c, c2    []float64 // Gram–Schmidt coefficients (m+1) and scratch (2(m+1))
	scratch  []float64 // m, for fenced
	yt, tmp  []float64 // restart: kept Ritz vectors (rows), block buffer
	j        int       // basis size
	ops      int
	budget   int // operator applications the iteration may use
	restarts int
	scale    float64 // largest |Ritz value| seen
	anorm    float64 // largest of scale and ‖A·v‖ seen
	full     bool    // the basis spans R^n
	// Blocks: an invariant subspace ends a block of the basis and a
	// random vector starts the next (see converged).
	fresh   []bool    // per row: part of the current block
	wfresh  []float64 // per Ritz index: weight of its vector on fresh rows
	broke   bool      // an invariant subspace has been found
	ended   bool      // ... in the last step: the current block is empty
	random  bool      // the current block started from a random vector
	confirm bool      // the current block is a Confirm round
	endLo   float64   // extreme Ritz values of the block that ended last,
	endHi   float64   // ... if random; ±Inf (no information) if not
	rng     *rand.Rand
	reserve int // applications kept for the residual check
	// relErr2 is the squared Frobenius norm of what reorthogonalization
	// and breakdowns dropped from the relation A·V = V·T + v·bᵀ, a bound
	// on its error for a linear operator (see boundResiduals); locked
	// reports a Confirm round, whose dropped couplings it does not count.
	relErr2 float64
	locked  bool
	// The per-step test works on T in tridiagonal form (see ritz): its
	// diagonal td and off-diagonal te, valid while tri is set, and
	// scratch for tridiagLast. vectors reports that a holds the
	// eigenvectors of the current T.
	td, te, dd, ee, zz []float64
	tri, vectors       bool
	tau, trwork        []float64 // Dsytrd
}

// newEigSolver validates the arguments and sets up the start vector.
func newEigSolver(ctx context.Context, op Operator, k int, o *Options) (*eigSolver, error) {
	if ctx == nil {
		return nil, invalid("nil context")
	}
	n, err := checkOperator(op)
	if err != nil {
		return nil, err
	}
	if k <= 0 || k >= n {
		return nil, invalid("k = %d, need 0 < k < n = %d", k, n)
	}
	if o.Which < LargestAlgebraic || o.Which > BothEnds {
		return nil, invalid("unknown Which %d", int(o.Which))
	}
	tol := o.Tol
	if tol == 0 {
		tol = DefaultTol
	}
	if !(tol > 0 && tol < 1) {
		return nil, invalid("Tol = %g, need 0 ≤ Tol < 1", o.Tol)
	}
	m := o.MaxBasis
	if m < 0 {
		return nil, invalid("MaxBasis = %d < 0", m)
	}
	if m == 0 {
		m = max(2*k+1, 20)
	}
	m = min(m, n)
	if m < k+2 && m < n {
		return nil, invalid("MaxBasis = %d, need at least k+2 = %d", o.MaxBasis, k+2)
	}
	maxOps := o.MaxOps
	if maxOps < 0 {
		return nil, invalid("MaxOps = %d < 0", maxOps)
	}
	if maxOps == 0 {
		maxOps = DefaultMaxOps
	}
	reserve := k // the recomputation, and for k ≥ 2 the probe before it
	if k > 1 && !o.Confirm {
		reserve = k + 1
	}
	if o.EstimateResiduals {
		reserve = 0
	}
	check := 0
	if o.CheckSymmetry {
		check = 2
	}
	if maxOps <= reserve+check {
		return nil, invalid("MaxOps = %d leaves no applications for the iteration (%d go to the residual check, %d to the symmetry check)", maxOps, reserve, check)
	}
	if o.Start != nil && len(o.Start) != n {
		return nil, invalid("len(Start) = %d, need n = %d", len(o.Start), n)
	}

	s := &eigSolver{
		op: op, n: n, k: k, m: m, which: o.Which, tol: tol,
		v:       make([]float64, (m+1)*n),
		t:       make([]float64, m*m),
		a:       make([]float64, m*m),
		b:       make([]float64, m),
		theta:   make([]float64, m),
		res:     make([]float64, m),
		order:   make([]int, m),
		sorted:  make([]int, m),
		fresh:   make([]bool, m+1),
		wfresh:  make([]float64, m),
		c:       make([]float64, m+1),
		c2:      make([]float64, 2*(m+1)),
		scratch: make([]float64, m),
		yt:      make([]float64, m*m),
		tmp:     make([]float64, m*combineCols(m)),
		budget:  maxOps - reserve,
		reserve: reserve,
		rng:     newRand(o.Seed, 1),
		td:      make([]float64, m),
		te:      make([]float64, m),
		dd:      make([]float64, m),
		ee:      make([]float64, m),
		zz:      make([]float64, m),
		tau:     make([]float64, m),
		tri:     true,
	}
	s.rows = make([][]float64, m+1)
	for i := range s.rows {
		s.rows[i] = s.v[i*n : (i+1)*n : (i+1)*n]
	}
	var w [1]float64
	gonum.Implementation{}.Dsyev(lapack.EVCompute, blas.Upper, m, s.a, m, s.theta, w[:], -1)
	s.work = make([]float64, max(int(w[0]), 3*m))
	gonum.Implementation{}.Dsytrd(blas.Upper, m, s.a, m, s.dd, s.ee, s.tau, w[:], -1)
	s.trwork = make([]float64, max(int(w[0]), 1))

	v0 := s.rows[0]
	if o.Start != nil {
		copy(v0, o.Start)
	} else {
		gaussian(s.rng, v0)
	}
	nrm := kernels.Norm(v0)
	if math.IsNaN(nrm) || math.IsInf(nrm, 0) {
		return nil, invalid("Start has a NaN or Inf (or its norm overflows)")
	}
	if nrm == 0 {
		return nil, invalid("Start is the zero vector")
	}
	scaleTo(v0, nrm)
	for i := range s.fresh {
		s.fresh[i] = true
	}
	s.random = o.Start == nil
	return s, nil
}

// step applies the operator to the newest basis vector, orthogonalizes the
// result against the basis and appends it: one Lanczos step.
func (s *eigSolver) step() error {
	j, m := s.j, s.m
	w := s.rows[j+1]
	s.op.Apply(w, s.rows[j])
	s.ops++
	nrm0 := kernels.Norm(w)
	if math.IsNaN(nrm0) || math.IsInf(nrm0, 0) {
		return fmt.Errorf("lanczos: the operator returned %w (application %d)", ErrNonFinite, s.ops)
	}
	s.anorm = max(s.anorm, nrm0)
	alpha, beta := s.orthogonalizeStep(w)

	// T grows by a row and column: α on the diagonal and the old
	// coupling b (β of the previous step, or the restart's arrow) off
	// it.
	s.t[j*m+j] = alpha
	plain := true // the coupling is β·e_{j−1} alone (or nothing)
	for i := range j {
		s.t[i*m+j] = s.b[i]
		s.t[j*m+i] = s.b[i]
		if s.b[i] != 0 && i != j-1 {
			plain = false
		}
	}
	if plain && s.tri {
		s.td[j] = alpha
		if j > 0 {
			s.te[j-1] = s.b[j-1]
		}
	} else {
		s.tridiagonalize(j + 1)
	}
	clear(s.b)
	s.j = j + 1
	s.fresh[j+1] = s.fresh[j]
	if s.j == s.n {
		s.full = true // w is rounding noise: R^n has no room for it
		s.relErr2 += beta * beta
		return nil
	}
	if beta <= s.breakdown() {
		s.relErr2 += beta * beta // dropped from the relation with w
		// An invariant subspace: A·V_j lies in span V_j to working
		// precision. Continue with a random direction orthogonal to it,
		// with zero coupling, so that T stays VᵀAV.
		if !s.randomOrthogonal(w) {
			s.full = true
		}
		s.ended = true // ritz closes the block
		return nil
	}
	scaleTo(w, beta)
	s.b[j] = beta
	return nil
}

// orthogonalizeStep makes w = A·v_j orthogonal to the basis v_0..v_j and
// returns α = v_jᵀ·A·v_j and β = ‖w‖ after that. It first subtracts the
// part the recurrence already knows, A·v_j's coupling b to the older
// vectors (β·v_{j−1}, or the restart's arrow) and α·v_j, which touches
// only those vectors; what is left lies along the rest of the basis only
// through rounding and the loss of orthogonality. One classical
// Gram–Schmidt pass against the whole basis removes that, and a second
// (third) runs only when a pass lost more than the DGKS fraction of the
// norm, as in ARPACK's dsaitr. Against the previous CGS2 (three reads of
// the basis per step even when blocked) this reads it twice in the common
// case; the coefficients of the full pass are rounding-level corrections:
// the one on v_j is added to α, the others are dropped as before.
func (s *eigSolver) orthogonalizeStep(w []float64) (alpha, beta float64) {
	j, n := s.j, s.n
	// The coupling is nonzero on a contiguous range of rows: the
	// restart's kept vectors, or row j−1.
	lo, hi := j, j
	for i, bi := range s.b[:j] {
		if bi != 0 {
			lo, hi = min(lo, i), i+1
		}
	}
	if hi > lo {
		kernels.MatTVec(hi-lo, n, -1, s.v[lo*n:hi*n], n, s.b[lo:hi], 1, w)
	}
	vj := s.rows[j]
	alpha = kernels.Dot(vj, w)
	kernels.Axpy(-alpha, vj, w)
	prev := kernels.Norm(w)
	basis := s.v[:(j+1)*n]
	c := s.c[:j+1]
	var dropped float64 // ‖Σ over passes of c[:j]‖, bounded by the sum of norms
	for pass := 0; ; pass++ {
		kernels.MatVec(j+1, n, 1, basis, n, w, 0, c)
		kernels.MatTVec(j+1, n, -1, basis, n, c, 1, w)
		alpha += c[j]
		dropped += kernels.Norm(c[:j])
		nrm := kernels.Norm(w)
		if nrm >= dgks*prev || pass == 2 {
			s.relErr2 += dropped * dropped
			return alpha, nrm
		}
		prev = nrm
	}
}

// breakdown is the size of β at which the new vector counts as zero: small
// against the operator's scale, and far below the tolerance, so dropping it
// changes no residual by more than a hundredth of Tol.
func (s *eigSolver) breakdown() float64 {
	return min(0.01*s.tol, 0x1p-26) * max(s.anorm, s.scale)
}

// randomOrthogonal fills w with a random unit vector orthogonal to the
// first j rows, or reports false if the basis already fills R^n.
func (s *eigSolver) randomOrthogonal(w []float64) bool {
	for range 3 {
		gaussian(s.rng, w)
		nrm0 := kernels.Norm(w)
		nrm := orthogonalize(s.v, s.n, s.j, w, s.c, s.c2)
		// A random vector keeps a fraction √((n−j)/n) of its norm; far
		// less means it fell into the span and carries only noise.
		if nrm > 1e-6*nrm0 {
			scaleTo(w, nrm)
			return true
		}
	}
	return false
}

// ritz solves the projected eigenproblem of T_j after a step: the Ritz
// values, their residual estimates |bᵀy| and the order of wantedness.
// The convergence test needs no eigenvectors, only their last components
// (b is β·e_{j−1} after a step), so as long as the basis is one Krylov
// block it works on the tridiagonal form of T with tridiagLast, O(j²)
// instead of Dsyev's O(j³) with a large constant, which at a basis of 41
// was 11% of a solve with a cheap operator. The eigenvectors are computed
// by ensureVectors only where they are used: at a restart, for the Result
// and for Confirm's locking. After an invariant subspace the block
// bookkeeping needs the vectors at every step, and ritz uses Dsyev.
func (s *eigSolver) ritz() error {
	if s.broke || s.ended || !s.tri {
		return s.ritzVectors()
	}
	j := s.j
	copy(s.dd[:j], s.td[:j])
	copy(s.ee[:j], s.te[:j])
	s.ee[j-1] = 0
	if !tridiagLast(s.dd[:j], s.ee[:j], s.zz[:j]) {
		return s.ritzVectors() // LAPACK's iteration as the fallback
	}
	copy(s.theta[:j], s.dd[:j])
	beta := s.b[j-1]
	for c := range j {
		s.res[c] = math.Abs(beta * s.zz[c])
		s.wfresh[c] = 1 // no invariant subspace yet: one block
	}
	s.vectors = false
	s.scale = max(s.scale, math.Abs(s.theta[0]), math.Abs(s.theta[j-1]))
	s.anorm = max(s.anorm, s.scale)
	s.sortWanted()
	return nil
}

// tridiagonalize sets td, te to a tridiagonal matrix orthogonally similar
// to the leading j×j block of T by a transformation that leaves its last
// row and column in place (Householder from the bottom, LAPACK's Dsytrd
// with Upper), so that the eigenvalues and the last components of the
// eigenvectors are T's. It runs once per cycle, on the first step after a
// restart, when T is the kept Ritz values with the arrow of their
// couplings; the later steps append to the tridiagonal form.
func (s *eigSolver) tridiagonalize(j int) {
	m := s.m
	for r := range j {
		copy(s.a[r*m:r*m+j], s.t[r*m:r*m+j])
	}
	gonum.Implementation{}.Dsytrd(blas.Upper, j, s.a, m, s.td[:j], s.te[:max(0, j-1)], s.tau[:max(0, j-1)], s.trwork, len(s.trwork))
	s.tri = true
	s.vectors = false
}

// ensureVectors makes a hold the eigenvectors of T (for the restart, the
// Result and Confirm's locking), solving the projected problem in full
// if the last ritz took the fast path.
func (s *eigSolver) ensureVectors() error {
	if s.vectors {
		return nil
	}
	return s.ritzVectors()
}

// ritzVectors solves the projected eigenproblem of T_j in full with
// LAPACK's Dsyev: Ritz values, eigenvectors, residual estimates, and the
// weights on the current block.
func (s *eigSolver) ritzVectors() error {
	j, m := s.j, s.m
	for r := range j {
		copy(s.a[r*m:r*m+j], s.t[r*m:r*m+j])
	}
	if !(gonum.Implementation{}).Dsyev(lapack.EVCompute, blas.Upper, j, s.a, m, s.theta[:j], s.work, len(s.work)) {
		return fmt.Errorf("lanczos: the %d×%d projected eigenproblem did not converge", j, j)
	}
	for c := range j {
		var r float64
		for i, bi := range s.b[:j] {
			if bi != 0 {
				r += bi * s.a[i*m+c]
			}
		}
		s.res[c] = math.Abs(r)
		var f float64
		for i := range j {
			if s.fresh[i] {
				f += s.a[i*m+c] * s.a[i*m+c]
			}
		}
		s.wfresh[c] = f
	}
	s.vectors = true
	s.scale = max(s.scale, math.Abs(s.theta[0]), math.Abs(s.theta[j-1]))
	s.anorm = max(s.anorm, s.scale)
	s.sortWanted()
	if s.ended {
		s.endBlock()
	}
	return nil
}

// endBlock closes the current block after an invariant subspace: it
// records the block's extreme Ritz values (exact eigenvalues now) and
// makes the random vector in the next row the start of a new block.
func (s *eigSolver) endBlock() {
	s.endLo, s.endHi = math.Inf(1), math.Inf(-1)
	for c, w := range s.wfresh[:s.j] {
		if w > 0.5 {
			s.endLo = min(s.endLo, s.theta[c])
			s.endHi = max(s.endHi, s.theta[c])
		}
	}
	if !s.random || s.endLo > s.endHi {
		// A user's start vector may sit in any invariant subspace, so its
		// block says nothing about the rest of the spectrum.
		s.endLo, s.endHi = math.Inf(-1), math.Inf(1)
	}
	clear(s.fresh)
	s.fresh[s.j] = true
	clear(s.wfresh[:s.j])
	s.broke, s.ended, s.random = true, false, true
}

// sortWanted fills order[:j] with the Ritz indices, most wanted first.
// theta is ascending, so every order takes from the two ends inwards.
func (s *eigSolver) sortWanted() {
	j := s.j
	lo, hi := 0, j-1
	for i := range j {
		var top bool
		switch s.which {
		case LargestAlgebraic:
			top = true
		case SmallestAlgebraic:
			top = false
		case LargestMagnitude:
			top = math.Abs(s.theta[hi]) >= math.Abs(s.theta[lo])
		case BothEnds:
			top = i%2 == 0
		}
		if top {
			s.order[i] = hi
			hi--
		} else {
			s.order[i] = lo
			lo++
		}
	}
}

// wanted returns the indices of the kk most wanted Ritz values in the order
// of Result: as order, except that BothEnds lists them descending.
func (s *eigSolver) wanted(kk int) []int {
	w := s.order[:kk]
	if s.which != BothEnds {
		return w
	}
	w = append(s.sorted[:0], w...)
	slices.SortFunc(w, func(a, b int) int { return b - a }) // theta is ascending
	return w
}

// converged counts the wanted Ritz pairs whose residual estimate passes.
//
// An invariant subspace needs more. Its pairs are exact, but the spectrum
// outside it, which the random vector after it starts to explore in a new
// block, may still hold wanted eigenvalues (the second copy of λ₁, say)
// that the first Ritz values of that block do not show yet. So after an
// invariant subspace the count is short of k until the current block
// bounds the rest: its most wanted Ritz pair (for BothEnds, the pair at
// each end) has converged, or, if the block is still empty, the block that
// just ended (explored from a random vector to its end, so its extremes
// are those of the spectrum left outside the blocks before it) has no
// eigenvalue more wanted than the k-th wanted value. Without an invariant
// subspace the block is the whole basis and its most wanted pair is one of
// the k, so nothing changes.
func (s *eigSolver) converged() int {
	if s.full {
		return s.k
	}
	if s.j < s.k {
		return 0
	}
	nconv := 0
	for _, c := range s.order[:s.k] {
		if s.res[c] <= s.tol*s.scale {
			nconv++
		}
	}
	if nconv == s.k && s.broke && !s.bounded() {
		return s.k - 1
	}
	return nconv
}

// bounded reports whether the current block shows that no eigenvalue
// outside the explored blocks belongs among the k wanted (see converged).
func (s *eigSolver) bounded() bool {
	delta := s.tol * s.scale
	// The current block's extreme Ritz pairs.
	lo, hi := -1, -1
	for c, w := range s.wfresh[:s.j] {
		if w > 0.5 {
			if lo < 0 || s.theta[c] < s.theta[lo] {
				lo = c
			}
			if hi < 0 || s.theta[c] > s.theta[hi] {
				hi = c
			}
		}
	}
	if lo >= 0 {
		conv := func(c int) bool { return s.res[c] <= delta }
		switch s.which {
		case LargestAlgebraic:
			return conv(hi)
		case SmallestAlgebraic:
			return conv(lo)
		case LargestMagnitude:
			if math.Abs(s.theta[lo]) > math.Abs(s.theta[hi]) {
				return conv(lo)
			}
			return conv(hi)
		default:
			return conv(lo) && conv(hi)
		}
	}
	// The block is empty: the one that just ended decides.
	return s.fenced(s.endLo, s.endHi, false)
}

// fenced reports whether eigenvalues in [lo, hi] (the extremes of an
// explored block) cannot displace any of the k wanted values, to within
// Tol·Scale. With skipFresh the wanted values are chosen among the Ritz
// values off the current block only; if there are fewer than k, nothing
// can be displaced.
func (s *eigSolver) fenced(lo, hi float64, skipFresh bool) bool {
	th := s.scratch[:0] // ascending: theta is
	for c := range s.j {
		if !skipFresh || s.wfresh[c] <= 0.5 {
			th = append(th, s.theta[c])
		}
	}
	k, nt := s.k, len(th)
	if nt < k {
		return true
	}
	d := s.tol * s.scale
	switch s.which {
	case LargestAlgebraic:
		return hi <= th[nt-k]+d
	case SmallestAlgebraic:
		return lo >= th[k-1]-d
	case LargestMagnitude:
		// The k-th largest |θ|, taken from the two ends inwards.
		i, j := 0, nt-1
		var kth float64
		for range k {
			if math.Abs(th[j]) >= math.Abs(th[i]) {
				kth = math.Abs(th[j])
				j--
			} else {
				kth = math.Abs(th[i])
				i++
			}
		}
		return max(-lo, hi) <= kth+d
	default:
		top, bot := (k+1)/2, k/2
		return hi <= th[nt-top]+d && (bot == 0 || lo >= th[bot-1]-d)
	}
}

// confirmed reports, at convergence during a Confirm round, whether the
// round's block found nothing that belongs among the k wanted: its
// converged extreme values do not displace (by more than Tol·Scale) any of
// the k wanted values among the pairs from before the round.
func (s *eigSolver) confirmed() bool {
	if !s.confirm {
		return false // the first convergence: start a round
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for c, w := range s.wfresh[:s.j] {
		if w > 0.5 {
			lo, hi = min(lo, s.theta[c]), max(hi, s.theta[c])
		}
	}
	return s.fenced(lo, hi, true)
}

// lock starts a Confirm round: it keeps the k converged wanted Ritz
// vectors, drops their couplings (at most Tol·Scale each, so the
// residuals of the locked pairs stay within the tolerance; the final check
// recomputes them) and continues with a random vector orthogonal to them
// as a new block that converged must see explored. The Ritz pairs are
// recomputed for the locked basis, so that a Result taken before the next
// step is consistent.
func (s *eigSolver) lock() error {
	if err := s.ensureVectors(); err != nil {
		return err
	}
	m, k := s.m, s.k
	j := s.j
	for i, c := range s.order[:k] {
		for r := range j {
			s.yt[i*j+r] = s.a[r*m+c]
		}
	}
	combine(s.v, s.n, j, s.yt, s.rows[:k], s.tmp)
	clear(s.t)
	clear(s.b)
	for i, c := range s.order[:k] {
		s.t[i*m+i] = s.theta[c]
	}
	s.j = k
	if !s.randomOrthogonal(s.rows[k]) {
		s.full = true
	}
	clear(s.fresh)
	s.fresh[k] = true
	clear(s.wfresh)
	s.broke, s.random, s.confirm, s.locked = true, true, true, true
	s.endLo, s.endHi = math.Inf(-1), math.Inf(1)
	return s.ritz()
}

// progress returns the state for Options.Progress.
func (s *eigSolver) progress(nconv int) Progress {
	kk := min(s.k, s.j)
	p := Progress{Ops: s.ops, Restarts: s.restarts, Basis: s.j, Converged: nconv, Scale: s.scale,
		Values: s.c[:kk], Residuals: s.c2[:kk]}
	for i, c := range s.wanted(kk) {
		p.Values[i] = s.theta[c]
		p.Residuals[i] = s.res[c]
	}
	return p
}

// restart keeps the most wanted Ritz vectors of the full basis (the thick
// restart): V ← V·Y in place, T ← diag(θ), b ← Yᵀb, and the residual
// vector moves from row m to row l.
func (s *eigSolver) restart() {
	m := s.m
	l := s.keep()
	for i, c := range s.order[:l] {
		for r := range m {
			s.yt[i*m+r] = s.a[r*m+c]
		}
	}
	combine(s.v, s.n, m, s.yt, s.rows[:l], s.tmp)
	copy(s.rows[l], s.rows[m])
	// Kept vectors belong to the block they mostly lie in (T is block
	// diagonal, so each Ritz vector lies in one block but for ties); the
	// residual vector continues the current block.
	for i, c := range s.order[:l] {
		s.fresh[i] = s.wfresh[c] > 0.5
	}
	s.fresh[l] = s.fresh[m]
	nb := s.c2[:l]
	for i := range l {
		var x float64
		for r, br := range s.b[:m] {
			x += br * s.yt[i*m+r]
		}
		nb[i] = x
	}
	clear(s.t)
	clear(s.b)
	for i, c := range s.order[:l] {
		s.t[i*m+i] = s.theta[c]
		s.b[i] = nb[i]
		s.td[i], s.te[i] = s.theta[c], 0
	}
	s.tri, s.vectors = true, false
	s.j = l
	s.restarts++
}

// keep returns how many Ritz vectors the restart keeps. The base is
// ARPACK's rule (dsaup2, also Spectra's): the t targets (the k wanted, see
// targets) plus one neighbour for each of the k wanted pairs that has
// converged, at most (m−t)/2, and half the basis for a single wanted pair.
// Discarded Ritz values become the roots of the filter polynomial of the
// restart, and early in the iteration the neighbours of the wanted are poor
// approximations not worth a slot, so few are kept until the wanted pairs
// converge.
//
// The rule fails when the wanted end of the spectrum has a tight gap right
// after θ_t (λ₂ and λ₃ of a Laplacian plus a random diagonal 4·10⁻⁴ apart,
// or a cluster): discarding θ_{t+1} puts a root next to λ_t, and ARPACK
// needed 2.5 times the applications for k = 2 there as for k = 3. So keep
// also considers keeping p > p₀ (up to half the rest of the basis) with
//
//	f(p) = (m−p)·√γ_p,  γ_p = (θ_t − θ_{p+1}) / (θ_{p+1} − θ_far),
//
// θ ordered from most wanted and θ_far the other end: the exponent of the
// Chebyshev bound for θ_t over the next m−p steps (the objective of
// Yamazaki, Bai, Simon, Wang and Wu, ACM TOMS 37, 2010). It takes the best
// p only if f(p) ≥ 4·f(p₀). Ritz values that have not converged are spread
// further apart than the eigenvalues they approximate, so f overstates what
// keeping more buys; maximizing f outright kept the cap at every restart
// and needed 30% more applications than ARPACK's rule at k = 10, and the
// factor 4 was the best of 2, 3 and 4 over the benchmark operators (see the
// lanczos README). BothEnds, whose unwanted spectrum is in the middle, uses
// the base rule alone.
func (s *eigSolver) keep() int {
	t, m, k := s.targets(), s.m, s.k
	nconv := 0
	for _, c := range s.order[:k] {
		if s.res[c] <= s.tol*s.scale {
			nconv++
		}
	}
	p0 := t + min(nconv, (m-t)/2)
	if p0 == 1 && m >= 6 {
		p0 = m / 2
	}
	p0 = min(max(p0, t), m-1)
	hi := min(m-2, p0+(m-p0)/2)
	if s.which == BothEnds || hi <= p0 {
		return p0
	}
	key := func(i int) float64 {
		th := s.theta[s.order[i]]
		switch s.which {
		case SmallestAlgebraic:
			return -th
		case LargestMagnitude:
			return math.Abs(th)
		}
		return th
	}
	far := key(m - 1)
	f := func(p int) float64 {
		den := key(p) - far
		if den <= 0 {
			return 0
		}
		return float64(m-p) * math.Sqrt(max(0, key(t-1)-key(p))/den)
	}
	f0 := f(p0)
	best, fb := p0, f0
	for p := p0 + 1; p <= hi; p++ {
		if v := f(p); v > fb {
			best, fb = p, v
		}
	}
	if fb >= keepHurdle*f0 {
		return best
	}
	return p0
}

// keepHurdle is the factor by which keeping more must improve the
// Chebyshev exponent (see keep).
const keepHurdle = 4

// targets returns how many of the most wanted Ritz pairs the restart must
// keep: the k wanted, and after an invariant subspace also the current
// block's most wanted pair (both ends for BothEnds), which converged waits
// for even when it is not among the k.
func (s *eigSolver) targets() int {
	t := s.k
	if !s.broke {
		return t
	}
	first := true
	for i, c := range s.order[:s.j] {
		if s.wfresh[c] > 0.5 {
			t = max(t, i+1)
			if s.which != BothEnds || !first {
				break
			}
			first = false
		}
	}
	return t
}

// result builds the Result from the current Ritz pairs: the wanted ones
// (fewer than k if the basis is still smaller than k), their Ritz vectors
// V·y, and their residual estimates.
func (s *eigSolver) result() (*Result, error) {
	kk := min(s.k, s.j)
	if kk > 0 {
		if err := s.ensureVectors(); err != nil {
			return nil, err
		}
	}
	res := &Result{
		Values:    make([]float64, kk),
		Vectors:   make([][]float64, kk),
		Residuals: make([]float64, kk),
		Converged: make([]bool, kk),
		Ops:       s.ops,
		Restarts:  s.restarts,
		Scale:     s.scale,
	}
	if kk == 0 {
		return res, nil
	}
	j, m, n := s.j, s.m, s.n
	yt := make([]float64, kk*j)
	for i, c := range s.wanted(kk) {
		res.Values[i] = s.theta[c]
		res.Residuals[i] = s.res[c]
		res.Converged[i] = s.res[c] <= s.tol*s.scale
		for r := range j {
			yt[i*j+r] = s.a[r*m+c]
		}
	}
	x := make([]float64, kk*n)
	for i := range res.Vectors {
		res.Vectors[i] = x[i*n : (i+1)*n : (i+1)*n]
	}
	combine(s.v, n, j, yt, res.Vectors, s.tmp)
	// V·y is a unit vector only as far as the basis is orthonormal and
	// Dsyev's y is unit; normalizing makes Vectors unit to within
	// rounding, (n/2+3)·u, whatever orthogonality the basis has lost.
	for _, x := range res.Vectors {
		if nrm := kernels.Norm(x); nrm > 0 {
			kernels.Scale(1/nrm, x)
		}
	}
	return res, nil
}

// boundResiduals replaces the residual estimates of res (k ≥ 2 pairs, taken
// from the current basis by result) by the bounds of Result.Residuals and
// reports whether they all pass; one operator application, none if the
// bound from the relation's dropped parts fails already (res is then left
// to the recomputation).
//
// Why the first term bounds the relation's error: a step computes A·v_j
// and removes from it the recurrence's known part (the coupling b and α)
// and then, in each Gram–Schmidt pass, c = Vᵀw, whose component on v_j
// joins α and whose others (dropped) are rounding-level for a symmetric
// operator. So A·v_j = V·(T's column j + d_j) + β·v_{j+1} with d_j the sum
// of the dropped parts: the relation's error E has columns V·d_j, and
// ‖E‖₂ ≤ ‖E‖_F ≤ √Σ‖d_j‖² (relErr2; ‖Σ_pass c‖ ≤ Σ_pass ‖c‖). A restart
// keeps V·Y for orthonormal Y, so the error becomes E·Y with ‖E·Y‖_F ≤
// ‖E‖_F, and later steps add their own d_j. An invariant subspace, or the
// basis filling R^n, drops β·w from the relation: β² joins relErr2. For
// a Ritz pair x = V·y, T·y = θ·y, then A·x − θ·x = (bᵀy)·v + E·y, whose norm
// is at most |bᵀy| + ‖E‖₂. Rounding in the products themselves, in V·y
// and in T's eigenvectors is not counted; it is of the order of the
// residual's own rounding.
func (s *eigSolver) boundResiduals(res *Result) (bool, error) {
	j, m := s.j, s.m
	f := math.Sqrt(s.relErr2)
	for _, r := range res.Residuals {
		if !(r+f <= s.tol*s.scale) {
			return false, nil // recompute without spending the probe
		}
	}
	// Two scratch rows other than row j, the next Lanczos vector; the
	// basis rows are free now that result has taken the Ritz vectors.
	var scratch [2][]float64
	for i, f := 0, 0; f < 2; i++ {
		if i != j {
			scratch[f] = s.rows[i]
			f++
		}
	}
	z, az := scratch[0], scratch[1]
	c := s.c[:len(res.Vectors)]
	gaussian(s.rng, c)
	scaleTo(c, kernels.Norm(c))
	clear(z)
	for i, x := range res.Vectors {
		kernels.Axpy(c[i], x, z)
	}
	s.op.Apply(az, z)
	s.ops++
	res.Ops, res.CheckOps = s.ops, 1
	if nrm := kernels.Norm(az); math.IsNaN(nrm) || math.IsInf(nrm, 0) {
		return false, fmt.Errorf("lanczos: the operator returned %w (application %d)", ErrNonFinite, s.ops)
	}
	// az ← A·z − Σ cᵢ·(θᵢ·xᵢ + (bᵀyᵢ)·v_j), what the relation predicts.
	var along float64
	for i, col := range s.wanted(len(res.Vectors)) {
		kernels.Axpy(-c[i]*res.Values[i], res.Vectors[i], az)
		var r float64
		for row, br := range s.b[:j] {
			r += br * s.a[row*m+col]
		}
		along += c[i] * r
	}
	kernels.Axpy(-along, s.rows[j], az)
	nz := kernels.Norm(z)
	if !(nz > 0) {
		return false, nil
	}
	e := max(f, kernels.Norm(az)/nz)
	ok := true
	for i := range res.Residuals {
		res.Residuals[i] += e
		res.Converged[i] = res.Residuals[i] <= s.tol*s.scale
		ok = ok && res.Converged[i]
	}
	return ok, nil
}

// checkResiduals replaces the residual estimates by ‖A·x − θ·x‖, one
// operator application per pair, using the basis's first row as scratch.
func (s *eigSolver) checkResiduals(res *Result) error {
	r := s.rows[0]
	for i, x := range res.Vectors {
		s.op.Apply(r, x)
		s.ops++
		res.CheckOps++
		kernels.Axpy(-res.Values[i], x, r)
		nrm := kernels.Norm(r)
		if math.IsNaN(nrm) || math.IsInf(nrm, 0) {
			return fmt.Errorf("lanczos: the operator returned %w (application %d)", ErrNonFinite, s.ops)
		}
		res.Residuals[i] = nrm
		res.Converged[i] = nrm <= s.tol*s.scale
	}
	res.Ops = s.ops
	return nil
}

// noConvergence returns the error for res, carrying its converged pairs.
// For ResidualFloor, estimates are the Lanczos residual estimates of the
// pairs, which res.Residuals replaced by the recomputed residuals.
func (s *eigSolver) noConvergence(res *Result, why StopReason, estimates []float64) *NoConvergenceError {
	e := &NoConvergenceError{Wanted: s.k, Ops: res.Ops, MaxOps: s.budget + s.reserve, Reason: why, Tol: s.tol, Scale: s.scale}
	e.Floor = math.Inf(1)
	for i, c := range res.Converged {
		if c {
			e.Values = append(e.Values, res.Values[i])
			e.Vectors = append(e.Vectors, res.Vectors[i])
			e.Residuals = append(e.Residuals, res.Residuals[i])
		} else if why == ResidualFloor {
			e.Floor = min(e.Floor, res.Residuals[i]/s.scale)
			e.Estimate = max(e.Estimate, estimates[i]/s.scale)
		}
	}
	if why != ResidualFloor {
		e.Floor = 0
	}
	return e
}

// checkSymmetry runs the symmetry check of Options.CheckSymmetry on rows of
// the basis that hold nothing yet (row 0 is the start vector), with the
// tolerance as the allowance.
func (s *eigSolver) checkSymmetry(ctx context.Context, seed uint64) error {
	var u, v, w []float64
	if s.m >= 3 {
		u, v, w = s.rows[1], s.rows[2], s.rows[3]
	} else {
		x := make([]float64, 3*s.n) // n ≤ 2
		u, v, w = x[:s.n], x[s.n:2*s.n], x[2*s.n:]
	}
	ops, err := checkSymmetry(ctx, s.op, s.n, s.tol, seed, u, v, w)
	s.ops += ops
	return err
}
