//go:build !purego && !noasm

#include "textflag.h"

// NEON (Advanced SIMD) kernels. Conventions for every routine here:
// - VLD1/VST1 are unaligned-safe (Go slices are only 8-byte aligned);
// - main loops take four or eight 128-bit registers per stream, then a loop
//   of one register, then a scalar tail (fewer elements than one register)
//   with the scalar FMADD, so nothing past the slice is touched and the
//   rounding matches the vector body;
// - reductions keep eight vector accumulators V0..V7 (enough to cover the FMA
//   latency), fold them pairwise into one scalar and then add the tail
//   elements to it in order;
// - vector FADD, FADDP, FMUL and FCVTL/FCVTL2 have no mnemonic in Go's arm64
//   assembler and are written as WORDs, each with its instruction in the
//   comment (neon_words_test.go decodes every one and compares). VADD is an
//   integer add and must not be used on floats.
// The routines are leaves (frame $0, no calls) and use only R0-R3 and
// V0-V31, all scratch in Go's arm64 ABI. Lengths are counted down in R2 (R3
// in axpyTo, whose R2 is y).
//
// Register layout:
// - reductions: accumulators V0..V7, loads in V16..V23 (and V24..V31 for y
//   in dot, or the widened values in V20..V27 in sumSqWide32), the scale
//   or alpha broadcast in V31;
// - element-wise: x in V0..V7, y (and the result) in V16..V23, alpha in V31.

// Zero the eight accumulators (+0, so an all -0 input sums to +0 as in the
// reference loop).
#define ZERO8 \
	VEOR V0.B16, V0.B16, V0.B16 \
	VEOR V1.B16, V1.B16, V1.B16 \
	VEOR V2.B16, V2.B16, V2.B16 \
	VEOR V3.B16, V3.B16, V3.B16 \
	VEOR V4.B16, V4.B16, V4.B16 \
	VEOR V5.B16, V5.B16, V5.B16 \
	VEOR V6.B16, V6.B16, V6.B16 \
	VEOR V7.B16, V7.B16, V7.B16

// The fold of V0..V7 into F0 is written out in each reduction rather than in
// a macro, so that every WORD sits on its own line with its comment.

// func dotNEON(x, y []float64) float64
TEXT ·dotNEON(SB), NOSPLIT, $0-56
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R2
	MOVD y_base+24(FP), R1
	ZERO8
	CMP  $16, R2
	BLT  dot_v2

dot_loop16:
	// 16 elements: x in V16..V23, y in V24..V31, one FMA per accumulator.
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R0), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R1), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1.P 64(R1), [V28.D2, V29.D2, V30.D2, V31.D2]
	VFMLA  V16.D2, V24.D2, V0.D2
	VFMLA  V17.D2, V25.D2, V1.D2
	VFMLA  V18.D2, V26.D2, V2.D2
	VFMLA  V19.D2, V27.D2, V3.D2
	VFMLA  V20.D2, V28.D2, V4.D2
	VFMLA  V21.D2, V29.D2, V5.D2
	VFMLA  V22.D2, V30.D2, V6.D2
	VFMLA  V23.D2, V31.D2, V7.D2
	SUB    $16, R2
	CMP    $16, R2
	BGE    dot_loop16

dot_v2:
	// Whole registers left: one at a time into V0.
	CMP    $2, R2
	BLT    dot_reduce
	VLD1.P 16(R0), [V16.D2]
	VLD1.P 16(R1), [V24.D2]
	VFMLA  V16.D2, V24.D2, V0.D2
	SUB    $2, R2
	B      dot_v2

dot_reduce:
	// Fold the accumulators pairwise, then the two lanes of V0 into D0
	// (FADDP also clears the rest of V0).
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

dot_tail:
	// At most one element: F0 += x*y, one rounding.
	CBZ     R2, dot_done
	FMOVD.P 8(R0), F16
	FMOVD.P 8(R1), F24
	FMADDD  F24, F0, F16, F0
	SUB     $1, R2
	B       dot_tail

dot_done:
	FMOVD F0, ret+48(FP)
	RET

// func dot32NEON(x, y []float32) float32
TEXT ·dot32NEON(SB), NOSPLIT, $0-52
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R2
	MOVD y_base+24(FP), R1
	ZERO8
	CMP  $32, R2
	BLT  dot32_v4

dot32_loop32:
	// 32 elements, as dotNEON: x in V16..V23, y in V24..V31.
	VLD1.P 64(R0), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R0), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R1), [V24.S4, V25.S4, V26.S4, V27.S4]
	VLD1.P 64(R1), [V28.S4, V29.S4, V30.S4, V31.S4]
	VFMLA  V16.S4, V24.S4, V0.S4
	VFMLA  V17.S4, V25.S4, V1.S4
	VFMLA  V18.S4, V26.S4, V2.S4
	VFMLA  V19.S4, V27.S4, V3.S4
	VFMLA  V20.S4, V28.S4, V4.S4
	VFMLA  V21.S4, V29.S4, V5.S4
	VFMLA  V22.S4, V30.S4, V6.S4
	VFMLA  V23.S4, V31.S4, V7.S4
	SUB    $32, R2
	CMP    $32, R2
	BGE    dot32_loop32

dot32_v4:
	CMP    $4, R2
	BLT    dot32_reduce
	VLD1.P 16(R0), [V16.S4]
	VLD1.P 16(R1), [V24.S4]
	VFMLA  V16.S4, V24.S4, V0.S4
	SUB    $4, R2
	B      dot32_v4

dot32_reduce:
	// Fold the accumulators pairwise, then the four lanes of V0 into S0.
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e25d484 // fadd v4.4s, v4.4s, v5.4s
	WORD   $0x4e27d4c6 // fadd v6.4s, v6.4s, v7.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x4e26d484 // fadd v4.4s, v4.4s, v6.4s
	WORD   $0x4e24d400 // fadd v0.4s, v0.4s, v4.4s
	WORD   $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
	WORD   $0x7e30d800 // faddp s0, v0.2s

dot32_tail:
	// Up to three elements: S0 += x*y, one rounding each.
	CBZ     R2, dot32_done
	FMOVS.P 4(R0), F16
	FMOVS.P 4(R1), F24
	FMADDS  F24, F0, F16, F0
	SUB     $1, R2
	B       dot32_tail

dot32_done:
	FMOVS F0, ret+48(FP)
	RET

// func axpyToNEON(dst []float64, alpha float64, x, y []float64)
// dst = alpha*x + y, one rounding per element (FMLA accumulates into the y
// registers). Each block is loaded before it is stored, so dst may be the
// same slice as x or y.
TEXT ·axpyToNEON(SB), NOSPLIT, $0-80
	MOVD  dst_base+0(FP), R0
	FMOVD alpha+24(FP), F31
	MOVD  x_base+32(FP), R1
	MOVD  x_len+40(FP), R3
	MOVD  y_base+56(FP), R2
	VDUP  V31.D[0], V31.D2
	CMP   $16, R3
	BLT   axpy_v2

axpy_loop16:
	// 16 elements: load x and y, V16.. += alpha*x, store to dst.
	VLD1.P 64(R1), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2]
	VLD1.P 64(R2), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R2), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V31.D2, V0.D2, V16.D2
	VFMLA  V31.D2, V1.D2, V17.D2
	VFMLA  V31.D2, V2.D2, V18.D2
	VFMLA  V31.D2, V3.D2, V19.D2
	VFMLA  V31.D2, V4.D2, V20.D2
	VFMLA  V31.D2, V5.D2, V21.D2
	VFMLA  V31.D2, V6.D2, V22.D2
	VFMLA  V31.D2, V7.D2, V23.D2
	VST1.P [V16.D2, V17.D2, V18.D2, V19.D2], 64(R0)
	VST1.P [V20.D2, V21.D2, V22.D2, V23.D2], 64(R0)
	SUB    $16, R3
	CMP    $16, R3
	BGE    axpy_loop16

axpy_v2:
	CMP    $2, R3
	BLT    axpy_tail
	VLD1.P 16(R1), [V0.D2]
	VLD1.P 16(R2), [V16.D2]
	VFMLA  V31.D2, V0.D2, V16.D2
	VST1.P [V16.D2], 16(R0)
	SUB    $2, R3
	B      axpy_v2

axpy_tail:
	// At most one element: dst = fma(alpha, x, y).
	CBZ     R3, axpy_done
	FMOVD.P 8(R1), F0
	FMOVD.P 8(R2), F16
	FMADDD  F31, F16, F0, F16
	FMOVD.P F16, 8(R0)
	SUB     $1, R3
	B       axpy_tail

axpy_done:
	RET

// func axpyTo32NEON(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32NEON(SB), NOSPLIT, $0-80
	MOVD  dst_base+0(FP), R0
	FMOVS alpha+24(FP), F31
	MOVD  x_base+32(FP), R1
	MOVD  x_len+40(FP), R3
	MOVD  y_base+56(FP), R2
	VDUP  V31.S[0], V31.S4
	CMP   $32, R3
	BLT   axpy32_v4

axpy32_loop32:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R2), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R2), [V20.S4, V21.S4, V22.S4, V23.S4]
	VFMLA  V31.S4, V0.S4, V16.S4
	VFMLA  V31.S4, V1.S4, V17.S4
	VFMLA  V31.S4, V2.S4, V18.S4
	VFMLA  V31.S4, V3.S4, V19.S4
	VFMLA  V31.S4, V4.S4, V20.S4
	VFMLA  V31.S4, V5.S4, V21.S4
	VFMLA  V31.S4, V6.S4, V22.S4
	VFMLA  V31.S4, V7.S4, V23.S4
	VST1.P [V16.S4, V17.S4, V18.S4, V19.S4], 64(R0)
	VST1.P [V20.S4, V21.S4, V22.S4, V23.S4], 64(R0)
	SUB    $32, R3
	CMP    $32, R3
	BGE    axpy32_loop32

axpy32_v4:
	CMP    $4, R3
	BLT    axpy32_tail
	VLD1.P 16(R1), [V0.S4]
	VLD1.P 16(R2), [V16.S4]
	VFMLA  V31.S4, V0.S4, V16.S4
	VST1.P [V16.S4], 16(R0)
	SUB    $4, R3
	B      axpy32_v4

axpy32_tail:
	CBZ     R3, axpy32_done
	FMOVS.P 4(R1), F0
	FMOVS.P 4(R2), F16
	FMADDS  F31, F16, F0, F16
	FMOVS.P F16, 4(R0)
	SUB     $1, R3
	B       axpy32_tail

axpy32_done:
	RET

// func scaleNEON(alpha float64, x []float64)
// In place: R0 reads ahead of R1, which stores each block after its
// multiply.
TEXT ·scaleNEON(SB), NOSPLIT, $0-32
	FMOVD alpha+0(FP), F31
	MOVD  x_base+8(FP), R0
	MOVD  x_len+16(FP), R2
	VDUP  V31.D[0], V31.D2
	MOVD  R0, R1
	CMP   $16, R2
	BLT   scale_v2

scale_loop16:
	VLD1.P 64(R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R0), [V4.D2, V5.D2, V6.D2, V7.D2]
	WORD   $0x6e7fdc00 // fmul v0.2d, v0.2d, v31.2d
	WORD   $0x6e7fdc21 // fmul v1.2d, v1.2d, v31.2d
	WORD   $0x6e7fdc42 // fmul v2.2d, v2.2d, v31.2d
	WORD   $0x6e7fdc63 // fmul v3.2d, v3.2d, v31.2d
	WORD   $0x6e7fdc84 // fmul v4.2d, v4.2d, v31.2d
	WORD   $0x6e7fdca5 // fmul v5.2d, v5.2d, v31.2d
	WORD   $0x6e7fdcc6 // fmul v6.2d, v6.2d, v31.2d
	WORD   $0x6e7fdce7 // fmul v7.2d, v7.2d, v31.2d
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R1)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(R1)
	SUB    $16, R2
	CMP    $16, R2
	BGE    scale_loop16

scale_v2:
	// R0 == R1 from here on.
	CMP    $2, R2
	BLT    scale_tail
	VLD1   (R0), [V0.D2]
	WORD   $0x6e7fdc00 // fmul v0.2d, v0.2d, v31.2d
	VST1.P [V0.D2], 16(R0)
	SUB    $2, R2
	B      scale_v2

scale_tail:
	CBZ     R2, scale_done
	FMOVD   (R0), F0
	FMULD   F31, F0, F0
	FMOVD.P F0, 8(R0)
	SUB     $1, R2
	B       scale_tail

scale_done:
	RET

// func scale32NEON(alpha float32, x []float32)
TEXT ·scale32NEON(SB), NOSPLIT, $0-32
	FMOVS alpha+0(FP), F31
	MOVD  x_base+8(FP), R0
	MOVD  x_len+16(FP), R2
	VDUP  V31.S[0], V31.S4
	MOVD  R0, R1
	CMP   $32, R2
	BLT   scale32_v4

scale32_loop32:
	VLD1.P 64(R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R0), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD   $0x6e3fdc00 // fmul v0.4s, v0.4s, v31.4s
	WORD   $0x6e3fdc21 // fmul v1.4s, v1.4s, v31.4s
	WORD   $0x6e3fdc42 // fmul v2.4s, v2.4s, v31.4s
	WORD   $0x6e3fdc63 // fmul v3.4s, v3.4s, v31.4s
	WORD   $0x6e3fdc84 // fmul v4.4s, v4.4s, v31.4s
	WORD   $0x6e3fdca5 // fmul v5.4s, v5.4s, v31.4s
	WORD   $0x6e3fdcc6 // fmul v6.4s, v6.4s, v31.4s
	WORD   $0x6e3fdce7 // fmul v7.4s, v7.4s, v31.4s
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R1)
	VST1.P [V4.S4, V5.S4, V6.S4, V7.S4], 64(R1)
	SUB    $32, R2
	CMP    $32, R2
	BGE    scale32_loop32

scale32_v4:
	CMP    $4, R2
	BLT    scale32_tail
	VLD1   (R0), [V0.S4]
	WORD   $0x6e3fdc00 // fmul v0.4s, v0.4s, v31.4s
	VST1.P [V0.S4], 16(R0)
	SUB    $4, R2
	B      scale32_v4

scale32_tail:
	// Up to three elements, one rounding each like the vector FMUL.
	CBZ     R2, scale32_done
	FMOVS   (R0), F0
	FMULS   F31, F0, F0
	FMOVS.P F0, 4(R0)
	SUB     $1, R2
	B       scale32_tail

scale32_done:
	RET

// func sumSqNEON(x []float64) float64
TEXT ·sumSqNEON(SB), NOSPLIT, $0-32
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R2
	ZERO8
	CMP  $16, R2
	BLT  sumsq_v2

sumsq_loop16:
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R0), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V16.D2, V16.D2, V0.D2
	VFMLA  V17.D2, V17.D2, V1.D2
	VFMLA  V18.D2, V18.D2, V2.D2
	VFMLA  V19.D2, V19.D2, V3.D2
	VFMLA  V20.D2, V20.D2, V4.D2
	VFMLA  V21.D2, V21.D2, V5.D2
	VFMLA  V22.D2, V22.D2, V6.D2
	VFMLA  V23.D2, V23.D2, V7.D2
	SUB    $16, R2
	CMP    $16, R2
	BGE    sumsq_loop16

sumsq_v2:
	CMP    $2, R2
	BLT    sumsq_reduce
	VLD1.P 16(R0), [V16.D2]
	VFMLA  V16.D2, V16.D2, V0.D2
	SUB    $2, R2
	B      sumsq_v2

sumsq_reduce:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

sumsq_tail:
	CBZ     R2, sumsq_done
	FMOVD.P 8(R0), F16
	FMADDD  F16, F0, F16, F0
	SUB     $1, R2
	B       sumsq_tail

sumsq_done:
	FMOVD F0, ret+24(FP)
	RET

// func sumSq32NEON(x []float32) float32
TEXT ·sumSq32NEON(SB), NOSPLIT, $0-28
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R2
	ZERO8
	CMP  $32, R2
	BLT  sumsq32_v4

sumsq32_loop32:
	VLD1.P 64(R0), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R0), [V20.S4, V21.S4, V22.S4, V23.S4]
	VFMLA  V16.S4, V16.S4, V0.S4
	VFMLA  V17.S4, V17.S4, V1.S4
	VFMLA  V18.S4, V18.S4, V2.S4
	VFMLA  V19.S4, V19.S4, V3.S4
	VFMLA  V20.S4, V20.S4, V4.S4
	VFMLA  V21.S4, V21.S4, V5.S4
	VFMLA  V22.S4, V22.S4, V6.S4
	VFMLA  V23.S4, V23.S4, V7.S4
	SUB    $32, R2
	CMP    $32, R2
	BGE    sumsq32_loop32

sumsq32_v4:
	CMP    $4, R2
	BLT    sumsq32_reduce
	VLD1.P 16(R0), [V16.S4]
	VFMLA  V16.S4, V16.S4, V0.S4
	SUB    $4, R2
	B      sumsq32_v4

sumsq32_reduce:
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e25d484 // fadd v4.4s, v4.4s, v5.4s
	WORD   $0x4e27d4c6 // fadd v6.4s, v6.4s, v7.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x4e26d484 // fadd v4.4s, v4.4s, v6.4s
	WORD   $0x4e24d400 // fadd v0.4s, v0.4s, v4.4s
	WORD   $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
	WORD   $0x7e30d800 // faddp s0, v0.2s

sumsq32_tail:
	CBZ     R2, sumsq32_done
	FMOVS.P 4(R0), F16
	FMADDS  F16, F0, F16, F0
	SUB     $1, R2
	B       sumsq32_tail

sumsq32_done:
	FMOVS F0, ret+24(FP)
	RET

// func sumSqWide32NEON(x []float32) float64
// Sixteen float32 per iteration are widened to float64 (FCVTL takes the low
// two lanes, FCVTL2 the high two); the squares are exact in float64, so only
// the accumulation rounds.
TEXT ·sumSqWide32NEON(SB), NOSPLIT, $0-32
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R2
	ZERO8
	CMP  $16, R2
	BLT  sumsqw_v4

sumsqw_loop16:
	VLD1.P 64(R0), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD   $0x0e617a14 // fcvtl v20.2d, v16.2s
	WORD   $0x4e617a15 // fcvtl2 v21.2d, v16.4s
	WORD   $0x0e617a36 // fcvtl v22.2d, v17.2s
	WORD   $0x4e617a37 // fcvtl2 v23.2d, v17.4s
	WORD   $0x0e617a58 // fcvtl v24.2d, v18.2s
	WORD   $0x4e617a59 // fcvtl2 v25.2d, v18.4s
	WORD   $0x0e617a7a // fcvtl v26.2d, v19.2s
	WORD   $0x4e617a7b // fcvtl2 v27.2d, v19.4s
	VFMLA  V20.D2, V20.D2, V0.D2
	VFMLA  V21.D2, V21.D2, V1.D2
	VFMLA  V22.D2, V22.D2, V2.D2
	VFMLA  V23.D2, V23.D2, V3.D2
	VFMLA  V24.D2, V24.D2, V4.D2
	VFMLA  V25.D2, V25.D2, V5.D2
	VFMLA  V26.D2, V26.D2, V6.D2
	VFMLA  V27.D2, V27.D2, V7.D2
	SUB    $16, R2
	CMP    $16, R2
	BGE    sumsqw_loop16

sumsqw_v4:
	CMP    $4, R2
	BLT    sumsqw_reduce
	VLD1.P 16(R0), [V16.S4]
	WORD   $0x0e617a14 // fcvtl v20.2d, v16.2s
	WORD   $0x4e617a15 // fcvtl2 v21.2d, v16.4s
	VFMLA  V20.D2, V20.D2, V0.D2
	VFMLA  V21.D2, V21.D2, V1.D2
	SUB    $4, R2
	B      sumsqw_v4

sumsqw_reduce:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

sumsqw_tail:
	// Up to three elements, widened one at a time (FCVT S to D is exact).
	CBZ     R2, sumsqw_done
	FMOVS.P 4(R0), F16
	FCVTSD  F16, F16
	FMADDD  F16, F0, F16, F0
	SUB     $1, R2
	B       sumsqw_tail

sumsqw_done:
	FMOVD F0, ret+24(FP)
	RET

// func sumSqScaledNEON(x []float64, scale float64) float64
// Each element is multiplied by scale (rounded, like the reference) and its
// square accumulated with FMA.
TEXT ·sumSqScaledNEON(SB), NOSPLIT, $0-40
	MOVD  x_base+0(FP), R0
	MOVD  x_len+8(FP), R2
	FMOVD scale+24(FP), F31
	VDUP  V31.D[0], V31.D2
	ZERO8
	CMP   $16, R2
	BLT   sumsqs_v2

sumsqs_loop16:
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R0), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD   $0x6e7fde10 // fmul v16.2d, v16.2d, v31.2d
	WORD   $0x6e7fde31 // fmul v17.2d, v17.2d, v31.2d
	WORD   $0x6e7fde52 // fmul v18.2d, v18.2d, v31.2d
	WORD   $0x6e7fde73 // fmul v19.2d, v19.2d, v31.2d
	WORD   $0x6e7fde94 // fmul v20.2d, v20.2d, v31.2d
	WORD   $0x6e7fdeb5 // fmul v21.2d, v21.2d, v31.2d
	WORD   $0x6e7fded6 // fmul v22.2d, v22.2d, v31.2d
	WORD   $0x6e7fdef7 // fmul v23.2d, v23.2d, v31.2d
	VFMLA  V16.D2, V16.D2, V0.D2
	VFMLA  V17.D2, V17.D2, V1.D2
	VFMLA  V18.D2, V18.D2, V2.D2
	VFMLA  V19.D2, V19.D2, V3.D2
	VFMLA  V20.D2, V20.D2, V4.D2
	VFMLA  V21.D2, V21.D2, V5.D2
	VFMLA  V22.D2, V22.D2, V6.D2
	VFMLA  V23.D2, V23.D2, V7.D2
	SUB    $16, R2
	CMP    $16, R2
	BGE    sumsqs_loop16

sumsqs_v2:
	CMP    $2, R2
	BLT    sumsqs_reduce
	VLD1.P 16(R0), [V16.D2]
	WORD   $0x6e7fde10 // fmul v16.2d, v16.2d, v31.2d
	VFMLA  V16.D2, V16.D2, V0.D2
	SUB    $2, R2
	B      sumsqs_v2

sumsqs_reduce:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

sumsqs_tail:
	CBZ     R2, sumsqs_done
	FMOVD.P 8(R0), F16
	FMULD   F31, F16, F16
	FMADDD  F16, F0, F16, F0
	SUB     $1, R2
	B       sumsqs_tail

sumsqs_done:
	FMOVD F0, ret+32(FP)
	RET
