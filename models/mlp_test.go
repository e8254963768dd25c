package models_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/numtest"
	"github.com/samkern/samkern/models"
)

// hd is a hyper-dual number x0 + x1·ε1 + x2·ε2 + x3·ε1ε2 (ε1² = ε2² = 0):
// evaluating a function on θ_i + ε1 and θ_j + ε2 gives ∂f/∂θ_i in x1 and
// ∂²f/∂θ_i∂θ_j in x3, exactly up to rounding, with no step to choose
// (Fike and Alonso, 2011). m carries the magnitudes of the terms each
// component sums (the same arithmetic on absolute values), which bound the
// rounding error of any evaluation of those terms: a computation that adds
// the terms of m[k] in any order with at most K roundings on each is within
// γ_K·m[k] of the exact value.
type hd struct{ x, m [4]float64 }

func hdConst(c float64) hd { return hd{x: [4]float64{c}, m: [4]float64{math.Abs(c)}} }

func hdAdd(a, b hd) hd {
	var r hd
	for k := range r.x {
		r.x[k], r.m[k] = a.x[k]+b.x[k], a.m[k]+b.m[k]
	}
	return r
}

func hdMul(a, b hd) hd {
	return hd{
		x: [4]float64{a.x[0] * b.x[0], a.x[0]*b.x[1] + a.x[1]*b.x[0], a.x[0]*b.x[2] + a.x[2]*b.x[0],
			a.x[0]*b.x[3] + a.x[1]*b.x[2] + a.x[2]*b.x[1] + a.x[3]*b.x[0]},
		m: [4]float64{a.m[0] * b.m[0], a.m[0]*b.m[1] + a.m[1]*b.m[0], a.m[0]*b.m[2] + a.m[2]*b.m[0],
			a.m[0]*b.m[3] + a.m[1]*b.m[2] + a.m[2]*b.m[1] + a.m[3]*b.m[0]},
	}
}

// hdFunc applies a scalar function with value f and derivatives f1, f2 at
// the real part: f(a) + f'(a)·(a1ε1 + a2ε2 + a3ε1ε2) + f”(a)·a1a2ε1ε2.
func hdFunc(a hd, f, f1, f2 float64) hd {
	F1, F2 := math.Abs(f1), math.Abs(f2)
	return hd{
		x: [4]float64{f, f1 * a.x[1], f1 * a.x[2], f1*a.x[3] + f2*a.x[1]*a.x[2]},
		m: [4]float64{math.Abs(f), F1 * a.m[1], F1 * a.m[2], F1*a.m[3] + F2*a.m[1]*a.m[2]},
	}
}

// hdAct is the activation, written from its definition.
func hdAct(act models.Activation, z hd) hd {
	a := z.x[0]
	switch act {
	case models.Tanh:
		t := math.Tanh(a)
		return hdFunc(z, t, 1-t*t, -2*t*(1-t*t))
	case models.Softplus:
		s := 1 / (1 + math.Exp(-a))
		return hdFunc(z, math.Log1p(math.Exp(a)), s, s*(1-s))
	default:
		if a > 0 {
			return z
		}
		return hdConst(0)
	}
}

// hdLoss evaluates the MLP's mean cross-entropy over the samples on the
// hyper-dual parameters p (flat, Layout order), one scalar at a time.
func hdLoss(sizes []int, act models.Activation, x []float64, labels []int, p []hd) hd {
	total := hdConst(0)
	for k, y := range labels {
		a := make([]hd, sizes[0])
		for i := range a {
			a[i] = hdConst(x[k*sizes[0]+i])
		}
		off := 0
		for l := 1; l < len(sizes); l++ {
			in, out := sizes[l-1], sizes[l]
			W, b := p[off:off+in*out], p[off+in*out:off+in*out+out]
			off += in*out + out
			z := make([]hd, out)
			for i := range z {
				z[i] = b[i]
				for j := 0; j < in; j++ {
					z[i] = hdAdd(z[i], hdMul(W[i*in+j], a[j]))
				}
			}
			if l < len(sizes)-1 {
				for i := range z {
					z[i] = hdAct(act, z[i])
				}
			}
			a = z
		}
		// −log softmax(z)_y = log Σ exp(z_i − c) + c − z_y, c a constant.
		c := a[0].x[0]
		s := hdConst(0)
		for _, zi := range a {
			e := math.Exp(zi.x[0] - c)
			s = hdAdd(s, hdFunc(hdAdd(zi, hdConst(-c)), e, e, e))
		}
		lse := hdAdd(hdFunc(s, math.Log(s.x[0]), 1/s.x[0], -1/(s.x[0]*s.x[0])), hdConst(c))
		neg := a[y]
		for q := range neg.x {
			neg.x[q] = -neg.x[q]
		}
		total = hdAdd(total, hdAdd(lse, neg))
	}
	inv := 1 / float64(len(labels))
	for q := range total.x {
		total.x[q] *= inv
		total.m[q] *= inv
	}
	return total
}

// tinyMLP builds a small network on random data; the weights are scaled up
// so that the pre-activations spread over both sides of the ReLU kink.
func tinyMLP(t *testing.T, sizes []int, act models.Activation, m int, seed uint64) (*models.MLP[float64], []float64, []int, []float64) {
	r := rand.New(rand.NewPCG(seed, 77))
	x := make([]float64, m*sizes[0])
	for i := range x {
		x[i] = r.NormFloat64()
	}
	labels := make([]int, m)
	for i := range labels {
		labels[i] = r.IntN(sizes[len(sizes)-1])
	}
	mlp, err := models.NewMLP(sizes, act, x, labels)
	require.NoError(t, err)
	theta := make([]float64, mlp.Dim())
	for i := range theta {
		theta[i] = 0.8 * r.NormFloat64()
	}
	return mlp, x, labels, theta
}

// TestMLPAgainstHyperDual checks the gradient and every entry of the
// Hessian (one R-operator product per column) of tiny networks against
// hyper-dual evaluations of the loss, within γ_K times the magnitude of the
// terms, K bounding the roundings on any path of either computation: the
// samples' sum, a dot product per layer, and the constant work per layer.
func TestMLPAgainstHyperDual(t *testing.T) {
	for _, c := range []struct {
		sizes []int
		act   models.Activation
		m     int
	}{
		{[]int{3, 4, 3}, models.ReLU, 5},
		{[]int{3, 5, 4, 3}, models.Tanh, 6},
		{[]int{2, 3, 3, 2}, models.Softplus, 4},
		{[]int{4, 3, 5, 2, 3}, models.ReLU, 35}, // two blocks of samples
	} {
		mlp, x, labels, theta := tinyMLP(t, c.sizes, c.act, c.m, uint64(len(c.sizes)*10+c.m))
		n := mlp.Dim()
		K := c.m + 20
		for _, s := range c.sizes {
			K += s + 10
		}
		gamma := 2 * numtest.Gamma(K) // both computations round

		params := mlp.Split(theta)
		grads := mlp.Split(make([]float64, n))
		loss := mlp.Grad(grads, params, nil)
		g := make([]float64, 0, n)
		for _, gr := range grads {
			g = append(g, gr...)
		}
		hv := mlp.Split(make([]float64, n))
		e := make([]float64, n)
		p := make([]hd, n)
		for j := 0; j < n; j++ {
			clear(e)
			e[j] = 1
			mlp.HVP(hv, params, mlp.Split(e), nil)
			col := make([]float64, 0, n)
			for _, h := range hv {
				col = append(col, h...)
			}
			for i := 0; i < n; i++ {
				for k := range p {
					p[k] = hdConst(theta[k])
				}
				p[i].x[1], p[i].m[1] = 1, 1
				p[j].x[2], p[j].m[2] = 1, 1
				ref := hdLoss(c.sizes, c.act, x, labels, p)
				if i == 0 && j == 0 {
					assert.InDelta(t, ref.x[0], loss, gamma*ref.m[0], "%v: loss", c.sizes)
				}
				if j == 0 {
					assert.InDelta(t, ref.x[1], g[i], gamma*ref.m[1]+1e-300, "%v %v: ∂L/∂θ_%d", c.sizes, c.act, i)
				}
				assert.InDelta(t, ref.x[3], col[i], gamma*ref.m[3]+1e-300, "%v %v: H[%d][%d]", c.sizes, c.act, i, j)
			}
		}
	}
}

// TestMLPFloat32AgainstHyperDual: the float32 network's gradient and
// Hessian columns are within γ_K(2⁻²⁴) of the magnitude of their terms,
// against the hyper-dual reference on the same (float32) inputs.
func TestMLPFloat32AgainstHyperDual(t *testing.T) {
	sizes := []int{3, 5, 4, 3}
	mlp64, x64, labels, theta64 := tinyMLP(t, sizes, models.Tanh, 6, 9)
	_ = mlp64
	x := make([]float32, len(x64))
	for i, v := range x64 {
		x[i] = float32(v)
		x64[i] = float64(x[i])
	}
	mlp, err := models.NewMLP(sizes, models.Tanh, x, labels)
	require.NoError(t, err)
	n := mlp.Dim()
	theta := make([]float32, n)
	for i, v := range theta64 {
		theta[i] = float32(v)
		theta64[i] = float64(theta[i])
	}
	K := 6 + 20
	for _, s := range sizes {
		K += s + 10
	}
	gamma := 2 * float64(K) * numtest.U32 / (1 - float64(K)*numtest.U32)
	params := mlp.Split(theta)
	grads := mlp.Split(make([]float32, n))
	mlp.Grad(grads, params, nil)
	var g []float32
	for _, gr := range grads {
		g = append(g, gr...)
	}
	hv := mlp.Split(make([]float32, n))
	e := make([]float32, n)
	p := make([]hd, n)
	for j := 0; j < n; j++ {
		clear(e)
		e[j] = 1
		mlp.HVP(hv, params, mlp.Split(e), nil)
		var col []float32
		for _, h := range hv {
			col = append(col, h...)
		}
		for i := 0; i < n; i++ {
			for k := range p {
				p[k] = hdConst(theta64[k])
			}
			p[i].x[1], p[i].m[1] = 1, 1
			p[j].x[2], p[j].m[2] = 1, 1
			ref := hdLoss(sizes, models.Tanh, x64, labels, p)
			if j == 0 {
				assert.InDelta(t, ref.x[1], float64(g[i]), gamma*ref.m[1]+1e-30, "∂L/∂θ_%d", i)
			}
			assert.InDelta(t, ref.x[3], float64(col[i]), gamma*ref.m[3]+1e-30, "H[%d][%d]", i, j)
		}
	}
}

// TestMLPFiniteDifferences: with a smooth activation the central
// difference of the exact gradient converges to the R-operator product at
// the rate h², on a network of MNIST's shape at a small size.
func TestMLPFiniteDifferences(t *testing.T) {
	mlp, _, _, theta := tinyMLP(t, []int{20, 16, 10}, models.Tanh, 70, 3)
	n := mlp.Dim()
	f := mlp.Flat(nil)
	r := rand.New(rand.NewPCG(4, 4))
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	nv := numtest.Norm(v)
	hv := make([]float64, n)
	f.HVP(hv, theta, v)
	fd := func(h float64) float64 {
		wp, wm := make([]float64, n), make([]float64, n)
		for i := range wp {
			wp[i], wm[i] = theta[i]+h*v[i]/nv, theta[i]-h*v[i]/nv
		}
		gp, gm := make([]float64, n), make([]float64, n)
		f.Grad(gp, wp)
		f.Grad(gm, wm)
		d := make([]float64, n)
		for i := range d {
			d[i] = (gp[i]-gm[i])/(2*h)*nv - hv[i]
		}
		return numtest.Norm(d) / numtest.Norm(hv)
	}
	e1, e2 := fd(1e-2), fd(5e-3)
	t.Logf("relative error %.3g at h = 1e-2, %.3g at h/2", e1, e2)
	assert.Less(t, e1, 1e-3)
	assert.InDelta(t, 4, e1/e2, 0.5, "the error must fall as h²")
}

func TestMLPBadInput(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	for _, c := range []struct {
		sizes  []int
		act    models.Activation
		x      []float64
		labels []int
		msg    string
	}{
		{[]int{2}, models.ReLU, x, []int{0, 1}, "need the inputs and the classes"},
		{[]int{2, 0, 2}, models.ReLU, x, []int{0, 1}, "sizes[1] = 0"},
		{[]int{2, 1}, models.ReLU, x, []int{0, 0}, "1 classes"},
		{[]int{2, 2}, models.Activation(7), x, []int{0, 1}, "unknown activation"},
		{[]int{2, 2}, models.ReLU, x, nil, "no samples"},
		{[]int{2, 2}, models.ReLU, x[:3], []int{0, 1}, "len(x) = 3, need 4"},
		{[]int{2, 2}, models.ReLU, x, []int{0, 2}, "labels[1] = 2"},
		{[]int{2, 2}, models.ReLU, []float64{1, math.NaN(), 3, 4}, []int{0, 1}, "NaN or Inf"},
	} {
		_, err := models.NewMLP(c.sizes, c.act, c.x, c.labels)
		require.ErrorContains(t, err, c.msg)
	}
	_, err := models.NewMLP([]int{2, 2}, models.ReLU, []float64{math.Inf(1), 0, 0, 0}, []int{0, 1})
	assert.ErrorIs(t, err, models.ErrNonFinite)

	mlp, err := models.NewMLP([]int{2, 3, 2}, models.ReLU, x, []int{0, 1})
	require.NoError(t, err)
	assert.Equal(t, []int{6, 3, 6, 2}, mlp.Layout())
	assert.Equal(t, 17, mlp.Dim())
	_, p := mlp.NewParams(1)
	g := mlp.Split(make([]float64, 17))
	assert.PanicsWithValue(t, "models.MLP.Grad: 3 groups in grads, want 4", func() { mlp.Grad(g[:3], p, nil) })
	assert.PanicsWithValue(t, "models.MLP.HVP: len(v[1]) = 2, want 3", func() {
		mlp.HVP(g, p, [][]float64{make([]float64, 6), make([]float64, 2), make([]float64, 6), make([]float64, 2)}, nil)
	})
	assert.PanicsWithValue(t, "models.MLP.Loss: sample index 2 out of range [0, 2)", func() { mlp.Loss(p, []int{2}) })
	assert.PanicsWithValue(t, "models.MLP.Loss: idx is empty", func() { mlp.Loss(p, []int{}) })
}

// TestMLPFlatAndSamples: the flat view agrees bit for bit with the groups,
// GradSamples picks the samples Flat was given, and the float32 flat view
// rounds to float32.
func TestMLPFlatAndSamples(t *testing.T) {
	mlp, x, labels, theta := tinyMLP(t, []int{3, 4, 3}, models.ReLU, 9, 5)
	n := mlp.Dim()
	params := mlp.Split(theta)
	grads := mlp.Split(make([]float64, n))
	l := mlp.Grad(grads, params, []int{2, 4, 4})
	f := mlp.Flat([]int{1, 2, 4})
	g := make([]float64, n)
	assert.Equal(t, l, f.GradSamples(g, theta, []int{1, 2, 2}))
	var want []float64
	for _, gr := range grads {
		want = append(want, gr...)
	}
	assert.Equal(t, want, g)
	assert.Equal(t, 3, f.Samples())
	assert.Equal(t, mlp.Loss(params, []int{1, 2, 4}), f.Loss(theta))

	x32 := make([]float32, len(x))
	for i, v := range x {
		x32[i] = float32(v)
	}
	m32, err := models.NewMLP([]int{3, 4, 3}, models.ReLU, x32, labels)
	require.NoError(t, err)
	t32 := make([]float32, n)
	for i, v := range theta {
		t32[i] = float32(v)
	}
	g32 := m32.Split(make([]float32, n))
	l32 := m32.Grad(g32, m32.Split(t32), nil)
	g64 := make([]float64, n)
	assert.Equal(t, l32, m32.Flat(nil).Grad(g64, theta))
	off := 0
	for _, gr := range g32 {
		for _, v := range gr {
			assert.Equal(t, float64(v), g64[off])
			off++
		}
	}
	// With every parameter zero the logits tie, the first class wins, and
	// the accuracy is the share of labels 0.
	zero := mlp.Split(make([]float64, n))
	zeros := 0
	for _, y := range labels {
		if y == 0 {
			zeros++
		}
	}
	assert.Equal(t, float64(zeros)/float64(len(labels)), mlp.Accuracy(zero, nil))
}
