package sam

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// quad is a test objective written here, independently of objectives.go:
// the mean of M quadratics L_k(w) = ½·wᵀA_k·w − b_kᵀw, with A_k symmetric
// positive semi-definite.
type quad struct {
	d   int
	as  [][]float64 // A_k, row-major d×d
	bs  [][]float64
	all []int // 0..M−1
}

func newQuad(r *rand.Rand, d, m int) *quad {
	q := &quad{d: d}
	for range m {
		// A_k = B·Bᵀ/d + 0.1·I with B random: positive definite, λ ≈ O(1).
		b := make([]float64, d*d)
		for i := range b {
			b[i] = 2*r.Float64() - 1
		}
		a := make([]float64, d*d)
		for i := range d {
			for j := range d {
				var s float64
				for k := range d {
					s += b[i*d+k] * b[j*d+k]
				}
				a[i*d+j] = s / float64(d)
			}
			a[i*d+i] += 0.1
		}
		bv := make([]float64, d)
		for i := range bv {
			bv[i] = 2*r.Float64() - 1
		}
		q.as, q.bs = append(q.as, a), append(q.bs, bv)
		q.all = append(q.all, len(q.all))
	}
	return q
}

// grad writes the gradient of the mean of the samples idx (all if nil).
func (q *quad) grad(w, g []float64, idx []int) {
	if idx == nil {
		idx = q.all
	}
	clear(g)
	for _, k := range idx {
		for i := range q.d {
			s := -q.bs[k][i]
			for j := range q.d {
				s += q.as[k][i*q.d+j] * w[j]
			}
			g[i] += s / float64(len(idx))
		}
	}
}

// hvp writes H·v, H the mean of the A_k.
func (q *quad) hvp(v, hv []float64) {
	clear(hv)
	for k := range q.as {
		for i := range q.d {
			var s float64
			for j := range q.d {
				s += q.as[k][i*q.d+j] * v[j]
			}
			hv[i] += s / float64(len(q.as))
		}
	}
}

func norm(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// refOpt is the reference optimizer: the paper's and the base optimizers'
// formulas written as plain loops, sharing no code with the package. The
// variants follow the formulas in their doc comments (from the papers'
// algorithm boxes and the authors' code, see config.go).
type refOpt struct {
	kind        Perturbation
	rho, eps    float64
	eta         float64 // ASAM
	sgd         *SGD
	adam        *AdamW
	m, v        []float64
	t           int
	micro       int // m-SAM micro-batches of one sample, 0 for full batch
	q           *quad
	sampleOrder []int
	lrSched     func(t int) float64 // nil: 1

	gsam     GSAMOptions
	look     LookSAMOptions
	wsam     WSAMOptions
	fsam     FSAMOptions
	ae       AESAMOptions
	gv       []float64 // LookSAM's kept component, nil before the first SAM step
	ema      []float64 // FSAM's average, nil before the first step
	mu, var2 float64   // AESAM's moments
}

func refNorm(x []float64) float64 { return norm(x) }

func refDot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func (r *refOpt) lr() float64 {
	lr := 0.0
	if r.sgd != nil {
		lr = r.sgd.LR
	} else {
		lr = r.adam.LR
	}
	if r.lrSched != nil {
		lr *= r.lrSched(r.t)
	}
	return lr
}

// gradAt returns the gradient at w + e (e nil: at w) of the samples idx.
func (r *refOpt) gradAt(w, e []float64, idx []int) []float64 {
	wp := append([]float64(nil), w...)
	for i := range e {
		wp[i] += e[i]
	}
	g := make([]float64, len(w))
	r.q.grad(wp, g, idx)
	return g
}

// samE returns ρ·g/(‖g‖+ε), zero for g = 0.
func samE(rho, eps float64, g []float64) []float64 {
	e := make([]float64, len(g))
	if n := refNorm(g); n > 0 {
		for i := range e {
			e[i] = rho * g[i] / (n + eps)
		}
	}
	return e
}

// direction returns the gradient the base optimizer is given, and for
// decoupled WSAM the sharpness vector g̃ − g to add after its step.
func (r *refOpt) direction(w []float64) (dir, sharp []float64) {
	d := len(w)
	perturbed := func(g []float64, idx []int) []float64 {
		var e []float64
		switch r.kind {
		case SAM, AscentGD:
			e = samE(r.rho, r.eps, g)
		case USAM:
			e = make([]float64, d)
			for i := range e {
				e[i] = r.rho * g[i]
			}
		case ASAM:
			e = make([]float64, d)
			tg := make([]float64, d)
			for i := range tg {
				tg[i] = (math.Abs(w[i]) + r.eta) * g[i]
			}
			if n := refNorm(tg); n > 0 {
				for i := range e {
					ti := math.Abs(w[i]) + r.eta
					e[i] = r.rho * ti * ti * g[i] / (n + r.eps)
				}
			}
		}
		return r.gradAt(w, e, idx)
	}
	if r.micro > 0 {
		dir = make([]float64, d)
		for k := range r.micro {
			idx := []int{r.sampleOrder[(r.t*r.micro+k)%len(r.sampleOrder)]}
			gp := perturbed(r.gradAt(w, nil, idx), idx)
			for i := range dir {
				dir[i] += gp[i] / float64(r.micro)
			}
		}
		return dir, nil
	}
	switch r.kind {
	case NoPerturbation:
		return r.gradAt(w, nil, nil), nil
	case SAM, USAM, ASAM:
		return perturbed(r.gradAt(w, nil, nil), nil), nil
	case AscentGD:
		g := r.gradAt(w, nil, nil)
		dir = perturbed(g, nil)
		if gn := refNorm(g); gn > 0 {
			// direction = g̃ + (ρ/‖g‖)·H·(I − n nᵀ)·g̃
			ng := refDot(g, dir) / gn
			q := make([]float64, d)
			for i := range q {
				q[i] = dir[i] - ng*g[i]/gn
			}
			h := make([]float64, d)
			r.q.hvp(q, h)
			for i := range dir {
				dir[i] += r.rho / gn * h[i]
			}
		}
		return dir, nil
	case GSAM:
		rho := r.rho
		if r.gsam.Couple {
			lr := r.lr()
			rho = max(0, r.gsam.RhoMin+(r.rho-r.gsam.RhoMin)*(lr-r.gsam.LRMin)/(r.gsam.LRMax-r.gsam.LRMin))
		}
		g := r.gradAt(w, nil, nil)
		gp := r.gradAt(w, samE(rho, r.eps, g), nil)
		c := 0.0
		if n := refNorm(gp); n > 0 {
			c = refDot(g, gp) / (n * n)
		}
		dir = make([]float64, d)
		for i := range dir {
			dir[i] = gp[i] - r.gsam.Alpha*(g[i]-c*gp[i])
		}
		return dir, nil
	case LookSAM:
		g := r.gradAt(w, nil, nil)
		if r.gv == nil || r.t%r.look.K == 0 {
			gs := r.gradAt(w, samE(r.rho, r.eps, g), nil)
			r.gv = make([]float64, d)
			if n := refNorm(g); n > 0 {
				c := refDot(g, gs) / (n * n)
				for i := range r.gv {
					r.gv[i] = gs[i] - c*g[i]
				}
			}
			return gs, nil
		}
		dir = append([]float64(nil), g...)
		if nv := refNorm(r.gv); nv > 0 {
			for i := range dir {
				dir[i] += r.look.Alpha * refNorm(g) / nv * r.gv[i]
			}
		}
		return dir, nil
	case WSAM:
		g := r.gradAt(w, nil, nil)
		gt := r.gradAt(w, samE(r.rho, r.eps, g), nil)
		a := r.wsam.Gamma / (1 - r.wsam.Gamma)
		if r.wsam.Coupled {
			dir = make([]float64, d)
			for i := range dir {
				dir[i] = a*gt[i] + (1-2*r.wsam.Gamma)/(1-r.wsam.Gamma)*g[i]
			}
			return dir, nil
		}
		sharp = make([]float64, d)
		for i := range sharp {
			sharp[i] = a * (gt[i] - g[i])
		}
		return g, sharp
	case MSAM:
		e := make([]float64, d)
		if n := refNorm(r.m); n > 0 {
			for i := range e {
				e[i] = -r.rho * r.m[i] / (n + r.eps)
			}
		}
		return r.gradAt(w, e, nil), nil
	case FSAM:
		g := r.gradAt(w, nil, nil)
		dd := append([]float64(nil), g...)
		if r.ema == nil {
			r.ema = append([]float64(nil), g...)
		} else {
			for i := range dd {
				dd[i] = g[i] - r.fsam.Sigma*r.ema[i]
				r.ema[i] = r.fsam.Lambda*r.ema[i] + (1-r.fsam.Lambda)*g[i]
			}
		}
		return r.gradAt(w, samE(r.rho, r.eps, dd), nil), nil
	case AESAM:
		g := r.gradAt(w, nil, nil)
		n2 := refDot(g, g)
		r.mu = r.ae.Delta*r.mu + (1-r.ae.Delta)*n2
		r.var2 = r.ae.Delta*r.var2 + (1-r.ae.Delta)*(n2-r.mu)*(n2-r.mu)
		frac := math.Min(1, float64(r.t)/float64(r.ae.Steps))
		c := frac*r.ae.Lambda1 + (1-frac)*r.ae.Lambda2
		sam := n2 >= r.mu+c*math.Sqrt(r.var2)
		switch r.ae.Policy {
		case AEAlways:
			sam = true
		case AENever:
			sam = false
		}
		if sam {
			return r.gradAt(w, samE(r.rho, r.eps, g), nil), nil
		}
		return g, nil
	}
	panic("unknown kind")
}

func (r *refOpt) step(w []float64) {
	dir, sharp := r.direction(w)
	lr := r.lr()
	r.t++
	if s := r.sgd; s != nil {
		for i := range w {
			gi := dir[i]
			if !s.Decoupled {
				gi += s.WeightDecay * w[i]
			}
			r.m[i] = s.Momentum*r.m[i] + gi
			u := r.m[i]
			if s.Nesterov {
				u = gi + s.Momentum*r.m[i]
			}
			keep := 1.0
			if s.Decoupled {
				keep = 1 - lr*s.WeightDecay
			}
			w[i] = keep*w[i] - lr*u
		}
	} else {
		a := r.adam
		for i := range w {
			r.m[i] = a.Beta1*r.m[i] + (1-a.Beta1)*dir[i]
			r.v[i] = a.Beta2*r.v[i] + (1-a.Beta2)*dir[i]*dir[i]
			mh := r.m[i] / (1 - math.Pow(a.Beta1, float64(r.t)))
			vh := r.v[i] / (1 - math.Pow(a.Beta2, float64(r.t)))
			w[i] = w[i]*(1-lr*a.WeightDecay) - lr*mh/(math.Sqrt(vh)+a.Eps)
		}
	}
	for i := range sharp {
		w[i] -= lr * sharp[i]
	}
}

// TestAgainstReference runs every perturbation over every base optimizer
// for 1000 steps from the same start as the reference and compares the
// trajectories. They differ by rounding only: each step rounds each weight
// a few dozen times differently (fused multiply-adds, the order of the norm's
// sum), and on these contracting problems (η·λmax < 1) a difference does not
// grow, so after T steps the weights agree to T·64·u·(1 + max|w|). The
// learning rates keep the run away from the minimum, where SAM settles into
// its period-two oscillation (Theorem 4.8) and the normalized direction
// g/‖g‖ of a gradient of size ~ηρλ amplifies any difference: there two exact
// implementations drift apart by a step's phase, which says nothing about
// either. The test asserts that regime (‖g‖ stays well above ηρλmax).
func TestAgainstReference(t *testing.T) {
	const steps, d = 1000, 12
	bases := map[string]func() (*SGD, *AdamW){
		"sgd":      func() (*SGD, *AdamW) { return &SGD{LR: 0.004}, nil },
		"momentum": func() (*SGD, *AdamW) { return &SGD{LR: 0.0004, Momentum: 0.9}, nil },
		"nesterov": func() (*SGD, *AdamW) { return &SGD{LR: 0.0004, Momentum: 0.9, Nesterov: true, WeightDecay: 1e-3}, nil },
		"sgdw":     func() (*SGD, *AdamW) { return &SGD{LR: 0.002, Momentum: 0.5, WeightDecay: 1e-2, Decoupled: true}, nil },
		"adamw": func() (*SGD, *AdamW) {
			return nil, &AdamW{LR: 3e-4, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 1e-2}
		},
		"adamw-nowd": func() (*SGD, *AdamW) { return nil, &AdamW{LR: 2e-4, Beta1: 0.8, Beta2: 0.99, Eps: 1e-6} },
	}
	kinds := []Perturbation{SAM, USAM, ASAM, AscentGD, NoPerturbation}
	for name, base := range bases {
		for _, kind := range kinds {
			for _, micro := range []int{0, 3} {
				if micro > 0 && (kind == AscentGD || kind == NoPerturbation) {
					continue // m-SAM is defined for the perturbed kinds only
				}
				t.Run(fmt.Sprintf("%s/%s/micro=%d", name, kind, micro), func(t *testing.T) {
					r := rand.New(rand.NewPCG(1, uint64(kind)))
					q := newQuad(r, d, 5)
					w0 := make([]float64, d)
					for i := range w0 {
						w0[i] = 2*r.Float64() - 1
					}
					sgd, adam := base()
					ref := &refOpt{kind: kind, rho: 0.05, eps: 1e-12, eta: 0.01, sgd: sgd, adam: adam,
						m: make([]float64, d), v: make([]float64, d), micro: micro, q: q, sampleOrder: r.Perm(5)}
					wr := append([]float64(nil), w0...)
					w := append([]float64(nil), w0...)
					g := make([]float64, d)
					cfg := Config[float64]{Perturbation: kind, Rho: 0.05, SGD: sgd, AdamW: adam,
						HVP: func(hv, v [][]float64) error { q.hvp(v[0], hv[0]); return nil }}
					opt, err := NewFlat(cfg, w, g)
					require.NoError(t, err)
					for s := range steps {
						ref.step(wr)
						if micro > 0 {
							batches := make([][]int, micro)
							for k := range batches {
								batches[k] = []int{ref.sampleOrder[(s*micro+k)%5]}
							}
							require.NoError(t, opt.StepMicro(batches, func(b []int) error {
								q.grad(w, g, b)
								return nil
							}))
						} else {
							require.NoError(t, opt.Step(func() error { q.grad(w, g, nil); return nil }))
						}
					}
					scale := 0.0
					for i := range w {
						scale = max(scale, math.Abs(wr[i]))
					}
					tol := steps * 64 * 0x1p-53 * (1 + scale)
					for i := range w {
						assert.InDelta(t, wr[i], w[i], tol, "w[%d] after %d steps", i, steps)
					}
					// The run moved (this is not a comparison of two start
					// points) and stayed in the regime argued above.
					assert.Greater(t, math.Abs(w[0]-w0[0])+math.Abs(w[1]-w0[1]), 1e-2)
					gEnd := make([]float64, d)
					q.grad(w, gEnd, nil)
					assert.Greater(t, norm(gEnd), 10*0.05*0.05*3, "‖g‖ at the end")
					assert.Equal(t, steps, opt.Steps())
				})
			}
		}
	}
}

// TestFloat32MatchesFloat64: the float32 optimizer follows the float64 one
// to float32 rounding over a short run: each step rounds each weight a few
// dozen times in float32, so after 50 contracting steps the two agree to
// 50·64·2⁻²⁴·(1 + max|w|).
func TestFloat32MatchesFloat64(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	q := newQuad(r, 8, 1)
	for _, kind := range []Perturbation{SAM, USAM, ASAM, NoPerturbation} {
		w64, g64 := make([]float64, 8), make([]float64, 8)
		w32, g32 := make([]float32, 8), make([]float32, 8)
		for i := range w64 {
			w32[i] = float32(2*r.Float64() - 1)
			w64[i] = float64(w32[i])
		}
		cfg64 := Config[float64]{Perturbation: kind, Rho: 0.05, SGD: &SGD{LR: 0.05, Momentum: 0.9}}
		cfg32 := Config[float32]{Perturbation: kind, Rho: 0.05, SGD: &SGD{LR: 0.05, Momentum: 0.9}}
		o64, err := NewFlat(cfg64, w64, g64)
		require.NoError(t, err)
		o32, err := NewFlat(cfg32, w32, g32)
		require.NoError(t, err)
		tmpw, tmpg := make([]float64, 8), make([]float64, 8)
		for range 50 {
			require.NoError(t, o64.Step(func() error { q.grad(w64, g64, nil); return nil }))
			require.NoError(t, o32.Step(func() error {
				for i := range tmpw {
					tmpw[i] = float64(w32[i])
				}
				q.grad(tmpw, tmpg, nil)
				for i := range g32 {
					g32[i] = float32(tmpg[i])
				}
				return nil
			}))
		}
		for i := range w64 {
			assert.InDelta(t, w64[i], float64(w32[i]), 50*64*0x1p-24*(1+math.Abs(w64[i])), "%s w[%d]", kind, i)
		}
	}
}

// variantCases are the variants with the options the tests run them with.
func variantCases() map[string]Config[float64] {
	lrSched := func(t int) float64 { return 1 - 0.9*math.Min(1, float64(t)/1000) }
	return map[string]Config[float64]{
		"GSAM":         {Perturbation: GSAM, GSAM: GSAMOptions{Alpha: 0.4}},
		"GSAM/coupled": {Perturbation: GSAM, LRSchedule: lrSched, GSAM: GSAMOptions{Alpha: 0.2, Couple: true, RhoMin: 0.01}},
		"LookSAM":      {Perturbation: LookSAM, LookSAM: LookSAMOptions{K: 5, Alpha: 0.7}},
		"WSAM":         {Perturbation: WSAM, WSAM: WSAMOptions{Gamma: 0.9}},
		"WSAM/coupled": {Perturbation: WSAM, WSAM: WSAMOptions{Gamma: 0.8, Coupled: true}},
		"MSAM":         {Perturbation: MSAM},
		"FSAM":         {Perturbation: FSAM, FSAM: FSAMOptions{Sigma: 1, Lambda: 0.9}},
		"AESAM":        {Perturbation: AESAM, AESAM: AESAMOptions{Delta: 0.9, Lambda1: -1, Lambda2: 1, Steps: 1000}},
		"AESAM/always": {Perturbation: AESAM, AESAM: AESAMOptions{Policy: AEAlways}},
		"AESAM/never":  {Perturbation: AESAM, AESAM: AESAMOptions{Policy: AENever}},
	}
}

// TestVariantsAgainstReference: every variant over SGD with momentum and
// over AdamW follows its reference (the formulas, written as plain loops)
// for 1000 steps, to rounding, as TestAgainstReference argues.
func TestVariantsAgainstReference(t *testing.T) {
	const steps, d = 1000, 12
	bases := map[string]func() (*SGD, *AdamW){
		"momentum": func() (*SGD, *AdamW) { return &SGD{LR: 0.0004, Momentum: 0.9, WeightDecay: 1e-3}, nil },
		"adamw": func() (*SGD, *AdamW) {
			return nil, &AdamW{LR: 3e-4, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 1e-2}
		},
	}
	for name, vc := range variantCases() {
		for bname, base := range bases {
			t.Run(name+"/"+bname, func(t *testing.T) {
				r := rand.New(rand.NewPCG(3, uint64(vc.Perturbation)))
				q := newQuad(r, d, 5)
				w0 := make([]float64, d)
				for i := range w0 {
					w0[i] = 2*r.Float64() - 1
				}
				sgd, adam := base()
				cfg := vc
				cfg.Rho, cfg.SGD, cfg.AdamW = 0.05, sgd, adam
				if cfg.Perturbation == GSAM && cfg.GSAM.Couple {
					lr := 0.0
					if sgd != nil {
						lr = sgd.LR
					} else {
						lr = adam.LR
					}
					cfg.GSAM.LRMin, cfg.GSAM.LRMax = 0.1*lr, lr
				}
				ref := &refOpt{kind: cfg.Perturbation, rho: 0.05, eps: 1e-12, sgd: sgd, adam: adam,
					m: make([]float64, d), v: make([]float64, d), q: q, lrSched: cfg.LRSchedule,
					gsam: cfg.GSAM, look: cfg.LookSAM, wsam: cfg.WSAM, fsam: cfg.FSAM, ae: cfg.AESAM}
				wr := append([]float64(nil), w0...)
				w := append([]float64(nil), w0...)
				g := make([]float64, d)
				opt, err := NewFlat(cfg, w, g)
				require.NoError(t, err)
				calls := 0
				for range steps {
					ref.step(wr)
					require.NoError(t, opt.Step(func() error { calls++; q.grad(w, g, nil); return nil }))
				}
				scale := 0.0
				for i := range w {
					scale = max(scale, math.Abs(wr[i]))
				}
				tol := steps * 64 * 0x1p-53 * (1 + scale)
				for i := range w {
					assert.InDelta(t, wr[i], w[i], tol, "w[%d] after %d steps", i, steps)
				}
				assert.Greater(t, math.Abs(w[0]-w0[0])+math.Abs(w[1]-w0[1]), 1e-2, "the run moved")
				t.Logf("%d gradients in %d steps", calls, steps)
			})
		}
	}
}
