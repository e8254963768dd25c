package hessian_test

import (
	"context"
	"fmt"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
)

// The paper's three sharpness measures on its Figure 1 toy at a minimizer
// on Γ, where they tend to (ρ²/2)·λ1, (ρ²/2)·λ_min⁺ and (ρ²/(2D))·Tr(H),
// and the alignment of the gradient with v1 at the paper's starting point
// just off Γ.
func Example_toySharpness() {
	ctx := context.Background()
	var toy models.Toy
	const rho = 0.01
	x := []float64{-1, -1, 0, 0} // on Γ = {x3 = x4 = 0}

	top, bottom := toy.ManifoldEigenvalues(x)
	fmt.Printf("on Γ: λ1 = 2·F1 = %.4f, smallest non-zero 2·F2 = %.4f\n", top, bottom)

	worst, err := hessian.WorstDirection(ctx, hessian.At(toy, x), rho, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("worst-direction   (ρ²/2)·λ1      = %.4e (Lanczos λ1 = %.4f)\n", worst.Sharpness, worst.Lambda1)
	direct, err := hessian.WorstDirectionAscent(ctx, hessian.At(toy, x), rho, &hessian.AscentOptions{Start: []float64{0, 0, 1, 1}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("worst-direction   max over ball  = %.4e\n", direct.Sharpness)
	avg, err := hessian.AverageDirectionTrace(ctx, hessian.At(toy, x), rho, &lanczos.TraceOptions{Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Printf("average-direction (ρ²/2D)·Tr(H) = %.4e\n", avg.Sharpness)
	mc, se, err := hessian.AverageDirection(ctx, hessian.At(toy, x), rho, 4000, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("average-direction Monte Carlo   = %.2e ± %.0e\n", mc, se)

	start := models.ToyStart()
	asc, err := hessian.AscentDirection(hessian.At(toy, start), rho)
	if err != nil {
		panic(err)
	}
	align, err := hessian.Alignment(ctx, hessian.At(toy, start), nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("at %v: ascent-direction %.4e, |cos(∇L, v1)| = %.4f\n", start, asc, align)

	// Output:
	// on Γ: λ1 = 2·F1 = 5.9634, smallest non-zero 2·F2 = 2.9634
	// worst-direction   (ρ²/2)·λ1      = 2.9817e-04 (Lanczos λ1 = 5.9634)
	// worst-direction   max over ball  = 2.9817e-04
	// average-direction (ρ²/2D)·Tr(H) = 1.1158e-04
	// average-direction Monte Carlo   = 1.12e-04 ± 1e-06
	// at [-1 -1 0.05 0.05]: ascent-direction 3.5980e-03, |cos(∇L, v1)| = 0.8955
}
