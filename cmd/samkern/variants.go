package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"text/tabwriter"
	"time"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/models/mnist"
	"github.com/samkern/samkern/sam"
)

// variantRun is one optimizer of the variants table and what it did on the
// toy and on the MLP.
type variantRun struct {
	name string
	set  func(*sam.Config[float64])

	toyEnd                []float64
	toyL1, toyLmin, toyTr float64
	toyGrads              int
	mlpL1, mlpTr, mlpTrSE float64
	mlpAcc, mlpLoss       float64
	mlpGrads              int
	toyMinimizes          string
}

// variantRuns are SGD, SAM and every variant, with the settings their
// papers' code uses.
func variantRuns(steps int) []*variantRun {
	runs := []*variantRun{
		{name: "GD / SGD", set: func(c *sam.Config[float64]) { c.Perturbation = sam.NoPerturbation }},
		{name: "SAM", set: func(c *sam.Config[float64]) { c.Perturbation = sam.SAM }},
	}
	for _, v := range []string{"gsam", "looksam", "wsam", "msam", "fsam", "aesam"} {
		name, set32, _ := variantConfig(v, steps)
		runs = append(runs, &variantRun{name: name, set: func(c *sam.Config[float64]) {
			// The float32 settings of variantConfig, on a float64 Config.
			var c32 sam.Config[float32]
			set32(&c32)
			c.Perturbation, c.GSAM, c.LookSAM, c.WSAM, c.FSAM, c.AESAM = c32.Perturbation, c32.GSAM, c32.LookSAM, c32.WSAM, c32.FSAM, c32.AESAM
		}})
	}
	return runs
}

// runVariants runs every SAM variant on the paper's toy (full batch, in
// full-batch SAM's regime) and on a short MNIST run, and tabulates where
// each ends.
func runVariants(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("variants", "Runs SAM and each variant (GSAM, LookSAM, WSAM, MSAM, F-SAM, AE-SAM) on the paper's\n"+
		"Figure 1 toy, full batch, and on a short MNIST MLP run, and tabulates where each ends.", stderr)
	toySteps := fs.Int("toy-steps", 3_000_000, "steps on the toy (η = 0.05, ρ = 0.0055, as full-batch SAM's)")
	mlpSteps := fs.Int("mlp-steps", 500, "SGD-momentum steps on MNIST (batch 64, η = 0.05, ρ = 0.05)")
	train := fs.Int("train", 10000, "MNIST training images")
	hess := fs.Int("hess", 1000, "images the Hessian is measured on")
	hidden := fs.Int("hidden", 128, "hidden units")
	seed := fs.Uint64("seed", 1, "seed of the initialization and the batches")
	quiet := fs.Bool("quiet", false, "no progress line")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkMins(fs, intFlag{"toy-steps", *toySteps, 1}, intFlag{"mlp-steps", *mlpSteps, 1}, intFlag{"train", *train, 64}, intFlag{"hess", *hess, 2}, intFlag{"hidden", *hidden, 1}); err != nil {
		return err
	}
	if *train > 60000 || *hess > *train {
		return badValue(fs, fmt.Sprintf("-train = %d, -hess = %d: want -hess ≤ -train ≤ 60000", *train, *hess))
	}
	set, err := mnist.Load(mnist.Train, *train)
	if err != nil {
		return fmt.Errorf("variants: %w", err)
	}
	net, err := models.NewMLP([]int{mnist.Pixels, *hidden, 10}, models.ReLU, mnist.Inputs[float64](set), set.Labels)
	if err != nil {
		return err
	}
	start := time.Now()
	runs := variantRuns(*mlpSteps)
	prog := newProgress(stderr, *quiet)
	prog.start("variants")
	prog.eta = true
	defer prog.done()
	for _, r := range runs {
		prog.expect(r.name)
	}
	if err := parallel(len(runs), func(i int) error {
		if err := runs[i].toy(ctx, *toySteps, prog); err != nil {
			return err
		}
		return runs[i].mlp(ctx, net, *mlpSteps, *hess, *seed, prog)
	}); err != nil {
		return err
	}
	prog.done()
	fmt.Fprintf(stdout, "Figure 1's toy from (−1, −1, 0.05, 0.05), full batch, η = 0.05, ρ = 0.0055, %d steps; F1 is least at x1 = 1, F2 at x2 = 1\n", *toySteps)
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "optimizer\tgradients\tx1\tx2\tλ1\tλmin>0\ttrace\tdecreased\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t%.3f\t%.3f\t%.3f\t%s\t\n", r.name, r.toyGrads, r.toyEnd[0], r.toyEnd[1], r.toyL1, r.toyLmin, r.toyTr, r.toyMinimizes)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\nMNIST: a 784-%d-10 ReLU MLP, %d steps of SGD momentum 0.9 (batch 64, η = 0.05, ρ = 0.05) on %d images from one initialization (seed %d);\n"+
		"the Hessian on the first %d, exact R-operator\n", *hidden, *mlpSteps, *train, *seed, *hess)
	tw = tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "optimizer\tgradients\ttrain loss\taccuracy\tλ1\ttrace ± s.e.\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%d\t%.4f\t%.3f\t%.3f\t%.1f ± %.1f\t\n", r.name, r.mlpGrads, r.mlpLoss, r.mlpAcc, r.mlpL1, r.mlpTr, r.mlpTrSE)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "accuracy on the Hessian's (training) images; one seed and one short run each: what happened, not a ranking")
	fmt.Fprintf(stdout, "done in %.1fs\n", time.Since(start).Seconds())
	return nil
}

// toy runs the optimizer on Figure 1's toy with full-batch gradients.
func (r *variantRun) toy(ctx context.Context, steps int, prog *progress) error {
	var toy models.Toy
	x, g := models.ToyStart(), make([]float64, 4)
	cfg := sam.Config[float64]{Rho: 0.0055, SGD: &sam.SGD{LR: 0.05}}
	r.set(&cfg)
	opt, err := sam.NewFlat(cfg, x, g)
	if err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	grad := func() error { toy.Grad(g, x); r.toyGrads++; return nil }
	for s := 1; s <= steps; s++ {
		if err := opt.Step(grad); err != nil {
			return fmt.Errorf("%s, toy step %d: %w", r.name, s, err)
		}
		if s%20000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			prog.set(r.name, 0.5*float64(s)/float64(steps))
		}
	}
	r.toyEnd = append([]float64(nil), x...)
	r.toyL1, r.toyLmin, r.toyTr = toyHessian(x)
	r.toyMinimizes = classify(toy, models.ToyStart(), x)
	return nil
}

// mlp trains the MLP with the optimizer over SGD momentum and measures λ1
// and the trace at the end.
func (r *variantRun) mlp(ctx context.Context, net *models.MLP[float64], steps, hess int, seed uint64, prog *progress) error {
	cfg := sam.Config[float64]{Rho: 0.05, SGD: &sam.SGD{LR: 0.05, Momentum: 0.9}}
	r.set(&cfg)
	if cfg.Perturbation == sam.AESAM {
		cfg.AESAM.Steps = steps
	}
	tr, err := newMLPTrainer(net, seed, cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	rng := rand.New(rand.NewPCG(seed, 0x7661_7269))
	batch := make([]int, 64)
	flat, params, grads, opt := tr.flat, tr.params, tr.grads, tr.opt
	grad := func() error { net.Grad(grads, params, batch); r.mlpGrads++; return nil }
	for s := 1; s <= steps; s++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range batch {
			batch[i] = rng.IntN(net.Samples())
		}
		if err := opt.Step(grad); err != nil {
			return fmt.Errorf("%s, MNIST step %d: %w", r.name, s, err)
		}
		prog.set(r.name, 0.5+0.4*float64(s)/float64(steps))
	}
	hidx := make([]int, hess)
	for i := range hidx {
		hidx[i] = i
	}
	f := net.Flat(hidx)
	pt := hessian.At(f, flat)
	r.mlpLoss = f.Loss(flat)
	r.mlpAcc = net.Accuracy(params, hidx)
	eig, err := hessian.Eigen(ctx, pt, 1, &lanczos.Options{Tol: 1e-6, Seed: 1})
	if err != nil {
		return fmt.Errorf("%s: λ1: %w", r.name, err)
	}
	r.mlpL1 = eig.Values[0]
	trace, err := hessian.Trace(ctx, pt, &lanczos.TraceOptions{MaxOps: 60, Seed: 2})
	if err != nil {
		return fmt.Errorf("%s: trace: %w", r.name, err)
	}
	r.mlpTr, r.mlpTrSE = trace.Estimate, trace.StdErr
	prog.set(r.name, 1)
	return nil
}
