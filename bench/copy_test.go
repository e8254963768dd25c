package bench

import "testing"

// BenchmarkCopy measures the builtin copy over the sizes of the Level-1
// benchmarks: it reads one vector and writes another, so its MB/s is Go's
// copy bandwidth. It is not a bound: the fused kernels, with non-temporal
// stores, have run faster than their bytes at this rate; the roofline's
// probes (roofline_test.go) are the bounds. Names: BenchmarkCopy/f64/n=2048.
func BenchmarkCopy(b *testing.B) {
	b.Run("f64", benchCopy[float64])
	b.Run("f32", benchCopy[float32])
}

// benchCopy benchmarks copy of T vectors for each size.
func benchCopy[T float](b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		// This body is the benchmark itself, run once per b.N probe: the
		// filling is not timed.
		src, dst := randVec[T](n, 1), randVec[T](n, 2)
		b.ResetTimer()
		b.SetBytes(int64(2 * n * elemSize[T]()))
		for range b.N {
			copy(dst, src)
		}
		reportElemPerNs(b, n)
	})
}
