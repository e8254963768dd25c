package kernels_test

import (
	"fmt"

	"github.com/samkern/samkern/kernels"
)

// A SAM-style ascent step: perturb w by rho·g/‖g‖.
func Example() {
	w := []float64{1, 2, 3, 4}
	g := []float64{0.3, 0, -0.4, 0}
	rho := 0.05
	norm := kernels.Norm(g) // 0.5, without overflow or underflow for any scale
	kernels.Axpy(rho/norm, g, w)
	fmt.Printf("‖g‖ = %.1f, w = %.2f\n", norm, w)
	fmt.Printf("g·w = %.3f\n", kernels.Dot(g, w))
	// Output:
	// ‖g‖ = 0.5, w = [1.03 2.00 2.96 4.00]
	// g·w = -0.875
}

// Every level this CPU supports can be called directly, which is how the
// tests compare each one with the reference. On integers the sum of
// products is exact, so every level gives the same answer although each
// sums in its own order.
func ExampleLevel() {
	x := make([]float32, 1000) // long enough for every level's main loop
	for i := range x {
		x[i] = float32(i%7 - 3)
	}
	want := kernels.Generic.Dot32(x, x)
	agree := true
	for _, l := range kernels.Levels() {
		agree = agree && l.Dot32(x, x) == want && l.SumSq32(x) == want
	}
	fmt.Println(want, agree, kernels.Levels()[len(kernels.Levels())-1])
	// Output: 3995 true generic
}
