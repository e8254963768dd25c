package kernels

import (
	"strconv"
	"unsafe"
)

// The fused kernels of the SAM variants: the perturbation and update passes
// of fused.go extended so that a variant's extra vector work (keeping the
// first gradient, zeroing the trainer's gradient buffers, clipping,
// combining two gradients, the moving average of F-SAM, the reductions of
// GSAM, LookSAM, MSAM and F-SAM) happens inside passes the step makes
// anyway. Rounding follows fused.go: each kernel is a fixed sequence of
// operations per element, fma(a, b, c) rounded once on the SIMD levels and
// as a rounded product plus a rounded sum on Generic.
//
// The sums they return accumulate in float64 and, like every reduction,
// reorder their terms: each is within γ_{n+8}·Σ|terms| of the exact sum of
// the terms the kernel writes or reads (float32 terms are squared exactly
// in float64). The order is fixed per level and length; for vectors of
// streamMin bytes or more on AVX2 and AVX-512, where the written vector is
// stored with non-temporal stores after an aligning head, it may also
// depend on that vector's address modulo 64 bytes.
//
// Vectors: every one needs len(w) elements (len(g) for DiffSumSq, len(x)
// for DotPairWide32, len(dst) for CombineSumSq); longer ones are cut,
// shorter ones panic, naming both lengths. Optional vectors may be nil.
// Vectors a kernel writes must not share memory with any other, except
// where a kernel says otherwise.

// The flags of the private kernels (the assembly tests the same bits, in
// variants_*.s).
const (
	flZeroG  = 1 << iota // set g[i] = 0
	flZeroG2             // set g2[i] = 0
	flG2                 // g2 given: d = fma(b, g2, d)
	flC                  // g2 given and c ≠ 0: w = fma(c, g2 − g, w)
	flKeep               // Perturb, ASAMPerturb: keep[i] = g[i]
	flNT2                // with nt, also stream keep (Perturb) or next (FSAMPerturb)
)

// Perturb saves the weights and perturbs them, in one pass, with the
// variants' extras:
//
//	saved[i] = w[i]
//	keep[i]  = g[i]                 (if keep != nil)
//	w[i]     = fma(s, g[i], w[i])
//	g[i]     = 0                    (if zeroG)
//
// With keep == nil and zeroG false it is PerturbSave, bit for bit. keep
// holds the gradient at w for a Descend that needs it (GSAM, WSAM,
// LookSAM); zeroG clears a trainer's accumulating gradient buffer once it
// has been read. w, g, saved and keep must not overlap.
func Perturb(w, g, saved, keep []float64, s float64, zeroG bool) {
	active.Perturb(w, g, saved, keep, s, zeroG)
}

// Perturb32 is Perturb for float32.
func Perturb32(w, g, saved, keep []float32, s float32, zeroG bool) {
	active.Perturb32(w, g, saved, keep, s, zeroG)
}

// ASAMPerturb is ASAMPerturbSave with Perturb's extras:
//
//	saved[i] = w[i]
//	keep[i]  = g[i]                 (if keep != nil)
//	t        = |w[i]| + eta
//	w[i]     = fma(s, (t·t)·g[i], w[i])
//	g[i]     = 0                    (if zeroG)
//
// With keep == nil and zeroG false it is ASAMPerturbSave, bit for bit.
func ASAMPerturb(w, g, saved, keep []float64, eta, s float64, zeroG bool) {
	active.ASAMPerturb(w, g, saved, keep, eta, s, zeroG)
}

// ASAMPerturb32 is ASAMPerturb for float32.
func ASAMPerturb32(w, g, saved, keep []float32, eta, s float32, zeroG bool) {
	active.ASAMPerturb32(w, g, saved, keep, eta, s, zeroG)
}

// SGDStep is SGDRestore with the update direction formed in the same pass
// from one or two gradients, an optional term added after the base step,
// the gradient buffers zeroed, and the new momentum's squared norm
// returned:
//
//	d  = a·g[i]                         (a = 1 gives g exactly)
//	d  = fma(b, g2[i], d)               (if g2 != nil)
//	gg = fma(l2, saved[i], d)
//	m  = fma(momentum, m[i], gg)
//	u  = fma(momentum, m, gg) if nesterov, else fma(1, m, 0·gg)
//	w  = fma(−lr, u, keep·saved[i])     (keep = 1 − lr·decoupled)
//	w  = fma(c, g2[i] − g[i], w)        (if g2 != nil and c ≠ 0; the difference rounded once)
//	g[i] = 0 (if zeroG), g2[i] = 0 (if zeroG2)
//
// and it returns Σ m², accumulated in float64. SGDStep(w, saved, g, nil,
// 1, 0, 0, m, lr, momentum, l2, decoupled, nesterov, false, false) gives
// SGDRestore's bits. The uses: a = the clipping factor (SAM); a = 1 + α·c,
// b = −α with g the perturbed and g2 the first gradient (GSAM, clipped by
// scaling both); the coupled WSAM combination; decoupled WSAM with g = g0,
// b = 0, g2 = g̃ and c = −lr·γ/(1−γ); LookSAM's reuse direction g + f·g_v;
// Momentum-SAM, which perturbs along the returned momentum's norm next.
//
// saved may be w itself, for a step from the current weights without a
// saved copy; otherwise w, saved, g, g2 and m must not overlap.
func SGDStep(w, saved, g, g2 []float64, a, b, c float64, m []float64, lr, momentum, l2, decoupled float64,
	nesterov, zeroG, zeroG2 bool) (mSumSq float64) {
	return active.SGDStep(w, saved, g, g2, a, b, c, m, lr, momentum, l2, decoupled, nesterov, zeroG, zeroG2)
}

// SGDStep32 is SGDStep for float32: the coefficients are rounded to float32
// (keep after it is formed in float64; the last term applies when c
// rounded is not 0), the sum of squares accumulates the float32 momentum
// in float64.
func SGDStep32(w, saved, g, g2 []float32, a, b, c float64, m []float32, lr, momentum, l2, decoupled float64,
	nesterov, zeroG, zeroG2 bool) (mSumSq float64) {
	return active.SGDStep32(w, saved, g, g2, a, b, c, m, lr, momentum, l2, decoupled, nesterov, zeroG, zeroG2)
}

// AdamWStep is AdamWRestore with SGDStep's direction, last term, zeroing
// and sum:
//
//	d   = a·g[i], then fma(b, g2[i], d) if g2 != nil
//	m   = fma(β1, m[i], (1−β1)·d)
//	v   = fma(β2, v[i], ((1−β2)·d)·d)
//	den = fma(sqrt(v), 1/sqrt(1−β2^t), eps)
//	w   = fma(−lr/(1−β1^t), m/den, keep·saved[i])   (keep = 1 − lr·decay)
//	w   = fma(c, g2[i] − g[i], w)                    (if g2 != nil and c ≠ 0)
//	g[i] = 0 (if zeroG), g2[i] = 0 (if zeroG2)
//
// returning Σ m² in float64. With a = 1, g2 == nil and no zeroing it gives
// AdamWRestore's bits. saved may be w itself; otherwise w, saved, g, g2, m
// and v must not overlap. It panics if t < 1.
func AdamWStep(w, saved, g, g2 []float64, a, b, c float64, m, v []float64, lr, beta1, beta2, eps, decay float64, t int,
	zeroG, zeroG2 bool) (mSumSq float64) {
	return active.AdamWStep(w, saved, g, g2, a, b, c, m, v, lr, beta1, beta2, eps, decay, t, zeroG, zeroG2)
}

// AdamWStep32 is AdamWStep for float32 (scalars formed in float64, then
// rounded to float32; the sum in float64).
func AdamWStep32(w, saved, g, g2 []float32, a, b, c float64, m, v []float32, lr, beta1, beta2, eps, decay float64, t int,
	zeroG, zeroG2 bool) (mSumSq float64) {
	return active.AdamWStep32(w, saved, g, g2, a, b, c, m, v, lr, beta1, beta2, eps, decay, t, zeroG, zeroG2)
}

// DotPairWide32 returns x·a and x·b in one pass over x, like DotPair32 but
// with each product exact in float64 and the sums accumulated in float64,
// accurate like SumSqWide32: GSAM's g0·g_p and ‖g_p‖² (DotPairWide32(g_p,
// g0, g_p)), whose float32 sums would lose the projection. a and b need
// len(x) elements; all three are only read and may overlap freely.
func DotPairWide32(x, a, b []float32) (xa, xb float64) { return active.DotPairWide32(x, a, b) }

// DiffSumSq returns Σ d² with d = fma(−sigma, m[i], g[i]) rounded to T,
// accumulated in float64: F-SAM's squared norm of g − σ·m, in the pass
// before FSAMPerturb. g and m are only read.
func DiffSumSq(g, m []float64, sigma float64) float64 { return active.DiffSumSq(g, m, sigma) }

// DiffSumSq32 is DiffSumSq for float32: d is rounded to float32 and squared
// exactly in float64.
func DiffSumSq32(g, m []float32, sigma float32) float64 { return active.DiffSumSq32(g, m, sigma) }

// FSAMPerturb is F-SAM's ascent pass: it saves the weights, perturbs them
// along d = g − σ·m and writes the next moving average, in one pass:
//
//	saved[i] = w[i]
//	d        = fma(−sigma, m[i], g[i])
//	w[i]     = fma(s, d, w[i])
//	next[i]  = fma(lambda, m[i], (1−lambda)·g[i])   (1−lambda rounded to T)
//	g[i]     = 0                                     (if zeroG)
//
// With s = ρ/‖d‖ (from DiffSumSq) it is F-SAM's step; next is a second
// buffer for the average, so that a step that fails later leaves m as it
// was. w, g, m, saved and next must not overlap.
func FSAMPerturb(w, g, m, saved, next []float64, s, sigma, lambda float64, zeroG bool) {
	active.FSAMPerturb(w, g, m, saved, next, s, sigma, lambda, zeroG)
}

// FSAMPerturb32 is FSAMPerturb for float32.
func FSAMPerturb32(w, g, m, saved, next []float32, s, sigma, lambda float32, zeroG bool) {
	active.FSAMPerturb32(w, g, m, saved, next, s, sigma, lambda, zeroG)
}

// CombineSumSq sets dst[i] = fma(b, y[i], a·x[i]) (a·x rounded) and
// returns Σ dst² accumulated in float64: LookSAM's g_v = g_s − c·g0 with
// the squared norm it keeps. dst may be x or y itself; otherwise the three
// must not overlap (x and y, only read, may).
func CombineSumSq(dst, x, y []float64, a, b float64) float64 {
	return active.CombineSumSq(dst, x, y, a, b)
}

// CombineSumSq32 is CombineSumSq for float32 (Σ dst² of the float32 results,
// in float64).
func CombineSumSq32(dst, x, y []float32, a, b float32) float64 {
	return active.CombineSumSq32(dst, x, y, a, b)
}

// Perturb is the package-level Perturb on level l.
func (l Level) Perturb(w, g, saved, keep []float64, s float64, zeroG bool) {
	g, saved, keep = checkPerturb("Perturb", w, g, saved, keep)
	flags, nt := perturbFlags(saved, keep, zeroG)
	fusedChunks(len(w), func(i, j int) {
		l.perturb(w[i:j], g[i:j], saved[i:j], part(keep, i, j), s, flags, nt)
	})
}

// Perturb32 is the package-level Perturb32 on level l.
func (l Level) Perturb32(w, g, saved, keep []float32, s float32, zeroG bool) {
	g, saved, keep = checkPerturb("Perturb32", w, g, saved, keep)
	flags, nt := perturbFlags(saved, keep, zeroG)
	fusedChunks(len(w), func(i, j int) {
		l.perturb32(w[i:j], g[i:j], saved[i:j], part(keep, i, j), s, flags, nt)
	})
}

// ASAMPerturb is the package-level ASAMPerturb on level l.
func (l Level) ASAMPerturb(w, g, saved, keep []float64, eta, s float64, zeroG bool) {
	g, saved, keep = checkPerturb("ASAMPerturb", w, g, saved, keep)
	flags, nt := perturbFlags(saved, keep, zeroG)
	fusedChunks(len(w), func(i, j int) {
		l.asamPerturb(w[i:j], g[i:j], saved[i:j], part(keep, i, j), eta, s, flags, nt)
	})
}

// ASAMPerturb32 is the package-level ASAMPerturb32 on level l.
func (l Level) ASAMPerturb32(w, g, saved, keep []float32, eta, s float32, zeroG bool) {
	g, saved, keep = checkPerturb("ASAMPerturb32", w, g, saved, keep)
	flags, nt := perturbFlags(saved, keep, zeroG)
	fusedChunks(len(w), func(i, j int) {
		l.asamPerturb32(w[i:j], g[i:j], saved[i:j], part(keep, i, j), eta, s, flags, nt)
	})
}

// SGDStep is the package-level SGDStep on level l.
func (l Level) SGDStep(w, saved, g, g2 []float64, a, b, c float64, m []float64, lr, momentum, l2, decoupled float64,
	nesterov, zeroG, zeroG2 bool) float64 {
	saved, g, g2, m, _ = checkStep("SGDStep", w, saved, g, g2, m, nil, false)
	cm, cg, keep := sgdCoef(lr, momentum, decoupled, nesterov)
	flags, nt := stepFlags(w, saved, g2, c, zeroG, zeroG2)
	var sum float64
	fusedChunks(len(w), func(i, j int) {
		sum += l.sgdStep(w[i:j], saved[i:j], g[i:j], part(g2, i, j), m[i:j], a, b, c,
			-lr, momentum, l2, cm, cg, keep, flags, nt)
	})
	return sum
}

// SGDStep32 is the package-level SGDStep32 on level l.
func (l Level) SGDStep32(w, saved, g, g2 []float32, a, b, c float64, m []float32, lr, momentum, l2, decoupled float64,
	nesterov, zeroG, zeroG2 bool) float64 {
	saved, g, g2, m, _ = checkStep("SGDStep32", w, saved, g, g2, m, nil, false)
	cm, cg, keep := sgdCoef(lr, momentum, decoupled, nesterov)
	flags, nt := stepFlags(w, saved, g2, float64(float32(c)), zeroG, zeroG2) // c as the kernel sees it
	var sum float64
	fusedChunks(len(w), func(i, j int) {
		sum += l.sgdStep32(w[i:j], saved[i:j], g[i:j], part(g2, i, j), m[i:j], float32(a), float32(b), float32(c),
			float32(-lr), float32(momentum), float32(l2), float32(cm), float32(cg), float32(keep), flags, nt)
	})
	return sum
}

// AdamWStep is the package-level AdamWStep on level l.
func (l Level) AdamWStep(w, saved, g, g2 []float64, a, b, c float64, m, v []float64, lr, beta1, beta2, eps, decay float64, t int,
	zeroG, zeroG2 bool) float64 {
	saved, g, g2, m, v = checkStep("AdamWStep", w, saved, g, g2, m, v, true)
	step, rc2, keep := adamCoef("AdamWStep", lr, beta1, beta2, decay, t)
	flags, nt := stepFlags(w, saved, g2, c, zeroG, zeroG2)
	var sum float64
	fusedChunks(len(w), func(i, j int) {
		sum += l.adamWStep(w[i:j], saved[i:j], g[i:j], part(g2, i, j), m[i:j], v[i:j], a, b, c,
			beta1, 1-beta1, beta2, 1-beta2, rc2, eps, step, keep, flags, nt)
	})
	return sum
}

// AdamWStep32 is the package-level AdamWStep32 on level l.
func (l Level) AdamWStep32(w, saved, g, g2 []float32, a, b, c float64, m, v []float32, lr, beta1, beta2, eps, decay float64, t int,
	zeroG, zeroG2 bool) float64 {
	saved, g, g2, m, v = checkStep("AdamWStep32", w, saved, g, g2, m, v, true)
	step, rc2, keep := adamCoef("AdamWStep32", lr, beta1, beta2, decay, t)
	flags, nt := stepFlags(w, saved, g2, float64(float32(c)), zeroG, zeroG2) // c as the kernel sees it
	var sum float64
	fusedChunks(len(w), func(i, j int) {
		sum += l.adamWStep32(w[i:j], saved[i:j], g[i:j], part(g2, i, j), m[i:j], v[i:j], float32(a), float32(b), float32(c),
			float32(beta1), float32(1-beta1), float32(beta2), float32(1-beta2), float32(rc2), float32(eps),
			float32(step), float32(keep), flags, nt)
	})
	return sum
}

// DotPairWide32 is the package-level DotPairWide32 on level l.
func (l Level) DotPairWide32(x, a, b []float32) (xa, xb float64) {
	n := len(x)
	if len(a) < n {
		panicShort("DotPairWide32", "a", len(a), n)
	}
	if len(b) < n {
		panicShort("DotPairWide32", "b", len(b), n)
	}
	fusedChunks(n, func(i, j int) {
		pa, pb := l.dotPairWide32(x[i:j], a[i:j], b[i:j])
		xa += pa
		xb += pb
	})
	return xa, xb
}

// DiffSumSq is the package-level DiffSumSq on level l.
func (l Level) DiffSumSq(g, m []float64, sigma float64) float64 {
	m = checkDiff("DiffSumSq", g, m)
	var s float64
	fusedChunks(len(g), func(i, j int) { s += l.diffSumSq(g[i:j], m[i:j], -sigma) })
	return s
}

// DiffSumSq32 is the package-level DiffSumSq32 on level l.
func (l Level) DiffSumSq32(g, m []float32, sigma float32) float64 {
	m = checkDiff("DiffSumSq32", g, m)
	var s float64
	fusedChunks(len(g), func(i, j int) { s += l.diffSumSq32(g[i:j], m[i:j], -sigma) })
	return s
}

// FSAMPerturb is the package-level FSAMPerturb on level l.
func (l Level) FSAMPerturb(w, g, m, saved, next []float64, s, sigma, lambda float64, zeroG bool) {
	g, m, saved, next = checkFSAM("FSAMPerturb", w, g, m, saved, next)
	flags, nt := fsamFlags(saved, next, zeroG)
	fusedChunks(len(w), func(i, j int) {
		l.fsamPerturb(w[i:j], g[i:j], m[i:j], saved[i:j], next[i:j], s, -sigma, lambda, 1-lambda, flags, nt)
	})
}

// FSAMPerturb32 is the package-level FSAMPerturb32 on level l.
func (l Level) FSAMPerturb32(w, g, m, saved, next []float32, s, sigma, lambda float32, zeroG bool) {
	g, m, saved, next = checkFSAM("FSAMPerturb32", w, g, m, saved, next)
	flags, nt := fsamFlags(saved, next, zeroG)
	fusedChunks(len(w), func(i, j int) {
		l.fsamPerturb32(w[i:j], g[i:j], m[i:j], saved[i:j], next[i:j], s, -sigma, lambda, 1-lambda, flags, nt)
	})
}

// CombineSumSq is the package-level CombineSumSq on level l.
func (l Level) CombineSumSq(dst, x, y []float64, a, b float64) float64 {
	x, y = checkCombine("CombineSumSq", dst, x, y)
	var s float64
	fusedChunks(len(dst), func(i, j int) { s += l.combineSumSq(dst[i:j], x[i:j], y[i:j], a, b) })
	return s
}

// CombineSumSq32 is the package-level CombineSumSq32 on level l.
func (l Level) CombineSumSq32(dst, x, y []float32, a, b float32) float64 {
	x, y = checkCombine("CombineSumSq32", dst, x, y)
	var s float64
	fusedChunks(len(dst), func(i, j int) { s += l.combineSumSq32(dst[i:j], x[i:j], y[i:j], a, b) })
	return s
}

// part returns x[i:j], or nil for an absent optional vector.
func part[T any](x []T, i, j int) []T {
	if x == nil {
		return nil
	}
	return x[i:j]
}

// addr returns the address of x's first element.
func addr[T float32 | float64](x []T) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(x))) }

// perturbFlags returns Perturb's flags and whether to stream saved (and
// keep too, when it has saved's alignment: one aligning head serves both).
func perturbFlags[T float32 | float64](saved, keep []T, zeroG bool) (int, bool) {
	flags := 0
	if zeroG {
		flags |= flZeroG
	}
	nt := streaming(saved)
	if keep != nil {
		flags |= flKeep
		if nt && (addr(keep)-addr(saved))%64 == 0 {
			flags |= flNT2
		}
	}
	return flags, nt
}

// fsamFlags is perturbFlags for FSAMPerturb's saved and next.
func fsamFlags[T float32 | float64](saved, next []T, zeroG bool) (int, bool) {
	flags := 0
	if zeroG {
		flags |= flZeroG
	}
	nt := streaming(saved)
	if nt && (addr(next)-addr(saved))%64 == 0 {
		flags |= flNT2
	}
	return flags, nt
}

// stepFlags returns the flags of SGDStep and AdamWStep and whether w is
// streamed: only when it is not also saved (then it is read in the same
// pass and in cache, where a plain store costs no extra read).
func stepFlags[T float32 | float64](w, saved, g2 []T, c float64, zeroG, zeroG2 bool) (int, bool) {
	flags := 0
	if zeroG {
		flags |= flZeroG
	}
	if g2 != nil {
		flags |= flG2
		if zeroG2 {
			flags |= flZeroG2
		}
		if c != 0 {
			flags |= flC
		}
	}
	return flags, streaming(w) && !same(w, saved)
}

// same reports whether a and b are the very same slice.
func same[T float32 | float64](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || addr(a) == addr(b))
}

// checkPerturb checks Perturb's vectors: g and saved at least len(w), keep
// nil or at least len(w), and no two of w, g, saved, keep sharing memory
// (all but g are written, and g too with zeroG).
func checkPerturb[T float32 | float64](fn string, w, g, saved, keep []T) ([]T, []T, []T) {
	names := [6]string{"w", "g", "saved", "keep"}
	all := [4][]T{w, g, saved, keep}
	checkVecs(fn, &names, all[:], 1<<3, false)
	return all[1], all[2], all[3]
}

// checkStep checks SGDStep's and AdamWStep's vectors: each at least len(w)
// (g2 may be nil; SGDStep has no v), and no two sharing memory except
// saved == w.
func checkStep[T float32 | float64](fn string, w, saved, g, g2, m, v []T, adam bool) ([]T, []T, []T, []T, []T) {
	names := [6]string{"w", "saved", "g", "g2", "m", "v"}
	all := [6][]T{w, saved, g, g2, m, v}
	n := 5
	if adam {
		n = 6
	}
	checkVecs(fn, &names, all[:n], 1<<3, true)
	return all[1], all[2], all[3], all[4], all[5]
}

// checkFSAM checks FSAMPerturb's vectors.
func checkFSAM[T float32 | float64](fn string, w, g, m, saved, next []T) ([]T, []T, []T, []T) {
	names := [6]string{"w", "g", "m", "saved", "next"}
	all := [5][]T{w, g, m, saved, next}
	checkVecs(fn, &names, all[:], 0, false)
	return all[1], all[2], all[3], all[4]
}

// checkDiff checks DiffSumSq's m against g (both are only read).
func checkDiff[T float32 | float64](fn string, g, m []T) []T {
	if len(m) < len(g) {
		panicLen(fn, "m", "g", len(m), len(g))
	}
	return m[:len(g)]
}

// checkCombine checks CombineSumSq's x and y against dst: long enough, and
// each either dst itself or disjoint from it.
func checkCombine[T float32 | float64](fn string, dst, x, y []T) ([]T, []T) {
	n := len(dst)
	if len(x) < n {
		panicLen(fn, "x", "dst", len(x), n)
	}
	if len(y) < n {
		panicLen(fn, "y", "dst", len(y), n)
	}
	x, y = x[:n], y[:n]
	if !same(dst, x) {
		checkNoOverlap(fn, "dst", "x", dst, x)
	}
	if !same(dst, y) {
		checkNoOverlap(fn, "dst", "y", dst, y)
	}
	return x, y
}

// checkVecs checks all[1:] against len(all[0]): each long enough (or nil,
// if its bit is in optional) and cut to it in place, and no two sharing
// memory, except all[1] == all[0] when sameOK (a step without a saved
// copy). names has an entry per vector; it is a pointer to an array
// so that the check, run on every optimizer step, allocates nothing.
func checkVecs[T float32 | float64](fn string, names *[6]string, all [][]T, optional uint, sameOK bool) {
	nm := names[:]
	n := len(all[0])
	for k := 1; k < len(all); k++ {
		if all[k] == nil && optional&(1<<k) != 0 {
			continue
		}
		if len(all[k]) < n {
			panicVec(fn, nm[k], len(all[k]), n)
		}
		all[k] = all[k][:n]
	}
	for a := 0; a < len(all); a++ {
		for b := a + 1; b < len(all); b++ {
			if sameOK && a == 0 && b == 1 && same(all[0], all[1]) {
				continue
			}
			checkNoOverlap(fn, nm[a], nm[b], all[a], all[b])
		}
	}
}

// panicLen reports a vector shorter than the one that sets the length.
//
//go:noinline
func panicLen(fn, name, ref string, got, n int) {
	panic("kernels." + fn + ": len(" + name + ") = " + strconv.Itoa(got) + " is shorter than len(" + ref + ") = " + strconv.Itoa(n))
}
