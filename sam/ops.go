package sam

import (
	"math"

	"github.com/samkern/samkern/kernels"
)

// vecOps is the kernels the optimizer needs, for one parameter type, on one
// kernel level; the float32 ones take float64 scalars and round them once.
type vecOps[T Float] interface {
	sumSq(g []T) float64 // in float64; float32 squares cannot overflow it
	norm(g []T) float64  // ‖g‖ without overflow or underflow
	asamSumSq(w, g []T, eta float64) float64
	perturbSave(w, g, saved []T, s float64)
	asamPerturbSave(w, g, saved []T, eta, s float64)
	sgd(w, saved, g, m []T, lr, mu, l2, dec float64, nesterov bool)
	adamW(w, saved, g, m, v []T, lr, b1, b2, eps, dec float64, t int)
	axpy(alpha float64, x, y []T)
	scale(alpha float64, x []T)
	dot(x, y []T) float64 // accumulated in float64

	// The variants' fused passes (kernels/variants.go).
	perturb(w, g, saved, keep []T, s float64, zeroG bool)
	asamPerturb(w, g, saved, keep []T, eta, s float64, zeroG bool)
	sgdStep(w, saved, g, g2 []T, a, b, c float64, m []T, lr, mu, l2, dec float64, nesterov, zeroG, zeroG2 bool) float64
	adamWStep(w, saved, g, g2 []T, a, b, c float64, m, v []T, lr, b1, b2, eps, dec float64, t int, zeroG, zeroG2 bool) float64
	dotSumSq(x, y []T) (xy, xx float64) // x·y and Σx² in one pass, in float64
	diffSumSq(g, m []T, sigma float64) float64
	fsamPerturb(w, g, m, saved, next []T, s, sigma, lambda float64, zeroG bool)
	combineSumSq(dst, x, y []T, a, b float64) float64
}

type ops64 struct{ l kernels.Level }

func (o ops64) sumSq(g []float64) float64 { return o.l.SumSq(g) }
func (o ops64) norm(g []float64) float64  { return o.l.Norm(g) }
func (o ops64) asamSumSq(w, g []float64, eta float64) float64 {
	return o.l.ASAMSumSq(w, g, eta)
}
func (o ops64) perturbSave(w, g, saved []float64, s float64) { o.l.PerturbSave(w, g, saved, s) }
func (o ops64) asamPerturbSave(w, g, saved []float64, eta, s float64) {
	o.l.ASAMPerturbSave(w, g, saved, eta, s)
}
func (o ops64) sgd(w, saved, g, m []float64, lr, mu, l2, dec float64, nesterov bool) {
	o.l.SGDRestore(w, saved, g, m, lr, mu, l2, dec, nesterov)
}
func (o ops64) adamW(w, saved, g, m, v []float64, lr, b1, b2, eps, dec float64, t int) {
	o.l.AdamWRestore(w, saved, g, m, v, lr, b1, b2, eps, dec, t)
}
func (o ops64) axpy(alpha float64, x, y []float64) { o.l.Axpy(alpha, x, y) }
func (o ops64) scale(alpha float64, x []float64)   { o.l.Scale(alpha, x) }
func (o ops64) dot(x, y []float64) float64         { return o.l.Dot(x, y) }

func (o ops64) perturb(w, g, saved, keep []float64, s float64, zeroG bool) {
	o.l.Perturb(w, g, saved, keep, s, zeroG)
}
func (o ops64) asamPerturb(w, g, saved, keep []float64, eta, s float64, zeroG bool) {
	o.l.ASAMPerturb(w, g, saved, keep, eta, s, zeroG)
}
func (o ops64) sgdStep(w, saved, g, g2 []float64, a, b, c float64, m []float64, lr, mu, l2, dec float64, nesterov, zeroG, zeroG2 bool) float64 {
	return o.l.SGDStep(w, saved, g, g2, a, b, c, m, lr, mu, l2, dec, nesterov, zeroG, zeroG2)
}
func (o ops64) adamWStep(w, saved, g, g2 []float64, a, b, c float64, m, v []float64, lr, b1, b2, eps, dec float64, t int, zeroG, zeroG2 bool) float64 {
	return o.l.AdamWStep(w, saved, g, g2, a, b, c, m, v, lr, b1, b2, eps, dec, t, zeroG, zeroG2)
}
func (o ops64) dotSumSq(x, y []float64) (float64, float64) { return o.l.DotPair(x, y, x) }
func (o ops64) diffSumSq(g, m []float64, sigma float64) float64 {
	return o.l.DiffSumSq(g, m, sigma)
}
func (o ops64) fsamPerturb(w, g, m, saved, next []float64, s, sigma, lambda float64, zeroG bool) {
	o.l.FSAMPerturb(w, g, m, saved, next, s, sigma, lambda, zeroG)
}
func (o ops64) combineSumSq(dst, x, y []float64, a, b float64) float64 {
	return o.l.CombineSumSq(dst, x, y, a, b)
}

type ops32 struct{ l kernels.Level }

func (o ops32) perturb(w, g, saved, keep []float32, s float64, zeroG bool) {
	o.l.Perturb32(w, g, saved, keep, float32(s), zeroG)
}
func (o ops32) asamPerturb(w, g, saved, keep []float32, eta, s float64, zeroG bool) {
	o.l.ASAMPerturb32(w, g, saved, keep, float32(eta), float32(s), zeroG)
}
func (o ops32) sgdStep(w, saved, g, g2 []float32, a, b, c float64, m []float32, lr, mu, l2, dec float64, nesterov, zeroG, zeroG2 bool) float64 {
	return o.l.SGDStep32(w, saved, g, g2, a, b, c, m, lr, mu, l2, dec, nesterov, zeroG, zeroG2)
}
func (o ops32) adamWStep(w, saved, g, g2 []float32, a, b, c float64, m, v []float32, lr, b1, b2, eps, dec float64, t int, zeroG, zeroG2 bool) float64 {
	return o.l.AdamWStep32(w, saved, g, g2, a, b, c, m, v, lr, b1, b2, eps, dec, t, zeroG, zeroG2)
}
func (o ops32) dotSumSq(x, y []float32) (float64, float64) { return o.l.DotPairWide32(x, y, x) }
func (o ops32) diffSumSq(g, m []float32, sigma float64) float64 {
	return o.l.DiffSumSq32(g, m, float32(sigma))
}
func (o ops32) fsamPerturb(w, g, m, saved, next []float32, s, sigma, lambda float64, zeroG bool) {
	o.l.FSAMPerturb32(w, g, m, saved, next, float32(s), float32(sigma), float32(lambda), zeroG)
}
func (o ops32) combineSumSq(dst, x, y []float32, a, b float64) float64 {
	return o.l.CombineSumSq32(dst, x, y, float32(a), float32(b))
}

func (o ops32) sumSq(g []float32) float64 { return o.l.SumSqWide32(g) }
func (o ops32) norm(g []float32) float64  { return math.Sqrt(o.l.SumSqWide32(g)) }
func (o ops32) asamSumSq(w, g []float32, eta float64) float64 {
	return o.l.ASAMSumSq32(w, g, float32(eta))
}
func (o ops32) perturbSave(w, g, saved []float32, s float64) {
	o.l.PerturbSave32(w, g, saved, float32(s))
}
func (o ops32) asamPerturbSave(w, g, saved []float32, eta, s float64) {
	o.l.ASAMPerturbSave32(w, g, saved, float32(eta), float32(s))
}
func (o ops32) sgd(w, saved, g, m []float32, lr, mu, l2, dec float64, nesterov bool) {
	o.l.SGDRestore32(w, saved, g, m, lr, mu, l2, dec, nesterov)
}
func (o ops32) adamW(w, saved, g, m, v []float32, lr, b1, b2, eps, dec float64, t int) {
	o.l.AdamWRestore32(w, saved, g, m, v, lr, b1, b2, eps, dec, t)
}
func (o ops32) axpy(alpha float64, x, y []float32) { o.l.Axpy32(float32(alpha), x, y) }
func (o ops32) scale(alpha float64, x []float32)   { o.l.Scale32(float32(alpha), x) }

// dot accumulates float32 products in float64: the AscentGD projection
// divides by ‖g‖², and a float32 sum would lose what it measures.
func (o ops32) dot(x, y []float32) float64 {
	xy, _ := o.l.DotPairWide32(x, y, y)
	return xy
}

// opsFor returns the kernels for T on level l.
func opsFor[T Float](l kernels.Level) vecOps[T] {
	var z T
	switch any(z).(type) {
	case float32:
		return any(ops32{l}).(vecOps[T])
	default:
		return any(ops64{l}).(vecOps[T])
	}
}

// asamSumSqScaled is ASAMSumSq without overflow, for the rare gradient whose
// squared T-weighted norm passes MaxFloat64: it returns ‖T·g‖ itself, from a
// first pass for the largest |T·g| and a second for the scaled sum.
func asamNormScaled[T Float](w, g []T, eta float64) float64 {
	var big float64
	for i := range g {
		big = max(big, math.Abs((math.Abs(float64(w[i]))+eta)*float64(g[i])))
	}
	if big == 0 || math.IsInf(big, 0) || math.IsNaN(big) {
		return big
	}
	var s float64
	for i := range g {
		x := (math.Abs(float64(w[i])) + eta) * float64(g[i]) / big
		s += x * x
	}
	return big * math.Sqrt(s)
}
