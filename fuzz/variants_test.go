package fuzz

import (
	"math"
	"testing"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// The SAM variants' fused kernels (kernels/variants.go), like the fused
// ones: every output must have the reference's bits on every level, with
// each option on and off as the fuzzer chooses.

// fuzzVariantPerturb fuzzes Perturb: w, g, saved and keep from the bytes,
// keep given or nil, g zeroed or not.
func fuzzVariantPerturb[T ref.Float](f *testing.F, run func(l kernels.Level, w, g, s, k []T, sc T, zero bool)) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, s float64, keep, zero bool) {
		vs := splitN[T](data, off, 4)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			gk, ek := got[3], exp[3]
			if !keep {
				gk, ek = nil, nil
			}
			run(l, got[0], got[1], got[2], gk, T(s), zero)
			ref.Perturb(exp[0], exp[1], exp[2], ek, T(s), zero, l.Fused())
			sameAll(t, l.String(), got, exp)
		}
	})
}

func FuzzPerturb(f *testing.F) { fuzzVariantPerturb(f, kernels.Level.Perturb) }

func FuzzPerturb32(f *testing.F) { fuzzVariantPerturb(f, kernels.Level.Perturb32) }

// fuzzSGDStep fuzzes SGDStep: w, saved, g, g2 and m from the bytes, g2
// given or nil, each zeroing on or off; Σ m² is checked like Dot against
// the momentum the reference writes.
func fuzzSGDStep[T ref.Float](f *testing.F, run func(l kernels.Level, w, saved, g, g2 []T, a, b, c float64, m []T,
	lr, mu, l2, dec float64, nest, zg, zg2 bool) float64) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, a, b, c, lr, mu, l2, dec float64, nest, two, zg, zg2 bool) {
		vs := splitN[T](data, off, 5)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			gg2, eg2 := got[3], exp[3]
			if !two {
				gg2, eg2 = nil, nil
			}
			z2 := zg2 && two
			sum := run(l, got[0], got[1], got[2], gg2, a, b, c, got[4], lr, mu, l2, dec, nest, zg, z2)
			ref.SGDStep(exp[0], exp[1], exp[2], eg2, a, b, c, exp[4], lr, mu, l2, dec, nest, zg, z2, l.Fused())
			sameAll(t, l.String(), got, exp)
			if err := ref.CheckDot(sum, exp[4], exp[4], len(exp[4])+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: Σ m²: %v", l, len(exp[4]), err)
			}
		}
	})
}

func FuzzSGDStep(f *testing.F) { fuzzSGDStep(f, kernels.Level.SGDStep) }

func FuzzSGDStep32(f *testing.F) { fuzzSGDStep(f, kernels.Level.SGDStep32) }

// fuzzAdamWStep fuzzes AdamWStep like fuzzSGDStep (v from the bytes too,
// made non-negative, as a second moment is).
func fuzzAdamWStep[T ref.Float](f *testing.F, run func(l kernels.Level, w, saved, g, g2 []T, a, b, c float64, m, v []T,
	lr, b1, b2, eps, dec float64, t int, zg, zg2 bool) float64) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, a, b, c, lr, b1, b2, eps, dec float64, step uint16, two, zg, zg2 bool) {
		vs := splitN[T](data, off, 6)
		for i := range vs[5] {
			vs[5][i] = T(math.Abs(float64(vs[5][i])))
		}
		st := int(step%2000) + 1
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			gg2, eg2 := got[3], exp[3]
			if !two {
				gg2, eg2 = nil, nil
			}
			z2 := zg2 && two
			sum := run(l, got[0], got[1], got[2], gg2, a, b, c, got[4], got[5], lr, b1, b2, eps, dec, st, zg, z2)
			ref.AdamWStep(exp[0], exp[1], exp[2], eg2, a, b, c, exp[4], exp[5], lr, b1, b2, eps, dec, st, zg, z2, l.Fused())
			sameAll(t, l.String(), got, exp)
			if err := ref.CheckDot(sum, exp[4], exp[4], len(exp[4])+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: Σ m²: %v", l, len(exp[4]), err)
			}
		}
	})
}

func FuzzAdamWStep(f *testing.F) { fuzzAdamWStep(f, kernels.Level.AdamWStep) }

func FuzzAdamWStep32(f *testing.F) { fuzzAdamWStep(f, kernels.Level.AdamWStep32) }

// fuzzASAMPerturb fuzzes ASAMPerturb as fuzzVariantPerturb does Perturb.
func fuzzASAMPerturb[T ref.Float](f *testing.F, run func(l kernels.Level, w, g, s, k []T, eta, sc T, zero bool)) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, eta, s float64, keep, zero bool) {
		vs := splitN[T](data, off, 4)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			gk, ek := got[3], exp[3]
			if !keep {
				gk, ek = nil, nil
			}
			run(l, got[0], got[1], got[2], gk, T(eta), T(s), zero)
			ref.ASAMPerturb(exp[0], exp[1], exp[2], ek, T(eta), T(s), zero, l.Fused())
			sameAll(t, l.String(), got, exp)
		}
	})
}

func FuzzASAMPerturb(f *testing.F) { fuzzASAMPerturb(f, kernels.Level.ASAMPerturb) }

func FuzzASAMPerturb32(f *testing.F) { fuzzASAMPerturb(f, kernels.Level.ASAMPerturb32) }

// fuzzDiffSumSq fuzzes DiffSumSq: the sum against the exact Σ of the
// reference's terms.
func fuzzDiffSumSq[T ref.Float](f *testing.F, run func(l kernels.Level, g, m []T, sigma T) float64) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, sigma float64) {
		vs := splitN[T](data, off, 2)
		for _, l := range kernels.Levels() {
			got := run(l, vs[0], vs[1], T(sigma))
			d := ref.DiffTerms(vs[0], vs[1], T(sigma), l.Fused())
			if err := ref.CheckDot(got, d, d, len(d)+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: %v", l, len(d), err)
			}
		}
	})
}

func FuzzDiffSumSq(f *testing.F) { fuzzDiffSumSq(f, kernels.Level.DiffSumSq) }

func FuzzDiffSumSq32(f *testing.F) { fuzzDiffSumSq(f, kernels.Level.DiffSumSq32) }

// fuzzCombineSumSq fuzzes CombineSumSq into a vector of its own, or in
// place into x or y (into: 0, 1, 2).
func fuzzCombineSumSq[T ref.Float](f *testing.F, run func(l kernels.Level, dst, x, y []T, a, b T) float64) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, a, b float64, into uint8) {
		vs := splitN[T](data, off, 3)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			k := []int{0, 1, 2}[into%3]
			sum := run(l, got[k], got[1], got[2], T(a), T(b))
			ref.Combine(exp[k], exp[1], exp[2], T(a), T(b), l.Fused())
			sameAll(t, l.String(), got, exp)
			if err := ref.CheckDot(sum, exp[k], exp[k], len(exp[k])+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: %v", l, len(exp[k]), err)
			}
		}
	})
}

func FuzzCombineSumSq(f *testing.F) { fuzzCombineSumSq(f, kernels.Level.CombineSumSq) }

func FuzzCombineSumSq32(f *testing.F) { fuzzCombineSumSq(f, kernels.Level.CombineSumSq32) }

// FuzzDotPairWide32: both sums against the exact sums of the products.
func FuzzDotPairWide32(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		vs := splitN[float32](data, off, 3)
		for _, l := range kernels.Levels() {
			xa, xb := l.DotPairWide32(vs[0], vs[1], vs[2])
			for k, got := range []float64{xa, xb} {
				if err := ref.CheckDot(got, vs[0], vs[1+k], len(vs[0])+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
					t.Fatalf("%s n=%d sum %d: %v", l, len(vs[0]), k, err)
				}
			}
		}
	})
}

// fuzzFSAMPerturb fuzzes FSAMPerturb: w, g, m, saved and next from the
// bytes, g zeroed or not.
func fuzzFSAMPerturb[T ref.Float](f *testing.F, run func(l kernels.Level, w, g, m, saved, next []T, s, sigma, lambda T, zero bool)) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, s, sigma, lambda float64, zero bool) {
		vs := splitN[T](data, off, 5)
		for _, l := range kernels.Levels() {
			got, exp := cloneAll(vs), cloneAll(vs)
			run(l, got[0], got[1], got[2], got[3], got[4], T(s), T(sigma), T(lambda), zero)
			ref.FSAMPerturb(exp[0], exp[1], exp[2], exp[3], exp[4], T(s), T(sigma), T(lambda), zero, l.Fused())
			sameAll(t, l.String(), got, exp)
		}
	})
}

func FuzzFSAMPerturb(f *testing.F) { fuzzFSAMPerturb(f, kernels.Level.FSAMPerturb) }

func FuzzFSAMPerturb32(f *testing.F) { fuzzFSAMPerturb(f, kernels.Level.FSAMPerturb32) }
