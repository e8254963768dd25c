package models

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/internal/fvec"
)

// Float is the parameter type of the models that are generic over it.
type Float interface{ float32 | float64 }

// Activation is the nonlinearity of an MLP's hidden layers.
type Activation int

const (
	// ReLU is max(0, z). It is piecewise linear: its second derivative is
	// zero except at the kink z = 0, where the gradient jumps, so the
	// Hessian of a ReLU network is piecewise constant in the activations'
	// pattern and a finite difference that crosses a kink is wrong by
	// O(1/h).
	ReLU Activation = iota
	// Tanh is tanh(z), smooth.
	Tanh
	// Softplus is log(1 + eᶻ), a smooth ReLU.
	Softplus
)

var activationNames = []string{"relu", "tanh", "softplus"}

// String returns the activation's name.
func (a Activation) String() string {
	if a >= 0 && int(a) < len(activationNames) {
		return activationNames[a]
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// eval returns φ(z), φ'(z) and φ”(z).
func (a Activation) eval(z float64) (f, d1, d2 float64) {
	switch a {
	case Tanh:
		t := math.Tanh(z)
		s := 1 - t*t
		return t, s, -2 * t * s
	case Softplus:
		s := sigmoid(z)
		return softplus(z), s, s * (1 - s)
	default:
		if z > 0 {
			return z, 1, 0
		}
		return 0, 0, 0
	}
}

// mlpBlock is the number of samples whose activations are kept at once: the
// weight gradients are summed over a block by kernels.MatTVec on the
// block's activations, which stay in cache.
const mlpBlock = 32

// MLP is a multilayer perceptron classifier with softmax cross-entropy loss,
// L(θ) = (1/|S|) Σ_{n∈S} −log softmax(f(x_n; θ))_{y_n}, over the samples S
// of its data set. Its layers are dense, z_l = W_l·a_{l−1} + b_l, with the
// activation on every hidden layer and none on the output (the logits).
//
// Its parameters are a trainer's: per-layer groups [W1, b1, W2, b2, …] of
// element type T, W_l row-major with Sizes()[l] rows of Sizes()[l−1]
// columns, so an sam.Optimizer can take them directly (see Layout). The
// gradient is exact (back-propagation) and so is the Hessian-vector product
// (Pearlmutter's R-operator, one forward and one backward pass of the
// directional derivative), both computed in T with kernels.MatVec and
// MatTVec on blocks of samples; the loss is accumulated in float64. On a
// ReLU network the product is the Hessian of the piecewise-smooth loss at θ,
// where it exists (no pre-activation exactly zero).
//
// An MLP is read-only after construction and safe for concurrent use. Its
// methods panic when a group has the wrong length or a sample index is out
// of range.
type MLP[T Float] struct {
	sizes  []int
	act    Activation
	x      []T
	labels []int
	m      int
	nParam int
	work   sync.Pool // *mlpWork[T]
}

// NewMLP returns the MLP with layer widths sizes (sizes[0] inputs, then the
// hidden layers, then sizes[len−1] classes) and activation act on the
// hidden layers, over the m = len(labels) samples whose inputs are the rows
// of x (m×sizes[0], row-major; x is not copied and must not change). Labels
// are class indices in [0, classes). It returns an error for fewer than two
// sizes, a size below 1 (or fewer than 2 classes), an unknown activation, x
// too short, a label out of range, or NaN or Inf in x (wrapping
// ErrNonFinite).
func NewMLP[T Float](sizes []int, act Activation, x []T, labels []int) (*MLP[T], error) {
	const fn = "models.NewMLP"
	if len(sizes) < 2 {
		return nil, fmt.Errorf("%s: %d layer sizes, need the inputs and the classes at least", fn, len(sizes))
	}
	for i, s := range sizes {
		if s < 1 {
			return nil, fmt.Errorf("%s: sizes[%d] = %d, want ≥ 1", fn, i, s)
		}
	}
	classes := sizes[len(sizes)-1]
	if classes < 2 {
		return nil, fmt.Errorf("%s: %d classes, want ≥ 2", fn, classes)
	}
	if act < ReLU || act > Softplus {
		return nil, fmt.Errorf("%s: unknown activation %d", fn, int(act))
	}
	m := len(labels)
	if m < 1 {
		return nil, fmt.Errorf("%s: no samples", fn)
	}
	if len(x) < m*sizes[0] {
		return nil, fmt.Errorf("%s: len(x) = %d, need %d for %d samples of %d inputs", fn, len(x), m*sizes[0], m, sizes[0])
	}
	for k, y := range labels {
		if y < 0 || y >= classes {
			return nil, fmt.Errorf("%s: labels[%d] = %d, want a class in [0, %d)", fn, k, y, classes)
		}
	}
	if !check.Finite(x[:m*sizes[0]]) {
		return nil, fmt.Errorf("%s: NaN or Inf in x: %w", fn, ErrNonFinite)
	}
	n := 0
	for l := 1; l < len(sizes); l++ {
		n += sizes[l]*sizes[l-1] + sizes[l]
	}
	return &MLP[T]{sizes: append([]int(nil), sizes...), act: act, x: x[:m*sizes[0]], labels: labels, m: m, nParam: n}, nil
}

// Sizes returns the layer widths (a copy).
func (m *MLP[T]) Sizes() []int { return append([]int(nil), m.sizes...) }

// Activation returns the hidden layers' activation.
func (m *MLP[T]) Activation() Activation { return m.act }

// Samples returns the number of samples.
func (m *MLP[T]) Samples() int { return m.m }

// Dim returns the number of parameters, the sum of Layout.
func (m *MLP[T]) Dim() int { return m.nParam }

// Layout returns the lengths of the parameter groups in order: W1, b1, W2,
// b2, …, the weights of layer l being Sizes()[l]·Sizes()[l−1] long.
func (m *MLP[T]) Layout() []int {
	var lens []int
	for l := 1; l < len(m.sizes); l++ {
		lens = append(lens, m.sizes[l]*m.sizes[l-1], m.sizes[l])
	}
	return lens
}

// Split returns the groups of Layout as consecutive sub-slices of one flat
// vector of Dim() elements, sharing its memory: a flat vector and its
// groups are two views of the same parameters.
func (m *MLP[T]) Split(flat []T) [][]T {
	check.Len1("models.MLP.Split", m.nParam, "flat", flat)
	var groups [][]T
	off := 0
	for _, n := range m.Layout() {
		groups = append(groups, flat[off:off+n:off+n])
		off += n
	}
	return groups
}

// NewParams returns freshly allocated parameters drawn from seed, as one
// flat vector and its groups (Split): weights Gaussian with variance
// 2/fan-in for ReLU and Softplus (He et al.) and 1/fan-in for Tanh (LeCun),
// biases zero.
func (m *MLP[T]) NewParams(seed uint64) (flat []T, groups [][]T) {
	flat = make([]T, m.nParam)
	groups = m.Split(flat)
	r := rand.New(rand.NewPCG(seed, 0x6d1b_9a3e_52c7_f014))
	for l := 1; l < len(m.sizes); l++ {
		fanIn := float64(m.sizes[l-1])
		std := math.Sqrt(2 / fanIn)
		if m.act == Tanh {
			std = math.Sqrt(1 / fanIn)
		}
		for i := range groups[2*(l-1)] {
			groups[2*(l-1)][i] = T(std * r.NormFloat64())
		}
	}
	return flat, groups
}

// mlpWork is the scratch of one call: activations of one block of samples.
type mlpWork[T Float] struct {
	a, z   [][]T // a[l], z[l]: block×sizes[l] (z[0] unused)
	ra, rz [][]T // R-operator images of a and z
	d, rd  []T   // δ and Rδ of the current layer, block×width
	dt     []T   // a transposed δ or Rδ, width×block; then the next δ
	nrd    []T   // the next Rδ
	t, rt  []T   // one sample's back-propagated vectors
	p      []T   // softmax probabilities, block×classes
}

func (m *MLP[T]) getWork(hvp bool) *mlpWork[T] {
	w, _ := m.work.Get().(*mlpWork[T])
	if w == nil {
		w = &mlpWork[T]{}
		L := len(m.sizes)
		w.a, w.z = make([][]T, L), make([][]T, L)
		maxw := 0
		for l, s := range m.sizes {
			w.a[l] = make([]T, mlpBlock*s)
			if l > 0 {
				w.z[l] = make([]T, mlpBlock*s)
			}
			maxw = max(maxw, s)
		}
		w.d, w.rd, w.dt, w.nrd = make([]T, mlpBlock*maxw), make([]T, mlpBlock*maxw), make([]T, mlpBlock*maxw), make([]T, mlpBlock*maxw)
		w.t, w.rt = make([]T, maxw), make([]T, maxw)
		w.p = make([]T, mlpBlock*m.sizes[L-1])
	}
	if hvp && w.ra == nil {
		L := len(m.sizes)
		w.ra, w.rz = make([][]T, L), make([][]T, L)
		for l, s := range m.sizes[1:] {
			w.ra[l+1] = make([]T, mlpBlock*s)
			w.rz[l+1] = make([]T, mlpBlock*s)
		}
	}
	return w
}

// checkGroups panics unless groups has Layout's shape.
func (m *MLP[T]) checkGroups(fn, name string, groups [][]T) {
	lens := m.Layout()
	if len(groups) != len(lens) {
		panic(fmt.Sprintf("models.MLP.%s: %d groups in %s, want %d", fn, len(groups), name, len(lens)))
	}
	for i, n := range lens {
		if len(groups[i]) != n {
			panic(fmt.Sprintf("models.MLP.%s: len(%s[%d]) = %d, want %d", fn, name, i, len(groups[i]), n))
		}
	}
}

// samples returns idx, or 0..m−1 for nil, after checking the indices.
func (m *MLP[T]) samples(fn string, idx []int) []int {
	if idx == nil {
		idx = make([]int, m.m)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	if len(idx) == 0 {
		panic("models.MLP." + fn + ": idx is empty")
	}
	for _, k := range idx {
		if k < 0 || k >= m.m {
			panic(fmt.Sprintf("models.MLP.%s: sample index %d out of range [0, %d)", fn, k, m.m))
		}
	}
	return idx
}

// forward fills w.a, w.z and the softmax w.p for the samples blk and
// returns the sum of their losses.
func (m *MLP[T]) forward(w *mlpWork[T], params [][]T, blk []int) float64 {
	L := len(m.sizes) - 1
	d0 := m.sizes[0]
	for b, k := range blk {
		copy(w.a[0][b*d0:(b+1)*d0], m.x[k*d0:(k+1)*d0])
	}
	for l := 1; l <= L; l++ {
		in, out := m.sizes[l-1], m.sizes[l]
		W, bias := params[2*(l-1)], params[2*(l-1)+1]
		for b := range blk {
			z := w.z[l][b*out : (b+1)*out]
			copy(z, bias)
			fvec.MatVec(out, in, 1, W, in, w.a[l-1][b*in:(b+1)*in], 1, z)
			if l < L {
				a := w.a[l][b*out : (b+1)*out]
				for i, zi := range z {
					f, _, _ := m.act.eval(float64(zi))
					a[i] = T(f)
				}
			}
		}
	}
	// Softmax cross-entropy, with the log-sum-exp shifted by the largest
	// logit so that exp cannot overflow.
	c := m.sizes[L]
	var loss float64
	for b, k := range blk {
		z := w.z[L][b*c : (b+1)*c]
		p := w.p[b*c : (b+1)*c]
		zmax := float64(z[0])
		for _, zi := range z[1:] {
			zmax = max(zmax, float64(zi))
		}
		var s float64
		for _, zi := range z {
			s += math.Exp(float64(zi) - zmax)
		}
		lse := zmax + math.Log(s)
		loss += lse - float64(z[m.labels[k]])
		for i, zi := range z {
			p[i] = T(math.Exp(float64(zi) - lse))
		}
	}
	return loss
}

// transpose writes the rows×cols matrix src (row-major) into dst as
// cols×rows.
func transpose[T Float](dst, src []T, rows, cols int) {
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			dst[j*rows+i] = src[i*cols+j]
		}
	}
}

// accumulate adds, for the block of nb samples, the outer products
// Σ_b d_b ⊗ a_b to the out×in weights G and Σ_b d_b to the bias g, with d
// the block's δ (nb×out) and a its inputs (nb×in); dt is scratch.
func accumulate[T Float](G, g, d, a, dt []T, nb, in, out int) {
	transpose(dt, d[:nb*out], nb, out)
	for i := 0; i < out; i++ {
		row := dt[i*nb : (i+1)*nb]
		fvec.MatTVec(nb, in, 1, a, in, row, 1, G[i*in:(i+1)*in])
		if g != nil {
			var s T
			for _, x := range row {
				s += x
			}
			g[i] += s
		}
	}
}

// Loss returns L at params over the samples idx (nil: all of them).
func (m *MLP[T]) Loss(params [][]T, idx []int) float64 {
	m.checkGroups("Loss", "params", params)
	idx = m.samples("Loss", idx)
	w := m.getWork(false)
	defer m.work.Put(w)
	var loss float64
	for s := 0; s < len(idx); s += mlpBlock {
		loss += m.forward(w, params, idx[s:min(s+mlpBlock, len(idx))])
	}
	return loss / float64(len(idx))
}

// Grad writes ∇L at params over the samples idx (nil: all of them) into
// grads and returns L. grads must not overlap params.
func (m *MLP[T]) Grad(grads, params [][]T, idx []int) float64 {
	m.checkGroups("Grad", "grads", grads)
	m.checkGroups("Grad", "params", params)
	idx = m.samples("Grad", idx)
	for _, g := range grads {
		clear(g)
	}
	w := m.getWork(false)
	defer m.work.Put(w)
	L := len(m.sizes) - 1
	c := m.sizes[L]
	inv := 1 / float64(len(idx))
	var loss float64
	for s := 0; s < len(idx); s += mlpBlock {
		blk := idx[s:min(s+mlpBlock, len(idx))]
		nb := len(blk)
		loss += m.forward(w, params, blk)
		// δ_L = (p − e_y)/|S| for each sample.
		for b, k := range blk {
			d := w.d[b*c : (b+1)*c]
			for i, p := range w.p[b*c : (b+1)*c] {
				d[i] = T(float64(p) * inv)
			}
			d[m.labels[k]] -= T(inv)
		}
		for l := L; l >= 1; l-- {
			in, out := m.sizes[l-1], m.sizes[l]
			accumulate(grads[2*(l-1)], grads[2*(l-1)+1], w.d, w.a[l-1], w.dt, nb, in, out)
			if l == 1 {
				break
			}
			// δ_{l−1} = φ'(z_{l−1}) ⊙ W_lᵀ·δ_l, sample by sample, into dt
			// (free once accumulate is done with it), then back into d.
			W := params[2*(l-1)]
			for b := 0; b < nb; b++ {
				fvec.MatTVec(out, in, 1, W, in, w.d[b*out:(b+1)*out], 0, w.t[:in])
				z := w.z[l-1][b*in : (b+1)*in]
				for j := 0; j < in; j++ {
					_, d1, _ := m.act.eval(float64(z[j]))
					w.dt[b*in+j] = T(d1) * w.t[j]
				}
			}
			copy(w.d[:nb*in], w.dt[:nb*in])
		}
	}
	return loss * inv
}

// HVP writes H·v into hv, H the Hessian of L at params over the samples idx
// (nil: all of them), by the R-operator: the directional derivative along v
// of the forward pass (R{z_l} = V_l·a_{l−1} + W_l·R{a_{l−1}} + c_l,
// R{a_l} = φ'(z_l)⊙R{z_l}) and of back-propagation (R{δ_L} = R{p}, the
// softmax's Jacobian applied to R{z_L}; R{δ_{l−1}} = φ”(z)⊙R{z}⊙(W_lᵀδ_l) +
// φ'(z)⊙(V_lᵀδ_l + W_lᵀR{δ_l})), with H·v the R-images of the gradients:
// Σ R{δ_l}⊗a_{l−1} + δ_l⊗R{a_{l−1}} for W_l and Σ R{δ_l} for b_l. Its cost
// is about that of 2.5 gradients. hv must not overlap params or v.
func (m *MLP[T]) HVP(hv, params, v [][]T, idx []int) {
	m.checkGroups("HVP", "hv", hv)
	m.checkGroups("HVP", "params", params)
	m.checkGroups("HVP", "v", v)
	idx = m.samples("HVP", idx)
	for _, g := range hv {
		clear(g)
	}
	w := m.getWork(true)
	defer m.work.Put(w)
	L := len(m.sizes) - 1
	c := m.sizes[L]
	inv := 1 / float64(len(idx))
	for s := 0; s < len(idx); s += mlpBlock {
		blk := idx[s:min(s+mlpBlock, len(idx))]
		nb := len(blk)
		m.forward(w, params, blk)
		// R-forward: R{a_0} = 0.
		for l := 1; l <= L; l++ {
			in, out := m.sizes[l-1], m.sizes[l]
			W, V, cb := params[2*(l-1)], v[2*(l-1)], v[2*(l-1)+1]
			for b := 0; b < nb; b++ {
				rz := w.rz[l][b*out : (b+1)*out]
				copy(rz, cb)
				fvec.MatVec(out, in, 1, V, in, w.a[l-1][b*in:(b+1)*in], 1, rz)
				if l > 1 {
					fvec.MatVec(out, in, 1, W, in, w.ra[l-1][b*in:(b+1)*in], 1, rz)
				}
				if l < L {
					z := w.z[l][b*out : (b+1)*out]
					ra := w.ra[l][b*out : (b+1)*out]
					for i := range rz {
						_, d1, _ := m.act.eval(float64(z[i]))
						ra[i] = T(d1) * rz[i]
					}
				}
			}
		}
		// δ_L = (p − e_y)/|S| and R{δ_L} = (p⊙(R{z_L} − pᵀR{z_L}))/|S|.
		for b, k := range blk {
			p := w.p[b*c : (b+1)*c]
			rz := w.rz[L][b*c : (b+1)*c]
			d, rd := w.d[b*c:(b+1)*c], w.rd[b*c:(b+1)*c]
			var prz float64
			for i := range p {
				prz += float64(p[i]) * float64(rz[i])
			}
			for i := range p {
				d[i] = T(float64(p[i]) * inv)
				rd[i] = T(float64(p[i]) * (float64(rz[i]) - prz) * inv)
			}
			d[m.labels[k]] -= T(inv)
		}
		for l := L; l >= 1; l-- {
			in, out := m.sizes[l-1], m.sizes[l]
			HW, hb := hv[2*(l-1)], hv[2*(l-1)+1]
			accumulate(HW, hb, w.rd, w.a[l-1], w.dt, nb, in, out)
			if l > 1 {
				accumulate(HW, nil, w.d, w.ra[l-1], w.dt, nb, in, out)
			} else {
				break
			}
			W, V := params[2*(l-1)], v[2*(l-1)]
			// The new δ and Rδ go to dt and nrd, then back to d and rd.
			nd, nrd := w.dt, w.nrd
			for b := 0; b < nb; b++ {
				db, rdb := w.d[b*out:(b+1)*out], w.rd[b*out:(b+1)*out]
				t, rt := w.t[:in], w.rt[:in]
				fvec.MatTVec(out, in, 1, W, in, db, 0, t)
				fvec.MatTVec(out, in, 1, W, in, rdb, 0, rt)
				fvec.MatTVec(out, in, 1, V, in, db, 1, rt)
				z, rz := w.z[l-1][b*in:(b+1)*in], w.rz[l-1][b*in:(b+1)*in]
				for j := 0; j < in; j++ {
					_, d1, d2 := m.act.eval(float64(z[j]))
					nd[b*in+j] = T(d1) * t[j]
					nrd[b*in+j] = T(d2)*rz[j]*t[j] + T(d1)*rt[j]
				}
			}
			copy(w.d[:nb*in], nd[:nb*in])
			copy(w.rd[:nb*in], nrd[:nb*in])
		}
	}
}

// Accuracy returns the fraction of the samples idx (nil: all of them)
// whose largest logit at params is their label.
func (m *MLP[T]) Accuracy(params [][]T, idx []int) float64 {
	m.checkGroups("Accuracy", "params", params)
	idx = m.samples("Accuracy", idx)
	w := m.getWork(false)
	defer m.work.Put(w)
	c := m.sizes[len(m.sizes)-1]
	right := 0
	for s := 0; s < len(idx); s += mlpBlock {
		blk := idx[s:min(s+mlpBlock, len(idx))]
		m.forward(w, params, blk)
		for b, k := range blk {
			p := w.p[b*c : (b+1)*c]
			best := 0
			for i := range p {
				if p[i] > p[best] {
					best = i
				}
			}
			if best == m.labels[k] {
				right++
			}
		}
	}
	return float64(right) / float64(len(idx))
}

// Flat returns the MLP over the samples idx (nil: all of them) as a loss of
// one flat float64 vector of Dim() parameters in Layout order, the form
// hessian.Objective and Sampled take. For T = float64 the groups are views
// of the vectors passed in, so nothing is copied; for float32 the vectors
// are rounded to float32 on the way in and widened on the way out: it is
// the float32 model, evaluated in float32. idx is copied.
func (m *MLP[T]) Flat(idx []int) *FlatMLP[T] {
	idx = append([]int(nil), m.samples("Flat", idx)...)
	return &FlatMLP[T]{m: m, idx: idx}
}

// FlatMLP is an MLP as a loss of a flat float64 vector; see MLP.Flat. It
// implements hessian.Objective and Sampled (its samples are the ones Flat
// was given, numbered from 0) and is safe for concurrent use.
type FlatMLP[T Float] struct {
	m    *MLP[T]
	idx  []int
	bufs sync.Pool // *[3][]T, for float32
}

// Dim returns the number of parameters.
func (f *FlatMLP[T]) Dim() int { return f.m.nParam }

// Samples returns the number of samples.
func (f *FlatMLP[T]) Samples() int { return len(f.idx) }

// Model returns the MLP.
func (f *FlatMLP[T]) Model() *MLP[T] { return f.m }

// views returns the groups of up to three flat float64 vectors: views for
// float64, rounded copies for float32. release gives the copies back.
func (f *FlatMLP[T]) views(vs ...[]float64) (groups [3][][]T, release func()) {
	var z T
	if _, ok := any(z).(float64); ok {
		for i, v := range vs {
			groups[i] = f.m.Split(any(v).([]T))
		}
		return groups, func() {}
	}
	p, _ := f.bufs.Get().(*[3][]T)
	if p == nil {
		p = &[3][]T{make([]T, f.m.nParam), make([]T, f.m.nParam), make([]T, f.m.nParam)}
	}
	for i, v := range vs {
		for j, x := range v[:f.m.nParam] {
			p[i][j] = T(x)
		}
		groups[i] = f.m.Split(p[i])
	}
	return groups, func() { f.bufs.Put(p) }
}

// widen copies the float32 result groups back into dst (no-op for float64,
// whose groups are dst itself).
func (f *FlatMLP[T]) widen(dst []float64, groups [][]T) {
	var z T
	if _, ok := any(z).(float64); ok {
		return
	}
	off := 0
	for _, g := range groups {
		for _, x := range g {
			dst[off] = float64(x)
			off++
		}
	}
}

// Loss returns L(w).
func (f *FlatMLP[T]) Loss(w []float64) float64 {
	check.Len1("models.FlatMLP.Loss", f.m.nParam, "w", w)
	g, release := f.views(w)
	defer release()
	return f.m.Loss(g[0], f.idx)
}

// Grad writes ∇L(w) into g and returns L(w). g must not overlap w.
func (f *FlatMLP[T]) Grad(g, w []float64) float64 {
	check.Len2("models.FlatMLP.Grad", f.m.nParam, "g", g, "w", w)
	gr, release := f.views(g, w)
	defer release()
	l := f.m.Grad(gr[0], gr[1], f.idx)
	f.widen(g, gr[0])
	return l
}

// HVP writes H(w)·v into hv. hv must not overlap w or v.
func (f *FlatMLP[T]) HVP(hv, w, v []float64) {
	check.Len3("models.FlatMLP.HVP", f.m.nParam, "hv", hv, "w", w, "v", v)
	gr, release := f.views(hv, w, v)
	defer release()
	f.m.HVP(gr[0], gr[1], gr[2], f.idx)
	f.widen(hv, gr[0])
}

// GradSamples writes the gradient of the mean loss of the listed samples
// (indices into the samples Flat was given) into g and returns that loss.
func (f *FlatMLP[T]) GradSamples(g, w []float64, idx []int) float64 {
	check.Len2("models.FlatMLP.GradSamples", f.m.nParam, "g", g, "w", w)
	if len(idx) == 0 {
		panic("models.FlatMLP.GradSamples: idx is empty")
	}
	sub := make([]int, len(idx))
	for i, k := range idx {
		if k < 0 || k >= len(f.idx) {
			panic(fmt.Sprintf("models.FlatMLP.GradSamples: sample index %d out of range [0, %d)", k, len(f.idx)))
		}
		sub[i] = f.idx[k]
	}
	gr, release := f.views(g, w)
	defer release()
	l := f.m.Grad(gr[0], gr[1], sub)
	f.widen(g, gr[0])
	return l
}
