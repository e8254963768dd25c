//go:build !purego && !noasm

#include "textflag.h"
#include "neon_arm64.h"

// Level-1 kernels for NEON (conventions in neon_arm64.h). Each
// float64/float32 pair shares one body, level1_neon_<name>_arm64.h,
// written with the element-type names of f64_arm64.h; the TEXT blocks
// below load the arguments into the body's registers, include it and
// store the result.

// dot, dot32: F0 = Σ x[i]·y[i] for i < len(x).
// Registers: X_PTR, Y_PTR walk x and y; N counts the elements left.
// Vectors: V0..V7 accumulate, x in V16..V23, y in V24..V31. Main loop: 8
// registers per iteration (16 float64, 32 float32), one FMA per
// accumulator; then one register at a time into V0; the fold
// (neon_fold8_arm64.h) into F0; the tail (< one register) one element at
// a time with FMADD.
#define X_PTR R0
#define Y_PTR R1
#define N     R2

#include "f64_arm64.h"

// func dotNEON(x, y []float64) float64
TEXT ·dotNEON(SB), NOSPLIT, $0-56
	MOVD x_base+0(FP), X_PTR
	MOVD x_len+8(FP), N
	MOVD y_base+24(FP), Y_PTR
#include "level1_neon_dot_arm64.h"
	FMOVD F0, ret+48(FP)
	RET

#include "f32_arm64.h"

// func dot32NEON(x, y []float32) float32
TEXT ·dot32NEON(SB), NOSPLIT, $0-52
	MOVD x_base+0(FP), X_PTR
	MOVD x_len+8(FP), N
	MOVD y_base+24(FP), Y_PTR
#include "level1_neon_dot_arm64.h"
	FMOVS F0, ret+48(FP)
	RET

// sumSq, sumSq32: F0 = Σ x[i]², as dot with x for y: V0..V7 accumulate, x
// in V16..V23, 8 registers per iteration (16 float64, 32 float32), then
// one register at a time, the fold, then the scalar tail.

#include "f64_arm64.h"

// func sumSqNEON(x []float64) float64
TEXT ·sumSqNEON(SB), NOSPLIT, $0-32
	MOVD x_base+0(FP), X_PTR
	MOVD x_len+8(FP), N
#include "level1_neon_sumsq_arm64.h"
	FMOVD F0, ret+24(FP)
	RET

#include "f32_arm64.h"

// func sumSq32NEON(x []float32) float32
TEXT ·sumSq32NEON(SB), NOSPLIT, $0-28
	MOVD x_base+0(FP), X_PTR
	MOVD x_len+8(FP), N
#include "level1_neon_sumsq_arm64.h"
	FMOVS F0, ret+24(FP)
	RET

// sumSqWide32: F0 = Σ x[i]² of float32 entries in float64. Sixteen float32
// per iteration (V16..V19) are widened to float64 (FCVTL takes the low two
// lanes, FCVTL2 the high two) into V20..V27; the squares are exact in
// float64, so only the accumulation (V0..V7) rounds. Then four at a time
// into V0 and V1, the fold, and the tail widened one element at a time
// (FCVT S to D is exact).

#include "f64_arm64.h"

// func sumSqWide32NEON(x []float32) float64
TEXT ·sumSqWide32NEON(SB), NOSPLIT, $0-32
	MOVD   x_base+0(FP), X_PTR
	MOVD   x_len+8(FP), N
	ZERO8
	CMP    $16, N
	BLT    vec

loop:
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
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
	SUB    $16, N
	CMP    $16, N
	BGE    loop

vec:
	CMP    $4, N
	BLT    reduce
	VLD1.P 16(X_PTR), [V16.S4]
	WORD   $0x0e617a14 // fcvtl v20.2d, v16.2s
	WORD   $0x4e617a15 // fcvtl2 v21.2d, v16.4s
	VFMLA  V20.D2, V20.D2, V0.D2
	VFMLA  V21.D2, V21.D2, V1.D2
	SUB    $4, N
	B      vec

reduce:
#include "neon_fold8_arm64.h"

tail:
	CBZ     N, done
	FMOVS.P 4(X_PTR), F16
	FCVTSD  F16, F16
	FMADDD  F16, F0, F16, F0
	SUB     $1, N
	B       tail

done:
	FMOVD F0, ret+24(FP)
	RET

// sumSqScaled: F0 = Σ (scale·x[i])², Norm's rescaled second pass (scale is
// a power of two, in V31): as sumSq, each register multiplied by scale
// (rounded, like the reference) before its square is accumulated.

// func sumSqScaledNEON(x []float64, scale float64) float64
TEXT ·sumSqScaledNEON(SB), NOSPLIT, $0-40
	MOVD   x_base+0(FP), X_PTR
	MOVD   x_len+8(FP), N
	FMOVD  scale+24(FP), F31
	VDUP   V31.D[0], V31.D2
	ZERO8
	CMP    $16, N
	BLT    vec

loop:
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
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
	SUB    $16, N
	CMP    $16, N
	BGE    loop

vec:
	CMP    $2, N
	BLT    reduce
	VLD1.P 16(X_PTR), [V16.D2]
	WORD   $0x6e7fde10 // fmul v16.2d, v16.2d, v31.2d
	VFMLA  V16.D2, V16.D2, V0.D2
	SUB    $2, N
	B      vec

reduce:
#include "neon_fold8_arm64.h"

tail:
	CBZ     N, done
	FMOVD.P 8(X_PTR), F16
	FMULD   F31, F16, F16
	FMADDD  F16, F0, F16, F0
	SUB     $1, N
	B       tail

done:
	FMOVD F0, ret+32(FP)
	RET

#undef X_PTR
#undef Y_PTR
#undef N

// axpyTo, axpyTo32: dst[i] = alpha·x[i] + y[i], one rounding (FMLA
// accumulates into the y registers). Each block is loaded before it is
// stored, so dst may be the same slice as x or y. Registers: DST, X_PTR,
// Y_PTR walk the slices, N counts the elements left; alpha in V31 (F31).
// Main loop: x in V0..V7, y and the result in V16..V23, 8 registers per
// iteration; then one register at a time; then one element at a time.
#define DST   R0
#define X_PTR R1
#define Y_PTR R2
#define N     R3

#include "f64_arm64.h"

// func axpyToNEON(dst []float64, alpha float64, x, y []float64)
TEXT ·axpyToNEON(SB), NOSPLIT, $0-80
	MOVD  dst_base+0(FP), DST
	FMOVD alpha+24(FP), F31
	MOVD  x_base+32(FP), X_PTR
	MOVD  x_len+40(FP), N
	MOVD  y_base+56(FP), Y_PTR
#include "level1_neon_axpy_arm64.h"
	RET

#include "f32_arm64.h"

// func axpyTo32NEON(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32NEON(SB), NOSPLIT, $0-80
	MOVD  dst_base+0(FP), DST
	FMOVS alpha+24(FP), F31
	MOVD  x_base+32(FP), X_PTR
	MOVD  x_len+40(FP), N
	MOVD  y_base+56(FP), Y_PTR
#include "level1_neon_axpy_arm64.h"
	RET

#undef DST
#undef X_PTR
#undef Y_PTR
#undef N

// scale, scale32: x[i] *= alpha, in place: X_PTR reads ahead of DST, which
// stores each block after its multiply (FMUL by V31, one rounding). Main
// loop: 8 registers (V0..V7) per iteration; then one register at a time;
// then one element at a time. N counts the elements left.
#define X_PTR R0
#define DST   R1
#define N     R2

#include "f64_arm64.h"

// func scaleNEON(alpha float64, x []float64)
TEXT ·scaleNEON(SB), NOSPLIT, $0-32
	FMOVD alpha+0(FP), F31
	MOVD  x_base+8(FP), X_PTR
	MOVD  x_len+16(FP), N
#include "level1_neon_scale_arm64.h"
	RET

#include "f32_arm64.h"

// func scale32NEON(alpha float32, x []float32)
TEXT ·scale32NEON(SB), NOSPLIT, $0-32
	FMOVS alpha+0(FP), F31
	MOVD  x_base+8(FP), X_PTR
	MOVD  x_len+16(FP), N
#include "level1_neon_scale_arm64.h"
	RET
