package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/plot/plotter"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/models/mnist"
	"github.com/samkern/samkern/sam"
)

// mnistOptions are the mnist subcommand's flags.
type mnistOptions struct {
	out               string
	train, test, hess int
	hidden            int
	steps, every      int
	batch, big, micro int
	lr, momentum, rho float64
	variant           string
	seeds             []uint64
	traceOps          int
	quiet             bool
	act               models.Activation
	seedFlag, actFlag string
	variantCfg        func(*sam.Config[float32])
	variantName       string
}

// mnistAlgo is one training run and what was measured along it.
type mnistAlgo struct {
	name   string
	cfg    sam.Config[float32]
	batch  int // samples per step
	micro  int // m-SAM: samples per micro-batch (0: one perturbation per step)
	seed   uint64
	points []mnistPoint
	grads  int // gradient evaluations (of batch size)
}

// mnistPoint is one measurement of the Hessian and the accuracy.
type mnistPoint struct {
	step             int
	loss, testAcc    float64
	l1, l2           float64
	trace, traceSE   float64
	align            float64
	eigOps, traceOps int
}

func runMNIST(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var o mnistOptions
	fs := newFlags("mnist", "Trains a 784-H-10 MLP on MNIST (from the GoMNIST module) from one initialization with\n"+
		"SGD, with SAM on large batches (the stand-in for full-batch SAM) and with m-SAM's per-example\n"+
		"perturbations (the paper's stochastic SAM), and measures along training: test accuracy, the\n"+
		"Hessian's λ1 and λ2 (Lanczos on the exact R-operator product), its trace (Hutch++) and the\n"+
		"alignment |cos(∇L, v1)| of the full-batch gradient, all on the same training images.", stderr)
	fs.StringVar(&o.out, "out", "samkern-out", "output directory for the plots")
	fs.IntVar(&o.train, "train", 60000, "training images")
	fs.IntVar(&o.test, "test", 2000, "test images, for the accuracy")
	fs.IntVar(&o.hess, "hess", 1000, "training images the Hessian, the trace and the gradient are measured on")
	fs.IntVar(&o.hidden, "hidden", 128, "hidden units")
	fs.StringVar(&o.actFlag, "act", "relu", "hidden activation: relu, tanh or softplus")
	fs.IntVar(&o.steps, "steps", 1000, "training steps of every algorithm")
	fs.IntVar(&o.every, "every", 0, "steps between measurements (0: steps/5)")
	fs.IntVar(&o.batch, "batch", 64, "batch of SGD and m-SAM")
	fs.IntVar(&o.big, "big", 512, "batch of large-batch SAM")
	fs.IntVar(&o.micro, "m", 1, "m-SAM's micro-batch: samples per perturbation")
	fs.Float64Var(&o.lr, "lr", 0.05, "learning rate")
	fs.Float64Var(&o.momentum, "momentum", 0.9, "SGD momentum, of every algorithm")
	fs.Float64Var(&o.rho, "rho", 0.05, "SAM's radius ρ")
	fs.StringVar(&o.variant, "variant", "", "also train a SAM variant on batches of -batch: gsam, looksam, wsam, msam, fsam or aesam")
	fs.StringVar(&o.seedFlag, "seeds", "1", "comma-separated seeds: each gives its own initialization and batches")
	fs.IntVar(&o.traceOps, "trace-ops", 60, "Hessian-vector products of each trace estimate (≥ 30)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress line")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	// The data before the output folder: a machine without them fails
	// here, with a message that says how to get them, and creates nothing.
	train, err := mnist.Load(mnist.Train, o.train)
	if err != nil {
		return fmt.Errorf("mnist: %w", err)
	}
	test, err := mnist.Load(mnist.Test, o.test)
	if err != nil {
		return fmt.Errorf("mnist: %w", err)
	}
	finish, err := prepareOut(o.out)
	if err != nil {
		return err
	}
	defer func() { finish(err != nil) }()

	start := time.Now()
	sizes := []int{mnist.Pixels, o.hidden, 10}
	net, err := models.NewMLP(sizes, o.act, mnist.Inputs[float32](train), train.Labels)
	if err != nil {
		return err
	}
	testNet, err := models.NewMLP(sizes, o.act, mnist.Inputs[float32](test), test.Labels)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "MNIST: a %d-%d-10 %v MLP in float32, %d training and %d test images; kernels: %s level\n",
		mnist.Pixels, o.hidden, o.act, train.Len(), test.Len(), kernels.ISA())
	fmt.Fprintf(stdout, "%d steps, SGD momentum %g, η = %g; the Hessian, trace and gradient on the first %d training images, every %d steps\n\n",
		o.steps, o.momentum, o.lr, o.hess, o.every)

	algos := o.algorithms()
	prog := newProgress(stderr, o.quiet)
	prog.start("mnist")
	prog.eta = true
	defer prog.done()
	for _, a := range algos {
		prog.expect(a.task())
	}
	if err := parallel(len(algos), func(i int) error { return o.train1(ctx, net, testNet, algos[i], prog) }); err != nil {
		return err
	}
	prog.done()
	o.report(stdout, algos)
	files, err := mnistPlots(ctx, o.out, algos)
	if err != nil {
		return err
	}
	listFiles(stdout, o.out, files)
	fmt.Fprintf(stdout, "done in %.1fs\n", time.Since(start).Seconds())
	return nil
}

// check validates the flags, each by its name.
func (o *mnistOptions) check(fs *flag.FlagSet) error {
	bad := func(format string, args ...any) error { return badValue(fs, fmt.Sprintf(format, args...)) }
	for _, c := range []struct {
		name string
		v    int
		min  int
	}{{"train", o.train, 10}, {"test", o.test, 1}, {"hess", o.hess, 2}, {"hidden", o.hidden, 1}, {"steps", o.steps, 1},
		{"batch", o.batch, 1}, {"big", o.big, 1}, {"m", o.micro, 1}, {"trace-ops", o.traceOps, 30}, {"every", o.every, 0}} {
		if c.v < c.min {
			return bad("-%s = %d: want at least %d", c.name, c.v, c.min)
		}
	}
	switch {
	case o.train > 60000:
		return bad("-train = %d: MNIST has 60000 training images", o.train)
	case o.test > 10000:
		return bad("-test = %d: MNIST has 10000 test images", o.test)
	case o.hess > o.train:
		return bad("-hess = %d: more than the %d training images (-train)", o.hess, o.train)
	case o.batch > o.train || o.big > o.train:
		return bad("-batch = %d or -big = %d: more than the %d training images (-train)", o.batch, o.big, o.train)
	case o.micro > o.batch:
		return bad("-m = %d: more than the batch of %d (-batch)", o.micro, o.batch)
	case o.batch%o.micro != 0:
		return bad("-m = %d does not divide -batch = %d", o.micro, o.batch)
	case o.every > o.steps:
		return bad("-every = %d: more than the %d steps (-steps)", o.every, o.steps)
	}
	for _, c := range []struct {
		name     string
		v        float64
		zeroOK   bool
		belowOne bool
	}{{"lr", o.lr, false, false}, {"rho", o.rho, false, false}, {"momentum", o.momentum, true, true}} {
		if math.IsNaN(c.v) || math.IsInf(c.v, 0) || c.v < 0 || c.v == 0 && !c.zeroOK || c.belowOne && c.v >= 1 {
			return bad("-%s = %v: out of range", c.name, c.v)
		}
	}
	switch strings.ToLower(o.actFlag) {
	case "relu":
		o.act = models.ReLU
	case "tanh":
		o.act = models.Tanh
	case "softplus":
		o.act = models.Softplus
	default:
		return bad("-act = %q: want relu, tanh or softplus", o.actFlag)
	}
	o.seeds = nil
	for _, f := range strings.Split(o.seedFlag, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return bad("-seeds = %q: %q is not a seed (a non-negative integer)", o.seedFlag, f)
		}
		o.seeds = append(o.seeds, v)
	}
	if o.every == 0 {
		o.every = max(1, o.steps/5)
	}
	if o.variant != "" {
		name, cfg, ok := variantConfig(o.variant, o.steps)
		if !ok {
			return bad("-variant = %q: want gsam, looksam, wsam, msam, fsam or aesam", o.variant)
		}
		o.variantName, o.variantCfg = name, cfg
	}
	return nil
}

// variantConfig returns a variant's name and settings, with the values the
// papers' code uses.
func variantConfig(name string, steps int) (string, func(*sam.Config[float32]), bool) {
	switch strings.ToLower(name) {
	case "gsam":
		return "GSAM α=0.4", func(c *sam.Config[float32]) { c.Perturbation, c.GSAM = sam.GSAM, sam.GSAMOptions{Alpha: 0.4} }, true
	case "looksam":
		return "LookSAM k=5", func(c *sam.Config[float32]) {
			c.Perturbation, c.LookSAM = sam.LookSAM, sam.LookSAMOptions{K: 5, Alpha: 0.7}
		}, true
	case "wsam":
		return "WSAM γ=0.9", func(c *sam.Config[float32]) { c.Perturbation, c.WSAM = sam.WSAM, sam.WSAMOptions{Gamma: 0.9} }, true
	case "msam":
		return "MSAM", func(c *sam.Config[float32]) { c.Perturbation = sam.MSAM }, true
	case "fsam":
		return "F-SAM", func(c *sam.Config[float32]) {
			c.Perturbation, c.FSAM = sam.FSAM, sam.FSAMOptions{Sigma: 1, Lambda: 0.9}
		}, true
	case "aesam":
		return "AE-SAM", func(c *sam.Config[float32]) {
			c.Perturbation, c.AESAM = sam.AESAM, sam.AESAMOptions{Delta: 0.9, Lambda1: -1, Lambda2: 1, Steps: steps}
		}, true
	}
	return "", nil, false
}

// algorithms lists the runs: for every seed SGD, large-batch SAM, m-SAM and
// the variant if one was asked for.
func (o *mnistOptions) algorithms() []*mnistAlgo {
	var out []*mnistAlgo
	base := func() sam.Config[float32] {
		return sam.Config[float32]{Rho: o.rho, SGD: &sam.SGD{LR: o.lr, Momentum: o.momentum}}
	}
	for _, seed := range o.seeds {
		sgd := base()
		sgd.Perturbation = sam.NoPerturbation
		big := base()
		micro := base()
		out = append(out,
			&mnistAlgo{name: "SGD", cfg: sgd, batch: o.batch, seed: seed},
			&mnistAlgo{name: fmt.Sprintf("SAM batch %d", o.big), cfg: big, batch: o.big, seed: seed},
			&mnistAlgo{name: fmt.Sprintf("%d-SAM", o.micro), cfg: micro, batch: o.batch, micro: o.micro, seed: seed})
		if o.variantCfg != nil {
			v := base()
			o.variantCfg(&v)
			out = append(out, &mnistAlgo{name: o.variantName, cfg: v, batch: o.batch, seed: seed})
		}
	}
	return out
}

// train1 trains one algorithm from the seed's initialization and measures
// it every o.every steps.
func (o *mnistOptions) train1(ctx context.Context, net, testNet *models.MLP[float32], a *mnistAlgo, prog *progress) error {
	tr, err := newMLPTrainer(net, a.seed, a.cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", a.name, err)
	}
	flat, params, grads, opt := tr.flat, tr.params, tr.grads, tr.opt
	hidx := make([]int, o.hess)
	for i := range hidx {
		hidx[i] = i
	}
	task := a.task()
	// The same stream of samples for every algorithm of a seed.
	rng := rand.New(rand.NewPCG(a.seed, 0x6d6e_6973_74))
	batch := make([]int, a.batch)
	var micro [][]int
	if a.micro > 0 {
		for k := 0; k < a.batch; k += a.micro {
			micro = append(micro, batch[k:k+a.micro])
		}
	}
	measureCost := 0.3 // of a step budget, for the progress estimate
	total := float64(o.steps) + measureCost*float64(o.steps)
	measure := func(step int) error {
		p, err := o.measure(ctx, net, testNet, flat, params, hidx, step)
		if err != nil {
			return fmt.Errorf("%s, step %d: %w", a.name, step, err)
		}
		a.points = append(a.points, p)
		return nil
	}
	if err := measure(0); err != nil {
		return err
	}
	grad := func() error { net.Grad(grads, params, batch); a.grads++; return nil }
	microGrad := func(b []int) error { net.Grad(grads, params, b); a.grads++; return nil }
	for s := 1; s <= o.steps; s++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range batch {
			batch[i] = rng.IntN(net.Samples())
		}
		if micro != nil {
			err = opt.StepMicro(micro, microGrad)
		} else {
			err = opt.Step(grad)
		}
		if err != nil {
			return fmt.Errorf("%s, step %d: %w", a.name, s, err)
		}
		if s%o.every == 0 || s == o.steps {
			if err := measure(s); err != nil {
				return err
			}
		}
		prog.set(task, (float64(s)+measureCost*float64(len(a.points))*float64(o.every))/total)
	}
	prog.set(task, 1)
	return nil
}

// measure computes the accuracy and the Hessian quantities at the current
// parameters, on the Hessian's images.
func (o *mnistOptions) measure(ctx context.Context, net, testNet *models.MLP[float32], flat []float32, params [][]float32, hidx []int, step int) (mnistPoint, error) {
	p := mnistPoint{step: step, testAcc: testNet.Accuracy(params, nil)}
	w := make([]float64, len(flat))
	for i, x := range flat {
		w[i] = float64(x)
	}
	pt := hessian.At(net.Flat(hidx), w)
	g := make([]float64, len(w))
	loss, err := pt.GradAt(g, 0, nil)
	if err != nil {
		return p, err
	}
	p.loss = loss
	// float32 products are good to about 1e-6 relative: a tolerance of
	// 1e-5 is within reach, and four digits of λ are all the table shows.
	eig, err := hessian.Eigen(ctx, pt, 2, &lanczos.Options{Tol: 1e-5, Seed: uint64(step) + 1})
	if err != nil {
		return p, fmt.Errorf("λ1, λ2: %w", err)
	}
	p.l1, p.l2, p.eigOps = eig.Values[0], eig.Values[1], eig.Ops
	p.align = hessian.AlignmentOf(g, eig.Vectors[0])
	tr, err := hessian.Trace(ctx, pt, &lanczos.TraceOptions{MaxOps: o.traceOps, Seed: uint64(step) + 7})
	if err != nil {
		return p, fmt.Errorf("trace: %w", err)
	}
	p.trace, p.traceSE, p.traceOps = tr.Estimate, tr.StdErr, tr.Ops
	return p, nil
}

// report prints the table at the end of training, the measurements along
// it, and what they show against the paper's predictions.
func (o *mnistOptions) report(w io.Writer, algos []*mnistAlgo) {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "algorithm\tseed\tgradients\ttrain loss\ttest acc.\tλ1\tλ2\ttrace ± s.e.\t|cos(∇L, v1)|\t")
	for _, a := range algos {
		e := a.points[len(a.points)-1]
		fmt.Fprintf(tw, "%s\t%d\t%d×%d\t%.4f\t%.3f\t%.3f\t%.3f\t%.1f ± %.1f\t%.3f\t\n", a.name, a.seed, a.grads, a.batchPerGrad(),
			e.loss, e.testAcc, e.l1, e.l2, e.trace, e.traceSE, e.align)
	}
	tw.Flush()
	fmt.Fprintf(w, "at the end of training, step %d; gradients counted in evaluations × samples each\n\n", o.steps)

	fmt.Fprintln(w, "along training (λ1 / trace / |cos(∇L, v1)|):")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprint(tw, "algorithm\tseed\t")
	for _, p := range algos[0].points {
		fmt.Fprintf(tw, "step %d\t", p.step)
	}
	fmt.Fprintln(tw)
	for _, a := range algos {
		fmt.Fprintf(tw, "%s\t%d\t", a.name, a.seed)
		for _, p := range a.points {
			fmt.Fprintf(tw, "%.2f / %.0f / %.2f\t", p.l1, p.trace, p.align)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(w)
	o.verdicts(w, algos)
}

// batchPerGrad is the samples of one gradient evaluation.
func (a *mnistAlgo) batchPerGrad() int {
	if a.micro > 0 {
		return a.micro
	}
	return a.batch
}

// verdicts compares the end of each seed's runs with the paper's
// predictions, in words, whichever way they fall.
func (o *mnistOptions) verdicts(w io.Writer, algos []*mnistAlgo) {
	per := 3
	if o.variantCfg != nil {
		per = 4
	}
	rel := func(a, b float64) string {
		if a < b {
			return fmt.Sprintf("%.0f%% below", 100*(1-a/b))
		}
		return fmt.Sprintf("%.0f%% above", 100*(a/b-1))
	}
	var lowerL1, lowerTr, aligned int
	for i := 0; i+per <= len(algos); i += per {
		sgd, big, micro := algos[i].end(), algos[i+1].end(), algos[i+2].end()
		seed := algos[i].seed
		fmt.Fprintf(w, "seed %d: SAM (batch %d) ends with λ1 %s SGD's and a trace %s; %s ends with λ1 %s SGD's and a trace %s SGD's and %s large-batch SAM's.\n",
			seed, o.big, rel(big.l1, sgd.l1), rel(big.trace, sgd.trace), algos[i+2].name, rel(micro.l1, sgd.l1), rel(micro.trace, sgd.trace), rel(micro.trace, big.trace))
		fmt.Fprintf(w, "        alignment |cos(∇L, v1)| at the end: SGD %.3f, SAM %.3f, %s %.3f.\n", sgd.align, big.align, algos[i+2].name, micro.align)
		if big.l1 < sgd.l1 {
			lowerL1++
		}
		if micro.trace < sgd.trace {
			lowerTr++
		}
		if big.align > 2*sgd.align && big.align > 0.5 {
			aligned++
		}
	}
	n := len(o.seeds)
	fmt.Fprintf(w, "\nTheorem 4.5 predicts that full-batch SAM lowers λ1: large-batch SAM's λ1 is below SGD's for %d of %d seeds.\n", lowerL1, n)
	fmt.Fprintf(w, "It also predicts that near the minimizers SAM's gradient aligns with v1 (|cos| → 1): that held (|cos| > 0.5 and twice SGD's) for %d of %d seeds.\n", aligned, n)
	fmt.Fprintf(w, "Theorem 5.4 predicts that stochastic SAM lowers the trace: %s's trace is below SGD's for %d of %d seeds.\n", algos[2].name, lowerTr, n)
	fmt.Fprintln(w, "The theorems are limits (η, ρ → 0, near a manifold of minimizers, many steps); a short run on")
	fmt.Fprintln(w, "mini-batches is far from that regime, so these are what happened here, not confirmations or refutations.")
}

// task names the run on the progress line.
func (a *mnistAlgo) task() string { return fmt.Sprintf("%s s%d", a.name, a.seed) }

// end returns the last measurement.
func (a *mnistAlgo) end() mnistPoint { return a.points[len(a.points)-1] }

// mnistPlots draws λ1, the trace and the alignment against steps, one curve
// per algorithm and seed.
func mnistPlots(ctx context.Context, dir string, algos []*mnistAlgo) ([]string, error) {
	var files []string
	multi := len(slices.CompactFunc(slices.Clone(algos), func(a, b *mnistAlgo) bool { return a.seed == b.seed })) > 1
	// λ1 and the trace fall by orders of magnitude from the initialization:
	// log axes, so that the end of training is not a flat line.
	for _, q := range []struct {
		name, title, label string
		log                bool
		val                func(mnistPoint) float64
	}{
		{"mnist_lambda1", "MNIST MLP: top Hessian eigenvalue λ1 along training", "λ1", true, func(p mnistPoint) float64 { return p.l1 }},
		{"mnist_trace", "MNIST MLP: Hessian trace along training (Hutch++)", "trace", true, func(p mnistPoint) float64 { return p.trace }},
		{"mnist_alignment", "MNIST MLP: |cos(grad L, v1)| of the full-batch gradient", "|cos(grad L, v1)|", false, func(p mnistPoint) float64 { return p.align }},
		{"mnist_accuracy", "MNIST MLP: test accuracy along training", "test accuracy", false, func(p mnistPoint) float64 { return p.testAcc }},
	} {
		f := newFigure(q.title, "step", q.label, false, q.log)
		if q.name == "mnist_alignment" {
			f.yRange(-0.03, 1.03)
		}
		// One colour per algorithm, and a dash of its own for every curve,
		// so that the dash alone tells any two apart.
		kinds := map[string]int{}
		for _, a := range algos {
			if _, ok := kinds[a.name]; !ok {
				kinds[a.name] = len(kinds)
			}
		}
		for i, a := range algos {
			pts := make(plotter.XYs, len(a.points))
			for k, p := range a.points {
				pts[k] = plotter.XY{X: float64(p.step), Y: q.val(p)}
			}
			name := a.name
			if multi {
				name = fmt.Sprintf("%s, seed %d", a.name, a.seed)
			}
			if err := f.lineStyled(name, pts, kinds[a.name], i); err != nil {
				return files, err
			}
		}
		fs, err := f.save(ctx, dir, q.name)
		files = append(files, fs...)
		if err != nil {
			return files, err
		}
	}
	return files, nil
}
