//go:build !purego && !noasm

#include "textflag.h"
#include "avx512_amd64.h"

// Level-2 kernels for AVX-512 F (conventions in avx512_amd64.h):
// matrix-vector products on row-major matrices (rows at a stride of lda
// elements), the two-way dot product and the Gram product. The Go wrappers
// in level2.go have checked every shape; here rows = len(y) (or len(x),
// len(d)) and cols = len(x) (or len(y), len(v)). Each float64/float32 pair
// shares one body, level2_avx512_<name>_amd64.h or, where AVX2 has the
// same algorithm, level2_<name>_amd64.h; the passes that several
// bodies share are fragments of their own: dot4 and dot1 (the dot products
// of four rows, or one, with x) and axpy4 and axpy1 (the update of y by
// four rows, or one).
//
// The matrix kernels work on blocks of four rows: MatVec and GramVec's first
// half load each piece of x (or v) once for four dot products, MatTVec and
// GramVec's second half load and store each piece of y once for four
// updates. Leftover rows go one at a time. Column tails are masked (K1,
// set once per call from cols % LANES).

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
#define NEXT  CX  // J plus a block, against COLS; also MASK's count
#define D_PTR R14 // gramVec: d
#define AHEAD R12 // gramVec: the prefetch pointer

// matVec, matVec32: y[i] = alpha·(row i · x) + beta·y[i] (the wrapper has
// zeroed y when beta is 0, and beta·y is rounded before the FMA with
// alpha·sum). Four rows at a time: dot4 (two vectors of each row per
// iteration, one FMA per row and vector; then one vector; then the masked
// tail; accumulators Z0..Z7, two per row), SUM4Z to the four sums, one
// vector update of y[i..i+3]; leftover rows with dot1 (two accumulators)
// and HSUM. ALPHA and BETA are broadcast (ALPHA4/BETA4 their four-element
// registers, ALPHA1/BETA1 their low lanes).
#define ALPHA  Y14
#define BETA   Y15
#define ALPHA4 Q14
#define BETA4  Q15
#define ALPHA1 X14
#define BETA1  X15

#include "f64_amd64.h"

// func matVecAVX512(y []float64, alpha float64, a []float64, lda int, x []float64, beta float64)
TEXT ·matVecAVX512(SB), NOSPLIT, $0-96
	MOVQ         y_base+0(FP), Y_PTR
	MOVQ         y_len+8(FP), ROWS
	MOVQ         a_base+32(FP), ROW0
	MOVQ         lda+56(FP), LDA
	SHLQ         $LOGELEM, LDA
	MOVQ         x_base+64(FP), X_PTR
	MOVQ         x_len+72(FP), COLS
	VBROADCASTSD alpha+24(FP), ALPHA
	VBROADCASTSD beta+88(FP), BETA
	MOVQ         COLS, NEXT
	ANDQ         $(LANES-1), NEXT
	MASK
#include "level2_matvec_amd64.h"
	RET

#include "f32_amd64.h"

// func matVec32AVX512(y []float32, alpha float32, a []float32, lda int, x []float32, beta float32)
TEXT ·matVec32AVX512(SB), NOSPLIT, $0-92
	MOVQ         y_base+0(FP), Y_PTR
	MOVQ         y_len+8(FP), ROWS
	MOVQ         a_base+32(FP), ROW0
	MOVQ         lda+56(FP), LDA
	SHLQ         $LOGELEM, LDA
	MOVQ         x_base+64(FP), X_PTR
	MOVQ         x_len+72(FP), COLS
	VBROADCASTSS alpha+24(FP), ALPHA
	VBROADCASTSS beta+88(FP), BETA
	MOVQ         COLS, NEXT
	ANDQ         $(LANES-1), NEXT
	MASK
#include "level2_matvec_amd64.h"
	RET

#undef ALPHA
#undef BETA
#undef ALPHA4
#undef BETA4
#undef ALPHA1
#undef BETA1

// matTVec, matTVec32: y += alpha·x[i]·(row i) for each row, four rows per
// pass over y: c_r = alpha·x[i+r] (rounded) broadcast into Z10..Z13, then
// axpy4 (eight vectors of y per iteration, each updated by the four rows;
// then one vector; then the masked tail); leftover rows with axpy1 (four
// vectors per iteration). ALPHA1 holds alpha.
#define ALPHA1 X15

#include "f64_amd64.h"

// func matTVecAVX512(y []float64, alpha float64, a []float64, lda int, x []float64)
TEXT ·matTVecAVX512(SB), NOSPLIT, $0-88
	MOVQ   y_base+0(FP), Y_PTR
	MOVQ   y_len+8(FP), COLS
	MOVQ   a_base+32(FP), ROW0
	MOVQ   lda+56(FP), LDA
	SHLQ   $LOGELEM, LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), ROWS
	VMOVSD alpha+24(FP), ALPHA1
	MOVQ   COLS, NEXT
	ANDQ   $(LANES-1), NEXT
	MASK
#include "level2_mattvec_amd64.h"
	RET

#include "f32_amd64.h"

// func matTVec32AVX512(y []float32, alpha float32, a []float32, lda int, x []float32)
TEXT ·matTVec32AVX512(SB), NOSPLIT, $0-88
	MOVQ   y_base+0(FP), Y_PTR
	MOVQ   y_len+8(FP), COLS
	MOVQ   a_base+32(FP), ROW0
	MOVQ   lda+56(FP), LDA
	SHLQ   $LOGELEM, LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), ROWS
	VMOVSS alpha+24(FP), ALPHA1
	MOVQ   COLS, NEXT
	ANDQ   $(LANES-1), NEXT
	MASK
#include "level2_mattvec_amd64.h"
	RET

#undef ALPHA1

// gramVec, gramVec32: out += Σ_i d[i]·(row i · v)·(row i). Four rows at a
// time: dot4 with v, prefetching the rows two blocks ahead; the four sums
// times d[i..i+3], rounded, broadcast into Z10..Z13; axpy4 into out while
// the rows are in cache. Leftover rows: dot1, times d[i], axpy1. The
// wrapper has zeroed out.

#include "f64_amd64.h"

// func gramVecAVX512(out, x []float64, ldx int, d, v []float64)
TEXT ·gramVecAVX512(SB), NOSPLIT, $0-104
	MOVQ out_base+0(FP), Y_PTR
	MOVQ out_len+8(FP), COLS
	MOVQ x_base+24(FP), ROW0
	MOVQ ldx+48(FP), LDA
	SHLQ $LOGELEM, LDA
	MOVQ d_base+56(FP), D_PTR
	MOVQ d_len+64(FP), ROWS
	MOVQ v_base+80(FP), X_PTR
	MOVQ COLS, NEXT
	ANDQ $(LANES-1), NEXT
	MASK
#include "level2_gramvec_amd64.h"
	RET

#include "f32_amd64.h"

// func gramVec32AVX512(out, x []float32, ldx int, d, v []float32)
TEXT ·gramVec32AVX512(SB), NOSPLIT, $0-104
	MOVQ out_base+0(FP), Y_PTR
	MOVQ out_len+8(FP), COLS
	MOVQ x_base+24(FP), ROW0
	MOVQ ldx+48(FP), LDA
	SHLQ $LOGELEM, LDA
	MOVQ d_base+56(FP), D_PTR
	MOVQ d_len+64(FP), ROWS
	MOVQ v_base+80(FP), X_PTR
	MOVQ COLS, NEXT
	ANDQ $(LANES-1), NEXT
	MASK
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
// y[j] += alpha·x[i]·A[i][j] for j > i, reading each stored element once.
// Four rows at a time while at least four remain: the 4×4 corner on the
// diagonal in scalar FMAs (upper triangle only), and one pass over the
// four rows' segments from column i+4 that makes their dot products with x
// (accumulators Z0..Z7, two per row; rows in Z16..Z19, Z24..Z27) and adds
// their four contributions alpha·x[i+r]·A[i+r][j] (Z10..Z13) to y with one
// load and store of y (Z28, Z29): two vectors per iteration, then one,
// then the masked tail; SUM4Z and the corner give y[i..i+3]. Then two rows
// at a time (the 2×2 corner scalar; four vectors of each row per
// iteration, dot products in Z0..Z3 and Z4..Z7), then one row (four
// vectors per iteration). The pass's mask is set per block from its
// length.
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
#define ROWB   R14 // rows2: row i+1
#define XJ     R10 // rows2, rows1: &x[j]
#define YJ     R11 // rows2, rows1: &y[j]
#define COLS   R13 // the pass's length
#define J      AX  // the column index in the pass
#define NEXT   CX  // J plus a block, against COLS; also MASK's count
#define ALPHA1 X15
#define ALPHA  Z14
#define ALPHA4 Q14

#include "f64_amd64.h"

// func symMatVecAVX512(y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int)
TEXT ·symMatVecAVX512(SB), NOSPLIT, $0-104
	MOVQ   y_base+0(FP), Y_PTR
	VMOVSD alpha+24(FP), ALPHA1
	MOVQ   a_base+32(FP), A_PTR
	MOVQ   lda+56(FP), LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), N
	MOVQ   i0+88(FP), I
	MOVQ   i1+96(FP), I_END
#include "level2_avx512_symmatvec_amd64.h"
	RET

#include "f32_amd64.h"

// func symMatVec32AVX512(y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int)
TEXT ·symMatVec32AVX512(SB), NOSPLIT, $0-104
	MOVQ   y_base+0(FP), Y_PTR
	VMOVSS alpha+24(FP), ALPHA1
	MOVQ   a_base+32(FP), A_PTR
	MOVQ   lda+56(FP), LDA
	MOVQ   x_base+64(FP), X_PTR
	MOVQ   x_len+72(FP), N
	MOVQ   i0+88(FP), I
	MOVQ   i1+96(FP), I_END
#include "level2_avx512_symmatvec_amd64.h"
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
#undef ROWB
#undef XJ
#undef YJ
#undef COLS
#undef J
#undef NEXT
#undef ALPHA1
#undef ALPHA
#undef ALPHA4

// dotPair, dotPair32: X0 = x·a and X4 = x·b in one pass over x: four
// vectors of x per iteration, each used for a (Z0..Z3) and for b
// (Z4..Z7); then one vector into Z0 and Z4; then the masked tail into Z1
// and Z5; each sum folded ((0+1)+(2+3)) and its lanes summed (HSUMZ).
#define X_PTR SI
#define N     R13
#define A_PTR R8
#define B_PTR R9
#define J     AX
#define NEXT  CX

#include "f64_amd64.h"

// func dotPairAVX512(x, a, b []float64) (float64, float64)
TEXT ·dotPairAVX512(SB), NOSPLIT, $0-88
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ a_base+24(FP), A_PTR
	MOVQ b_base+48(FP), B_PTR
#include "level2_avx512_dotpair_amd64.h"
	MOVSD X0, ret+72(FP)
	MOVSD X4, ret1+80(FP)
	RET

#include "f32_amd64.h"

// func dotPair32AVX512(x, a, b []float32) (float32, float32)
TEXT ·dotPair32AVX512(SB), NOSPLIT, $0-80
	MOVQ x_base+0(FP), X_PTR
	MOVQ x_len+8(FP), N
	MOVQ a_base+24(FP), A_PTR
	MOVQ b_base+48(FP), B_PTR
#include "level2_avx512_dotpair_amd64.h"
	MOVSS X0, ret+72(FP)
	MOVSS X4, ret1+76(FP)
	RET
