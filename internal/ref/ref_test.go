package ref

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestCheckNormOverflowEdge pins the +Inf rule of CheckNorm: +Inf passes
// only when the error bound reaches past the largest finite value.
func TestCheckNormOverflowEdge(t *testing.T) {
	u := Unit[float64]()
	m := math.MaxFloat64
	// The exact norm exceeds MaxFloat64 by about 6e-17 relative: it
	// rounds to MaxFloat64, yet a result within γ_{n+8} may round to +Inf.
	edge := []float64{1e-76, 9.7e299, m, 9.7e299, 1.4e300}
	cases := []struct {
		name string
		got  float64
		x    []float64
		ok   bool
	}{
		{"edge Inf", math.Inf(1), edge, true},
		{"edge max", m, edge, true},
		{"far Inf", math.Inf(1), []float64{1e300, 1e300}, false},
		{"beyond max finite", m, []float64{m, m}, false},
		{"beyond max Inf", math.Inf(1), []float64{m, m}, true},
		{"NaN wanted", 1, []float64{1, math.NaN()}, false},
	}
	for _, c := range cases {
		err := CheckNorm(c.got, c.x, NormRel(len(c.x), u), u, -1075, m)
		if (err == nil) != c.ok {
			t.Errorf("%s: CheckNorm(%v) = %v, want ok=%v", c.name, c.got, err, c.ok)
		}
	}
}

// TestFMA32 compares FMA[float32] with math/big on random operands, many
// of them chosen so that the float64 sum lands on a float32 midpoint.
func TestFMA32(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200000 {
		a := float32(math.Ldexp(2*r.Float64()-1, r.IntN(40)-20))
		b := float32(math.Ldexp(2*r.Float64()-1, r.IntN(40)-20))
		c := float32(math.Ldexp(2*r.Float64()-1, r.IntN(40)-20))
		if i%3 == 0 {
			// c near a·b, so that the sum cancels or sits on a midpoint.
			c = -float32(float64(a) * float64(b) * (1 + math.Ldexp(float64(r.IntN(5)-2), -24)))
		}
		if i%7 == 0 {
			a, b = float32(math.Ldexp(1, r.IntN(300)-150)), float32(math.Ldexp(1+r.Float64(), r.IntN(10)-5))
		}
		if i%5 == 0 {
			// a·b = ±(1-2⁻⁴⁶)·2^k with 2^k half an ulp of c: the float64
			// sum rounds onto the float32 midpoint the exact sum misses.
			_, e := math.Frexp(float64(c))
			k := e - 25
			a = 1 + 0x1p-23
			b = float32(math.Ldexp(1-0x1p-23, k)) * float32(1-2*r.IntN(2))
		}
		s := new(big.Float).SetPrec(1000).SetFloat64(float64(a) * float64(b))
		s.Add(s, new(big.Float).SetFloat64(float64(c)))
		want, _ := s.Float32()
		if want == 0 {
			want = float32(float64(a)*float64(b) + float64(c))
		}
		if got := FMA(a, b, c); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("FMA(%v, %v, %v) = %v, want %v", a, b, c, got, want)
		}
	}
}
