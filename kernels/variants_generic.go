package kernels

import "math"

// The Generic level's variant kernels, the references of the assembly in
// variants_*.s: the sequences of variants.go with every fma(a, b, c)
// computed as T(a·b) + c, rounded twice, as in fused_generic.go. The tests
// demand ref's bits (internal/ref/variants.go) from every level; the sums
// are bound-checked, and summed here in order, each square rounded (Go
// would otherwise fuse them on arm64).

func perturbG[T float32 | float64](w, g, saved, keep []T, s T, flags int) {
	n := len(w)
	g, saved = g[:n], saved[:n]
	if flags&flKeep != 0 {
		copy(keep[:n], g)
	}
	for i, wi := range w {
		saved[i] = wi
		w[i] = T(s*g[i]) + wi
	}
	if flags&flZeroG != 0 {
		clear(g)
	}
}

func asamPerturbG[T float32 | float64](w, g, saved, keep []T, eta, s T, flags int) {
	n := len(w)
	g, saved = g[:n], saved[:n]
	if flags&flKeep != 0 {
		copy(keep[:n], g)
	}
	for i, wi := range w {
		saved[i] = wi
		t := T(math.Abs(float64(wi))) + eta
		w[i] = T(s*T(T(t*t)*g[i])) + wi
	}
	if flags&flZeroG != 0 {
		clear(g)
	}
}

// stepDirG is SGDStep's and AdamWStep's d for element i.
func stepDirG[T float32 | float64](g, g2 []T, i int, a, b T, flags int) T {
	d := T(a * g[i])
	if flags&flG2 != 0 {
		d = T(b*g2[i]) + d
	}
	return d
}

// stepEndG applies the last term and the zeroing after the loop.
func stepEndG[T float32 | float64](w, g, g2 []T, c T, flags int) {
	if flags&flC != 0 {
		for i := range w {
			w[i] = T(c*(g2[i]-g[i])) + w[i]
		}
	}
	if flags&flZeroG != 0 {
		clear(g[:len(w)])
	}
	if flags&flZeroG2 != 0 {
		clear(g2[:len(w)])
	}
}

func sgdStepG[T float32 | float64](w, saved, g, g2, m []T, a, b, c, nlr, mu, l2, cm, cg, keep T, flags int) float64 {
	n := len(w)
	saved, g, m = saved[:n], g[:n], m[:n]
	var sum float64
	for i := range w {
		s := saved[i]
		d := stepDirG(g, g2, i, a, b, flags)
		gg := T(l2*s) + d
		mi := T(mu*m[i]) + gg
		m[i] = mi
		u := T(cm*mi) + T(cg*gg)
		w[i] = T(nlr*u) + T(keep*s)
		mf := float64(mi)
		sum += float64(mf * mf)
	}
	stepEndG(w, g, g2, c, flags)
	return sum
}

func adamWStepG[T float32 | float64](w, saved, g, g2, m, v []T, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep T, flags int) float64 {
	n := len(w)
	saved, g, m, v = saved[:n], g[:n], m[:n], v[:n]
	var sum float64
	for i := range w {
		d := stepDirG(g, g2, i, a, b, flags)
		mi := T(b1*m[i]) + T(omb1*d)
		vi := T(b2*v[i]) + T(T(omb2*d)*d)
		m[i], v[i] = mi, vi
		den := T(T(math.Sqrt(float64(vi)))*rc2) + eps
		w[i] = T(step*T(mi/den)) + T(keep*saved[i])
		mf := float64(mi)
		sum += float64(mf * mf)
	}
	stepEndG(w, g, g2, c, flags)
	return sum
}

func dotPairWide32G(x, a, b []float32) (float64, float64) {
	a, b = a[:len(x)], b[:len(x)]
	var sa, sb float64
	for i, v := range x {
		xv := float64(v)
		sa += float64(xv * float64(a[i]))
		sb += float64(xv * float64(b[i]))
	}
	return sa, sb
}

func diffSumSqG[T float32 | float64](g, m []T, nsigma T) float64 {
	m = m[:len(g)]
	var s float64
	for i, gi := range g {
		d := float64(T(nsigma*m[i]) + gi)
		s += float64(d * d)
	}
	return s
}

func fsamPerturbG[T float32 | float64](w, g, m, saved, next []T, s, nsigma, lambda, oml T, flags int) {
	n := len(w)
	g, m, saved, next = g[:n], m[:n], saved[:n], next[:n]
	for i, wi := range w {
		saved[i] = wi
		d := T(nsigma*m[i]) + g[i]
		w[i] = T(s*d) + wi
		next[i] = T(lambda*m[i]) + T(oml*g[i])
	}
	if flags&flZeroG != 0 {
		clear(g)
	}
}

func combineSumSqG[T float32 | float64](dst, x, y []T, a, b T) float64 {
	n := len(dst)
	x, y = x[:n], y[:n]
	var s float64
	for i := range dst {
		d := T(b*y[i]) + T(a*x[i])
		dst[i] = d
		df := float64(d)
		s += float64(df * df)
	}
	return s
}

// The nt flag (non-temporal stores) is for the assembly.

func perturbGeneric(w, g, saved, keep []float64, s float64, flags int, _ bool) {
	perturbG(w, g, saved, keep, s, flags)
}

func perturb32Generic(w, g, saved, keep []float32, s float32, flags int, _ bool) {
	perturbG(w, g, saved, keep, s, flags)
}

func asamPerturbGeneric(w, g, saved, keep []float64, eta, s float64, flags int, _ bool) {
	asamPerturbG(w, g, saved, keep, eta, s, flags)
}

func asamPerturb32Generic(w, g, saved, keep []float32, eta, s float32, flags int, _ bool) {
	asamPerturbG(w, g, saved, keep, eta, s, flags)
}

func sgdStepGeneric(w, saved, g, g2, m []float64, a, b, c, nlr, mu, l2, cm, cg, keep float64, flags int, _ bool) float64 {
	return sgdStepG(w, saved, g, g2, m, a, b, c, nlr, mu, l2, cm, cg, keep, flags)
}

func sgdStep32Generic(w, saved, g, g2, m []float32, a, b, c, nlr, mu, l2, cm, cg, keep float32, flags int, _ bool) float64 {
	return sgdStepG(w, saved, g, g2, m, a, b, c, nlr, mu, l2, cm, cg, keep, flags)
}

func adamWStepGeneric(w, saved, g, g2, m, v []float64, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float64, flags int, _ bool) float64 {
	return adamWStepG(w, saved, g, g2, m, v, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep, flags)
}

func adamWStep32Generic(w, saved, g, g2, m, v []float32, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float32, flags int, _ bool) float64 {
	return adamWStepG(w, saved, g, g2, m, v, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep, flags)
}

func dotPairWide32Generic(x, a, b []float32) (float64, float64) { return dotPairWide32G(x, a, b) }

func diffSumSqGeneric(g, m []float64, nsigma float64) float64   { return diffSumSqG(g, m, nsigma) }
func diffSumSq32Generic(g, m []float32, nsigma float32) float64 { return diffSumSqG(g, m, nsigma) }

func fsamPerturbGeneric(w, g, m, saved, next []float64, s, nsigma, lambda, oml float64, flags int, _ bool) {
	fsamPerturbG(w, g, m, saved, next, s, nsigma, lambda, oml, flags)
}

func fsamPerturb32Generic(w, g, m, saved, next []float32, s, nsigma, lambda, oml float32, flags int, _ bool) {
	fsamPerturbG(w, g, m, saved, next, s, nsigma, lambda, oml, flags)
}

func combineSumSqGeneric(dst, x, y []float64, a, b float64) float64 {
	return combineSumSqG(dst, x, y, a, b)
}
func combineSumSq32Generic(dst, x, y []float32, a, b float32) float64 {
	return combineSumSqG(dst, x, y, a, b)
}
