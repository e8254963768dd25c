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

// Every level this CPU supports can be called directly.
func ExampleLevel() {
	x := []float32{1, 2, 3}
	for _, l := range kernels.Levels() {
		_ = l.Dot32(x, x) // 14 on every level
	}
	fmt.Println(kernels.Generic.Dot32(x, x), kernels.Levels()[len(kernels.Levels())-1])
	// Output: 14 generic
}
