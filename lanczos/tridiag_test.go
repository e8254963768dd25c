package lanczos

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
)

// tridiagLast against gonum's Dsteqr with full eigenvectors, on random
// tridiagonals, graded ones, ones that split (zero couplings) and ones with
// eigenvalues clustered to 1e-13: eigenvalues within 8·n·u·‖T‖ (the
// backward error of the QR iteration, n rotations of u each per sweep
// converging in about two sweeps per eigenvalue, with a margin), and the
// last components within 8·n·u·‖T‖/gap of Dsteqr's in absolute value, the
// perturbation bound of an eigenvector; within a cluster of eigenvalues
// closer than that the vectors are not determined, and the test compares
// the sum of squares over the cluster, which is.
func TestTridiagLast(t *testing.T) {
	r := newRand(11, 11)
	type gen func(n int) (d, e []float64)
	gens := map[string]gen{
		"random": func(n int) ([]float64, []float64) {
			d, e := make([]float64, n), make([]float64, n)
			gaussian(r, d)
			gaussian(r, e)
			return d, e
		},
		"graded": func(n int) ([]float64, []float64) {
			d, e := make([]float64, n), make([]float64, n)
			for i := range d {
				d[i] = math.Pow(10, -float64(i)/2) * r.NormFloat64()
				e[i] = math.Pow(10, -float64(i)/2) * r.NormFloat64()
			}
			return d, e
		},
		"split": func(n int) ([]float64, []float64) {
			d, e := make([]float64, n), make([]float64, n)
			gaussian(r, d)
			gaussian(r, e)
			for i := 2; i < n; i += 3 {
				e[i] = 0
			}
			return d, e
		},
		// Lanczos-like: the arrow of converged Ritz values reduced to
		// tridiagonal form, couplings from 1e-14 to 1.
		"tiny couplings": func(n int) ([]float64, []float64) {
			d, e := make([]float64, n), make([]float64, n)
			for i := range d {
				d[i] = 4 - float64(i)*0.01
				e[i] = math.Pow(10, -14*r.Float64())
			}
			return d, e
		},
		"wilkinson": func(n int) ([]float64, []float64) {
			d, e := make([]float64, n), make([]float64, n)
			for i := range d {
				d[i] = math.Abs(float64(i) - float64(n-1)/2)
				e[i] = 1
			}
			return d, e
		},
	}
	for name, g := range gens {
		for n := 1; n <= 45; n++ {
			d, e := g(n)
			e = e[:n]
			e[n-1] = 0
			// Reference.
			rd, re := slices.Clone(d), slices.Clone(e[:max(0, n-1)])
			zz := make([]float64, n*n)
			work := make([]float64, max(1, 2*n-2))
			require.True(t, gonum.Implementation{}.Dsteqr(lapack.EVTridiag, n, rd, re, zz, n, work))
			var norm float64
			for i := range n {
				norm = max(norm, math.Abs(d[i])+math.Abs(e[i])+math.Abs(e[max(0, i-1)]))
			}
			gd, ge, gz := slices.Clone(d), slices.Clone(e), make([]float64, n)
			require.True(t, tridiagLast(gd, ge, gz), "%s n=%d", name, n)
			tolV := 8 * float64(n) * u * norm
			var ss float64
			for i := range n {
				require.InDelta(t, rd[i], gd[i], tolV, "%s n=%d eigenvalue %d", name, n, i)
				ss += gz[i] * gz[i]
			}
			require.InDelta(t, 1, ss, 8*float64(n)*u, "%s n=%d: the last row of an orthogonal matrix", name, n)
			// Clusters: runs of eigenvalues less than 1e-6·‖T‖ apart are
			// compared as a whole; between clusters the bound
			// 2·tolV/gap applies.
			for i := 0; i < n; {
				j := i + 1
				for j < n && rd[j]-rd[j-1] < 1e-6*norm {
					j++
				}
				gap := math.Inf(1)
				if i > 0 {
					gap = rd[i] - rd[i-1]
				}
				if j < n {
					gap = min(gap, rd[j]-rd[j-1])
				}
				var want, got float64
				for k := i; k < j; k++ {
					want += zz[(n-1)*n+k] * zz[(n-1)*n+k]
					got += gz[k] * gz[k]
				}
				bound := 2*tolV/gap + 8*float64(n)*u
				require.InDelta(t, math.Sqrt(want), math.Sqrt(got), bound, "%s n=%d cluster %d..%d", name, n, i, j)
				i = j
			}
		}
	}
}
