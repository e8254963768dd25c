package bench

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/kernels/gonumblas"
)

// The gonumblas peer: samkern's gonum drop-in (kernels/gonumblas), zero
// value, so it runs kernels.Active() as it does after
// blas64.Use(gonumblas.Implementation{}). Its columns show what the BLAS
// wrapper (argument checks, increments, the interface a gonum user calls
// through) costs on top of the kernel it reaches.
func init() {
	var g gonumblas.Implementation
	extraImpls = append(extraImpls, &impl{
		name:    "gonumblas",
		dot:     func(x, y []float64) float64 { return g.Ddot(len(x), x, 1, y, 1) },
		axpy:    func(a float64, x, y []float64) { g.Daxpy(len(x), a, x, 1, y, 1) },
		scale:   func(a float64, x []float64) { g.Dscal(len(x), a, x, 1) },
		norm:    func(x []float64) float64 { return g.Dnrm2(len(x), x, 1) },
		dot32:   func(x, y []float32) float32 { return g.Sdot(len(x), x, 1, y, 1) },
		axpy32:  func(a float32, x, y []float32) { g.Saxpy(len(x), a, x, 1, y, 1) },
		scale32: func(a float32, x []float32) { g.Sscal(len(x), a, x, 1) },
		norm32:  func(x []float32) float32 { return g.Snrm2(len(x), x, 1) },
	})
	extraImpls2 = append(extraImpls2, &impl2{
		name: "gonumblas",
		matVec: func(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
			g.Dgemv(blas.NoTrans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		matTVec: func(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
			g.Dgemv(blas.Trans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		symMatVec: func(n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
			g.Dsymv(blas.Upper, n, alpha, a, lda, x, 1, beta, y, 1)
		},
		matVec32: func(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
			g.Sgemv(blas.NoTrans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		matTVec32: func(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
			g.Sgemv(blas.Trans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		symMatVec32: func(n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
			g.Ssymv(blas.Upper, n, alpha, a, lda, x, 1, beta, y, 1)
		},
	})
}

// BenchmarkMulVec measures gonum/mat's Dense.MulVec (y = A·x for an n×n
// Dense A, through blas64.Gemv) with gonum's native BLAS installed
// (impl=gonum) and with samkern's drop-in installed by blas64.Use
// (impl=<level>: gonumblas.ForLevel(level); the zero value runs the first
// level): what a gonum/mat user gets from one line. Each sub-benchmark
// installs its implementation and restores the previous one when it ends.
// SetBytes and GFLOP/s as for BenchmarkMatVec. Names:
// BenchmarkMulVec/f64/n=1024/impl=avx512.
func BenchmarkMulVec(b *testing.B) {
	b.Run("f64", func(b *testing.B) {
		forMatSizes(b, func(b *testing.B, n int) {
			a := mat.NewDense(n, n, randVec[float64](n*n, 1))
			x := mat.NewVecDense(n, randVec[float64](n, 2))
			y := mat.NewVecDense(n, nil)
			impls := []struct {
				name string
				blas blas.Float64
			}{{"gonum", gonum.Implementation{}}}
			for _, l := range kernels.Levels() {
				impls = append(impls, struct {
					name string
					blas blas.Float64
				}{l.String(), gonumblas.ForLevel(l)})
			}
			for _, im := range impls {
				b.Run("impl="+im.name, func(b *testing.B) {
					prev := blas64.Implementation()
					blas64.Use(im.blas)
					defer blas64.Use(prev)
					b.SetBytes(int64(n * n * 8))
					for range b.N {
						y.MulVec(a, x)
					}
					reportGFLOPs(b, 2*float64(n)*float64(n))
				})
			}
		})
	})
}

// TestMulVecUsesInstalled checks that BenchmarkMulVec measures what it says:
// Dense.MulVec goes through the implementation installed with blas64.Use
// (a counting wrapper sees the Dgemv) and gives the same result with
// gonumblas as with gonum's native BLAS, up to rounding.
func TestMulVecUsesInstalled(t *testing.T) {
	const n = 100
	a := mat.NewDense(n, n, randVec[float64](n*n, 1))
	x := mat.NewVecDense(n, randVec[float64](n, 2))
	var want, got mat.VecDense
	prev := blas64.Implementation()
	defer blas64.Use(prev)

	blas64.Use(gonum.Implementation{})
	want.MulVec(a, x)
	c := &countingGemv{Float64: gonumblas.Implementation{}}
	blas64.Use(c)
	got.MulVec(a, x)
	require.Equal(t, 1, c.calls, "Dgemv calls of Dense.MulVec through the installed implementation")
	for i := range n {
		// Entries in [-1, 1]: |error| ≤ γ_{n+10}·n in either, far below 1e-12.
		require.InDelta(t, want.AtVec(i), got.AtVec(i), 1e-12, "[%d]", i)
	}
}

// countingGemv counts the Dgemv calls that reach it.
type countingGemv struct {
	blas.Float64
	calls int
}

func (c *countingGemv) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	c.calls++
	c.Float64.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}
