package bench

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas/blas32"

	"github.com/samkern/samkern/sam"
)

// BenchmarkSAMStep measures the optimizer's own work in one SAM step on
// float32 parameters: the gradient-norm pass, the save-and-perturb pass and
// the restore-and-update pass (with its check that the second gradient is
// finite); the trainer's two gradients are not computed, the gradient
// buffer is left as it is. Names: BenchmarkSAMStep/sgd/n=16M/impl=samkern.
//
//   - impl=samkern: sam.Optimizer's Ascend and Descend, on the active level;
//   - impl=gonum: the same step composed from gonum blas32 calls (Sdot for
//     the norm, Scopy, Saxpy, Sscal), as a trainer without fused kernels
//     would write it (Snrm2 would be slower still: gonum's is a scaled loop);
//   - impl=loop: the same step as fused plain-Go loops, one per pass.
//
// Each reports x-bound: its time over the step's bound (roofline_test.go):
// the three passes the step must make, each at the time the roofline's
// stream probe takes for the same traffic over vectors of the same size:
// the gradient norm (1 read), perturb-and-save (w, g read; w written back,
// saved written) and restore-and-update (SGD: saved, g, m read; m written
// back, w written; AdamW: saved, g, m, v read; m, v written back, w
// written): 6 reads + 4 writes of the vector, AdamW's 7 + 5. bound-ms is
// that bound. samkern also reads the second gradient once more before it
// touches any state, to promise an untouched state when it is not finite;
// that pass counts against it in x-bound, and x-passbound is its time over
// the bound of its own four passes (that read added): the true byte bound
// of a step that keeps that promise (bench/doc.go). impl=samkern also
// reports x-paired and x-passpaired, the medians over its iterations of
// each step's time over the bound's passes, and over its own four, timed
// right after it.
func BenchmarkSAMStep(b *testing.B) {
	for _, n := range []int{256 << 10, 16 << 20} {
		for _, opt := range []string{"sgd", "adamw"} {
			b.Run(fmt.Sprintf("%s/n=%s", opt, sizeName(n)), func(b *testing.B) {
				benchSAMStep(b, n, opt == "adamw")
			})
		}
	}
}

// sizeName writes n as the Level-1 benchmarks do (16M, 256K, 2048).
func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dK", n>>10)
	}
	return fmt.Sprint(n)
}

func benchSAMStep(b *testing.B, n int, adam bool) {
	releaseVectors() // the last size's vectors
	w, g := randVec[float32](n, 1), randVec[float32](n, 2)
	for i := range g {
		g[i] *= 1e-3
	}
	vectors := 10.0 // 6 reads + 4 writes
	c := samSGDCost
	if adam {
		vectors = 12
		c = cost{passes: []streams{passRead1, passPerturb, passAdamW}, elem: 4, fmas: 1 + 1 + 6}
	}
	own := c // samkern's passes: the finiteness read of the second gradient added
	own.passes = append([]streams{passRead1}, c.passes...)
	own.fmas++
	report := func(b *testing.B, passes bool) {
		b.StopTimer()
		per := float64(b.Elapsed()) / float64(b.N)
		bound := c.bound(n)
		b.ReportMetric(per/bound, "x-bound")
		b.ReportMetric(bound/1e6, "bound-ms")
		if passes {
			b.ReportMetric(per/own.bound(n), "x-passbound")
		}
	}
	bytes := int64(vectors) * int64(n) * 4

	b.Run("impl=samkern", func(b *testing.B) {
		cfg := sam.Config[float32]{Perturbation: sam.SAM, Rho: 0.05}
		if adam {
			cfg.AdamW = &sam.AdamW{LR: 1e-4, WeightDecay: 0.01}
		} else {
			cfg.SGD = &sam.SGD{LR: 1e-4, Momentum: 0.9}
		}
		o, err := sam.NewFlat(cfg, w, g)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(bytes)
		// x-paired: the median over the iterations of each step's time
		// over the bound's passes timed right after it (pairedTime);
		// x-passpaired the same over samkern's own passes (x-passbound's).
		c.bound(n) // the probes measured before the loop
		ratios := make([]float64, 0, b.N)
		ownRatios := make([]float64, 0, b.N)
		readCost := cost{passes: []streams{passRead1}, elem: c.elem}
		// Paired only where some pass is beyond L2's reach (pairedTime is
		// 0 otherwise), and the timer stops only then.
		paired := slices.ContainsFunc(c.passes, func(p streams) bool { return !cacheNear((p.reads + p.fresh) * n * c.elem) })
		b.ResetTimer()
		for range b.N {
			t0 := time.Now()
			if _, err := o.Ascend(); err != nil {
				b.Fatal(err)
			}
			if err := o.Descend(); err != nil {
				b.Fatal(err)
			}
			if paired {
				t := time.Since(t0)
				b.StopTimer()
				pc := c.pairedTime(n)
				ratios = append(ratios, float64(t)/float64(pc))
				// samkern's own fourth pass, the finiteness read.
				own := pc + readCost.pairedTime(n)
				ownRatios = append(ownRatios, float64(t)/float64(own))
				b.StartTimer()
			}
		}
		report(b, true)
		if len(ratios) > 0 {
			slices.Sort(ratios)
			b.ReportMetric(ratios[len(ratios)/2], "x-paired")
			slices.Sort(ownRatios)
			b.ReportMetric(ownRatios[len(ownRatios)/2], "x-passpaired")
		}
	})

	b.Run("impl=gonum", func(b *testing.B) {
		saved, m, v := make([]float32, n), make([]float32, n), make([]float32, n)
		vw, vg := blas32.Vector{N: n, Inc: 1, Data: w}, blas32.Vector{N: n, Inc: 1, Data: g}
		vs, vm := blas32.Vector{N: n, Inc: 1, Data: saved}, blas32.Vector{N: n, Inc: 1, Data: m}
		b.SetBytes(bytes)
		b.ResetTimer()
		for t := range b.N {
			norm := float32(math.Sqrt(float64(blas32.Dot(vg, vg))))
			blas32.Copy(vw, vs)
			blas32.Axpy(0.05/(norm+1e-12), vg, vw)
			// (the trainer's gradient at the perturbed weights)
			blas32.Copy(vs, vw)
			if adam {
				// m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; w -= lr·m̂/(√v̂+ε) + lr·λ·w
				blas32.Scal(0.9, vm)
				blas32.Axpy(0.1, vg, vm)
				bc1 := 1 - math.Pow(0.9, float64(t+1))
				bc2 := 1 - math.Pow(0.999, float64(t+1))
				for i, gi := range g { // no BLAS call for the element-wise square and root
					v[i] = 0.999*v[i] + 0.001*gi*gi
					w[i] -= float32(1e-4) * (m[i]/float32(bc1)/(float32(math.Sqrt(float64(v[i]/float32(bc2))))+1e-8) + 0.01*w[i])
				}
			} else {
				blas32.Scal(0.9, vm)
				blas32.Axpy(1, vg, vm)
				blas32.Axpy(-1e-4, vm, vw)
			}
		}
		report(b, false)
	})

	b.Run("impl=loop", func(b *testing.B) {
		saved, m, v := make([]float32, n), make([]float32, n), make([]float32, n)
		b.SetBytes(bytes)
		b.ResetTimer()
		for t := range b.N {
			var ss float64
			for _, gi := range g {
				ss += float64(gi) * float64(gi)
			}
			s := float32(0.05 / (math.Sqrt(ss) + 1e-12))
			for i, gi := range g {
				saved[i] = w[i]
				w[i] += s * gi
			}
			if adam {
				bc1 := float32(1 - math.Pow(0.9, float64(t+1)))
				rc2 := float32(1 / math.Sqrt(1-math.Pow(0.999, float64(t+1))))
				for i, gi := range g {
					m[i] = 0.9*m[i] + 0.1*gi
					v[i] = 0.999*v[i] + 0.001*gi*gi
					w[i] = saved[i]*(1-1e-6) - 1e-4/bc1*m[i]/(float32(math.Sqrt(float64(v[i])))*rc2+1e-8)
				}
			} else {
				for i, gi := range g {
					m[i] = 0.9*m[i] + gi
					w[i] = saved[i] - 1e-4*m[i]
				}
			}
		}
		report(b, false)
	})
}
