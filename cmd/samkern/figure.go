package main

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Every plot of the command is a figure: data in a frame padded so that no
// path or marker sits on its edge, and a legend in a column of its own
// beside the frame, so that it never covers a curve. Series differ in
// colour (the Okabe–Ito palette, safe for colour-blind readers; its yellow
// is left out, too pale on white) and in dash pattern both. PNGs are
// rendered at 200 dpi, 1500 px wide at the default size; SVGs are kept.

// okabeIto is the palette, in the order series take it.
var okabeIto = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0x00, 0x00, 0x00, 0xff}, // black
}

// dashes are the dash patterns, in the order series take them: twelve, so
// that the command's largest plots (four algorithms by three seeds) give
// every curve a pattern of its own.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(9), vg.Points(4)},
	{vg.Points(2), vg.Points(3)},
	{vg.Points(10), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(5), vg.Points(2.5)},
	{vg.Points(14), vg.Points(3), vg.Points(3), vg.Points(3), vg.Points(3), vg.Points(3)},
	{vg.Points(1), vg.Points(2)},
	{vg.Points(6), vg.Points(2), vg.Points(1), vg.Points(2), vg.Points(1), vg.Points(2)},
	{vg.Points(3), vg.Points(6)},
	{vg.Points(16), vg.Points(5)},
	{vg.Points(8), vg.Points(2), vg.Points(8), vg.Points(6)},
	{vg.Points(1), vg.Points(4), vg.Points(6), vg.Points(4)},
}

const dpi = 200

// figure is a plot being built.
type figure struct {
	p          *plot.Plot
	legend     plot.Legend
	series     int
	xlog, ylog bool
	xmin, xmax float64 // the data's range, for the padding
	ymin, ymax float64
	w, h       vg.Length
	fixX, fixY bool // the caller set the range
	fx0, fx1   float64
	fy0, fy1   float64
	labels     []string // the legend's entries (plot.Legend does not export them)
}

// newFigure starts a figure. A log axis says so in its label.
func newFigure(title, xlabel, ylabel string, xlog, ylog bool) *figure {
	f := &figure{p: plot.New(), legend: plot.NewLegend(), xlog: xlog, ylog: ylog, w: 7.5 * vg.Inch, h: 4.5 * vg.Inch,
		xmin: math.Inf(1), xmax: math.Inf(-1), ymin: math.Inf(1), ymax: math.Inf(-1)}
	f.p.Title.Text = title
	if xlog {
		xlabel += " (log scale)"
		f.p.X.Scale = plot.LogScale{}
		f.p.X.Tick.Marker = logTicks{}
	}
	if ylog {
		ylabel += " (log scale)"
		f.p.Y.Scale = plot.LogScale{}
		f.p.Y.Tick.Marker = logTicks{}
	}
	f.p.X.Label.Text, f.p.Y.Label.Text = xlabel, ylabel
	f.legend.Top, f.legend.Left = true, true
	return f
}

// xRange and yRange fix an axis's range instead of padding the data's.
func (f *figure) xRange(lo, hi float64) { f.fixX, f.fx0, f.fx1 = true, lo, hi }
func (f *figure) yRange(lo, hi float64) { f.fixY, f.fy0, f.fy1 = true, lo, hi }

// extend records points for the axes' ranges.
func (f *figure) extend(pts plotter.XYs) {
	for _, q := range pts {
		f.xmin, f.xmax = math.Min(f.xmin, q.X), math.Max(f.xmax, q.X)
		f.ymin, f.ymax = math.Min(f.ymin, q.Y), math.Max(f.ymax, q.Y)
	}
}

// usable drops the points the axes cannot place: NaN, ±Inf, and on a log
// axis the values ≤ 0 (which are left out, not clamped to a floor).
func (f *figure) usable(pts plotter.XYs) plotter.XYs {
	out := make(plotter.XYs, 0, len(pts))
	for _, q := range pts {
		if math.IsNaN(q.X) || math.IsNaN(q.Y) || math.IsInf(q.X, 0) || math.IsInf(q.Y, 0) ||
			f.xlog && q.X <= 0 || f.ylog && q.Y <= 0 {
			continue
		}
		out = append(out, q)
	}
	return out
}

// line adds a series as a line, in the next style.
func (f *figure) line(name string, pts plotter.XYs) error {
	i := f.series
	return f.lineStyled(name, pts, i, i)
}

// lineStyled adds a series with the colour and the dash of the given
// indices: for families of series, one colour per kind and one dash per
// member.
func (f *figure) lineStyled(name string, pts plotter.XYs, colour, dash int) error {
	pts = f.usable(pts)
	f.series++
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.LineStyle = draw.LineStyle{Color: okabeIto[colour%len(okabeIto)], Dashes: dashes[dash%len(dashes)], Width: vg.Points(2)}
	f.p.Add(l)
	f.legend.Add(name, l)
	f.labels = append(f.labels, name)
	f.extend(pts)
	return nil
}

// marker adds labelled points drawn as a glyph.
func (f *figure) marker(name string, pts plotter.XYs, shape draw.GlyphDrawer) error {
	pts = f.usable(pts)
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	s.GlyphStyle.Shape = shape
	s.GlyphStyle.Radius = vg.Points(5)
	s.GlyphStyle.Color = color.Black
	f.p.Add(s)
	f.legend.Add(name, s)
	f.labels = append(f.labels, name)
	f.extend(pts)
	return nil
}

// pad sets the axes' ranges: the data's, widened by 4% on each side (a
// factor on a log axis), unless fixed.
func (f *figure) pad() {
	set := func(a *plot.Axis, lo, hi float64, log bool) {
		if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return
		}
		if log {
			r := math.Pow(hi/lo, 0.04)
			if hi == lo {
				r = 1.1
			}
			a.Min, a.Max = lo/r, hi*r
			return
		}
		d := 0.04 * (hi - lo)
		if d == 0 {
			d = 0.05 * math.Max(1, math.Abs(hi))
		}
		a.Min, a.Max = lo-d, hi+d
	}
	if f.fixX {
		f.p.X.Min, f.p.X.Max = f.fx0, f.fx1
	} else {
		set(&f.p.X, f.xmin, f.xmax, f.xlog)
	}
	if f.fixY {
		f.p.Y.Min, f.p.Y.Max = f.fy0, f.fy1
	} else {
		set(&f.p.Y, f.ymin, f.ymax, f.ylog)
	}
}

// draw renders the figure onto c: the plot in the left part, the legend in
// a column on the right as wide as its longest entry.
func (f *figure) draw(c draw.Canvas) {
	f.pad()
	lw := vg.Length(0)
	for _, e := range f.labels {
		lw = max(lw, f.legend.TextStyle.Width(e))
	}
	if lw > 0 {
		lw += f.legend.ThumbnailWidth + 3*f.legend.Padding + vg.Millimeter*8
	}
	width := c.Max.X - c.Min.X
	plotArea := draw.Crop(c, 0, -lw, 0, 0)
	f.p.Draw(plotArea)
	if lw > 0 {
		// The legend's column starts level with the top of the frame.
		la := draw.Crop(c, width-lw, 0, 0, -f.p.Title.TextStyle.Height(f.p.Title.Text)-f.p.Title.Padding-vg.Millimeter*2)
		f.legend.Draw(la)
	}
}

// save writes the figure as name.png and name.svg in dir, each through a
// temporary file renamed into place (writeAtomic); a cancelled ctx writes
// nothing more.
func (f *figure) save(ctx context.Context, dir, name string) ([]string, error) {
	var paths []string
	for _, ext := range []string{"png", "svg"} {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		c, wt := canvas(ext, f.w, f.h)
		f.draw(c)
		path, err := writeAtomic(ctx, dir, name, ext, wt)
		if err != nil {
			return paths, fmt.Errorf("plot %s: %w", name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// saveGrid writes figures side by side, cols to a row, each tile w×h, as
// name.png and name.svg in dir.
func saveGrid(ctx context.Context, dir, name string, figs []*figure, cols int, w, h vg.Length) ([]string, error) {
	rows := (len(figs) + cols - 1) / cols
	W, H := vg.Length(cols)*w, vg.Length(rows)*h
	var paths []string
	for _, ext := range []string{"png", "svg"} {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		c, wt := canvas(ext, W, H)
		for i, f := range figs {
			r, k := i/cols, i%cols
			left, top := vg.Length(k)*w, vg.Length(r)*h
			tile := draw.Crop(c, left, -(W - left - w), H-top-h, -top)
			f.draw(tile)
		}
		path, err := writeAtomic(ctx, dir, name, ext, wt)
		if err != nil {
			return paths, fmt.Errorf("plot %s: %w", name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// logTicks labels a log axis at 1, 2 and 5 times the powers of ten, with
// unlabelled ticks at the other integers: plot.LogTicks labels only the
// powers of ten, which leaves a range such as 20 to 600 with one label.
type logTicks struct{}

// Ticks returns the ticks between min and max (both > 0).
func (logTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); math.Pow(10, e) <= max; e++ {
		p := math.Pow(10, e)
		for m := 1; m <= 9; m++ {
			v := float64(m) * p
			if v < min || v > max {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// canvas returns a w×h canvas for a PNG (at dpi) or an SVG and what writes
// it out.
func canvas(ext string, w, h vg.Length) (draw.Canvas, io.WriterTo) {
	if ext == "png" {
		img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
		return draw.New(img), vgimg.PngCanvas{Canvas: img}
	}
	svg := vgsvg.New(w, h)
	return draw.New(svg), svg
}
