package lanczos

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// u is the unit roundoff of float64.
const u = 0x1p-53

// gamma returns γ_k = k·u/(1−k·u), the bound on the relative error of k
// roundings (Higham §3.1).
func gamma(k int) float64 { return float64(k) * u / (1 - float64(k)*u) }

// symMatrix is a full (both triangles) symmetric n×n matrix, row-major,
// with its exact spectrum from gonum's dense solver.
type symMatrix struct {
	n      int
	a      []float64
	eig    []float64 // ascending
	norm   float64   // ‖A‖₂ = max |λ|
	absRow float64   // max_i Σ_j |a_ij|, for rounding bounds
}

// newSymMatrix wraps a full symmetric matrix and computes its spectrum with
// mat.EigenSym, the reference the solver is checked against.
func newSymMatrix(t testing.TB, n int, a []float64) *symMatrix {
	var es mat.EigenSym
	require.True(t, es.Factorize(mat.NewSymDense(n, slices.Clone(a)), false))
	m := plainSymMatrix(n, a)
	m.eig = es.Values(nil)
	m.norm = max(math.Abs(m.eig[0]), math.Abs(m.eig[n-1]))
	return m
}

// plainSymMatrix wraps a full symmetric matrix without its spectrum, for
// tests that need only the matrix and its trace.
func plainSymMatrix(n int, a []float64) *symMatrix {
	m := &symMatrix{n: n, a: a}
	for i := range n {
		var s float64
		for _, x := range a[i*n : (i+1)*n] {
			s += math.Abs(x)
		}
		m.absRow = max(m.absRow, s)
	}
	return m
}

// operator returns A as a SymDense whose strict lower triangle is NaN, so
// any read of it would poison the result.
func (m *symMatrix) operator() *SymDense {
	d := slices.Clone(m.a)
	for i := range m.n {
		for j := range i {
			d[i*m.n+j] = math.NaN()
		}
	}
	return NewSymDense(m.n, d, m.n)
}

// residual returns ‖A·x − λ·x‖ by plain loops over the full matrix,
// independent of the kernels the solver uses.
func (m *symMatrix) residual(x []float64, lambda float64) float64 {
	var ss float64
	for i := range m.n {
		var s float64
		for j, aij := range m.a[i*m.n : (i+1)*m.n] {
			s += aij * x[j]
		}
		s -= lambda * x[i]
		ss += s * s
	}
	return math.Sqrt(ss)
}

// residualSlack bounds the difference between two computations of
// ‖A·x − λ·x‖ for a unit x in different summation orders: each entry of
// A·x is off by at most γ_{n+1}·Σ_j|a_ij|, twice for two computations.
func (m *symMatrix) residualSlack() float64 {
	return 2 * gamma(m.n+2) * (m.absRow + m.norm) * math.Sqrt(float64(m.n))
}

// randomSymmetric returns a random symmetric n×n matrix with independent
// standard normal entries on and above the diagonal (spectrum roughly a
// semicircle on [−2√n, 2√n]).
func randomSymmetric(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 42))
	a := make([]float64, n*n)
	for i := range n {
		for j := i; j < n; j++ {
			x := r.NormFloat64()
			a[i*n+j], a[j*n+i] = x, x
		}
	}
	return a
}

// top returns the k largest of the ascending eig, descending.
func top(eig []float64, k int) []float64 {
	out := slices.Clone(eig[len(eig)-k:])
	slices.Reverse(out)
	return out
}

// checkPairs asserts that res holds converged eigenpairs of m whose values
// are want (same order) within tol·‖A‖, with residuals (recomputed here)
// within tol·‖A‖ and bounded by the reported ones, and orthonormal
// vectors.
func checkPairs(t *testing.T, m *symMatrix, res *Result, want []float64, tol float64) {
	t.Helper()
	require.Len(t, res.Values, len(want))
	for i, w := range want {
		// |θ − λ| ≤ ‖r‖ ≤ Tol·Scale ≤ Tol·‖A‖ for some eigenvalue λ; with
		// the Ritz values matched in order, each is the wanted one.
		require.InDelta(t, w, res.Values[i], tol*m.norm, "value %d of %v, want %v", i, res.Values, want)
		require.True(t, res.Converged[i])
		r := m.residual(res.Vectors[i], res.Values[i])
		require.LessOrEqual(t, r, tol*m.norm+m.residualSlack(), "residual of pair %d", i)
		// The solver's residual bounds it, and for a symmetric matrix is
		// no looser than the rounding of the two computations.
		require.GreaterOrEqual(t, res.Residuals[i], r-m.residualSlack(), "reported residual of pair %d", i)
		require.InDelta(t, r, res.Residuals[i], m.residualSlack(), "reported residual of pair %d", i)
	}
	checkOrthonormal(t, res.Vectors, m.n)
}

// checkOrthonormal asserts |x_iᵀx_j − δ_ij| ≤ 64·γ_{n+8}: the vectors are
// combinations V·y of a basis orthonormal to working precision by CGS2
// (each inner product carries γ_{n+8}, the kernels' dot bound) with
// orthonormal y from LAPACK; 64 covers the basis size's accumulation.
func checkOrthonormal(t *testing.T, x [][]float64, n int) {
	t.Helper()
	bound := 64 * gamma(n+8)
	for i := range x {
		for j := range i + 1 {
			var s float64
			for l := range n {
				s += x[i][l] * x[j][l]
			}
			if i == j {
				s--
			}
			require.LessOrEqual(t, math.Abs(s), bound, "x_%dᵀx_%d", i, j)
		}
	}
}
