package hessian_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/internal/numtest"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/sam"
)

// trainer is what a Go trainer holds: a model, its parameters as
// per-layer groups (views of one flat vector here, so the test can read
// them) and the gradient buffers its backward pass writes.
type trainer[T models.Float] struct {
	mlp           *models.MLP[T]
	x64           []float64 // the inputs, as T holds them
	labels        []int
	flat          []T
	params, grads [][]T
	calls         int
	fail          func(call int) (float64, error) // if set and non-nil result, injected
}

func newTrainer[T models.Float](t *testing.T, act models.Activation, seed uint64) *trainer[T] {
	r := numtest.Rand(seed)
	const m, in = 40, 8
	x64 := numtest.Vec(r, m*in, 1)
	x := make([]T, len(x64))
	for i, v := range x64 {
		x[i] = T(v)
	}
	labels := make([]int, m)
	for i := range labels {
		labels[i] = r.IntN(4)
	}
	mlp, err := models.NewMLP([]int{in, 16, 4}, act, x, labels)
	require.NoError(t, err)
	flat, params := mlp.NewParams(seed)
	return &trainer[T]{mlp: mlp, x64: widen(x), labels: labels, flat: flat, params: params, grads: mlp.Split(make([]T, mlp.Dim()))}
}

func (tr *trainer[T]) groups() hessian.Groups[T] {
	return hessian.Groups[T]{Params: tr.params, Grads: tr.grads, Grad: func() (float64, error) {
		tr.calls++
		if tr.fail != nil {
			if l, err := tr.fail(tr.calls); err != nil || math.IsNaN(l) {
				return l, err
			}
		}
		return tr.mlp.Grad(tr.grads, tr.params, nil), nil
	}}
}

func widen[T models.Float](x []T) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestInPlaceMatchesExact: the in-place product over the trainer's groups
// agrees with the R-operator within the tolerance, leaves the parameters
// bit for bit, and costs two gradients per product plus one at the point.
func TestInPlaceMatchesExact(t *testing.T) {
	for _, act := range []models.Activation{models.ReLU, models.Tanh} {
		tr := newTrainer[float64](t, act, 3)
		before := slices.Clone(tr.flat)
		p, err := hessian.NewInPlace(tr.groups(), nil)
		require.NoError(t, err)
		assert.Equal(t, tr.mlp.Dim(), p.Dim())
		assert.Equal(t, 1, tr.calls)
		assert.InEpsilon(t, hessian.FDStep(before), p.Step(), 1e-15)
		f := tr.mlp.Flat(nil)
		r := numtest.Rand(4)
		for k := 0; k < 5; k++ {
			v := numtest.Vec(r, p.Dim(), 1)
			got, want := make([]float64, p.Dim()), make([]float64, p.Dim())
			require.NoError(t, p.HVP(got, v))
			assert.Equal(t, before, tr.flat, "parameters restored bit for bit")
			f.HVP(want, before, v)
			rel := numtest.Norm(numtest.Sub(got, want)) / numtest.Norm(want)
			assert.Less(t, rel, hessian.DefaultFDTol, "%v", act)
		}
		products, grads := p.Counts()
		assert.Equal(t, 5, products)
		assert.Equal(t, 11, grads)
		assert.Equal(t, 11, tr.calls)

		// The gradient and a loss difference at a displaced point.
		g := make([]float64, p.Dim())
		l, err := p.GradAt(g, 0, nil)
		require.NoError(t, err)
		want := make([]float64, p.Dim())
		assert.Equal(t, f.Grad(want, before), l)
		assert.Equal(t, want, g)
		d := numtest.Vec(r, p.Dim(), 1)
		diff, err := p.LossDiff(1e-3, d)
		require.NoError(t, err)
		x := make([]float64, len(before))
		for i := range x {
			x[i] = before[i] + 1e-3*d[i]
		}
		assert.Equal(t, f.Loss(x)-f.Loss(before), diff)
		assert.Equal(t, before, tr.flat)
	}
}

// TestInPlaceAsOperator: Lanczos on the in-place product gives the flat
// exact product's top eigenvalues, through Eigen and as a plain
// lanczos.Operator.
func TestInPlaceAsOperator(t *testing.T) {
	tr := newTrainer[float64](t, models.ReLU, 5)
	w := slices.Clone(tr.flat)
	p, err := hessian.NewInPlace(tr.groups(), nil)
	require.NoError(t, err)
	opts := &lanczos.Options{Tol: 1e-6}
	exact, err := hessian.Eigen(obCtx, hessian.At(tr.mlp.Flat(nil), w), 3, opts)
	require.NoError(t, err)
	got, err := hessian.Eigen(obCtx, p, 3, opts)
	require.NoError(t, err)
	direct, err := lanczos.Eigs(obCtx, p, 3, opts)
	require.NoError(t, err)
	for i := range 3 {
		tol := exact.Residuals[i] + got.Residuals[i] + 1e-6*exact.Values[0]
		assert.InDelta(t, exact.Values[i], got.Values[i], tol)
		assert.InDelta(t, exact.Values[i], direct.Values[i], tol)
	}
	assert.Equal(t, w, tr.flat)
	assert.NoError(t, p.Err())
}

// TestInPlaceExactHVP: with the trainer's exact product the groups are
// used as they are, and float32 groups give float32 accuracy.
func TestInPlaceExactHVP(t *testing.T) {
	tr := newTrainer[float32](t, models.ReLU, 6)
	g := tr.groups()
	calls := 0
	g.HVP = func(hv, v [][]float32) error {
		calls++
		tr.mlp.HVP(hv, tr.params, v, nil)
		return nil
	}
	p, err := hessian.NewInPlace(g, nil)
	require.NoError(t, err)
	r := numtest.Rand(7)
	v := numtest.Vec(r, p.Dim(), 1)
	got := make([]float64, p.Dim())
	require.NoError(t, p.HVP(got, v))
	assert.Equal(t, 1, calls)
	m64, err := models.NewMLP(tr.mlp.Sizes(), models.ReLU, tr.x64, tr.labels)
	require.NoError(t, err)
	want := make([]float64, p.Dim())
	v32 := make([]float64, len(v))
	for i := range v {
		v32[i] = float64(float32(v[i]))
	}
	m64.Flat(nil).HVP(want, widen(tr.flat), v32)
	rel := numtest.Norm(numtest.Sub(got, want)) / numtest.Norm(want)
	t.Logf("float32 exact product: relative error %.2g", rel)
	assert.Less(t, rel, 1e-5)
}

// TestInPlaceFloat32: finite differences of float32 gradients are refused
// on a ReLU network at the default tolerance, and on a tanh network meet
// a tolerance of 1e-2, as documented.
func TestInPlaceFloat32(t *testing.T) {
	tr := newTrainer[float32](t, models.ReLU, 8)
	before := slices.Clone(tr.flat)
	p, err := hessian.NewInPlace(tr.groups(), nil)
	require.NoError(t, err)
	assert.InEpsilon(t, hessian.FDStep(before), p.Step(), 1e-7)
	hv := make([]float64, p.Dim())
	err = p.HVP(hv, numtest.Vec(numtest.Rand(9), p.Dim(), 1))
	var fe *hessian.FDError
	require.ErrorAs(t, err, &fe)
	assert.True(t, fe.Float32)
	assert.Equal(t, before, tr.flat)

	tt := newTrainer[float32](t, models.Tanh, 8)
	p, err = hessian.NewInPlace(tt.groups(), &hessian.FDOptions{Tol: 1e-2})
	require.NoError(t, err)
	v := numtest.Vec(numtest.Rand(10), p.Dim(), 1)
	for i := range v {
		v[i] = float64(float32(v[i]))
	}
	require.NoError(t, p.HVP(hv, v))
	want := make([]float64, p.Dim())
	tt.mlp.Flat(nil).HVP(want, widen(tt.flat), v)
	rel := numtest.Norm(numtest.Sub(hv, want)) / numtest.Norm(want)
	t.Logf("float32 tanh network: relative error %.2g", rel)
	assert.Less(t, rel, 1e-2)
}

// TestInPlaceBadInput: every bad input is an error, and the parameters are
// as they were, bit for bit.
func TestInPlaceBadInput(t *testing.T) {
	tr := newTrainer[float64](t, models.Tanh, 11)
	before := slices.Clone(tr.flat)
	g := tr.groups()

	_, err := hessian.NewInPlace(hessian.Groups[float64]{}, nil)
	assert.ErrorContains(t, err, "no parameter groups")
	bad := g
	bad.Grads = g.Grads[:1]
	_, err = hessian.NewInPlace(bad, nil)
	assert.ErrorContains(t, err, "1 Grads for 4 Params groups")
	bad = g
	bad.Grad = nil
	_, err = hessian.NewInPlace(bad, nil)
	assert.ErrorContains(t, err, "Grad is nil")
	bad = g
	bad.Grads = [][]float64{g.Grads[0], g.Grads[1][:2], g.Grads[2], g.Grads[3]}
	_, err = hessian.NewInPlace(bad, nil)
	assert.ErrorContains(t, err, "group 1: len(Grads) = 2, want len(Params) = 16")
	bad = g
	bad.Grads = [][]float64{g.Grads[0], g.Params[1], g.Grads[2], g.Grads[3]}
	_, err = hessian.NewInPlace(bad, nil)
	assert.ErrorContains(t, err, "Params[1] and Grads[1] share memory")
	bad = g
	bad.Params = [][]float64{g.Params[0], tr.flat[100:116], g.Params[2], g.Params[3]}
	_, err = hessian.NewInPlace(bad, nil)
	assert.ErrorContains(t, err, "Params[0] and Params[1] share memory")
	for _, o := range []hessian.FDOptions{{Step: -1}, {Step: math.NaN()}, {Tol: math.Inf(1)}} {
		_, err = hessian.NewInPlace(g, &o)
		assert.Error(t, err)
	}
	assert.Equal(t, before, tr.flat)

	// A closure that fails, at the point or in a product.
	boom := errors.New("boom")
	tr.fail = func(call int) (float64, error) {
		if call == 1 {
			return 0, boom
		}
		return 0, nil
	}
	tr.calls = 0
	_, err = hessian.NewInPlace(g, nil)
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, before, tr.flat)
	for _, failAt := range []int{3, 4} { // the + and the − side
		tr.calls = 0
		tr.fail = nil
		p, err := hessian.NewInPlace(g, nil)
		require.NoError(t, err)
		tr.fail = func(call int) (float64, error) {
			if call == failAt-1 {
				return 0, boom
			}
			return 0, nil
		}
		tr.calls = 1
		hv := make([]float64, p.Dim())
		err = p.HVP(hv, numtest.Vec(numtest.Rand(12), p.Dim(), 1))
		assert.ErrorIs(t, err, boom)
		assert.Equal(t, before, tr.flat, "restored after a failure on call %d", failAt)
		// As an Operator: NaN out, Err says why.
		tr.calls = 1
		p.Apply(hv, numtest.Vec(numtest.Rand(12), p.Dim(), 1))
		assert.True(t, math.IsNaN(hv[0]))
		assert.ErrorIs(t, p.Err(), boom)
		assert.Equal(t, before, tr.flat)
	}
	// A closure that returns NaN, or NaN gradients.
	tr.fail = func(call int) (float64, error) {
		if call == 2 {
			return math.NaN(), nil
		}
		return 0, nil
	}
	tr.calls = 0
	p, err := hessian.NewInPlace(g, nil)
	require.NoError(t, err)
	hv := make([]float64, p.Dim())
	err = p.HVP(hv, numtest.Vec(numtest.Rand(13), p.Dim(), 1))
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	assert.Equal(t, before, tr.flat)
	tr.fail = nil
	g.Grad = func() (float64, error) {
		tr.mlp.Grad(tr.grads, tr.params, nil)
		tr.grads[3][0] = math.Inf(-1)
		return 1, nil
	}
	_, err = hessian.NewInPlace(g, nil)
	assert.ErrorIs(t, err, hessian.ErrNonFinite)
	assert.Equal(t, before, tr.flat)
}

// TestInPlaceForAscentGD: sam's AscentGD with the in-place product as its
// Config.HVP follows the run with the exact R-operator product to the
// products' accuracy, although each product overwrites the trainer's Grads.
func TestInPlaceForAscentGD(t *testing.T) {
	exact, fd := newTrainer[float64](t, models.Tanh, 14), newTrainer[float64](t, models.Tanh, 14)
	mk := func(tr *trainer[float64], hvp func(hv, v [][]float64) error) *sam.Optimizer[float64] {
		var gs []sam.Group[float64]
		for k := range tr.params {
			gs = append(gs, sam.Group[float64]{Params: tr.params[k], Grads: tr.grads[k]})
		}
		o, err := sam.New(sam.Config[float64]{Perturbation: sam.AscentGD, Rho: 0.05, SGD: &sam.SGD{LR: 0.1}, HVP: hvp}, gs...)
		require.NoError(t, err)
		return o
	}
	oe := mk(exact, func(hv, v [][]float64) error { exact.mlp.HVP(hv, exact.params, v, nil); return nil })
	ip, err := hessian.NewInPlace(fd.groups(), nil)
	require.NoError(t, err)
	of := mk(fd, ip.ConfigHVP())
	for range 10 {
		require.NoError(t, oe.Step(func() error { exact.mlp.Grad(exact.grads, exact.params, nil); return nil }))
		require.NoError(t, of.Step(func() error { fd.mlp.Grad(fd.grads, fd.params, nil); return nil }))
	}
	moved := numtest.Norm(numtest.Sub(exact.flat, newTrainer[float64](t, models.Tanh, 14).flat))
	diff := numtest.Norm(numtest.Sub(exact.flat, fd.flat))
	t.Logf("moved %.3g, in-place run differs by %.2g", moved, diff)
	assert.Greater(t, moved, 1e-2)
	assert.Less(t, diff, 1e-6*moved)
}
