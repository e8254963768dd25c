package main

import (
	"context"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The plots of the default run: the trajectories in (x1, x2), λ1 and the
// trace against steps, SAM's ‖x‖ against its predicted limit, and the
// alignment against steps.
func paperPlots(ctx context.Context, dir string, runs []*fig1Run, thm []*thmRun, al []*alignRun) ([]string, error) {
	var files []string
	add := func(p *plot.Plot, name string) error {
		fs, err := savePlot(ctx, p, dir, name, 6*vg.Inch, 4.5*vg.Inch)
		files = append(files, fs...)
		return err
	}

	// Trajectories along the manifold: F1's minimizer is x1 = 1, F2's x2 = 1.
	p := plot.New()
	p.Title.Text = "Figure 1: where each algorithm drifts along Γ"
	p.X.Label.Text = "x1 (F1, so λ1 = 2·F1, is least at x1 = 1)"
	p.Y.Label.Text = "x2 (F2, so λmin>0 = 2·F2, is least at x2 = 1)"
	for i, r := range runs {
		pts := make(plotter.XYs, len(r.samples))
		for k, s := range r.samples {
			pts[k] = plotter.XY{X: s.x1, Y: s.x2}
		}
		if err := addLine(p, r.name, pts, i); err != nil {
			return files, err
		}
	}
	target := plotter.XYs{{X: 1, Y: 1}}
	sc, err := plotter.NewScatter(target)
	if err != nil {
		return files, err
	}
	sc.GlyphStyle.Shape = draw.CrossGlyph{}
	sc.GlyphStyle.Radius = vg.Points(5)
	p.Add(sc)
	p.Legend.Add("(1, 1): both minimized", sc)
	p.Legend.Top, p.Legend.Left = true, true
	if err := add(p, "fig1_trajectories"); err != nil {
		return files, err
	}

	// λ1 and trace against steps (log scale: the drift is slow).
	for _, q := range []struct {
		name, title, label string
		val                func(fig1Sample) float64
	}{
		{"fig1_lambda1", "Figure 1: top Hessian eigenvalue λ1 along each run", "λ1", func(s fig1Sample) float64 { return s.l1 }},
		{"fig1_trace", "Figure 1: Hessian trace along each run", "trace", func(s fig1Sample) float64 { return s.tr }},
	} {
		p := plot.New()
		p.Title.Text = q.title
		p.X.Label.Text = "step"
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		p.Y.Label.Text = q.label
		for i, r := range runs {
			var pts plotter.XYs
			for _, s := range r.samples {
				if s.step > 0 {
					pts = append(pts, plotter.XY{X: float64(s.step), Y: q.val(s)})
				}
			}
			if err := addLine(p, r.name, pts, i); err != nil {
				return files, err
			}
		}
		p.Legend.Top, p.Legend.Left = false, true
		if err := add(p, q.name); err != nil {
			return files, err
		}
	}

	// Theorem 4.8: ‖x_t‖ against the predicted limit.
	p = plot.New()
	p.Title.Text = "Theorem 4.8: ‖x‖ under full-batch SAM on quadratics"
	p.X.Label.Text = "step"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	p.Y.Label.Text = "‖x‖ / predicted limit ηρλ1/(2 − ηλ1)"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	for i, r := range thm {
		pts := make(plotter.XYs, 0, len(r.norms))
		for k, v := range r.norms {
			if v > 0 {
				pts = append(pts, plotter.XY{X: float64(50 * (k + 1)), Y: v / r.predict})
			}
		}
		if err := addLine(p, "λ = "+fmtEigs(r.eigs), pts, i); err != nil {
			return files, err
		}
	}
	if err := add(p, "thm48_norm"); err != nil {
		return files, err
	}

	// Alignment.
	p = plot.New()
	p.Title.Text = "|cos(grad L, v1)| on the toy: SAM's gradient aligns with the top eigenvector"
	p.X.Label.Text = "step"
	p.Y.Label.Text = "|cos(grad L, v1)|"
	p.Y.Min, p.Y.Max = 0, 1.02
	for i, r := range al {
		pts := make(plotter.XYs, len(r.steps))
		for k := range r.steps {
			pts[k] = plotter.XY{X: float64(r.steps[k]), Y: r.cos[k]}
		}
		if err := addLine(p, r.name, pts, i); err != nil {
			return files, err
		}
	}
	p.Legend.Top = false
	if err := add(p, "alignment"); err != nil {
		return files, err
	}
	return files, nil
}

// addLine adds a line with the i-th color and dash of plotutil's palettes.
func addLine(p *plot.Plot, name string, pts plotter.XYs, i int) error {
	pts = finite(pts)
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.Color = plotutil.Color(i)
	l.Dashes = plotutil.Dashes(i / len(plotutil.DefaultColors))
	l.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}

// finite drops points a plot cannot place.
func finite(pts plotter.XYs) plotter.XYs {
	out := pts[:0:0]
	for _, q := range pts {
		if !math.IsNaN(q.X) && !math.IsNaN(q.Y) && !math.IsInf(q.X, 0) && !math.IsInf(q.Y, 0) {
			out = append(out, q)
		}
	}
	return out
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
