//go:build !purego && !noasm

#include "textflag.h"

// Level-2 kernels for NEON: matrix-vector products on row-major matrices
// (rows at a stride of lda elements), the two-way dot product and the Gram
// product; the same algorithms and argument layouts as
// kernels_l2_avx512_amd64.s and kernels_l2_amd64.s. Conventions as in
// kernels_arm64.s: VLD1/VST1 (unaligned-safe) with post-increment, main
// loops of four 128-bit registers per stream, then one register at a time,
// then a scalar tail, so nothing outside a row or vector is touched (not
// even the padding between rows); every product is accumulated with a fused
// multiply-add (VFMLA, FMADDD/FMADDS); vector FADD, FADDP and FMUL are
// WORDs with the instruction in the comment (neon_words_test.go checks
// them). The Go wrappers in level2.go have checked every shape; here rows =
// len(y) (or len(x), len(d)) and cols = len(x) (or len(y), len(v)).
//
// The matrix kernels work on blocks of four rows: MatVec and GramVec's first
// half load each register of x (or v) once for four dot products, with four
// accumulators per row (V0..V15); MatTVec and GramVec's second half load and
// store each register of y (or out) once for four updates, applied in row
// order. Leftover rows go one at a time. The four-row dot products take
// their tail elements with scalar loads and a vector FMA on lane 0 (see
// matVecNEON), so the four sums stay in vector registers for the update of
// y; everywhere else the tail is scalar, after the fold, as in
// kernels_arm64.s.
//
// Registers: R2 counts elements, R3 is the block's first row, R4..R7 walk
// its rows, R8 walks x (or v), R9 is the row stride in bytes, R10 holds x
// (or v), R11 cols; R0 and R1 load and store y where both are needed. The
// routines are leaves (frame $0, no calls) and use only R0-R15 and V0-V31,
// all scratch in Go's arm64 ABI.

// func matVecNEON(y []float64, alpha float64, a []float64, lda int, x []float64, beta float64)
// y[i] = alpha·(row i · x) + beta·y[i], one FMA for the last step; the
// wrapper has zeroed y when beta is 0. R0 walks y, R1 counts rows left.
TEXT ·matVecNEON(SB), NOSPLIT, $0-96
	MOVD   y_base+0(FP), R0
	MOVD   y_len+8(FP), R1
	FMOVD  alpha+24(FP), F30
	MOVD   a_base+32(FP), R3
	MOVD   lda+56(FP), R9
	LSL    $3, R9
	MOVD   x_base+64(FP), R10
	MOVD   x_len+72(FP), R11
	FMOVD  beta+88(FP), F31
	VDUP   V30.D[0], V30.D2
	VDUP   V31.D[0], V31.D2

matVec_rows4:
	CMP    $4, R1
	BLT    matVec_rows1
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	VEOR   V4.B16, V4.B16, V4.B16
	VEOR   V5.B16, V5.B16, V5.B16
	VEOR   V6.B16, V6.B16, V6.B16
	VEOR   V7.B16, V7.B16, V7.B16
	VEOR   V8.B16, V8.B16, V8.B16
	VEOR   V9.B16, V9.B16, V9.B16
	VEOR   V10.B16, V10.B16, V10.B16
	VEOR   V11.B16, V11.B16, V11.B16
	VEOR   V12.B16, V12.B16, V12.B16
	VEOR   V13.B16, V13.B16, V13.B16
	VEOR   V14.B16, V14.B16, V14.B16
	VEOR   V15.B16, V15.B16, V15.B16
	CMP    $8, R2
	BLT    matVec_d4_v

matVec_d4_loop:
	// 8 columns: each register of x feeds four rows, one accumulator
	// per row and register.
	VLD1.P 64(R8), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R4), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R5), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	VFMLA  V16.D2, V24.D2, V4.D2
	VFMLA  V17.D2, V25.D2, V5.D2
	VFMLA  V18.D2, V26.D2, V6.D2
	VFMLA  V19.D2, V27.D2, V7.D2
	VLD1.P 64(R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R7), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V8.D2
	VFMLA  V17.D2, V21.D2, V9.D2
	VFMLA  V18.D2, V22.D2, V10.D2
	VFMLA  V19.D2, V23.D2, V11.D2
	VFMLA  V16.D2, V24.D2, V12.D2
	VFMLA  V17.D2, V25.D2, V13.D2
	VFMLA  V18.D2, V26.D2, V14.D2
	VFMLA  V19.D2, V27.D2, V15.D2
	SUB    $8, R2
	CMP    $8, R2
	BGE    matVec_d4_loop

matVec_d4_v:
	// Whole registers left: one at a time.
	CMP    $2, R2
	BLT    matVec_d4_tail
	VLD1.P 16(R8), [V16.D2]
	VLD1.P 16(R4), [V20.D2]
	VLD1.P 16(R5), [V21.D2]
	VLD1.P 16(R6), [V22.D2]
	VLD1.P 16(R7), [V23.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V16.D2, V21.D2, V4.D2
	VFMLA  V16.D2, V22.D2, V8.D2
	VFMLA  V16.D2, V23.D2, V12.D2
	SUB    $2, R2
	B      matVec_d4_v

matVec_d4_tail:
	// One element: scalar loads (FMOVD clears the other lanes), then
	// the FMA on lane 0 of a second accumulator per row; the other lanes
	// add +0·+0, which leaves an accumulator (never -0) unchanged.
	CBZ    R2, matVec_d4_sum
	FMOVD.P 8(R8), F16
	FMOVD.P 8(R4), F20
	FMOVD.P 8(R5), F21
	FMOVD.P 8(R6), F22
	FMOVD.P 8(R7), F23
	VFMLA  V16.D2, V20.D2, V1.D2
	VFMLA  V16.D2, V21.D2, V5.D2
	VFMLA  V16.D2, V22.D2, V9.D2
	VFMLA  V16.D2, V23.D2, V13.D2
	SUB    $1, R2
	B      matVec_d4_tail

matVec_d4_sum:
	// Fold each row's four accumulators, then pairs of rows: V0 = [r0, r1],
	// V8 = [r2, r3].
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e69d508 // fadd v8.2d, v8.2d, v9.2d
	WORD   $0x4e6bd54a // fadd v10.2d, v10.2d, v11.2d
	WORD   $0x4e6dd58c // fadd v12.2d, v12.2d, v13.2d
	WORD   $0x4e6fd5ce // fadd v14.2d, v14.2d, v15.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e6ad508 // fadd v8.2d, v8.2d, v10.2d
	WORD   $0x4e6ed58c // fadd v12.2d, v12.2d, v14.2d
	WORD   $0x6e64d400 // faddp v0.2d, v0.2d, v4.2d
	WORD   $0x6e6cd508 // faddp v8.2d, v8.2d, v12.2d
	// y[i..i+3] = alpha·r + beta·y.
	VLD1   (R0), [V16.D2, V17.D2]
	WORD   $0x6e7fde10 // fmul v16.2d, v16.2d, v31.2d
	WORD   $0x6e7fde31 // fmul v17.2d, v17.2d, v31.2d
	VFMLA  V30.D2, V0.D2, V16.D2
	VFMLA  V30.D2, V8.D2, V17.D2
	VST1.P [V16.D2, V17.D2], 32(R0)
	ADD    R9<<2, R3, R3
	SUB    $4, R1
	B      matVec_rows4

matVec_rows1:
	// Leftover rows one at a time.
	CBZ    R1, matVec_done
	MOVD   R3, R4
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	CMP    $8, R2
	BLT    matVec_d1_v

matVec_d1_loop:
	VLD1.P 64(R8), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R4), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	SUB    $8, R2
	CMP    $8, R2
	BGE    matVec_d1_loop

matVec_d1_v:
	CMP    $2, R2
	BLT    matVec_d1_sum
	VLD1.P 16(R8), [V16.D2]
	VLD1.P 16(R4), [V20.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	SUB    $2, R2
	B      matVec_d1_v

matVec_d1_sum:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

matVec_d1_tail:
	// One element: F0 += x*a, one rounding each.
	CBZ    R2, matVec_d1_done
	FMOVD.P 8(R8), F16
	FMOVD.P 8(R4), F20
	FMADDD F20, F0, F16, F0
	SUB    $1, R2
	B      matVec_d1_tail

matVec_d1_done:
	FMOVD  (R0), F16
	FMULD  F31, F16, F16
	FMADDD F30, F16, F0, F16
	FMOVD.P F16, 8(R0)
	ADD    R9, R3, R3
	SUB    $1, R1
	B      matVec_rows1

matVec_done:
	RET

// func matTVecNEON(y []float64, alpha float64, a []float64, lda int, x []float64)
// y += (alpha·x[i])·(row i), four rows per pass over y. R10 walks x,
// R13 counts rows left; y is R12.
TEXT ·matTVecNEON(SB), NOSPLIT, $0-88
	MOVD   y_base+0(FP), R12
	MOVD   y_len+8(FP), R11
	FMOVD  alpha+24(FP), F30
	MOVD   a_base+32(FP), R3
	MOVD   lda+56(FP), R9
	LSL    $3, R9
	MOVD   x_base+64(FP), R10
	MOVD   x_len+72(FP), R13
	VDUP   V30.D[0], V30.D2

matTVec_rows4:
	CMP    $4, R13
	BLT    matTVec_rows1
	// s_r = alpha·x[i+r], broadcast to V26..V29.
	VLD1.P 32(R10), [V24.D2, V25.D2]
	WORD   $0x6e7edf18 // fmul v24.2d, v24.2d, v30.2d
	WORD   $0x6e7edf39 // fmul v25.2d, v25.2d, v30.2d
	VDUP   V24.D[0], V26.D2
	VDUP   V24.D[1], V27.D2
	VDUP   V25.D[0], V28.D2
	VDUP   V25.D[1], V29.D2
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $8, R2
	BLT    matTVec_a4_v

matTVec_a4_loop:
	// 8 elements of y (V0..V3), loaded and stored once for four rows
	// (row r in V(4+4r)..V(7+4r)).
	VLD1.P 64(R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R4), [V4.D2, V5.D2, V6.D2, V7.D2]
	VLD1.P 64(R5), [V8.D2, V9.D2, V10.D2, V11.D2]
	VLD1.P 64(R6), [V12.D2, V13.D2, V14.D2, V15.D2]
	VLD1.P 64(R7), [V16.D2, V17.D2, V18.D2, V19.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VFMLA  V26.D2, V5.D2, V1.D2
	VFMLA  V26.D2, V6.D2, V2.D2
	VFMLA  V26.D2, V7.D2, V3.D2
	VFMLA  V27.D2, V8.D2, V0.D2
	VFMLA  V27.D2, V9.D2, V1.D2
	VFMLA  V27.D2, V10.D2, V2.D2
	VFMLA  V27.D2, V11.D2, V3.D2
	VFMLA  V28.D2, V12.D2, V0.D2
	VFMLA  V28.D2, V13.D2, V1.D2
	VFMLA  V28.D2, V14.D2, V2.D2
	VFMLA  V28.D2, V15.D2, V3.D2
	VFMLA  V29.D2, V16.D2, V0.D2
	VFMLA  V29.D2, V17.D2, V1.D2
	VFMLA  V29.D2, V18.D2, V2.D2
	VFMLA  V29.D2, V19.D2, V3.D2
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R1)
	SUB    $8, R2
	CMP    $8, R2
	BGE    matTVec_a4_loop

matTVec_a4_v:
	CMP    $2, R2
	BLT    matTVec_a4_tail
	VLD1.P 16(R0), [V0.D2]
	VLD1.P 16(R4), [V4.D2]
	VLD1.P 16(R5), [V5.D2]
	VLD1.P 16(R6), [V6.D2]
	VLD1.P 16(R7), [V7.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VFMLA  V27.D2, V5.D2, V0.D2
	VFMLA  V28.D2, V6.D2, V0.D2
	VFMLA  V29.D2, V7.D2, V0.D2
	VST1.P [V0.D2], 16(R1)
	SUB    $2, R2
	B      matTVec_a4_v

matTVec_a4_tail:
	// One element: F26..F29 are lane 0 of s0..s3.
	CBZ    R2, matTVec_a4_done
	FMOVD.P 8(R0), F0
	FMOVD.P 8(R4), F4
	FMADDD F26, F0, F4, F0
	FMOVD.P 8(R5), F5
	FMADDD F27, F0, F5, F0
	FMOVD.P 8(R6), F6
	FMADDD F28, F0, F6, F0
	FMOVD.P 8(R7), F7
	FMADDD F29, F0, F7, F0
	FMOVD.P F0, 8(R1)
	SUB    $1, R2
	B      matTVec_a4_tail

matTVec_a4_done:
	ADD    R9<<2, R3, R3
	SUB    $4, R13
	B      matTVec_rows4

matTVec_rows1:
	CBZ    R13, matTVec_done
	FMOVD.P 8(R10), F26
	FMULD  F30, F26, F26
	VDUP   V26.D[0], V26.D2
	MOVD   R3, R4
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $8, R2
	BLT    matTVec_a1_v

matTVec_a1_loop:
	VLD1.P 64(R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R4), [V4.D2, V5.D2, V6.D2, V7.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VFMLA  V26.D2, V5.D2, V1.D2
	VFMLA  V26.D2, V6.D2, V2.D2
	VFMLA  V26.D2, V7.D2, V3.D2
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R1)
	SUB    $8, R2
	CMP    $8, R2
	BGE    matTVec_a1_loop

matTVec_a1_v:
	CMP    $2, R2
	BLT    matTVec_a1_tail
	VLD1.P 16(R0), [V0.D2]
	VLD1.P 16(R4), [V4.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VST1.P [V0.D2], 16(R1)
	SUB    $2, R2
	B      matTVec_a1_v

matTVec_a1_tail:
	CBZ    R2, matTVec_a1_done
	FMOVD.P 8(R0), F0
	FMOVD.P 8(R4), F4
	FMADDD F26, F0, F4, F0
	FMOVD.P F0, 8(R1)
	SUB    $1, R2
	B      matTVec_a1_tail

matTVec_a1_done:
	ADD    R9, R3, R3
	SUB    $1, R13
	B      matTVec_rows1

matTVec_done:
	RET

// func gramVecNEON(out, x []float64, ldx int, d, v []float64)
// out += d[i]·(row i · v)·(row i): four dot products sharing the loads of
// v, s = d·dot, then four updates of out sharing its loads and stores,
// while the four rows are still in cache. R13 walks d, R14 counts rows
// left; out is R12.
TEXT ·gramVecNEON(SB), NOSPLIT, $0-104
	MOVD   out_base+0(FP), R12
	MOVD   out_len+8(FP), R11
	MOVD   x_base+24(FP), R3
	MOVD   ldx+48(FP), R9
	LSL    $3, R9
	MOVD   d_base+56(FP), R13
	MOVD   d_len+64(FP), R14
	MOVD   v_base+80(FP), R10

gramVec_rows4:
	CMP    $4, R14
	BLT    gramVec_rows1
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	VEOR   V4.B16, V4.B16, V4.B16
	VEOR   V5.B16, V5.B16, V5.B16
	VEOR   V6.B16, V6.B16, V6.B16
	VEOR   V7.B16, V7.B16, V7.B16
	VEOR   V8.B16, V8.B16, V8.B16
	VEOR   V9.B16, V9.B16, V9.B16
	VEOR   V10.B16, V10.B16, V10.B16
	VEOR   V11.B16, V11.B16, V11.B16
	VEOR   V12.B16, V12.B16, V12.B16
	VEOR   V13.B16, V13.B16, V13.B16
	VEOR   V14.B16, V14.B16, V14.B16
	VEOR   V15.B16, V15.B16, V15.B16
	CMP    $8, R2
	BLT    gramVec_d4_v

gramVec_d4_loop:
	// 8 columns: each register of x feeds four rows, one accumulator
	// per row and register.
	VLD1.P 64(R8), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R4), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R5), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	VFMLA  V16.D2, V24.D2, V4.D2
	VFMLA  V17.D2, V25.D2, V5.D2
	VFMLA  V18.D2, V26.D2, V6.D2
	VFMLA  V19.D2, V27.D2, V7.D2
	VLD1.P 64(R6), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R7), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V8.D2
	VFMLA  V17.D2, V21.D2, V9.D2
	VFMLA  V18.D2, V22.D2, V10.D2
	VFMLA  V19.D2, V23.D2, V11.D2
	VFMLA  V16.D2, V24.D2, V12.D2
	VFMLA  V17.D2, V25.D2, V13.D2
	VFMLA  V18.D2, V26.D2, V14.D2
	VFMLA  V19.D2, V27.D2, V15.D2
	SUB    $8, R2
	CMP    $8, R2
	BGE    gramVec_d4_loop

gramVec_d4_v:
	// Whole registers left: one at a time.
	CMP    $2, R2
	BLT    gramVec_d4_tail
	VLD1.P 16(R8), [V16.D2]
	VLD1.P 16(R4), [V20.D2]
	VLD1.P 16(R5), [V21.D2]
	VLD1.P 16(R6), [V22.D2]
	VLD1.P 16(R7), [V23.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V16.D2, V21.D2, V4.D2
	VFMLA  V16.D2, V22.D2, V8.D2
	VFMLA  V16.D2, V23.D2, V12.D2
	SUB    $2, R2
	B      gramVec_d4_v

gramVec_d4_tail:
	// One element: scalar loads (FMOVD clears the other lanes), then
	// the FMA on lane 0 of a second accumulator per row; the other lanes
	// add +0·+0, which leaves an accumulator (never -0) unchanged.
	CBZ    R2, gramVec_d4_sum
	FMOVD.P 8(R8), F16
	FMOVD.P 8(R4), F20
	FMOVD.P 8(R5), F21
	FMOVD.P 8(R6), F22
	FMOVD.P 8(R7), F23
	VFMLA  V16.D2, V20.D2, V1.D2
	VFMLA  V16.D2, V21.D2, V5.D2
	VFMLA  V16.D2, V22.D2, V9.D2
	VFMLA  V16.D2, V23.D2, V13.D2
	SUB    $1, R2
	B      gramVec_d4_tail

gramVec_d4_sum:
	// Fold each row's four accumulators, then pairs of rows: V0 = [r0, r1],
	// V8 = [r2, r3].
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e69d508 // fadd v8.2d, v8.2d, v9.2d
	WORD   $0x4e6bd54a // fadd v10.2d, v10.2d, v11.2d
	WORD   $0x4e6dd58c // fadd v12.2d, v12.2d, v13.2d
	WORD   $0x4e6fd5ce // fadd v14.2d, v14.2d, v15.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e6ad508 // fadd v8.2d, v8.2d, v10.2d
	WORD   $0x4e6ed58c // fadd v12.2d, v12.2d, v14.2d
	WORD   $0x6e64d400 // faddp v0.2d, v0.2d, v4.2d
	WORD   $0x6e6cd508 // faddp v8.2d, v8.2d, v12.2d
	// s_r = d[i+r]·dot_r, broadcast to V26..V29.
	VLD1.P 32(R13), [V24.D2, V25.D2]
	WORD   $0x6e60df18 // fmul v24.2d, v24.2d, v0.2d
	WORD   $0x6e68df39 // fmul v25.2d, v25.2d, v8.2d
	VDUP   V24.D[0], V26.D2
	VDUP   V24.D[1], V27.D2
	VDUP   V25.D[0], V28.D2
	VDUP   V25.D[1], V29.D2
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $8, R2
	BLT    gramVec_a4_v

gramVec_a4_loop:
	// 8 elements of y (V0..V3), loaded and stored once for four rows
	// (row r in V(4+4r)..V(7+4r)).
	VLD1.P 64(R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R4), [V4.D2, V5.D2, V6.D2, V7.D2]
	VLD1.P 64(R5), [V8.D2, V9.D2, V10.D2, V11.D2]
	VLD1.P 64(R6), [V12.D2, V13.D2, V14.D2, V15.D2]
	VLD1.P 64(R7), [V16.D2, V17.D2, V18.D2, V19.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VFMLA  V26.D2, V5.D2, V1.D2
	VFMLA  V26.D2, V6.D2, V2.D2
	VFMLA  V26.D2, V7.D2, V3.D2
	VFMLA  V27.D2, V8.D2, V0.D2
	VFMLA  V27.D2, V9.D2, V1.D2
	VFMLA  V27.D2, V10.D2, V2.D2
	VFMLA  V27.D2, V11.D2, V3.D2
	VFMLA  V28.D2, V12.D2, V0.D2
	VFMLA  V28.D2, V13.D2, V1.D2
	VFMLA  V28.D2, V14.D2, V2.D2
	VFMLA  V28.D2, V15.D2, V3.D2
	VFMLA  V29.D2, V16.D2, V0.D2
	VFMLA  V29.D2, V17.D2, V1.D2
	VFMLA  V29.D2, V18.D2, V2.D2
	VFMLA  V29.D2, V19.D2, V3.D2
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R1)
	SUB    $8, R2
	CMP    $8, R2
	BGE    gramVec_a4_loop

gramVec_a4_v:
	CMP    $2, R2
	BLT    gramVec_a4_tail
	VLD1.P 16(R0), [V0.D2]
	VLD1.P 16(R4), [V4.D2]
	VLD1.P 16(R5), [V5.D2]
	VLD1.P 16(R6), [V6.D2]
	VLD1.P 16(R7), [V7.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VFMLA  V27.D2, V5.D2, V0.D2
	VFMLA  V28.D2, V6.D2, V0.D2
	VFMLA  V29.D2, V7.D2, V0.D2
	VST1.P [V0.D2], 16(R1)
	SUB    $2, R2
	B      gramVec_a4_v

gramVec_a4_tail:
	// One element: F26..F29 are lane 0 of s0..s3.
	CBZ    R2, gramVec_a4_done
	FMOVD.P 8(R0), F0
	FMOVD.P 8(R4), F4
	FMADDD F26, F0, F4, F0
	FMOVD.P 8(R5), F5
	FMADDD F27, F0, F5, F0
	FMOVD.P 8(R6), F6
	FMADDD F28, F0, F6, F0
	FMOVD.P 8(R7), F7
	FMADDD F29, F0, F7, F0
	FMOVD.P F0, 8(R1)
	SUB    $1, R2
	B      gramVec_a4_tail

gramVec_a4_done:
	ADD    R9<<2, R3, R3
	SUB    $4, R14
	B      gramVec_rows4

gramVec_rows1:
	CBZ    R14, gramVec_done
	MOVD   R3, R4
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	CMP    $8, R2
	BLT    gramVec_d1_v

gramVec_d1_loop:
	VLD1.P 64(R8), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R4), [V20.D2, V21.D2, V22.D2, V23.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	SUB    $8, R2
	CMP    $8, R2
	BGE    gramVec_d1_loop

gramVec_d1_v:
	CMP    $2, R2
	BLT    gramVec_d1_sum
	VLD1.P 16(R8), [V16.D2]
	VLD1.P 16(R4), [V20.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	SUB    $2, R2
	B      gramVec_d1_v

gramVec_d1_sum:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

gramVec_d1_tail:
	// One element: F0 += x*a, one rounding each.
	CBZ    R2, gramVec_d1_done
	FMOVD.P 8(R8), F16
	FMOVD.P 8(R4), F20
	FMADDD F20, F0, F16, F0
	SUB    $1, R2
	B      gramVec_d1_tail

gramVec_d1_done:
	FMOVD.P 8(R13), F24
	FMULD  F24, F0, F26
	VDUP   V26.D[0], V26.D2
	MOVD   R3, R4
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $8, R2
	BLT    gramVec_a1_v

gramVec_a1_loop:
	VLD1.P 64(R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R4), [V4.D2, V5.D2, V6.D2, V7.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VFMLA  V26.D2, V5.D2, V1.D2
	VFMLA  V26.D2, V6.D2, V2.D2
	VFMLA  V26.D2, V7.D2, V3.D2
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R1)
	SUB    $8, R2
	CMP    $8, R2
	BGE    gramVec_a1_loop

gramVec_a1_v:
	CMP    $2, R2
	BLT    gramVec_a1_tail
	VLD1.P 16(R0), [V0.D2]
	VLD1.P 16(R4), [V4.D2]
	VFMLA  V26.D2, V4.D2, V0.D2
	VST1.P [V0.D2], 16(R1)
	SUB    $2, R2
	B      gramVec_a1_v

gramVec_a1_tail:
	CBZ    R2, gramVec_a1_done
	FMOVD.P 8(R0), F0
	FMOVD.P 8(R4), F4
	FMADDD F26, F0, F4, F0
	FMOVD.P F0, 8(R1)
	SUB    $1, R2
	B      gramVec_a1_tail

gramVec_a1_done:
	ADD    R9, R3, R3
	SUB    $1, R14
	B      gramVec_rows1

gramVec_done:
	RET

// func symMatVecNEON(y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int)
// One row of the upper triangle at a time, as the AVX2 version: one pass
// over A[i][i+1:] makes t = A[i][i+1:]·x[i+1:] (V0..V3, then F0) and adds
// s·A[i][j] to y[j] (s = alpha·x[i] in V31); then y[i] += alpha·(t +
// A[i][i]·x[i]) (the diagonal product in F28). R8 is i, R4 walks the
// row, R5 x, R6 and R7 y (load, store).
TEXT ·symMatVecNEON(SB), NOSPLIT, $0-104
	MOVD   y_base+0(FP), R14
	FMOVD  alpha+24(FP), F30
	MOVD   a_base+32(FP), R12
	MOVD   lda+56(FP), R10
	MOVD   x_base+64(FP), R13
	MOVD   x_len+72(FP), R11
	MOVD   i0+88(FP), R8
	MOVD   i1+96(FP), R15

symMatVec_row:
	CMP    R15, R8
	BGE    symMatVec_done
	MUL    R8, R10, R3
	ADD    R8, R3, R3
	ADD    R3<<3, R12, R4
	ADD    R8<<3, R13, R5
	ADD    R8<<3, R14, R6
	FMOVD.P 8(R4), F28
	FMOVD.P 8(R5), F29
	ADD    $8, R6
	MOVD   R6, R7
	FMULD  F29, F28, F28
	FMULD  F30, F29, F31
	VDUP   V31.D[0], V31.D2
	SUB    R8, R11, R2
	SUB    $1, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	CMP    $8, R2
	BLT    symMatVec_v

symMatVec_loop:
	VLD1.P 64(R4), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R5), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R6), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	VFMLA  V31.D2, V16.D2, V24.D2
	VFMLA  V31.D2, V17.D2, V25.D2
	VFMLA  V31.D2, V18.D2, V26.D2
	VFMLA  V31.D2, V19.D2, V27.D2
	VST1.P [V24.D2, V25.D2, V26.D2, V27.D2], 64(R7)
	SUB    $8, R2
	CMP    $8, R2
	BGE    symMatVec_loop

symMatVec_v:
	CMP    $2, R2
	BLT    symMatVec_sum
	VLD1.P 16(R4), [V16.D2]
	VLD1.P 16(R5), [V20.D2]
	VLD1.P 16(R6), [V24.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V31.D2, V16.D2, V24.D2
	VST1.P [V24.D2], 16(R7)
	SUB    $2, R2
	B      symMatVec_v

symMatVec_sum:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

symMatVec_tail:
	CBZ    R2, symMatVec_diag
	FMOVD.P 8(R4), F16
	FMOVD.P 8(R5), F20
	FMADDD F20, F0, F16, F0
	FMOVD.P 8(R6), F24
	FMADDD F31, F24, F16, F24
	FMOVD.P F24, 8(R7)
	SUB    $1, R2
	B      symMatVec_tail

symMatVec_diag:
	// y[i] += alpha·(t + A[i][i]·x[i]).
	FADDD  F28, F0, F0
	ADD    R8<<3, R14, R6
	FMOVD  (R6), F24
	FMADDD F30, F24, F0, F24
	FMOVD  F24, (R6)
	ADD    $1, R8
	B      symMatVec_row

symMatVec_done:
	RET

// func dotPairNEON(x, a, b []float64) (float64, float64)
// x·a in V0..V3 and x·b in V4..V7: each register of x is loaded once.
TEXT ·dotPairNEON(SB), NOSPLIT, $0-88
	MOVD   x_base+0(FP), R0
	MOVD   x_len+8(FP), R2
	MOVD   a_base+24(FP), R1
	MOVD   b_base+48(FP), R3
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	VEOR   V4.B16, V4.B16, V4.B16
	VEOR   V5.B16, V5.B16, V5.B16
	VEOR   V6.B16, V6.B16, V6.B16
	VEOR   V7.B16, V7.B16, V7.B16
	CMP    $8, R2
	BLT    dotPair_v

dotPair_loop:
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R1), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R3), [V24.D2, V25.D2, V26.D2, V27.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V16.D2, V24.D2, V4.D2
	VFMLA  V17.D2, V21.D2, V1.D2
	VFMLA  V17.D2, V25.D2, V5.D2
	VFMLA  V18.D2, V22.D2, V2.D2
	VFMLA  V18.D2, V26.D2, V6.D2
	VFMLA  V19.D2, V23.D2, V3.D2
	VFMLA  V19.D2, V27.D2, V7.D2
	SUB    $8, R2
	CMP    $8, R2
	BGE    dotPair_loop

dotPair_v:
	CMP    $2, R2
	BLT    dotPair_sum
	VLD1.P 16(R0), [V16.D2]
	VLD1.P 16(R1), [V20.D2]
	VLD1.P 16(R3), [V24.D2]
	VFMLA  V16.D2, V20.D2, V0.D2
	VFMLA  V16.D2, V24.D2, V4.D2
	SUB    $2, R2
	B      dotPair_v

dotPair_sum:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d
	WORD   $0x7e70d884 // faddp d4, v4.2d

dotPair_tail:
	CBZ    R2, dotPair_done
	FMOVD.P 8(R0), F16
	FMOVD.P 8(R1), F20
	FMOVD.P 8(R3), F24
	FMADDD F20, F0, F16, F0
	FMADDD F24, F4, F16, F4
	SUB    $1, R2
	B      dotPair_tail

dotPair_done:
	FMOVD  F0, ret+72(FP)
	FMOVD  F4, ret1+80(FP)
	RET

// func matVec32NEON(y []float32, alpha float32, a []float32, lda int, x []float32, beta float32)
// y[i] = alpha·(row i · x) + beta·y[i], one FMA for the last step; the
// wrapper has zeroed y when beta is 0. R0 walks y, R1 counts rows left.
TEXT ·matVec32NEON(SB), NOSPLIT, $0-92
	MOVD   y_base+0(FP), R0
	MOVD   y_len+8(FP), R1
	FMOVS  alpha+24(FP), F30
	MOVD   a_base+32(FP), R3
	MOVD   lda+56(FP), R9
	LSL    $2, R9
	MOVD   x_base+64(FP), R10
	MOVD   x_len+72(FP), R11
	FMOVS  beta+88(FP), F31
	VDUP   V30.S[0], V30.S4
	VDUP   V31.S[0], V31.S4

matVec32_rows4:
	CMP    $4, R1
	BLT    matVec32_rows1
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	VEOR   V4.B16, V4.B16, V4.B16
	VEOR   V5.B16, V5.B16, V5.B16
	VEOR   V6.B16, V6.B16, V6.B16
	VEOR   V7.B16, V7.B16, V7.B16
	VEOR   V8.B16, V8.B16, V8.B16
	VEOR   V9.B16, V9.B16, V9.B16
	VEOR   V10.B16, V10.B16, V10.B16
	VEOR   V11.B16, V11.B16, V11.B16
	VEOR   V12.B16, V12.B16, V12.B16
	VEOR   V13.B16, V13.B16, V13.B16
	VEOR   V14.B16, V14.B16, V14.B16
	VEOR   V15.B16, V15.B16, V15.B16
	CMP    $16, R2
	BLT    matVec32_d4_v

matVec32_d4_loop:
	// 16 columns: each register of x feeds four rows, one accumulator
	// per row and register.
	VLD1.P 64(R8), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R4), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R5), [V24.S4, V25.S4, V26.S4, V27.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V17.S4, V21.S4, V1.S4
	VFMLA  V18.S4, V22.S4, V2.S4
	VFMLA  V19.S4, V23.S4, V3.S4
	VFMLA  V16.S4, V24.S4, V4.S4
	VFMLA  V17.S4, V25.S4, V5.S4
	VFMLA  V18.S4, V26.S4, V6.S4
	VFMLA  V19.S4, V27.S4, V7.S4
	VLD1.P 64(R6), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R7), [V24.S4, V25.S4, V26.S4, V27.S4]
	VFMLA  V16.S4, V20.S4, V8.S4
	VFMLA  V17.S4, V21.S4, V9.S4
	VFMLA  V18.S4, V22.S4, V10.S4
	VFMLA  V19.S4, V23.S4, V11.S4
	VFMLA  V16.S4, V24.S4, V12.S4
	VFMLA  V17.S4, V25.S4, V13.S4
	VFMLA  V18.S4, V26.S4, V14.S4
	VFMLA  V19.S4, V27.S4, V15.S4
	SUB    $16, R2
	CMP    $16, R2
	BGE    matVec32_d4_loop

matVec32_d4_v:
	// Whole registers left: one at a time.
	CMP    $4, R2
	BLT    matVec32_d4_tail
	VLD1.P 16(R8), [V16.S4]
	VLD1.P 16(R4), [V20.S4]
	VLD1.P 16(R5), [V21.S4]
	VLD1.P 16(R6), [V22.S4]
	VLD1.P 16(R7), [V23.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V16.S4, V21.S4, V4.S4
	VFMLA  V16.S4, V22.S4, V8.S4
	VFMLA  V16.S4, V23.S4, V12.S4
	SUB    $4, R2
	B      matVec32_d4_v

matVec32_d4_tail:
	// Up to three elements: scalar loads (FMOVS clears the other lanes), then
	// the FMA on lane 0 of a second accumulator per row; the other lanes
	// add +0·+0, which leaves an accumulator (never -0) unchanged.
	CBZ    R2, matVec32_d4_sum
	FMOVS.P 4(R8), F16
	FMOVS.P 4(R4), F20
	FMOVS.P 4(R5), F21
	FMOVS.P 4(R6), F22
	FMOVS.P 4(R7), F23
	VFMLA  V16.S4, V20.S4, V1.S4
	VFMLA  V16.S4, V21.S4, V5.S4
	VFMLA  V16.S4, V22.S4, V9.S4
	VFMLA  V16.S4, V23.S4, V13.S4
	SUB    $1, R2
	B      matVec32_d4_tail

matVec32_d4_sum:
	// Fold each row's four accumulators, then pairs of lanes and rows:
	// V0 = [r0, r1, r2, r3].
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e25d484 // fadd v4.4s, v4.4s, v5.4s
	WORD   $0x4e27d4c6 // fadd v6.4s, v6.4s, v7.4s
	WORD   $0x4e29d508 // fadd v8.4s, v8.4s, v9.4s
	WORD   $0x4e2bd54a // fadd v10.4s, v10.4s, v11.4s
	WORD   $0x4e2dd58c // fadd v12.4s, v12.4s, v13.4s
	WORD   $0x4e2fd5ce // fadd v14.4s, v14.4s, v15.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x4e26d484 // fadd v4.4s, v4.4s, v6.4s
	WORD   $0x4e2ad508 // fadd v8.4s, v8.4s, v10.4s
	WORD   $0x4e2ed58c // fadd v12.4s, v12.4s, v14.4s
	WORD   $0x6e24d400 // faddp v0.4s, v0.4s, v4.4s
	WORD   $0x6e2cd508 // faddp v8.4s, v8.4s, v12.4s
	WORD   $0x6e28d400 // faddp v0.4s, v0.4s, v8.4s
	// y[i..i+3] = alpha·r + beta·y.
	VLD1   (R0), [V16.S4]
	WORD   $0x6e3fde10 // fmul v16.4s, v16.4s, v31.4s
	VFMLA  V30.S4, V0.S4, V16.S4
	VST1.P [V16.S4], 16(R0)
	ADD    R9<<2, R3, R3
	SUB    $4, R1
	B      matVec32_rows4

matVec32_rows1:
	// Leftover rows one at a time.
	CBZ    R1, matVec32_done
	MOVD   R3, R4
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	CMP    $16, R2
	BLT    matVec32_d1_v

matVec32_d1_loop:
	VLD1.P 64(R8), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R4), [V20.S4, V21.S4, V22.S4, V23.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V17.S4, V21.S4, V1.S4
	VFMLA  V18.S4, V22.S4, V2.S4
	VFMLA  V19.S4, V23.S4, V3.S4
	SUB    $16, R2
	CMP    $16, R2
	BGE    matVec32_d1_loop

matVec32_d1_v:
	CMP    $4, R2
	BLT    matVec32_d1_sum
	VLD1.P 16(R8), [V16.S4]
	VLD1.P 16(R4), [V20.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	SUB    $4, R2
	B      matVec32_d1_v

matVec32_d1_sum:
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
	WORD   $0x7e30d800 // faddp s0, v0.2s

matVec32_d1_tail:
	// Up to three elements: F0 += x*a, one rounding each.
	CBZ    R2, matVec32_d1_done
	FMOVS.P 4(R8), F16
	FMOVS.P 4(R4), F20
	FMADDS F20, F0, F16, F0
	SUB    $1, R2
	B      matVec32_d1_tail

matVec32_d1_done:
	FMOVS  (R0), F16
	FMULS  F31, F16, F16
	FMADDS F30, F16, F0, F16
	FMOVS.P F16, 4(R0)
	ADD    R9, R3, R3
	SUB    $1, R1
	B      matVec32_rows1

matVec32_done:
	RET

// func matTVec32NEON(y []float32, alpha float32, a []float32, lda int, x []float32)
// y += (alpha·x[i])·(row i), four rows per pass over y. R10 walks x,
// R13 counts rows left; y is R12.
TEXT ·matTVec32NEON(SB), NOSPLIT, $0-88
	MOVD   y_base+0(FP), R12
	MOVD   y_len+8(FP), R11
	FMOVS  alpha+24(FP), F30
	MOVD   a_base+32(FP), R3
	MOVD   lda+56(FP), R9
	LSL    $2, R9
	MOVD   x_base+64(FP), R10
	MOVD   x_len+72(FP), R13
	VDUP   V30.S[0], V30.S4

matTVec32_rows4:
	CMP    $4, R13
	BLT    matTVec32_rows1
	// s_r = alpha·x[i+r], broadcast to V26..V29.
	VLD1.P 16(R10), [V24.S4]
	WORD   $0x6e3edf18 // fmul v24.4s, v24.4s, v30.4s
	VDUP   V24.S[0], V26.S4
	VDUP   V24.S[1], V27.S4
	VDUP   V24.S[2], V28.S4
	VDUP   V24.S[3], V29.S4
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $16, R2
	BLT    matTVec32_a4_v

matTVec32_a4_loop:
	// 16 elements of y (V0..V3), loaded and stored once for four rows
	// (row r in V(4+4r)..V(7+4r)).
	VLD1.P 64(R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R4), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R5), [V8.S4, V9.S4, V10.S4, V11.S4]
	VLD1.P 64(R6), [V12.S4, V13.S4, V14.S4, V15.S4]
	VLD1.P 64(R7), [V16.S4, V17.S4, V18.S4, V19.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VFMLA  V26.S4, V5.S4, V1.S4
	VFMLA  V26.S4, V6.S4, V2.S4
	VFMLA  V26.S4, V7.S4, V3.S4
	VFMLA  V27.S4, V8.S4, V0.S4
	VFMLA  V27.S4, V9.S4, V1.S4
	VFMLA  V27.S4, V10.S4, V2.S4
	VFMLA  V27.S4, V11.S4, V3.S4
	VFMLA  V28.S4, V12.S4, V0.S4
	VFMLA  V28.S4, V13.S4, V1.S4
	VFMLA  V28.S4, V14.S4, V2.S4
	VFMLA  V28.S4, V15.S4, V3.S4
	VFMLA  V29.S4, V16.S4, V0.S4
	VFMLA  V29.S4, V17.S4, V1.S4
	VFMLA  V29.S4, V18.S4, V2.S4
	VFMLA  V29.S4, V19.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R1)
	SUB    $16, R2
	CMP    $16, R2
	BGE    matTVec32_a4_loop

matTVec32_a4_v:
	CMP    $4, R2
	BLT    matTVec32_a4_tail
	VLD1.P 16(R0), [V0.S4]
	VLD1.P 16(R4), [V4.S4]
	VLD1.P 16(R5), [V5.S4]
	VLD1.P 16(R6), [V6.S4]
	VLD1.P 16(R7), [V7.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VFMLA  V27.S4, V5.S4, V0.S4
	VFMLA  V28.S4, V6.S4, V0.S4
	VFMLA  V29.S4, V7.S4, V0.S4
	VST1.P [V0.S4], 16(R1)
	SUB    $4, R2
	B      matTVec32_a4_v

matTVec32_a4_tail:
	// Up to three elements: F26..F29 are lane 0 of s0..s3.
	CBZ    R2, matTVec32_a4_done
	FMOVS.P 4(R0), F0
	FMOVS.P 4(R4), F4
	FMADDS F26, F0, F4, F0
	FMOVS.P 4(R5), F5
	FMADDS F27, F0, F5, F0
	FMOVS.P 4(R6), F6
	FMADDS F28, F0, F6, F0
	FMOVS.P 4(R7), F7
	FMADDS F29, F0, F7, F0
	FMOVS.P F0, 4(R1)
	SUB    $1, R2
	B      matTVec32_a4_tail

matTVec32_a4_done:
	ADD    R9<<2, R3, R3
	SUB    $4, R13
	B      matTVec32_rows4

matTVec32_rows1:
	CBZ    R13, matTVec32_done
	FMOVS.P 4(R10), F26
	FMULS  F30, F26, F26
	VDUP   V26.S[0], V26.S4
	MOVD   R3, R4
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $16, R2
	BLT    matTVec32_a1_v

matTVec32_a1_loop:
	VLD1.P 64(R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R4), [V4.S4, V5.S4, V6.S4, V7.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VFMLA  V26.S4, V5.S4, V1.S4
	VFMLA  V26.S4, V6.S4, V2.S4
	VFMLA  V26.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R1)
	SUB    $16, R2
	CMP    $16, R2
	BGE    matTVec32_a1_loop

matTVec32_a1_v:
	CMP    $4, R2
	BLT    matTVec32_a1_tail
	VLD1.P 16(R0), [V0.S4]
	VLD1.P 16(R4), [V4.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VST1.P [V0.S4], 16(R1)
	SUB    $4, R2
	B      matTVec32_a1_v

matTVec32_a1_tail:
	CBZ    R2, matTVec32_a1_done
	FMOVS.P 4(R0), F0
	FMOVS.P 4(R4), F4
	FMADDS F26, F0, F4, F0
	FMOVS.P F0, 4(R1)
	SUB    $1, R2
	B      matTVec32_a1_tail

matTVec32_a1_done:
	ADD    R9, R3, R3
	SUB    $1, R13
	B      matTVec32_rows1

matTVec32_done:
	RET

// func gramVec32NEON(out, x []float32, ldx int, d, v []float32)
// out += d[i]·(row i · v)·(row i): four dot products sharing the loads of
// v, s = d·dot, then four updates of out sharing its loads and stores,
// while the four rows are still in cache. R13 walks d, R14 counts rows
// left; out is R12.
TEXT ·gramVec32NEON(SB), NOSPLIT, $0-104
	MOVD   out_base+0(FP), R12
	MOVD   out_len+8(FP), R11
	MOVD   x_base+24(FP), R3
	MOVD   ldx+48(FP), R9
	LSL    $2, R9
	MOVD   d_base+56(FP), R13
	MOVD   d_len+64(FP), R14
	MOVD   v_base+80(FP), R10

gramVec32_rows4:
	CMP    $4, R14
	BLT    gramVec32_rows1
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	VEOR   V4.B16, V4.B16, V4.B16
	VEOR   V5.B16, V5.B16, V5.B16
	VEOR   V6.B16, V6.B16, V6.B16
	VEOR   V7.B16, V7.B16, V7.B16
	VEOR   V8.B16, V8.B16, V8.B16
	VEOR   V9.B16, V9.B16, V9.B16
	VEOR   V10.B16, V10.B16, V10.B16
	VEOR   V11.B16, V11.B16, V11.B16
	VEOR   V12.B16, V12.B16, V12.B16
	VEOR   V13.B16, V13.B16, V13.B16
	VEOR   V14.B16, V14.B16, V14.B16
	VEOR   V15.B16, V15.B16, V15.B16
	CMP    $16, R2
	BLT    gramVec32_d4_v

gramVec32_d4_loop:
	// 16 columns: each register of x feeds four rows, one accumulator
	// per row and register.
	VLD1.P 64(R8), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R4), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R5), [V24.S4, V25.S4, V26.S4, V27.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V17.S4, V21.S4, V1.S4
	VFMLA  V18.S4, V22.S4, V2.S4
	VFMLA  V19.S4, V23.S4, V3.S4
	VFMLA  V16.S4, V24.S4, V4.S4
	VFMLA  V17.S4, V25.S4, V5.S4
	VFMLA  V18.S4, V26.S4, V6.S4
	VFMLA  V19.S4, V27.S4, V7.S4
	VLD1.P 64(R6), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R7), [V24.S4, V25.S4, V26.S4, V27.S4]
	VFMLA  V16.S4, V20.S4, V8.S4
	VFMLA  V17.S4, V21.S4, V9.S4
	VFMLA  V18.S4, V22.S4, V10.S4
	VFMLA  V19.S4, V23.S4, V11.S4
	VFMLA  V16.S4, V24.S4, V12.S4
	VFMLA  V17.S4, V25.S4, V13.S4
	VFMLA  V18.S4, V26.S4, V14.S4
	VFMLA  V19.S4, V27.S4, V15.S4
	SUB    $16, R2
	CMP    $16, R2
	BGE    gramVec32_d4_loop

gramVec32_d4_v:
	// Whole registers left: one at a time.
	CMP    $4, R2
	BLT    gramVec32_d4_tail
	VLD1.P 16(R8), [V16.S4]
	VLD1.P 16(R4), [V20.S4]
	VLD1.P 16(R5), [V21.S4]
	VLD1.P 16(R6), [V22.S4]
	VLD1.P 16(R7), [V23.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V16.S4, V21.S4, V4.S4
	VFMLA  V16.S4, V22.S4, V8.S4
	VFMLA  V16.S4, V23.S4, V12.S4
	SUB    $4, R2
	B      gramVec32_d4_v

gramVec32_d4_tail:
	// Up to three elements: scalar loads (FMOVS clears the other lanes), then
	// the FMA on lane 0 of a second accumulator per row; the other lanes
	// add +0·+0, which leaves an accumulator (never -0) unchanged.
	CBZ    R2, gramVec32_d4_sum
	FMOVS.P 4(R8), F16
	FMOVS.P 4(R4), F20
	FMOVS.P 4(R5), F21
	FMOVS.P 4(R6), F22
	FMOVS.P 4(R7), F23
	VFMLA  V16.S4, V20.S4, V1.S4
	VFMLA  V16.S4, V21.S4, V5.S4
	VFMLA  V16.S4, V22.S4, V9.S4
	VFMLA  V16.S4, V23.S4, V13.S4
	SUB    $1, R2
	B      gramVec32_d4_tail

gramVec32_d4_sum:
	// Fold each row's four accumulators, then pairs of lanes and rows:
	// V0 = [r0, r1, r2, r3].
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e25d484 // fadd v4.4s, v4.4s, v5.4s
	WORD   $0x4e27d4c6 // fadd v6.4s, v6.4s, v7.4s
	WORD   $0x4e29d508 // fadd v8.4s, v8.4s, v9.4s
	WORD   $0x4e2bd54a // fadd v10.4s, v10.4s, v11.4s
	WORD   $0x4e2dd58c // fadd v12.4s, v12.4s, v13.4s
	WORD   $0x4e2fd5ce // fadd v14.4s, v14.4s, v15.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x4e26d484 // fadd v4.4s, v4.4s, v6.4s
	WORD   $0x4e2ad508 // fadd v8.4s, v8.4s, v10.4s
	WORD   $0x4e2ed58c // fadd v12.4s, v12.4s, v14.4s
	WORD   $0x6e24d400 // faddp v0.4s, v0.4s, v4.4s
	WORD   $0x6e2cd508 // faddp v8.4s, v8.4s, v12.4s
	WORD   $0x6e28d400 // faddp v0.4s, v0.4s, v8.4s
	// s_r = d[i+r]·dot_r, broadcast to V26..V29.
	VLD1.P 16(R13), [V24.S4]
	WORD   $0x6e20df18 // fmul v24.4s, v24.4s, v0.4s
	VDUP   V24.S[0], V26.S4
	VDUP   V24.S[1], V27.S4
	VDUP   V24.S[2], V28.S4
	VDUP   V24.S[3], V29.S4
	MOVD   R3, R4
	ADD    R9, R4, R5
	ADD    R9, R5, R6
	ADD    R9, R6, R7
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $16, R2
	BLT    gramVec32_a4_v

gramVec32_a4_loop:
	// 16 elements of y (V0..V3), loaded and stored once for four rows
	// (row r in V(4+4r)..V(7+4r)).
	VLD1.P 64(R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R4), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R5), [V8.S4, V9.S4, V10.S4, V11.S4]
	VLD1.P 64(R6), [V12.S4, V13.S4, V14.S4, V15.S4]
	VLD1.P 64(R7), [V16.S4, V17.S4, V18.S4, V19.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VFMLA  V26.S4, V5.S4, V1.S4
	VFMLA  V26.S4, V6.S4, V2.S4
	VFMLA  V26.S4, V7.S4, V3.S4
	VFMLA  V27.S4, V8.S4, V0.S4
	VFMLA  V27.S4, V9.S4, V1.S4
	VFMLA  V27.S4, V10.S4, V2.S4
	VFMLA  V27.S4, V11.S4, V3.S4
	VFMLA  V28.S4, V12.S4, V0.S4
	VFMLA  V28.S4, V13.S4, V1.S4
	VFMLA  V28.S4, V14.S4, V2.S4
	VFMLA  V28.S4, V15.S4, V3.S4
	VFMLA  V29.S4, V16.S4, V0.S4
	VFMLA  V29.S4, V17.S4, V1.S4
	VFMLA  V29.S4, V18.S4, V2.S4
	VFMLA  V29.S4, V19.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R1)
	SUB    $16, R2
	CMP    $16, R2
	BGE    gramVec32_a4_loop

gramVec32_a4_v:
	CMP    $4, R2
	BLT    gramVec32_a4_tail
	VLD1.P 16(R0), [V0.S4]
	VLD1.P 16(R4), [V4.S4]
	VLD1.P 16(R5), [V5.S4]
	VLD1.P 16(R6), [V6.S4]
	VLD1.P 16(R7), [V7.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VFMLA  V27.S4, V5.S4, V0.S4
	VFMLA  V28.S4, V6.S4, V0.S4
	VFMLA  V29.S4, V7.S4, V0.S4
	VST1.P [V0.S4], 16(R1)
	SUB    $4, R2
	B      gramVec32_a4_v

gramVec32_a4_tail:
	// Up to three elements: F26..F29 are lane 0 of s0..s3.
	CBZ    R2, gramVec32_a4_done
	FMOVS.P 4(R0), F0
	FMOVS.P 4(R4), F4
	FMADDS F26, F0, F4, F0
	FMOVS.P 4(R5), F5
	FMADDS F27, F0, F5, F0
	FMOVS.P 4(R6), F6
	FMADDS F28, F0, F6, F0
	FMOVS.P 4(R7), F7
	FMADDS F29, F0, F7, F0
	FMOVS.P F0, 4(R1)
	SUB    $1, R2
	B      gramVec32_a4_tail

gramVec32_a4_done:
	ADD    R9<<2, R3, R3
	SUB    $4, R14
	B      gramVec32_rows4

gramVec32_rows1:
	CBZ    R14, gramVec32_done
	MOVD   R3, R4
	MOVD   R10, R8
	MOVD   R11, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	CMP    $16, R2
	BLT    gramVec32_d1_v

gramVec32_d1_loop:
	VLD1.P 64(R8), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R4), [V20.S4, V21.S4, V22.S4, V23.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V17.S4, V21.S4, V1.S4
	VFMLA  V18.S4, V22.S4, V2.S4
	VFMLA  V19.S4, V23.S4, V3.S4
	SUB    $16, R2
	CMP    $16, R2
	BGE    gramVec32_d1_loop

gramVec32_d1_v:
	CMP    $4, R2
	BLT    gramVec32_d1_sum
	VLD1.P 16(R8), [V16.S4]
	VLD1.P 16(R4), [V20.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	SUB    $4, R2
	B      gramVec32_d1_v

gramVec32_d1_sum:
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
	WORD   $0x7e30d800 // faddp s0, v0.2s

gramVec32_d1_tail:
	// Up to three elements: F0 += x*a, one rounding each.
	CBZ    R2, gramVec32_d1_done
	FMOVS.P 4(R8), F16
	FMOVS.P 4(R4), F20
	FMADDS F20, F0, F16, F0
	SUB    $1, R2
	B      gramVec32_d1_tail

gramVec32_d1_done:
	FMOVS.P 4(R13), F24
	FMULS  F24, F0, F26
	VDUP   V26.S[0], V26.S4
	MOVD   R3, R4
	MOVD   R12, R0
	MOVD   R12, R1
	MOVD   R11, R2
	CMP    $16, R2
	BLT    gramVec32_a1_v

gramVec32_a1_loop:
	VLD1.P 64(R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R4), [V4.S4, V5.S4, V6.S4, V7.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VFMLA  V26.S4, V5.S4, V1.S4
	VFMLA  V26.S4, V6.S4, V2.S4
	VFMLA  V26.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R1)
	SUB    $16, R2
	CMP    $16, R2
	BGE    gramVec32_a1_loop

gramVec32_a1_v:
	CMP    $4, R2
	BLT    gramVec32_a1_tail
	VLD1.P 16(R0), [V0.S4]
	VLD1.P 16(R4), [V4.S4]
	VFMLA  V26.S4, V4.S4, V0.S4
	VST1.P [V0.S4], 16(R1)
	SUB    $4, R2
	B      gramVec32_a1_v

gramVec32_a1_tail:
	CBZ    R2, gramVec32_a1_done
	FMOVS.P 4(R0), F0
	FMOVS.P 4(R4), F4
	FMADDS F26, F0, F4, F0
	FMOVS.P F0, 4(R1)
	SUB    $1, R2
	B      gramVec32_a1_tail

gramVec32_a1_done:
	ADD    R9, R3, R3
	SUB    $1, R14
	B      gramVec32_rows1

gramVec32_done:
	RET

// func symMatVec32NEON(y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int)
// One row of the upper triangle at a time, as the AVX2 version: one pass
// over A[i][i+1:] makes t = A[i][i+1:]·x[i+1:] (V0..V3, then F0) and adds
// s·A[i][j] to y[j] (s = alpha·x[i] in V31); then y[i] += alpha·(t +
// A[i][i]·x[i]) (the diagonal product in F28). R8 is i, R4 walks the
// row, R5 x, R6 and R7 y (load, store).
TEXT ·symMatVec32NEON(SB), NOSPLIT, $0-104
	MOVD   y_base+0(FP), R14
	FMOVS  alpha+24(FP), F30
	MOVD   a_base+32(FP), R12
	MOVD   lda+56(FP), R10
	MOVD   x_base+64(FP), R13
	MOVD   x_len+72(FP), R11
	MOVD   i0+88(FP), R8
	MOVD   i1+96(FP), R15

symMatVec32_row:
	CMP    R15, R8
	BGE    symMatVec32_done
	MUL    R8, R10, R3
	ADD    R8, R3, R3
	ADD    R3<<2, R12, R4
	ADD    R8<<2, R13, R5
	ADD    R8<<2, R14, R6
	FMOVS.P 4(R4), F28
	FMOVS.P 4(R5), F29
	ADD    $4, R6
	MOVD   R6, R7
	FMULS  F29, F28, F28
	FMULS  F30, F29, F31
	VDUP   V31.S[0], V31.S4
	SUB    R8, R11, R2
	SUB    $1, R2
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	CMP    $16, R2
	BLT    symMatVec32_v

symMatVec32_loop:
	VLD1.P 64(R4), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R5), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R6), [V24.S4, V25.S4, V26.S4, V27.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V17.S4, V21.S4, V1.S4
	VFMLA  V18.S4, V22.S4, V2.S4
	VFMLA  V19.S4, V23.S4, V3.S4
	VFMLA  V31.S4, V16.S4, V24.S4
	VFMLA  V31.S4, V17.S4, V25.S4
	VFMLA  V31.S4, V18.S4, V26.S4
	VFMLA  V31.S4, V19.S4, V27.S4
	VST1.P [V24.S4, V25.S4, V26.S4, V27.S4], 64(R7)
	SUB    $16, R2
	CMP    $16, R2
	BGE    symMatVec32_loop

symMatVec32_v:
	CMP    $4, R2
	BLT    symMatVec32_sum
	VLD1.P 16(R4), [V16.S4]
	VLD1.P 16(R5), [V20.S4]
	VLD1.P 16(R6), [V24.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V31.S4, V16.S4, V24.S4
	VST1.P [V24.S4], 16(R7)
	SUB    $4, R2
	B      symMatVec32_v

symMatVec32_sum:
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
	WORD   $0x7e30d800 // faddp s0, v0.2s

symMatVec32_tail:
	CBZ    R2, symMatVec32_diag
	FMOVS.P 4(R4), F16
	FMOVS.P 4(R5), F20
	FMADDS F20, F0, F16, F0
	FMOVS.P 4(R6), F24
	FMADDS F31, F24, F16, F24
	FMOVS.P F24, 4(R7)
	SUB    $1, R2
	B      symMatVec32_tail

symMatVec32_diag:
	// y[i] += alpha·(t + A[i][i]·x[i]).
	FADDS  F28, F0, F0
	ADD    R8<<2, R14, R6
	FMOVS  (R6), F24
	FMADDS F30, F24, F0, F24
	FMOVS  F24, (R6)
	ADD    $1, R8
	B      symMatVec32_row

symMatVec32_done:
	RET

// func dotPair32NEON(x, a, b []float32) (float32, float32)
// x·a in V0..V3 and x·b in V4..V7: each register of x is loaded once.
TEXT ·dotPair32NEON(SB), NOSPLIT, $0-80
	MOVD   x_base+0(FP), R0
	MOVD   x_len+8(FP), R2
	MOVD   a_base+24(FP), R1
	MOVD   b_base+48(FP), R3
	VEOR   V0.B16, V0.B16, V0.B16
	VEOR   V1.B16, V1.B16, V1.B16
	VEOR   V2.B16, V2.B16, V2.B16
	VEOR   V3.B16, V3.B16, V3.B16
	VEOR   V4.B16, V4.B16, V4.B16
	VEOR   V5.B16, V5.B16, V5.B16
	VEOR   V6.B16, V6.B16, V6.B16
	VEOR   V7.B16, V7.B16, V7.B16
	CMP    $16, R2
	BLT    dotPair32_v

dotPair32_loop:
	VLD1.P 64(R0), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R1), [V20.S4, V21.S4, V22.S4, V23.S4]
	VLD1.P 64(R3), [V24.S4, V25.S4, V26.S4, V27.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V16.S4, V24.S4, V4.S4
	VFMLA  V17.S4, V21.S4, V1.S4
	VFMLA  V17.S4, V25.S4, V5.S4
	VFMLA  V18.S4, V22.S4, V2.S4
	VFMLA  V18.S4, V26.S4, V6.S4
	VFMLA  V19.S4, V23.S4, V3.S4
	VFMLA  V19.S4, V27.S4, V7.S4
	SUB    $16, R2
	CMP    $16, R2
	BGE    dotPair32_loop

dotPair32_v:
	CMP    $4, R2
	BLT    dotPair32_sum
	VLD1.P 16(R0), [V16.S4]
	VLD1.P 16(R1), [V20.S4]
	VLD1.P 16(R3), [V24.S4]
	VFMLA  V16.S4, V20.S4, V0.S4
	VFMLA  V16.S4, V24.S4, V4.S4
	SUB    $4, R2
	B      dotPair32_v

dotPair32_sum:
	WORD   $0x4e21d400 // fadd v0.4s, v0.4s, v1.4s
	WORD   $0x4e23d442 // fadd v2.4s, v2.4s, v3.4s
	WORD   $0x4e25d484 // fadd v4.4s, v4.4s, v5.4s
	WORD   $0x4e27d4c6 // fadd v6.4s, v6.4s, v7.4s
	WORD   $0x4e22d400 // fadd v0.4s, v0.4s, v2.4s
	WORD   $0x4e26d484 // fadd v4.4s, v4.4s, v6.4s
	WORD   $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
	WORD   $0x7e30d800 // faddp s0, v0.2s
	WORD   $0x6e24d484 // faddp v4.4s, v4.4s, v4.4s
	WORD   $0x7e30d884 // faddp s4, v4.2s

dotPair32_tail:
	CBZ    R2, dotPair32_done
	FMOVS.P 4(R0), F16
	FMOVS.P 4(R1), F20
	FMOVS.P 4(R3), F24
	FMADDS F20, F0, F16, F0
	FMADDS F24, F4, F16, F4
	SUB    $1, R2
	B      dotPair32_tail

dotPair32_done:
	FMOVS  F0, ret+72(FP)
	FMOVS  F4, ret1+76(FP)
	RET
