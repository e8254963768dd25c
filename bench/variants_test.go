package bench

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/blas/blas32"

	"github.com/samkern/samkern/sam"
)

// BenchmarkVariantStep measures each SAM variant's own work in one step on
// float32 parameters (the trainer's gradients are not computed; the
// gradient buffers keep their contents), over SGD with momentum, three ways:
//
//   - impl=samkern: sam.Optimizer's Ascend and Descend with the variant;
//   - impl=loop: the variant as plain Go loops, one fused loop per pass, as a
//     careful trainer would write it;
//   - impl=gonum: the variant composed from gonum blas32 calls (Dot, Copy,
//     Axpy, Scal), with Go loops only where BLAS has no operation.
//
// Each reports passes: the vector passes of its structure (a pass reads or
// writes parameter-sized vectors once), the figure the variant's minimum in
// sam's doc comments is compared with. LookSAM's figure is the mean over
// its K = 5 steps (one SAM step, four reuse steps); AE-SAM's is for a SAM
// step (its base steps cost what the base optimizer does). Names:
// BenchmarkVariantStep/GSAM/n=16M/impl=samkern.
//
// Each also reports x-sambound: its time over the byte bound of the plain
// SAM + SGD-momentum step (BenchmarkSAMStep's; roofline_test.go). Every
// variant moves at least that step's bytes (a norm pass, a save-and-perturb
// pass, a restore-and-update pass; LookSAM's and AE-SAM's cheap steps
// excepted, whose figure is a mean), so it is a bound for each, loose for
// the variants that need more.
func BenchmarkVariantStep(b *testing.B) {
	for _, n := range []int{256 << 10, 16 << 20} {
		for _, v := range benchVariants {
			b.Run(fmt.Sprintf("%s/n=%s", v.name, sizeName(n)), func(b *testing.B) {
				benchVariant(b, v, n)
			})
		}
	}
}

// benchVariant is a variant's three implementations and pass counts.
type benchVariantCase struct {
	name   string
	cfg    func(*sam.Config[float32])
	passes [3]float64 // samkern, loop, gonum
	loop   func(s *variantState, t int)
	gonum  func(s *variantState, t int)
}

// variantState is the vectors of a step: the weights, the trainer's
// gradient buffer, and the optimizer's own.
type variantState struct {
	n                   int
	w, g, saved, m, g0  []float32
	gv, ema, dir        []float32
	vw, vg, vs, vm, vg0 blas32.Vector
	vgv, vema, vdir     blas32.Vector
	gv2                 float64
}

func newVariantState(n int) *variantState {
	s := &variantState{n: n, w: randVec[float32](n, 1), g: randVec[float32](n, 2)}
	for i := range s.g {
		s.g[i] *= 1e-3
	}
	for _, p := range []*[]float32{&s.saved, &s.m, &s.g0, &s.gv, &s.ema, &s.dir} {
		*p = zeroVec[float32](n)
	}
	vec := func(x []float32) blas32.Vector { return blas32.Vector{N: n, Inc: 1, Data: x} }
	s.vw, s.vg, s.vs, s.vm, s.vg0 = vec(s.w), vec(s.g), vec(s.saved), vec(s.m), vec(s.g0)
	s.vgv, s.vema, s.vdir = vec(s.gv), vec(s.ema), vec(s.dir)
	return s
}

const (
	bRho, bLR, bMu = 0.05, 1e-4, 0.9
	bAlpha         = 0.4 // GSAM's α
	bLookK         = 5
	bLookAlpha     = 0.7
	bGamma         = 0.9 // WSAM's γ
	bSigma, bLam   = 1, 0.9
)

// Plain-loop passes shared by the variants.
func loopNorm(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s)
}

func loopPerturb(s *variantState, dir []float32, sc float32, keep bool) {
	for i, d := range dir {
		s.saved[i] = s.w[i]
		if keep {
			s.g0[i] = s.g[i]
		}
		s.w[i] += sc * d
	}
}

func loopUpdate(s *variantState, d []float32) {
	for i, di := range d {
		s.m[i] = bMu*s.m[i] + di
		s.w[i] = s.saved[i] - bLR*s.m[i]
	}
}

// Gonum passes shared by the variants.
func gonumNorm(v blas32.Vector) float32 { return float32(math.Sqrt(float64(blas32.Dot(v, v)))) }

func gonumUpdate(s *variantState, d blas32.Vector) {
	blas32.Copy(s.vs, s.vw)
	blas32.Scal(bMu, s.vm)
	blas32.Axpy(1, d, s.vm)
	blas32.Axpy(-bLR, s.vm, s.vw)
}

var benchVariants = []benchVariantCase{
	{
		name: "SAM", cfg: func(c *sam.Config[float32]) {}, passes: [3]float64{4, 4, 7},
		loop: func(s *variantState, t int) {
			loopPerturb(s, s.g, float32(bRho/(loopNorm(s.g)+1e-12)), false)
			loopNorm(s.g) // the check of the second gradient
			loopUpdate(s, s.g)
		},
		gonum: func(s *variantState, t int) {
			blas32.Copy(s.vw, s.vs)
			blas32.Axpy(bRho/(gonumNorm(s.vg)+1e-12), s.vg, s.vw)
			gonumUpdate(s, s.vg)
		},
	},
	{
		name: "GSAM", cfg: func(c *sam.Config[float32]) { c.Perturbation, c.GSAM = sam.GSAM, sam.GSAMOptions{Alpha: bAlpha} },
		passes: [3]float64{4, 4, 13},
		loop: func(s *variantState, t int) {
			loopPerturb(s, s.g, float32(bRho/(loopNorm(s.g)+1e-12)), true)
			var dot, n2 float64
			for i, gp := range s.g {
				dot += float64(s.g0[i]) * float64(gp)
				n2 += float64(gp) * float64(gp)
			}
			a, c := float32(1+bAlpha*dot/n2), float32(bAlpha)
			for i, gp := range s.g {
				d := a*gp - c*s.g0[i]
				s.m[i] = bMu*s.m[i] + d
				s.w[i] = s.saved[i] - bLR*s.m[i]
			}
		},
		gonum: func(s *variantState, t int) {
			blas32.Copy(s.vw, s.vs)
			blas32.Copy(s.vg, s.vg0)
			blas32.Axpy(bRho/(gonumNorm(s.vg)+1e-12), s.vg, s.vw)
			dot, n2 := blas32.Dot(s.vg0, s.vg), blas32.Dot(s.vg, s.vg)
			blas32.Copy(s.vg, s.vdir)
			blas32.Scal(1+bAlpha*dot/n2, s.vdir)
			blas32.Axpy(-bAlpha, s.vg0, s.vdir)
			gonumUpdate(s, s.vdir)
		},
	},
	{
		name: "LookSAM", cfg: func(c *sam.Config[float32]) {
			c.Perturbation, c.LookSAM = sam.LookSAM, sam.LookSAMOptions{K: bLookK, Alpha: bLookAlpha}
		},
		passes: [3]float64{(5 + 4*3) / 5.0, (5 + 4*2) / 5.0, (12 + 4*6) / 5.0},
		loop: func(s *variantState, t int) {
			ng := loopNorm(s.g)
			if t%bLookK == 0 {
				loopPerturb(s, s.g, float32(bRho/(ng+1e-12)), true)
				var dot float64
				for i, gs := range s.g {
					dot += float64(s.g0[i]) * float64(gs)
				}
				c := float32(dot / (ng * ng))
				var gv2 float64
				for i, gs := range s.g {
					v := gs - c*s.g0[i]
					s.gv[i] = v
					gv2 += float64(v) * float64(v)
				}
				s.gv2 = gv2
				loopUpdate(s, s.g)
				return
			}
			f := float32(bLookAlpha * ng / math.Sqrt(s.gv2+1e-30))
			for i, gi := range s.g {
				d := gi + f*s.gv[i]
				s.m[i] = bMu*s.m[i] + d
				s.w[i] -= bLR * s.m[i]
			}
		},
		gonum: func(s *variantState, t int) {
			ng := gonumNorm(s.vg)
			if t%bLookK == 0 {
				blas32.Copy(s.vw, s.vs)
				blas32.Copy(s.vg, s.vg0)
				blas32.Axpy(bRho/(ng+1e-12), s.vg, s.vw)
				c := blas32.Dot(s.vg0, s.vg) / (ng * ng)
				blas32.Copy(s.vg, s.vgv)
				blas32.Axpy(-c, s.vg0, s.vgv)
				s.gv2 = float64(blas32.Dot(s.vgv, s.vgv))
				gonumUpdate(s, s.vg)
				return
			}
			blas32.Copy(s.vg, s.vdir)
			blas32.Axpy(float32(bLookAlpha*float64(ng)/math.Sqrt(s.gv2+1e-30)), s.vgv, s.vdir)
			blas32.Scal(bMu, s.vm)
			blas32.Axpy(1, s.vdir, s.vm)
			blas32.Axpy(-bLR, s.vm, s.vw)
		},
	},
	{
		name: "WSAM", cfg: func(c *sam.Config[float32]) { c.Perturbation, c.WSAM = sam.WSAM, sam.WSAMOptions{Gamma: bGamma} },
		passes: [3]float64{4, 4, 10},
		loop: func(s *variantState, t int) {
			loopPerturb(s, s.g, float32(bRho/(loopNorm(s.g)+1e-12)), true)
			loopNorm(s.g)
			c := float32(bLR * bGamma / (1 - bGamma))
			for i, gt := range s.g {
				s.m[i] = bMu*s.m[i] + s.g0[i]
				s.w[i] = s.saved[i] - bLR*s.m[i] - c*(gt-s.g0[i])
			}
		},
		gonum: func(s *variantState, t int) {
			blas32.Copy(s.vw, s.vs)
			blas32.Copy(s.vg, s.vg0)
			blas32.Axpy(bRho/(gonumNorm(s.vg)+1e-12), s.vg, s.vw)
			gonumUpdate(s, s.vg0)
			c := float32(bLR * bGamma / (1 - bGamma))
			blas32.Axpy(-c, s.vg, s.vw)
			blas32.Axpy(c, s.vg0, s.vw)
		},
	},
	{
		name: "MSAM", cfg: func(c *sam.Config[float32]) { c.Perturbation = sam.MSAM }, passes: [3]float64{3, 4, 7},
		loop: func(s *variantState, t int) {
			nm := loopNorm(s.m)
			sc := float32(0)
			if nm > 0 {
				sc = float32(-bRho / (nm + 1e-12))
			}
			loopPerturb(s, s.m, sc, false)
			loopNorm(s.g)
			loopUpdate(s, s.g)
		},
		gonum: func(s *variantState, t int) {
			nm := gonumNorm(s.vm)
			blas32.Copy(s.vw, s.vs)
			if nm > 0 {
				blas32.Axpy(-bRho/(nm+1e-12), s.vm, s.vw)
			}
			gonumUpdate(s, s.vg)
		},
	},
	{
		name: "FSAM", cfg: func(c *sam.Config[float32]) {
			c.Perturbation, c.FSAM = sam.FSAM, sam.FSAMOptions{Sigma: bSigma, Lambda: bLam}
		},
		passes: [3]float64{4, 4, 11},
		loop: func(s *variantState, t int) {
			var n2 float64
			for i, gi := range s.g {
				d := float64(gi - bSigma*s.ema[i])
				n2 += d * d
			}
			sc := float32(bRho / (math.Sqrt(n2) + 1e-12))
			for i, gi := range s.g {
				s.saved[i] = s.w[i]
				s.w[i] += sc * (gi - bSigma*s.ema[i])
				s.ema[i] = bLam*s.ema[i] + (1-bLam)*gi
			}
			loopNorm(s.g)
			loopUpdate(s, s.g)
		},
		gonum: func(s *variantState, t int) {
			blas32.Copy(s.vg, s.vdir)
			blas32.Axpy(-bSigma, s.vema, s.vdir)
			blas32.Copy(s.vw, s.vs)
			blas32.Axpy(bRho/(gonumNorm(s.vdir)+1e-12), s.vdir, s.vw)
			blas32.Scal(bLam, s.vema)
			blas32.Axpy(1-bLam, s.vg, s.vema)
			gonumUpdate(s, s.vg)
		},
	},
}

func benchVariant(b *testing.B, v benchVariantCase, n int) {
	b.Run("impl=samkern", func(b *testing.B) {
		releaseVectors() // the last run's state: each run allocates its own
		s := newVariantState(n)
		cfg := sam.Config[float32]{Perturbation: sam.SAM, Rho: bRho, SGD: &sam.SGD{LR: bLR, Momentum: bMu}}
		v.cfg(&cfg)
		o, err := sam.NewFlat(cfg, s.w, s.g)
		if err != nil {
			b.Fatal(err)
		}
		// One step first: MSAM's momentum and F-SAM's average exist from
		// the second step on, as in training.
		step := func() {
			if _, err := o.Ascend(); err != nil {
				b.Fatal(err)
			}
			if err := o.Descend(); err != nil {
				b.Fatal(err)
			}
		}
		step()
		b.SetBytes(int64(n) * 4)
		b.ResetTimer()
		for range b.N {
			step()
		}
		b.ReportMetric(v.passes[0], "passes")
		reportBoundAs(b, samSGDCost, n, "x-sambound")
	})
	b.Run("impl=loop", func(b *testing.B) {
		releaseVectors() // the last run's state: each run allocates its own
		s := newVariantState(n)
		v.loop(s, 0)
		b.SetBytes(int64(n) * 4)
		b.ResetTimer()
		for t := range b.N {
			v.loop(s, t+1)
		}
		b.ReportMetric(v.passes[1], "passes")
		reportBoundAs(b, samSGDCost, n, "x-sambound")
	})
	b.Run("impl=gonum", func(b *testing.B) {
		releaseVectors() // the last run's state: each run allocates its own
		s := newVariantState(n)
		v.gonum(s, 0)
		b.SetBytes(int64(n) * 4)
		b.ResetTimer()
		for t := range b.N {
			v.gonum(s, t+1)
		}
		b.ReportMetric(v.passes[2], "passes")
		reportBoundAs(b, samSGDCost, n, "x-sambound")
	})
}
