package sam_test

import (
	"fmt"
	"log"
	"math/rand/v2"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/sam"
)

// A trainer that owns its forward and backward passes drives SAM in two
// phases: its gradient, Ascend, its gradient at the perturbed weights,
// Descend. Here the "model" is a least-squares fit whose gradient the
// trainer computes itself, in float32 as a training loop would.
func Example_twoPhase() {
	// y = 2·x0 − x1 + 0.5, written as 3 weights over features (x0, x1, 1).
	xs := [][3]float32{{1, 0, 1}, {0, 1, 1}, {1, 1, 1}, {2, 1, 1}, {-1, 2, 1}}
	ys := []float32{2.5, -0.5, 1.5, 3.5, -3.5}
	w := make([]float32, 3) // the trainer's parameters
	g := make([]float32, 3) // and its gradient buffer
	backward := func() {
		clear(g)
		for k, x := range xs {
			r := w[0]*x[0] + w[1]*x[1] + w[2]*x[2] - ys[k]
			for i := range g {
				g[i] += r * x[i] / float32(len(xs))
			}
		}
	}

	opt, err := sam.New(sam.Config[float32]{
		Perturbation: sam.SAM,
		Rho:          0.05,
		SGD:          &sam.SGD{LR: 0.1, Momentum: 0.9},
	}, sam.Group[float32]{Params: w, Grads: g})
	if err != nil {
		log.Fatal(err)
	}
	for range 300 {
		backward() // ∇L(w) into g
		again, err := opt.Ascend()
		if err != nil {
			log.Fatal(err) // e.g. sam.ErrNonFinite: nothing was changed
		}
		if again {
			backward() // ∇L(w + e) into g
		}
		if err := opt.Descend(); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("w ≈ (%.1f, %.1f, %.1f) after %d steps\n", w[0], w[1], w[2], opt.Steps())
	// Output: w ≈ (2.0, -1.0, 0.5) after 300 steps
}

// With a gradient closure, Step does both gradient evaluations itself.
// Here SAM trains logistic regression on two Gaussian clusters, and the
// sharpness measures compare the start with the end.
func Example_closure() {
	const m, d = 200, 5
	x, y := models.GaussianClusters(m, d, 3, 1)
	obj, err := models.NewLogistic(m, d, x, d, y, 1e-2)
	if err != nil {
		log.Fatal(err)
	}
	w, g := make([]float64, d), make([]float64, d)
	opt, err := sam.NewFlat(sam.Config[float64]{
		Perturbation: sam.SAM,
		Rho:          0.1,
		SGD:          &sam.SGD{LR: 0.5},
	}, w, g)
	if err != nil {
		log.Fatal(err)
	}
	start := obj.Loss(w)
	for range 200 {
		if err := opt.Step(func() error { obj.Grad(g, w); return nil }); err != nil {
			log.Fatal(err)
		}
	}
	asc, err := hessian.AscentDirection(hessian.At(obj, w), 0.1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("loss %.2f -> %.2f; ascent-direction sharpness at ρ = 0.1: %.1e\n", start, obj.Loss(w), asc)
	// Output: loss 0.69 -> 0.16; ascent-direction sharpness at ρ = 0.1: 4.3e-04
}

// 1-SAM and m-SAM: each micro-batch gets its own perturbation, from its own
// gradient, and StepMicro hands the closure the samples to evaluate, twice
// (at w and at the perturbed point), so the two gradients of a micro-batch
// are always taken on the same samples. Here 1-SAM, micro-batches of one
// sample drawn with a seeded generator, fits least squares.
func Example_oneSAM() {
	const m, d = 40, 3
	x, y := models.GaussianClusters(m, d, 2, 7)
	obj, err := models.NewLeastSquares(m, d, x, d, y)
	if err != nil {
		log.Fatal(err)
	}
	w, g := make([]float64, d), make([]float64, d)
	opt, err := sam.NewFlat(sam.Config[float64]{Perturbation: sam.SAM, Rho: 0.05, SGD: &sam.SGD{LR: 0.05}}, w, g)
	if err != nil {
		log.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	batches := make([][]int, 4) // four per-sample perturbations per step
	for k := range batches {
		batches[k] = make([]int, 1)
	}
	start := obj.Loss(w)
	for range 300 {
		for _, b := range batches {
			b[0] = rng.IntN(obj.Samples())
		}
		err := opt.StepMicro(batches, func(b []int) error { obj.GradSamples(g, w, b); return nil })
		if err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("loss %.3f -> %.3f\n", start, obj.Loss(w))
	// Output: loss 0.500 -> 0.263
}

// A run that stops can resume: MarshalBinary saves the optimizer's state
// (step count, momentum or AdamW's moments, the learning rate and radius its
// setters hold), the trainer saves its parameters, and a fresh optimizer
// built from the same Config over the same groups loads the state and goes
// on exactly as the run would have.
func Example_checkpoint() {
	w, g := []float32{1, -2}, make([]float32, 2)
	grad := func() error { g[0], g[1] = 2*w[0], 4*w[1]; return nil } // L = w0² + 2w1²
	cfg := sam.Config[float32]{Perturbation: sam.SAM, Rho: 0.05, AdamW: &sam.AdamW{LR: 0.05}}
	opt, err := sam.NewFlat(cfg, w, g)
	if err != nil {
		log.Fatal(err)
	}
	for range 10 {
		if err := opt.Step(grad); err != nil {
			log.Fatal(err)
		}
	}
	state, err := opt.MarshalBinary() // write it to a file with the parameters
	if err != nil {
		log.Fatal(err)
	}

	resumed, err := sam.NewFlat(cfg, w, g) // a new process, say
	if err != nil {
		log.Fatal(err)
	}
	if err := resumed.UnmarshalBinary(state); err != nil {
		log.Fatal(err) // a truncated or mismatched file: nothing was changed
	}
	fmt.Printf("resumed at step %d with %d bytes of state\n", resumed.Steps(), len(state))
	// Output: resumed at step 10 with 76 bytes of state
}
