package kernels

import "math"

// chunk is the number of elements one assembly call handles at most. The Go
// runtime cannot preempt a goroutine inside an assembly function, so a long
// vector is cut into chunks to keep garbage-collection pauses short: 1<<16
// elements is about 40 µs of work at memory speed for float64 and makes the
// per-chunk call overhead invisible (< 0.1%).
const chunk = 1 << 16

//go:generate go run ./internal/gen/cmd

// Dot returns the dot product of x and y over len(x) elements; y may be
// longer, a shorter y panics. The summation order depends on the level, so
// results may differ from a sequential loop by rounding, within
// (n+8)·u·Σ|x_i·y_i| (u = 2⁻⁵³). An empty x gives 0. Intermediate overflow is
// not guarded: if a product or a partial sum overflows, the result is ±Inf or
// NaN.
func Dot(x, y []float64) float64 { return active.Dot(x, y) }

// Dot32 is Dot for float32, accumulating in float32 (u = 2⁻²⁴).
func Dot32(x, y []float32) float32 { return active.Dot32(x, y) }

// Axpy computes y[i] += alpha*x[i] for i < len(x); y may be longer, a shorter
// y panics. x and y may be the very same slice; any other overlap panics.
// The SIMD levels round each element once (fused multiply-add), Generic twice.
func Axpy(alpha float64, x, y []float64) { active.Axpy(alpha, x, y) }

// Axpy32 is Axpy for float32.
func Axpy32(alpha float32, x, y []float32) { active.Axpy32(alpha, x, y) }

// AxpyTo computes dst[i] = alpha*x[i] + y[i] for i < len(x); dst and y may be
// longer, shorter ones panic. dst may be the very same slice as x or y (x and
// y may overlap freely, they are only read); any other overlap with dst
// panics. Rounding is as for Axpy.
func AxpyTo(dst []float64, alpha float64, x, y []float64) { active.AxpyTo(dst, alpha, x, y) }

// AxpyTo32 is AxpyTo for float32.
func AxpyTo32(dst []float32, alpha float32, x, y []float32) { active.AxpyTo32(dst, alpha, x, y) }

// Scale computes x[i] *= alpha, one rounding per element, on every level.
func Scale(alpha float64, x []float64) { active.Scale(alpha, x) }

// Scale32 is Scale for float32.
func Scale32(alpha float32, x []float32) { active.Scale32(alpha, x) }

// SumSq returns Σ x[i]², with the accuracy of Dot(x, x). It overflows to +Inf
// when the sum does; Norm does not.
func SumSq(x []float64) float64 { return active.SumSq(x) }

// SumSq32 is SumSq for float32, accumulating in float32: fast, but it
// overflows beyond about 1.8e19 per entry and loses entries below about
// 1e-19. SumSqWide32 avoids both.
func SumSq32(x []float32) float32 { return active.SumSq32(x) }

// SumSqWide32 returns Σ x[i]² of float32 entries accumulated in float64. It
// cannot overflow or underflow for any float32 input (a float32 squared fits
// a float64 exactly), so it is the local sum of squares to all-reduce across
// replicas before taking a global norm.
func SumSqWide32(x []float32) float64 { return active.SumSqWide32(x) }

// Norm returns the Euclidean norm of x. It neither overflows nor underflows
// when the norm is representable: entries of 1e300 or 1e-300 give the right
// answer. NaN anywhere gives NaN; otherwise an infinite entry gives +Inf; an
// empty x gives 0. It costs one pass over x, two when the sum of squares
// leaves the safe range [2⁻⁹⁰⁰, MaxFloat64] and x is rescaled by 2^±600.
func Norm(x []float64) float64 { return active.Norm(x) }

// Norm32 is Norm for float32. It accumulates in float64 (SumSqWide32), so it
// has one pass always and is correctly rounded up to a few float64 ulps.
func Norm32(x []float32) float32 { return active.Norm32(x) }

// reduceChunks sums f over chunk-sized pieces of x and y, in order.
func reduceChunks[T, R float32 | float64](x, y []T, f func(x, y []T) R) R {
	var s R
	for i := 0; i < len(x); i += chunk {
		j := min(i+chunk, len(x))
		s += f(x[i:j], y[i:j])
	}
	return s
}

// scaleChunks applies f to chunk-sized pieces.
func scaleChunks[T float32 | float64](alpha T, x []T, f func(alpha T, x []T)) {
	for i := 0; i < len(x); i += chunk {
		f(alpha, x[i:min(i+chunk, len(x))])
	}
}

// axpyChunks applies f to chunk-sized pieces.
func axpyChunks[T float32 | float64](dst []T, alpha T, x, y []T, f func(dst []T, alpha T, x, y []T)) {
	for i := 0; i < len(x); i += chunk {
		j := min(i+chunk, len(x))
		f(dst[i:j], alpha, x[i:j], y[i:j])
	}
}

// Bounds of the sum of squares inside which Norm takes its square root
// directly. Above normLo, underflow in the squares costs at most n·2⁻¹⁰⁷⁵
// absolutely, far below one ulp; a finite sum means nothing overflowed.
const (
	normLo = 0x1p-900
	// An underflowing sum means every |x_i| < 2⁻⁴⁴⁹: scaled by 2⁶⁰⁰ the
	// largest square is below 2³⁰² and the smallest (2⁻¹⁰⁷⁴·2⁶⁰⁰)² is normal.
	normUp, normUnUp = 0x1p600, 0x1p-600
	// An overflowing sum: scaled by 2⁻⁶⁰⁰ no square exceeds 2⁸⁴⁸, and entries
	// lost to underflow weigh less than 2⁻⁷⁰⁰ of the total.
	normDown, normUnDown = 0x1p-600, 0x1p600
)

// Norm is the package-level Norm on level l.
func (l Level) Norm(x []float64) float64 {
	s := l.SumSq(x)
	if s >= normLo && s <= math.MaxFloat64 {
		return math.Sqrt(s)
	}
	if s != s {
		return s // a NaN entry; squares of ±Inf cannot make NaN
	}
	// The sum underflowed (s tiny or 0) or overflowed (+Inf): sum the squares
	// of x scaled by a power of two, which is exact, and undo the scaling.
	scale, unscale := normUp, normUnUp
	if s > 1 {
		scale, unscale = normDown, normUnDown
	}
	t := reduceChunks(x, x, func(a, _ []float64) float64 { return l.sumSqScaled(a, scale) })
	return math.Sqrt(t) * unscale
}

// Norm32 is the package-level Norm32 on level l.
func (l Level) Norm32(x []float32) float32 {
	return float32(math.Sqrt(l.SumSqWide32(x)))
}
