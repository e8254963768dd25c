package gonumblas_test

import (
	"testing"

	"gonum.org/v1/gonum/blas/testblas"

	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/kernels/gonumblas"
)

// TestTestblasAccelerated runs gonum's own test suites (blas/testblas) for
// every routine gonumblas accelerates, on every level this CPU supports:
// results against gonum's tabulated answers (positive, negative and
// non-unit increments, NaN and Inf inputs, the alpha = 0 and beta = 0
// rules) and the panics for every invalid argument.
func TestTestblasAccelerated(t *testing.T) {
	for _, l := range kernels.Levels() {
		impl := gonumblas.ForLevel(l)
		t.Run(l.String(), func(t *testing.T) {
			t.Run("Ddot", func(t *testing.T) { testblas.DdotTest(t, impl) })
			t.Run("Daxpy", func(t *testing.T) { testblas.DaxpyTest(t, impl) })
			t.Run("Dscal", func(t *testing.T) { testblas.DscalTest(t, impl) })
			t.Run("Dnrm2", func(t *testing.T) { testblas.Dnrm2Test(t, impl) })
			t.Run("Dgemv", func(t *testing.T) { testblas.DgemvTest(t, impl) })
			t.Run("Dsymv", func(t *testing.T) { testblas.DsymvTest(t, impl) })
		})
	}
}

// TestTestblasDelegated runs the rest of gonum's float64 suites, the ones
// gonum's own blas/gonum package runs, on the zero value: these routines are
// the embedded gonum code, so this checks that the drop-in is a complete and
// correct blas.Float64, not samkern's kernels (they do not depend on the
// level).
func TestTestblasDelegated(t *testing.T) {
	impl := gonumblas.Implementation{}
	suites := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"Dasum", func(t *testing.T) { testblas.DasumTest(t, impl) }},
		{"Idamax", func(t *testing.T) { testblas.IdamaxTest(t, impl) }},
		{"Dswap", func(t *testing.T) { testblas.DswapTest(t, impl) }},
		{"Dcopy", func(t *testing.T) { testblas.DcopyTest(t, impl) }},
		{"Drotg", func(t *testing.T) { testblas.DrotgTest(t, impl, false) }},
		{"Drotmg", func(t *testing.T) { testblas.DrotmgTest(t, impl) }},
		{"Drot", func(t *testing.T) { testblas.DrotTest(t, impl) }},
		{"Drotm", func(t *testing.T) { testblas.DrotmTest(t, impl) }},
		{"Dger", func(t *testing.T) { testblas.DgerTest(t, impl) }},
		{"Dtxmv", func(t *testing.T) { testblas.DtxmvTest(t, impl) }},
		{"Dgbmv", func(t *testing.T) { testblas.DgbmvTest(t, impl) }},
		{"Dtbsv", func(t *testing.T) { testblas.DtbsvTest(t, impl) }},
		{"Dsbmv", func(t *testing.T) { testblas.DsbmvTest(t, impl) }},
		{"Dtbmv", func(t *testing.T) { testblas.DtbmvTest(t, impl) }},
		{"Dtrsv", func(t *testing.T) { testblas.DtrsvTest(t, impl) }},
		{"Dtrmv", func(t *testing.T) { testblas.DtrmvTest(t, impl) }},
		{"Dsyr", func(t *testing.T) { testblas.DsyrTest(t, impl) }},
		{"Dsyr2", func(t *testing.T) { testblas.Dsyr2Test(t, impl) }},
		{"Dspr2", func(t *testing.T) { testblas.Dspr2Test(t, impl) }},
		{"Dspr", func(t *testing.T) { testblas.DsprTest(t, impl) }},
		{"Dspmv", func(t *testing.T) { testblas.DspmvTest(t, impl) }},
		{"Dtpsv", func(t *testing.T) { testblas.DtpsvTest(t, impl) }},
		{"Dtpmv", func(t *testing.T) { testblas.DtpmvTest(t, impl) }},
		{"Dgemm", func(t *testing.T) { testblas.TestDgemm(t, impl) }},
		{"Dsymm", func(t *testing.T) { testblas.DsymmTest(t, impl) }},
		{"Dtrsm", func(t *testing.T) { testblas.DtrsmTest(t, impl) }},
		{"Dsyrk", func(t *testing.T) { testblas.DsyrkTest(t, impl) }},
		{"Dsyr2k", func(t *testing.T) { testblas.Dsyr2kTest(t, impl) }},
		{"Dtrmm", func(t *testing.T) { testblas.DtrmmTest(t, impl) }},
	}
	for _, s := range suites {
		t.Run(s.name, s.run)
	}
}
