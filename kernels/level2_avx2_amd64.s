//go:build !purego && !noasm

#include "textflag.h"
#include "avx2_amd64.h"

// Level-2 kernels for AVX2 + FMA3 (conventions in avx2_amd64.h), the same
// algorithms as level2_avx512_amd64.s on YMM registers: blocks of four
// rows for MatVec, MatTVec and GramVec, whose bodies (level2_<name>_amd64.h)
// and descriptions are shared with AVX-512 (the passes are
// level2_avx2_{dot4,dot1,axpy4,axpy1}_amd64.h here); SymMatVec one row at a
// time and DotPair with bodies of their own. Column tails run one element
// at a time with scalar FMAs into accumulators of their own.

// Registers of matVec, matTVec and gramVec.
#define Y_PTR DI  // y (gramVec: out)
#define ROWS  BX  // rows left
#define ROW0  R8  // row i of A (gramVec: of X)
#define ROW1  R9  // rows i+1..i+3 in a block of four
#define ROW2  R10
#define ROW3  R11
#define LDA   DX  // the row stride in bytes
#define X_PTR SI  // x (gramVec: v in the dot pass)
#define COLS  R13 // the columns
#define J     AX  // the column index
#define NEXT  CX  // J plus a block, against COLS
#define D_PTR R14 // gramVec: d
#define AHEAD R12 // gramVec: the prefetch pointer

// matVec, matVec32: as on AVX-512 (see level2_avx512_amd64.s), with YMM
// vectors: dot4 makes four rows' dot products (two vectors of each row per
// iteration, then one, then the scalar tail into X10..X13), the sums
// update y[i..i+3]; leftover rows with dot1.
#define ALPHA  Y14
#define BETA   Y15
#define ALPHA4 Q14
#define BETA4  Q15
#define ALPHA1 X14
#define BETA1  X15

#include "f64_amd64.h"

// func matVecAVX2(y []float64, alpha float64, a []float64, lda int, x []float64, beta float64)
TEXT ·matVecAVX2(SB), NOSPLIT, $0-96
	MOVQ         y_base+0(FP), Y_PTR
	MOVQ         y_len+8(FP), ROWS
	MOVQ         a_base+32(FP), ROW0
	MOVQ         lda+56(FP), LDA
	SHLQ         $LOGELEM, LDA
	MOVQ         x_base+64(FP), X_PTR
	MOVQ         x_len+72(FP), COLS
	VBROADCASTSD alpha+24(FP), ALPHA
	VBROADCASTSD beta+88(FP), BETA
#include "level2_matvec_amd64.h"
	RET

#include "f32_amd64.h"

// func matVec32AVX2(y []float32, alpha float32, a []float32, lda int, x []float32, beta float32)
TEXT ·matVec32AVX2(SB), NOSPLIT, $0-92
	MOVQ         y_base+0(FP), Y_PTR
	MOVQ         y_len+8(FP), ROWS
	MOVQ         a_base+32(FP), ROW0
	MOVQ         lda+56(FP), LDA
	SHLQ         $LOGELEM, LDA
	MOVQ         x_base+64(FP), X_PTR
	MOVQ         x_len+72(FP), COLS
	VBROADCASTSS alpha+24(FP), ALPHA
	VBROADCASTSS beta+88(FP), BETA
#include "level2_matvec_amd64.h"
	RET

#undef ALPHA
#undef BETA
#undef ALPHA4
#undef BETA4
#undef ALPHA1
#undef BETA1

// matTVec, matTVec32: as on AVX-512, with YMM vectors: c_r = alpha·x[i+r]
// broadcast into Y10..Y13, axpy4 (four vectors of y per iteration, then
// one, then one element at a time); leftover rows with axpy1.
#define ALPHA1 X15

#include "f64_amd64.h"

// func matTVecAVX2(y []float64, alpha float64, a []float64, lda int, x []float64)
TEXT ·matTVecAVX2(SB), NOSPLIT, $0-88
	MOVQ   y_base+0(FP), Y_PTR
	MOVQ   y_len+8(FP), COLS
	MOVQ   a_base+32(FP), ROW0
	MOVQ   lda+56(FP), LDA
	SHLQ   $LOGELEM, LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), ROWS
	VMOVSD alpha+24(FP), ALPHA1
#include "level2_mattvec_amd64.h"
	RET

#include "f32_amd64.h"

// func matTVec32AVX2(y []float32, alpha float32, a []float32, lda int, x []float32)
TEXT ·matTVec32AVX2(SB), NOSPLIT, $0-88
	MOVQ   y_base+0(FP), Y_PTR
	MOVQ   y_len+8(FP), COLS
	MOVQ   a_base+32(FP), ROW0
	MOVQ   lda+56(FP), LDA
	SHLQ   $LOGELEM, LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), ROWS
	VMOVSS alpha+24(FP), ALPHA1
#include "level2_mattvec_amd64.h"
	RET

#undef ALPHA1

// gramVec, gramVec32: as on AVX-512, with YMM vectors: dot4 with v,
// prefetching the rows two blocks ahead, times d[i..i+3], broadcast into
// Y10..Y13, axpy4 into out; leftover rows with dot1 and axpy1. The
// wrapper has zeroed out.

#include "f64_amd64.h"

// func gramVecAVX2(out, x []float64, ldx int, d, v []float64)
TEXT ·gramVecAVX2(SB), NOSPLIT, $0-104
	MOVQ out_base+0(FP), Y_PTR
	MOVQ out_len+8(FP), COLS
	MOVQ x_base+24(FP), ROW0
	MOVQ ldx+48(FP), LDA
	SHLQ $LOGELEM, LDA
	MOVQ d_base+56(FP), D_PTR
	MOVQ d_len+64(FP), ROWS
	MOVQ v_base+80(FP), X_PTR
#include "level2_gramvec_amd64.h"
	RET

#include "f32_amd64.h"

// func gramVec32AVX2(out, x []float32, ldx int, d, v []float32)
TEXT ·gramVec32AVX2(SB), NOSPLIT, $0-104
	MOVQ out_base+0(FP), Y_PTR
	MOVQ out_len+8(FP), COLS
	MOVQ x_base+24(FP), ROW0
	MOVQ ldx+48(FP), LDA
	SHLQ $LOGELEM, LDA
	MOVQ d_base+56(FP), D_PTR
	MOVQ d_len+64(FP), ROWS
	MOVQ v_base+80(FP), X_PTR
#include "level2_gramvec_amd64.h"
	RET

#undef Y_PTR
#undef ROWS
#undef ROW0
#undef ROW1
#undef ROW2
#undef ROW3
#undef LDA
#undef X_PTR
#undef COLS
#undef J
#undef NEXT
#undef D_PTR
#undef AHEAD

// symMatVec, symMatVec32: rows i0..i1 of the upper triangle (row-major,
// stride lda) added to y as y[i] += alpha·(A[i][i:]·x[i:]) and
// y[j] += alpha·x[i]·A[i][j] for j > i. Four rows at a time while four
// remain: one pass over the four rows' segments from column i+4 makes
// their dot products with x (Y0, Y2, Y4, Y6; one vector per iteration,
// then the scalar tail into X4..X7) and adds their four contributions
// alpha·x[i+r]·A[i+r][j] (Y10..Y13) to y with one load and store of y;
// SUM4, the tail and the 4×4 corner give y[i..i+3]. Then one row at a
// time: the diagonal term scalar, then one pass over A[i][i+1:] that makes
// the row's dot product with x (four vectors per iteration in Y0..Y3, then
// one, then the scalar tail into X11) and adds C·A[i][j] to y[j]
// (C = alpha·x[i]).
#define Y_PTR  DI  // y (rows4: y[i+4] during the pass)
#define A_PTR  R8  // A
#define LDA    DX  // the row stride in elements
#define X_PTR  SI  // x (rows4: x[i+4] during the pass)
#define N      R12 // n = len(x)
#define I      BX  // the row
#define I_END  R15 // i1
#define ROW0   R9  // &A[i][j] for the pass's first column j
#define ROW1   R10 // rows4: rows i+1..i+3
#define ROW2   R11
#define ROW3   R14
#define XJ     R10 // one row: &x[i+1]
#define YJ     R11 // one row: &y[i+1]
#define COLS   R13 // the pass's length: n-i-4 (rows4), n-i-1 (one row)
#define J      AX  // the column index in the pass
#define NEXT   CX  // J plus a block, against COLS; rows4: i+4, against I_END
#define ALPHA1 X15
#define ALPHA4 Q14 // alpha in four elements (rows4's y[i..i+3])
#define C      Y10 // one row: alpha·x[i] broadcast
#define C1     X10 // its low lane

#include "f64_amd64.h"

// func symMatVecAVX2(y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int)
TEXT ·symMatVecAVX2(SB), NOSPLIT, $0-104
	MOVQ   y_base+0(FP), Y_PTR
	VMOVSD alpha+24(FP), ALPHA1
	MOVQ   a_base+32(FP), A_PTR
	MOVQ   lda+56(FP), LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), N
	MOVQ   i0+88(FP), I
	MOVQ   i1+96(FP), I_END
#include "level2_avx2_symmatvec_amd64.h"
	RET

#include "f32_amd64.h"

// func symMatVec32AVX2(y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int)
TEXT ·symMatVec32AVX2(SB), NOSPLIT, $0-104
	MOVQ   y_base+0(FP), Y_PTR
	VMOVSS alpha+24(FP), ALPHA1
	MOVQ   a_base+32(FP), A_PTR
	MOVQ   lda+56(FP), LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), N
	MOVQ   i0+88(FP), I
	MOVQ   i1+96(FP), I_END
#include "level2_avx2_symmatvec_amd64.h"
	RET

#undef Y_PTR
#undef A_PTR
#undef LDA
#undef X_PTR
#undef N
#undef I
#undef I_END
#undef ROW0
#undef ROW1
#undef ROW2
#undef ROW3
#undef XJ
#undef YJ
#undef COLS
#undef J
#undef NEXT
#undef ALPHA1
#undef ALPHA4
#undef C
#undef C1

// dotPair, dotPair32: X0 = x·a and X4 = x·b in one pass over x: four
// vectors of x per iteration, each used for a (Y0..Y3) and for b
// (Y4..Y7); then one vector into Y0 and Y4; each sum folded ((0+1)+(2+3))
// and its lanes summed (HSUMY); then the tail, one element at a time,
// into X0 and X4.
#define X_PTR SI
#define N     R13
#define A_PTR R8
#define B_PTR R9
#define J     AX
#define NEXT  CX

#include "f64_amd64.h"

// func dotPairAVX2(x, a, b []float64) (float64, float64)
TEXT ·dotPairAVX2(SB), NOSPLIT, $0-88
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ a_base+24(FP), A_PTR
	MOVQ b_base+48(FP), B_PTR
#include "level2_avx2_dotpair_amd64.h"
	MOVSD X0, ret+72(FP)
	MOVSD X4, ret1+80(FP)
	RET

#include "f32_amd64.h"

// func dotPair32AVX2(x, a, b []float32) (float32, float32)
TEXT ·dotPair32AVX2(SB), NOSPLIT, $0-80
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ a_base+24(FP), A_PTR
	MOVQ b_base+48(FP), B_PTR
#include "level2_avx2_dotpair_amd64.h"
	MOVSS X0, ret+72(FP)
	MOVSS X4, ret1+76(FP)
	RET
