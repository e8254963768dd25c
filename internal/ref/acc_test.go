package ref

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// wideValue draws a finite float64 from the whole range: subnormals, huge
// values, both signs, and now and then zero.
func wideValue(r *rand.Rand) float64 {
	switch r.IntN(8) {
	case 0:
		return 0
	case 1:
		return math.Float64frombits(r.Uint64N(1<<52)) * float64(1-2*r.IntN(2)) // subnormal
	}
	return math.Ldexp(2*r.Float64()-1, r.IntN(2098)-1074)
}

// bigProd returns the exact product of the factors.
func bigProd(fs ...float64) *big.Float {
	p := new(big.Float).SetPrec(0).SetFloat64(1)
	p.SetPrec(20000)
	for _, f := range fs {
		p.Mul(p, new(big.Float).SetFloat64(f))
	}
	return p
}

// TestAcc compares the accumulator with big.Float sums of two-, three- and
// four-factor products (the last through addScaledPieces) over the whole
// float64 range, and over runs long enough to normalise the limbs.
func TestAcc(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		var a, abs, inner, nested Acc
		want := new(big.Float).SetPrec(20000)
		wantAbs := new(big.Float).SetPrec(20000)
		wantInner := new(big.Float).SetPrec(20000)
		n := 1 + r.IntN(40)
		// Same-scale values now and then, so that cancellation is exact.
		narrow := trial%3 == 0
		val := func() float64 {
			if narrow {
				return math.Ldexp(float64(r.IntN(2001)-1000), r.IntN(5)-2)
			}
			return wideValue(r)
		}
		for range n {
			x, y, z := val(), val(), val()
			if trial%2 == 0 {
				a.AddProd(x, y)
				abs.AddProdAbs(x, y)
				p := bigProd(x, y)
				want.Add(want, p)
				wantAbs.Add(wantAbs, p.Abs(p))
			} else {
				a.AddProd3(x, y, z)
				abs.AddProd3Abs(x, y, z)
				p := bigProd(x, y, z)
				want.Add(want, p)
				wantAbs.Add(wantAbs, p.Abs(p))
			}
			if x > -1e300 && x < 1e300 && y > -1e300 && y < 1e300 {
				inner.AddProd(x, y)
				wantInner.Add(wantInner, bigProd(x, y))
			}
		}
		if got := a.Float(); got.Cmp(want) != 0 {
			t.Fatalf("trial %d: sum %v, want %v", trial, got, want)
		}
		if got := abs.Float(); got.Cmp(wantAbs) != 0 {
			t.Fatalf("trial %d: abs %v, want %v", trial, got, wantAbs)
		}
		c, d := math.Ldexp(1.5, r.IntN(200)-100), -math.Ldexp(1.25, r.IntN(200)-100)
		nested.addScaledPieces(c, d, inner.expansion())
		wantNested := new(big.Float).SetPrec(20000).Mul(wantInner, bigProd(c, d))
		if got := nested.Float(); got.Cmp(wantNested) != 0 {
			t.Fatalf("trial %d: nested %v, want %v", trial, got, wantNested)
		}
		a.Reset()
		if a.Float().Sign() != 0 {
			t.Fatalf("Reset left %v", a.Float())
		}
	}
	// Carries both ways across normalisations (which run every maxAdds
	// additions; here they are forced).
	var a Acc
	want := new(big.Float).SetPrec(20000)
	for i := range 1000 {
		x, y := float64(1-2*(i%3%2))*(1<<53-1), math.Ldexp(1<<31-1, i%70-35)
		a.AddProd(x, y)
		want.Add(want, bigProd(x, y))
		if i%97 == 0 {
			a.normalize()
		}
	}
	if got := a.Float(); got.Cmp(want) != 0 {
		t.Fatalf("carries: %v, want %v", got, want)
	}
}
