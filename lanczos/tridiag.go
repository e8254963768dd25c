package lanczos

import "math"

// tridiagLast computes the eigenvalues of the symmetric tridiagonal matrix
// with diagonal d and off-diagonal e (e[i] couples i and i+1; len(e) ≥
// len(d)−1) and the last components of its unit eigenvectors, which is
// all a Lanczos step needs for its residual estimates |β·z_last|. It is
// the implicit symmetric QR iteration with Wilkinson's shift (Golub and
// Van Loan, Matrix Computations, §8.3), which accumulates the rotations
// into the one row of the eigenvector matrix that is wanted instead of
// all of it: O(n²) work instead of LAPACK's O(n³) for Dsteqr with
// vectors, and O(n) memory (ARPACK's dstqrb makes the same economy).
//
// On return d holds the eigenvalues in ascending order, z[i] the last
// component of the eigenvector of d[i] (with an arbitrary sign), and e is
// destroyed. It reports false if the iteration did not converge within
// 30·n sweeps, which LAPACK's analysis says does not happen.
func tridiagLast(d, e, z []float64) bool {
	n := len(d)
	z = z[:n]
	clear(z)
	if n == 0 {
		return true
	}
	z[n-1] = 1
	const eps = 0x1p-53
	// q = Q·e_{n−1} for the product Q of the rotations G applied as
	// T ← G·T·Gᵀ: when T is diagonal, T₀ = Qᵀ·Λ·Q, the eigenvectors of
	// T₀ are the rows of Q, and their last components are q.
	for hi, sweeps := n-1, 0; hi > 0; {
		// Split off the largest unreduced block that ends at hi.
		lo := hi
		for lo > 0 {
			if math.Abs(e[lo-1]) <= eps*(math.Abs(d[lo-1])+math.Abs(d[lo])) {
				e[lo-1] = 0
				break
			}
			lo--
		}
		if lo == hi {
			hi--
			continue
		}
		if sweeps++; sweeps > 30*n {
			return false
		}
		qrSweep(d, e, z, lo, hi)
	}
	// Sort ascending, carrying z along (insertion sort: n ≤ a few dozen).
	for i := 1; i < n; i++ {
		for k := i; k > 0 && d[k] < d[k-1]; k-- {
			d[k], d[k-1] = d[k-1], d[k]
			z[k], z[k-1] = z[k-1], z[k]
		}
	}
	return true
}

// qrSweep applies one implicit QR step with Wilkinson's shift to the
// unreduced block lo..hi of the tridiagonal (d, e), chasing the bulge
// down with Givens rotations, and applies each rotation to z.
func qrSweep(d, e, z []float64, lo, hi int) {
	// The shift: the eigenvalue of the trailing 2×2 block nearer d[hi],
	// written so that b² cannot overflow.
	b := e[hi-1]
	delta := (d[hi-1] - d[hi]) / 2
	den := delta + math.Copysign(math.Hypot(delta, b), delta)
	mu := d[hi]
	if den != 0 {
		mu -= b * (b / den)
	} else {
		mu -= math.Abs(b)
	}
	// The first rotation zeroes the second entry of the first column of
	// T − μ·I; each later one the bulge below the off-diagonal.
	x, y := d[lo]-mu, e[lo]
	for k := lo; k < hi; k++ {
		r := math.Hypot(x, y)
		c, s := 1.0, 0.0
		if r != 0 {
			c, s = x/r, y/r
		}
		if k > lo {
			e[k-1] = r // the bulge at (k−1, k+1) is now zero
		}
		// G = [c s; −s c] on rows and columns k, k+1.
		p, q, t := d[k], d[k+1], e[k]
		d[k] = c*c*p + 2*c*s*t + s*s*q
		d[k+1] = s*s*p - 2*c*s*t + c*c*q
		e[k] = c*s*(q-p) + (c*c-s*s)*t
		if k+1 < hi {
			// The coupling of k+1 to k+2 spreads to k: the new bulge.
			x, y = e[k], s*e[k+1]
			e[k+1] *= c
		}
		zk, zk1 := z[k], z[k+1]
		z[k] = c*zk + s*zk1
		z[k+1] = -s*zk + c*zk1
	}
}
