package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"text/tabwriter"
	"time"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/models/mnist"
	"github.com/samkern/samkern/sam"
)

// hvpRow is one way of computing the Hessian-vector products and what it
// gave.
type hvpRow struct {
	name     string
	vals     []float64
	trace    float64
	perHVP   time.Duration
	products int
	err      error
	relL1    float64 // against the float64 R-operator
	relTrace float64
}

// runHVP trains the 784-H-10 MLP on MNIST for a while with SGD and then
// computes λ1..λ3 and the trace of its Hessian at the end in every way the
// library offers: the exact R-operator in float64 and float32, finite
// differences of a flat float64 gradient, in place over the trainer's own
// float64 and float32 groups; with the time per product.
func runHVP(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("hvp", "Trains the 784-H-10 ReLU MLP on MNIST with SGD and compares its Hessian at the end, computed\n"+
		"with the exact R-operator and with checked finite differences, in float64 and float32:\n"+
		"λ1..λ3 (Lanczos), the trace (Hutch++ with the same probes) and the time per product.", stderr)
	train := fs.Int("train", 10000, "training images")
	hess := fs.Int("hess", 1000, "images the Hessian is measured on")
	hidden := fs.Int("hidden", 128, "hidden units")
	steps := fs.Int("steps", 500, "SGD steps (batch 64, η = 0.05, momentum 0.9)")
	traceOps := fs.Int("trace-ops", 90, "Hessian-vector products of each trace estimate (≥ 30)")
	seed := fs.Uint64("seed", 1, "seed of the initialization and the batches")
	quiet := fs.Bool("quiet", false, "no progress line")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkMins(fs, intFlag{"train", *train, 64}, intFlag{"hess", *hess, 2}, intFlag{"hidden", *hidden, 1}, intFlag{"steps", *steps, 0}, intFlag{"trace-ops", *traceOps, 30}); err != nil {
		return err
	}
	if *train > 60000 {
		return badValue(fs, fmt.Sprintf("-train = %d: MNIST has 60000 training images", *train))
	}
	if *hess > *train {
		return badValue(fs, fmt.Sprintf("-hess = %d: more than the %d training images (-train)", *hess, *train))
	}
	set, err := mnist.Load(mnist.Train, *train)
	if err != nil {
		return fmt.Errorf("hvp: %w", err)
	}
	sizes := []int{mnist.Pixels, *hidden, 10}
	net, err := models.NewMLP(sizes, models.ReLU, mnist.Inputs[float64](set), set.Labels)
	if err != nil {
		return err
	}
	net32, err := models.NewMLP(sizes, models.ReLU, mnist.Inputs[float32](set), set.Labels)
	if err != nil {
		return err
	}
	prog := newProgress(stderr, *quiet)
	prog.start("hvp")
	defer prog.done()
	tr, err := newMLPTrainer(net, *seed, sam.Config[float64]{Perturbation: sam.NoPerturbation, SGD: &sam.SGD{LR: 0.05, Momentum: 0.9}})
	if err != nil {
		return err
	}
	flat, params, grads, opt := tr.flat, tr.params, tr.grads, tr.opt
	rng := rand.New(rand.NewPCG(*seed, 0x687670))
	batch := make([]int, 64)
	for s := 1; s <= *steps; s++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range batch {
			batch[i] = rng.IntN(*train)
		}
		if err := opt.Step(func() error { net.Grad(grads, params, batch); return nil }); err != nil {
			return err
		}
		prog.set("training", float64(s)/float64(*steps))
	}
	hidx := make([]int, *hess)
	for i := range hidx {
		hidx[i] = i
	}
	w := append([]float64(nil), flat...)
	f32 := make([]float32, len(flat))
	w32 := make([]float64, len(flat))
	for i, v := range flat {
		f32[i] = float32(v)
		w32[i] = float64(f32[i])
	}
	p32, g32 := net32.Split(f32), net32.Split(make([]float32, len(f32)))

	exact := net.Flat(hidx)
	fdFlat, err := hessian.NewFDObjective(net.Dim(), nil, exact.Grad, nil)
	if err != nil {
		return err
	}
	inPlace, err := hessian.NewInPlace(hessian.Groups[float64]{Params: params, Grads: grads,
		Grad: func() (float64, error) { return net.Grad(grads, params, hidx), nil }}, nil)
	if err != nil {
		return err
	}
	inPlace32, err := hessian.NewInPlace(hessian.Groups[float32]{Params: p32, Grads: g32,
		Grad: func() (float64, error) { return net32.Grad(g32, p32, hidx), nil }}, nil)
	if err != nil {
		return err
	}
	counted := func(p hessian.Point) (hessian.Point, func() int) {
		c := &countPoint{Point: p}
		return c, func() int { return c.n }
	}
	cases := []struct {
		name  string
		point hessian.Point
	}{
		{"exact R-operator, float64", hessian.At(exact, w)},
		{"exact R-operator, float32", hessian.At(net32.Flat(hidx), w32)},
		{"finite differences, flat float64 gradient", hessian.At(fdFlat, w)},
		{"finite differences in place, float64 groups", inPlace},
		{"finite differences in place, float32 groups", inPlace32},
	}
	var rows []*hvpRow
	for i, c := range cases {
		prog.set("Hessians", float64(i)/float64(len(cases)))
		pt, count := counted(c.point)
		r := &hvpRow{name: c.name}
		start := time.Now()
		eig, err := hessian.Eigen(ctx, pt, 3, &lanczos.Options{Tol: 1e-6, Seed: 3})
		if err == nil {
			r.vals = eig.Values
			var tr lanczos.TraceResult
			tr, err = hessian.Trace(ctx, pt, &lanczos.TraceOptions{MaxOps: *traceOps, Seed: 5})
			r.trace = tr.Estimate
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		r.err, r.products = err, count()
		if r.products > 0 {
			r.perHVP = time.Since(start) / time.Duration(r.products)
		}
		rows = append(rows, r)
	}
	prog.done()
	ref := rows[0]
	for _, r := range rows {
		if r.err == nil && ref.err == nil {
			r.relL1 = math.Abs(r.vals[0]-ref.vals[0]) / ref.vals[0]
			r.relTrace = math.Abs(r.trace-ref.trace) / ref.trace
		}
	}
	fmt.Fprintf(stdout, "MNIST: a %d-%d-10 ReLU MLP after %d SGD steps on %d images; the Hessian on %d of them; kernels: %s level\n\n",
		mnist.Pixels, *hidden, *steps, *train, *hess, kernels.ISA())
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "products\tλ1\tλ2\tλ3\ttrace\tλ1 rel. error\ttrace rel. error\ttime per product\t")
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(tw, "%s\trefused (see below)\t\t\t\t\t\t\t\n", r.name)
			continue
		}
		fmt.Fprintf(tw, "%s\t%.6f\t%.6f\t%.6f\t%.4f\t%.1e\t%.1e\t%v\t\n", r.name, r.vals[0], r.vals[1], r.vals[2], r.trace, r.relL1, r.relTrace, r.perHVP.Round(time.Microsecond))
	}
	tw.Flush()
	fmt.Fprintln(stdout, "errors against the float64 R-operator; the trace estimates share their probes, so they differ by the products only")
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(stdout, "\n%s: %v\n", r.name, r.err)
		}
	}
	return nil
}

// countPoint counts a Point's Hessian-vector products.
type countPoint struct {
	hessian.Point
	n int
}

func (c *countPoint) HVP(hv, v []float64) error {
	c.n++
	return c.Point.HVP(hv, v)
}
