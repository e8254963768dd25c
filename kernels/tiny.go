package kernels

import "math"

// tiny is the length up to which the Level methods compute in Go instead of
// calling the assembly: there, passing a call's arguments through the stack
// (Go's assembly calling convention) costs more than the arithmetic.
// BenchmarkSmall in bench/ measures the crossing. Reductions sum in order,
// each product rounded, on every level; element-wise kernels keep their
// level's rounding, written out straight so that math.FMA compiles to one
// instruction and a never-taken branch.
const tiny = 4

// tinyOK reports whether l may take the Go path: unsupported levels must
// still reach the panic in the dispatch.
func tinyOK(l Level, n int) bool { return n <= tiny && supported&(1<<l) != 0 }

func dotTiny[T float32 | float64](x, y []T) T {
	y = y[:len(x)]
	var s T
	for i, v := range x {
		s += T(v * y[i])
	}
	return s
}

func sumSqWideTiny(x []float32) float64 {
	var s float64
	for _, v := range x {
		w := float64(v)
		s += float64(w * w)
	}
	return s
}

func scaleTiny[T float32 | float64](alpha T, x []T) {
	for i := range x {
		x[i] *= alpha
	}
}

// axpyToTiny computes dst = alpha*x + y for len(x) <= tiny, rounding once when
// fused (the SIMD levels) and twice otherwise (Generic).
func axpyToTiny(fused bool, dst []float64, alpha float64, x, y []float64) {
	if len(x) > tiny || len(dst) < len(x) || len(y) < len(x) {
		panic("kernels: axpyToTiny misused") // callers have checked; proves bounds
	}
	if !fused {
		for i, v := range x {
			dst[i] = float64(alpha*v) + y[i]
		}
		return
	}
	switch len(x) {
	case 4:
		dst[3] = math.FMA(alpha, x[3], y[3])
		fallthrough
	case 3:
		dst[2] = math.FMA(alpha, x[2], y[2])
		fallthrough
	case 2:
		dst[1] = math.FMA(alpha, x[1], y[1])
		fallthrough
	case 1:
		dst[0] = math.FMA(alpha, x[0], y[0])
	}
}

// axpyTo32Tiny is axpyToTiny for float32.
func axpyTo32Tiny(fused bool, dst []float32, alpha float32, x, y []float32) {
	if len(x) > tiny || len(dst) < len(x) || len(y) < len(x) {
		panic("kernels: axpyTo32Tiny misused")
	}
	if !fused {
		for i, v := range x {
			dst[i] = float32(alpha*v) + y[i]
		}
		return
	}
	for i, v := range x {
		dst[i] = fma32(alpha, v, y[i])
	}
}

// fma32 returns a*b+c rounded once to float32. Go has no float32 FMA, and
// rounding a float64 sum to float32 can round twice. The product of two
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
