package sam

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVariantReductions: the reductions each variant's paper states hold
// bit for bit over 60 steps on two groups, for SGD with momentum and AdamW,
// in float32 and float64.
func TestVariantReductions(t *testing.T) {
	reductionsFor[float32](t)
	reductionsFor[float64](t)
}

func reductionsFor[T Float](t *testing.T) {
	cases := []struct {
		name       string
		variant, b Config[T]
	}{
		{"LookSAM K=1 is SAM", Config[T]{Perturbation: LookSAM, LookSAM: LookSAMOptions{K: 1, Alpha: 0.7}}, Config[T]{Perturbation: SAM}},
		{"GSAM α=0 is SAM", Config[T]{Perturbation: GSAM}, Config[T]{Perturbation: SAM}},
		{"coupled WSAM γ=1/2 is SAM", Config[T]{Perturbation: WSAM, WSAM: WSAMOptions{Gamma: 0.5, Coupled: true}}, Config[T]{Perturbation: SAM}},
		{"WSAM γ=0 is the base", Config[T]{Perturbation: WSAM}, Config[T]{Perturbation: NoPerturbation}},
		{"coupled WSAM γ=0 is the base", Config[T]{Perturbation: WSAM, WSAM: WSAMOptions{Coupled: true}}, Config[T]{Perturbation: NoPerturbation}},
		{"FSAM σ=0 is SAM", Config[T]{Perturbation: FSAM, FSAM: FSAMOptions{Lambda: 0.9}}, Config[T]{Perturbation: SAM}},
		{"AESAM at −∞ is SAM", Config[T]{Perturbation: AESAM, AESAM: AESAMOptions{Policy: AEAlways}}, Config[T]{Perturbation: SAM}},
		{"AESAM at +∞ is the base", Config[T]{Perturbation: AESAM, AESAM: AESAMOptions{Policy: AENever}}, Config[T]{Perturbation: NoPerturbation}},
		{"MSAM ρ=0 is the base", Config[T]{Perturbation: MSAM}, Config[T]{Perturbation: NoPerturbation}},
	}
	for _, c := range cases {
		for _, adam := range []bool{false, true} {
			va, vb := c.variant, c.b
			rho := 0.05
			if c.variant.Perturbation == MSAM {
				rho = 0
			}
			va.Rho, vb.Rho = rho, rho
			if adam {
				va.AdamW, vb.AdamW = &AdamW{LR: 1e-2, WeightDecay: 1e-2}, &AdamW{LR: 1e-2, WeightDecay: 1e-2}
			} else {
				va.SGD, vb.SGD = &SGD{LR: 0.02, Momentum: 0.9, WeightDecay: 1e-3}, &SGD{LR: 0.02, Momentum: 0.9, WeightDecay: 1e-3}
			}
			ra, rb := newRun[T](21, 9), newRun[T](21, 9)
			oa, err := New(va, ra.groups...)
			require.NoError(t, err, c.name)
			ob, err := New(vb, rb.groups...)
			require.NoError(t, err, c.name)
			for range 60 {
				require.NoError(t, oa.Step(ra.closure))
				require.NoError(t, ob.Step(rb.closure))
			}
			assert.Equal(t, rb.w, ra.w, "%s (AdamW %v, %T)", c.name, adam, ra.w)
			assert.NotEqual(t, newRun[T](21, 9).w, ra.w, "%s: the run moved", c.name)
		}
	}
}

// TestVariantSteps: which steps take a second gradient. LookSAM asks on
// steps 0, K, 2K…; MSAM's only gradient comes after Ascend; AESAM asks when
// the squared norm clears its threshold; and decoupled WSAM at γ = 1/2 is
// SAM only without momentum, to rounding.
func TestVariantSteps(t *testing.T) {
	ru := newRun[float64](22, 9)
	o, err := New(Config[float64]{Perturbation: LookSAM, Rho: 0.05, LookSAM: LookSAMOptions{K: 3, Alpha: 0.5}, SGD: &SGD{LR: 0.02}}, ru.groups...)
	require.NoError(t, err)
	var asked []bool
	for range 7 {
		require.True(t, o.AscendNeedsGradient())
		ru.grad(nil)
		again, err := o.Ascend()
		require.NoError(t, err)
		asked = append(asked, again)
		if again {
			ru.grad(nil)
		}
		require.NoError(t, o.Descend())
	}
	assert.Equal(t, []bool{true, false, false, true, false, false, true}, asked)

	ru = newRun[float64](23, 9)
	o, err = New(Config[float64]{Perturbation: MSAM, Rho: 0.1, SGD: &SGD{LR: 0.02, Momentum: 0.9}}, ru.groups...)
	require.NoError(t, err)
	assert.False(t, o.AscendNeedsGradient())
	w0 := slices.Clone(ru.w)
	again, err := o.Ascend() // no momentum yet: no perturbation
	require.NoError(t, err)
	assert.True(t, again)
	assert.Equal(t, w0, ru.w)
	ru.grad(nil)
	require.NoError(t, o.Descend())
	// Now the momentum is the first gradient: the perturbation is −ρ·m/‖m‖.
	m := slices.Clone(o.st[0].m)
	m = append(m, o.st[1].m...)
	w1 := slices.Clone(ru.w)
	_, err = o.Ascend()
	require.NoError(t, err)
	nm := norm(m)
	for i := range w1 {
		assert.InDelta(t, w1[i]-0.1*m[i]/(nm+DefaultEps), ru.w[i], 1e-15)
	}
	ru.grad(nil)
	require.NoError(t, o.Descend())

	// AESAM: with λ = 0 the threshold is μ, so a step is SAM when ‖g‖²
	// is at least its running mean (after the update).
	ru = newRun[float64](24, 9)
	o, err = New(Config[float64]{Perturbation: AESAM, Rho: 0.05, SGD: &SGD{LR: 0.05},
		AESAM: AESAMOptions{Delta: 0.5, Steps: 10}}, ru.groups...)
	require.NoError(t, err)
	mu := 0.0
	for range 10 {
		ru.grad(nil)
		n2 := norm(ru.g) * norm(ru.g)
		mu = 0.5*mu + 0.5*n2
		again, err := o.Ascend()
		require.NoError(t, err)
		assert.Equal(t, n2 >= mu, again)
		if again {
			ru.grad(nil)
		}
		require.NoError(t, o.Descend())
	}

	// Decoupled WSAM at γ = 1/2 with plain SGD is SAM in exact arithmetic.
	ra, rb := newRun[float64](25, 9), newRun[float64](25, 9)
	oa, err := New(Config[float64]{Perturbation: WSAM, Rho: 0.05, WSAM: WSAMOptions{Gamma: 0.5}, SGD: &SGD{LR: 0.02}}, ra.groups...)
	require.NoError(t, err)
	ob, err := New(Config[float64]{Perturbation: SAM, Rho: 0.05, SGD: &SGD{LR: 0.02}}, rb.groups...)
	require.NoError(t, err)
	for range 50 {
		require.NoError(t, oa.Step(ra.closure))
		require.NoError(t, ob.Step(rb.closure))
	}
	for i := range ra.w {
		assert.InDelta(t, rb.w[i], ra.w[i], 50*8*0x1p-53*(1+math.Abs(rb.w[i])))
	}
}

// TestVariantErrors: every out-of-range option is an error naming the
// field, and options for another perturbation are refused.
func TestVariantErrors(t *testing.T) {
	w, g := make([]float64, 3), make([]float64, 3)
	nan := math.NaN()
	for _, c := range []struct {
		cfg  Config[float64]
		want string
	}{
		{Config[float64]{Perturbation: GSAM, GSAM: GSAMOptions{Alpha: -0.1}}, "Config.GSAM.Alpha = -0.1"},
		{Config[float64]{Perturbation: GSAM, GSAM: GSAMOptions{Alpha: 1.5}}, "Config.GSAM.Alpha = 1.5"},
		{Config[float64]{Perturbation: GSAM, GSAM: GSAMOptions{Alpha: nan}}, "Config.GSAM.Alpha = NaN"},
		{Config[float64]{Perturbation: GSAM, GSAM: GSAMOptions{RhoMin: 0.1}}, "need Couple"},
		{Config[float64]{Perturbation: GSAM, Rho: 0.1, GSAM: GSAMOptions{Couple: true, RhoMin: 0.2, LRMax: 1}}, "RhoMin = 0.2 above Config.Rho"},
		{Config[float64]{Perturbation: GSAM, Rho: 0.1, GSAM: GSAMOptions{Couple: true, LRMin: 1, LRMax: 0.5}}, "LRMax = 0.5 below LRMin"},
		{Config[float64]{Perturbation: GSAM, Rho: 0.1, GSAM: GSAMOptions{Couple: true, LRMin: 1, LRMax: 1}}, "leaves ρ undefined"},
		{Config[float64]{Perturbation: GSAM, Rho: 0.1, GSAM: GSAMOptions{Couple: true, LRMax: nan}}, "Config.GSAM.LRMax = NaN"},
		{Config[float64]{Perturbation: GSAM, Rho: 0.1, RhoSchedule: func(int) float64 { return 1 }, GSAM: GSAMOptions{Couple: true, LRMax: 1}}, "replaces Config.RhoSchedule"},
		{Config[float64]{Perturbation: LookSAM, LookSAM: LookSAMOptions{K: 0}}, "Config.LookSAM.K = 0"},
		{Config[float64]{Perturbation: LookSAM, LookSAM: LookSAMOptions{K: 2, Alpha: 2}}, "Config.LookSAM.Alpha = 2"},
		{Config[float64]{Perturbation: WSAM, WSAM: WSAMOptions{Gamma: 1}}, "Config.WSAM.Gamma = 1"},
		{Config[float64]{Perturbation: WSAM, WSAM: WSAMOptions{Gamma: -0.5}}, "Config.WSAM.Gamma = -0.5"},
		{Config[float64]{Perturbation: FSAM, FSAM: FSAMOptions{Sigma: -1}}, "Config.FSAM.Sigma = -1"},
		{Config[float64]{Perturbation: FSAM, FSAM: FSAMOptions{Sigma: math.Inf(1)}}, "Config.FSAM.Sigma = +Inf"},
		{Config[float64]{Perturbation: FSAM, FSAM: FSAMOptions{Lambda: 1}}, "Config.FSAM.Lambda = 1"},
		{Config[float64]{Perturbation: AESAM, AESAM: AESAMOptions{Delta: 1, Steps: 1}}, "Config.AESAM.Delta = 1"},
		{Config[float64]{Perturbation: AESAM, AESAM: AESAMOptions{Delta: 0.9}}, "Config.AESAM.Steps = 0"},
		{Config[float64]{Perturbation: AESAM, AESAM: AESAMOptions{Steps: 3, Lambda1: math.Inf(-1)}}, "Lambda1 = -Inf"},
		{Config[float64]{Perturbation: AESAM, AESAM: AESAMOptions{Policy: 9}}, "Config.AESAM.Policy = 9"},
		{Config[float64]{Perturbation: SAM, LookSAM: LookSAMOptions{K: 5}}, "Config.LookSAM is set but Config.Perturbation = SAM"},
		{Config[float64]{Perturbation: GSAM, FSAM: FSAMOptions{Sigma: 1}}, "Config.FSAM is set but Config.Perturbation = GSAM"},
	} {
		c.cfg.SGD = &SGD{LR: 0.1}
		_, err := NewFlat(c.cfg, w, g)
		require.ErrorIs(t, err, ErrInvalid, c.want)
		assert.ErrorContains(t, err, c.want)
	}
	// Micro-batches are for SAM, USAM and ASAM.
	o, err := NewFlat(Config[float64]{Perturbation: GSAM, Rho: 0.1, SGD: &SGD{LR: 0.1}}, w, g)
	require.NoError(t, err)
	assert.ErrorIs(t, o.StepMicro([][]int{{0}}, func([]int) error { return nil }), ErrPhase)
}
