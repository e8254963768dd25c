package bench

import (
	"math"
	"testing"

	"github.com/samkern/samkern/kernels"
)

// TestImplsAgree checks that every implementation the benchmarks call
// computes the operation it is benchmarked as, against samkern's Generic
// level: it catches a peer wired with the wrong arguments (an AxpyTo with x
// and y swapped, a cgo binding with the wrong stride) before its numbers
// are published. The tolerances are loose: this is not an accuracy test.
func TestImplsAgree(t *testing.T) {
	ref := levelImpl(kernels.Generic)
	for _, p := range impls() {
		t.Run(p.name, func(t *testing.T) {
			for _, n := range []int{1, 17, 1000, 70000} {
				checkImpl(t, p, ref, n)
			}
		})
	}
}

// checkImpl compares every operation p has with ref's on vectors of length n.
func checkImpl(t *testing.T, p, ref *impl, n int) {
	t.Helper()
	x, y, z := randVec[float64](n, 1), randVec[float64](n, 2), randVec[float64](n, 3)
	x32, y32, z32 := randVec[float32](n, 1), randVec[float32](n, 2), randVec[float32](n, 3)
	const tol, tol32 = 1e-10, 1e-3
	scale := float64(n) // bounds Σ|x_i y_i| and Σ x_i² for entries in [-1, 1]

	near := func(op string, got, want, scale, tol float64) {
		t.Helper()
		if !(math.Abs(got-want) <= tol*scale) {
			t.Errorf("%s n=%d: got %v, want %v", op, n, got, want)
		}
	}
	nearVec := func(op string, got, want []float64, tol float64) {
		t.Helper()
		for i := range got {
			if !(math.Abs(got[i]-want[i]) <= tol) {
				t.Errorf("%s n=%d: [%d] got %v, want %v", op, n, i, got[i], want[i])
				return
			}
		}
	}
	nearVec32 := func(op string, got, want []float32, tol float64) {
		t.Helper()
		for i := range got {
			if !(math.Abs(float64(got[i])-float64(want[i])) <= tol) {
				t.Errorf("%s n=%d: [%d] got %v, want %v", op, n, i, got[i], want[i])
				return
			}
		}
	}
	clone := func(v []float64) []float64 { return append([]float64(nil), v...) }
	clone32 := func(v []float32) []float32 { return append([]float32(nil), v...) }

	if p.dot != nil {
		near("Dot", p.dot(x, y), ref.dot(x, y), scale, tol)
	}
	if p.sumSq != nil {
		near("SumSq", p.sumSq(x), ref.sumSq(x), scale, tol)
	}
	if p.norm != nil {
		near("Norm", p.norm(x), ref.norm(x), 1, tol)
	}
	if p.axpy != nil {
		got, want := clone(y), clone(y)
		p.axpy(0.75, x, got)
		ref.axpy(0.75, x, want)
		nearVec("Axpy", got, want, tol)
	}
	if p.axpyTo != nil {
		got, want := clone(z), clone(z)
		p.axpyTo(got, 0.75, x, y)
		ref.axpyTo(want, 0.75, x, y)
		nearVec("AxpyTo", got, want, tol)
	}
	if p.scale != nil {
		got, want := clone(x), clone(x)
		p.scale(0.75, got)
		ref.scale(0.75, want)
		nearVec("Scale", got, want, tol)
	}

	if p.dot32 != nil {
		near("Dot32", float64(p.dot32(x32, y32)), float64(ref.dot32(x32, y32)), scale, tol32)
	}
	if p.sumSq32 != nil {
		near("SumSq32", float64(p.sumSq32(x32)), float64(ref.sumSq32(x32)), scale, tol32)
	}
	if p.sumSqWide32 != nil {
		// OpenBLAS 0.3.21's SkylakeX dsdot kernel sums in float32 (its
		// error here is float32-sized), though dsdot promises a float64
		// sum; the peer is still the right operation, so it gets the
		// float32 tolerance rather than failing the wiring check.
		t := tol
		if p.name == "openblas" {
			t = tol32
		}
		near("SumSqWide32", p.sumSqWide32(x32), ref.sumSqWide32(x32), scale, t)
	}
	if p.norm32 != nil {
		near("Norm32", float64(p.norm32(x32)), float64(ref.norm32(x32)), 1, tol32)
	}
	if p.axpy32 != nil {
		got, want := clone32(y32), clone32(y32)
		p.axpy32(0.75, x32, got)
		ref.axpy32(0.75, x32, want)
		nearVec32("Axpy32", got, want, 1e-6)
	}
	if p.axpyTo32 != nil {
		got, want := clone32(z32), clone32(z32)
		p.axpyTo32(got, 0.75, x32, y32)
		ref.axpyTo32(want, 0.75, x32, y32)
		nearVec32("AxpyTo32", got, want, 1e-6)
	}
	if p.scale32 != nil {
		got, want := clone32(x32), clone32(x32)
		p.scale32(0.75, got)
		ref.scale32(0.75, want)
		nearVec32("Scale32", got, want, 1e-6)
	}

	// The loops of calls: three dots sum to three times one; axpy with
	// calls0 = 1 runs alpha = -1e-9 and then +1e-9, made visible by an x of
	// 1e8 scale: one call checks the first alpha, two that the loop runs
	// reps calls with alternating alphas.
	if p.dotReps != nil {
		near("Dot×3", p.dotReps(x, y, 3), 3*ref.dot(x, y), 3*scale, tol)
	}
	if p.dot32Reps != nil {
		near("Dot32×3", float64(p.dot32Reps(x32, y32, 3)), 3*float64(ref.dot32(x32, y32)), 3*scale, tol32)
	}
	if p.axpyReps != nil {
		big := clone(x)
		ref.scale(1e8, big)
		got, want := clone(y), clone(y)
		p.axpyReps(big, got, 1, 1)
		ref.axpy(-1e-9, big, want)
		nearVec("Axpy×1", got, want, tol)
		got, want = clone(y), clone(y)
		p.axpyReps(big, got, 2, 1)
		ref.axpy(-1e-9, big, want)
		ref.axpy(1e-9, big, want)
		nearVec("Axpy×2", got, want, tol)
	}
	if p.axpy32Reps != nil {
		big := clone32(x32)
		ref.scale32(1e8, big)
		got, want := clone32(y32), clone32(y32)
		p.axpy32Reps(big, got, 1, 1)
		ref.axpy32(-1e-9, big, want)
		nearVec32("Axpy32×1", got, want, 1e-6)
		got, want = clone32(y32), clone32(y32)
		p.axpy32Reps(big, got, 2, 1)
		ref.axpy32(-1e-9, big, want)
		ref.axpy32(1e-9, big, want)
		nearVec32("Axpy32×2", got, want, 1e-6)
	}
}
