package kernels_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// reduction describes one reducing kernel for the table-driven tests.
type reduction[T ref.Float] struct {
	name   string
	two    bool // reads y as well as x
	u, eta float64
	call   func(l kernels.Level, x, y []T) float64
}

func reductions64() []reduction[float64] {
	u, eta := ref.Unit[float64](), ref.Eta[float64]()
	return []reduction[float64]{
		{"Dot", true, u, eta, func(l kernels.Level, x, y []float64) float64 { return l.Dot(x, y) }},
		{"SumSq", false, u, eta, func(l kernels.Level, x, _ []float64) float64 { return l.SumSq(x) }},
	}
}

func reductions32() []reduction[float32] {
	u, eta := ref.Unit[float32](), ref.Eta[float32]()
	return []reduction[float32]{
		{"Dot32", true, u, eta, func(l kernels.Level, x, y []float32) float64 { return float64(l.Dot32(x, y)) }},
		{"SumSq32", false, u, eta, func(l kernels.Level, x, _ []float32) float64 { return float64(l.SumSq32(x)) }},
		// Accumulates in float64: the float64 unit applies.
		{"SumSqWide32", false, ref.Unit[float64](), ref.Eta[float64](),
			func(l kernels.Level, x, _ []float32) float64 { return l.SumSqWide32(x) }},
	}
}

// checkReduction compares got with the exact value of Σ x_i·y_i (ref.CheckDot:
// within γ_{n+8}·Σ|x_i·y_i| + n·eta for finite input, the reference loop's
// NaN or infinity otherwise).
func checkReduction[T ref.Float](c reduction[T], got float64, x, y []T) error {
	if !c.two {
		y = x
	}
	max := math.MaxFloat64
	if c.u == ref.Unit[float32]() {
		max = math.MaxFloat32
	}
	return ref.CheckDot(got, x, y, len(x)+8, c.u, c.eta, max)
}

func testReductions[T ref.Float](t *testing.T, cases []reduction[T]) {
	for _, l := range levels() {
		for _, c := range cases {
			t.Run(c.name+"/"+l.String(), func(t *testing.T) {
				r := newRand(t, 1)
				for _, n := range smallLengths() {
					for _, off := range offsets(n) {
						x, y := aligned[T](n, off), aligned[T](n, 7-off)
						randVec(r, x)
						randVec(r, y)
						if err := checkReduction(c, c.call(l, x, y), x, y); err != nil {
							t.Fatalf("n=%d off=%d random: %v", n, off, err)
						}
						intVec(r, x)
						intVec(r, y)
						exact := ref.Dot(x, y)
						if !c.two {
							exact = ref.SumSq(x)
						}
						if got := c.call(l, x, y); got != float64(exact) {
							t.Fatalf("n=%d off=%d integers: got %v, want exactly %v", n, off, got, exact)
						}
					}
				}
				for _, n := range largeLengths() {
					x, y := aligned[T](n, n%8), aligned[T](n, 0)
					randVec(r, x)
					randVec(r, y)
					if err := checkReduction(c, c.call(l, x, y), x, y); err != nil {
						t.Fatalf("n=%d random: %v", n, err)
					}
				}
			})
		}
	}
}

func TestReductions64(t *testing.T) { testReductions(t, reductions64()) }
func TestReductions32(t *testing.T) { testReductions(t, reductions32()) }

// elementwise describes one kernel that writes a vector.
type elementwise[T ref.Float] struct {
	name string
	// call runs the kernel on (alpha, x, y) and returns what it wrote; want
	// computes the same with the reference, fused as the level says.
	call func(l kernels.Level, alpha T, x, y []T) []T
	want func(fused bool, alpha T, x, y []T) []T
}

func elementwiseCases[T ref.Float](axpy func(kernels.Level, T, []T, []T),
	axpyTo func(kernels.Level, []T, T, []T, []T), scale func(kernels.Level, T, []T), suffix string) []elementwise[T] {
	clone := roomy[T]
	return []elementwise[T]{
		{"Axpy" + suffix,
			func(l kernels.Level, a T, x, y []T) []T { y = clone(y); axpy(l, a, x, y); return y },
			func(f bool, a T, x, y []T) []T { d := clone(y); ref.AxpyTo(d, a, x, y, f); return d }},
		{"AxpyTo" + suffix,
			func(l kernels.Level, a T, x, y []T) []T {
				d := roomy(make([]T, len(x)))
				axpyTo(l, d, a, x, y)
				return d
			},
			func(f bool, a T, x, y []T) []T { d := make([]T, len(x)); ref.AxpyTo(d, a, x, y, f); return d }},
		{"Scale" + suffix,
			func(l kernels.Level, a T, x, _ []T) []T { x = clone(x); scale(l, a, x); return x },
			func(_ bool, a T, x, _ []T) []T { x = clone(x); ref.Scale(a, x); return x }},
	}
}

func elementwise64() []elementwise[float64] {
	return elementwiseCases(kernels.Level.Axpy, kernels.Level.AxpyTo, kernels.Level.Scale, "")
}

func elementwise32() []elementwise[float32] {
	return elementwiseCases(kernels.Level.Axpy32, kernels.Level.AxpyTo32, kernels.Level.Scale32, "32")
}

func testElementwise[T ref.Float](t *testing.T, cases []elementwise[T]) {
	for _, l := range levels() {
		for _, c := range cases {
			t.Run(c.name+"/"+l.String(), func(t *testing.T) {
				r := newRand(t, 2)
				check := func(n, off int) {
					x, y := aligned[T](n, off), aligned[T](n, (off+3)%8)
					randVec(r, x)
					randVec(r, y)
					alpha := T(2*r.Float64() - 1)
					got, want := c.call(l, alpha, x, y), c.want(l.Fused(), alpha, x, y)
					if i := firstDiff(got, want); i >= 0 {
						t.Fatalf("n=%d off=%d: element %d = %v, want %v (fused=%v)", n, off, i, got[i], want[i], l.Fused())
					}
					if i := roomChanged(got); i >= 0 {
						t.Fatalf("n=%d off=%d: cell %d past the output's length was written (%v)", n, off, i, got[len(got)+i])
					}
				}
				for _, n := range smallLengths() {
					for _, off := range offsets(n) {
						check(n, off)
					}
				}
				for _, n := range largeLengths() {
					check(n, n%8)
				}
			})
		}
	}
}

func TestElementwise64(t *testing.T) { testElementwise(t, elementwise64()) }
func TestElementwise32(t *testing.T) { testElementwise(t, elementwise32()) }

// checkNorm compares a norm with the exact one (ref.CheckNorm); uSum is the
// unit of the accumulation, uOut of the result.
func checkNorm[T ref.Float](got T, x []T, uSum, uOut float64, absExp int) error {
	max := math.MaxFloat64
	if uOut == ref.Unit[float32]() {
		max = math.MaxFloat32
	}
	return ref.CheckNorm(float64(got), x, ref.NormRel(len(x), uSum), uOut, absExp, max)
}

func TestNorm(t *testing.T) {
	u := ref.Unit[float64]()
	for _, l := range levels() {
		t.Run(l.String(), func(t *testing.T) {
			r := newRand(t, 3)
			for _, n := range smallLengths() {
				for _, off := range offsets(n) {
					x := aligned[float64](n, off)
					randVec(r, x)
					require.NoError(t, checkNorm(l.Norm(x), x, u, u, -1075), "n=%d off=%d", n, off)
				}
			}
			// Magnitudes whose squares overflow or underflow float64.
			for _, scale := range []float64{1e300, 1e-300, 0x1p-1060, 0x1p1000, 1.5e308, 0x1p-1074} {
				for _, n := range []int{1, 2, 7, 8, 9, 63, 64, 65, 1000, 100_003} {
					x := aligned[float64](n, n%8)
					for i := range x {
						if scale < 1 {
							x[i] = scale * float64(1+i%7) // exact, even for subnormals
						} else {
							x[i] = scale * ((1 + float64(i%7)) / 7)
						}
					}
					if scale >= 1e300 {
						// Keep the exact norm representable.
						for i := range x {
							x[i] /= math.Sqrt(float64(n))
						}
					}
					got := l.Norm(x)
					require.NoError(t, checkNorm(got, x, u, u, -1075), "scale=%g n=%d", scale, n)
					assert.True(t, got > 0 && !math.IsInf(got, 0), "scale=%g n=%d: got %v", scale, n, got)
				}
			}
			// A huge entry among tiny ones, and the reverse order.
			x := []float64{1e-300, 1e300, 1e-300, 3e299}
			require.NoError(t, checkNorm(l.Norm(x), x, u, u, -1075))
			assert.InEpsilon(t, math.Hypot(1e300, 3e299), l.Norm(x), 4*u)
			assert.Equal(t, 0.0, l.Norm(nil))
			assert.Equal(t, 0.0, l.Norm([]float64{0, math.Copysign(0, -1), 0}))
			// Pythagorean triples scaled by powers of two have exact norms.
			assert.Equal(t, 5*0x1p-1000, l.Norm([]float64{3 * 0x1p-1000, 4 * 0x1p-1000}))
			assert.Equal(t, 5*0x1p-1070, l.Norm([]float64{3 * 0x1p-1070, 4 * 0x1p-1070}))
			assert.Equal(t, 5*0x1p1000, l.Norm([]float64{3 * 0x1p1000, 4 * 0x1p1000}))
			assert.True(t, math.IsInf(l.Norm([]float64{math.MaxFloat64, math.MaxFloat64}), 1), "unrepresentable norm")
			assert.True(t, math.IsNaN(l.Norm([]float64{1, math.NaN(), math.Inf(1)})))
			assert.True(t, math.IsNaN(l.Norm([]float64{math.Inf(-1), 2, math.NaN()})))
			assert.Equal(t, math.Inf(1), l.Norm([]float64{1, math.Inf(-1), 3}))
			assert.Equal(t, math.Inf(1), l.Norm([]float64{1e-300, math.Inf(1)}))
		})
	}
}

func TestNorm32(t *testing.T) {
	u64, u32 := ref.Unit[float64](), ref.Unit[float32]()
	for _, l := range levels() {
		t.Run(l.String(), func(t *testing.T) {
			r := newRand(t, 4)
			for _, n := range smallLengths() {
				x := aligned[float32](n, n%8)
				randVec(r, x)
				require.NoError(t, checkNorm(l.Norm32(x), x, u64, u32, -150), "n=%d", n)
			}
			for _, scale := range []float32{3e38, 1e-38, 1e-44, 1e30, 1e-30} {
				for _, n := range []int{1, 5, 16, 17, 127, 1000, 70_001} {
					x := aligned[float32](n, 1)
					for i := range x {
						x[i] = float32(float64(scale) * float64(1+i%5) / 5)
					}
					if scale > 1e37 {
						for i := range x {
							x[i] /= float32(math.Sqrt(float64(n)))
						}
					}
					got := l.Norm32(x)
					require.NoError(t, checkNorm(got, x, u64, u32, -150), "scale=%g n=%d", scale, n)
					assert.True(t, got > 0 && !math.IsInf(float64(got), 0), "scale=%g n=%d: got %v", scale, n, got)
				}
			}
			assert.Equal(t, float32(0), l.Norm32(nil))
			assert.Equal(t, float32(5*0x1p-140), l.Norm32([]float32{3 * 0x1p-140, 4 * 0x1p-140}))
			assert.Equal(t, float32(5*0x1p120), l.Norm32([]float32{3 * 0x1p120, 4 * 0x1p120}))
			assert.True(t, math.IsNaN(float64(l.Norm32([]float32{float32(math.Inf(1)), float32(math.NaN())}))))
			assert.Equal(t, float32(math.Inf(1)), l.Norm32([]float32{2, float32(math.Inf(-1))}))
		})
	}
}

// specialValues are the inputs that break naive code.
var specialValues = []float64{
	math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1),
	math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 0x1p-1030, // subnormals
	0x1p-1022, 1, -1, 1e300, -1e300, math.MaxFloat64 / 4,
}

var specialValues32 = []float32{
	float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)),
	math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, 0x1p-140,
	0x1p-126, 1, -1, 1e30, -1e30, math.MaxFloat32 / 4,
}

// specialVector builds a vector of ordinary random values with special
// values planted at chosen places, so that they land in the unrolled body,
// in the vector remainder and in the tail.
func specialVector[T ref.Float](r *rand.Rand, n int, specials []T, k int) []T {
	x := aligned[T](n, k%8)
	randVec(r, x)
	for j := 0; j < 1+k%3 && n > 0; j++ {
		x[r.IntN(n)] = specials[r.IntN(len(specials))]
	}
	return x
}

func testSpecial[T ref.Float](t *testing.T, reds []reduction[T], elts []elementwise[T], specials []T) {
	for _, l := range levels() {
		t.Run(l.String(), func(t *testing.T) {
			r := newRand(t, 5)
			for k := range 400 {
				n := []int{1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 129, 200, 385}[k%16]
				x, y := specialVector(r, n, specials, k), specialVector(r, n, specials, k+1)
				for _, c := range reds {
					if err := checkReduction(c, c.call(l, x, y), x, y); err != nil {
						t.Fatalf("%s n=%d x=%v y=%v: %v", c.name, n, x, y, err)
					}
				}
				alpha := specials[r.IntN(len(specials))]
				if k%2 == 0 {
					alpha = T(2*r.Float64() - 1)
				}
				for _, c := range elts {
					got, want := c.call(l, alpha, x, y), c.want(l.Fused(), alpha, x, y)
					if i := firstDiff(got, want); i >= 0 {
						t.Fatalf("%s n=%d alpha=%v: element %d = %v, want %v (x=%v, y=%v)", c.name, n, alpha, i, got[i], want[i], x[i], y[i])
					}
				}
			}
		})
	}
}

func TestSpecialValues64(t *testing.T) {
	testSpecial(t, reductions64(), elementwise64(), specialValues)
}

func TestSpecialValues32(t *testing.T) {
	testSpecial(t, reductions32(), elementwise32(), specialValues32)
}

// TestNearOverflow sums values close to the overflow threshold whose total
// stays representable: a kernel must not overflow where the sum does not.
func TestNearOverflow(t *testing.T) {
	for _, l := range levels() {
		x := []float64{math.MaxFloat64 / 8, -math.MaxFloat64 / 8, math.MaxFloat64 / 8, 1, math.MaxFloat64 / 16}
		y := []float64{1, 1, 1, 1, 1}
		c := reductions64()[0]
		require.NoError(t, checkReduction(c, l.Dot(x, y), x, y), l.String())
		x32 := []float32{math.MaxFloat32 / 8, -math.MaxFloat32 / 8, math.MaxFloat32 / 8, 1, math.MaxFloat32 / 16}
		y32 := []float32{1, 1, 1, 1, 1}
		c32 := reductions32()[0]
		require.NoError(t, checkReduction(c32, float64(l.Dot32(x32, y32)), x32, y32), l.String())
		// SumSqWide32 of the largest float32 cannot overflow.
		big32 := make([]float32, 100)
		for i := range big32 {
			big32[i] = math.MaxFloat32
		}
		require.NoError(t, checkReduction(reductions32()[2], l.SumSqWide32(big32), big32, big32), l.String())
	}
}

// TestZeroSign: a sum that cancels to zero is +0 on every level, as in the
// reference loop, which starts from +0.
func TestZeroSign(t *testing.T) {
	neg := math.Copysign(0, -1)
	for _, l := range levels() {
		for _, n := range []int{1, 5, 64, 200} {
			x := make([]float64, n)
			for i := range x {
				x[i] = neg
			}
			y := make([]float64, n)
			for i := range y {
				y[i] = 1
			}
			assert.False(t, math.Signbit(l.Dot(x, y)), "%s n=%d", l, n)
			assert.False(t, math.Signbit(l.SumSq(x)), "%s n=%d", l, n)
		}
	}
}

// bigExact is used by TestExactReference to check the checker.
func bigExact(v float64) *big.Float { return new(big.Float).SetFloat64(v) }

// TestExactReference makes sure the bound check can fail: an answer off by
// more than the bound is rejected.
func TestExactReference(t *testing.T) {
	x := []float64{1, 0x1p-60, -1}
	exact, abs := ref.ExactDot(x, []float64{1, 1, 1})
	assert.Equal(t, 0, exact.Cmp(bigExact(0x1p-60)))
	bound := ref.SumBound(abs, 3, 11, ref.Unit[float64](), ref.Eta[float64]())
	assert.NoError(t, ref.CheckSum(0x1p-60, exact, bound))
	assert.NoError(t, ref.CheckSum(0, exact, bound), "0 is within 11u·2 of 2^-60")
	assert.Error(t, ref.CheckSum(1e-10, exact, bound))
	assert.Error(t, ref.CheckSum(math.NaN(), exact, bound))
}
