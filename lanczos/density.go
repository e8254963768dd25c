package lanczos

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"

	"github.com/samkern/samkern/kernels"
)

// DensityOptions configures SpectralDensity. The zero value (or nil) uses
// 10 probes of min(n, 64) Lanczos steps.
type DensityOptions struct {
	// Probes is the number of random start vectors; 0 means 10. The
	// density's random error falls like 1/√(Probes·n).
	Probes int
	// Steps is the number of Lanczos steps per probe, the number of
	// quadrature nodes each contributes; 0 means min(n, 64). The
	// quadrature integrates polynomials up to degree 2·Steps−1 exactly,
	// so a kernel of width w is resolved when Steps is well above
	// (λ_max−λ_min)/w. Memory is (Steps+1)·n float64s.
	Steps int
	// Seed seeds the probes.
	Seed uint64
	// CheckSymmetry, if set, tests before the probes whether op is
	// symmetric, as Options.CheckSymmetry does for Eigs but accepting only
	// what rounding explains (there is no tolerance here): 2 applications,
	// counted in Ops, and an *AsymmetryError if it fails. Lanczos
	// quadrature assumes a symmetric operator; for a noisy one the nodes
	// and weights are those of no matrix.
	CheckSymmetry bool
}

// Density is a spectral density estimated by stochastic Lanczos
// quadrature (Ubaru, Chen and Saad, SIAM J. Matrix Anal. Appl. 38, 2017):
// for each random unit probe v, Lanczos on A from v gives a Gauss
// quadrature rule (nodes θ_i, the Ritz values, and weights τ_i², the
// squared first components of their eigenvectors) for the measure
// Σ_j (vᵀu_j)²·δ(λ−λ_j), whose mean over probes is the spectral measure
// (1/n)·Σ_j δ(λ−λ_j).
type Density struct {
	// Nodes[p] and Weights[p] are the quadrature rule of probe p; each
	// Weights[p] sums to 1. A probe whose Krylov space became invariant
	// early has fewer nodes, and its rule is exact.
	Nodes, Weights [][]float64
	// Ops is the number of operator applications.
	Ops int
}

// SpectralDensity computes the quadrature rules of opts.Probes random sign
// probes (normalized), each by opts.Steps steps of Lanczos with full
// reorthogonalization (CGS2, as in Eigs, so no ghost nodes take weight from
// the true ones) and gonum's Dsteqr on the tridiagonal matrix. A probe
// stops early when its Krylov space becomes invariant. Errors: a
// cancelled ctx returns its error with the probes finished so far (a
// Density without probes, whose Eval is NaN, if none finished), a NaN or
// Inf from op returns ErrNonFinite, a failed symmetry check an
// *AsymmetryError.
func SpectralDensity(ctx context.Context, op Operator, opts *DensityOptions) (*Density, error) {
	if opts == nil {
		opts = &DensityOptions{}
	}
	if ctx == nil {
		return nil, invalid("nil context")
	}
	n, err := checkOperator(op)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, invalid("operator dimension %d", n)
	}
	probes, steps := opts.Probes, opts.Steps
	if probes < 0 || steps < 0 {
		return nil, invalid("Probes = %d, Steps = %d, need ≥ 0", probes, steps)
	}
	if probes == 0 {
		probes = 10
	}
	if steps == 0 {
		steps = 64
	}
	steps = min(steps, n)

	v := make([]float64, (steps+1)*n)
	d := &Density{}
	if opts.CheckSymmetry {
		x := v
		if steps < 2 {
			x = make([]float64, 3*n) // the check needs three vectors
		}
		ops, err := checkSymmetry(ctx, op, n, 0, opts.Seed, x[:n], x[n:2*n], x[2*n:3*n])
		d.Ops = ops
		if err != nil {
			if cerr := ctx.Err(); cerr != nil && errors.Is(err, cerr) {
				return d, err
			}
			return nil, err
		}
	}
	rng := newRand(opts.Seed, 4)
	c, c2 := make([]float64, steps+1), make([]float64, 2*(steps+1))
	alpha, beta := make([]float64, steps), make([]float64, steps)
	z := make([]float64, steps*steps)
	work := make([]float64, max(1, 2*steps-2))
	for range probes {
		v0 := v[:n]
		rademacher(rng, v0)
		kernels.Scale(1/math.Sqrt(float64(n)), v0)
		var anorm float64
		m := 0 // steps taken
		for m < steps {
			if err := ctx.Err(); err != nil {
				return d, fmt.Errorf("lanczos: stopped after %d operator applications: %w", d.Ops, err)
			}
			w := v[(m+1)*n : (m+2)*n]
			d.Ops++
			if err := applyChecked(op, w, v[m*n:(m+1)*n], d.Ops); err != nil {
				return nil, err
			}
			anorm = max(anorm, kernels.Norm(w))
			b := orthogonalize(v, n, m+1, w, c, c2)
			alpha[m] = c[m]
			m++
			// An invariant subspace ends the probe: its rule is exact.
			if m == n || b <= 0x1p-40*anorm {
				break
			}
			beta[m-1] = b
			scaleTo(w, b)
		}
		nodes, weights := make([]float64, m), make([]float64, m)
		copy(nodes, alpha[:m])
		e := make([]float64, max(0, m-1))
		copy(e, beta[:max(0, m-1)])
		if !(gonum.Implementation{}).Dsteqr(lapack.EVTridiag, m, nodes, e, z, m, work) {
			return nil, fmt.Errorf("lanczos: the %d×%d tridiagonal eigenproblem did not converge", m, m)
		}
		for i := range m {
			weights[i] = z[i] * z[i] // first components: row 0 of z
		}
		d.Nodes = append(d.Nodes, nodes)
		d.Weights = append(d.Weights, weights)
	}
	return d, nil
}

// Eval returns the density smoothed with a Gaussian kernel of standard
// deviation width > 0 at each point of x:
//
//	φ(x) = (1/P)·Σ_p Σ_i τ_pi²·exp(−(x−θ_pi)²/(2·width²)) / (width·√(2π)),
//
// which integrates to 1 over the real line. A Density without probes (a
// SpectralDensity cancelled before its first probe finished) estimates
// nothing, and Eval returns NaN at every point.
func (d *Density) Eval(x []float64, width float64) []float64 {
	if !(width > 0) {
		panic(fmt.Sprintf("lanczos: Density.Eval: width = %g, need > 0", width))
	}
	out := make([]float64, len(x))
	if len(d.Nodes) == 0 {
		for j := range out {
			out[j] = math.NaN()
		}
		return out
	}
	c := 1 / (width * math.Sqrt(2*math.Pi) * float64(len(d.Nodes)))
	for p, nodes := range d.Nodes {
		for i, th := range nodes {
			wt := d.Weights[p][i] * c
			for j, xj := range x {
				t := (xj - th) / width
				out[j] += wt * math.Exp(-t*t/2)
			}
		}
	}
	return out
}

// Range returns the least and greatest node, the interval in which the
// (unsmoothed) spectral measure lies up to the Ritz values' accuracy; a
// plot grid should extend a few kernel widths beyond it. Without probes
// it returns NaN, NaN.
func (d *Density) Range() (lo, hi float64) {
	if len(d.Nodes) == 0 {
		return math.NaN(), math.NaN()
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, nodes := range d.Nodes {
		for _, th := range nodes {
			lo, hi = min(lo, th), max(hi, th)
		}
	}
	return lo, hi
}
