package main

import (
	"context"
	"errors"
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
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

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

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
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
	if *maxN < 16 {
		return badValue(fs, fmt.Sprintf("-max = %d: want a length ≥ 16", *maxN))
	}
	if *budget <= 0 {
		return badValue(fs, fmt.Sprintf("-time = %v: want a duration > 0", *budget))
	}
	finish, err := prepareOut(*out)
	if err != nil {
		return err
	}
	defer func() { finish(err != nil) }()
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
	var figs []*figure
	for _, op := range ops {
		f := newFigure(op.name, "n", "elements per ns", true, false)
		for _, impl := range op.impls {
			var pts plotter.XYs
			for _, r := range rows {
				if r.op == op.name && r.impl == impl {
					pts = append(pts, plotter.XY{X: float64(r.n), Y: r.elemNs})
				}
			}
			if err := f.line(impl, pts); err != nil {
				return nil, err
			}
		}
		figs = append(figs, f)
	}
	return saveGrid(ctx, dir, "bench", figs, 2, 7.5*vg.Inch, 4*vg.Inch)
}

// writeAtomic writes wt to dir/name.ext through a temporary file renamed
// into place, so that a reader never sees a half-written file. The
// temporary file is created with mode 0666 and the umask applies, as for
// any file the user's programs create (os.CreateTemp would force 0600).
func writeAtomic(ctx context.Context, dir, name, ext string, wt io.WriterTo) (string, error) {
	var tmp *os.File
	var err error
	for try := 0; ; try++ {
		path := filepath.Join(dir, fmt.Sprintf(".%s-%d-%d.%s", name, os.Getpid(), try, ext))
		tmp, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil || !errors.Is(err, os.ErrExist) || try > 100 {
			break
		}
	}
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
