package sam

import (
	"github.com/samkern/samkern/kernels"
)

// vecOps is the kernels the optimizer needs, for one parameter type; the
// float32 ones take float64 scalars and round them once.
type vecOps[T Float] interface {
	sumSq(g []T) float64 // in float64; float32 squares cannot overflow it
	asamSumSq(w, g []T, eta float64) float64
	perturbSave(w, g, saved []T, s float64)
	asamPerturbSave(w, g, saved []T, eta, s float64)
	sgd(w, saved, g, m []T, lr, mu, l2, dec float64, nesterov bool)
	adamW(w, saved, g, m, v []T, lr, b1, b2, eps, dec float64, t int)
	axpy(alpha float64, x, y []T)
	scale(alpha float64, x []T)
	dot(x, y []T) float64
}

type ops64 struct{}

func (ops64) sumSq(g []float64) float64 { return kernels.SumSq(g) }
func (ops64) asamSumSq(w, g []float64, eta float64) float64 {
	return kernels.ASAMSumSq(w, g, eta)
}
func (ops64) perturbSave(w, g, saved []float64, s float64) { kernels.PerturbSave(w, g, saved, s) }
func (ops64) asamPerturbSave(w, g, saved []float64, eta, s float64) {
	kernels.ASAMPerturbSave(w, g, saved, eta, s)
}
func (ops64) sgd(w, saved, g, m []float64, lr, mu, l2, dec float64, nesterov bool) {
	kernels.SGDRestore(w, saved, g, m, lr, mu, l2, dec, nesterov)
}
func (ops64) adamW(w, saved, g, m, v []float64, lr, b1, b2, eps, dec float64, t int) {
	kernels.AdamWRestore(w, saved, g, m, v, lr, b1, b2, eps, dec, t)
}
func (ops64) axpy(alpha float64, x, y []float64) { kernels.Axpy(alpha, x, y) }
func (ops64) scale(alpha float64, x []float64)   { kernels.Scale(alpha, x) }
func (ops64) dot(x, y []float64) float64         { return kernels.Dot(x, y) }

type ops32 struct{}

func (ops32) sumSq(g []float32) float64 { return kernels.SumSqWide32(g) }
func (ops32) asamSumSq(w, g []float32, eta float64) float64 {
	return kernels.ASAMSumSq32(w, g, float32(eta))
}
func (ops32) perturbSave(w, g, saved []float32, s float64) {
	kernels.PerturbSave32(w, g, saved, float32(s))
}
func (ops32) asamPerturbSave(w, g, saved []float32, eta, s float64) {
	kernels.ASAMPerturbSave32(w, g, saved, float32(eta), float32(s))
}
func (ops32) sgd(w, saved, g, m []float32, lr, mu, l2, dec float64, nesterov bool) {
	kernels.SGDRestore32(w, saved, g, m, lr, mu, l2, dec, nesterov)
}
func (ops32) adamW(w, saved, g, m, v []float32, lr, b1, b2, eps, dec float64, t int) {
	kernels.AdamWRestore32(w, saved, g, m, v, lr, b1, b2, eps, dec, t)
}
func (ops32) axpy(alpha float64, x, y []float32) { kernels.Axpy32(float32(alpha), x, y) }
func (ops32) scale(alpha float64, x []float32)   { kernels.Scale32(float32(alpha), x) }

// dot accumulates float32 products in float64: the AscentGD projection
// divides by ‖g‖², and a float32 sum would lose what it measures.
func (ops32) dot(x, y []float32) float64 {
	var s float64
	for i, v := range x {
		s += float64(v) * float64(y[i])
	}
	return s
}

// opsFor returns the kernels for T.
func opsFor[T Float]() vecOps[T] {
	var z T
	switch any(z).(type) {
	case float32:
		return any(ops32{}).(vecOps[T])
	default:
		return any(ops64{}).(vecOps[T])
	}
}
