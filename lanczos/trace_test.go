package lanczos

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exactTrace is Σ a_ii, summed by the test, not by the code under test.
func exactTrace(m *symMatrix) float64 {
	var t float64
	for i := range m.n {
		t += m.a[i*m.n+i]
	}
	return t
}

type traceFunc func(context.Context, Operator, *TraceOptions) (TraceResult, error)

var estimators = []struct {
	name string
	f    traceFunc
}{{"Hutchinson", Hutchinson}, {"HutchPlusPlus", HutchPlusPlus}}

// Seeded repeats: the mean of R independent estimates lies within 3
// standard errors of the exact trace, where the standard error of the
// mean comes from the estimates' own reported errors; and those reported
// errors match the spread the repeats actually show.
func TestTraceUnbiased(t *testing.T) {
	const n, R = 150, 40
	m := plainSymMatrix(n, randomSymmetric(n, 21))
	exact := exactTrace(m)
	for _, e := range estimators {
		var sum, sumSq, se2 float64
		for seed := range uint64(R) {
			r, err := e.f(bg, m.operator(), &TraceOptions{MaxOps: 60, Seed: seed})
			require.NoError(t, err)
			require.Equal(t, 60, r.Ops)
			require.False(t, r.Converged, "no stopping rule: the budget is spent")
			sum += r.Estimate
			sumSq += r.Estimate * r.Estimate
			se2 += r.StdErr * r.StdErr
		}
		mean := sum / R
		seMean := math.Sqrt(se2) / R
		assert.InDelta(t, exact, mean, 3*seMean, e.name)
		// The sample standard deviation of R = 40 estimates is within
		// about ±11% (1/√(2(R−1))) of the true one; the reported errors
		// (RMS) must agree with it within ±50%, over 4 of those widths.
		spread := math.Sqrt((sumSq - sum*sum/R) / (R - 1))
		rms := math.Sqrt(se2 / R)
		assert.InEpsilon(t, spread, rms, 0.5, "%s: spread %g, reported %g", e.name, spread, rms)
		t.Logf("%s: exact %.2f, mean %.2f ± %.2f, spread %.2f, reported %.2f", e.name, exact, mean, seMean, spread, rms)
	}
}

// lowRankPlusNoise returns U·diag(λ)·Uᵀ + σ·G: rank r with eigenvalues
// 50..50+r−1 along random directions, plus small symmetric noise.
func lowRankPlusNoise(n, r int, sigma float64, seed uint64) []float64 {
	u := randomSymmetric(n, seed)[:n*r] // n×r Gaussian
	g := randomSymmetric(n, seed+1)
	a := make([]float64, n*n)
	for i := range n {
		for j := range n {
			var s float64
			for l := range r {
				s += (50 + float64(l)) * u[i*r+l] * u[j*r+l]
			}
			a[i*n+j] = s/float64(n) + sigma*g[i*n+j]
		}
	}
	return a
}

// At equal operator counts Hutch++ beats Hutchinson on a low-rank-plus-
// noise matrix: its root-mean-square error over seeded repeats is smaller.
// Hutchinson's variance there is 2(‖A‖_F² − Σa_ii²)/ops, dominated by the
// rank-10 part that Hutch++ removes exactly, so the ratio should be large;
// the test asks for a factor of 3.
func TestHutchPlusPlusBeatsHutchinson(t *testing.T) {
	const n, R, budget = 200, 30, 90
	m := plainSymMatrix(n, lowRankPlusNoise(n, 10, 0.01, 5))
	exact := exactTrace(m)
	var mse [2]float64
	for seed := range uint64(R) {
		for i, e := range estimators {
			r, err := e.f(bg, m.operator(), &TraceOptions{MaxOps: budget, Sketch: 30, Seed: seed})
			require.NoError(t, err)
			require.Equal(t, budget, r.Ops)
			mse[i] += (r.Estimate - exact) * (r.Estimate - exact) / R
		}
	}
	rmsH, rmsPP := math.Sqrt(mse[0]), math.Sqrt(mse[1])
	t.Logf("RMS error at %d applications: Hutchinson %.3g, Hutch++ %.3g (trace %.1f)", budget, rmsH, rmsPP, exact)
	assert.Less(t, 3*rmsPP, rmsH)
}

// The stopping rule: with RelTol the estimators stop once the reported
// error is below it, before the budget, after at least MinProbes samples.
func TestTraceStoppingRule(t *testing.T) {
	const n = 200
	m := plainSymMatrix(n, lowRankPlusNoise(n, 5, 0.05, 8))
	for _, e := range estimators {
		r, err := e.f(bg, m.operator(), &TraceOptions{MaxOps: 5000, RelTol: 0.02, Sketch: 10})
		require.NoError(t, err, e.name)
		assert.True(t, r.Converged, e.name)
		assert.LessOrEqual(t, r.StdErr, 0.02*math.Abs(r.Estimate), e.name)
		assert.Less(t, r.Ops, 5000, e.name)
		assert.GreaterOrEqual(t, r.Probes, 10, e.name)
		t.Logf("%s: %d ops, %.2f ± %.2f (exact %.2f)", e.name, r.Ops, r.Estimate, r.StdErr, exactTrace(m))

		r, err = e.f(bg, m.operator(), &TraceOptions{MaxOps: 5000, AbsTol: 6, Sketch: 10})
		require.NoError(t, err, e.name)
		assert.True(t, r.Converged, e.name)
		assert.LessOrEqual(t, r.StdErr, 6.0, e.name)
	}
}

// Exact cases: Rademacher probes give a diagonal matrix's trace without
// error (z_i² = 1), so Hutchinson stops after MinProbes with StdErr 0; and
// Hutch++ with a sketch larger than the rank deflates a low-rank matrix
// completely.
func TestTraceExactCases(t *testing.T) {
	d := make(Diagonal, 1000)
	var exact float64
	for i := range d {
		d[i] = float64(i%7) - 2.5
		exact += d[i]
	}
	r, err := Hutchinson(bg, d, &TraceOptions{RelTol: 1e-6, MinProbes: 4})
	require.NoError(t, err)
	assert.Equal(t, exact, r.Estimate)
	assert.Equal(t, 0.0, r.StdErr)
	assert.Equal(t, 4, r.Ops)
	assert.True(t, r.Converged)

	const n, rank = 200, 6
	b := randomSymmetric(n, 4)[:n*rank]
	a := make([]float64, n*n)
	for i := range n {
		for j := range n {
			for l := range rank {
				a[i*n+j] += b[i*rank+l] * b[j*rank+l]
			}
		}
	}
	m := plainSymMatrix(n, a)
	r, err = HutchPlusPlus(bg, m.operator(), &TraceOptions{Sketch: 10, MaxOps: 40})
	require.NoError(t, err)
	assert.Equal(t, rank, r.Rank, "dependent sketch vectors are dropped")
	assert.Equal(t, 10+rank+r.Probes, r.Ops)
	// What is left after deflation is rounding: relative 1e-12 is loose
	// for n·u-level errors and tight against any real residual part.
	assert.InDelta(t, exactTrace(m), r.Estimate, 1e-12*m.absRow*n)
	assert.Less(t, r.StdErr, 1e-12*m.absRow*n)
}

func TestTraceErrors(t *testing.T) {
	d := make(Diagonal, 10)
	for _, e := range estimators {
		for _, o := range []TraceOptions{
			{MaxOps: -1}, {RelTol: -1}, {AbsTol: math.NaN()}, {MinProbes: 1}, {Sketch: -1},
		} {
			_, err := e.f(bg, d, &o)
			assert.ErrorIs(t, err, ErrInvalidArgument, "%s %+v", e.name, o)
		}
		_, err := e.f(bg, nil, nil)
		assert.ErrorIs(t, err, ErrInvalidArgument)

		for _, bad := range []float64{math.NaN(), math.Inf(1)} {
			_, err = e.f(bg, poisoned(d, 3, bad), &TraceOptions{MaxOps: 40, Sketch: 5})
			assert.ErrorIs(t, err, ErrNonFinite, e.name)
		}

		ctx, cancel := context.WithCancel(bg)
		calls := 0
		op := Func{N: 10, F: func(dst, v []float64) {
			d.Apply(dst, v)
			if calls++; calls == 25 {
				cancel()
			}
		}}
		r, err := e.f(ctx, op, &TraceOptions{MaxOps: 100, Sketch: 5})
		assert.ErrorIs(t, err, context.Canceled, e.name)
		assert.Equal(t, 25, r.Ops, e.name)
		cancel()
	}
	_, err := HutchPlusPlus(bg, d, &TraceOptions{MaxOps: 20, Sketch: 6})
	assert.ErrorIs(t, err, ErrInvalidArgument, "2·6 + 10 > 20")
}
