package models

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// Quadratic is the dense quadratic L(w) = ½·wᵀAw − bᵀw + c with a symmetric
// n×n matrix A, whose Hessian is A everywhere. It is the model problem of
// the paper's Theorem 4.8 and the objective on which every sharpness measure
// has a closed form.
type Quadratic struct {
	n int
	a []float64 // n×n row-major, both triangles, exactly symmetric
	b []float64 // nil when b = 0
	c float64

	// Eigen-decomposition when built by NewQuadraticSpectrum: values in
	// descending order, vecs[i*n:(i+1)*n] the unit eigenvector of values[i].
	values []float64
	vecs   []float64
}

// NewQuadratic returns L(w) = ½·wᵀAw − bᵀw + c for the n×n matrix A stored
// row-major with row stride lda in a. A is copied and replaced by its
// symmetric part (A + Aᵀ)/2, which defines the same loss and is its
// Hessian, so a slightly unsymmetric A (rounding in the caller's
// arithmetic) is fine. b may be nil for b = 0; it is copied. It panics if
// n < 1, lda < n, or a or b is too short, and returns an error if an entry
// of A, b or c is NaN or ±Inf.
func NewQuadratic(n int, a []float64, lda int, b []float64, c float64) (*Quadratic, error) {
	if n < 1 {
		panic(fmt.Sprintf("models.NewQuadratic: n = %d < 1", n))
	}
	if lda < n {
		panic(fmt.Sprintf("models.NewQuadratic: lda = %d < n = %d", lda, n))
	}
	if len(a) < (n-1)*lda+n {
		panic(fmt.Sprintf("models.NewQuadratic: len(a) = %d, need %d for n = %d, lda = %d", len(a), (n-1)*lda+n, n, lda))
	}
	if b != nil {
		check.Len1("models.NewQuadratic", n, "b", b)
	}
	q := &Quadratic{n: n, a: make([]float64, n*n), c: c}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			// (x+y)/2 rather than 0.5*x+0.5*y: exact when x == y, and the
			// same value is stored in both triangles.
			s := (a[i*lda+j] + a[j*lda+i]) / 2
			q.a[i*n+j], q.a[j*n+i] = s, s
		}
	}
	if b != nil {
		q.b = slices.Clone(b[:n])
	}
	if !check.Finite(q.a) || !check.Finite(q.b) || math.IsNaN(c) || math.IsInf(c, 0) {
		return nil, fmt.Errorf("models.NewQuadratic: NaN or Inf in A, b or c: %w", ErrNonFinite)
	}
	return q, nil
}

// NewQuadraticSpectrum returns L(w) = ½·wᵀAw with A = Q·diag(λ)·Qᵀ for the
// given eigenvalues λ and a random orthogonal Q drawn from seed
// (Gram–Schmidt, applied twice, on Gaussian vectors, which gives the Haar
// distribution), so tests know λ1 and v1 exactly. Its minimizer is w = 0
// when A is positive definite. Eigen reports the decomposition used. The
// eigenvalues of the A actually stored differ from λ by rounding, at most
// a few n·u·max|λ| (u = 2⁻⁵³). It panics if eigenvalues is empty and returns
// an error if one of them is not finite.
func NewQuadraticSpectrum(eigenvalues []float64, seed uint64) (*Quadratic, error) {
	n := len(eigenvalues)
	if n < 1 {
		panic("models.NewQuadraticSpectrum: no eigenvalues")
	}
	if !check.Finite(eigenvalues) {
		return nil, fmt.Errorf("models.NewQuadraticSpectrum: NaN or Inf eigenvalue: %w", ErrNonFinite)
	}
	lam := slices.Clone(eigenvalues)
	slices.SortStableFunc(lam, func(x, y float64) int { return cmp.Compare(y, x) })

	r := rand.New(rand.NewPCG(seed, 0x5a3c_9e1d_b7f2_4a61))
	vecs := make([]float64, n*n)
	for i := 0; i < n; i++ {
		q := vecs[i*n : (i+1)*n]
		for {
			for j := range q {
				q[j] = r.NormFloat64()
			}
			// Twice is enough (Giraud et al.): the second pass removes
			// what rounding left of the earlier directions.
			for pass := 0; pass < 2; pass++ {
				for j := 0; j < i; j++ {
					p := vecs[j*n : (j+1)*n]
					kernels.Axpy(-kernels.Dot(p, q), p, q)
				}
			}
			// A Gaussian vector falls (almost) into the span of the
			// earlier ones with probability zero; redraw if it did.
			if nq := kernels.Norm(q); nq > 1e-8 {
				kernels.Scale(1/nq, q)
				break
			}
		}
	}
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var s float64
			for k := 0; k < n; k++ {
				s += lam[k] * vecs[k*n+i] * vecs[k*n+j]
			}
			a[i*n+j], a[j*n+i] = s, s
		}
	}
	return &Quadratic{n: n, a: a, values: lam, vecs: vecs}, nil
}

// Dim returns n.
func (q *Quadratic) Dim() int { return q.n }

// Matrix returns a copy of A (row-major, n×n, stride n, symmetric).
func (q *Quadratic) Matrix() []float64 { return slices.Clone(q.a) }

// Eigen returns the eigen-decomposition A was built from by
// NewQuadraticSpectrum: the eigenvalues in descending order and, as rows
// of vectors, the unit eigenvector of each (vectors[0] is v1). Both are
// copies. For a Quadratic from NewQuadratic, which decomposes nothing, it
// returns nil, nil.
func (q *Quadratic) Eigen() (values []float64, vectors [][]float64) {
	if q.values == nil {
		return nil, nil
	}
	values = slices.Clone(q.values)
	flat := slices.Clone(q.vecs)
	vectors = make([][]float64, q.n)
	for i := range vectors {
		vectors[i] = flat[i*q.n : (i+1)*q.n : (i+1)*q.n]
	}
	return values, vectors
}

// Loss returns ½·wᵀAw − bᵀw + c. It reads A once, a row at a time, and
// allocates nothing.
func (q *Quadratic) Loss(w []float64) float64 {
	check.Len1("models.Quadratic.Loss", q.n, "w", w)
	n := q.n
	w = w[:n]
	var s float64
	for i := 0; i < n; i++ {
		s += w[i] * kernels.Dot(q.a[i*n:(i+1)*n], w)
	}
	l := s / 2
	if q.b != nil {
		l -= kernels.Dot(q.b, w)
	}
	return l + q.c
}

// Grad writes ∇L(w) = Aw − b into g and returns L(w). g must not overlap w.
func (q *Quadratic) Grad(g, w []float64) float64 {
	check.Len2("models.Quadratic.Grad", q.n, "w", w, "g", g)
	n := q.n
	w, g = w[:n], g[:n]
	// SymMatVec reads half of A; L(w) = ½·wᵀ(Aw − b) − ½·bᵀw + c then
	// costs one more dot product.
	kernels.SymMatVec(n, 1, q.a, n, w, 0, g)
	var bw float64
	if q.b != nil {
		kernels.Axpy(-1, q.b, g)
		bw = kernels.Dot(q.b, w)
	}
	return kernels.Dot(w, g)/2 - bw/2 + q.c
}

// HVP writes A·v into hv; w is not used (but must have n elements, for
// uniformity). hv must not overlap v.
func (q *Quadratic) HVP(hv, w, v []float64) {
	check.Len3("models.Quadratic.HVP", q.n, "w", w, "v", v, "hv", hv)
	kernels.SymMatVec(q.n, 1, q.a, q.n, v[:q.n], 0, hv[:q.n])
}

// LossPair returns L(w) and L(w + s·d) − L(w) from one pass over A
// (kernels.DotPair on each row). The difference is evaluated as
// s·dᵀ(Aw − b) + (s²/2)·dᵀAd rather than by subtracting two losses, so
// it keeps its relative accuracy when s is small.
func (q *Quadratic) LossPair(w, d []float64, s float64) (loss, diff float64) {
	check.Len2("models.Quadratic.LossPair", q.n, "w", w, "d", d)
	n := q.n
	w, d = w[:n], d[:n]
	var wAw, dAw, dAd float64
	for i := 0; i < n; i++ {
		aw, ad := kernels.DotPair(q.a[i*n:(i+1)*n], w, d)
		wAw += w[i] * aw
		dAw += d[i] * aw
		dAd += d[i] * ad
	}
	loss = wAw/2 + q.c
	lin := dAw
	if q.b != nil {
		loss -= kernels.Dot(q.b, w)
		lin -= kernels.Dot(q.b, d)
	}
	return loss, s*lin + s*s/2*dAd
}
