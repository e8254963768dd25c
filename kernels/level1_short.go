package kernels

// Go paths for the shortest vectors, which every level takes.

// tiny is the length up to which the Level methods compute in Go instead of
// calling the assembly: there, passing a call's arguments through the stack
// (Go's assembly calling convention) costs more than the arithmetic.
// BenchmarkSmall in bench/ measures the crossing. Reductions sum in order,
// each product rounded, on every level; Scale rounds once anyway. The
// multiply-add kernels have no Go path: a Go FMA (math.FMA's run-time check,
// or a float32 emulation) measured slower than the call into assembly.
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
