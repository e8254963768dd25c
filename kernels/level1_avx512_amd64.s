//go:build !purego && !noasm

#include "textflag.h"
#include "avx512_amd64.h"

// Level-1 kernels for AVX-512 F (conventions in avx512_amd64.h). Each
// float64/float32 pair shares one body, level1_avx512_<name>_amd64.h,
// written with the element-type names of f64_amd64.h; the TEXT blocks
// below load the arguments into the body's registers, include it and store
// the result.

// dot, dot32: X0 = Σ x[i]·y[i] for i < len(x).
// Registers: X_PTR, Y_PTR walk x and y; N (CX, read by MASK) counts the
// elements left. Vectors: Z0..Z7 accumulate, Z8..Z15 hold x. Main loop: 8
// vectors per iteration (64 float64, 128 float32), one FMA per
// accumulator with y from memory, folded into Z0 (FOLD8) only if it ran;
// then one vector at a time into Z0; the tail (< one vector) is one masked
// FMA into Z1; HSUM adds Z1 and sums the lanes.
#define X_PTR SI
#define Y_PTR DI
#define N     CX

#include "f64_amd64.h"

// func dotAVX512(x, y []float64) float64
TEXT ·dotAVX512(SB), NOSPLIT, $0-56
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ y_base+24(FP), Y_PTR
#include "level1_avx512_dot_amd64.h"
	MOVSD X0, ret+48(FP)
	RET

#include "f32_amd64.h"

// func dot32AVX512(x, y []float32) float32
TEXT ·dot32AVX512(SB), NOSPLIT, $0-52
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ y_base+24(FP), Y_PTR
#include "level1_avx512_dot_amd64.h"
	MOVSS X0, ret+48(FP)
	RET

// sumSq, sumSq32, sumSqWide32: X0 = Σ x[i]², as dot with x for y: Z0..Z7
// accumulate, Z8..Z15 hold x, 8 vectors per iteration (64 float64, 128
// float32), then one vector at a time, then one masked vector. sumSqWide32
// widens eight float32 to float64 as it loads them (VCVTPS2PD); a float32
// squared is exact in float64, so only the accumulation rounds; its main
// loop takes 64 elements, 256 bytes of x.

#include "f64_amd64.h"
#define XLOAD  VMOVUP
#define XLOADZ VMOVUP.Z
#define XVEC   VEC

// func sumSqAVX512(x []float64) float64
TEXT ·sumSqAVX512(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
#include "level1_avx512_sumsq_amd64.h"
	MOVSD X0, ret+24(FP)
	RET

#include "f32_amd64.h"

// func sumSq32AVX512(x []float32) float32
TEXT ·sumSq32AVX512(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
#include "level1_avx512_sumsq_amd64.h"
	MOVSS X0, ret+24(FP)
	RET

#undef XLOAD
#undef XLOADZ
#undef XVEC
#include "f64_amd64.h"
#define XLOAD  VCVTPS2PD
#define XLOADZ VCVTPS2PD.Z
#define XVEC   (VEC/2)

// func sumSqWide32AVX512(x []float32) float64
TEXT ·sumSqWide32AVX512(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
#include "level1_avx512_sumsq_amd64.h"
	MOVSD X0, ret+24(FP)
	RET

#undef XLOAD
#undef XLOADZ
#undef XVEC

// sumSqScaled: X0 = Σ (scale·x[i])², Norm's rescaled second pass (scale is
// a power of two). As sumSq, with each vector multiplied by SCALE as it is
// loaded: Z8..Z14 and Z16 hold scale·x (Z15 is SCALE).
#define SCALE Z15

// func sumSqScaledAVX512(x []float64, scale float64) float64
TEXT ·sumSqScaledAVX512(SB), NOSPLIT, $0-40
	MOVQ         x_base+0(FP), X_PTR
	MOVQ         x_len+8(FP), N
	VBROADCASTSD scale+24(FP), SCALE
	VXORPD       Y0, Y0, Y0
	VXORPD       Y1, Y1, Y1
	CMPQ         N, $64
	JB           vec
	ZERO2_7

loop:
	VMULPD      (X_PTR), SCALE, Z8
	VMULPD      64(X_PTR), SCALE, Z9
	VMULPD      128(X_PTR), SCALE, Z10
	VMULPD      192(X_PTR), SCALE, Z11
	VMULPD      256(X_PTR), SCALE, Z12
	VMULPD      320(X_PTR), SCALE, Z13
	VMULPD      384(X_PTR), SCALE, Z14
	VMULPD      448(X_PTR), SCALE, Z16
	VFMADD231PD Z8, Z8, Z0
	VFMADD231PD Z9, Z9, Z1
	VFMADD231PD Z10, Z10, Z2
	VFMADD231PD Z11, Z11, Z3
	VFMADD231PD Z12, Z12, Z4
	VFMADD231PD Z13, Z13, Z5
	VFMADD231PD Z14, Z14, Z6
	VFMADD231PD Z16, Z16, Z7
	ADDQ        $512, X_PTR
	SUBQ        $64, N
	CMPQ        N, $64
	JAE         loop
	FOLD8

vec:
	CMPQ        N, $8
	JB          tail
	VMULPD      (X_PTR), SCALE, Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $64, X_PTR
	SUBQ        $8, N
	JMP         vec

tail:
	TESTQ       N, N
	JZ          done
	MASK
	VMOVUPD.Z   (X_PTR), K1, Z8
	VMULPD      Z8, SCALE, Z8
	VFMADD231PD Z8, Z8, Z1

done:
	HSUM
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET

#undef SCALE

// axpyTo, axpyTo32: dst[i] = alpha·x[i] + y[i], one rounding (VFMADD213).
// Each block is loaded before it is stored, so dst may be the same slice
// as x or y. Registers: DST, X_PTR, Y_PTR walk the slices, N counts the
// elements left, ALPHA holds alpha broadcast (ALPHA_Y and ALPHA_X: its YMM
// and XMM). Main loop: 4 vectors (32 float64, 64 float32) per iteration
// in Z0..Z3; then one vector at a time; then a YMM, an XMM, (float32) an
// 8-byte pair and a single element as the bits of the remaining length
// say: exact-width loads and stores instead of a masked tail.
#define DST     DX
#define ALPHA   Z15
#define ALPHA_Y Y15
#define ALPHA_X X15

#include "f64_amd64.h"

// func axpyToAVX512(dst []float64, alpha float64, x, y []float64)
TEXT ·axpyToAVX512(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DST
	VBROADCASTSD alpha+24(FP), ALPHA
	MOVQ         x_base+32(FP), X_PTR
	MOVQ         x_len+40(FP), N
	MOVQ         y_base+56(FP), Y_PTR
#include "level1_avx512_axpy_amd64.h"
	RET

#include "f32_amd64.h"

// func axpyTo32AVX512(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32AVX512(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DST
	VBROADCASTSS alpha+24(FP), ALPHA
	MOVQ         x_base+32(FP), X_PTR
	MOVQ         x_len+40(FP), N
	MOVQ         y_base+56(FP), Y_PTR
#include "level1_avx512_axpy_amd64.h"
	RET

// scale, scale32: x[i] *= alpha, in place, with the loops and tail steps
// of axpyTo. Registers: X_PTR walks x, N counts the elements left, ALPHA
// holds alpha broadcast.

#include "f64_amd64.h"

// func scaleAVX512(alpha float64, x []float64)
TEXT ·scaleAVX512(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), ALPHA
	MOVQ         x_base+8(FP), X_PTR
	MOVQ         x_len+16(FP), N
#include "level1_avx512_scale_amd64.h"
	RET

#include "f32_amd64.h"

// func scale32AVX512(alpha float32, x []float32)
TEXT ·scale32AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), ALPHA
	MOVQ         x_base+8(FP), X_PTR
	MOVQ         x_len+16(FP), N
#include "level1_avx512_scale_amd64.h"
	RET
