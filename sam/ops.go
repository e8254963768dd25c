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

type ops32 struct{ l kernels.Level }

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
func (ops32) dot(x, y []float32) float64 {
	var s float64
	for i, v := range x {
		s += float64(v) * float64(y[i])
	}
	return s
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
