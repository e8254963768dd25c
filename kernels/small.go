package kernels

import "math"

// The Go paths for vectors of at most smallN elements (see smallN).

// dotSmall sums the rounded products in order, like the reference loop; the
// explicit conversion keeps the compiler from fusing them on any
// architecture, so every level gives the same bits here.
func dotSmall[T float32 | float64](x, y []T) T {
	y = y[:len(x)]
	var s T
	for i, v := range x {
		s += T(v * y[i])
	}
	return s
}

// sumSqWideSmall squares in float64, where a float32 square is exact.
func sumSqWideSmall(x []float32) float64 {
	var s float64
	for _, v := range x {
		w := float64(v)
		s += float64(w * w)
	}
	return s
}

// axpyToSmall computes dst = alpha*x + y with one rounding when fused (the
// SIMD levels) and two otherwise (Generic), as the level's kernel does.
func axpyToSmall(fused bool, dst []float64, alpha float64, x, y []float64) {
	dst, y = dst[:len(x)], y[:len(x)]
	if fused {
		for i, v := range x {
			dst[i] = math.FMA(alpha, v, y[i])
		}
		return
	}
	for i, v := range x {
		dst[i] = float64(alpha*v) + y[i]
	}
}

// axpyTo32Small is axpyToSmall for float32.
func axpyTo32Small(fused bool, dst []float32, alpha float32, x, y []float32) {
	dst, y = dst[:len(x)], y[:len(x)]
	if fused {
		for i, v := range x {
			dst[i] = fma32(alpha, v, y[i])
		}
		return
	}
	for i, v := range x {
		dst[i] = float32(alpha*v) + y[i]
	}
}

func scaleSmall[T float32 | float64](alpha T, x []T) {
	for i := range x {
		x[i] *= alpha
	}
}

// fma32 returns a*b+c rounded once to float32. Go has no float32 FMA, and
// rounding the float64 sum to float32 could round twice. The product of two
// float32 is exact in float64, and the float64 sum's rounding error e is
// recovered exactly (TwoSum); if the sum was inexact, the float64 result is
// moved to its odd neighbour on the side of the true value (round to odd),
// after which rounding to float32, 29 bits shorter, is correct (Boldo and
// Melquiond, "Emulation of FMA and correctly rounded sums", 2008).
func fma32(a, b, c float32) float32 {
	p := float64(a) * float64(b) // exact: 24+24 significant bits
	cc := float64(c)
	s := p + cc
	z := s - p
	e := (p - (s - z)) + (cc - z)
	if e != 0 && e == e { // inexact, and not NaN from an infinite operand
		bits := math.Float64bits(s)
		if bits&1 == 0 {
			if (e > 0) == (s > 0) {
				bits++ // away from zero, towards the true value
			} else {
				bits--
			}
			s = math.Float64frombits(bits)
		}
	}
	return float32(s)
}
