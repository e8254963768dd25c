package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/samkern/samkern/kernels"
)

// benchOp is one kernel and its peers, ready to run on vectors of n.
type benchOp struct {
	name   string
	size   int     // bytes per element
	passes float64 // vectors read or written per call
	impls  []string
	// setup allocates the operands and returns one closure per impl.
	setup func(n int) []func()
}

// sink keeps the reductions' results alive so the compiler cannot drop
// the calls being timed.
var sink float64

func benchOps() []benchOp {
	rnd := func(n int) []float64 {
		r := rand.New(rand.NewPCG(uint64(n), 1))
		x := make([]float64, n)
		for i := range x {
			x[i] = 2*r.Float64() - 1
		}
		return x
	}
	rnd32 := func(n int) []float32 {
		x := make([]float32, n)
		for i, v := range rnd(n) {
			x[i] = float32(v)
		}
		return x
	}
	return []benchOp{
		{name: "Dot f64", size: 8, passes: 2, impls: []string{"samkern", "gonum", "vek"}, setup: func(n int) []func() {
			x, y := rnd(n), rnd(n)
			vx, vy := blas64.Vector{N: n, Inc: 1, Data: x}, blas64.Vector{N: n, Inc: 1, Data: y}
			return []func(){
				func() { sink += kernels.Dot(x, y) },
				func() { sink += blas64.Dot(vx, vy) },
				func() { sink += vek.Dot(x, y) },
			}
		}},
		{name: "Dot f32", size: 4, passes: 2, impls: []string{"samkern", "gonum", "vek"}, setup: func(n int) []func() {
			x, y := rnd32(n), rnd32(n)
			vx, vy := blas32.Vector{N: n, Inc: 1, Data: x}, blas32.Vector{N: n, Inc: 1, Data: y}
			return []func(){
				func() { sink += float64(kernels.Dot32(x, y)) },
				func() { sink += float64(blas32.Dot(vx, vy)) },
				func() { sink += float64(vek32.Dot(x, y)) },
			}
		}},
		{name: "Axpy f64", size: 8, passes: 3, impls: []string{"samkern", "gonum"}, setup: func(n int) []func() {
			x, y := rnd(n), rnd(n)
			vx, vy := blas64.Vector{N: n, Inc: 1, Data: x}, blas64.Vector{N: n, Inc: 1, Data: y}
			return []func(){
				func() { kernels.Axpy(1e-9, x, y) },
				func() { blas64.Axpy(1e-9, vx, vy) },
			}
		}},
		{name: "Axpy f32", size: 4, passes: 3, impls: []string{"samkern", "gonum"}, setup: func(n int) []func() {
			x, y := rnd32(n), rnd32(n)
			vx, vy := blas32.Vector{N: n, Inc: 1, Data: x}, blas32.Vector{N: n, Inc: 1, Data: y}
			return []func(){
				func() { kernels.Axpy32(1e-9, x, y) },
				func() { blas32.Axpy(1e-9, vx, vy) },
			}
		}},
		{name: "Norm f64", size: 8, passes: 1, impls: []string{"samkern", "gonum", "vek"}, setup: func(n int) []func() {
			x := rnd(n)
			vx := blas64.Vector{N: n, Inc: 1, Data: x}
			return []func(){
				func() { sink += kernels.Norm(x) },
				func() { sink += blas64.Nrm2(vx) },
				func() { sink += vek.Norm(x) },
			}
		}},
		{name: "Norm f32", size: 4, passes: 1, impls: []string{"samkern", "gonum", "vek"}, setup: func(n int) []func() {
			x := rnd32(n)
			vx := blas32.Vector{N: n, Inc: 1, Data: x}
			return []func(){
				func() { sink += float64(kernels.Norm32(x)) },
				func() { sink += float64(blas32.Nrm2(vx)) },
				func() { sink += float64(vek32.Norm(x)) },
			}
		}},
	}
}

// timeIt returns the fastest time per call of f: calls are batched to at
// least budget/5, and the best of five batches is kept, which discounts a
// shared machine's interruptions.
func timeIt(f func(), budget time.Duration) time.Duration {
	f() // warm up: page faults, caches
	reps := 1
	for {
		t0 := time.Now()
		for range reps {
			f()
		}
		if el := time.Since(t0); el >= budget/5 || reps > 1<<24 {
			break
		}
		reps *= 2
	}
	best := time.Duration(math.MaxInt64)
	for range 5 {
		t0 := time.Now()
		for range reps {
			f()
		}
		best = min(best, time.Since(t0)/time.Duration(reps))
	}
	return max(best, 1)
}

// benchRow is one measurement.
type benchRow struct {
	op, impl string
	n        int
	elemNs   float64
	gbs      float64
	share    float64 // of the copy bandwidth at this n
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", "Measures samkern's kernels against gonum and vek on this machine: elements\n"+
		"per ns, GB/s, and the share of the copy bandwidth measured in the same run.\n"+
		"For the full suite with OpenBLAS, run go test -bench in bench/.", stderr)
	out := fs.String("out", "samkern-out", "output directory for the plot")
	maxN := fs.Int("max", 16<<20, "largest vector length")
	budget := fs.Duration("time", 40*time.Millisecond, "time budget per measurement")
	quiet := fs.Bool("quiet", false, "no progress line")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *maxN < 16 || *budget <= 0 {
		return badValue(fs, "-max must be ≥ 16 and -time > 0")
	}
	if err := prepareOut(*out); err != nil {
		return err
	}
	var sizes []int
	for _, n := range []int{256, 2048, 32768, 1 << 20, 16 << 20} {
		if n <= *maxN {
			sizes = append(sizes, n)
		}
	}
	fmt.Fprintf(stdout, "kernels on the %s level; elem/ns (GB/s, %% of copy bandwidth); best of 5 batches of ≥ %v\n\n", kernels.ISA(), *budget/5)
	prog := newProgress(stderr, *quiet)
	prog.start("bench")
	ops := benchOps()
	var rows []benchRow
	copyBW := map[[2]int]float64{} // (size, n) → bytes/ns moved by copy
	total, done := len(ops)*len(sizes), 0
	for _, op := range ops {
		for _, n := range sizes {
			key := [2]int{op.size, n}
			if _, ok := copyBW[key]; !ok {
				src, dst := make([]byte, n*op.size), make([]byte, n*op.size)
				t := timeIt(func() { copy(dst, src) }, *budget)
				copyBW[key] = 2 * float64(n*op.size) / float64(t)
			}
			fns := op.setup(n)
			for i, f := range fns {
				if err := ctx.Err(); err != nil {
					prog.done()
					return err
				}
				t := timeIt(f, *budget)
				bytes := op.passes * float64(n*op.size)
				rows = append(rows, benchRow{op: op.name, impl: op.impls[i], n: n,
					elemNs: float64(n) / float64(t), gbs: bytes / float64(t), share: bytes / float64(t) / copyBW[key]})
			}
			done++
			prog.set("kernels", float64(done)/float64(total))
		}
	}
	prog.done()
	runtime.KeepAlive(sink)
	printBench(stdout, ops, sizes, rows)
	files, err := benchPlot(ctx, *out, ops, rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nplot in %s:\n", *out)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	return nil
}

func printBench(w io.Writer, ops []benchOp, sizes []int, rows []benchRow) {
	find := func(op, impl string, n int) *benchRow {
		for i := range rows {
			if rows[i].op == op && rows[i].impl == impl && rows[i].n == n {
				return &rows[i]
			}
		}
		return nil
	}
	for _, op := range ops {
		fmt.Fprintf(w, "%s\n", op.name)
		tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
		fmt.Fprintf(tw, "n\t%s\t", strings.Join(op.impls, "\t"))
		for _, impl := range op.impls[1:] {
			fmt.Fprintf(tw, "samkern/%s\t", impl)
		}
		fmt.Fprintln(tw)
		for _, n := range sizes {
			fmt.Fprintf(tw, "%s\t", sizeLabel(n))
			for _, impl := range op.impls {
				r := find(op.name, impl, n)
				fmt.Fprintf(tw, "%.2f (%.1f, %.0f%%)\t", r.elemNs, r.gbs, 100*r.share)
			}
			s := find(op.name, "samkern", n)
			for _, impl := range op.impls[1:] {
				fmt.Fprintf(tw, "%.2fx\t", s.elemNs/find(op.name, impl, n).elemNs)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
}

func sizeLabel(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0 && n > 4096:
		return fmt.Sprintf("%dK", n>>10)
	}
	return fmt.Sprint(n)
}

// benchPlot draws elements per ns against n, one tile per kernel, as PNG
// and SVG, each written atomically.
func benchPlot(ctx context.Context, dir string, ops []benchOp, rows []benchRow) ([]string, error) {
	plots := make([][]*plot.Plot, (len(ops)+1)/2)
	for i := range plots {
		plots[i] = make([]*plot.Plot, 2)
	}
	for k, op := range ops {
		p := plot.New()
		p.Title.Text = op.name
		p.X.Label.Text = "n"
		p.Y.Label.Text = "elements per ns"
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		for i, impl := range op.impls {
			var pts plotter.XYs
			for _, r := range rows {
				if r.op == op.name && r.impl == impl {
					pts = append(pts, plotter.XY{X: float64(r.n), Y: r.elemNs})
				}
			}
			if err := addLine(p, impl, pts, i); err != nil {
				return nil, err
			}
		}
		p.Legend.Top = true
		plots[k/2][k%2] = p
	}
	width, height := 10*vg.Inch, vg.Length(len(plots))*3.2*vg.Inch
	var files []string
	for _, ext := range []string{"png", "svg"} {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		var c draw.Canvas
		var wt io.WriterTo
		switch ext {
		case "png":
			img := vgimg.New(width, height)
			c, wt = draw.New(img), vgimg.PngCanvas{Canvas: img}
		default:
			svg := vgsvg.New(width, height)
			c, wt = draw.New(svg), svg
		}
		tiles := draw.Tiles{Rows: len(plots), Cols: 2, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
			PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
		canvases := plot.Align(plots, tiles, c)
		for i := range plots {
			for j := range plots[i] {
				if plots[i][j] != nil {
					plots[i][j].Draw(canvases[i][j])
				}
			}
		}
		path, err := writeAtomic(ctx, dir, "bench", ext, wt)
		if err != nil {
			return files, err
		}
		files = append(files, path)
	}
	return files, nil
}

// writeAtomic writes wt to dir/name.ext through a temporary file.
func writeAtomic(ctx context.Context, dir, name, ext string, wt io.WriterTo) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+name+"-*."+ext)
	if err != nil {
		return "", err
	}
	_, werr := wt.WriteTo(tmp)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = ctx.Err()
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return "", werr
	}
	final := filepath.Join(dir, name+"."+ext)
	if err := os.Rename(tmp.Name(), final); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return final, nil
}
