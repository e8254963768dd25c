package gonumblas_test

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/kernels/gonumblas"
)

// Installing gonumblas makes gonum/mat (and every other blas64 and blas32
// caller) run its matrix-vector products and Level-1 vector operations on
// samkern's kernels: Dense.MulVec becomes a Dgemv on kernels.MatVec,
// SymDense.MulVec a Dsymv on kernels.SymMatVec, VecDense.Norm a Dnrm2. The
// bench package's BenchmarkMulVec measures the speed-up. The example
// restores the previous implementations so that the rest of the program is
// unaffected.
func Example() {
	prev64, prev32 := blas64.Implementation(), blas32.Implementation()
	blas64.Use(gonumblas.Implementation{})
	blas32.Use(gonumblas.Implementation{})
	defer func() {
		blas64.Use(prev64)
		blas32.Use(prev32)
	}()
	fmt.Printf("blas64 runs %T\n", blas64.Implementation())

	a := mat.NewDense(3, 4, []float64{
		1, 2, 3, 4,
		5, 6, 7, 8,
		9, 10, 11, 12,
	})
	x := mat.NewVecDense(4, []float64{1, 0, -1, 2})
	var y mat.VecDense
	y.MulVec(a, x) // Dgemv NoTrans: kernels.MatVec
	fmt.Println("A·x =", y.RawVector().Data)

	var z mat.VecDense
	z.MulVec(a.T(), &y) // Dgemv Trans: kernels.MatTVec
	fmt.Println("Aᵀ·(A·x) =", z.RawVector().Data)

	s := mat.NewSymDense(3, []float64{
		2, -1, 0,
		-1, 2, -1,
		0, -1, 2,
	})
	var w mat.VecDense
	w.MulVec(s, &y) // Dsymv Upper: kernels.SymMatVec
	fmt.Println("S·(A·x) =", w.RawVector().Data)
	fmt.Println("‖A·x‖ =", mat.Norm(&y, 2)) // Dnrm2: kernels.Norm
	// Output:
	// blas64 runs gonumblas.Implementation
	// A·x = [6 14 22]
	// Aᵀ·(A·x) = [274 316 358 400]
	// S·(A·x) = [-2 0 30]
	// ‖A·x‖ = 26.758176320519304
}

// ForLevel pins an instruction-set level, for example the generic level,
// whose results are the same bits on every machine.
func ExampleForLevel() {
	impl := gonumblas.ForLevel(kernels.Generic)
	x := []float64{1, 2, 3, 4}
	y := []float64{4, 3, 2, 1}
	fmt.Println(impl.Level(), impl.Ddot(len(x), x, 1, y, 1))
	impl.Daxpy(len(x), 0.5, x, 1, y, 1)
	fmt.Println(y)
	// Output:
	// generic 20
	// [4.5 4 3.5 3]
}
