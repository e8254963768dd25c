package sam

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/kernels"
)

// run is a small training problem: a quadratic with two parameter groups,
// and a closure that writes its gradient into the groups' Grads.
type run[T Float] struct {
	q      *quad
	w, g   []T // flat views; the groups are w[:5], w[5:] and g likewise
	groups []Group[T]
	tmpw   []float64
	tmpg   []float64
	calls  int
	accum  bool // add the gradient into g instead of overwriting it
}

func newRun[T Float](seed uint64, d int) *run[T] {
	r := rand.New(rand.NewPCG(seed, 9))
	q := newQuad(r, d, 6)
	ru := &run[T]{q: q, w: make([]T, d), g: make([]T, d), tmpw: make([]float64, d), tmpg: make([]float64, d)}
	for i := range ru.w {
		ru.w[i] = T(2*r.Float64() - 1)
	}
	ru.groups = []Group[T]{{Params: ru.w[:5], Grads: ru.g[:5]}, {Params: ru.w[5:], Grads: ru.g[5:]}}
	return ru
}

func (ru *run[T]) grad(idx []int) {
	ru.calls++
	for i, x := range ru.w {
		ru.tmpw[i] = float64(x)
	}
	ru.q.grad(ru.tmpw, ru.tmpg, idx)
	for i, x := range ru.tmpg {
		if ru.accum {
			ru.g[i] += T(x)
		} else {
			ru.g[i] = T(x)
		}
	}
}

func (ru *run[T]) closure() error { ru.grad(nil); return nil }

// configs returns one configuration per perturbation and base optimizer.
func configs[T Float](q *quad) map[string]Config[T] {
	out := map[string]Config[T]{}
	hvp := func(hv, v [][]T) error {
		// The quadratic's Hessian on the flat concatenation of the groups.
		n := len(v[0]) + len(v[1])
		x, y := make([]float64, n), make([]float64, n)
		for i, e := range append(append([]T(nil), v[0]...), v[1]...) {
			x[i] = float64(e)
		}
		q.hvp(x, y)
		for i := range hv[0] {
			hv[0][i] = T(y[i])
		}
		for i := range hv[1] {
			hv[1][i] = T(y[len(hv[0])+i])
		}
		return nil
	}
	variants := map[string]Config[T]{
		"GSAM":         {Perturbation: GSAM, GSAM: GSAMOptions{Alpha: 0.4}},
		"LookSAM":      {Perturbation: LookSAM, LookSAM: LookSAMOptions{K: 3, Alpha: 0.7}},
		"WSAM":         {Perturbation: WSAM, WSAM: WSAMOptions{Gamma: 0.9}},
		"WSAM/coupled": {Perturbation: WSAM, WSAM: WSAMOptions{Gamma: 0.8, Coupled: true}},
		"MSAM":         {Perturbation: MSAM},
		"FSAM":         {Perturbation: FSAM, FSAM: FSAMOptions{Sigma: 1, Lambda: 0.9}},
		"AESAM":        {Perturbation: AESAM, AESAM: AESAMOptions{Delta: 0.9, Lambda1: -1, Lambda2: 0.2, Steps: 30}},
	}
	for _, p := range []Perturbation{SAM, USAM, ASAM, AscentGD, NoPerturbation} {
		variants[p.String()] = Config[T]{Perturbation: p}
	}
	for name, v := range variants {
		v.Rho, v.HVP = 0.05, hvp
		sgd, adam := v, v
		sgd.SGD = &SGD{LR: 0.02, Momentum: 0.9, Nesterov: true, WeightDecay: 1e-3}
		adam.AdamW = &AdamW{LR: 1e-2, WeightDecay: 1e-2}
		if v.Perturbation != AscentGD {
			sgd.HVP, adam.HVP = nil, nil
		}
		out[name+"/sgd"], out[name+"/adamw"] = sgd, adam
	}
	return out
}

// TestConfigIsCopied: nothing the caller keeps after New changes the
// optimizer, for either base.
func TestConfigIsCopied(t *testing.T) {
	for _, base := range []string{"sgd", "adamw"} {
		a, b := newRun[float64](1, 9), newRun[float64](1, 9)
		cfg := configs[float64](a.q)["SAM/"+base]
		oa, err := New(cfg, a.groups...)
		require.NoError(t, err)
		cfgB := configs[float64](b.q)["SAM/"+base]
		ob, err := New(cfgB, b.groups...)
		require.NoError(t, err)
		// Mutate everything the caller still holds.
		if cfgB.SGD != nil {
			cfgB.SGD.LR, cfgB.SGD.Momentum = -5, 2
		} else {
			cfgB.AdamW.LR, cfgB.AdamW.Beta1 = -5, 2
		}
		b.groups[0].Params = nil
		for range 20 {
			require.NoError(t, oa.Step(a.closure))
			require.NoError(t, ob.Step(b.closure))
		}
		assert.Equal(t, a.w, b.w, base)
	}
}

// TestLRScheduleAndSetters: a warm-up from 0 leaves the weights exactly as
// they were while the rate is 0, the setters change the rate and the
// radius from the next step on and refuse bad values, and a schedule's bad
// value is an error that changes nothing.
func TestLRScheduleAndSetters(t *testing.T) {
	for name, cfg := range configs[float32](newRun[float32](2, 9).q) {
		ru := newRun[float32](2, 9)
		cfg.LRSchedule = func(step int) float64 { return min(1, float64(step)/3) }
		o, err := New(cfg, ru.groups...)
		require.NoError(t, err)
		w0 := slices.Clone(ru.w)
		require.NoError(t, o.Step(ru.closure))
		assert.Equal(t, w0, ru.w, "%s: a step at rate 0 leaves the weights bit for bit", name)
		require.NoError(t, o.Step(ru.closure))
		assert.NotEqual(t, w0, ru.w, "%s: at rate 1/3 they move", name)
	}
	ru := newRun[float64](3, 9)
	calls := 0
	bad := math.NaN()
	o, err := New(Config[float64]{Perturbation: SAM, Rho: 0.1, SGD: &SGD{LR: 0.1},
		LRSchedule: func(step int) float64 {
			calls++
			if step == 1 {
				return bad
			}
			return 1
		}}, ru.groups...)
	require.NoError(t, err)
	require.NoError(t, o.Step(ru.closure))
	w1 := slices.Clone(ru.w)
	err = o.Step(ru.closure)
	require.ErrorIs(t, err, ErrInvalid)
	assert.ErrorContains(t, err, "Config.LRSchedule(1) = NaN")
	assert.Equal(t, w1, ru.w)
	assert.Equal(t, 1, o.Steps())

	assert.Equal(t, 0.1, o.LR())
	for _, v := range []float64{-1, math.NaN(), math.Inf(1)} {
		assert.ErrorIs(t, o.SetLR(v), ErrInvalid)
		assert.ErrorIs(t, o.SetRho(v), ErrInvalid)
	}
	assert.Equal(t, 0.1, o.LR())
	assert.Equal(t, 0.1, o.Rho())
	require.NoError(t, o.SetLR(0))
	require.NoError(t, o.SetRho(0.2))
	bad = 1
	require.NoError(t, o.Step(ru.closure))
	assert.Equal(t, w1, ru.w, "SetLR(0): the weights stay")
	assert.Equal(t, 0.2, o.Rho())
	// Setters during a step are refused.
	ru.grad(nil)
	require.NoError(t, ascendErr(o))
	assert.ErrorIs(t, o.SetLR(1), ErrInvalid)
	require.NoError(t, o.Descend())
}

// TestPerGroupSettings: a group's weight decay, learning-rate multiplier and
// radius are independent: switching off the decay keeps the perturbation.
func TestPerGroupSettings(t *testing.T) {
	mk := func(g1 Group[float64]) (*Optimizer[float64], *run[float64]) {
		ru := newRun[float64](4, 9)
		g1.Params, g1.Grads = ru.w[5:], ru.g[5:]
		o, err := New(Config[float64]{Perturbation: SAM, Rho: 0.1, SGD: &SGD{LR: 0.1, WeightDecay: 0.5, Decoupled: true}},
			Group[float64]{Params: ru.w[:5], Grads: ru.g[:5]}, g1)
		require.NoError(t, err)
		return o, ru
	}
	// No decay in group 1: the perturbation is the Config's, so the
	// perturbed weights match the default group's run exactly.
	base, rb := mk(Group[float64]{})
	nodecay, rn := mk(Group[float64]{WeightDecay: Set(0)})
	rb.grad(nil)
	rn.grad(nil)
	require.NoError(t, ascendErr(base))
	require.NoError(t, ascendErr(nodecay))
	assert.Equal(t, rb.w, rn.w, "Set(0) weight decay must not touch ρ")
	rb.grad(nil)
	rn.grad(nil)
	require.NoError(t, base.Descend())
	require.NoError(t, nodecay.Descend())
	assert.Equal(t, rb.w[:5], rn.w[:5])
	assert.NotEqual(t, rb.w[5:], rn.w[5:])

	// LRScale Set(0) freezes the group; Rho Set(0) only stops perturbing it.
	frozen, rf := mk(Group[float64]{LRScale: Set(0)})
	w1 := slices.Clone(rf.w[5:])
	require.NoError(t, frozen.Step(rf.closure))
	assert.Equal(t, w1, rf.w[5:])
	noRho, rr := mk(Group[float64]{Rho: Set(0)})
	rr.grad(nil)
	w1 = slices.Clone(rr.w)
	require.NoError(t, ascendErr(noRho))
	assert.Equal(t, w1[5:], rr.w[5:], "group 1 is not perturbed")
	assert.NotEqual(t, w1[:5], rr.w[:5], "group 0 is")
	require.NoError(t, noRho.Descend())
	assert.NotEqual(t, w1[5:], rr.w[5:], "but it trains")
}

// TestExactZeros: ZeroEps gives ρ·g/‖g‖ exactly as written; ZeroASAMEta
// gives T = |w|; ASAMUnscaled gives T = 1 in its group.
func TestExactZeros(t *testing.T) {
	w := []float64{0.5, -2, 0, 3}
	g := []float64{1, 2, 2, 4}
	wr := slices.Clone(w)
	o, err := NewFlat(Config[float64]{Perturbation: SAM, Rho: 0.5, ZeroEps: true, SGD: &SGD{LR: 1}}, w, g)
	require.NoError(t, err)
	require.NoError(t, ascendErr(o))
	for i := range w { // ‖g‖ = 5
		assert.Equal(t, wr[i]+0.5/5*g[i], w[i])
	}

	copy(w, wr)
	o, err = NewFlat(Config[float64]{Perturbation: ASAM, Rho: 1, ZeroASAMEta: true, ZeroEps: true, SGD: &SGD{LR: 1}}, w, g)
	require.NoError(t, err)
	require.NoError(t, ascendErr(o))
	// T·g = (0.5, −4, 0, 12), ‖T·g‖ = √160.25; e = ρ·T²g/‖T·g‖.
	n := math.Sqrt(0.25 + 16 + 144)
	for i := range w {
		T := math.Abs(wr[i])
		assert.InDelta(t, wr[i]+T*T*g[i]/n, w[i], 1e-15, "w[%d]", i)
	}
	assert.Equal(t, wr[2], w[2], "T = 0: the zero weight does not move")

	// Per group: T = 1 for the "bias" group.
	a, b := []float64{0.5, -2}, []float64{0, 3}
	ga, gb := []float64{1, 2}, []float64{2, 4}
	o, err = New(Config[float64]{Perturbation: ASAM, Rho: 1, ZeroASAMEta: true, ZeroEps: true, SGD: &SGD{LR: 1}},
		Group[float64]{Params: a, Grads: ga}, Group[float64]{Params: b, Grads: gb, ASAMUnscaled: true})
	require.NoError(t, err)
	assert.Equal(t, 0.25+16+4+16, o.LocalSumSq())
	require.NoError(t, ascendErr(o))
	n = math.Sqrt(0.25 + 16 + 4 + 16)
	assert.InDelta(t, 0.5+0.25*1/n, a[0], 1e-15)
	assert.InDelta(t, 0+2/n, b[0], 1e-15)
	assert.InDelta(t, 3+4/n, b[1], 1e-15)
}

// TestHugeGradient: a finite gradient whose squares overflow float64 is a
// gradient like any other; a clipped step then moves by ClipNorm·lr.
func TestHugeGradient(t *testing.T) {
	w := []float64{1, 2, 3}
	g := []float64{1e200, -2e200, 2e200}
	o, err := NewFlat(Config[float64]{Perturbation: SAM, Rho: 0.3, ClipNorm: 1, SGD: &SGD{LR: 0.1}}, w, g)
	require.NoError(t, err)
	require.NoError(t, ascendErr(o))
	assert.InEpsilon(t, 3e200, o.Stats().GradNorm, 1e-15)
	assert.InDeltaSlice(t, []float64{1.1, 1.8, 3.2}, w, 1e-15)
	require.NoError(t, o.Descend())
	assert.InEpsilon(t, 1/3e200, o.Stats().Clip, 1e-14)
	assert.InDeltaSlice(t, []float64{1 - 0.1/3, 2 + 0.2/3, 3 - 0.2/3}, w, 1e-15)
	// float32: cannot overflow the float64 sum.
	w32, g32 := []float32{1, 2}, []float32{3e38, 3e38}
	o32, err := NewFlat(Config[float32]{Perturbation: SAM, Rho: 1, SGD: &SGD{LR: 1}}, w32, g32)
	require.NoError(t, err)
	require.NoError(t, ascendErr(o32))
	assert.InDelta(t, 1+1/math.Sqrt2, float64(w32[0]), 1e-6)
}

// TestClipping matches the reference: the update direction scaled to norm
// ClipNorm when it is longer, untouched when not.
func TestClipping(t *testing.T) {
	for _, c := range []float64{0.05, 1e9} {
		ru, ref := newRun[float64](5, 9), newRun[float64](5, 9)
		o, err := New(Config[float64]{Perturbation: SAM, Rho: 0.05, ClipNorm: c, SGD: &SGD{LR: 0.1}}, ru.groups...)
		require.NoError(t, err)
		ro, err := New(Config[float64]{Perturbation: SAM, Rho: 0.05, SGD: &SGD{LR: 0.1}}, ref.groups...)
		require.NoError(t, err)
		ru.grad(nil)
		ref.grad(nil)
		require.NoError(t, ascendErr(o))
		require.NoError(t, ascendErr(ro))
		ru.grad(nil)
		ref.grad(nil)
		n := norm(ref.g)
		if n > c {
			kernels.Scale(c/n, ref.g)
		}
		require.NoError(t, o.Descend())
		require.NoError(t, ro.Descend())
		for i := range ru.w {
			assert.InDelta(t, ref.w[i], ru.w[i], 1e-15, "ClipNorm %v w[%d]", c, i)
		}
		// The two norms sum in different orders: equal to γ_9.
		assert.InEpsilon(t, min(1, c/n), o.Stats().Clip, 16*0x1p-53)
	}
}

// TestZeroGrads drives the optimizer with a stub trainer whose autodiff adds
// into the buffers: with ZeroGrads it follows the overwriting trainer's run
// bit for bit, for every perturbation and micro-batches, and leaves the
// buffers zero after each call.
func TestZeroGrads(t *testing.T) {
	for name, cfg := range configs[float64](newRun[float64](6, 9).q) {
		for _, micro := range []bool{false, true} {
			if micro && cfg.Perturbation != SAM && cfg.Perturbation != USAM && cfg.Perturbation != ASAM {
				continue // the others take no micro-batches
			}
			plain, acc := newRun[float64](6, 9), newRun[float64](6, 9)
			acc.accum = true
			op, err := New(cfg, plain.groups...)
			require.NoError(t, err)
			cfg.ZeroGrads = true
			oa, err := New(cfg, acc.groups...)
			require.NoError(t, err)
			batches := [][]int{{0}, {3}, {5}}
			for range 30 {
				if micro {
					require.NoError(t, op.StepMicro(batches, func(b []int) error { plain.grad(b); return nil }))
					require.NoError(t, oa.StepMicro(batches, func(b []int) error {
						assert.Equal(t, make([]float64, 9), acc.g, "buffers zero before each gradient")
						acc.grad(b)
						return nil
					}))
				} else {
					require.NoError(t, op.Step(plain.closure))
					require.NoError(t, oa.Step(func() error {
						assert.Equal(t, make([]float64, 9), acc.g, "%s: buffers zero before each gradient", name)
						acc.grad(nil)
						return nil
					}))
				}
				assert.Equal(t, make([]float64, 9), acc.g)
			}
			assert.Equal(t, plain.w, acc.w, "%s micro=%v", name, micro)
		}
	}
	// And without ZeroGrads, an accumulating trainer that clears once per
	// step trains on ∇L(w) + ∇L(w+e): a different trajectory.
	plain, acc := newRun[float64](6, 9), newRun[float64](6, 9)
	acc.accum = true
	cfg := Config[float64]{Perturbation: SAM, Rho: 0.05, SGD: &SGD{LR: 0.02}}
	op, _ := New(cfg, plain.groups...)
	oa, _ := New(cfg, acc.groups...)
	for range 5 {
		require.NoError(t, op.Step(plain.closure))
		clear(acc.g)
		require.NoError(t, oa.Step(acc.closure))
	}
	assert.NotEqual(t, plain.w, acc.w)
}

// TestStepMicroPassesTheBatch: each micro-batch's gradient is taken twice on
// its own samples, at w and at the perturbed point.
func TestStepMicroPassesTheBatch(t *testing.T) {
	ru := newRun[float64](7, 9)
	o, err := New(Config[float64]{Perturbation: SAM, Rho: 0.05, SGD: &SGD{LR: 0.02}}, ru.groups...)
	require.NoError(t, err)
	var seen [][]int
	batches := [][]int{{4}, {1, 2}, {0}}
	require.NoError(t, o.StepMicro(batches, func(b []int) error { seen = append(seen, b); ru.grad(b); return nil }))
	assert.Equal(t, [][]int{{4}, {4}, {1, 2}, {1, 2}, {0}, {0}}, seen)
	assert.ErrorIs(t, o.StepMicro(nil, nil), ErrInvalid)
}

// TestNoAllocations: a step allocates nothing, with the closure and in two
// phases, for every perturbation and both bases.
func TestNoAllocations(t *testing.T) {
	for name, cfg := range configs[float32](newRun[float32](8, 9).q) {
		cfg.HVP = func(hv, v [][]float32) error { copy(hv[0], v[0]); copy(hv[1], v[1]); return nil }
		cfg.ClipNorm = 0.5
		ru := newRun[float32](8, 9)
		o, err := New(cfg, ru.groups...)
		require.NoError(t, err)
		grad := func() error { ru.grad(nil); return nil }
		require.NoError(t, o.Step(grad)) // the first step may allocate lazily
		allocs := testing.AllocsPerRun(50, func() {
			if err := o.Step(grad); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, "%s: Step", name)
		allocs = testing.AllocsPerRun(50, func() {
			ru.grad(nil)
			again, err := o.Ascend()
			if err != nil {
				t.Fatal(err)
			}
			if again {
				ru.grad(nil)
			}
			if err := o.Descend(); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, "%s: two phases", name)
	}
	ru := newRun[float32](8, 9)
	o, err := New(Config[float32]{Perturbation: SAM, Rho: 0.05, SGD: &SGD{LR: 0.02}}, ru.groups...)
	require.NoError(t, err)
	batches := [][]int{{0}, {1}}
	gb := func(b []int) error { ru.grad(b); return nil }
	require.NoError(t, o.StepMicro(batches, gb))
	assert.Zero(t, testing.AllocsPerRun(50, func() { _ = o.StepMicro(batches, gb) }), "StepMicro")
}

// TestCheckpointResume: on every kernel level, for every perturbation and
// both bases, float32 and float64, a run saved after 7 steps, loaded into a
// fresh optimizer and continued equals the uninterrupted run bit for bit.
func TestCheckpointResume(t *testing.T) {
	for _, l := range kernels.Levels() {
		t.Run(l.String(), func(t *testing.T) {
			checkpointResume[float32](t, l)
			checkpointResume[float64](t, l)
		})
	}
}

func checkpointResume[T Float](t *testing.T, l kernels.Level) {
	for name, cfg := range configs[T](newRun[T](9, 9).q) {
		cfg.RhoSchedule = func(s int) float64 { return 1 / (1 + 0.1*float64(s)) }
		cfg.LRSchedule = func(s int) float64 { return min(1, float64(s+1)/4) }
		whole, part := newRun[T](9, 9), newRun[T](9, 9)
		ow, err := newOn(l, cfg, whole.groups...)
		require.NoError(t, err)
		op, err := newOn(l, cfg, part.groups...)
		require.NoError(t, err)
		for range 7 {
			require.NoError(t, ow.Step(whole.closure))
			require.NoError(t, op.Step(part.closure))
		}
		require.NoError(t, op.SetLR(op.LR()*0.5))
		require.NoError(t, ow.SetLR(ow.LR()*0.5))
		data, err := op.MarshalBinary()
		require.NoError(t, err)
		// A fresh optimizer over the same parameters (which the trainer
		// checkpoints itself), resumed.
		fresh, err := newOn(l, cfg, part.groups...)
		require.NoError(t, err)
		require.NoError(t, fresh.UnmarshalBinary(data))
		assert.Equal(t, 7, fresh.Steps())
		for range 9 {
			require.NoError(t, ow.Step(whole.closure))
			require.NoError(t, fresh.Step(part.closure))
		}
		assert.Equal(t, whole.w, part.w, "%s %T", name, whole.w)
	}
}

// TestCheckpointErrors: a truncated, corrupt or mismatched checkpoint is an
// error, and the optimizer it was loaded into is untouched.
func TestCheckpointErrors(t *testing.T) {
	ru := newRun[float32](10, 9)
	cfg := Config[float32]{Perturbation: SAM, Rho: 0.05, AdamW: &AdamW{LR: 1e-2}}
	o, err := New(cfg, ru.groups...)
	require.NoError(t, err)
	for range 3 {
		require.NoError(t, o.Step(ru.closure))
	}
	good, err := o.MarshalBinary()
	require.NoError(t, err)

	target := newRun[float32](11, 9)
	fresh, err := New(cfg, target.groups...)
	require.NoError(t, err)
	require.NoError(t, fresh.Step(target.closure))
	snapshot := func() string {
		b, err := fresh.MarshalBinary()
		require.NoError(t, err)
		return string(b)
	}
	before := snapshot()
	expect := func(data []byte, msg string) {
		t.Helper()
		err := fresh.UnmarshalBinary(data)
		require.ErrorIs(t, err, ErrInvalid, msg)
		assert.ErrorContains(t, err, msg)
		assert.Equal(t, before, snapshot(), "untouched after %q", msg)
	}
	expect(good[:10], "too short")
	expect(good[:len(good)-1], "checksum")
	flip := slices.Clone(good)
	flip[len(flip)/2] ^= 1
	expect(flip, "checksum")
	other := slices.Clone(good)
	copy(other, "NOTSAMKS")
	expect(other, "not a samkern optimizer state")
	// Re-sealed with a valid checksum, each field is checked.
	reseal := func(mod func(b []byte)) []byte {
		b := slices.Clone(good[:len(good)-4])
		mod(b)
		return append(b, crcBytes(b)...)
	}
	expect(reseal(func(b []byte) { b[8] = 2 }), "version 2")
	expect(reseal(func(b []byte) { b[12] = 8 }), "float64 elements")
	expect(reseal(func(b []byte) { b[13] = 1 }), "saved with SGD")
	expect(reseal(func(b []byte) { b[14] = byte(ASAM) }), "Perturbation ASAM")
	expect(reseal(func(b []byte) { b[40] = 3 }), "3 groups")
	expect(reseal(func(b []byte) { b[44] = 6 }), "group 0 holds 6 parameters")
	nan := reseal(func(b []byte) {
		b[ckptHeader+16] = 0
		b[ckptHeader+17] = 0
		b[ckptHeader+18] = 0xc0
		b[ckptHeader+19] = 0x7f
	})
	expect(nan, "holds NaN")
	expect(append(slices.Clone(good[:len(good)-4]), 0, 0, 0, 0), "checksum")

	// Mismatched optimizers.
	o64, err := New(Config[float64]{Perturbation: SAM, Rho: 0.05, AdamW: &AdamW{LR: 1e-2}}, newRun[float64](1, 9).groups...)
	require.NoError(t, err)
	assert.ErrorContains(t, o64.UnmarshalBinary(good), "float32 elements, this optimizer holds float64")
	short := newRun[float32](1, 9)
	oShort, err := New(cfg, short.groups[0])
	require.NoError(t, err)
	assert.ErrorContains(t, oShort.UnmarshalBinary(good), "2 groups, this optimizer has 1")
	// During a step, neither works.
	target.grad(nil)
	require.NoError(t, ascendErr(fresh))
	_, err = fresh.MarshalBinary()
	assert.ErrorIs(t, err, ErrInvalid)
	assert.ErrorIs(t, fresh.UnmarshalBinary(good), ErrInvalid)
	require.NoError(t, fresh.Descend())
	require.NoError(t, fresh.UnmarshalBinary(good))
	assert.Equal(t, 3, fresh.Steps())
}

var errBoom = errors.New("boom")

// TestFailedCallsKeepState: a failing closure or a NaN at any point leaves
// the weights, the state and the step count, for every configuration.
func TestFailedCallsKeepState(t *testing.T) {
	for name, cfg := range configs[float64](newRun[float64](12, 9).q) {
		ru := newRun[float64](12, 9)
		o, err := New(cfg, ru.groups...)
		require.NoError(t, err)
		for range 3 {
			require.NoError(t, o.Step(ru.closure))
		}
		state, err := o.MarshalBinary()
		require.NoError(t, err)
		w := slices.Clone(ru.w)
		for call := 1; call <= 2; call++ {
			n := 0
			err := o.Step(func() error {
				n++
				if n == call {
					return errBoom
				}
				ru.grad(nil)
				return nil
			})
			if n < call {
				require.NoError(t, err) // a step with one gradient only
				continue
			}
			require.ErrorIs(t, err, errBoom, "%s call %d", name, call)
			assert.Equal(t, w, ru.w, name)
			after, _ := o.MarshalBinary()
			assert.Equal(t, state, after, fmt.Sprintf("%s: state after a failed call %d", name, call))
		}
	}
}

func crcBytes(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(b))
}

// TestClippingVariants: for every perturbation, a clipped step moves the
// weights along the unclipped step's direction by ClipNorm·lr, the factor
// being ClipNorm over the norm of the direction the variant formed (GSAM's
// and coupled WSAM's combinations, LookSAM's reuse steps), and Grads are
// not written. Each comparison starts from one state, j steps into a run
// (so LookSAM's reuse steps and AESAM's decisions are among them), copied
// by a checkpoint into an optimizer with ClipNorm.
func TestClippingVariants(t *testing.T) {
	const lr, c = 0.1, 1e-3
	for name, cfg := range configs[float64](newRun[float64](12, 9).q) {
		if cfg.SGD == nil {
			continue
		}
		cfg.SGD = &SGD{LR: lr}
		for j := range 4 {
			ru := newRun[float64](12, 9)
			o, err := New(cfg, ru.groups...)
			require.NoError(t, err)
			for range j {
				require.NoError(t, o.Step(ru.closure))
			}
			state, err := o.MarshalBinary()
			require.NoError(t, err)
			cl := newRun[float64](12, 9)
			copy(cl.w, ru.w)
			ccfg := cfg
			ccfg.ClipNorm = c
			oc, err := New(ccfg, cl.groups...)
			require.NoError(t, err)
			require.NoError(t, oc.UnmarshalBinary(state))

			w0 := slices.Clone(ru.w)
			var gSeen []float64
			grad := func(r *run[float64], keep bool) func() error {
				return func() error {
					r.grad(nil)
					if keep {
						gSeen = slices.Clone(r.g)
					}
					return nil
				}
			}
			require.NoError(t, o.Step(grad(ru, false)))
			require.NoError(t, oc.Step(grad(cl, true)))
			assert.Equal(t, gSeen, cl.g, "%s j=%d: Grads as the trainer wrote them", name, j)
			un, got := make([]float64, 9), make([]float64, 9)
			for i := range w0 {
				un[i], got[i] = ru.w[i]-w0[i], cl.w[i]-w0[i]
			}
			if cfg.Perturbation == WSAM && !cfg.WSAM.Coupled {
				// The sharpness term after the base step is not clipped:
				// only the factor is checked, against ‖g(w)‖.
				g := newRun[float64](12, 9)
				copy(g.w, w0)
				g.grad(nil)
				assert.InEpsilon(t, c/norm(g.g), oc.Stats().Clip, 1e-13, "%s j=%d", name, j)
				continue
			}
			// The base step is w = fl(w0 − lr·d), one rounding (two on
			// Generic, which rounds lr·d first), and the test's difference
			// another: un = −lr·d + e with |e_i| ≤ u·(|w_i| + 2|un_i|). So n = ‖un‖/lr is ‖d‖ within
			// ‖e‖/‖un‖, and the optimizer's norm of d is within γ_{n+8}
			// (n = 9): Clip = c/n within r.
			const u = 0x1p-53
			e := make([]float64, len(un))
			for i := range un {
				e[i] = u * (math.Abs(ru.w[i]) + 2*math.Abs(un[i]))
			}
			n := norm(un) / lr
			require.Greater(t, n, c, "%s j=%d: the step is clipped", name, j)
			r := norm(e)/norm(un) + 17*u/(1-17*u) + 2*u
			assert.InEpsilon(t, c/n, oc.Stats().Clip, r, "%s j=%d", name, j)
			// The clipped step rounds clip·d_i once and w as above, and
			// the difference once: got_i = −lr·d_i·clip·(1+θ) + e'_i with
			// |e'_i| ≤ u·(|w_i| + 2|got_i|), against un_i·c/n.
			for i := range un {
				f := c / n
				tol := (math.Abs(un[i])+e[i])*f*(r+2*u) + e[i]*f + u*(math.Abs(cl.w[i])+2*math.Abs(got[i]))
				assert.InDelta(t, un[i]*f, got[i], tol, "%s j=%d w[%d]", name, j, i)
			}
		}
	}
}

// TestHugeGradientFSAM: F-SAM's ‖g − σ·m‖, whose squares overflow here, is
// taken by the scaled rare path, and the perturbation has length ρ.
func TestHugeGradientFSAM(t *testing.T) {
	w, g := []float64{1, 2, 3}, []float64{0.5, -1, 1}
	o, err := NewFlat(Config[float64]{Perturbation: FSAM, FSAM: FSAMOptions{Sigma: 1, Lambda: 0.9}, Rho: 0.3, SGD: &SGD{LR: 0}}, w, g)
	require.NoError(t, err)
	require.NoError(t, o.Step(func() error { return nil })) // starts the average at g
	copy(g, []float64{1e200, -2e200, 2e200})
	w0 := slices.Clone(w)
	require.NoError(t, ascendErr(o))
	// m = g_old is negligible next to g: d = g to 1e-199 relative.
	assert.InEpsilon(t, 3e200, o.Stats().GradNorm, 1e-15)
	assert.InDeltaSlice(t, []float64{w0[0] + 0.1, w0[1] - 0.2, w0[2] + 0.2}, w, 1e-15)
	require.NoError(t, o.Descend())
}
