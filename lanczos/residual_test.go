package lanczos

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The final check costs one application when it passes, for every k, and
// changes nothing but Ops and Residuals: the same iteration as without the
// check, and residuals that bound the recomputed ones.
func TestEigsResidualCheckCost(t *testing.T) {
	const n, tol = 300, 1e-10
	m := newSymMatrix(t, n, randomSymmetric(n, 5))
	for _, which := range []Which{LargestAlgebraic, SmallestAlgebraic, BothEnds} {
		for _, k := range []int{1, 2, 5, 12} {
			est, err := Eigs(bg, m.operator(), k, &Options{Which: which, Tol: tol, EstimateResiduals: true, Seed: 3})
			require.NoError(t, err)
			assert.Equal(t, 0, est.CheckOps)
			res, err := Eigs(bg, m.operator(), k, &Options{Which: which, Tol: tol, Seed: 3})
			require.NoError(t, err)
			assert.Equal(t, 1, res.CheckOps, "which %v k %d", which, k)
			assert.Equal(t, est.Ops+1, res.Ops, "which %v k %d", which, k)
			assert.Equal(t, est.Values, res.Values)
			for i, x := range res.Vectors {
				r := m.residual(x, res.Values[i])
				if k > 1 {
					// A bound: the estimate plus a non-negative term.
					assert.GreaterOrEqual(t, res.Residuals[i], est.Residuals[i])
				}
				assert.GreaterOrEqual(t, res.Residuals[i], r-m.residualSlack(), "pair %d: a bound on the residual", i)
				assert.LessOrEqual(t, res.Residuals[i], tol*res.Scale)
			}
		}
	}
}

// switching is exact (the matrix of m) for its first after applications and
// then adds delta·‖v‖ along a fixed unit vector: products that disagree
// with the relation built from the earlier ones, as a noisy operator's do,
// which the relation's dropped parts cannot see.
type switching struct {
	m     *symMatrix
	after int
	delta float64
	once  bool // change only application after+1
	calls int
}

func (s *switching) Dim() int { return s.m.n }

func (s *switching) Apply(dst, v []float64) {
	s.calls++
	n := s.m.n
	var nv float64
	for i := range n {
		var x float64
		for j, a := range s.m.a[i*n : (i+1)*n] {
			x += a * v[j]
		}
		dst[i] = x
		nv += v[i] * v[i]
	}
	if s.calls > s.after && (!s.once || s.calls == s.after+1) {
		e := s.delta * math.Sqrt(nv) / math.Sqrt(float64(n))
		for i := range dst {
			dst[i] += e // along (1, …, 1)/√n
		}
	}
}

// The random combination catches products that change after the
// iteration; then every residual is recomputed (k more applications) and
// the solve ends in ResidualFloor, as the old per-pair check did. A change
// below the tolerance passes with residuals that still bound the true
// ones.
func TestEigsResidualProbe(t *testing.T) {
	const n, k, tol = 200, 4, 1e-10
	m := newSymMatrix(t, n, randomSymmetric(n, 8))
	est, err := Eigs(bg, m.operator(), k, &Options{Tol: tol, EstimateResiduals: true, Seed: 1})
	require.NoError(t, err)
	iter := est.Ops

	op := &switching{m: m, after: iter, delta: 1e-6 * m.norm}
	res, err := Eigs(bg, op, k, &Options{Tol: tol, Seed: 1})
	var nc *NoConvergenceError
	require.ErrorAs(t, err, &nc)
	assert.Equal(t, ResidualFloor, nc.Reason)
	assert.Equal(t, k+1, res.CheckOps, "the probe, then every pair")
	assert.Equal(t, iter+k+1, res.Ops)
	assert.Equal(t, res.Ops, op.calls)
	assert.Greater(t, nc.Floor, 1e3*tol)

	// A glitch in the probe's product alone: the probe fails, the
	// recomputed residuals pass, and that is the answer (k+1
	// applications, no error).
	glitch := &switching{m: m, after: iter, delta: 1e-6 * m.norm, once: true}
	res, err = Eigs(bg, glitch, k, &Options{Tol: tol, Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, k+1, res.CheckOps)
	assert.Equal(t, iter+k+1, res.Ops)
	for i, x := range res.Vectors {
		assert.InDelta(t, m.residual(x, res.Values[i]), res.Residuals[i], m.residualSlack(), "pair %d: recomputed", i)
	}

	// Confirm recomputes every pair, without the probe.
	res, err = Eigs(bg, m.operator(), k, &Options{Tol: tol, Seed: 1, Confirm: true})
	require.NoError(t, err)
	assert.Equal(t, k, res.CheckOps)

	// A change of 5% of Tol·‖A‖ (at Tol 1e-8, far above the rounding)
	// passes, with residuals that bound the changed operator's.
	const tol8 = 1e-8
	est, err = Eigs(bg, m.operator(), k, &Options{Tol: tol8, EstimateResiduals: true, Seed: 1})
	require.NoError(t, err)
	small := &switching{m: m, after: est.Ops, delta: 0.05 * tol8 * m.norm}
	res, err = Eigs(bg, small, k, &Options{Tol: tol8, Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, 1, res.CheckOps)
	require.Less(t, m.residualSlack(), 0.01*small.delta, "the change must be far above rounding")
	for i, x := range res.Vectors {
		// The residual against the changed operator, by plain loops.
		shift := small.delta / math.Sqrt(float64(n)) // ‖x‖ = 1
		var ss float64
		for r := range n {
			y := shift - res.Values[i]*x[r]
			for c, a := range m.a[r*n : (r+1)*n] {
				y += a * x[c]
			}
			ss += y * y
		}
		assert.GreaterOrEqual(t, res.Residuals[i], math.Sqrt(ss)-m.residualSlack(), "pair %d: a bound", i)
		assert.GreaterOrEqual(t, res.Residuals[i], 0.5*small.delta, "pair %d: the probe saw the change", i)
		assert.LessOrEqual(t, res.Residuals[i], tol8*res.Scale)
	}
}

// The relation's error, computed from the basis by plain loops, is within
// what boundResiduals counts (relErr2), through restarts, for an operator
// that is not symmetric; for a symmetric one the count is rounding-level.
func TestEigsRelationErrorBound(t *testing.T) {
	const n, k = 150, 3
	m := newSymMatrix(t, n, randomSymmetric(n, 21))
	for _, eps := range []float64{0, 1e-7, 1e-4} {
		op, _ := perturbed(m, eps, 22)
		dense := make([]float64, n*n)
		col := make([]float64, n)
		e := make([]float64, n)
		for j := range n {
			clear(e)
			e[j] = 1
			op.Apply(col, e)
			for i := range n {
				dense[i*n+j] = col[i]
			}
		}
		s, err := newEigSolver(context.Background(), op, k, &Options{Tol: 1e-14, MaxBasis: 12})
		require.NoError(t, err)
		for step := range 40 {
			advance(t, s)
			ef := relationError(s, dense)
			bound := math.Sqrt(s.relErr2)
			slack := relationSlack(n, s.m, m.absRow, m.norm)
			require.LessOrEqual(t, ef, bound+slack, "eps %g step %d (restarts %d)", eps, step, s.restarts)
			if eps == 0 {
				require.LessOrEqual(t, bound, slack, "eps 0 step %d: rounding only", step)
			} else if eps >= 1e-4 && s.restarts == 0 {
				// Before any restart the count is the error itself, up
				// to the triangle inequality over passes.
				require.LessOrEqual(t, bound, 2*ef+slack, "eps %g step %d", eps, step)
			}
		}
		require.Positive(t, s.restarts)
	}
}

// advance makes one Lanczos step of s as Eigs's loop does, restarting
// first if the basis is full.
func advance(t *testing.T, s *eigSolver) {
	t.Helper()
	if s.j == s.m {
		require.NoError(t, s.ensureVectors())
		s.restart()
	}
	require.NoError(t, s.step())
	require.NoError(t, s.ritz())
}

// relationSlack bounds the rounding in relationError's comparison for a
// basis of m rows: per column, the operator's product and relationError's
// own (γ_n·Σ_l|a_il| each, at most γ_n·absRow in norm) and the Gram–Schmidt
// passes and rotations (γ_n per coefficient of up to m rows of size ‖A‖),
// then the Frobenius norm over m columns.
func relationSlack(n, m int, absRow, norm float64) float64 {
	return 4 * gamma(n) * (absRow + float64(m)*norm) * math.Sqrt(float64(m))
}

// relationError returns ‖A·V_j − V_j·T_j − v_j·bᵀ‖_F for the solver's
// current basis by plain loops over the dense matrix of its operator.
func relationError(s *eigSolver, dense []float64) float64 {
	n := s.n
	var ef float64
	for c := range s.j {
		vc := s.rows[c]
		for i := range n {
			var x float64
			for l, a := range dense[i*n : (i+1)*n] {
				x += a * vc[l]
			}
			for r := range s.j {
				x -= s.t[r*s.m+c] * s.rows[r][i]
			}
			x -= s.b[c] * s.rows[s.j][i]
			ef += x * x
		}
	}
	return math.Sqrt(ef)
}

// An invariant subspace drops the small β·w from the relation; the count
// includes it. Four eigenvalues spread by 1e-9 make the Krylov space
// invariant to 1e-9 after four steps, below the breakdown threshold of
// Tol 1e-3 (2⁻²⁶·‖A‖) and far above rounding.
func TestEigsRelationErrorBreakdown(t *testing.T) {
	const n = 160
	r := rand.New(rand.NewPCG(3, 4))
	d := make(Diagonal, n)
	for i := range d {
		d[i] = float64(1+i%4) + 1e-9*(r.Float64()-0.5)
	}
	dense := make([]float64, n*n)
	for i, x := range d {
		dense[i*n+i] = x
	}
	s, err := newEigSolver(context.Background(), d, 2, &Options{Tol: 1e-3, MaxBasis: 10})
	require.NoError(t, err)
	slack := relationSlack(n, s.m, 4, 4) // ‖A‖ and its largest row sum are below 4
	for step := range 30 {
		advance(t, s)
		ef := relationError(s, dense)
		require.LessOrEqual(t, ef, math.Sqrt(s.relErr2)+slack, "step %d (breakdown %v)", step, s.broke)
	}
	require.True(t, s.broke, "the test needs a breakdown")
	require.Greater(t, math.Sqrt(s.relErr2), 100*slack, "the dropped β is far above rounding")
}

// An operator returning NaN only at the probe stops the solve with
// ErrNonFinite, as in the iteration.
func TestEigsResidualProbeNonFinite(t *testing.T) {
	const n, k = 100, 3
	m := newSymMatrix(t, n, randomSymmetric(n, 9))
	est, err := Eigs(bg, m.operator(), k, &Options{EstimateResiduals: true})
	require.NoError(t, err)
	calls := 0
	inner := m.operator()
	op := Func{N: n, F: func(dst, v []float64) {
		calls++
		inner.Apply(dst, v)
		if calls == est.Ops+1 {
			dst[n/2] = math.NaN()
		}
	}}
	_, err = Eigs(bg, op, k, nil)
	require.True(t, errors.Is(err, ErrNonFinite), "%v", err)
	assert.Equal(t, est.Ops+1, calls)
}

// For a linear operator that is slightly non-symmetric (‖A − Aᵀ‖ a few
// percent of Tol·‖A‖ and below), every returned residual still bounds the
// true one without the per-pair recomputation: the relation's dropped
// parts cover each pair, where the probe sees one combination of them
// (without the dropped parts, 2 and 4 of the 10 pairs here were
// under-reported). A little more asymmetry and the dropped parts alone
// exceed Tol: every pair is recomputed, with no probe spent.
func TestEigsResidualBoundAsymmetric(t *testing.T) {
	const n, k, tol = 300, 10, 1e-7
	m := newSymMatrix(t, n, randomSymmetric(n, 41))
	for _, eps := range []float64{1e-9, 1e-8, 3e-8} {
		op, _ := perturbed(m, eps, 42)
		res, err := Eigs(bg, op, k, &Options{Tol: tol, Seed: 2})
		require.NoError(t, err, "eps %g", eps)
		if eps < 3e-8 {
			require.Equal(t, 1, res.CheckOps)
		} else {
			// The free bound fails Tol; the probe is skipped and every
			// pair recomputed, and they pass.
			require.Equal(t, k, res.CheckOps)
		}
		r := make([]float64, n)
		for i, x := range res.Vectors {
			op.Apply(r, x)
			var ss float64
			for l := range n {
				d := r[l] - res.Values[i]*x[l]
				ss += d * d
			}
			assert.GreaterOrEqual(t, res.Residuals[i], math.Sqrt(ss)-m.residualSlack(), "eps %g pair %d", eps, i)
		}
	}
}
