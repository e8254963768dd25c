package sam

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTheorem48 checks Theorem 4.8 of the paper on several quadratics
// L(x) = ½·xᵀAx (A positive definite, unique top eigenvalue λ1) and several
// η, ρ with ηλ1 < 1: full-batch SAM's iterates align with ±v1, flip sign
// every step, and ‖x‖ tends to ηρλ1/(2 − ηλ1).
func TestTheorem48(t *testing.T) {
	cases := []struct {
		eigs     []float64
		eta, rho float64
	}{
		{[]float64{2, 1, 0.5, 0.25}, 0.2, 0.05},
		{[]float64{5, 3, 2, 1, 0.5, 0.1}, 0.15, 0.01},
		{[]float64{1.5, 1.4, 0.3}, 0.5, 0.1},
		{[]float64{10, 1, 1, 1, 1, 1, 1, 1}, 0.05, 0.02},
	}
	for ci, c := range cases {
		d := len(c.eigs)
		r := rand.New(rand.NewPCG(48, uint64(ci)))
		// A = Q·diag(eigs)·Qᵀ with a random orthogonal Q (Gram-Schmidt).
		q := randomOrthogonal(r, d)
		a := make([]float64, d*d)
		for i := range d {
			for j := range d {
				for k := range d {
					a[i*d+j] += q[k][i] * c.eigs[k] * q[k][j]
				}
			}
		}
		v1 := q[0]
		x := make([]float64, d)
		for i := range x {
			x[i] = 2*r.Float64() - 1
		}
		g := make([]float64, d)
		grad := func() error {
			for i := range d {
				var s float64
				for j := range d {
					s += a[i*d+j] * x[j]
				}
				g[i] = s
			}
			return nil
		}
		opt, err := NewFlat(Config[float64]{Perturbation: SAM, Rho: c.rho, SGD: &SGD{LR: c.eta}}, x, g)
		require.NoError(t, err)
		const steps = 20000
		var prev []float64
		for s := range steps {
			require.NoError(t, opt.Step(grad))
			if s == steps-2 {
				prev = append([]float64(nil), x...)
			}
		}
		lambda := c.eigs[0]
		want := c.eta * c.rho * lambda / (2 - c.eta*lambda)
		nx := norm(x)
		assert.InEpsilon(t, want, nx, 1e-6, "case %d: limit norm", ci)
		cos := 0.0
		for i := range x {
			cos += x[i] * v1[i]
		}
		cos /= nx
		assert.InDelta(t, 1, math.Abs(cos), 1e-9, "case %d: |cos(x, v1)|", ci)
		// Sign flip: x_{t+1} ≈ −x_t.
		var dot float64
		for i := range x {
			dot += x[i] * prev[i]
		}
		assert.Less(t, dot/(nx*norm(prev)), -1+1e-9, "case %d: consecutive iterates point opposite ways", ci)
	}
}

// randomOrthogonal returns d orthonormal vectors (Gram-Schmidt twice).
func randomOrthogonal(r *rand.Rand, d int) [][]float64 {
	q := make([][]float64, d)
	for k := range q {
		v := make([]float64, d)
		for i := range v {
			v[i] = r.NormFloat64()
		}
		for range 2 {
			for _, u := range q[:k] {
				var c float64
				for i := range v {
					c += u[i] * v[i]
				}
				for i := range v {
					v[i] -= c * u[i]
				}
			}
		}
		n := norm(v)
		for i := range v {
			v[i] /= n
		}
		q[k] = v
	}
	return q
}

func newTestOpt(t *testing.T, kind Perturbation, n int) (*Optimizer[float64], []float64, []float64) {
	t.Helper()
	w, g := make([]float64, n), make([]float64, n)
	for i := range w {
		w[i] = float64(i+1) / 7
	}
	cfg := withOptions(Config[float64]{Perturbation: kind, Rho: 0.1, SGD: &SGD{LR: 0.1, Momentum: 0.9}})
	o, err := NewFlat(cfg, w, g)
	require.NoError(t, err)
	return o, w, g
}

// TestZeroGradient: a zero gradient means no perturbation and no NaN, for
// every perturbation; the step then changes nothing (momentum is zero too).
func TestZeroGradient(t *testing.T) {
	for kind := range numPerturbations {
		o, w, g := newTestOpt(t, kind, 37)
		w0 := append([]float64(nil), w...)
		require.NoError(t, ascendErr(o))
		assert.Equal(t, w0, w, "%s: zero gradient must not perturb", kind)
		require.NoError(t, o.Descend())
		assert.Equal(t, w0, w, "%s: zero gradient must not move", kind)
		for _, v := range w {
			assert.False(t, math.IsNaN(v))
		}
		_ = g
	}
}

// TestRestoreIsBitExact: Descend restores the weights from the copy Ascend
// saved, not by subtracting the perturbation: with a zero gradient at the
// perturbed point and no momentum or decay, the weights come back with
// exactly their old bits, which w + e − e generally would not give.
func TestRestoreIsBitExact(t *testing.T) {
	w, g := make([]float64, 100), make([]float64, 100)
	r := rand.New(rand.NewPCG(3, 3))
	for i := range w {
		w[i] = r.NormFloat64() * 1e-2 // small next to the perturbation, which then eats low bits
		g[i] = r.NormFloat64()
	}
	w0 := append([]float64(nil), w...)
	o, err := NewFlat(Config[float64]{Perturbation: SAM, Rho: 0.37, SGD: &SGD{LR: 0.1}}, w, g)
	require.NoError(t, err)
	require.NoError(t, ascendErr(o))
	// What subtracting the perturbation e = ρ·g/‖g‖ would give: some
	// weights do not come back.
	scale := 0.37 / (o.Stats().GradNorm + 1e-12)
	lost := 0
	for i := range w {
		if w[i]-scale*g[i] != w0[i] {
			lost++
		}
	}
	assert.Positive(t, lost, "the test needs weights where w+e−e ≠ w")
	clear(g)
	require.NoError(t, o.Descend())
	assert.Equal(t, w0, w)
}

// TestNonFinite: NaN or Inf in a gradient returns ErrNonFinite and leaves
// the weights and the optimizer's state exactly as they were.
func TestNonFinite(t *testing.T) {
	for kind := range numPerturbations {
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			o, w, g := newTestOpt(t, kind, 33)
			// One good step so that momentum is non-zero.
			for i := range g {
				g[i] = 0.5
			}
			require.NoError(t, o.Step(func() error { return nil }))
			w1 := append([]float64(nil), w...)
			m1 := append([]float64(nil), o.st[0].m...)

			// In the first gradient: Ascend refuses, nothing moves. (MSAM's
			// Ascend reads no gradient.)
			if kind != MSAM {
				g[17] = bad
				err := ascendErr(o)
				require.ErrorIs(t, err, ErrNonFinite, "%s %v", kind, bad)
				assert.Equal(t, w1, w)
				assert.Equal(t, m1, o.st[0].m)
				assert.Equal(t, 1, o.Steps())
			}

			// In the second gradient: Descend abandons the step.
			for i := range g {
				g[i] = 0.25
			}
			require.NoError(t, ascendErr(o))
			g[31] = bad
			err := o.Descend()
			require.ErrorIs(t, err, ErrNonFinite, "%s %v", kind, bad)
			assert.Equal(t, w1, w, "%s: weights restored", kind)
			assert.Equal(t, m1, o.st[0].m, "%s: momentum untouched", kind)
			assert.Equal(t, 1, o.Steps())
			// And the optimizer is usable again.
			g[31] = 0.25
			require.NoError(t, ascendErr(o))
			require.NoError(t, o.Descend())
			assert.Equal(t, 2, o.Steps())
		}
	}
	// Through the closure, the error comes back the same way.
	o, w, g := newTestOpt(t, SAM, 9)
	w0 := append([]float64(nil), w...)
	calls := 0
	err := o.Step(func() error {
		calls++
		for i := range g {
			g[i] = 1
		}
		if calls == 2 {
			g[0] = math.NaN()
		}
		return nil
	})
	assert.ErrorIs(t, err, ErrNonFinite)
	assert.Equal(t, w0, w)
	// A failing closure: the weights are restored, its error returned.
	boom := errors.New("boom")
	calls = 0
	err = o.Step(func() error {
		calls++
		if calls == 2 {
			return boom
		}
		for i := range g {
			g[i] = 1
		}
		return nil
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, w0, w)
}

// TestPhases: calls out of order are errors, not silent misuse.
func TestPhases(t *testing.T) {
	o, _, g := newTestOpt(t, SAM, 5)
	g[0] = 1
	assert.ErrorIs(t, o.Descend(), ErrPhase)
	assert.ErrorIs(t, o.Accumulate(), ErrPhase)
	require.NoError(t, ascendErr(o))
	assert.ErrorIs(t, ascendErr(o), ErrPhase)
	assert.ErrorIs(t, o.Step(func() error { return nil }), ErrPhase)
	require.NoError(t, o.Descend())
	a, _, _ := newTestOpt(t, AscentGD, 5)
	require.NoError(t, ascendErr(a))
	assert.ErrorIs(t, a.Accumulate(), ErrPhase)
}

// TestConfigErrors: every bad configuration or group is an error that
// names the field (and the group), never a panic.
func TestConfigErrors(t *testing.T) {
	w, g := make([]float64, 3), make([]float64, 3)
	nan, inf := math.NaN(), math.Inf(1)
	hvp := func(hv, v [][]float64) error { return nil }
	for _, c := range []struct {
		cfg  Config[float64]
		want string
	}{
		{Config[float64]{}, "exactly one of Config.SGD and Config.AdamW"},
		{Config[float64]{SGD: &SGD{LR: 1}, AdamW: &AdamW{LR: 1}}, "exactly one"},
		{Config[float64]{SGD: &SGD{LR: -1}}, "Config.SGD.LR = -1"},
		{Config[float64]{SGD: &SGD{LR: inf}}, "Config.SGD.LR = +Inf"},
		{Config[float64]{SGD: &SGD{LR: nan}}, "Config.SGD.LR = NaN"},
		{Config[float64]{SGD: &SGD{LR: 1, Momentum: 1}}, "Config.SGD.Momentum = 1"},
		{Config[float64]{SGD: &SGD{LR: 1, Momentum: nan}}, "Config.SGD.Momentum = NaN"},
		{Config[float64]{SGD: &SGD{LR: 1, Nesterov: true}}, "Nesterov needs Momentum > 0"},
		{Config[float64]{SGD: &SGD{LR: 1, WeightDecay: -5}}, "Config.SGD.WeightDecay = -5"},
		{Config[float64]{SGD: &SGD{LR: 1, WeightDecay: nan}}, "Config.SGD.WeightDecay = NaN"},
		{Config[float64]{SGD: &SGD{LR: 1}, Rho: -1}, "Config.Rho = -1"},
		{Config[float64]{SGD: &SGD{LR: 1}, Rho: nan}, "Config.Rho = NaN"},
		{Config[float64]{SGD: &SGD{LR: 1}, Eps: inf}, "Config.Eps = +Inf"},
		{Config[float64]{SGD: &SGD{LR: 1}, Eps: nan}, "Config.Eps = NaN"},
		{Config[float64]{SGD: &SGD{LR: 1}, Eps: 1e-9, ZeroEps: true}, "ZeroEps with Config.Eps"},
		{Config[float64]{SGD: &SGD{LR: 1}, ASAMEta: nan}, "Config.ASAMEta = NaN"},
		{Config[float64]{SGD: &SGD{LR: 1}, ASAMEta: inf}, "Config.ASAMEta = +Inf"},
		{Config[float64]{SGD: &SGD{LR: 1}, ASAMEta: 0.1, ZeroASAMEta: true}, "ZeroASAMEta with"},
		{Config[float64]{SGD: &SGD{LR: 1}, ClipNorm: -1}, "Config.ClipNorm = -1"},
		{Config[float64]{SGD: &SGD{LR: 1}, Perturbation: AscentGD}, "AscentGD needs Config.HVP"},
		{Config[float64]{SGD: &SGD{LR: 1}, Perturbation: 17}, "Config.Perturbation = 17"},
		{Config[float64]{AdamW: &AdamW{LR: 1, Beta1: 1}}, "Config.AdamW.Beta1 = 1"},
		{Config[float64]{AdamW: &AdamW{LR: 1, Beta2: -0.1}}, "Config.AdamW.Beta2 = -0.1"},
		{Config[float64]{AdamW: &AdamW{LR: 1, Eps: nan}}, "Config.AdamW.Eps = NaN"},
		{Config[float64]{AdamW: &AdamW{LR: nan}}, "Config.AdamW.LR = NaN"},
		{Config[float64]{AdamW: &AdamW{LR: 1, WeightDecay: inf}}, "Config.AdamW.WeightDecay = +Inf"},
	} {
		_, err := NewFlat(c.cfg, w, g)
		require.ErrorIs(t, err, ErrInvalid, c.want)
		assert.ErrorContains(t, err, c.want)
	}
	_, err := NewFlat(Config[float64]{SGD: &SGD{LR: 1}, Perturbation: AscentGD, HVP: hvp}, w, g)
	assert.NoError(t, err)

	sgd := Config[float32]{SGD: &SGD{LR: 1}}
	p := make([]float32, 10)
	q := make([]float32, 10)
	for _, c := range []struct {
		groups []Group[float32]
		want   string
	}{
		{nil, "no parameter groups"},
		{[]Group[float32]{{Params: p[:2], Grads: q[:2]}, {Params: p[2:6], Grads: q[2:5]}}, "group 1: len(Grads) = 3, want len(Params) = 4"},
		{[]Group[float32]{{Params: p, Grads: p}}, "Params of group 0 and Grads of group 0 share memory"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5]}, {Params: p[4:8], Grads: q[5:9]}}, "Params of group 0 and Params of group 1 share memory"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5]}, {Params: p[5:7], Grads: q[3:5]}}, "Grads of group 0 and Grads of group 1 share memory"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5]}, {Params: q[5:7], Grads: p[:2]}}, "Params of group 0 and Grads of group 1 share memory"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5], Rho: Set(-0.1)}}, "group 0: Rho = -0.1"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5]}, {Params: p[5:], Grads: q[5:], Rho: Set(nan)}}, "group 1: Rho = NaN"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5], WeightDecay: Set(inf)}}, "group 0: WeightDecay = +Inf"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5], LRScale: Set(-1)}}, "group 0: LRScale = -1"},
		{[]Group[float32]{{Params: p[:5], Grads: q[:5], ASAMUnscaled: true}}, "ASAMUnscaled with Perturbation = SAM"},
	} {
		_, err := New(sgd, c.groups...)
		require.ErrorIs(t, err, ErrInvalid, c.want)
		assert.ErrorContains(t, err, c.want)
	}
	// Sub-slices that touch but do not overlap are fine.
	_, err = New(sgd, Group[float32]{Params: p[:5], Grads: q[:5]}, Group[float32]{Params: p[5:], Grads: q[5:]})
	assert.NoError(t, err)
}

// TestGroupsAndSchedule: one global norm across groups, ρ and weight decay
// per group, and a schedule whose negative value is an error.
func TestGroupsAndSchedule(t *testing.T) {
	a, ga := []float64{1, 2, 3}, []float64{3, 0, 0}
	b, gb := []float64{4, 5}, []float64{0, 4}
	sched := func(step int) float64 { return []float64{1, -2, 0.5}[step%3] }
	o, err := New(Config[float64]{Perturbation: SAM, Rho: 0.5, RhoSchedule: sched, Eps: 1e-300, SGD: &SGD{LR: 0.1, WeightDecay: 0.1}},
		Group[float64]{Params: a, Grads: ga},
		Group[float64]{Params: b, Grads: gb, Rho: Set(1), WeightDecay: Set(0)})
	require.NoError(t, err)
	require.NoError(t, ascendErr(o))
	// ‖g‖ = 5 over both groups: group a moves by 0.5·g/5, group b by 1·g/5.
	assert.InDeltaSlice(t, []float64{1.3, 2, 3}, a, 1e-15)
	assert.InDeltaSlice(t, []float64{4, 5.8}, b, 1e-15)
	assert.Equal(t, 5.0, o.Stats().GradNorm)
	clear(ga)
	clear(gb)
	require.NoError(t, o.Descend())
	// Step 0: zero gradient, so only the decay: group a by 0.1·0.1·w, b none.
	assert.InDeltaSlice(t, []float64{0.99, 1.98, 2.97}, a, 1e-15)
	assert.Equal(t, []float64{4, 5}, b)
	// Step 1: the schedule says −2, an error that changes nothing.
	ga[0], gb[1] = 3, 4
	before := append(append([]float64(nil), a...), b...)
	err = ascendErr(o)
	require.ErrorIs(t, err, ErrInvalid)
	assert.ErrorContains(t, err, "Config.RhoSchedule(1) = -2")
	assert.Equal(t, before, append(append([]float64(nil), a...), b...))
	assert.Equal(t, 1, o.Steps())
}

// TestSharded: a parameter vector split across two optimizers (as in
// sharded or model-parallel training) and perturbed with the all-reduced
// LocalSumSq moves like one optimizer over the whole vector, to rounding:
// the norm's sum is split in two, an error of at most γ_n relative, which
// the perturbation ρ·g/‖g‖ inherits at half (of the square root).
func TestSharded(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	const n = 1000
	w, g := make([]float32, n), make([]float32, n)
	for i := range w {
		w[i], g[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
	}
	for _, kind := range []Perturbation{SAM, ASAM} {
		cfg := Config[float32]{Perturbation: kind, Rho: 0.05, SGD: &SGD{LR: 0.1}}
		whole := append([]float32(nil), w...)
		o, err := NewFlat(cfg, whole, g)
		require.NoError(t, err)
		require.NoError(t, ascendErr(o))
		s1, s2 := append([]float32(nil), w[:400]...), append([]float32(nil), w[400:]...)
		o1, err := NewFlat(cfg, s1, g[:400])
		require.NoError(t, err)
		o2, err := NewFlat(cfg, s2, g[400:])
		require.NoError(t, err)
		global := o1.LocalSumSq() + o2.LocalSumSq()
		require.NoError(t, ascendGlobalErr(o1, global))
		require.NoError(t, ascendGlobalErr(o2, global))
		sharded := append(s1, s2...)
		for i := range whole {
			e := float64(whole[i] - w[i])
			assert.InDelta(t, float64(whole[i]), float64(sharded[i]), 2*0x1p-24*math.Abs(float64(whole[i]))+float64(n)*0x1p-53*math.Abs(e), "%s w[%d]", kind, i)
		}
		// Each shard's own norm is a different perturbation (m-sharpness).
		l1, _ := NewFlat(cfg, append([]float32(nil), w[:400]...), g[:400])
		require.NoError(t, ascendErr(l1))
		assert.NotEqual(t, l1.Stats().GradNorm, o1.Stats().GradNorm)
	}
}

// ascendErr and ascendGlobalErr drop Ascend's answer about the second
// gradient, for the tests where it is always yes.
func ascendErr[T Float](o *Optimizer[T]) error {
	_, err := o.Ascend()
	return err
}

func ascendGlobalErr[T Float](o *Optimizer[T], sumSq float64) error {
	_, err := o.AscendGlobal(sumSq)
	return err
}

// withOptions fills in the options of a variant, for the tests that run
// every perturbation.
func withOptions[T Float](c Config[T]) Config[T] {
	switch c.Perturbation {
	case AscentGD:
		c.HVP = func(hv, v [][]T) error {
			for k := range v {
				copy(hv[k], v[k])
			}
			return nil
		}
	case GSAM:
		c.GSAM = GSAMOptions{Alpha: 0.3}
	case LookSAM:
		c.LookSAM = LookSAMOptions{K: 2, Alpha: 0.5}
	case WSAM:
		c.WSAM = WSAMOptions{Gamma: 0.8}
	case FSAM:
		c.FSAM = FSAMOptions{Sigma: 1, Lambda: 0.9}
	case AESAM:
		c.AESAM = AESAMOptions{Delta: 0.9, Lambda1: -1, Lambda2: 1, Steps: 10}
	}
	return c
}
