//go:build purego || noasm || !(amd64 || arm64)

package kernels

// Pure Go only: the build tags purego or noasm, or an architecture without
// assembly kernels. Generic is the one level.
func detect() {}

func (l Level) dot(x, y []float64) float64 {
	if l != Generic {
		panicLevel(l)
	}
	return dotGeneric(x, y)
}

func (l Level) dot32(x, y []float32) float32 {
	if l != Generic {
		panicLevel(l)
	}
	return dot32Generic(x, y)
}

func (l Level) axpyTo(dst []float64, alpha float64, x, y []float64) {
	if l != Generic {
		panicLevel(l)
	}
	axpyToGeneric(dst, alpha, x, y)
}

func (l Level) axpyTo32(dst []float32, alpha float32, x, y []float32) {
	if l != Generic {
		panicLevel(l)
	}
	axpyTo32Generic(dst, alpha, x, y)
}

func (l Level) scale(alpha float64, x []float64) {
	if l != Generic {
		panicLevel(l)
	}
	scaleGeneric(alpha, x)
}

func (l Level) scale32(alpha float32, x []float32) {
	if l != Generic {
		panicLevel(l)
	}
	scale32Generic(alpha, x)
}

func (l Level) sumSq(x []float64) float64 {
	if l != Generic {
		panicLevel(l)
	}
	return sumSqGeneric(x)
}

func (l Level) sumSq32(x []float32) float32 {
	if l != Generic {
		panicLevel(l)
	}
	return sumSq32Generic(x)
}

func (l Level) sumSqWide32(x []float32) float64 {
	if l != Generic {
		panicLevel(l)
	}
	return sumSqWide32Generic(x)
}

func (l Level) sumSqScaled(x []float64, scale float64) float64 {
	if l != Generic {
		panicLevel(l)
	}
	return sumSqScaledGeneric(x, scale)
}
