package fuzz

import (
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
