package kernels

import "math"

// The Generic level's fused optimizer kernels, the references of the fused
// assembly: the operation sequences of fused.go with every fma(a, b, c)
// computed as T(a·b) + c, rounded twice, so the results are the same on
// every machine. The assembly performs the same sequence with one rounding
// per fma, and the tests demand the bits of ref's sequences (internal/ref)
// from every level, so the sequence, not only the value, is the contract.
// ASAMSumSq's terms round as ref.ASAMTerms says; its sum may be reordered.

func perturbSaveG[T float32 | float64](w, g, saved []T, s T) {
	g, saved = g[:len(w)], saved[:len(w)]
	for i, wi := range w {
		saved[i] = wi
		w[i] = T(s*g[i]) + wi
	}
}

func sgdRestoreG[T float32 | float64](w, saved, g, m []T, nlr, mu, l2, cm, cg, keep T) {
	n := len(w)
	saved, g, m = saved[:n], g[:n], m[:n]
	for i := range w {
		s := saved[i]
		gg := T(l2*s) + g[i]
		mi := T(mu*m[i]) + gg
		m[i] = mi
		u := T(cm*mi) + T(cg*gg)
		w[i] = T(nlr*u) + T(keep*s)
	}
}

func adamWRestoreG[T float32 | float64](w, saved, g, m, v []T, b1, omb1, b2, omb2, rc2, eps, step, keep T) {
	n := len(w)
	saved, g, m, v = saved[:n], g[:n], m[:n], v[:n]
	for i := range w {
		gi := g[i]
		mi := T(b1*m[i]) + T(omb1*gi)
		vi := T(b2*v[i]) + T(T(omb2*gi)*gi)
		m[i], v[i] = mi, vi
		den := T(T(math.Sqrt(float64(vi)))*rc2) + eps
		w[i] = T(step*T(mi/den)) + T(keep*saved[i])
	}
}

// asamSumSq64G: t = (|w|+eta)·g rounded, squares summed with two
// accumulators (alternate elements), then the odd last one.
func asamSumSq64G(w, g []float64, eta float64) float64 {
	g = g[:len(w)]
	var s0, s1 float64
	i := 0
	for ; i+2 <= len(w); i += 2 {
		t0 := float64((math.Abs(w[i]) + eta) * g[i])
		t1 := float64((math.Abs(w[i+1]) + eta) * g[i+1])
		s0 += float64(t0 * t0)
		s1 += float64(t1 * t1)
	}
	s := s0 + s1
	if i < len(w) {
		t := float64((math.Abs(w[i]) + eta) * g[i])
		s += float64(t * t)
	}
	return s
}

// asamSumSq32G: t = float32(|w|+eta) times g, exact in float64; squares
// summed in float64.
func asamSumSq32G(w, g []float32, eta float32) float64 {
	g = g[:len(w)]
	var s0, s1 float64
	i := 0
	for ; i+2 <= len(w); i += 2 {
		t0 := float64(float32(math.Abs(float64(w[i])))+eta) * float64(g[i])
		t1 := float64(float32(math.Abs(float64(w[i+1])))+eta) * float64(g[i+1])
		s0 += float64(t0 * t0)
		s1 += float64(t1 * t1)
	}
	s := s0 + s1
	if i < len(w) {
		t := float64(float32(math.Abs(float64(w[i])))+eta) * float64(g[i])
		s += float64(t * t)
	}
	return s
}

func asamPerturbSaveG[T float32 | float64](w, g, saved []T, eta, s T) {
	g, saved = g[:len(w)], saved[:len(w)]
	for i, wi := range w {
		saved[i] = wi
		t := T(math.Abs(float64(wi))) + eta
		w[i] = T(s*T(T(t*t)*g[i])) + wi
	}
}

// The nt flag (non-temporal stores for vectors larger than the caches) is
// for the assembly; Go has no such stores.

func perturbSaveGeneric(w, g, saved []float64, s float64, _ bool)   { perturbSaveG(w, g, saved, s) }
func perturbSave32Generic(w, g, saved []float32, s float32, _ bool) { perturbSaveG(w, g, saved, s) }

func sgdRestoreGeneric(w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, _ bool) {
	sgdRestoreG(w, saved, g, m, nlr, mu, l2, cm, cg, keep)
}

func sgdRestore32Generic(w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, _ bool) {
	sgdRestoreG(w, saved, g, m, nlr, mu, l2, cm, cg, keep)
}

func adamWRestoreGeneric(w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, _ bool) {
	adamWRestoreG(w, saved, g, m, v, b1, omb1, b2, omb2, rc2, eps, step, keep)
}

func adamWRestore32Generic(w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, _ bool) {
	adamWRestoreG(w, saved, g, m, v, b1, omb1, b2, omb2, rc2, eps, step, keep)
}

func asamSumSqGeneric(w, g []float64, eta float64) float64   { return asamSumSq64G(w, g, eta) }
func asamSumSq32Generic(w, g []float32, eta float32) float64 { return asamSumSq32G(w, g, eta) }

func asamPerturbSaveGeneric(w, g, saved []float64, eta, s float64, _ bool) {
	asamPerturbSaveG(w, g, saved, eta, s)
}

func asamPerturbSave32Generic(w, g, saved []float32, eta, s float32, _ bool) {
	asamPerturbSaveG(w, g, saved, eta, s)
}
