package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/samkern/samkern/internal/ref"
)

// The summation structure of AVX2's diffSumSq and combineSumSq (their
// headers, variants_avx2_*_amd64.h): Σ d² in float64 over terms d of T,
// two accumulators (Y8, Y9) of four float64 lanes. With two vectors of T
// per iteration, a float64 vector goes to accumulator k for its position
// k in the iteration; a float32 vector's low four widen into accumulator
// k and its high four into 1−k; the one-vector step is position 0. The
// scalar tail has an accumulator of its own (X10), added last, after
// Y8 + Y9 and its lanes by halves. TestReductions and the variants' tests
// check these sums against error bounds, which a term moved to the other
// accumulator still meets; this test demands the bits.

// wideSumAVX2 is that structure's Σ d(i)² over n terms.
func wideSumAVX2[T float32 | float64](n int, d func(i int) T) float64 {
	L := vecLanes[T](AVX2)
	var acc [2][4]float64
	step := func(j, k int) {
		for e := range L {
			t := float64(d(j + e))
			slot := k
			if e >= 4 { // float32's high half
				slot = 1 - k
			}
			acc[slot][e%4] = math.FMA(t, t, acc[slot][e%4])
		}
	}
	i := 0
	for ; i+2*L <= n; i += 2 * L {
		step(i, 0)
		step(i+L, 1)
	}
	if i+L <= n {
		step(i, 0)
		i += L
	}
	var tail float64
	for ; i < n; i++ {
		t := float64(d(i))
		tail = math.FMA(t, t, tail)
	}
	var v [4]float64
	for e := range v {
		v[e] = acc[0][e] + acc[1][e]
	}
	return ((v[0] + v[2]) + (v[1] + v[3])) + tail
}

func TestVariantSumStructure(t *testing.T) {
	testVariantSumStructure[float64](t)
	testVariantSumStructure[float32](t)
}

func testVariantSumStructure[T float32 | float64](t *testing.T) {
	r := rand.New(rand.NewPCG(3, 17))
	// Magnitudes in [1, 2) with random signs: every square is comparable
	// to the partial sums, so one rounding in another order shows.
	vec := func(n int) []T {
		v := make([]T, n)
		for i := range v {
			v[i] = T((1 + r.Float64()) * float64(1-2*r.IntN(2)))
		}
		return v
	}
	for _, l := range testLevels() {
		if l == AVX2 { // the other levels' plans are not written out here
			testAVX2SumStructure(t, vec)
		}
	}
}

func testAVX2SumStructure[T float32 | float64](t *testing.T, vec func(int) []T) {
	for n := 0; n <= 4*vecLanes[T](AVX2)+3; n++ {
		x, y, dst := vec(n), vec(n), make([]T, n)
		a, b := T(0.75), T(-1.25)
		// diffSumSq: d = fma(nsigma, m, g), rounded to T.
		want := wideSumAVX2(n, func(i int) T { return ref.FMA(a, y[i], x[i]) })
		scramble()
		var got float64
		switch x := any(x).(type) {
		case []float64:
			got = AVX2.diffSumSq(x, any(y).([]float64), float64(a))
		case []float32:
			got = AVX2.diffSumSq32(x, any(y).([]float32), float32(a))
		}
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("avx2 diffSumSq (%T) n=%d: %v, the plan gives %v", x, n, got, want)
		}
		// combineSumSq: d = fma(b, y, a·x), the product rounded first.
		want = wideSumAVX2(n, func(i int) T { return ref.FMA(b, y[i], T(a*x[i])) })
		scramble()
		switch x := any(x).(type) {
		case []float64:
			got = AVX2.combineSumSq(any(dst).([]float64), x, any(y).([]float64), float64(a), float64(b))
		case []float32:
			got = AVX2.combineSumSq32(any(dst).([]float32), x, any(y).([]float32), float32(a), float32(b))
		}
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("avx2 combineSumSq (%T) n=%d: %v, the plan gives %v", x, n, got, want)
		}
	}
}
