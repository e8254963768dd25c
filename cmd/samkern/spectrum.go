package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"text/tabwriter"
	"time"

	"gonum.org/v1/plot/plotter"

	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/sam"
)

// spectrumResult is one trained model's Hessian.
type spectrumResult struct {
	name    string
	loss    float64
	top     []float64
	trace   lanczos.TraceResult
	density *lanczos.Density
	ops     int
}

// runSpectrum trains a small network with gradient descent and with SAM
// from the same start and compares the Hessian spectra at the end: the top
// eigenvalues (Lanczos), the trace (Hutch++) and the spectral density
// (stochastic Lanczos quadrature), plotted together.
//
// The model is models.DiagonalNet (β = u⊙u − v⊙v) fitting fewer samples than
// features: it has a manifold of minimizers, so the two methods can end at
// different ones, and SAM's ends flatter (smaller λ1), the effect the paper
// explains. A convex model such as logistic regression would not show it:
// it has one minimizer, where both end.
func runSpectrum(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("spectrum", "Trains a diagonal linear network (M < D, so many minimizers) with GD and\n"+
		"with SAM and compares the Hessian spectra at the end.", stderr)
	out := fs.String("out", "samkern-out", "output directory for the plot")
	m := fs.Int("m", 40, "samples")
	d := fs.Int("d", 100, "features (the network has 2d parameters)")
	steps := fs.Int("steps", 60000, "training steps")
	eta := fs.Float64("eta", 0.01, "learning rate")
	rho := fs.Float64("rho", 0.1, "SAM's radius")
	seed := fs.Uint64("seed", 1, "seed of the data")
	quiet := fs.Bool("quiet", false, "no progress line")
	if err := parse(fs, args); err != nil {
		return err
	}
	for _, c := range []struct {
		name string
		v    int
	}{{"m", *m}, {"d", *d}, {"steps", *steps}} {
		if c.v < 1 {
			return badValue(fs, fmt.Sprintf("-%s = %d: want a positive count", c.name, c.v))
		}
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"eta", *eta}, {"rho", *rho}} {
		if !(c.v > 0) || math.IsInf(c.v, 0) {
			return badValue(fs, fmt.Sprintf("-%s = %v: want a finite value > 0", c.name, c.v))
		}
	}
	finish, err := prepareOut(*out)
	if err != nil {
		return err
	}
	defer func() { finish(err != nil) }()
	start := time.Now()
	x, y := models.SparseRegression(*m, *d, max(1, *d/20), *seed)
	net, err := models.NewDiagonalNet(*m, *d, x, y)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "diagonal linear network β = u⊙u − v⊙v, %d samples, %d features (%d parameters), %d steps of η = %g\n\n",
		*m, *d, 2**d, *steps, *eta)
	prog := newProgress(stderr, *quiet)
	defer prog.done() // also on an early return, so an error starts its own line
	var results []*spectrumResult
	for _, c := range []struct {
		name string
		kind sam.Perturbation
	}{{"GD", sam.NoPerturbation}, {fmt.Sprintf("SAM ρ=%g", *rho), sam.SAM}} {
		prog.start("spectrum")
		theta := make([]float64, 2**d)
		for i := range theta {
			theta[i] = 0.1 // small, balanced start: β = 0
		}
		g := make([]float64, 2**d)
		opt, err := sam.NewFlat(sam.Config[float64]{Perturbation: c.kind, Rho: *rho, SGD: &sam.SGD{LR: *eta}}, theta, g)
		if err != nil {
			return err
		}
		res := &spectrumResult{name: c.name}
		grad := func() error { net.Grad(g, theta); return nil }
		for s := 1; s <= *steps; s++ {
			if err := opt.Step(grad); err != nil {
				return fmt.Errorf("%s, step %d: %w", c.name, s, err)
			}
			if s%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				prog.set(c.name+" training", float64(s)/float64(*steps))
			}
		}
		res.loss = net.Loss(theta)
		op := lanczos.Func{N: 2 * *d, F: func(dst, v []float64) { net.HVP(dst, theta, v) }}
		eig, err := lanczos.Eigs(ctx, op, 5, &lanczos.Options{Seed: *seed})
		if err != nil {
			return fmt.Errorf("%s: top eigenvalues: %w", c.name, err)
		}
		res.top = eig.Values
		res.trace, err = lanczos.HutchPlusPlus(ctx, op, &lanczos.TraceOptions{Seed: *seed, MaxOps: 300})
		if err != nil {
			return fmt.Errorf("%s: trace: %w", c.name, err)
		}
		res.density, err = lanczos.SpectralDensity(ctx, op, &lanczos.DensityOptions{Seed: *seed, Probes: 20})
		if err != nil {
			return fmt.Errorf("%s: density: %w", c.name, err)
		}
		res.ops = eig.Ops + res.trace.Ops + res.density.Ops
		results = append(results, res)
		prog.done()
	}

	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "trained with\tloss\tλ1\tλ2..λ5\ttrace ± s.e.\tHVPs\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%.2e\t%.4f\t%.3f\t%.3f ± %.3f\t%d\t\n", r.name, r.loss, r.top[0], r.top[1:], r.trace.Estimate, r.trace.StdErr, r.ops)
	}
	tw.Flush()
	gd, sm := results[0], results[1]
	rel := func(a, b float64) string {
		if a < b {
			return fmt.Sprintf("%.1f%% below", 100*(1-a/b))
		}
		return fmt.Sprintf("%.1f%% above", 100*(a/b-1))
	}
	fmt.Fprintf(stdout, "\nSAM's λ1 is %s GD's and its trace %s: full-batch SAM minimizes the top eigenvalue\n"+
		"(the paper's worst-direction sharpness), not the trace.\n", rel(sm.top[0], gd.top[0]), rel(sm.trace.Estimate, gd.trace.Estimate))

	// The densities on one grid, with a Gaussian kernel of 2% of the range.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range results {
		l, h := r.density.Range()
		lo, hi = math.Min(lo, l), math.Max(hi, h)
	}
	width := 0.02 * (hi - lo)
	grid := make([]float64, 400)
	for i := range grid {
		grid[i] = lo - 3*width + (hi-lo+6*width)*float64(i)/float64(len(grid)-1)
	}
	// A log axis showing six decades below the highest peak: the curves
	// leave the frame below that, where the smoothing kernel's tails are
	// all that is left; nothing is clamped.
	f := newFigure("Hessian spectral density at the end of training (stochastic Lanczos quadrature)", "eigenvalue", "density", false, true)
	peak := 0.0
	for _, r := range results {
		for _, v := range r.density.Eval(grid, width) {
			peak = math.Max(peak, v)
		}
	}
	f.yRange(peak*1e-6, peak*2)
	f.xRange(grid[0], grid[len(grid)-1])
	for _, r := range results {
		dens := r.density.Eval(grid, width)
		pts := make(plotter.XYs, 0, len(grid))
		for k, v := range dens {
			pts = append(pts, plotter.XY{X: grid[k], Y: v})
		}
		if err := f.line(fmt.Sprintf("%s (λ1 = %.3f)", r.name, r.top[0]), pts); err != nil {
			return err
		}
	}
	files, err := f.save(ctx, *out, "spectrum_density")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nplot in %s:\n", *out)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintf(stdout, "done in %.1fs\n", time.Since(start).Seconds())
	return nil
}
