package lanczos

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gauss is the normal density with standard deviation s at x.
func gauss(x, s float64) float64 {
	t := x / s
	return math.Exp(-t*t/2) / (s * math.Sqrt(2*math.Pi))
}

// normCDF is Φ(x/s).
func normCDF(x, s float64) float64 { return 0.5 * math.Erfc(-x/(s*math.Sqrt2)) }

func TestDensityIntegratesToOne(t *testing.T) {
	const n = 300
	m := plainSymMatrix(n, randomSymmetric(n, 31))
	d, err := SpectralDensity(bg, m.operator(), &DensityOptions{Probes: 6, Steps: 40})
	require.NoError(t, err)
	require.Len(t, d.Nodes, 6)
	assert.Equal(t, 6*40, d.Ops)
	for p, w := range d.Weights {
		var s float64
		for _, x := range w {
			require.GreaterOrEqual(t, x, 0.0)
			s += x
		}
		// Squares of a unit column of an orthogonal matrix from LAPACK:
		// 1 up to a few units of roundoff per element.
		assert.InDelta(t, 1, s, 8*40*u, "probe %d", p)
	}
	lo, hi := d.Range()
	for _, width := range []float64{0.5, 3} {
		// Trapezoid rule with h = width/10 over ±10 widths beyond the
		// nodes: its error for a Gaussian is below e^(−2π²·100), the cut
		// tails below 1e-22, so only the summation's rounding is left.
		h := width / 10
		var x []float64
		for v := lo - 10*width; v <= hi+10*width; v += h {
			x = append(x, v)
		}
		phi := d.Eval(x, width)
		var integral float64
		for i := 1; i < len(x); i++ {
			integral += (phi[i] + phi[i-1]) / 2 * h
		}
		assert.InDelta(t, 1, integral, 1e-12, "width %g", width)
	}
	assert.Panics(t, func() { d.Eval([]float64{0}, 0) })
}

// The density agrees with the exact eigenvalues of a dense random matrix:
// pointwise against the same kernel placed on the exact eigenvalues, and
// bin by bin against their histogram. The tolerances are the random
// error's bound for Rademacher probes (one probe's quadratic form
// zᵀf(A)z/n has variance 2(‖f(A)‖_F² − Σf(A)_ii²)/n² ≤ 2Σ_j f(λ_j)²/n²),
// four standard deviations of the mean over the probes, plus the
// quadrature's error: with Steps ≥ 2·(λ_max−λ_min)/width it is of order
// exp(−Steps²/(5·(λ_max−λ_min)/width)) ≈ 1e-14 here, allowed 1e-8.
func TestDensityMatchesSpectrum(t *testing.T) {
	const n, probes, steps = 300, 10, 80
	m := newSymMatrix(t, n, randomSymmetric(n, 32))
	lmin, lmax := m.eig[0], m.eig[n-1]
	width := (lmax - lmin) / 40
	d, err := SpectralDensity(bg, m.operator(), &DensityOptions{Probes: probes, Steps: steps, Seed: 1})
	require.NoError(t, err)

	const quad = 1e-8
	var x []float64
	for i := range 101 {
		x = append(x, lmin+(lmax-lmin)*float64(i)/100)
	}
	got := d.Eval(x, width)
	for i, xi := range x {
		var exact, sq float64
		for _, l := range m.eig {
			g := gauss(xi-l, width)
			exact += g / n
			sq += g * g
		}
		sd := math.Sqrt(2 * sq / (n * n * probes))
		assert.InDelta(t, exact, got[i], 4*sd+quad, "x = %g", xi)
	}

	// Histogram of 10 bins. The kernel moves mass across bin edges; that
	// leakage is computed exactly from the eigenvalues and allowed.
	const bins = 10
	edge := func(b int) float64 { return lmin - 1e-9 + (lmax-lmin+2e-9)*float64(b)/bins }
	for b := range bins {
		lo, hi := edge(b), edge(b+1)
		var slq float64
		for p, nodes := range d.Nodes {
			for i, th := range nodes {
				slq += d.Weights[p][i] * (normCDF(hi-th, width) - normCDF(lo-th, width)) / probes
			}
		}
		var count, smooth, sq float64
		for _, l := range m.eig {
			if l >= lo && l < hi {
				count++
			}
			f := normCDF(hi-l, width) - normCDF(lo-l, width)
			smooth += f / n
			sq += f * f
		}
		hist := count / n
		sd := math.Sqrt(2 * sq / (n * n * probes))
		assert.InDelta(t, hist, slq, math.Abs(smooth-hist)+4*sd+quad, "bin %d [%g, %g)", b, lo, hi)
		t.Logf("bin %d: histogram %.4f, SLQ %.4f (smoothed exact %.4f, sd %.4f)", b, hist, slq, smooth, sd)
	}
}

// For a diagonal matrix Rademacher probes have no random error (z_i² = 1),
// so what remains is the quadrature's error alone, far below the bound's
// allowance above.
func TestDensityQuadratureError(t *testing.T) {
	const n = 2000
	dg := make(Diagonal, n)
	for i := range dg {
		x := float64(i) / n
		dg[i] = 4 * x * x * (3 - 2*x) // a smooth, uneven distribution on [0, 4]
	}
	dg = shuffled(dg)
	width := 4.0 / 40
	d, err := SpectralDensity(bg, dg, &DensityOptions{Probes: 3, Steps: 80})
	require.NoError(t, err)
	var x []float64
	for i := range 81 {
		x = append(x, 4*float64(i)/80)
	}
	got := d.Eval(x, width)
	for i, xi := range x {
		var exact float64
		for _, l := range dg {
			exact += gauss(xi-l, width) / n
		}
		assert.InDelta(t, exact, got[i], 1e-8, "x = %g", xi)
	}
}

// Few distinct eigenvalues: every probe's Krylov space becomes invariant
// after as many steps as there are distinct values, and its rule is then
// exact: the nodes are those values and, for sign probes, the weights are
// their multiplicities over n.
func TestDensityInvariantSubspace(t *testing.T) {
	vals := []float64{-1, 0.5, 2, 7}
	counts := []int{10, 30, 45, 15}
	var dg Diagonal
	for i, v := range vals {
		for range counts[i] {
			dg = append(dg, v)
		}
	}
	dg = shuffled(dg)
	d, err := SpectralDensity(bg, dg, &DensityOptions{Probes: 3, Steps: 30})
	require.NoError(t, err)
	assert.Equal(t, 3*len(vals), d.Ops, "each probe stops after 4 steps")
	for p := range d.Nodes {
		require.Len(t, d.Nodes[p], len(vals))
		order := make([]int, len(vals))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return cmpFloat(d.Nodes[p][a], d.Nodes[p][b]) })
		for i, j := range order {
			assert.InDelta(t, vals[i], d.Nodes[p][j], 1e-12)
			assert.InDelta(t, float64(counts[i])/100, d.Weights[p][j], 1e-12)
		}
	}
}

func TestDensityErrors(t *testing.T) {
	dg := Diagonal{1, 2, 3, 4, 5, 6, 7, 8}
	for _, o := range []DensityOptions{{Probes: -1}, {Steps: -1}} {
		_, err := SpectralDensity(bg, dg, &o)
		assert.ErrorIs(t, err, ErrInvalidArgument)
	}
	_, err := SpectralDensity(bg, nil, nil)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	for _, bad := range []float64{math.NaN(), math.Inf(-1)} {
		_, err := SpectralDensity(bg, poisoned(dg, 5, bad), nil)
		assert.ErrorIs(t, err, ErrNonFinite)
	}
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	calls := 0
	op := Func{N: 8, F: func(dst, v []float64) {
		dg.Apply(dst, v)
		if calls++; calls == 20 {
			cancel()
		}
	}}
	d, err := SpectralDensity(ctx, op, &DensityOptions{Probes: 5})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Len(t, d.Nodes, 2, "8 steps per probe: two finished before the 20th application")
	assert.Equal(t, 20, d.Ops)
}
