package fuzz

import (
	"math"
	"testing"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// The fused optimizer kernels: element-wise sequences of documented fmas,
// so every output must have the reference's bits (NaN payloads aside) on
// every level, whatever the bytes; ASAMSumSq is a reduction, checked like
// Dot against the exact sum of its per-element terms.

// splitN decodes data into k vectors of equal length.
func splitN[T ref.Float](data []byte, off uint8, k int) [][]T {
	v := decode[T](data, off)
	n := len(v) / k
	out := make([][]T, k)
	for i := range out {
		out[i] = v[i*n : (i+1)*n : (i+1)*n]
	}
	return out
}

func cloneAll[T any](vs [][]T) [][]T {
	out := make([][]T, len(vs))
	for i, v := range vs {
		out[i] = append(make([]T, 0, len(v)), v...)
	}
	return out
}

func sameAll[T ref.Float](t *testing.T, what string, got, want [][]T) {
	t.Helper()
	for k := range want {
		for i := range want[k] {
			g, w := float64(got[k][i]), float64(want[k][i])
			if math.IsNaN(g) && math.IsNaN(w) {
				continue
			}
			if g != w || math.Signbit(g) != math.Signbit(w) {
				t.Fatalf("%s: vector %d element %d = %v, want %v", what, k, i, got[k][i], want[k][i])
			}
		}
	}
}

func fuzzPerturb[T ref.Float](f *testing.F, run func(l kernels.Level, w, g, s []T, eta, sc float64), want func(w, g, s []T, eta, sc float64, fused bool)) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, eta, s float64) {
		vs := splitN[T](data, off, 3)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			run(l, got[0], got[1], got[2], eta, s)
			want(exp[0], exp[1], exp[2], eta, s, l.Fused())
			sameAll(t, l.String(), got, exp)
		}
	})
}

func FuzzPerturbSave(f *testing.F) {
	fuzzPerturb(f, func(l kernels.Level, w, g, s []float64, _, sc float64) { l.PerturbSave(w, g, s, sc) },
		func(w, g, s []float64, _, sc float64, fu bool) { ref.PerturbSave(w, g, s, sc, fu) })
}

func FuzzPerturbSave32(f *testing.F) {
	fuzzPerturb(f, func(l kernels.Level, w, g, s []float32, _, sc float64) { l.PerturbSave32(w, g, s, float32(sc)) },
		func(w, g, s []float32, _, sc float64, fu bool) { ref.PerturbSave(w, g, s, float32(sc), fu) })
}

func FuzzASAMPerturbSave(f *testing.F) {
	fuzzPerturb(f, func(l kernels.Level, w, g, s []float64, eta, sc float64) { l.ASAMPerturbSave(w, g, s, eta, sc) },
		func(w, g, s []float64, eta, sc float64, fu bool) { ref.ASAMPerturbSave(w, g, s, eta, sc, fu) })
}

func FuzzASAMPerturbSave32(f *testing.F) {
	fuzzPerturb(f, func(l kernels.Level, w, g, s []float32, eta, sc float64) {
		l.ASAMPerturbSave32(w, g, s, float32(eta), float32(sc))
	}, func(w, g, s []float32, eta, sc float64, fu bool) {
		ref.ASAMPerturbSave(w, g, s, float32(eta), float32(sc), fu)
	})
}

func fuzzSGD[T ref.Float](f *testing.F, run func(l kernels.Level, w, s, g, m []T, lr, mu, l2, dec float64, nest bool)) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, lr, mu, l2, dec float64, nest bool) {
		vs := splitN[T](data, off, 4)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			run(l, got[0], got[1], got[2], got[3], lr, mu, l2, dec, nest)
			ref.SGDRestore(exp[0], exp[1], exp[2], exp[3], lr, mu, l2, dec, nest, l.Fused())
			sameAll(t, l.String(), got, exp)
		}
	})
}

func FuzzSGDRestore(f *testing.F) { fuzzSGD(f, kernels.Level.SGDRestore) }
func FuzzSGDRestore32(f *testing.F) {
	fuzzSGD(f, kernels.Level.SGDRestore32)
}

func fuzzAdam[T ref.Float](f *testing.F, run func(l kernels.Level, w, s, g, m, v []T, lr, b1, b2, eps, dec float64, t int)) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, lr, b1, b2, eps, dec float64, step uint16) {
		vs := splitN[T](data, off, 5)
		st := int(step%2000) + 1
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			run(l, got[0], got[1], got[2], got[3], got[4], lr, b1, b2, eps, dec, st)
			ref.AdamWRestore(exp[0], exp[1], exp[2], exp[3], exp[4], lr, b1, b2, eps, dec, st, l.Fused())
			sameAll(t, l.String(), got, exp)
		}
	})
}

func FuzzAdamWRestore(f *testing.F)   { fuzzAdam(f, kernels.Level.AdamWRestore) }
func FuzzAdamWRestore32(f *testing.F) { fuzzAdam(f, kernels.Level.AdamWRestore32) }

func fuzzASAMSumSq[T ref.Float](f *testing.F, run func(l kernels.Level, w, g []T, eta T) float64) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, eta float64) {
		vs := splitN[T](data, off, 2)
		e := T(eta)
		terms := ref.ASAMTerms(vs[0], vs[1], e)
		for _, l := range kernels.Levels() {
			got := run(l, vs[0], vs[1], e)
			if err := ref.CheckDot(got, terms, terms, len(terms)+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: %v", l, len(terms), err)
			}
		}
	})
}

func FuzzASAMSumSq(f *testing.F)   { fuzzASAMSumSq(f, kernels.Level.ASAMSumSq) }
func FuzzASAMSumSq32(f *testing.F) { fuzzASAMSumSq(f, kernels.Level.ASAMSumSq32) }
