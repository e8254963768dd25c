package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/sam"
)

// paperOptions are the default run's flags.
type paperOptions struct {
	out      string
	steps    int     // steps of every Figure 1 run; 0: the paper's
	eta, rho float64 // full-batch SAM's
	seed     uint64
	quiet    bool
}

func runPaper(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var o paperOptions
	fs := newFlags("", "reproduces Figure 1, Theorem 4.8 and the gradient alignment of\n"+
		"Wen, Ma and Li, \"How Does Sharpness-Aware Minimization Minimize Sharpness?\" (ICLR 2023).", stderr)
	fs.StringVar(&o.out, "out", "samkern-out", "output directory for the plots")
	fs.IntVar(&o.steps, "steps", 0, "steps of every Figure 1 run (0: the paper's, 1.2e6 to 3e6)")
	fs.Float64Var(&o.eta, "eta", 0.05, "full-batch SAM's learning rate in Figure 1")
	fs.Float64Var(&o.rho, "rho", 0.0055, "full-batch SAM's perturbation radius in Figure 1")
	fs.Uint64Var(&o.seed, "seed", 1, "seed for 1-SAM's sampling and the random problems")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress line")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case o.steps < 0:
		return badValue(fs, fmt.Sprintf("-steps = %d: want a number of steps ≥ 0", o.steps))
	case !(o.eta > 0) || math.IsInf(o.eta, 0):
		return badValue(fs, fmt.Sprintf("-eta = %v: want a finite learning rate > 0", o.eta))
	case !(o.rho > 0) || math.IsInf(o.rho, 0):
		return badValue(fs, fmt.Sprintf("-rho = %v: want a finite radius > 0", o.rho))
	}
	finish, err := prepareOut(o.out)
	if err != nil {
		return err
	}
	defer func() { finish(err != nil) }()
	start := time.Now()
	fmt.Fprintf(stdout, "samkern reproduces Wen, Ma and Li, \"How Does Sharpness-Aware Minimization Minimize Sharpness?\" (ICLR 2023)\n")
	fmt.Fprintf(stdout, "kernels: %s level · seed %d\n\n", kernels.ISA(), o.seed)
	prog := newProgress(stderr, o.quiet)

	runs, err := figure1(ctx, o, prog)
	if err != nil {
		return err
	}
	printFigure1(stdout, runs)

	thm, err := theorem48(ctx, o.seed, prog)
	if err != nil {
		return err
	}
	printTheorem48(stdout, thm)

	al, err := alignmentRuns(ctx, prog)
	if err != nil {
		return err
	}
	printAlignment(stdout, al)

	files, err := paperPlots(ctx, o.out, runs, thm, al)
	if err != nil {
		return err
	}
	listFiles(stdout, o.out, files)
	fmt.Fprintf(stdout, "done in %.1fs\n", time.Since(start).Seconds())
	return nil
}

// --- Figure 1 -------------------------------------------------------------

// fig1Run is one algorithm of Figure 1 and what it did.
type fig1Run struct {
	name       string
	kind       sam.Perturbation
	eta, rho   float64
	steps      int
	stochastic bool   // 1-SAM: one of the two samples per step
	predict    string // the paper's prediction: which sharpness it minimizes
	note       string
	aside      bool // shown for the regime, left out of the "lowest" marks

	end              []float64
	lambda1, lminPos float64
	trace            float64
	minimizes        string
	samples          []fig1Sample
}

type fig1Sample struct {
	step                 int
	x1, x2, l1, lmin, tr float64
}

// figure1Runs are the algorithms of the table, in the paper's regimes
// (PAPER.md): full-batch SAM drifts to the minimizer of F1, GD on L_Asc to
// that of F2, 1-SAM to that of F1 + F2, plain GD nowhere. USAM is not in the
// paper's figure; GD on L_Asc with ρ ≪ η shows the regime effect PAPER.md
// reports. The drift per step is of order η·ρ², and every run's η, ρ and
// steps are chosen so that each algorithm has moved far along its own
// quantity but none has reached a minimizer, where they would tie: then
// full-batch SAM ends with the lowest λ1, GD on L_Asc with the lowest
// λmin>0 and 1-SAM with the lowest trace, for every seed tried (1 to 6).
func figure1Runs(o paperOptions) []*fig1Run {
	runs := []*fig1Run{
		{name: "full-batch SAM", kind: sam.SAM, eta: o.eta, rho: o.rho, steps: 3_000_000, predict: "F1"},
		{name: "GD on L_Asc", kind: sam.AscentGD, eta: 0.002, rho: 0.05, steps: 2_000_000, predict: "F2"},
		{name: "1-SAM", kind: sam.SAM, eta: 0.0115, rho: 0.0115, steps: 3_000_000, stochastic: true, predict: "F1+F2"},
		{name: "USAM", kind: sam.USAM, eta: 0.05, rho: 0.0055, steps: 3_000_000, predict: "-", note: "not in the paper's figure"},
		{name: "GD", kind: sam.NoPerturbation, eta: 0.05, steps: 3_000_000, predict: "none"},
		{name: "GD on L_Asc, small ρ", kind: sam.AscentGD, eta: 0.05, rho: 0.0055, steps: 3_000_000, predict: "F1", aside: true,
			note: "with ρ ≪ η it keeps an x3 error and drifts like SAM; its bias to F2 needs η ≲ ρ"},
	}
	if o.steps > 0 {
		for _, r := range runs {
			r.steps = o.steps
		}
	}
	return runs
}

// figure1 runs the table's algorithms concurrently, one per CPU.
func figure1(ctx context.Context, o paperOptions, prog *progress) ([]*fig1Run, error) {
	runs := figure1Runs(o)
	prog.start("Figure 1")
	defer prog.done()
	if err := parallel(len(runs), func(i int) error { return runs[i].run(ctx, o.seed+uint64(i), prog) }); err != nil {
		return nil, err
	}
	return runs, nil
}

// run trains from the paper's start (−1, −1, 0.05, 0.05) with plain
// gradient descent as the base (SGD without momentum), recording ~300
// samples of (x1, x2, λ1, trace).
func (r *fig1Run) run(ctx context.Context, seed uint64, prog *progress) error {
	var toy models.Toy
	x := models.ToyStart()
	g := make([]float64, 4)
	cfg := sam.Config[float64]{Perturbation: r.kind, Rho: r.rho, SGD: &sam.SGD{LR: r.eta},
		HVP: func(hv, v [][]float64) error { toy.HVP(hv[0], x, v[0]); return nil }}
	opt, err := sam.NewFlat(cfg, x, g)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 11))
	batches := [][]int{{0}}
	grad := func() error { toy.Grad(g, x); return nil }
	sample := func(b []int) error { toy.GradSamples(g, x, b); return nil }
	every := max(1, r.steps/300)
	record := func(step int) {
		l1, lmin, tr := toyHessian(x)
		r.samples = append(r.samples, fig1Sample{step, x[0], x[1], l1, lmin, tr})
	}
	record(0)
	for s := 1; s <= r.steps; s++ {
		if r.stochastic {
			batches[0][0] = rng.IntN(2)
			err = opt.StepMicro(batches, sample)
		} else {
			err = opt.Step(grad)
		}
		if err != nil {
			return fmt.Errorf("%s, step %d: %w", r.name, s, err)
		}
		if s%every == 0 || s == r.steps {
			record(s)
			if err := ctx.Err(); err != nil {
				return err
			}
			prog.set(r.name, float64(s)/float64(r.steps))
		}
	}
	r.end = append([]float64(nil), x...)
	r.lambda1, r.lminPos, r.trace = toyHessian(x)
	r.minimizes = classify(toy, models.ToyStart(), x)
	return nil
}

// toyHessianMatrix assembles the toy's exact Hessian at x from its
// Hessian-vector products with the unit vectors (the upper triangle; the
// analytic product is exactly symmetric).
func toyHessianMatrix(x []float64) *mat.SymDense {
	var toy models.Toy
	h := mat.NewSymDense(4, nil)
	e, col := make([]float64, 4), make([]float64, 4)
	for j := range 4 {
		clear(e)
		e[j] = 1
		toy.HVP(col, x, e)
		for i := 0; i <= j; i++ {
			h.SetSym(i, j, col[i])
		}
	}
	return h
}

// toyHessian returns the top eigenvalue, the smallest eigenvalue above
// 1e-3·λ1 (the smallest non-zero one, on Γ 2·F2) and the trace of the toy's
// Hessian at x, from the exact 4×4 Hessian.
func toyHessian(x []float64) (l1, lminPos, trace float64) {
	var eig mat.EigenSym
	if !eig.Factorize(toyHessianMatrix(x), false) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	vals := eig.Values(nil) // ascending
	l1 = vals[3]
	lminPos = l1
	for _, v := range vals {
		trace += v
		if v > 1e-3*l1 && v < lminPos {
			lminPos = v
		}
	}
	return l1, lminPos, trace
}

// classify says which of F1, F2 and F1 + F2 the run decreased, by at least
// 2% of its starting value: "F1" when only F1 fell, "F2" when only F2 did,
// "F1+F2" when both did, "none" when neither.
func classify(toy models.Toy, start, end []float64) string {
	d1 := (toy.F1(start) - toy.F1(end)) / toy.F1(start)
	d2 := (toy.F2(start) - toy.F2(end)) / toy.F2(start)
	switch {
	case d1 > 0.02 && d2 > 0.02:
		return "F1+F2"
	case d1 > 0.02:
		return "F1"
	case d2 > 0.02:
		return "F2"
	}
	return "none"
}

func printFigure1(w io.Writer, runs []*fig1Run) {
	fmt.Fprintln(w, "Figure 1: L(x) = F1(x1)·x3² + F2(x2)·x4², F1(u) = 3 − exp(−(u−1)²), F2(u) = 1.5 − exp(−(u−1)²)")
	fmt.Fprintln(w, "from x = (−1, −1, 0.05, 0.05); on the minimizers x3 = x4 = 0 the Hessian's non-zero eigenvalues are 2·F1 and 2·F2")
	// The lowest of each quantity among the runs that are not aside.
	low := [3]int{-1, -1, -1}
	for i, r := range runs {
		if r.aside {
			continue
		}
		for q, v := range [3]float64{r.lambda1, r.lminPos, r.trace} {
			if low[q] < 0 || v < [3]float64{runs[low[q]].lambda1, runs[low[q]].lminPos, runs[low[q]].trace}[q] {
				low[q] = i
			}
		}
	}
	mark := func(i, q int, v float64) string {
		if i == low[q] {
			return fmt.Sprintf("%.3f*", v)
		}
		return fmt.Sprintf("%.3f", v)
	}
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "algorithm\tη\tρ\tsteps\tx1\tx2\tλ1\tλmin>0\ttrace\tminimized\tpaper\t")
	for i, r := range runs {
		rho := fmt.Sprintf("%g", r.rho)
		if r.kind == sam.NoPerturbation {
			rho = "-"
		}
		verdict := ""
		switch {
		case r.predict == "-":
		case r.predict == r.minimizes:
			verdict = " ✓"
		default:
			verdict = " ✗"
		}
		fmt.Fprintf(tw, "%s\t%g\t%s\t%.1e\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%s%s\t%s\n", r.name, r.eta, rho, float64(r.steps),
			r.end[0], r.end[1], mark(i, 0, r.lambda1), mark(i, 1, r.lminPos), mark(i, 2, r.trace), r.minimizes, r.predict, verdict, r.note)
	}
	tw.Flush()
	fmt.Fprintln(w, "* the lowest of the column among the first five rows. λ1 = 2·F1 is what full-batch SAM decreases,")
	fmt.Fprintln(w, "λmin>0 = 2·F2 what GD on L_Asc decreases, the trace what 1-SAM decreases.")
	var missed []string
	for q, want := range [3]string{"full-batch SAM", "GD on L_Asc", "1-SAM"} {
		if low[q] < 0 || runs[low[q]].name != want {
			missed = append(missed, fmt.Sprintf("%s is not lowest on %s", want, [3]string{"λ1", "λmin>0", "the trace"}[q]))
		}
	}
	if len(missed) == 0 {
		fmt.Fprintln(w, "Each ends lowest on its own quantity.")
	} else {
		fmt.Fprintf(w, "In this run %s (the default steps are long enough for each to lead on its own).\n", strings.Join(missed, "; "))
	}
	fmt.Fprintln(w)
}

// --- Theorem 4.8 ----------------------------------------------------------

type thmRun struct {
	eigs               []float64
	eta, rho           float64
	steps              int
	cos, norm, predict float64
	flips              bool
	norms              []float64 // ‖x_t‖, subsampled, for the plot
}

// theorem48 runs full-batch SAM on L(x) = ½·xᵀAx for several A, η, ρ with
// η·λ1 < 1: the paper proves that x aligns with ±v1, flips sign every step,
// and that ‖x‖ → ηρλ1/(2 − ηλ1).
func theorem48(ctx context.Context, seed uint64, prog *progress) ([]*thmRun, error) {
	runs := []*thmRun{
		{eigs: []float64{2, 1, 0.6, 0.3, 0.1}, eta: 0.2, rho: 0.05},
		{eigs: []float64{5, 3, 2, 1, 0.5, 0.1}, eta: 0.15, rho: 0.01},
		{eigs: []float64{10, 1, 1, 1, 1, 1, 1, 1}, eta: 0.05, rho: 0.02},
	}
	prog.start("Theorem 4.8")
	defer prog.done()
	for k, r := range runs {
		q, err := models.NewQuadraticSpectrum(r.eigs, seed+uint64(k))
		if err != nil {
			return nil, err
		}
		_, vecs := q.Eigen()
		d := len(r.eigs)
		rng := rand.New(rand.NewPCG(seed, uint64(k)))
		x, g := make([]float64, d), make([]float64, d)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		opt, err := sam.NewFlat(sam.Config[float64]{Perturbation: sam.SAM, Rho: r.rho, SGD: &sam.SGD{LR: r.eta}}, x, g)
		if err != nil {
			return nil, err
		}
		r.steps = 20000
		prev := make([]float64, d)
		for s := 1; s <= r.steps; s++ {
			copy(prev, x)
			if err := opt.Step(func() error { q.Grad(g, x); return nil }); err != nil {
				return nil, err
			}
			if s%50 == 0 {
				r.norms = append(r.norms, kernels.Norm(x))
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				prog.set(fmt.Sprintf("A%d", k+1), float64(s)/float64(r.steps))
			}
		}
		r.norm = kernels.Norm(x)
		r.cos = math.Abs(kernels.Dot(x, vecs[0])) / r.norm
		r.flips = kernels.Dot(x, prev) < 0
		l1 := r.eigs[0]
		r.predict = r.eta * r.rho * l1 / (2 - r.eta*l1)
	}
	return runs, nil
}

func printTheorem48(w io.Writer, runs []*thmRun) {
	fmt.Fprintln(w, "Theorem 4.8: full-batch SAM on L(x) = ½·xᵀAx aligns x with ±v1, flips its sign every step, and ‖x‖ → ηρλ1/(2 − ηλ1)")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "spectrum of A\tη\tρ\tsteps\t|cos(x, v1)|\tsign flips\t‖x‖\tpredicted\trel. error\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%v\t%g\t%g\t%d\t%.12f\t%v\t%.6e\t%.6e\t%.1e\t\n", r.eigs, r.eta, r.rho, r.steps, r.cos, r.flips,
			r.norm, r.predict, math.Abs(r.norm-r.predict)/r.predict)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// --- alignment --------------------------------------------------------------

type alignRun struct {
	name  string
	steps []int
	cos   []float64
}

// alignmentRuns follows |cos(∇L, v1)| along full-batch SAM and plain GD on
// the toy, a non-quadratic loss: near the minimizers SAM's gradient aligns
// with the top eigenvector (Theorem 4.5: the angle is O(ρ)), which is how it
// comes to follow λ1's gradient; GD's aligns with the bottom one, the
// direction that decays slowest.
func alignmentRuns(ctx context.Context, prog *progress) ([]*alignRun, error) {
	prog.start("alignment")
	defer prog.done()
	var out []*alignRun
	for _, c := range []struct {
		name string
		kind sam.Perturbation
	}{{"full-batch SAM", sam.SAM}, {"GD", sam.NoPerturbation}} {
		var toy models.Toy
		x, g := models.ToyStart(), make([]float64, 4)
		opt, err := sam.NewFlat(sam.Config[float64]{Perturbation: c.kind, Rho: 0.005, SGD: &sam.SGD{LR: 0.05}}, x, g)
		if err != nil {
			return nil, err
		}
		r := &alignRun{name: c.name}
		const steps = 200
		for s := 0; s <= steps; s++ {
			if s > 0 {
				if err := opt.Step(func() error { toy.Grad(g, x); return nil }); err != nil {
					return nil, err
				}
			}
			toy.Grad(g, x)
			r.steps = append(r.steps, s)
			r.cos = append(r.cos, hessian.AlignmentOf(g, topEigenvector(x)))
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			prog.set(c.name, float64(s)/steps)
		}
		out = append(out, r)
	}
	return out, nil
}

// topEigenvector returns v1 of the toy's Hessian at x.
func topEigenvector(x []float64) []float64 {
	var eig mat.EigenSym
	eig.Factorize(toyHessianMatrix(x), true)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	return mat.Col(nil, 3, &vecs)
}

func printAlignment(w io.Writer, runs []*alignRun) {
	fmt.Fprintln(w, "Alignment |cos(∇L, v1)| on the toy (η = 0.05, ρ = 0.005): SAM's gradient turns to the top Hessian eigenvector")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprint(tw, "algorithm\t")
	for _, s := range []int{0, 10, 50, 100, 200} {
		fmt.Fprintf(tw, "step %d\t", s)
	}
	fmt.Fprintln(tw)
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t", r.name)
		for _, s := range []int{0, 10, 50, 100, 200} {
			fmt.Fprintf(tw, "%.4f\t", r.cos[s])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
