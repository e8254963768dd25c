package kernels

// The Generic level's Level-1 kernels: pure Go that every build has, and
// the references the assembly of every other level is read against (each
// declaration in dispatch_*.go names its own). Products are rounded
// explicitly (T(a*b)), which per the Go specification forbids the compiler
// from fusing them into a multiply-add, so these functions give the same
// bits on every architecture.
//
// Summation structure: the reductions keep four accumulators over blocks
// of four elements, combine them as (s0+s1)+(s2+s3) and add the tail to
// that sum in order. The assembly sums in its own order (its header says
// which); the tests hold every level to the error bound of a reordered sum,
// and to exact results on integer data, never to these bits.

// dotG is dotGeneric and dot32Generic: four accumulators, then the tail.
func dotG[T float32 | float64](x, y []T) T {
	y = y[:len(x)]
	var s0, s1, s2, s3 T
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += T(x[i] * y[i])
		s1 += T(x[i+1] * y[i+1])
		s2 += T(x[i+2] * y[i+2])
		s3 += T(x[i+3] * y[i+3])
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		s += T(x[i] * y[i])
	}
	return s
}

func dotGeneric(x, y []float64) float64   { return dotG(x, y) }
func dot32Generic(x, y []float32) float32 { return dotG(x, y) }

// sumSqGeneric is dotG(x, x): the same accumulators and order.
func sumSqGeneric(x []float64) float64   { return dotG(x, x) }
func sumSq32Generic(x []float32) float32 { return dotG(x, x) }

// axpyToG computes dst = alpha·x + y, rounding the product and the sum.
func axpyToG[T float32 | float64](dst []T, alpha T, x, y []T) {
	dst, y = dst[:len(x)], y[:len(x)]
	for i, v := range x {
		dst[i] = T(alpha*v) + y[i]
	}
}

func axpyToGeneric(dst []float64, alpha float64, x, y []float64) { axpyToG(dst, alpha, x, y) }
func axpyTo32Generic(dst []float32, alpha float32, x, y []float32) {
	axpyToG(dst, alpha, x, y)
}

// scaleG computes x *= alpha, one rounding per element.
func scaleG[T float32 | float64](alpha T, x []T) {
	for i := range x {
		x[i] *= alpha
	}
}

func scaleGeneric(alpha float64, x []float64)   { scaleG(alpha, x) }
func scale32Generic(alpha float32, x []float32) { scaleG(alpha, x) }

// sumSqWide32Generic squares in float64, where a float32 square is exact, so
// only the accumulation rounds; accumulators as in dotG.
func sumSqWide32Generic(x []float32) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		a, b, c, d := float64(x[i]), float64(x[i+1]), float64(x[i+2]), float64(x[i+3])
		s0 += float64(a * a)
		s1 += float64(b * b)
		s2 += float64(c * c)
		s3 += float64(d * d)
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		v := float64(x[i])
		s += float64(v * v)
	}
	return s
}

// sumSqScaledGeneric returns Σ (scale·x[i])²; scale is a power of two, so the
// scaling itself is exact unless it underflows. Accumulators as in dotG.
func sumSqScaledGeneric(x []float64, scale float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		a, b, c, d := float64(x[i]*scale), float64(x[i+1]*scale), float64(x[i+2]*scale), float64(x[i+3]*scale)
		s0 += float64(a * a)
		s1 += float64(b * b)
		s2 += float64(c * c)
		s3 += float64(d * d)
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		v := float64(x[i] * scale)
		s += float64(v * v)
	}
	return s
}
