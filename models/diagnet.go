package models

import (
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// DiagonalNet is a two-layer diagonal linear network trained by least
// squares, the smallest model with a manifold of minimizers on which SAM's
// implicit bias shows (Woodworth et al., 2020; Andriushchenko and
// Flammarion, 2022): parameters θ = (u, v) in R^{2D}, predictor
// β = u⊙u − v⊙v, and
//
//	L(θ) = (1/(2M))·‖X·β − y‖²
//
// for M < D samples, so that every β fitting the data is a minimizer and
// gradient methods choose among them. A convex model such as logistic
// regression has one minimizer, where SAM and SGD end alike.
//
// The Hessian-vector product is exact:
//
//	H·(du, dv) = (2u⊙s, −2v⊙s) + 2·c⊙(du, −dv),  s = (XᵀX/M)·(2u⊙du − 2v⊙dv),
//
// with c = Xᵀ(Xβ − y)/M, and uses GramVec for s. It is read-only after
// construction and safe for concurrent use.
type DiagonalNet struct {
	m, d int
	x, y []float64 // row-major M×D, and the targets
	pool sync.Pool // scratch for the products
}

// dnScratch holds one evaluation's vectors.
type dnScratch struct{ beta, r, c, jb, gj, dm []float64 }

// NewDiagonalNet returns the network for the M×D data x (row-major, stride
// D) and targets y, kept by reference. It returns an error for non-finite
// data.
func NewDiagonalNet(m, d int, x, y []float64) (*DiagonalNet, error) {
	if m <= 0 || d <= 0 {
		return nil, fmt.Errorf("models.NewDiagonalNet: m = %d, d = %d must be positive", m, d)
	}
	if len(x) < m*d || len(y) < m {
		return nil, fmt.Errorf("models.NewDiagonalNet: len(x) = %d, len(y) = %d, want %d and %d", len(x), len(y), m*d, m)
	}
	if !check.Finite(x[:m*d]) || !check.Finite(y[:m]) {
		return nil, fmt.Errorf("models.NewDiagonalNet: %w in the data", ErrNonFinite)
	}
	n := &DiagonalNet{m: m, d: d, x: x[:m*d], y: y[:m]}
	n.pool.New = func() any {
		dm := make([]float64, m)
		for k := range dm {
			dm[k] = 1 / float64(m)
		}
		return &dnScratch{make([]float64, d), make([]float64, m), make([]float64, d), make([]float64, d), make([]float64, d), dm}
	}
	return n, nil
}

// SparseRegression draws a data set for DiagonalNet: x with i.i.d. N(0, 1)
// entries and y = x·β* for a β* with k entries equal to 1 (seeded), so that
// a sparse interpolating β exists among the many.
func SparseRegression(m, d, k int, seed uint64) (x, y []float64) {
	r := rand.New(rand.NewPCG(seed, 0x5a4d))
	x, y = make([]float64, m*d), make([]float64, m)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	bstar := make([]float64, d)
	for _, i := range r.Perm(d)[:min(k, d)] {
		bstar[i] = 1
	}
	kernels.MatVec(m, d, 1, x, d, bstar, 0, y)
	return x, y
}

// Dim returns 2D.
func (n *DiagonalNet) Dim() int { return 2 * n.d }

// Beta writes the network's predictor β = u⊙u − v⊙v into beta.
func (n *DiagonalNet) Beta(theta, beta []float64) {
	n.check("Beta", theta)
	u, v := theta[:n.d], theta[n.d:2*n.d]
	for i := range n.d {
		beta[i] = u[i]*u[i] - v[i]*v[i]
	}
}

// residual sets s.beta and s.r = Xβ − y and returns L.
func (n *DiagonalNet) residual(theta []float64, s *dnScratch) float64 {
	n.Beta(theta, s.beta)
	kernels.MatVec(n.m, n.d, 1, n.x, n.d, s.beta, 0, s.r)
	var sum float64
	for k := range s.r {
		s.r[k] -= n.y[k]
		sum += s.r[k] * s.r[k]
	}
	return sum / (2 * float64(n.m))
}

// Loss returns L(θ).
func (n *DiagonalNet) Loss(theta []float64) float64 {
	s := n.pool.Get().(*dnScratch)
	defer n.pool.Put(s)
	return n.residual(theta, s)
}

// Grad writes ∇L(θ) = (2u⊙c, −2v⊙c), c = Xᵀ(Xβ − y)/M, and returns L(θ).
func (n *DiagonalNet) Grad(g, theta []float64) float64 {
	n.check("Grad", theta)
	if len(g) < 2*n.d {
		panic(fmt.Sprintf("models.DiagonalNet.Grad: len(g) = %d, want %d", len(g), 2*n.d))
	}
	s := n.pool.Get().(*dnScratch)
	defer n.pool.Put(s)
	loss := n.residual(theta, s)
	kernels.MatTVec(n.m, n.d, 1/float64(n.m), n.x, n.d, s.r, 0, s.c)
	u, v := theta[:n.d], theta[n.d:2*n.d]
	for i := range n.d {
		g[i] = 2 * u[i] * s.c[i]
		g[n.d+i] = -2 * v[i] * s.c[i]
	}
	return loss
}

// HVP writes H(θ)·dv into hv.
func (n *DiagonalNet) HVP(hv, theta, dv []float64) {
	n.check("HVP", theta)
	if len(dv) < 2*n.d || len(hv) < 2*n.d {
		panic(fmt.Sprintf("models.DiagonalNet.HVP: len(v) = %d, len(hv) = %d, want %d", len(dv), len(hv), 2*n.d))
	}
	s := n.pool.Get().(*dnScratch)
	defer n.pool.Put(s)
	n.residual(theta, s)
	kernels.MatTVec(n.m, n.d, 1/float64(n.m), n.x, n.d, s.r, 0, s.c)
	d := n.d
	u, v := theta[:d], theta[d:2*d]
	for i := range d {
		s.jb[i] = 2*u[i]*dv[i] - 2*v[i]*dv[d+i]
	}
	kernels.GramVec(n.m, d, n.x, d, s.dm, s.jb, s.gj)
	for i := range d {
		hv[i] = 2*u[i]*s.gj[i] + 2*s.c[i]*dv[i]
		hv[d+i] = -2*v[i]*s.gj[i] - 2*s.c[i]*dv[d+i]
	}
}

func (n *DiagonalNet) check(fn string, theta []float64) {
	if len(theta) < 2*n.d {
		panic(fmt.Sprintf("models.DiagonalNet.%s: len(theta) = %d, want %d", fn, len(theta), 2*n.d))
	}
}
