//go:build !purego && !noasm

package kernels

import "github.com/klauspost/cpuid/v2"

// Set by detect; read-only afterwards.
var hasNEON bool

// detect enables NEON when the CPU reports Advanced SIMD, which every arm64
// CPU that Go supports has; the check keeps ISA() honest all the same.
func detect() {
	order = []Level{NEON, Generic}
	hasNEON = cpuid.CPU.Supports(cpuid.ASIMD)
	if hasNEON {
		supported |= 1 << NEON
	}
}

// Each switch checks the level against the CPU and calls the kernel
// directly, without a function value.

func (l Level) dot(x, y []float64) float64 {
	switch {
	case l == NEON && hasNEON:
		return dotNEON(x, y)
	case l == Generic:
		return dotGeneric(x, y)
	}
	panicLevel(l)
	return 0
}

func (l Level) dot32(x, y []float32) float32 {
	switch {
	case l == NEON && hasNEON:
		return dot32NEON(x, y)
	case l == Generic:
		return dot32Generic(x, y)
	}
	panicLevel(l)
	return 0
}

func (l Level) axpyTo(dst []float64, alpha float64, x, y []float64) {
	switch {
	case l == NEON && hasNEON:
		axpyToNEON(dst, alpha, x, y)
		return
	case l == Generic:
		axpyToGeneric(dst, alpha, x, y)
		return
	}
	panicLevel(l)
}

func (l Level) axpyTo32(dst []float32, alpha float32, x, y []float32) {
	switch {
	case l == NEON && hasNEON:
		axpyTo32NEON(dst, alpha, x, y)
		return
	case l == Generic:
		axpyTo32Generic(dst, alpha, x, y)
		return
	}
	panicLevel(l)
}

func (l Level) scale(alpha float64, x []float64) {
	switch {
	case l == NEON && hasNEON:
		scaleNEON(alpha, x)
		return
	case l == Generic:
		scaleGeneric(alpha, x)
		return
	}
	panicLevel(l)
}

func (l Level) scale32(alpha float32, x []float32) {
	switch {
	case l == NEON && hasNEON:
		scale32NEON(alpha, x)
		return
	case l == Generic:
		scale32Generic(alpha, x)
		return
	}
	panicLevel(l)
}

func (l Level) sumSq(x []float64) float64 {
	switch {
	case l == NEON && hasNEON:
		return sumSqNEON(x)
	case l == Generic:
		return sumSqGeneric(x)
	}
	panicLevel(l)
	return 0
}

func (l Level) sumSq32(x []float32) float32 {
	switch {
	case l == NEON && hasNEON:
		return sumSq32NEON(x)
	case l == Generic:
		return sumSq32Generic(x)
	}
	panicLevel(l)
	return 0
}

func (l Level) sumSqWide32(x []float32) float64 {
	switch {
	case l == NEON && hasNEON:
		return sumSqWide32NEON(x)
	case l == Generic:
		return sumSqWide32Generic(x)
	}
	panicLevel(l)
	return 0
}

func (l Level) sumSqScaled(x []float64, scale float64) float64 {
	switch {
	case l == NEON && hasNEON:
		return sumSqScaledNEON(x, scale)
	case l == Generic:
		return sumSqScaledGeneric(x, scale)
	}
	panicLevel(l)
	return 0
}

// Assembly: kernels_arm64.s.

//go:noescape
func dotNEON(x, y []float64) float64

//go:noescape
func dot32NEON(x, y []float32) float32

//go:noescape
func axpyToNEON(dst []float64, alpha float64, x, y []float64)

//go:noescape
func axpyTo32NEON(dst []float32, alpha float32, x, y []float32)

//go:noescape
func scaleNEON(alpha float64, x []float64)

//go:noescape
func scale32NEON(alpha float32, x []float32)

//go:noescape
func sumSqNEON(x []float64) float64

//go:noescape
func sumSq32NEON(x []float32) float32

//go:noescape
func sumSqWide32NEON(x []float32) float64

//go:noescape
func sumSqScaledNEON(x []float64, scale float64) float64
