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
	cfg := Config[float64]{Perturbation: kind, Rho: 0.1, SGD: &SGD{LR: 0.1, Momentum: 0.9},
		HVP: func(hv, v [][]float64) error { copy(hv[0], v[0]); return nil }}
	o, err := NewFlat(cfg, w, g)
	require.NoError(t, err)
	return o, w, g
}

// TestZeroGradient: a zero gradient means no perturbation and no NaN, for
// every perturbation; the step then changes nothing (momentum is zero too).
func TestZeroGradient(t *testing.T) {
	for _, kind := range []Perturbation{SAM, USAM, ASAM, AscentGD, NoPerturbation} {
		o, w, g := newTestOpt(t, kind, 37)
		w0 := append([]float64(nil), w...)
		require.NoError(t, o.Ascend())
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
	require.NoError(t, o.Ascend())
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
	for _, kind := range []Perturbation{SAM, USAM, ASAM, AscentGD, NoPerturbation} {
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			o, w, g := newTestOpt(t, kind, 33)
			// One good step so that momentum is non-zero.
			for i := range g {
				g[i] = 0.5
			}
			require.NoError(t, o.Step(func() error { return nil }))
			w1 := append([]float64(nil), w...)
			m1 := append([]float64(nil), o.st[0].m...)

			// In the first gradient: Ascend refuses, nothing moves.
			g[17] = bad
			err := o.Ascend()
			require.ErrorIs(t, err, ErrNonFinite, "%s %v", kind, bad)
			assert.Equal(t, w1, w)
			assert.Equal(t, m1, o.st[0].m)
			assert.Equal(t, 1, o.Steps())

			// In the second gradient: Descend abandons the step.
			for i := range g {
				g[i] = 0.25
			}
			require.NoError(t, o.Ascend())
			g[31] = bad
			err = o.Descend()
			require.ErrorIs(t, err, ErrNonFinite, "%s %v", kind, bad)
			assert.Equal(t, w1, w, "%s: weights restored", kind)
			assert.Equal(t, m1, o.st[0].m, "%s: momentum untouched", kind)
			assert.Equal(t, 1, o.Steps())
			// And the optimizer is usable again.
			g[31] = 0.25
			require.NoError(t, o.Ascend())
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
	require.NoError(t, o.Ascend())
	assert.ErrorIs(t, o.Ascend(), ErrPhase)
	assert.ErrorIs(t, o.Step(func() error { return nil }), ErrPhase)
	require.NoError(t, o.Descend())
	a, _, _ := newTestOpt(t, AscentGD, 5)
	require.NoError(t, a.Ascend())
	assert.ErrorIs(t, a.Accumulate(), ErrPhase)
}

// TestPanicsAndConfig: mismatched lengths panic naming the argument; bad
// configurations are errors.
func TestPanicsAndConfig(t *testing.T) {
	assert.PanicsWithValue(t, "sam.New: group 1: len(Grads) = 3, want len(Params) = 4", func() {
		_, _ = New(Config[float32]{SGD: &SGD{LR: 1}},
			Group[float32]{Params: make([]float32, 2), Grads: make([]float32, 2)},
			Group[float32]{Params: make([]float32, 4), Grads: make([]float32, 3)})
	})
	w, g := make([]float64, 3), make([]float64, 3)
	bad := []Config[float64]{
		{},
		{SGD: &SGD{LR: 1}, AdamW: &AdamW{LR: 1}},
		{SGD: &SGD{LR: 0}},
		{SGD: &SGD{LR: 1, Momentum: 1}},
		{SGD: &SGD{LR: 1, Nesterov: true}},
		{SGD: &SGD{LR: 1}, Rho: -1},
		{SGD: &SGD{LR: 1}, Rho: math.NaN()},
		{SGD: &SGD{LR: 1}, Perturbation: AscentGD},
		{SGD: &SGD{LR: 1}, Perturbation: 17},
		{AdamW: &AdamW{LR: 1, Beta1: 1}},
	}
	for i, c := range bad {
		_, err := NewFlat(c, w, g)
		assert.Error(t, err, "config %d", i)
	}
	_, err := New[float64](Config[float64]{SGD: &SGD{LR: 1}})
	assert.Error(t, err, "no groups")
	// The kernels' own checks catch overlaps between the user's slices.
	o, err := NewFlat(Config[float64]{Rho: 0.1, SGD: &SGD{LR: 1}}, w, w)
	require.NoError(t, err)
	w[0] = 1
	assert.Panics(t, func() { _ = o.Ascend() })
}

// TestGroupsAndSchedule: one global norm across groups, ρ and weight decay
// per group, and a schedule clamped at zero.
func TestGroupsAndSchedule(t *testing.T) {
	a, ga := []float64{1, 2, 3}, []float64{3, 0, 0}
	b, gb := []float64{4, 5}, []float64{0, 4}
	sched := func(step int) float64 { return []float64{1, -2, 0.5}[step%3] }
	o, err := New(Config[float64]{Perturbation: SAM, Rho: 0.5, RhoSchedule: sched, Eps: 1e-300, SGD: &SGD{LR: 0.1, WeightDecay: 0.1}},
		Group[float64]{Params: a, Grads: ga},
		Group[float64]{Params: b, Grads: gb, Custom: true, Rho: 1, WeightDecay: 0})
	require.NoError(t, err)
	require.NoError(t, o.Ascend())
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
	// Step 1: the schedule says −2, clamped to 0: no perturbation.
	ga[0], gb[1] = 3, 4
	before := append(append([]float64(nil), a...), b...)
	require.NoError(t, o.Ascend())
	assert.Equal(t, before, append(append([]float64(nil), a...), b...))
	assert.Equal(t, 0.0, o.Stats().RhoFactor)
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
		require.NoError(t, o.Ascend())
		s1, s2 := append([]float32(nil), w[:400]...), append([]float32(nil), w[400:]...)
		o1, err := NewFlat(cfg, s1, g[:400])
		require.NoError(t, err)
		o2, err := NewFlat(cfg, s2, g[400:])
		require.NoError(t, err)
		global := o1.LocalSumSq() + o2.LocalSumSq()
		require.NoError(t, o1.AscendGlobal(global))
		require.NoError(t, o2.AscendGlobal(global))
		sharded := append(s1, s2...)
		for i := range whole {
			e := float64(whole[i] - w[i])
			assert.InDelta(t, float64(whole[i]), float64(sharded[i]), 2*0x1p-24*math.Abs(float64(whole[i]))+float64(n)*0x1p-53*math.Abs(e), "%s w[%d]", kind, i)
		}
		// Each shard's own norm is a different perturbation (m-sharpness).
		l1, _ := NewFlat(cfg, append([]float32(nil), w[:400]...), g[:400])
		require.NoError(t, l1.Ascend())
		assert.NotEqual(t, l1.Stats().GradNorm, o1.Stats().GradNorm)
	}
}
