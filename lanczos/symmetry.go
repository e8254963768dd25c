package lanczos

import (
	"context"
	"fmt"
	"math"

	"github.com/samkern/samkern/kernels"
)

// checkSymmetry is the symmetry check of Options.CheckSymmetry and its
// twins. It applies op to two random unit vectors u and v (drawn from
// seed) and compares a = u·(A·v) with b = v·(A·u), which are equal for a
// symmetric A. Computed, each dot product is within γ_{n+8}·Σ|x_i·y_i| of
// its exact value (the kernels.Dot bound), so a symmetric operator whose
// products are exact cannot differ by more than the sum of the two; the
// products' own rounding, for products computed by sums of at most n
// terms, is of the same order or smaller in practice. On top of that the
// call accepts a relative asymmetry allowed (its tolerance), measured as
// AsymmetryError.Asymmetry is: |a − b| ≤ allowed·s/√n with
// s = √((‖A·u‖² + ‖A·v‖²)/2). u, v and w are scratch vectors of length n;
// the check returns the applications it spent (2, fewer only when it fails
// early) and an *AsymmetryError, ErrNonFinite or ctx's error.
func checkSymmetry(ctx context.Context, op Operator, n int, allowed float64, seed uint64, u, v, w []float64) (int, error) {
	u, v, w = u[:n], v[:n], w[:n]
	rng := newRand(seed, 5)
	for _, x := range [][]float64{u, v} {
		gaussian(rng, x)
		scaleTo(x, kernels.Norm(x)) // a Gaussian vector is not zero
	}
	ops := 0
	// apply sets w = A·x and returns y·w, Σ|y_i·w_i| and ‖w‖.
	apply := func(x, y []float64) (dot, abs, nrm float64, err error) {
		if err := ctx.Err(); err != nil {
			return 0, 0, 0, fmt.Errorf("lanczos: stopped during the symmetry check after %d operator applications: %w", ops, err)
		}
		ops++
		op.Apply(w, x)
		nrm = kernels.Norm(w)
		if math.IsNaN(nrm) || math.IsInf(nrm, 0) {
			return 0, 0, 0, fmt.Errorf("lanczos: the operator returned %w (application %d, the symmetry check)", ErrNonFinite, ops)
		}
		for i, yi := range y {
			abs += math.Abs(yi * w[i])
		}
		return kernels.Dot(y, w), abs, nrm, nil
	}
	a, absA, nv, err := apply(v, u)
	if err != nil {
		return ops, err
	}
	b, absB, nu, err := apply(u, v)
	if err != nil {
		return ops, err
	}
	scale := math.Sqrt((nu*nu + nv*nv) / 2)
	sqrtN := math.Sqrt(float64(n))
	bound := dotGamma(n)*(absA+absB) + allowed*scale/sqrtN
	if d := math.Abs(a - b); d > bound {
		e := &AsymmetryError{UAV: a, VAU: b, Bound: bound, Allowed: allowed, Ops: ops, Asymmetry: math.Inf(1)}
		if scale > 0 {
			e.Asymmetry = sqrtN * d / scale
		}
		return ops, e
	}
	return ops, nil
}

// dotGamma is γ_{n+8} = (n+8)·u/(1 − (n+8)·u), u = 2⁻⁵³: the relative
// error bound of kernels.Dot on vectors of length n (relative to Σ|x_i·y_i|).
func dotGamma(n int) float64 {
	k := float64(n+8) * 0x1p-53
	return k / (1 - k)
}
