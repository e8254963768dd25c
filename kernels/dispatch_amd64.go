//go:build !purego && !noasm

package kernels

import "github.com/klauspost/cpuid/v2"

// Set by detect; read-only afterwards.
var hasAVX2, hasAVX512 bool

// detect enables AVX2 when the CPU has AVX2 and FMA3 (AVX alone is not
// enough: every kernel fuses its multiply-adds) and AVX512 when it also has
// AVX-512 F; cpuid checks that the OS saves the wider registers.
func detect() {
	order = []Level{AVX512, AVX2, Generic}
	c := &cpuid.CPU
	hasAVX2 = c.Supports(cpuid.AVX, cpuid.AVX2, cpuid.FMA3)
	hasAVX512 = hasAVX2 && c.Supports(cpuid.AVX512F)
	if hasAVX2 {
		supported |= 1 << AVX2
	}
	if hasAVX512 {
		supported |= 1 << AVX512
	}
}

// Each switch below checks the level against the CPU (a level the CPU lacks
// panics rather than dying of SIGILL) and calls the kernel directly: no
// function value, so no indirection and no ABI wrapper on small vectors.

func (l Level) dot(x, y []float64) float64 {
	switch {
	case l == AVX512 && hasAVX512:
		return dotAVX512(x, y)
	case l == AVX2 && hasAVX2:
		return dotAVX2(x, y)
	case l == Generic:
		return dotGeneric(x, y)
	}
	panicLevel(l)
	return 0
}

func (l Level) dot32(x, y []float32) float32 {
	switch {
	case l == AVX512 && hasAVX512:
		return dot32AVX512(x, y)
	case l == AVX2 && hasAVX2:
		return dot32AVX2(x, y)
	case l == Generic:
		return dot32Generic(x, y)
	}
	panicLevel(l)
	return 0
}

func (l Level) axpyTo(dst []float64, alpha float64, x, y []float64) {
	switch {
	case l == AVX512 && hasAVX512:
		axpyToAVX512(dst, alpha, x, y)
		return
	case l == AVX2 && hasAVX2:
		axpyToAVX2(dst, alpha, x, y)
		return
	case l == Generic:
		axpyToGeneric(dst, alpha, x, y)
		return
	}
	panicLevel(l)
}

func (l Level) axpyTo32(dst []float32, alpha float32, x, y []float32) {
	switch {
	case l == AVX512 && hasAVX512:
		axpyTo32AVX512(dst, alpha, x, y)
		return
	case l == AVX2 && hasAVX2:
		axpyTo32AVX2(dst, alpha, x, y)
		return
	case l == Generic:
		axpyTo32Generic(dst, alpha, x, y)
		return
	}
	panicLevel(l)
}

func (l Level) scale(alpha float64, x []float64) {
	switch {
	case l == AVX512 && hasAVX512:
		scaleAVX512(alpha, x)
		return
	case l == AVX2 && hasAVX2:
		scaleAVX2(alpha, x)
		return
	case l == Generic:
		scaleGeneric(alpha, x)
		return
	}
	panicLevel(l)
}

func (l Level) scale32(alpha float32, x []float32) {
	switch {
	case l == AVX512 && hasAVX512:
		scale32AVX512(alpha, x)
		return
	case l == AVX2 && hasAVX2:
		scale32AVX2(alpha, x)
		return
	case l == Generic:
		scale32Generic(alpha, x)
		return
	}
	panicLevel(l)
}

func (l Level) sumSq(x []float64) float64 {
	switch {
	case l == AVX512 && hasAVX512:
		return sumSqAVX512(x)
	case l == AVX2 && hasAVX2:
		return sumSqAVX2(x)
	case l == Generic:
		return sumSqGeneric(x)
	}
	panicLevel(l)
	return 0
}

func (l Level) sumSq32(x []float32) float32 {
	switch {
	case l == AVX512 && hasAVX512:
		return sumSq32AVX512(x)
	case l == AVX2 && hasAVX2:
		return sumSq32AVX2(x)
	case l == Generic:
		return sumSq32Generic(x)
	}
	panicLevel(l)
	return 0
}

func (l Level) sumSqWide32(x []float32) float64 {
	switch {
	case l == AVX512 && hasAVX512:
		return sumSqWide32AVX512(x)
	case l == AVX2 && hasAVX2:
		return sumSqWide32AVX2(x)
	case l == Generic:
		return sumSqWide32Generic(x)
	}
	panicLevel(l)
	return 0
}

func (l Level) sumSqScaled(x []float64, scale float64) float64 {
	switch {
	case l == AVX512 && hasAVX512:
		return sumSqScaledAVX512(x, scale)
	case l == AVX2 && hasAVX2:
		return sumSqScaledAVX2(x, scale)
	case l == Generic:
		return sumSqScaledGeneric(x, scale)
	}
	panicLevel(l)
	return 0
}

// Assembly: kernels_avx512_amd64.s and kernels_amd64.s.

//go:noescape
func dotAVX512(x, y []float64) float64

//go:noescape
func dot32AVX512(x, y []float32) float32

//go:noescape
func axpyToAVX512(dst []float64, alpha float64, x, y []float64)

//go:noescape
func axpyTo32AVX512(dst []float32, alpha float32, x, y []float32)

//go:noescape
func scaleAVX512(alpha float64, x []float64)

//go:noescape
func scale32AVX512(alpha float32, x []float32)

//go:noescape
func sumSqAVX512(x []float64) float64

//go:noescape
func sumSq32AVX512(x []float32) float32

//go:noescape
func sumSqWide32AVX512(x []float32) float64

//go:noescape
func sumSqScaledAVX512(x []float64, scale float64) float64

//go:noescape
func dotAVX2(x, y []float64) float64

//go:noescape
func dot32AVX2(x, y []float32) float32

//go:noescape
func axpyToAVX2(dst []float64, alpha float64, x, y []float64)

//go:noescape
func axpyTo32AVX2(dst []float32, alpha float32, x, y []float32)

//go:noescape
func scaleAVX2(alpha float64, x []float64)

//go:noescape
func scale32AVX2(alpha float32, x []float32)

//go:noescape
func sumSqAVX2(x []float64) float64

//go:noescape
func sumSq32AVX2(x []float32) float32

//go:noescape
func sumSqWide32AVX2(x []float32) float64

//go:noescape
func sumSqScaledAVX2(x []float64, scale float64) float64
