package kernels

// The Generic level: pure Go that every build has. Products are rounded
// explicitly (float64(a*b)), which per the Go specification forbids the
// compiler from fusing them into a multiply-add, so these functions give the
// same bits on every architecture. Reductions use four accumulators, combined
// as (s0+s1)+(s2+s3), and add the tail to that sum in order.

func dotGeneric(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float64(x[i] * y[i])
		s1 += float64(x[i+1] * y[i+1])
		s2 += float64(x[i+2] * y[i+2])
		s3 += float64(x[i+3] * y[i+3])
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		s += float64(x[i] * y[i])
	}
	return s
}

func dot32Generic(x, y []float32) float32 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float32(x[i] * y[i])
		s1 += float32(x[i+1] * y[i+1])
		s2 += float32(x[i+2] * y[i+2])
		s3 += float32(x[i+3] * y[i+3])
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		s += float32(x[i] * y[i])
	}
	return s
}

func axpyToGeneric(dst []float64, alpha float64, x, y []float64) {
	dst, y = dst[:len(x)], y[:len(x)]
	for i, v := range x {
		dst[i] = float64(alpha*v) + y[i]
	}
}

func axpyTo32Generic(dst []float32, alpha float32, x, y []float32) {
	dst, y = dst[:len(x)], y[:len(x)]
	for i, v := range x {
		dst[i] = float32(alpha*v) + y[i]
	}
}

func scaleGeneric(alpha float64, x []float64) {
	for i := range x {
		x[i] *= alpha
	}
}

func scale32Generic(alpha float32, x []float32) {
	for i := range x {
		x[i] *= alpha
	}
}

func sumSqGeneric(x []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float64(x[i] * x[i])
		s1 += float64(x[i+1] * x[i+1])
		s2 += float64(x[i+2] * x[i+2])
		s3 += float64(x[i+3] * x[i+3])
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		s += float64(x[i] * x[i])
	}
	return s
}

func sumSq32Generic(x []float32) float32 {
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float32(x[i] * x[i])
		s1 += float32(x[i+1] * x[i+1])
		s2 += float32(x[i+2] * x[i+2])
		s3 += float32(x[i+3] * x[i+3])
	}
	s := (s0 + s1) + (s2 + s3)
	for ; i < len(x); i++ {
		s += float32(x[i] * x[i])
	}
	return s
}

// sumSqWide32Generic squares in float64, where a float32 square is exact.
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
// scaling itself is exact unless it underflows.
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
