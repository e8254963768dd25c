package bench

import (
	"math"
	"testing"

	"github.com/samkern/samkern/kernels"
)

// The fused optimizer kernels on every level, against the same sequence as
// plain Go loops (impl=loop). Sizes as for Level 1; SetBytes counts the
// vectors each reads and writes: PerturbSave 2+2, SGDRestore 3+2,
// AdamWRestore 4+3, ASAMSumSq 2; of the SAM variants' kernels
// (kernels/variants.go), Perturb with keep and zeroG 2+4, SGDStep with g2,
// c and zeroG 4+3, AdamWStep likewise 5+4, ASAMPerturb with keep and
// zeroG 2+4, DiffSumSq 2, CombineSumSq 2+1, DotPairWide32 3, FSAMPerturb
// with zeroG 3+4. Each reports elem/ns and x-bound, its time over the
// kernel's bound (roofline_test.go). Names:
// BenchmarkPerturbSave/f32/n=16M/impl=avx512.

func fusedLevels(b *testing.B, n, bytes int, c cost, run func(l kernels.Level) func(), loop func()) {
	fusedLevelsRefill(b, n, bytes, c, nil, run, loop)
}

// fusedLevelsRefill is fusedLevels with refill, if not nil, called before
// each call with the timer stopped.
func fusedLevelsRefill(b *testing.B, n, bytes int, c cost, refill func(), run func(l kernels.Level) func(), loop func()) {
	one := func(b *testing.B, f func()) {
		b.SetBytes(int64(bytes))
		for range b.N {
			if refill != nil {
				b.StopTimer()
				refill()
				b.StartTimer()
			}
			f()
		}
		reportElemPerNs(b, n)
		reportBound(b, c, n)
	}
	for _, l := range kernels.Levels() {
		f := run(l)
		b.Run("impl="+l.String(), func(b *testing.B) { one(b, f) })
	}
	b.Run("impl=loop", func(b *testing.B) { one(b, loop) })
}

// fusedLevelsCleared is fusedLevels for a kernel that clears its gradient
// g (ZeroGrads): beyond the caches g is refilled from a random vector
// before each call, untimed, so that every call works on a real gradient.
// Without it every call after the first perturbs by zero and writes zeros,
// and on the Zen 5 VM that ran at 0.70 of the probe of its shape
// (roofline.Mix). In and near the caches g stays cleared: a refill there
// would cost more than the call (StopTimer reads the memory statistics),
// and the bound there does not depend on the data.
func fusedLevelsCleared[T float](b *testing.B, n, bytes int, c cost, g []T, run func(l kernels.Level) func(), loop func()) {
	var refill func()
	if !cacheNear(bytes) {
		src := randVec[T](n, 99)
		refill = func() { copy(g, src) }
	}
	fusedLevelsRefill(b, n, bytes, c, refill, run, loop)
}

func BenchmarkPerturbSave(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, s := randVec[float32](n, 1), randVec[float32](n, 2), zeroVec[float32](n)
			fusedLevels(b, n, 4*n*4, cost{passes: []streams{passPerturb}, elem: 4, fmas: 1}, func(l kernels.Level) func() {
				return func() { l.PerturbSave32(w, g, s, 1e-7) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					w[i] += 1e-7 * gi
				}
			})
		})
	})
	b.Run("f64", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, s := randVec[float64](n, 1), randVec[float64](n, 2), zeroVec[float64](n)
			fusedLevels(b, n, 4*n*8, cost{passes: []streams{passPerturb}, elem: 8, fmas: 1}, func(l kernels.Level) func() {
				return func() { l.PerturbSave(w, g, s, 1e-7) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					w[i] += 1e-7 * gi
				}
			})
		})
	})
}

// BenchmarkPerturb is Perturb with both extras, keep and zeroG (GSAM with
// ZeroGrads): PerturbSave's pass writing two more vectors.
func BenchmarkPerturb(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, s, k := randVec[float32](n, 1), randVec[float32](n, 2), zeroVec[float32](n), zeroVec[float32](n)
			fusedLevelsCleared(b, n, 6*n*4, cost{passes: []streams{passCleared(streams{2, 2, 2})}, elem: 4, fmas: 1}, g, func(l kernels.Level) func() {
				return func() { l.Perturb32(w, g, s, k, 1e-7, true) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					k[i] = gi
					w[i] += 1e-7 * gi
					g[i] = 0
				}
			})
		})
	})
	b.Run("f64", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, s, k := randVec[float64](n, 1), randVec[float64](n, 2), zeroVec[float64](n), zeroVec[float64](n)
			fusedLevelsCleared(b, n, 6*n*8, cost{passes: []streams{passCleared(streams{2, 2, 2})}, elem: 8, fmas: 1}, g, func(l kernels.Level) func() {
				return func() { l.Perturb(w, g, s, k, 1e-7, true) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					k[i] = gi
					w[i] += 1e-7 * gi
					g[i] = 0
				}
			})
		})
	})
}

// BenchmarkASAMPerturb is ASAMPerturb with keep and zeroG.
func BenchmarkASAMPerturb(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, s, k := randVec[float32](n, 1), randVec[float32](n, 2), zeroVec[float32](n), zeroVec[float32](n)
			fusedLevelsCleared(b, n, 6*n*4, cost{passes: []streams{passCleared(streams{2, 2, 2})}, elem: 4, fmas: 3}, g, func(l kernels.Level) func() {
				return func() { l.ASAMPerturb32(w, g, s, k, 0.01, 1e-7, true) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					k[i] = gi
					t := float32(math.Abs(float64(w[i]))) + 0.01
					w[i] += 1e-7 * (t * t * gi)
					g[i] = 0
				}
			})
		})
	})
}

func BenchmarkSGDRestore(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, s, g, m := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2), zeroVec[float32](n)
			// m = fma(μ, m, g); w = fma(−lr, m, saved).
			fusedLevels(b, n, 5*n*4, cost{passes: []streams{passSGDRestore}, elem: 4, fmas: 2}, func(l kernels.Level) func() {
				return func() { l.SGDRestore32(w, s, g, m, 1e-4, 0.9, 0, 0, false) }
			}, func() {
				for i, gi := range g {
					m[i] = 0.9*m[i] + gi
					w[i] = s[i] - 1e-4*m[i]
				}
			})
		})
	})
}

// BenchmarkSGDStep is SGDStep with GSAM-style two gradients, the last term
// and g zeroed, returning Σ m². (g2 is not zeroed: with both gradients 0
// from the second call on, m would decay into subnormals and time those.)
func BenchmarkSGDStep(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, s, g, g2, m := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2), randVec[float32](n, 3), zeroVec[float32](n)
			fusedLevelsCleared(b, n, 7*n*4, cost{passes: []streams{passCleared(streams{4, 2, 1})}, elem: 4, fmas: 6}, g, func(l kernels.Level) func() {
				return func() { sink += l.SGDStep32(w, s, g, g2, 1.1, -0.1, 1e-3, m, 1e-4, 0.9, 0, 0, false, true, false) }
			}, func() {
				var sum float64
				for i, gi := range g {
					d := 1.1*gi - 0.1*g2[i]
					m[i] = 0.9*m[i] + d
					sum += float64(m[i]) * float64(m[i])
					w[i] = s[i] - 1e-4*m[i] + 1e-3*(g2[i]-gi)
					g[i] = 0
				}
				sink += sum
			})
		})
	})
}

func BenchmarkAdamWRestore(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, s, g := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2)
			m, v := zeroVec[float32](n), zeroVec[float32](n)
			// The loop's constants are the kernel's at step 10: the
			// bias corrections 1−β1¹⁰ and √(1−β2¹⁰), and the decoupled
			// decay 1−lr·wd.
			step := float32(1e-4 / (1 - math.Pow(0.9, 10)))
			rc2 := float32(1 / math.Sqrt(1-math.Pow(0.999, 10)))
			// Counted: m's and v's multiply and FMA each, w's two FMAs;
			// the square root and division are not (a lower count is
			// still a bound).
			fusedLevels(b, n, 7*n*4, cost{passes: []streams{passAdamW}, elem: 4, fmas: 6}, func(l kernels.Level) func() {
				return func() { l.AdamWRestore32(w, s, g, m, v, 1e-4, 0.9, 0.999, 1e-8, 0.01, 10) }
			}, func() {
				for i, gi := range g {
					m[i] = 0.9*m[i] + 0.1*gi
					v[i] = 0.999*v[i] + 0.001*gi*gi
					w[i] = s[i]*(1-1e-6) - step*m[i]/(float32(math.Sqrt(float64(v[i])))*rc2+1e-8)
				}
			})
		})
	})
}

// BenchmarkAdamWStep is AdamWStep as BenchmarkSGDStep runs SGDStep.
func BenchmarkAdamWStep(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, s, g, g2 := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2), randVec[float32](n, 3)
			m, v := zeroVec[float32](n), zeroVec[float32](n)
			step := float32(1e-4 / (1 - math.Pow(0.9, 10)))
			rc2 := float32(1 / math.Sqrt(1-math.Pow(0.999, 10)))
			fusedLevelsCleared(b, n, 9*n*4, cost{passes: []streams{passCleared(streams{5, 3, 1})}, elem: 4, fmas: 9}, g, func(l kernels.Level) func() {
				return func() {
					sink += l.AdamWStep32(w, s, g, g2, 1.1, -0.1, 1e-3, m, v, 1e-4, 0.9, 0.999, 1e-8, 0.01, 10, true, false)
				}
			}, func() {
				var sum float64
				for i, gi := range g {
					d := 1.1*gi - 0.1*g2[i]
					m[i] = 0.9*m[i] + 0.1*d
					v[i] = 0.999*v[i] + 0.001*d*d
					sum += float64(m[i]) * float64(m[i])
					w[i] = s[i]*(1-1e-6) - step*m[i]/(float32(math.Sqrt(float64(v[i])))*rc2+1e-8) + 1e-3*(g2[i]-gi)
					g[i] = 0
				}
				sink += sum
			})
		})
	})
}

func BenchmarkASAMSumSq(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g := randVec[float32](n, 1), randVec[float32](n, 2)
			// t = (|w|+eta)·g in float32, t² accumulated in float64 (two
			// float32 lanes' worth).
			fusedLevels(b, n, 2*n*4, cost{passes: []streams{passRead2}, elem: 4, fmas: 3}, func(l kernels.Level) func() {
				return func() { sink += l.ASAMSumSq32(w, g, 0.01) }
			}, func() {
				var s float64
				for i, gi := range g {
					t := float64(float32(math.Abs(float64(w[i])))+0.01) * float64(gi)
					s += t * t
				}
				sink += s
			})
		})
	})
}

func BenchmarkDiffSumSq(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			g, m := randVec[float32](n, 1), randVec[float32](n, 2)
			fusedLevels(b, n, 2*n*4, cost{passes: []streams{passRead2}, elem: 4, fmas: 2}, func(l kernels.Level) func() {
				return func() { sink += l.DiffSumSq32(g, m, 0.9) }
			}, func() {
				var s float64
				for i, gi := range g {
					d := float64(gi - 0.9*m[i])
					s += d * d
				}
				sink += s
			})
		})
	})
}

func BenchmarkCombineSumSq(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			dst, x, y := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2)
			fusedLevels(b, n, 3*n*4, cost{passes: []streams{passAxpyTo}, elem: 4, fmas: 3}, func(l kernels.Level) func() {
				return func() { sink += l.CombineSumSq32(dst, x, y, 1, -0.61) }
			}, func() {
				var s float64
				for i, xi := range x {
					d := xi - 0.61*y[i]
					dst[i] = d
					s += float64(d) * float64(d)
				}
				sink += s
			})
		})
	})
}

func BenchmarkDotPairWide32(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		x, y, z := randVec[float32](n, 1), randVec[float32](n, 2), randVec[float32](n, 3)
		fusedLevels(b, n, 3*n*4, cost{passes: []streams{passRead3}, elem: 4, fmas: 2}, func(l kernels.Level) func() {
			return func() {
				xa, xb := l.DotPairWide32(x, y, z)
				sink += xa + xb
			}
		}, func() {
			var sa, sb float64
			for i, xi := range x {
				sa += float64(xi) * float64(y[i])
				sb += float64(xi) * float64(z[i])
			}
			sink += sa + sb
		})
	})
}

func BenchmarkFSAMPerturb(b *testing.B) {
	b.Run("f32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, m := randVec[float32](n, 1), randVec[float32](n, 2), randVec[float32](n, 3)
			s, next := zeroVec[float32](n), zeroVec[float32](n)
			fusedLevelsCleared(b, n, 7*n*4, cost{passes: []streams{passCleared(streams{3, 2, 2})}, elem: 4, fmas: 4}, g, func(l kernels.Level) func() {
				return func() { l.FSAMPerturb32(w, g, m, s, next, 1e-7, 0.9, 0.85, true) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					w[i] += 1e-7 * (gi - 0.9*m[i])
					next[i] = 0.85*m[i] + 0.15*gi
					g[i] = 0
				}
			})
		})
	})
}

// BenchmarkSAMPasses times the kernels the plain SAM step runs
// (BenchmarkSAMStep, sam.Optimizer with Perturbation SAM and no
// ZeroGrads), with the arguments it passes them: Perturb32 with no keep
// and g kept (PerturbSave's pass), and SGDStep32 and AdamWStep32 with one
// gradient and no extras (SGDRestore's and AdamWRestore's passes, plus
// Σ m²). BenchmarkPerturb, BenchmarkSGDStep and BenchmarkAdamWStep time the
// same kernels with GSAM's extras, a different pass; BenchmarkPerturbSave
// and BenchmarkSGDRestore time kernels the step does not call. With
// BenchmarkSumSqWide (the norm and the finiteness read, one read each) the
// step's passes are all timed. Names:
// BenchmarkSAMPasses/Perturb32/n=16M/impl=avx2.
func BenchmarkSAMPasses(b *testing.B) {
	b.Run("Perturb32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, g, s := randVec[float32](n, 1), randVec[float32](n, 2), zeroVec[float32](n)
			fusedLevels(b, n, 4*n*4, cost{passes: []streams{passPerturb}, elem: 4, fmas: 1}, func(l kernels.Level) func() {
				return func() { l.Perturb32(w, g, s, nil, 1e-7, false) }
			}, func() {
				for i, gi := range g {
					s[i] = w[i]
					w[i] += 1e-7 * gi
				}
			})
		})
	})
	b.Run("SGDStep32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, s, g, m := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2), zeroVec[float32](n)
			// m = fma(μ, m, g); w = fma(−lr, m, saved); Σ m².
			fusedLevels(b, n, 5*n*4, cost{passes: []streams{passSGDRestore}, elem: 4, fmas: 3}, func(l kernels.Level) func() {
				return func() { sink += l.SGDStep32(w, s, g, nil, 1, 0, 0, m, 1e-4, 0.9, 0, 0, false, false, false) }
			}, func() {
				var sum float64
				for i, gi := range g {
					m[i] = 0.9*m[i] + gi
					sum += float64(m[i]) * float64(m[i])
					w[i] = s[i] - 1e-4*m[i]
				}
				sink += sum
			})
		})
	})
	b.Run("AdamWStep32", func(b *testing.B) {
		forSizes(b, func(b *testing.B, n int) {
			w, s, g := zeroVec[float32](n), randVec[float32](n, 1), randVec[float32](n, 2)
			m, v := zeroVec[float32](n), zeroVec[float32](n)
			step := float32(1e-4 / (1 - math.Pow(0.9, 10)))
			rc2 := float32(1 / math.Sqrt(1-math.Pow(0.999, 10)))
			fusedLevels(b, n, 7*n*4, cost{passes: []streams{passAdamW}, elem: 4, fmas: 7}, func(l kernels.Level) func() {
				return func() {
					sink += l.AdamWStep32(w, s, g, nil, 1, 0, 0, m, v, 1e-4, 0.9, 0.999, 1e-8, 0.01, 10, false, false)
				}
			}, func() {
				var sum float64
				for i, gi := range g {
					m[i] = 0.9*m[i] + 0.1*gi
					v[i] = 0.999*v[i] + 0.001*gi*gi
					sum += float64(m[i]) * float64(m[i])
					w[i] = s[i]*(1-1e-6) - step*m[i]/(float32(math.Sqrt(float64(v[i])))*rc2+1e-8)
				}
				sink += sum
			})
		})
	})
}
