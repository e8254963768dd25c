package ref

import (
	"math"
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
