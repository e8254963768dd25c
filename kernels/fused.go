package kernels

import (
	"math"
	"strconv"
	"unsafe"
)

// Fused optimizer kernels: each is one pass over its vectors, so that a SAM
// step reads and writes every parameter-sized vector as few times as the
// algorithm allows. A SAM step with SGD momentum is a norm pass over g
// (SumSqWide32 or Norm), PerturbSave (reads w, g; writes saved, w) and, once
// the trainer has the gradient at the perturbed weights, SGDRestore (reads
// saved, g, m; writes w, m): six vector reads and four writes.
//
// Rounding: each kernel is a fixed sequence of operations per element, given
// in its documentation with fma(a, b, c) for a·b+c rounded once. The SIMD
// levels compute exactly that sequence; Generic rounds the product and the
// sum of every fma separately (so it gives the same bits everywhere).
//
// The vectors must all have len(w) elements (longer ones are cut, shorter
// ones panic) and must not overlap, except where a kernel says otherwise.

// PerturbSave saves the weights and perturbs them in one pass:
// saved[i] = w[i]; w[i] = fma(s, g[i], w[i]). With s = rho/‖g‖ it is SAM's
// ascent step, with s = rho USAM's.
func PerturbSave(w, g, saved []float64, s float64) { active.PerturbSave(w, g, saved, s) }

// PerturbSave32 is PerturbSave for float32.
func PerturbSave32(w, g, saved []float32, s float32) { active.PerturbSave32(w, g, saved, s) }

// SGDRestore restores the weights saved by PerturbSave and applies an SGD
// step with momentum to them in one pass, using g, the gradient at the
// perturbed weights:
//
//	gg = fma(l2, saved, g)          // L2 weight decay (coupled), 0 for none
//	m  = fma(momentum, m, gg)       // heavy-ball buffer, as PyTorch (no dampening)
//	u  = fma(momentum, m, gg) if nesterov, else m
//	w  = fma(−lr, u, keep·saved)    // keep = 1 − lr·decoupled (AdamW-style decay)
//
// w and saved may not be the same slice (saved is the point the step starts
// from); m is read and written in place.
func SGDRestore(w, saved, g, m []float64, lr, momentum, l2, decoupled float64, nesterov bool) {
	active.SGDRestore(w, saved, g, m, lr, momentum, l2, decoupled, nesterov)
}

// SGDRestore32 is SGDRestore for float32; the coefficients are rounded to
// float32 after keep = 1 − lr·decoupled is formed in float64.
func SGDRestore32(w, saved, g, m []float32, lr, momentum, l2, decoupled float64, nesterov bool) {
	active.SGDRestore32(w, saved, g, m, lr, momentum, l2, decoupled, nesterov)
}

// AdamWRestore restores the weights saved by PerturbSave and applies an
// AdamW step (Loshchilov and Hutter) with bias correction for step t ≥ 1 in
// one pass, using g, the gradient at the perturbed weights:
//
//	m   = fma(β1, m, (1−β1)·g)
//	v   = fma(β2, v, ((1−β2)·g)·g)
//	den = fma(sqrt(v), 1/sqrt(1−β2^t), eps)
//	w   = fma(−lr/(1−β1^t), m/den, keep·saved)   // keep = 1 − lr·decay
//
// The per-step scalars are formed in float64. It panics if t < 1.
func AdamWRestore(w, saved, g, m, v []float64, lr, beta1, beta2, eps, decay float64, t int) {
	active.AdamWRestore(w, saved, g, m, v, lr, beta1, beta2, eps, decay, t)
}

// AdamWRestore32 is AdamWRestore for float32 (scalars formed in float64,
// then rounded to float32).
func AdamWRestore32(w, saved, g, m, v []float32, lr, beta1, beta2, eps, decay float64, t int) {
	active.AdamWRestore32(w, saved, g, m, v, lr, beta1, beta2, eps, decay, t)
}

// ASAMSumSq returns Σ ((|w[i]|+eta)·g[i])², the squared norm of T·g for
// ASAM's scaling T = |w| + eta (Kwon et al., 2021): per element
// t = (|w|+eta)·g rounded, then the squares accumulated like SumSq.
func ASAMSumSq(w, g []float64, eta float64) float64 { return active.ASAMSumSq(w, g, eta) }

// ASAMSumSq32 is ASAMSumSq for float32 vectors, accumulated in float64 like
// SumSqWide32: t = float32(|w|+eta) times g is exact in float64.
func ASAMSumSq32(w, g []float32, eta float32) float64 { return active.ASAMSumSq32(w, g, eta) }

// ASAMPerturbSave saves the weights and applies ASAM's perturbation
// e = s·T²·g with T = |w| + eta in one pass: saved[i] = w[i];
// t = |w|+eta; w[i] = fma(s, (t·t)·g[i], w[i]). With s = rho/‖T·g‖ (from
// ASAMSumSq) it is ASAM's ascent step.
func ASAMPerturbSave(w, g, saved []float64, eta, s float64) {
	active.ASAMPerturbSave(w, g, saved, eta, s)
}

// ASAMPerturbSave32 is ASAMPerturbSave for float32.
func ASAMPerturbSave32(w, g, saved []float32, eta, s float32) {
	active.ASAMPerturbSave32(w, g, saved, eta, s)
}

// PerturbSave is the package-level PerturbSave on level l.
func (l Level) PerturbSave(w, g, saved []float64, s float64) {
	g, saved = checkFused("PerturbSave", w, g, saved, nil, nil)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) { l.perturbSave(w[i:j], g[i:j], saved[i:j], s, nt) })
}

// PerturbSave32 is the package-level PerturbSave32 on level l.
func (l Level) PerturbSave32(w, g, saved []float32, s float32) {
	g, saved = checkFused("PerturbSave32", w, g, saved, nil, nil)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) { l.perturbSave32(w[i:j], g[i:j], saved[i:j], s, nt) })
}

// sgdCoef turns SGDRestore's options into the kernel's coefficients:
// u = fma(cm, m, cg·gg) is m (cm = 1, cg = 0) or Nesterov's gg + μ·m.
func sgdCoef(lr, momentum, decoupled float64, nesterov bool) (cm, cg, keep float64) {
	cm, cg = 1, 0
	if nesterov {
		cm, cg = momentum, 1
	}
	return cm, cg, 1 - lr*decoupled
}

// SGDRestore is the package-level SGDRestore on level l.
func (l Level) SGDRestore(w, saved, g, m []float64, lr, momentum, l2, decoupled float64, nesterov bool) {
	saved, g, m = checkRestore("SGDRestore", w, saved, g, m, nil)
	cm, cg, keep := sgdCoef(lr, momentum, decoupled, nesterov)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) {
		l.sgdRestore(w[i:j], saved[i:j], g[i:j], m[i:j], -lr, momentum, l2, cm, cg, keep, nt)
	})
}

// SGDRestore32 is the package-level SGDRestore32 on level l.
func (l Level) SGDRestore32(w, saved, g, m []float32, lr, momentum, l2, decoupled float64, nesterov bool) {
	saved, g, m = checkRestore("SGDRestore32", w, saved, g, m, nil)
	cm, cg, keep := sgdCoef(lr, momentum, decoupled, nesterov)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) {
		l.sgdRestore32(w[i:j], saved[i:j], g[i:j], m[i:j], float32(-lr), float32(momentum), float32(l2),
			float32(cm), float32(cg), float32(keep), nt)
	})
}

// adamCoef forms AdamW's per-step scalars in float64.
func adamCoef(fn string, lr, beta1, beta2, decay float64, t int) (step, rc2, keep float64) {
	if t < 1 {
		panic("kernels." + fn + ": step t must be at least 1")
	}
	bc1 := 1 - math.Pow(beta1, float64(t))
	bc2 := 1 - math.Pow(beta2, float64(t))
	return -lr / bc1, 1 / math.Sqrt(bc2), 1 - lr*decay
}

// AdamWRestore is the package-level AdamWRestore on level l.
func (l Level) AdamWRestore(w, saved, g, m, v []float64, lr, beta1, beta2, eps, decay float64, t int) {
	saved, g, m = checkRestore("AdamWRestore", w, saved, g, m, v)
	v = v[:len(w)]
	step, rc2, keep := adamCoef("AdamWRestore", lr, beta1, beta2, decay, t)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) {
		l.adamWRestore(w[i:j], saved[i:j], g[i:j], m[i:j], v[i:j], beta1, 1-beta1, beta2, 1-beta2, rc2, eps, step, keep, nt)
	})
}

// AdamWRestore32 is the package-level AdamWRestore32 on level l.
func (l Level) AdamWRestore32(w, saved, g, m, v []float32, lr, beta1, beta2, eps, decay float64, t int) {
	saved, g, m = checkRestore("AdamWRestore32", w, saved, g, m, v)
	v = v[:len(w)]
	step, rc2, keep := adamCoef("AdamWRestore", lr, beta1, beta2, decay, t)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) {
		l.adamWRestore32(w[i:j], saved[i:j], g[i:j], m[i:j], v[i:j], float32(beta1), float32(1-beta1),
			float32(beta2), float32(1-beta2), float32(rc2), float32(eps), float32(step), float32(keep), nt)
	})
}

// ASAMSumSq is the package-level ASAMSumSq on level l.
func (l Level) ASAMSumSq(w, g []float64, eta float64) float64 {
	g = checkDot2("ASAMSumSq", w, g)
	var s float64
	fusedChunks(len(w), func(i, j int) { s += l.asamSumSq(w[i:j], g[i:j], eta) })
	return s
}

// ASAMSumSq32 is the package-level ASAMSumSq32 on level l.
func (l Level) ASAMSumSq32(w, g []float32, eta float32) float64 {
	g = checkDot2("ASAMSumSq32", w, g)
	var s float64
	fusedChunks(len(w), func(i, j int) { s += l.asamSumSq32(w[i:j], g[i:j], eta) })
	return s
}

// ASAMPerturbSave is the package-level ASAMPerturbSave on level l.
func (l Level) ASAMPerturbSave(w, g, saved []float64, eta, s float64) {
	g, saved = checkFused("ASAMPerturbSave", w, g, saved, nil, nil)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) { l.asamPerturbSave(w[i:j], g[i:j], saved[i:j], eta, s, nt) })
}

// ASAMPerturbSave32 is the package-level ASAMPerturbSave32 on level l.
func (l Level) ASAMPerturbSave32(w, g, saved []float32, eta, s float32) {
	g, saved = checkFused("ASAMPerturbSave32", w, g, saved, nil, nil)
	nt := streaming(w)
	fusedChunks(len(w), func(i, j int) { l.asamPerturbSave32(w[i:j], g[i:j], saved[i:j], eta, s, nt) })
}

// streamMin is the vector size from which the fused kernels store the
// vector they only write with non-temporal stores: beyond the caches a
// normal store first reads the line it overwrites, which would cost one more
// vector of memory traffic per kernel. Smaller vectors stay in cache, where
// non-temporal stores would only evict them.
const streamMin = 8 << 20

// streaming reports whether w is big enough for non-temporal stores.
func streaming[T float32 | float64](w []T) bool {
	var z T
	return len(w)*int(unsafe.Sizeof(z)) >= streamMin
}

// fusedChunks calls f on [i, j) pieces of at most chunk elements; an empty
// vector makes one call with an empty range, which checks the level.
func fusedChunks(n int, f func(i, j int)) {
	if n == 0 {
		f(0, 0)
		return
	}
	for i := 0; i < n; i += chunk {
		f(i, min(i+chunk, n))
	}
}

// checkDot2 checks that g is at least as long as w and cuts it.
func checkDot2[T float32 | float64](fn string, w, g []T) []T {
	if len(g) < len(w) {
		panicVec(fn, "g", len(g), len(w))
	}
	return g[:len(w)]
}

// checkFused checks the perturbation kernels' vectors: g and saved at least
// len(w), and saved (written) disjoint from w and g.
func checkFused[T float32 | float64](fn string, w, g, saved, _, _ []T) ([]T, []T) {
	n := len(w)
	if len(g) < n {
		panicVec(fn, "g", len(g), n)
	}
	if len(saved) < n {
		panicVec(fn, "saved", len(saved), n)
	}
	g, saved = g[:n], saved[:n]
	checkNoOverlap(fn, "saved", "w", saved, w)
	checkNoOverlap(fn, "saved", "g", saved, g)
	checkNoOverlap(fn, "w", "g", w, g)
	return g, saved
}

// checkRestore checks the restore kernels' vectors: every one at least
// len(w), and no two sharing memory (w, m and v are written).
func checkRestore[T float32 | float64](fn string, w, saved, g, m, v []T) ([]T, []T, []T) {
	n := len(w)
	// Fixed-size arrays, not slices built by append: the check runs on
	// every optimizer step and must not allocate.
	names := [5]string{"w", "saved", "g", "m", "v"}
	all := [5][]T{w, saved, g, m, v}
	cnt := 5
	if v == nil {
		cnt = 4
	}
	for k := 1; k < cnt; k++ {
		if len(all[k]) < n {
			panicVec(fn, names[k], len(all[k]), n)
		}
		all[k] = all[k][:n]
	}
	for a := 0; a < cnt; a++ {
		for b := a + 1; b < cnt; b++ {
			checkNoOverlap(fn, names[a], names[b], all[a], all[b])
		}
	}
	return all[1], all[2], all[3]
}

// panicVec reports a vector shorter than w.
//
//go:noinline
func panicVec(fn, name string, got, n int) {
	panic("kernels." + fn + ": len(" + name + ") = " + strconv.Itoa(got) + " is shorter than len(w) = " + strconv.Itoa(n))
}
