//go:build !purego && !noasm

#include "textflag.h"
#include "neon_arm64.h"

// Level-2 kernels for NEON (conventions in neon_arm64.h): matrix-vector
// products on row-major matrices (rows at a stride of lda elements), the
// two-way dot product and the Gram product, with the algorithms of the
// amd64 levels. Main loops of four 128-bit registers per stream, then one
// register at a time, then a scalar tail, so nothing outside a row or
// vector is touched (not even the padding between rows). The Go wrappers
// in level2.go have checked every shape; here rows = len(y) (or len(x),
// len(d)) and cols = len(x) (or len(y), len(v)). Each float64/float32 pair
// shares one body, level2_neon_<name>_arm64.h.
//
// The matrix kernels work on blocks of four rows: MatVec and GramVec's
// first half load each register of x (or v) once for four dot products,
// with four accumulators per row (V0..V15); MatTVec and GramVec's second
// half load and store each register of y (or out) once for four updates,
// applied in row order. Leftover rows go one at a time. The four-row dot
// products take their tail elements with scalar loads and a vector FMA on
// lane 0, so the four sums stay in vector registers for the update of y;
// everywhere else the tail is scalar, after the fold.

// Registers of matVec, matTVec and gramVec.
#define N     R2  // the elements left in a pass
#define A_ROW R3  // the block's first row
#define ROW0  R4  // the block's rows, walked by the pass
#define ROW1  R5
#define ROW2  R6
#define ROW3  R7
#define XW    R8  // walks x (gramVec: v) in a dot pass
#define LDA   R9  // the row stride in bytes
#define X_PTR R10 // x (gramVec: v); matTVec walks it
#define COLS  R11 // the columns

// matVec, matVec32: y[i] = alpha·(row i · x) + beta·y[i], one FMA for the
// last step (beta·y rounded first); the wrapper has zeroed y when beta is
// 0. Four rows at a time: four registers of x per iteration, each for the
// four rows (row r in V(4r)..V(4r+3)), then one register, then the tail on
// lane 0 of each row's second accumulator; the fold leaves the four sums
// in V0 and V8 (two lanes each, float64) or V0 (float32). alpha in V30,
// beta in V31. Leftover rows: four accumulators, the fold, the scalar
// tail. Y_PTR walks y, ROWS counts the rows left.
#define Y_PTR R0
#define ROWS  R1

#include "f64_arm64.h"

// func matVecNEON(y []float64, alpha float64, a []float64, lda int, x []float64, beta float64)
TEXT ·matVecNEON(SB), NOSPLIT, $0-96
	MOVD  y_base+0(FP), Y_PTR
	MOVD  y_len+8(FP), ROWS
	FMOVD alpha+24(FP), F30
	MOVD  a_base+32(FP), A_ROW
	MOVD  lda+56(FP), LDA
	LSL   $LOGELEM, LDA
	MOVD  x_base+64(FP), X_PTR
	MOVD  x_len+72(FP), COLS
	FMOVD beta+88(FP), F31
#include "level2_neon_matvec_arm64.h"
	RET

#include "f32_arm64.h"

// func matVec32NEON(y []float32, alpha float32, a []float32, lda int, x []float32, beta float32)
TEXT ·matVec32NEON(SB), NOSPLIT, $0-92
	MOVD  y_base+0(FP), Y_PTR
	MOVD  y_len+8(FP), ROWS
	FMOVS alpha+24(FP), F30
	MOVD  a_base+32(FP), A_ROW
	MOVD  lda+56(FP), LDA
	LSL   $LOGELEM, LDA
	MOVD  x_base+64(FP), X_PTR
	MOVD  x_len+72(FP), COLS
	FMOVS beta+88(FP), F31
#include "level2_neon_matvec_arm64.h"
	RET

#undef Y_PTR
#undef ROWS

// matTVec, matTVec32: y += (alpha·x[i])·(row i), four rows per pass over y:
// s_r = alpha·x[i+r] broadcast to V26..V29; four registers of y (V0..V3)
// per iteration, loaded (YL) and stored (YS) once for the four rows (row r
// in V(4+4r)..V(7+4r)); then one register; then one element at a time
// with F26..F29. Leftover rows one at a time. X_PTR walks x, ROWS counts
// the rows left; y is Y_PTR.
#define YL    R0
#define YS    R1
#define Y_PTR R12
#define ROWS  R13

#include "f64_arm64.h"

// func matTVecNEON(y []float64, alpha float64, a []float64, lda int, x []float64)
TEXT ·matTVecNEON(SB), NOSPLIT, $0-88
	MOVD  y_base+0(FP), Y_PTR
	MOVD  y_len+8(FP), COLS
	FMOVD alpha+24(FP), F30
	MOVD  a_base+32(FP), A_ROW
	MOVD  lda+56(FP), LDA
	LSL   $LOGELEM, LDA
	MOVD  x_base+64(FP), X_PTR
	MOVD  x_len+72(FP), ROWS
#include "level2_neon_mattvec_arm64.h"
	RET

#include "f32_arm64.h"

// func matTVec32NEON(y []float32, alpha float32, a []float32, lda int, x []float32)
TEXT ·matTVec32NEON(SB), NOSPLIT, $0-88
	MOVD  y_base+0(FP), Y_PTR
	MOVD  y_len+8(FP), COLS
	FMOVS alpha+24(FP), F30
	MOVD  a_base+32(FP), A_ROW
	MOVD  lda+56(FP), LDA
	LSL   $LOGELEM, LDA
	MOVD  x_base+64(FP), X_PTR
	MOVD  x_len+72(FP), ROWS
#include "level2_neon_mattvec_arm64.h"
	RET

// gramVec, gramVec32: out += d[i]·(row i · v)·(row i): four dot products
// sharing the loads of v (as matVec), s = d·dot, then four updates of out
// sharing its loads and stores (as matTVec), while the four rows are still
// in cache. D_PTR walks d, ROWS counts the rows left; out is Y_PTR. The
// wrapper has zeroed out.
#undef ROWS
#define D_PTR R13
#define ROWS  R14

#include "f64_arm64.h"

// func gramVecNEON(out, x []float64, ldx int, d, v []float64)
TEXT ·gramVecNEON(SB), NOSPLIT, $0-104
	MOVD out_base+0(FP), Y_PTR
	MOVD out_len+8(FP), COLS
	MOVD x_base+24(FP), A_ROW
	MOVD ldx+48(FP), LDA
	LSL  $LOGELEM, LDA
	MOVD d_base+56(FP), D_PTR
	MOVD d_len+64(FP), ROWS
	MOVD v_base+80(FP), X_PTR
#include "level2_neon_gramvec_arm64.h"
	RET

#include "f32_arm64.h"

// func gramVec32NEON(out, x []float32, ldx int, d, v []float32)
TEXT ·gramVec32NEON(SB), NOSPLIT, $0-104
	MOVD out_base+0(FP), Y_PTR
	MOVD out_len+8(FP), COLS
	MOVD x_base+24(FP), A_ROW
	MOVD ldx+48(FP), LDA
	LSL  $LOGELEM, LDA
	MOVD d_base+56(FP), D_PTR
	MOVD d_len+64(FP), ROWS
	MOVD v_base+80(FP), X_PTR
#include "level2_neon_gramvec_arm64.h"
	RET

#undef N
#undef A_ROW
#undef ROW0
#undef ROW1
#undef ROW2
#undef ROW3
#undef XW
#undef LDA
#undef X_PTR
#undef COLS
#undef YL
#undef YS
#undef Y_PTR
#undef D_PTR
#undef ROWS

// symMatVec, symMatVec32: rows i0..i1 of the upper triangle (row-major,
// stride lda) added to y, one row at a time as the AVX2 version: one pass
// over A[i][i+1:] makes t = A[i][i+1:]·x[i+1:] (V0..V3, then F0) and adds
// s·A[i][j] to y[j] (s = alpha·x[i] in V31), four registers per
// iteration, then one, then one element at a time; then y[i] += alpha·(t +
// A[i][i]·x[i]) (the diagonal product in F28; alpha in F30). I is the row,
// IJ the offset of A[i][i]; ROW walks the row, XJ x, YL and YS y (load,
// store).
#define N     R2
#define IJ    R3
#define ROW   R4
#define XJ    R5
#define YL    R6
#define YS    R7
#define I     R8
#define LDA   R10 // the row stride in elements
#define NX    R11 // n = len(x)
#define A_PTR R12
#define X_PTR R13
#define Y_PTR R14
#define I_END R15

#include "f64_arm64.h"

// func symMatVecNEON(y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int)
TEXT ·symMatVecNEON(SB), NOSPLIT, $0-104
	MOVD  y_base+0(FP), Y_PTR
	FMOVD alpha+24(FP), F30
	MOVD  a_base+32(FP), A_PTR
	MOVD  lda+56(FP), LDA
	MOVD  x_base+64(FP), X_PTR
	MOVD  x_len+72(FP), NX
	MOVD  i0+88(FP), I
	MOVD  i1+96(FP), I_END
#include "level2_neon_symmatvec_arm64.h"
	RET

#include "f32_arm64.h"

// func symMatVec32NEON(y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int)
TEXT ·symMatVec32NEON(SB), NOSPLIT, $0-104
	MOVD  y_base+0(FP), Y_PTR
	FMOVS alpha+24(FP), F30
	MOVD  a_base+32(FP), A_PTR
	MOVD  lda+56(FP), LDA
	MOVD  x_base+64(FP), X_PTR
	MOVD  x_len+72(FP), NX
	MOVD  i0+88(FP), I
	MOVD  i1+96(FP), I_END
#include "level2_neon_symmatvec_arm64.h"
	RET

#undef N
#undef IJ
#undef ROW
#undef XJ
#undef YL
#undef YS
#undef I
#undef LDA
#undef NX
#undef A_PTR
#undef X_PTR
#undef Y_PTR
#undef I_END

// dotPair, dotPair32: F0 = x·a and F4 = x·b in one pass over x: x·a in
// V0..V3 and x·b in V4..V7, each register of x loaded once; four registers
// per iteration, then one; each sum folded and its lanes added; then the
// tail, one element at a time.
#define X_PTR R0
#define A_PTR R1
#define N     R2
#define B_PTR R3

#include "f64_arm64.h"

// func dotPairNEON(x, a, b []float64) (float64, float64)
TEXT ·dotPairNEON(SB), NOSPLIT, $0-88
	MOVD x_base+0(FP), X_PTR
	MOVD x_len+8(FP), N
	MOVD a_base+24(FP), A_PTR
	MOVD b_base+48(FP), B_PTR
#include "level2_neon_dotpair_arm64.h"
	FMOVD F0, ret+72(FP)
	FMOVD F4, ret1+80(FP)
	RET

#include "f32_arm64.h"

// func dotPair32NEON(x, a, b []float32) (float32, float32)
TEXT ·dotPair32NEON(SB), NOSPLIT, $0-80
	MOVD x_base+0(FP), X_PTR
	MOVD x_len+8(FP), N
	MOVD a_base+24(FP), A_PTR
	MOVD b_base+48(FP), B_PTR
#include "level2_neon_dotpair_arm64.h"
	FMOVS F0, ret+72(FP)
	FMOVS F4, ret1+76(FP)
	RET
