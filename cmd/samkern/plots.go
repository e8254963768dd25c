package main

import (
	"context"
	"math"
	"strconv"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// The plots of the default run: the trajectories in (x1, x2), λ1 and the
// trace against steps, SAM's ‖x‖ against its predicted limit, and the
// alignment against steps.
func paperPlots(ctx context.Context, dir string, runs []*fig1Run, thm []*thmRun, al []*alignRun) ([]string, error) {
	var files []string
	save := func(f *figure, name string) error {
		fs, err := f.save(ctx, dir, name)
		files = append(files, fs...)
		return err
	}

	// Trajectories along the manifold: F1's minimizer is x1 = 1, F2's x2 = 1.
	f := newFigure("Figure 1: where each algorithm drifts along Γ",
		"x1 (F1, so λ1 = 2·F1, is least at x1 = 1)", "x2 (F2, so λmin>0 = 2·F2, is least at x2 = 1)", false, false)
	for _, r := range runs {
		pts := make(plotter.XYs, len(r.samples))
		moved := 0.0
		for k, s := range r.samples {
			pts[k] = plotter.XY{X: s.x1, Y: s.x2}
			moved = math.Max(moved, math.Hypot(s.x1-pts[0].X, s.x2-pts[0].Y))
		}
		name := r.name
		if moved < 0.01 {
			// A path of one point hides under the start's marker: say so.
			name += " (stays at the start)"
		}
		if err := f.line(name, pts); err != nil {
			return files, err
		}
	}
	if err := f.marker("(1, 1): F1 and F2 least", plotter.XYs{{X: 1, Y: 1}}, draw.CrossGlyph{}); err != nil {
		return files, err
	}
	if err := f.marker("start (−1, −1)", plotter.XYs{{X: -1, Y: -1}}, draw.CircleGlyph{}); err != nil {
		return files, err
	}
	if err := save(f, "fig1_trajectories"); err != nil {
		return files, err
	}

	// λ1, λmin>0 and trace against steps, in millions: the drift is slow
	// and happens late, which a log axis would squeeze into its last decade.
	for _, q := range []struct {
		name, title, label string
		val                func(fig1Sample) float64
	}{
		{"fig1_lambda1", "Figure 1: top Hessian eigenvalue λ1 along each run", "λ1", func(s fig1Sample) float64 { return s.l1 }},
		{"fig1_lambdamin", "Figure 1: smallest non-zero Hessian eigenvalue along each run", "λmin>0", func(s fig1Sample) float64 { return s.lmin }},
		{"fig1_trace", "Figure 1: Hessian trace along each run", "trace", func(s fig1Sample) float64 { return s.tr }},
	} {
		f := newFigure(q.title, "step (millions)", q.label, false, false)
		for _, r := range runs {
			var pts plotter.XYs
			for _, s := range r.samples {
				pts = append(pts, plotter.XY{X: float64(s.step) / 1e6, Y: q.val(s)})
			}
			if err := f.line(r.name, pts); err != nil {
				return files, err
			}
		}
		if err := save(f, q.name); err != nil {
			return files, err
		}
	}

	// Theorem 4.8: ‖x_t‖ against the predicted limit.
	f = newFigure("Theorem 4.8: ‖x‖ under full-batch SAM on quadratics, against the limit ηρλ1/(2 − ηλ1)", "step",
		"‖x‖ / limit", true, true)
	for _, r := range thm {
		pts := make(plotter.XYs, 0, len(r.norms))
		for k, v := range r.norms {
			pts = append(pts, plotter.XY{X: float64(50 * (k + 1)), Y: v / r.predict})
		}
		if err := f.line("λ = "+fmtEigs(r.eigs), pts); err != nil {
			return files, err
		}
	}
	if err := save(f, "thm48_norm"); err != nil {
		return files, err
	}

	// Alignment.
	// (The plots' font has no ∇.)
	f = newFigure("|cos(grad L, v1)| on the toy: SAM's gradient aligns with the top eigenvector", "step", "|cos(grad L, v1)|", false, false)
	f.yRange(-0.03, 1.03)
	for _, r := range al {
		pts := make(plotter.XYs, len(r.steps))
		for k := range r.steps {
			pts[k] = plotter.XY{X: float64(r.steps[k]), Y: r.cos[k]}
		}
		if err := f.line(r.name, pts); err != nil {
			return files, err
		}
	}
	if err := save(f, "alignment"); err != nil {
		return files, err
	}
	return files, nil
}

// fmtEigs lists a spectrum compactly for a legend.
func fmtEigs(e []float64) string {
	s := ""
	for i, v := range e {
		if i == 3 && len(e) > 4 {
			return s + ", …"
		}
		if i > 0 {
			s += ", "
		}
		s += strconv.FormatFloat(v, 'g', -1, 64)
	}
	return s
}
