package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/samkern/samkern/internal/ref"
)

// The summation structure of diffSumSq and combineSumSq (their headers,
// variants_{avx2,avx512}_*_amd64.h and variants_neon_*_arm64.h): Σ d² in
// float64 over terms d of T, two accumulators of W float64 lanes (AVX2: Y8
// and Y9, W = 4; AVX-512: Z16 and Z17, W = 8; NEON: V20 and V21, W = 2).
// With two vectors of T per iteration, a float64 vector goes to
// accumulator k for its position k in the iteration. A float32 vector
// widens by halves: on amd64 its low W go to accumulator k and its high W
// to 1−k (crossed); on NEON (FCVTL, FCVTL2) its low half always goes to
// V20 and its high half to V21. The one-vector step is position 0. The
// tail differs: AVX2 and NEON sum its scalars in an accumulator of their
// own (X10, F22), added last; AVX-512 reads it as one masked vector at
// position 0 (the lanes outside the mask are 0 and add nothing). Then the
// two accumulators are added and their lanes summed by halves (NEON's
// FADDP of two lanes is the same). TestReductions and the variants' tests
// check these sums against error bounds, which a term moved to the other
// accumulator still meets; this test demands the bits.

// wideSum is level l's structure of Σ d(i)² over n terms (l is AVX2,
// AVX512 or NEON).
func wideSum[T float32 | float64](l Level, n int, d func(i int) T) float64 {
	L, W := vecLanes[T](l), vecLanes[float64](l)
	acc := [2][]float64{make([]float64, W), make([]float64, W)}
	step := func(j, k, m int) { // m terms from j at position k
		for e := range m {
			t := float64(d(j + e))
			half := e / W    // 1 for a float32 vector's high half
			slot := k ^ half // amd64: crossed
			if l == NEON && L > W {
				slot = half // NEON float32: by halves, not crossed
			}
			acc[slot][e%W] = math.FMA(t, t, acc[slot][e%W])
		}
	}
	i := 0
	for ; i+2*L <= n; i += 2 * L {
		step(i, 0, L)
		step(i+L, 1, L)
	}
	if i+L <= n {
		step(i, 0, L)
		i += L
	}
	var tail float64
	if l == AVX512 {
		step(i, 0, n-i)
	} else {
		for ; i < n; i++ {
			t := float64(d(i))
			tail = math.FMA(t, t, tail)
		}
	}
	v := acc[0]
	for e := range v {
		v[e] += acc[1][e]
	}
	for h := W / 2; h >= 1; h /= 2 {
		for e := range h {
			v[e] += v[e+h]
		}
	}
	return v[0] + tail
}

func TestVariantSumStructure(t *testing.T) {
	testVariantSumStructure[float64](t)
	testVariantSumStructure[float32](t)
}

func testVariantSumStructure[T float32 | float64](t *testing.T) {
	r := rand.New(rand.NewPCG(3, 17))
	// Magnitudes from 2⁻⁶ to 2⁶ with random signs. Within one binade the
	// float32 squares are exact in float64 and so are sums of a few of
	// them, in any order: such data would not show a float32 term moved
	// to the other accumulator. Across 12 binades the squares differ by up
	// to 24 binades, most additions round, and none absorbs its smaller
	// term whole, so one term in another order shows (checked by moving
	// each half to the other accumulator, in both levels' bodies).
	vec := func(n int) []T {
		v := make([]T, n)
		for i := range v {
			v[i] = T(math.Ldexp(1+r.Float64(), r.IntN(12)-6) * float64(1-2*r.IntN(2)))
		}
		return v
	}
	for _, l := range testLevels() {
		if l != Generic {
			testWideSumStructure(t, l, vec)
		}
	}
}

func testWideSumStructure[T float32 | float64](t *testing.T, l Level, vec func(int) []T) {
	for n := 0; n <= 4*vecLanes[T](l)+3; n++ {
		x, y, dst := vec(n), vec(n), make([]T, n)
		a, b := T(0.75), T(-1.25)
		// diffSumSq: d = fma(nsigma, m, g), rounded to T.
		want := wideSum(l, n, func(i int) T { return ref.FMA(a, y[i], x[i]) })
		scramble()
		var got float64
		switch x := any(x).(type) {
		case []float64:
			got = l.diffSumSq(x, any(y).([]float64), float64(a))
		case []float32:
			got = l.diffSumSq32(x, any(y).([]float32), float32(a))
		}
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%v diffSumSq (%T) n=%d: %v, the plan gives %v", l, x, n, got, want)
		}
		// combineSumSq: d = fma(b, y, a·x), the product rounded first.
		want = wideSum(l, n, func(i int) T { return ref.FMA(b, y[i], T(a*x[i])) })
		scramble()
		switch x := any(x).(type) {
		case []float64:
			got = l.combineSumSq(any(dst).([]float64), x, any(y).([]float64), float64(a), float64(b))
		case []float32:
			got = l.combineSumSq32(any(dst).([]float32), x, any(y).([]float32), float32(a), float32(b))
		}
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%v combineSumSq (%T) n=%d: %v, the plan gives %v", l, x, n, got, want)
		}
	}
}
