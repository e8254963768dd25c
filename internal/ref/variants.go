package ref

import "math"

// The references of the SAM variants' fused kernels (kernels/variants.go),
// written from their documented sequences. With fused every fma rounds once
// (the SIMD levels); without it the product and the sum round apart (the
// Generic level). The sums they return are checked against the exact sum of
// the terms the reference writes, not against these loops.

// Perturb is the reference of kernels.Perturb (keep may be nil).
func Perturb[T Float](w, g, saved, keep []T, s T, zeroG, fused bool) {
	for i := range w {
		saved[i] = w[i]
		if keep != nil {
			keep[i] = g[i]
		}
		w[i] = fma(s, g[i], w[i], fused)
		if zeroG {
			g[i] = 0
		}
	}
}

// ASAMPerturb is the reference of kernels.ASAMPerturb.
func ASAMPerturb[T Float](w, g, saved, keep []T, eta, s T, zeroG, fused bool) {
	for i := range w {
		saved[i] = w[i]
		if keep != nil {
			keep[i] = g[i]
		}
		t := T(math.Abs(float64(w[i]))) + eta
		w[i] = fma(s, T(T(t*t)*g[i]), w[i], fused)
		if zeroG {
			g[i] = 0
		}
	}
}

// stepDir is the direction d of kernels.SGDStep and AdamWStep: a·g, then
// fma(b, g2, d) when g2 is given.
func stepDir[T Float](g, g2 []T, i int, a, b T, fused bool) T {
	d := T(a * g[i])
	if g2 != nil {
		d = fma(b, g2[i], d, fused)
	}
	return d
}

// stepEnd applies the variants' last term w = fma(c, g2 − g, w) and the
// zeroing of kernels.SGDStep and AdamWStep to element i.
func stepEnd[T Float](w, g, g2 []T, i int, c T, fused, zeroG, zeroG2 bool) {
	if g2 != nil && c != 0 {
		w[i] = fma(c, g2[i]-g[i], w[i], fused)
	}
	if zeroG {
		g[i] = 0
	}
	if zeroG2 {
		g2[i] = 0
	}
}

// SGDStep is the reference of kernels.SGDStep (g2 may be nil; saved may be
// w). It returns nothing: the kernel's Σ m² is checked against m.
func SGDStep[T Float](w, saved, g, g2 []T, a, b, c float64, m []T, lr, momentum, l2, decoupled float64,
	nesterov, zeroG, zeroG2, fused bool) {
	cm, cg := 1.0, 0.0
	if nesterov {
		cm, cg = momentum, 1
	}
	nlr, mu, l2t, cmt, cgt, keep := T(-lr), T(momentum), T(l2), T(cm), T(cg), T(1-lr*decoupled)
	at, bt, ct := T(a), T(b), T(c)
	for i := range w {
		s := saved[i]
		d := stepDir(g, g2, i, at, bt, fused)
		gg := fma(l2t, s, d, fused)
		m[i] = fma(mu, m[i], gg, fused)
		u := fma(cmt, m[i], T(cgt*gg), fused)
		w[i] = fma(nlr, u, T(keep*s), fused)
		stepEnd(w, g, g2, i, ct, fused, zeroG, zeroG2)
	}
}

// AdamWStep is the reference of kernels.AdamWStep.
func AdamWStep[T Float](w, saved, g, g2 []T, a, b, c float64, m, v []T, lr, beta1, beta2, eps, decay float64, t int,
	zeroG, zeroG2, fused bool) {
	bc1 := 1 - math.Pow(beta1, float64(t))
	bc2 := 1 - math.Pow(beta2, float64(t))
	b1, omb1, b2, omb2 := T(beta1), T(1-beta1), T(beta2), T(1-beta2)
	rc2, e, step, keep := T(1/math.Sqrt(bc2)), T(eps), T(-lr/bc1), T(1-lr*decay)
	at, bt, ct := T(a), T(b), T(c)
	for i := range w {
		d := stepDir(g, g2, i, at, bt, fused)
		m[i] = fma(b1, m[i], T(omb1*d), fused)
		v[i] = fma(b2, v[i], T(T(omb2*d)*d), fused)
		den := fma(T(math.Sqrt(float64(v[i]))), rc2, e, fused)
		w[i] = fma(step, T(m[i]/den), T(keep*saved[i]), fused)
		stepEnd(w, g, g2, i, ct, fused, zeroG, zeroG2)
	}
}

// DiffTerms returns the terms d_i = fma(−σ, m_i, g_i), rounded to T, of
// kernels.DiffSumSq, so that Σ d_i² can be checked with CheckDot.
func DiffTerms[T Float](g, m []T, sigma T, fused bool) []T {
	out := make([]T, len(g))
	for i := range g {
		out[i] = fma(-sigma, m[i], g[i], fused)
	}
	return out
}

// FSAMPerturb is the reference of kernels.FSAMPerturb.
func FSAMPerturb[T Float](w, g, m, saved, next []T, s, sigma, lambda T, zeroG, fused bool) {
	oml := 1 - lambda
	for i := range w {
		saved[i] = w[i]
		d := fma(-sigma, m[i], g[i], fused)
		w[i] = fma(s, d, w[i], fused)
		next[i] = fma(lambda, m[i], T(oml*g[i]), fused)
		if zeroG {
			g[i] = 0
		}
	}
}

// Combine is the reference of kernels.CombineSumSq's element-wise part:
// dst = fma(b, y, a·x). dst may be x or y.
func Combine[T Float](dst, x, y []T, a, b T, fused bool) {
	for i := range dst {
		dst[i] = fma(b, y[i], T(a*x[i]), fused)
	}
}
