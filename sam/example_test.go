package sam_test

import (
	"fmt"
	"log"

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
		if err := opt.Ascend(); err != nil {
			log.Fatal(err) // e.g. sam.ErrNonFinite: nothing was changed
		}
		backward() // ∇L(w + e) into g
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
