package check

import "testing"

func TestOverlap(t *testing.T) {
	x := make([]float64, 10)
	y := make([]float64, 10)
	for _, c := range []struct {
		a, b []float64
		want bool
	}{
		{x, x, true},
		{x[:5], x[5:], false},
		{x[:6], x[5:], true},
		{x[5:6], x[:6], true},
		{x[3:4], x[4:5], false},
		{x, y, false},
		{x[:0], x, false},
		{nil, x, false},
	} {
		if got := Overlap(c.a, c.b); got != c.want {
			t.Errorf("Overlap(x[%d:], len %d; len %d) = %v, want %v", cap(x)-cap(c.a), len(c.a), len(c.b), got, c.want)
		}
		if got := Overlap(c.b, c.a); got != c.want {
			t.Errorf("Overlap is not symmetric")
		}
	}
	f := make([]float32, 4)
	if !Overlap(f[1:2], f[1:3]) || Overlap(f[0:1], f[1:2]) {
		t.Error("float32 offsets")
	}
}
