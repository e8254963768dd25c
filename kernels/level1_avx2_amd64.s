//go:build !purego && !noasm

#include "textflag.h"
#include "avx2_amd64.h"

// Level-1 kernels for AVX2 + FMA3 (conventions in avx2_amd64.h). Each
// float64/float32 pair shares one body, level1_avx2_<name>_amd64.h, written
// with the element-type names of f64_amd64.h; the TEXT blocks below load
// the arguments into the body's registers, include it and store the
// result.

// dot, dot32: X0 = Σ x[i]·y[i] for i < len(x).
// Registers: X_PTR, Y_PTR walk x and y; N counts the elements left.
// Vectors: Y0..Y7 accumulate, Y8..Y15 hold x. Main loop: 8 vectors per
// iteration (32 float64, 64 float32), one FMA per accumulator with y from
// memory; then one vector at a time into Y0; REDUCE8 folds the
// accumulators into X0; the tail (< one vector) adds one element at a time
// to X0 with the scalar FMA.
#define X_PTR SI
#define Y_PTR DI
#define N     CX

#include "f64_amd64.h"

// func dotAVX2(x, y []float64) float64
TEXT ·dotAVX2(SB), NOSPLIT, $0-56
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ y_base+24(FP), Y_PTR
#include "level1_avx2_dot_amd64.h"
	MOVSD X0, ret+48(FP)
	RET

#include "f32_amd64.h"

// func dot32AVX2(x, y []float32) float32
TEXT ·dot32AVX2(SB), NOSPLIT, $0-52
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ y_base+24(FP), Y_PTR
#include "level1_avx2_dot_amd64.h"
	MOVSS X0, ret+48(FP)
	RET

// sumSq, sumSq32, sumSqWide32: X0 = Σ x[i]², as dot with x for y: Y0..Y7
// accumulate, Y8..Y15 hold x, 8 vectors per iteration (32 float64, 64
// float32), then one vector at a time, REDUCE8, then the scalar tail.
// sumSqWide32 widens four float32 to float64 as it loads them (VCVTPS2PD);
// a float32 squared is exact in float64, so only the accumulation rounds;
// its main loop takes 32 elements, 128 bytes of x.

#include "f64_amd64.h"
#define XLOAD VMOVUP
#define XVEC  VEC
#define XELEM ELEM
#define XLOAD1(r) VMOVS (X_PTR), r

// func sumSqAVX2(x []float64) float64
TEXT ·sumSqAVX2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
#include "level1_avx2_sumsq_amd64.h"
	MOVSD X0, ret+24(FP)
	RET

#include "f32_amd64.h"

// func sumSq32AVX2(x []float32) float32
TEXT ·sumSq32AVX2(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
#include "level1_avx2_sumsq_amd64.h"
	MOVSS X0, ret+24(FP)
	RET

#undef XLOAD
#undef XVEC
#undef XELEM
#undef XLOAD1
#include "f64_amd64.h"
#define XLOAD VCVTPS2PD
#define XVEC  (VEC/2)
#define XELEM 4
#define XLOAD1(r) \
	VMOVSS    (X_PTR), r \
	VCVTSS2SD r, r, r

// func sumSqWide32AVX2(x []float32) float64
TEXT ·sumSqWide32AVX2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
#include "level1_avx2_sumsq_amd64.h"
	MOVSD X0, ret+24(FP)
	RET

#undef XLOAD
#undef XVEC
#undef XELEM
#undef XLOAD1

// sumSqScaled: X0 = Σ (scale·x[i])², Norm's rescaled second pass (scale is a
// power of two). Y0..Y3 accumulate (REDUCE8 folds Y4..Y7 too, which stay
// zero), Y8..Y11 hold scale·x, SCALE the broadcast factor. Main loop: 4
// vectors (16 elements) per iteration; then one vector at a time into Y0;
// then the scalar tail.
#define SCALE  Y15
#define SCALE1 X15

// func sumSqScaledAVX2(x []float64, scale float64) float64
TEXT ·sumSqScaledAVX2(SB), NOSPLIT, $0-40
	MOVQ         x_base+0(FP), X_PTR
	MOVQ         x_len+8(FP), N
	VBROADCASTSD scale+24(FP), SCALE
	ZERO8
	CMPQ         N, $16
	JB           vec

loop:
	VMULPD      (X_PTR), SCALE, Y8
	VMULPD      32(X_PTR), SCALE, Y9
	VMULPD      64(X_PTR), SCALE, Y10
	VMULPD      96(X_PTR), SCALE, Y11
	VFMADD231PD Y8, Y8, Y0
	VFMADD231PD Y9, Y9, Y1
	VFMADD231PD Y10, Y10, Y2
	VFMADD231PD Y11, Y11, Y3
	ADDQ        $128, X_PTR
	SUBQ        $16, N
	CMPQ        N, $16
	JAE         loop

vec:
	CMPQ        N, $4
	JB          reduce
	VMULPD      (X_PTR), SCALE, Y8
	VFMADD231PD Y8, Y8, Y0
	ADDQ        $32, X_PTR
	SUBQ        $4, N
	JMP         vec

reduce:
	REDUCE8

tail:
	TESTQ       N, N
	JZ          done
	VMOVSD      (X_PTR), X8
	VMULSD      X8, SCALE1, X8
	VFMADD231SD X8, X8, X0
	ADDQ        $8, X_PTR
	DECQ        N
	JMP         tail

done:
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET

#undef SCALE
#undef SCALE1

// axpyTo, axpyTo32: dst[i] = alpha·x[i] + y[i], one rounding (VFMADD213).
// Each block is loaded before it is stored, so dst may be the same slice
// as x or y. Registers: DST, X_PTR, Y_PTR walk the slices, N counts the
// elements left, ALPHA holds alpha broadcast (ALPHA1 its low lane, for the
// tail). Main loop: 4 vectors (16 float64, 32 float32) per iteration in
// Y0..Y3; then one vector at a time; then one element at a time.
#define DST    DX
#define ALPHA  Y15
#define ALPHA1 X15

#include "f64_amd64.h"

// func axpyToAVX2(dst []float64, alpha float64, x, y []float64)
TEXT ·axpyToAVX2(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DST
	VBROADCASTSD alpha+24(FP), ALPHA
	MOVQ         x_base+32(FP), X_PTR
	MOVQ         x_len+40(FP), N
	MOVQ         y_base+56(FP), Y_PTR
#include "level1_avx2_axpy_amd64.h"
	RET

#include "f32_amd64.h"

// func axpyTo32AVX2(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32AVX2(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DST
	VBROADCASTSS alpha+24(FP), ALPHA
	MOVQ         x_base+32(FP), X_PTR
	MOVQ         x_len+40(FP), N
	MOVQ         y_base+56(FP), Y_PTR
#include "level1_avx2_axpy_amd64.h"
	RET

// scale, scale32: x[i] *= alpha, in place. Registers: X_PTR walks x, N
// counts the elements left, ALPHA holds alpha broadcast (ALPHA1 its low
// lane). Main loop: 4 vectors (16 float64, 32 float32) per iteration; then
// one vector at a time; then one element at a time.

#include "f64_amd64.h"

// func scaleAVX2(alpha float64, x []float64)
TEXT ·scaleAVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), ALPHA
	MOVQ         x_base+8(FP), X_PTR
	MOVQ         x_len+16(FP), N
#include "level1_avx2_scale_amd64.h"
	RET

#include "f32_amd64.h"

// func scale32AVX2(alpha float32, x []float32)
TEXT ·scale32AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), ALPHA
	MOVQ         x_base+8(FP), X_PTR
	MOVQ         x_len+16(FP), N
#include "level1_avx2_scale_amd64.h"
	RET
