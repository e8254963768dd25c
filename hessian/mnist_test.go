package hessian_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/models/mnist"
	"github.com/samkern/samkern/sam"
)

// TestMNISTAcceptance trains the 784-128-10 ReLU MLP on 1000 MNIST images
// for 150 steps of SAM over SGD, as a Go trainer would (per-layer groups,
// zero copies), then measures the Hessian at the end on 300 of them three
// ways:
// the exact R-operator product on the flat model, finite differences of a
// flat gradient oracle, and finite differences in place over the
// trainer's own groups. λ1..λ3 and the trace (Hutch++ with the same probes)
// must agree within 1%; float32 finite differences of the same ReLU network
// must refuse, as documented, while float32's exact product agrees.
func TestMNISTAcceptance(t *testing.T) {
	const ntrain, nhess, steps = 1000, 300, 150
	set, err := mnist.Load(mnist.Train, ntrain)
	require.NoError(t, err)
	x := mnist.Inputs[float64](set)
	mlp, err := models.NewMLP([]int{784, 128, 10}, models.ReLU, x, set.Labels)
	require.NoError(t, err)
	flat, params := mlp.NewParams(1)
	grads := mlp.Split(make([]float64, mlp.Dim()))
	var groups []sam.Group[float64]
	for k := range params {
		groups = append(groups, sam.Group[float64]{Params: params[k], Grads: grads[k]})
	}
	opt, err := sam.New(sam.Config[float64]{Perturbation: sam.SAM, Rho: 0.05, SGD: &sam.SGD{LR: 0.05, Momentum: 0.9}}, groups...)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(2, 3))
	batch := make([]int, 64)
	for range steps {
		for i := range batch {
			batch[i] = r.IntN(ntrain)
		}
		require.NoError(t, opt.Step(func() error { mlp.Grad(grads, params, batch); return nil }))
	}
	hidx := make([]int, nhess)
	for i := range hidx {
		hidx[i] = i
	}
	acc := mlp.Accuracy(params, hidx)
	t.Logf("after %d steps: accuracy %.3f on the Hessian's samples", steps, acc)
	assert.Greater(t, acc, 0.8)

	exactObj := mlp.Flat(hidx)
	w := slices.Clone(flat)
	fdObj, err := hessian.NewFDObjective(mlp.Dim(), nil, exactObj.Grad, nil)
	require.NoError(t, err)
	inPlace, err := hessian.NewInPlace(hessian.Groups[float64]{Params: params, Grads: grads, Grad: func() (float64, error) {
		return mlp.Grad(grads, params, hidx), nil
	}}, nil)
	require.NoError(t, err)

	eig := &lanczos.Options{Tol: 1e-6}
	points := map[string]hessian.Point{"exact": hessian.At(exactObj, w), "fd": hessian.At(fdObj, w), "in place": inPlace}
	vals := map[string][]float64{}
	traces := map[string]lanczos.TraceResult{}
	for _, name := range []string{"exact", "fd", "in place"} {
		res, err := hessian.Eigen(obCtx, points[name], 3, eig)
		require.NoError(t, err, name)
		vals[name] = res.Values
		tr, err := hessian.Trace(obCtx, points[name], &lanczos.TraceOptions{MaxOps: 36, Seed: 4})
		require.NoError(t, err, name)
		traces[name] = tr
		t.Logf("%-8s λ = %.6g (%d products), trace %.6g ± %.2g", name, res.Values, res.Ops, tr.Estimate, tr.StdErr)
	}
	assert.Equal(t, w, flat, "the trainer's parameters are as they were")
	for _, name := range []string{"fd", "in place"} {
		for i := range 3 {
			assert.InEpsilon(t, vals["exact"][i], vals[name][i], 1e-2, "%s λ%d", name, i+1)
		}
		assert.InEpsilon(t, traces["exact"].Estimate, traces[name].Estimate, 1e-2, "%s trace", name)
	}
	// The default step crossed no kink here by much: the three agree far
	// better than the 1% asked for.
	assert.InEpsilon(t, vals["exact"][0], vals["in place"][0], 1e-5)

	// float32: the same network and parameters.
	x32 := mnist.Inputs[float32](set)
	m32, err := models.NewMLP([]int{784, 128, 10}, models.ReLU, x32, set.Labels)
	require.NoError(t, err)
	f32 := make([]float32, len(flat))
	for i, v := range flat {
		f32[i] = float32(v)
	}
	p32, g32 := m32.Split(f32), m32.Split(make([]float32, len(flat)))
	ip32, err := hessian.NewInPlace(hessian.Groups[float32]{Params: p32, Grads: g32, Grad: func() (float64, error) {
		return m32.Grad(g32, p32, hidx), nil
	}}, nil)
	require.NoError(t, err)
	_, err = hessian.Eigen(obCtx, ip32, 3, eig)
	var fe *hessian.FDError
	require.ErrorAs(t, err, &fe, "float32 finite differences of a ReLU network must refuse")
	t.Logf("float32 finite differences: %v", err)
	exact32, err := hessian.Eigen(obCtx, hessian.At(m32.Flat(hidx), widen(f32)), 3, &lanczos.Options{Tol: 1e-5})
	require.NoError(t, err)
	for i := range 3 {
		assert.InEpsilon(t, vals["exact"][i], exact32.Values[i], 1e-4, "float32 exact λ%d", i+1)
	}
	assert.False(t, math.IsNaN(exact32.Values[0]))
}
