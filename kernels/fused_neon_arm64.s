//go:build !purego && !noasm

#include "textflag.h"

// Fused optimizer kernels for NEON: the operation sequences of fused.go,
// with the algorithms and argument layouts of kernels_fused_amd64.s.
// Conventions as in kernels_arm64.s:
// - VLD1/VST1 (unaligned-safe) with post-increment; a main loop of four
//   128-bit registers per vector (two for AdamW), then one register at a
//   time, then a scalar tail that repeats the sequence one element at a time,
//   so nothing outside a slice is read or written;
// - every fma of fused.go is one fused multiply-add (VFMLA, FMADDD/FMADDS,
//   one rounding) and every other product, sum, square root and quotient is
//   its own correctly rounded instruction, so the vector body, the scalar
//   tail and the AVX2/AVX-512 levels give the same bits;
// - VFMLA Vm, Vn, Vd is Vd += Vn·Vm, so the addend of each fma is the
//   register that receives it; FMADDD Fm, Fa, Fn, Fd is Fd = Fn·Fm + Fa;
// - vector FADD, FMUL, FABS, FSQRT, FDIV, FCVTL/FCVTL2 and FADDP have no
//   mnemonic in Go's arm64 assembler and are written as WORDs, each with its
//   instruction in the comment (neon_words_test.go decodes every one and
//   compares); VADD is an integer add and is never used on floats;
// - the broadcast coefficients sit in the top registers (V24..V31); lane 0
//   of each is the scalar (F24..F31) the tail uses.
// The nt argument (non-temporal stores for vectors beyond the caches) is
// ignored: that is an AVX-512 optimization, and here every store is a plain
// VST1 or FMOV. The routines are leaves (frame $0, no calls) and use only
// R0-R4, R8 and V0-V31, all scratch in Go's arm64 ABI. R0 walks w, R8 counts
// the elements left; w is loaded in place and stored with post-increment,
// and m and v (read and written) likewise.

// Zero the eight accumulators of the reductions (+0, so an empty vector sums
// to +0 as in the reference loop).
#define ZERO8 \
	VEOR V0.B16, V0.B16, V0.B16 \
	VEOR V1.B16, V1.B16, V1.B16 \
	VEOR V2.B16, V2.B16, V2.B16 \
	VEOR V3.B16, V3.B16, V3.B16 \
	VEOR V4.B16, V4.B16, V4.B16 \
	VEOR V5.B16, V5.B16, V5.B16 \
	VEOR V6.B16, V6.B16, V6.B16 \
	VEOR V7.B16, V7.B16, V7.B16

// func perturbSaveNEON(w, g, saved []float64, s float64, nt bool)
// saved = w; w = fma(s, g, w). s in V31.
TEXT ·perturbSaveNEON(SB), NOSPLIT, $0-81
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   g_base+24(FP), R1
	MOVD   saved_base+48(FP), R2
	FMOVD  s+72(FP), F31
	VDUP   V31.D[0], V31.D2
	CMP    $8, R8
	BLT    perturbSave_v

perturbSave_loop:
	// 8 elements: w in V0..V3 (stored to saved before the update),
	// g in V4..V7; w is loaded in place and stored with
	// post-increment.
	VLD1   (R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2]
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R2)
	VFMLA  V31.D2, V4.D2, V0.D2
	VFMLA  V31.D2, V5.D2, V1.D2
	VFMLA  V31.D2, V6.D2, V2.D2
	VFMLA  V31.D2, V7.D2, V3.D2
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R0)
	SUB    $8, R8
	CMP    $8, R8
	BGE    perturbSave_loop

perturbSave_v:
	// Whole registers left: one at a time.
	CMP    $2, R8
	BLT    perturbSave_tail
	VLD1   (R0), [V0.D2]
	VLD1.P 16(R1), [V4.D2]
	VST1.P [V0.D2], 16(R2)
	VFMLA  V31.D2, V4.D2, V0.D2
	VST1.P [V0.D2], 16(R0)
	SUB    $2, R8
	B      perturbSave_v

perturbSave_tail:
	// At most one element: the same sequence on scalars
	// (F31 is lane 0 of the broadcast).
	CBZ    R8, perturbSave_done
	FMOVD  (R0), F0
	FMOVD.P 8(R1), F4
	FMOVD.P F0, 8(R2)
	FMADDD F31, F0, F4, F0
	FMOVD.P F0, 8(R0)
	SUB    $1, R8
	B      perturbSave_tail

perturbSave_done:
	RET

// func perturbSave32NEON(w, g, saved []float32, s float32, nt bool)
// saved = w; w = fma(s, g, w). s in V31.
TEXT ·perturbSave32NEON(SB), NOSPLIT, $0-77
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   g_base+24(FP), R1
	MOVD   saved_base+48(FP), R2
	FMOVS  s+72(FP), F31
	VDUP   V31.S[0], V31.S4
	CMP    $16, R8
	BLT    perturbSave32_v

perturbSave32_loop:
	// 16 elements: w in V0..V3 (stored to saved before the update),
	// g in V4..V7; w is loaded in place and stored with
	// post-increment.
	VLD1   (R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R2)
	VFMLA  V31.S4, V4.S4, V0.S4
	VFMLA  V31.S4, V5.S4, V1.S4
	VFMLA  V31.S4, V6.S4, V2.S4
	VFMLA  V31.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUB    $16, R8
	CMP    $16, R8
	BGE    perturbSave32_loop

perturbSave32_v:
	// Whole registers left: one at a time.
	CMP    $4, R8
	BLT    perturbSave32_tail
	VLD1   (R0), [V0.S4]
	VLD1.P 16(R1), [V4.S4]
	VST1.P [V0.S4], 16(R2)
	VFMLA  V31.S4, V4.S4, V0.S4
	VST1.P [V0.S4], 16(R0)
	SUB    $4, R8
	B      perturbSave32_v

perturbSave32_tail:
	// Up to three elements: the same sequence on scalars
	// (F31 is lane 0 of the broadcast).
	CBZ    R8, perturbSave32_done
	FMOVS  (R0), F0
	FMOVS.P 4(R1), F4
	FMOVS.P F0, 4(R2)
	FMADDS F31, F0, F4, F0
	FMOVS.P F0, 4(R0)
	SUB    $1, R8
	B      perturbSave32_tail

perturbSave32_done:
	RET

// func asamPerturbSaveNEON(w, g, saved []float64, eta, s float64, nt bool)
// saved = w; t = |w| + eta; w = fma(s, (t·t)·g, w): t·t and ·g rounded,
// then one fused multiply-add. eta in V30, s in V31.
TEXT ·asamPerturbSaveNEON(SB), NOSPLIT, $0-89
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   g_base+24(FP), R1
	MOVD   saved_base+48(FP), R2
	FMOVD  eta+72(FP), F30
	VDUP   V30.D[0], V30.D2
	FMOVD  s+80(FP), F31
	VDUP   V31.D[0], V31.D2
	CMP    $8, R8
	BLT    asamPerturbSave_v

asamPerturbSave_loop:
	// 8 elements: w in V0..V3 (stored to saved before the update),
	// g in V4..V7, t in V8..V11; w is loaded in place and stored with
	// post-increment.
	VLD1   (R0), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2]
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R2)
	WORD   $0x4ee0f808 // fabs v8.2d, v0.2d
	WORD   $0x4ee0f829 // fabs v9.2d, v1.2d
	WORD   $0x4ee0f84a // fabs v10.2d, v2.2d
	WORD   $0x4ee0f86b // fabs v11.2d, v3.2d
	WORD   $0x4e7ed508 // fadd v8.2d, v8.2d, v30.2d
	WORD   $0x4e7ed529 // fadd v9.2d, v9.2d, v30.2d
	WORD   $0x4e7ed54a // fadd v10.2d, v10.2d, v30.2d
	WORD   $0x4e7ed56b // fadd v11.2d, v11.2d, v30.2d
	WORD   $0x6e68dd08 // fmul v8.2d, v8.2d, v8.2d
	WORD   $0x6e69dd29 // fmul v9.2d, v9.2d, v9.2d
	WORD   $0x6e6add4a // fmul v10.2d, v10.2d, v10.2d
	WORD   $0x6e6bdd6b // fmul v11.2d, v11.2d, v11.2d
	WORD   $0x6e64dd08 // fmul v8.2d, v8.2d, v4.2d
	WORD   $0x6e65dd29 // fmul v9.2d, v9.2d, v5.2d
	WORD   $0x6e66dd4a // fmul v10.2d, v10.2d, v6.2d
	WORD   $0x6e67dd6b // fmul v11.2d, v11.2d, v7.2d
	VFMLA  V31.D2, V8.D2, V0.D2
	VFMLA  V31.D2, V9.D2, V1.D2
	VFMLA  V31.D2, V10.D2, V2.D2
	VFMLA  V31.D2, V11.D2, V3.D2
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R0)
	SUB    $8, R8
	CMP    $8, R8
	BGE    asamPerturbSave_loop

asamPerturbSave_v:
	// Whole registers left: one at a time.
	CMP    $2, R8
	BLT    asamPerturbSave_tail
	VLD1   (R0), [V0.D2]
	VLD1.P 16(R1), [V4.D2]
	VST1.P [V0.D2], 16(R2)
	WORD   $0x4ee0f808 // fabs v8.2d, v0.2d
	WORD   $0x4e7ed508 // fadd v8.2d, v8.2d, v30.2d
	WORD   $0x6e68dd08 // fmul v8.2d, v8.2d, v8.2d
	WORD   $0x6e64dd08 // fmul v8.2d, v8.2d, v4.2d
	VFMLA  V31.D2, V8.D2, V0.D2
	VST1.P [V0.D2], 16(R0)
	SUB    $2, R8
	B      asamPerturbSave_v

asamPerturbSave_tail:
	// At most one element: the same sequence on scalars
	// (F30 and F31 are lane 0 of the broadcasts).
	CBZ    R8, asamPerturbSave_done
	FMOVD  (R0), F0
	FMOVD.P 8(R1), F4
	FMOVD.P F0, 8(R2)
	FABSD  F0, F8
	FADDD  F30, F8, F8
	FMULD  F8, F8, F8
	FMULD  F4, F8, F8
	FMADDD F31, F0, F8, F0
	FMOVD.P F0, 8(R0)
	SUB    $1, R8
	B      asamPerturbSave_tail

asamPerturbSave_done:
	RET

// func asamPerturbSave32NEON(w, g, saved []float32, eta, s float32, nt bool)
// saved = w; t = |w| + eta; w = fma(s, (t·t)·g, w): t·t and ·g rounded,
// then one fused multiply-add. eta in V30, s in V31.
TEXT ·asamPerturbSave32NEON(SB), NOSPLIT, $0-81
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   g_base+24(FP), R1
	MOVD   saved_base+48(FP), R2
	FMOVS  eta+72(FP), F30
	VDUP   V30.S[0], V30.S4
	FMOVS  s+76(FP), F31
	VDUP   V31.S[0], V31.S4
	CMP    $16, R8
	BLT    asamPerturbSave32_v

asamPerturbSave32_loop:
	// 16 elements: w in V0..V3 (stored to saved before the update),
	// g in V4..V7, t in V8..V11; w is loaded in place and stored with
	// post-increment.
	VLD1   (R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R2)
	WORD   $0x4ea0f808 // fabs v8.4s, v0.4s
	WORD   $0x4ea0f829 // fabs v9.4s, v1.4s
	WORD   $0x4ea0f84a // fabs v10.4s, v2.4s
	WORD   $0x4ea0f86b // fabs v11.4s, v3.4s
	WORD   $0x4e3ed508 // fadd v8.4s, v8.4s, v30.4s
	WORD   $0x4e3ed529 // fadd v9.4s, v9.4s, v30.4s
	WORD   $0x4e3ed54a // fadd v10.4s, v10.4s, v30.4s
	WORD   $0x4e3ed56b // fadd v11.4s, v11.4s, v30.4s
	WORD   $0x6e28dd08 // fmul v8.4s, v8.4s, v8.4s
	WORD   $0x6e29dd29 // fmul v9.4s, v9.4s, v9.4s
	WORD   $0x6e2add4a // fmul v10.4s, v10.4s, v10.4s
	WORD   $0x6e2bdd6b // fmul v11.4s, v11.4s, v11.4s
	WORD   $0x6e24dd08 // fmul v8.4s, v8.4s, v4.4s
	WORD   $0x6e25dd29 // fmul v9.4s, v9.4s, v5.4s
	WORD   $0x6e26dd4a // fmul v10.4s, v10.4s, v6.4s
	WORD   $0x6e27dd6b // fmul v11.4s, v11.4s, v7.4s
	VFMLA  V31.S4, V8.S4, V0.S4
	VFMLA  V31.S4, V9.S4, V1.S4
	VFMLA  V31.S4, V10.S4, V2.S4
	VFMLA  V31.S4, V11.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUB    $16, R8
	CMP    $16, R8
	BGE    asamPerturbSave32_loop

asamPerturbSave32_v:
	// Whole registers left: one at a time.
	CMP    $4, R8
	BLT    asamPerturbSave32_tail
	VLD1   (R0), [V0.S4]
	VLD1.P 16(R1), [V4.S4]
	VST1.P [V0.S4], 16(R2)
	WORD   $0x4ea0f808 // fabs v8.4s, v0.4s
	WORD   $0x4e3ed508 // fadd v8.4s, v8.4s, v30.4s
	WORD   $0x6e28dd08 // fmul v8.4s, v8.4s, v8.4s
	WORD   $0x6e24dd08 // fmul v8.4s, v8.4s, v4.4s
	VFMLA  V31.S4, V8.S4, V0.S4
	VST1.P [V0.S4], 16(R0)
	SUB    $4, R8
	B      asamPerturbSave32_v

asamPerturbSave32_tail:
	// Up to three elements: the same sequence on scalars
	// (F30 and F31 are lane 0 of the broadcasts).
	CBZ    R8, asamPerturbSave32_done
	FMOVS  (R0), F0
	FMOVS.P 4(R1), F4
	FMOVS.P F0, 4(R2)
	FABSS  F0, F8
	FADDS  F30, F8, F8
	FMULS  F8, F8, F8
	FMULS  F4, F8, F8
	FMADDS F31, F0, F8, F0
	FMOVS.P F0, 4(R0)
	SUB    $1, R8
	B      asamPerturbSave32_tail

asamPerturbSave32_done:
	RET

// func sgdRestoreNEON(w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, nt bool)
// gg = fma(l2, saved, g); m = fma(mu, m, gg); u = fma(cm, m, cg·gg);
// w = fma(nlr, u, keep·saved), with cg·gg and keep·saved rounded.
// nlr, mu, l2, cm, cg, keep in V26..V31; R0 w, R1 saved, R2 g, R3 m.
TEXT ·sgdRestoreNEON(SB), NOSPLIT, $0-145
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   saved_base+24(FP), R1
	MOVD   g_base+48(FP), R2
	MOVD   m_base+72(FP), R3
	FMOVD  nlr+96(FP), F26
	VDUP   V26.D[0], V26.D2
	FMOVD  mu+104(FP), F27
	VDUP   V27.D[0], V27.D2
	FMOVD  l2+112(FP), F28
	VDUP   V28.D[0], V28.D2
	FMOVD  cm+120(FP), F29
	VDUP   V29.D[0], V29.D2
	FMOVD  cg+128(FP), F30
	VDUP   V30.D[0], V30.D2
	FMOVD  keep+136(FP), F31
	VDUP   V31.D[0], V31.D2
	CMP    $8, R8
	BLT    sgdRestore_v

sgdRestore_loop:
	// 8 elements: saved in V0..V3, g (then gg, then the new m) in
	// V4..V7, m in V8..V11, cg·gg (then u) in V12..V15, keep·saved (then w)
	// in V16..V19.
	VLD1.P 64(R1), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R2), [V4.D2, V5.D2, V6.D2, V7.D2]
	VLD1   (R3), [V8.D2, V9.D2, V10.D2, V11.D2]
	VFMLA  V28.D2, V0.D2, V4.D2
	VFMLA  V28.D2, V1.D2, V5.D2
	VFMLA  V28.D2, V2.D2, V6.D2
	VFMLA  V28.D2, V3.D2, V7.D2
	WORD   $0x6e7edc8c // fmul v12.2d, v4.2d, v30.2d
	WORD   $0x6e7edcad // fmul v13.2d, v5.2d, v30.2d
	WORD   $0x6e7edcce // fmul v14.2d, v6.2d, v30.2d
	WORD   $0x6e7edcef // fmul v15.2d, v7.2d, v30.2d
	VFMLA  V27.D2, V8.D2, V4.D2
	VFMLA  V27.D2, V9.D2, V5.D2
	VFMLA  V27.D2, V10.D2, V6.D2
	VFMLA  V27.D2, V11.D2, V7.D2
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(R3)
	VFMLA  V29.D2, V4.D2, V12.D2
	VFMLA  V29.D2, V5.D2, V13.D2
	VFMLA  V29.D2, V6.D2, V14.D2
	VFMLA  V29.D2, V7.D2, V15.D2
	WORD   $0x6e7fdc10 // fmul v16.2d, v0.2d, v31.2d
	WORD   $0x6e7fdc31 // fmul v17.2d, v1.2d, v31.2d
	WORD   $0x6e7fdc52 // fmul v18.2d, v2.2d, v31.2d
	WORD   $0x6e7fdc73 // fmul v19.2d, v3.2d, v31.2d
	VFMLA  V26.D2, V12.D2, V16.D2
	VFMLA  V26.D2, V13.D2, V17.D2
	VFMLA  V26.D2, V14.D2, V18.D2
	VFMLA  V26.D2, V15.D2, V19.D2
	VST1.P [V16.D2, V17.D2, V18.D2, V19.D2], 64(R0)
	SUB    $8, R8
	CMP    $8, R8
	BGE    sgdRestore_loop

sgdRestore_v:
	CMP    $2, R8
	BLT    sgdRestore_tail
	VLD1.P 16(R1), [V0.D2]
	VLD1.P 16(R2), [V4.D2]
	VLD1   (R3), [V8.D2]
	VFMLA  V28.D2, V0.D2, V4.D2
	WORD   $0x6e7edc8c // fmul v12.2d, v4.2d, v30.2d
	VFMLA  V27.D2, V8.D2, V4.D2
	VST1.P [V4.D2], 16(R3)
	VFMLA  V29.D2, V4.D2, V12.D2
	WORD   $0x6e7fdc10 // fmul v16.2d, v0.2d, v31.2d
	VFMLA  V26.D2, V12.D2, V16.D2
	VST1.P [V16.D2], 16(R0)
	SUB    $2, R8
	B      sgdRestore_v

sgdRestore_tail:
	// Scalar: F0 saved, F1 g then gg, F2 m, F3 cg·gg then u, F4 w.
	CBZ    R8, sgdRestore_done
	FMOVD.P 8(R1), F0
	FMOVD.P 8(R2), F1
	FMOVD  (R3), F2
	FMADDD F28, F1, F0, F1
	FMULD  F30, F1, F3
	FMADDD F27, F1, F2, F2
	FMOVD.P F2, 8(R3)
	FMADDD F29, F3, F2, F3
	FMULD  F31, F0, F4
	FMADDD F26, F4, F3, F4
	FMOVD.P F4, 8(R0)
	SUB    $1, R8
	B      sgdRestore_tail

sgdRestore_done:
	RET

// func sgdRestore32NEON(w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, nt bool)
// gg = fma(l2, saved, g); m = fma(mu, m, gg); u = fma(cm, m, cg·gg);
// w = fma(nlr, u, keep·saved), with cg·gg and keep·saved rounded.
// nlr, mu, l2, cm, cg, keep in V26..V31; R0 w, R1 saved, R2 g, R3 m.
TEXT ·sgdRestore32NEON(SB), NOSPLIT, $0-121
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   saved_base+24(FP), R1
	MOVD   g_base+48(FP), R2
	MOVD   m_base+72(FP), R3
	FMOVS  nlr+96(FP), F26
	VDUP   V26.S[0], V26.S4
	FMOVS  mu+100(FP), F27
	VDUP   V27.S[0], V27.S4
	FMOVS  l2+104(FP), F28
	VDUP   V28.S[0], V28.S4
	FMOVS  cm+108(FP), F29
	VDUP   V29.S[0], V29.S4
	FMOVS  cg+112(FP), F30
	VDUP   V30.S[0], V30.S4
	FMOVS  keep+116(FP), F31
	VDUP   V31.S[0], V31.S4
	CMP    $16, R8
	BLT    sgdRestore32_v

sgdRestore32_loop:
	// 16 elements: saved in V0..V3, g (then gg, then the new m) in
	// V4..V7, m in V8..V11, cg·gg (then u) in V12..V15, keep·saved (then w)
	// in V16..V19.
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R2), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1   (R3), [V8.S4, V9.S4, V10.S4, V11.S4]
	VFMLA  V28.S4, V0.S4, V4.S4
	VFMLA  V28.S4, V1.S4, V5.S4
	VFMLA  V28.S4, V2.S4, V6.S4
	VFMLA  V28.S4, V3.S4, V7.S4
	WORD   $0x6e3edc8c // fmul v12.4s, v4.4s, v30.4s
	WORD   $0x6e3edcad // fmul v13.4s, v5.4s, v30.4s
	WORD   $0x6e3edcce // fmul v14.4s, v6.4s, v30.4s
	WORD   $0x6e3edcef // fmul v15.4s, v7.4s, v30.4s
	VFMLA  V27.S4, V8.S4, V4.S4
	VFMLA  V27.S4, V9.S4, V5.S4
	VFMLA  V27.S4, V10.S4, V6.S4
	VFMLA  V27.S4, V11.S4, V7.S4
	VST1.P [V4.S4, V5.S4, V6.S4, V7.S4], 64(R3)
	VFMLA  V29.S4, V4.S4, V12.S4
	VFMLA  V29.S4, V5.S4, V13.S4
	VFMLA  V29.S4, V6.S4, V14.S4
	VFMLA  V29.S4, V7.S4, V15.S4
	WORD   $0x6e3fdc10 // fmul v16.4s, v0.4s, v31.4s
	WORD   $0x6e3fdc31 // fmul v17.4s, v1.4s, v31.4s
	WORD   $0x6e3fdc52 // fmul v18.4s, v2.4s, v31.4s
	WORD   $0x6e3fdc73 // fmul v19.4s, v3.4s, v31.4s
	VFMLA  V26.S4, V12.S4, V16.S4
	VFMLA  V26.S4, V13.S4, V17.S4
	VFMLA  V26.S4, V14.S4, V18.S4
	VFMLA  V26.S4, V15.S4, V19.S4
	VST1.P [V16.S4, V17.S4, V18.S4, V19.S4], 64(R0)
	SUB    $16, R8
	CMP    $16, R8
	BGE    sgdRestore32_loop

sgdRestore32_v:
	CMP    $4, R8
	BLT    sgdRestore32_tail
	VLD1.P 16(R1), [V0.S4]
	VLD1.P 16(R2), [V4.S4]
	VLD1   (R3), [V8.S4]
	VFMLA  V28.S4, V0.S4, V4.S4
	WORD   $0x6e3edc8c // fmul v12.4s, v4.4s, v30.4s
	VFMLA  V27.S4, V8.S4, V4.S4
	VST1.P [V4.S4], 16(R3)
	VFMLA  V29.S4, V4.S4, V12.S4
	WORD   $0x6e3fdc10 // fmul v16.4s, v0.4s, v31.4s
	VFMLA  V26.S4, V12.S4, V16.S4
	VST1.P [V16.S4], 16(R0)
	SUB    $4, R8
	B      sgdRestore32_v

sgdRestore32_tail:
	// Scalar: F0 saved, F1 g then gg, F2 m, F3 cg·gg then u, F4 w.
	CBZ    R8, sgdRestore32_done
	FMOVS.P 4(R1), F0
	FMOVS.P 4(R2), F1
	FMOVS  (R3), F2
	FMADDS F28, F1, F0, F1
	FMULS  F30, F1, F3
	FMADDS F27, F1, F2, F2
	FMOVS.P F2, 4(R3)
	FMADDS F29, F3, F2, F3
	FMULS  F31, F0, F4
	FMADDS F26, F4, F3, F4
	FMOVS.P F4, 4(R0)
	SUB    $1, R8
	B      sgdRestore32_tail

sgdRestore32_done:
	RET

// func adamWRestoreNEON(w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, nt bool)
// m = fma(b1, m, omb1·g); v = fma(b2, v, (omb2·g)·g);
// den = fma(sqrt(v), rc2, eps); w = fma(step, m/den, keep·saved), every
// product outside an fma rounded, FSQRT and FDIV correctly rounded.
// b1, omb1, b2, omb2, rc2, eps, step, keep in V24..V31; R0 w, R1 saved,
// R2 g, R3 m, R4 v. Two registers per iteration (the square root and the
// division dominate).
TEXT ·adamWRestoreNEON(SB), NOSPLIT, $0-185
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   saved_base+24(FP), R1
	MOVD   g_base+48(FP), R2
	MOVD   m_base+72(FP), R3
	MOVD   v_base+96(FP), R4
	FMOVD  b1+120(FP), F24
	VDUP   V24.D[0], V24.D2
	FMOVD  omb1+128(FP), F25
	VDUP   V25.D[0], V25.D2
	FMOVD  b2+136(FP), F26
	VDUP   V26.D[0], V26.D2
	FMOVD  omb2+144(FP), F27
	VDUP   V27.D[0], V27.D2
	FMOVD  rc2+152(FP), F28
	VDUP   V28.D[0], V28.D2
	FMOVD  eps+160(FP), F29
	VDUP   V29.D[0], V29.D2
	FMOVD  step+168(FP), F30
	VDUP   V30.D[0], V30.D2
	FMOVD  keep+176(FP), F31
	VDUP   V31.D[0], V31.D2
	CMP    $4, R8
	BLT    adamWRestore_v

adamWRestore_loop:
	// 4 elements: g in V0, V1; m, then saved and w, in V2, V3; v in
	// V4, V5; omb1·g, then the new m, in V6, V7; (omb2·g)·g, then the new v,
	// in V16, V17; sqrt(v) in V18, V19; den in V20, V21 (from a copy of
	// eps); m/den in V22, V23.
	VLD1.P 32(R2), [V0.D2, V1.D2]
	VLD1   (R3), [V2.D2, V3.D2]
	VLD1   (R4), [V4.D2, V5.D2]
	WORD   $0x6e79dc06 // fmul v6.2d, v0.2d, v25.2d
	WORD   $0x6e79dc27 // fmul v7.2d, v1.2d, v25.2d
	VFMLA  V24.D2, V2.D2, V6.D2
	VFMLA  V24.D2, V3.D2, V7.D2
	VST1.P [V6.D2, V7.D2], 32(R3)
	WORD   $0x6e7bdc10 // fmul v16.2d, v0.2d, v27.2d
	WORD   $0x6e7bdc31 // fmul v17.2d, v1.2d, v27.2d
	WORD   $0x6e60de10 // fmul v16.2d, v16.2d, v0.2d
	WORD   $0x6e61de31 // fmul v17.2d, v17.2d, v1.2d
	VFMLA  V26.D2, V4.D2, V16.D2
	VFMLA  V26.D2, V5.D2, V17.D2
	VST1.P [V16.D2, V17.D2], 32(R4)
	WORD   $0x6ee1fa12 // fsqrt v18.2d, v16.2d
	WORD   $0x6ee1fa33 // fsqrt v19.2d, v17.2d
	VMOV   V29.B16, V20.B16
	VMOV   V29.B16, V21.B16
	VFMLA  V28.D2, V18.D2, V20.D2
	VFMLA  V28.D2, V19.D2, V21.D2
	WORD   $0x6e74fcd6 // fdiv v22.2d, v6.2d, v20.2d
	WORD   $0x6e75fcf7 // fdiv v23.2d, v7.2d, v21.2d
	VLD1.P 32(R1), [V2.D2, V3.D2]
	WORD   $0x6e7fdc42 // fmul v2.2d, v2.2d, v31.2d
	WORD   $0x6e7fdc63 // fmul v3.2d, v3.2d, v31.2d
	VFMLA  V30.D2, V22.D2, V2.D2
	VFMLA  V30.D2, V23.D2, V3.D2
	VST1.P [V2.D2, V3.D2], 32(R0)
	SUB    $4, R8
	CMP    $4, R8
	BGE    adamWRestore_loop

adamWRestore_v:
	CMP    $2, R8
	BLT    adamWRestore_tail
	VLD1.P 16(R2), [V0.D2]
	VLD1   (R3), [V2.D2]
	VLD1   (R4), [V4.D2]
	WORD   $0x6e79dc06 // fmul v6.2d, v0.2d, v25.2d
	VFMLA  V24.D2, V2.D2, V6.D2
	VST1.P [V6.D2], 16(R3)
	WORD   $0x6e7bdc10 // fmul v16.2d, v0.2d, v27.2d
	WORD   $0x6e60de10 // fmul v16.2d, v16.2d, v0.2d
	VFMLA  V26.D2, V4.D2, V16.D2
	VST1.P [V16.D2], 16(R4)
	WORD   $0x6ee1fa12 // fsqrt v18.2d, v16.2d
	VMOV   V29.B16, V20.B16
	VFMLA  V28.D2, V18.D2, V20.D2
	WORD   $0x6e74fcd6 // fdiv v22.2d, v6.2d, v20.2d
	VLD1.P 16(R1), [V2.D2]
	WORD   $0x6e7fdc42 // fmul v2.2d, v2.2d, v31.2d
	VFMLA  V30.D2, V22.D2, V2.D2
	VST1.P [V2.D2], 16(R0)
	SUB    $2, R8
	B      adamWRestore_v

adamWRestore_tail:
	// Scalar: F0 g, F1 m, F2 v, F3 saved then w, F4 omb1·g, F5
	// (omb2·g)·g, F6 sqrt(v) then den, F7 m/den.
	CBZ    R8, adamWRestore_done
	FMOVD.P 8(R2), F0
	FMOVD  (R3), F1
	FMOVD  (R4), F2
	FMULD  F25, F0, F4
	FMADDD F24, F4, F1, F1
	FMOVD.P F1, 8(R3)
	FMULD  F27, F0, F5
	FMULD  F0, F5, F5
	FMADDD F26, F5, F2, F2
	FMOVD.P F2, 8(R4)
	FSQRTD F2, F6
	FMADDD F28, F29, F6, F6
	FDIVD  F6, F1, F7
	FMOVD.P 8(R1), F3
	FMULD  F31, F3, F3
	FMADDD F30, F3, F7, F3
	FMOVD.P F3, 8(R0)
	SUB    $1, R8
	B      adamWRestore_tail

adamWRestore_done:
	RET

// func adamWRestore32NEON(w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, nt bool)
// m = fma(b1, m, omb1·g); v = fma(b2, v, (omb2·g)·g);
// den = fma(sqrt(v), rc2, eps); w = fma(step, m/den, keep·saved), every
// product outside an fma rounded, FSQRT and FDIV correctly rounded.
// b1, omb1, b2, omb2, rc2, eps, step, keep in V24..V31; R0 w, R1 saved,
// R2 g, R3 m, R4 v. Two registers per iteration (the square root and the
// division dominate).
TEXT ·adamWRestore32NEON(SB), NOSPLIT, $0-153
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   saved_base+24(FP), R1
	MOVD   g_base+48(FP), R2
	MOVD   m_base+72(FP), R3
	MOVD   v_base+96(FP), R4
	FMOVS  b1+120(FP), F24
	VDUP   V24.S[0], V24.S4
	FMOVS  omb1+124(FP), F25
	VDUP   V25.S[0], V25.S4
	FMOVS  b2+128(FP), F26
	VDUP   V26.S[0], V26.S4
	FMOVS  omb2+132(FP), F27
	VDUP   V27.S[0], V27.S4
	FMOVS  rc2+136(FP), F28
	VDUP   V28.S[0], V28.S4
	FMOVS  eps+140(FP), F29
	VDUP   V29.S[0], V29.S4
	FMOVS  step+144(FP), F30
	VDUP   V30.S[0], V30.S4
	FMOVS  keep+148(FP), F31
	VDUP   V31.S[0], V31.S4
	CMP    $8, R8
	BLT    adamWRestore32_v

adamWRestore32_loop:
	// 8 elements: g in V0, V1; m, then saved and w, in V2, V3; v in
	// V4, V5; omb1·g, then the new m, in V6, V7; (omb2·g)·g, then the new v,
	// in V16, V17; sqrt(v) in V18, V19; den in V20, V21 (from a copy of
	// eps); m/den in V22, V23.
	VLD1.P 32(R2), [V0.S4, V1.S4]
	VLD1   (R3), [V2.S4, V3.S4]
	VLD1   (R4), [V4.S4, V5.S4]
	WORD   $0x6e39dc06 // fmul v6.4s, v0.4s, v25.4s
	WORD   $0x6e39dc27 // fmul v7.4s, v1.4s, v25.4s
	VFMLA  V24.S4, V2.S4, V6.S4
	VFMLA  V24.S4, V3.S4, V7.S4
	VST1.P [V6.S4, V7.S4], 32(R3)
	WORD   $0x6e3bdc10 // fmul v16.4s, v0.4s, v27.4s
	WORD   $0x6e3bdc31 // fmul v17.4s, v1.4s, v27.4s
	WORD   $0x6e20de10 // fmul v16.4s, v16.4s, v0.4s
	WORD   $0x6e21de31 // fmul v17.4s, v17.4s, v1.4s
	VFMLA  V26.S4, V4.S4, V16.S4
	VFMLA  V26.S4, V5.S4, V17.S4
	VST1.P [V16.S4, V17.S4], 32(R4)
	WORD   $0x6ea1fa12 // fsqrt v18.4s, v16.4s
	WORD   $0x6ea1fa33 // fsqrt v19.4s, v17.4s
	VMOV   V29.B16, V20.B16
	VMOV   V29.B16, V21.B16
	VFMLA  V28.S4, V18.S4, V20.S4
	VFMLA  V28.S4, V19.S4, V21.S4
	WORD   $0x6e34fcd6 // fdiv v22.4s, v6.4s, v20.4s
	WORD   $0x6e35fcf7 // fdiv v23.4s, v7.4s, v21.4s
	VLD1.P 32(R1), [V2.S4, V3.S4]
	WORD   $0x6e3fdc42 // fmul v2.4s, v2.4s, v31.4s
	WORD   $0x6e3fdc63 // fmul v3.4s, v3.4s, v31.4s
	VFMLA  V30.S4, V22.S4, V2.S4
	VFMLA  V30.S4, V23.S4, V3.S4
	VST1.P [V2.S4, V3.S4], 32(R0)
	SUB    $8, R8
	CMP    $8, R8
	BGE    adamWRestore32_loop

adamWRestore32_v:
	CMP    $4, R8
	BLT    adamWRestore32_tail
	VLD1.P 16(R2), [V0.S4]
	VLD1   (R3), [V2.S4]
	VLD1   (R4), [V4.S4]
	WORD   $0x6e39dc06 // fmul v6.4s, v0.4s, v25.4s
	VFMLA  V24.S4, V2.S4, V6.S4
	VST1.P [V6.S4], 16(R3)
	WORD   $0x6e3bdc10 // fmul v16.4s, v0.4s, v27.4s
	WORD   $0x6e20de10 // fmul v16.4s, v16.4s, v0.4s
	VFMLA  V26.S4, V4.S4, V16.S4
	VST1.P [V16.S4], 16(R4)
	WORD   $0x6ea1fa12 // fsqrt v18.4s, v16.4s
	VMOV   V29.B16, V20.B16
	VFMLA  V28.S4, V18.S4, V20.S4
	WORD   $0x6e34fcd6 // fdiv v22.4s, v6.4s, v20.4s
	VLD1.P 16(R1), [V2.S4]
	WORD   $0x6e3fdc42 // fmul v2.4s, v2.4s, v31.4s
	VFMLA  V30.S4, V22.S4, V2.S4
	VST1.P [V2.S4], 16(R0)
	SUB    $4, R8
	B      adamWRestore32_v

adamWRestore32_tail:
	// Scalar: F0 g, F1 m, F2 v, F3 saved then w, F4 omb1·g, F5
	// (omb2·g)·g, F6 sqrt(v) then den, F7 m/den.
	CBZ    R8, adamWRestore32_done
	FMOVS.P 4(R2), F0
	FMOVS  (R3), F1
	FMOVS  (R4), F2
	FMULS  F25, F0, F4
	FMADDS F24, F4, F1, F1
	FMOVS.P F1, 4(R3)
	FMULS  F27, F0, F5
	FMULS  F0, F5, F5
	FMADDS F26, F5, F2, F2
	FMOVS.P F2, 4(R4)
	FSQRTS F2, F6
	FMADDS F28, F29, F6, F6
	FDIVS  F6, F1, F7
	FMOVS.P 4(R1), F3
	FMULS  F31, F3, F3
	FMADDS F30, F3, F7, F3
	FMOVS.P F3, 4(R0)
	SUB    $1, R8
	B      adamWRestore32_tail

adamWRestore32_done:
	RET

// func asamSumSqNEON(w, g []float64, eta float64) float64
// Σ t² with t = (|w| + eta)·g rounded; eight accumulators V0..V7, eta in
// V31, R0 w, R1 g.
TEXT ·asamSumSqNEON(SB), NOSPLIT, $0-64
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   g_base+24(FP), R1
	FMOVD  eta+48(FP), F31
	VDUP   V31.D[0], V31.D2
	ZERO8
	CMP    $16, R8
	BLT    asamSumSq_v

asamSumSq_loop:
	// 16 elements: w (then t) in V16..V23, g in V24..V27 twice.
	VLD1.P 64(R0), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R0), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(R1), [V24.D2, V25.D2, V26.D2, V27.D2]
	WORD   $0x4ee0fa10 // fabs v16.2d, v16.2d
	WORD   $0x4ee0fa31 // fabs v17.2d, v17.2d
	WORD   $0x4ee0fa52 // fabs v18.2d, v18.2d
	WORD   $0x4ee0fa73 // fabs v19.2d, v19.2d
	WORD   $0x4ee0fa94 // fabs v20.2d, v20.2d
	WORD   $0x4ee0fab5 // fabs v21.2d, v21.2d
	WORD   $0x4ee0fad6 // fabs v22.2d, v22.2d
	WORD   $0x4ee0faf7 // fabs v23.2d, v23.2d
	WORD   $0x4e7fd610 // fadd v16.2d, v16.2d, v31.2d
	WORD   $0x4e7fd631 // fadd v17.2d, v17.2d, v31.2d
	WORD   $0x4e7fd652 // fadd v18.2d, v18.2d, v31.2d
	WORD   $0x4e7fd673 // fadd v19.2d, v19.2d, v31.2d
	WORD   $0x4e7fd694 // fadd v20.2d, v20.2d, v31.2d
	WORD   $0x4e7fd6b5 // fadd v21.2d, v21.2d, v31.2d
	WORD   $0x4e7fd6d6 // fadd v22.2d, v22.2d, v31.2d
	WORD   $0x4e7fd6f7 // fadd v23.2d, v23.2d, v31.2d
	WORD   $0x6e78de10 // fmul v16.2d, v16.2d, v24.2d
	WORD   $0x6e79de31 // fmul v17.2d, v17.2d, v25.2d
	WORD   $0x6e7ade52 // fmul v18.2d, v18.2d, v26.2d
	WORD   $0x6e7bde73 // fmul v19.2d, v19.2d, v27.2d
	VLD1.P 64(R1), [V24.D2, V25.D2, V26.D2, V27.D2]
	WORD   $0x6e78de94 // fmul v20.2d, v20.2d, v24.2d
	WORD   $0x6e79deb5 // fmul v21.2d, v21.2d, v25.2d
	WORD   $0x6e7aded6 // fmul v22.2d, v22.2d, v26.2d
	WORD   $0x6e7bdef7 // fmul v23.2d, v23.2d, v27.2d
	VFMLA  V16.D2, V16.D2, V0.D2
	VFMLA  V17.D2, V17.D2, V1.D2
	VFMLA  V18.D2, V18.D2, V2.D2
	VFMLA  V19.D2, V19.D2, V3.D2
	VFMLA  V20.D2, V20.D2, V4.D2
	VFMLA  V21.D2, V21.D2, V5.D2
	VFMLA  V22.D2, V22.D2, V6.D2
	VFMLA  V23.D2, V23.D2, V7.D2
	SUB    $16, R8
	CMP    $16, R8
	BGE    asamSumSq_loop

asamSumSq_v:
	// Whole registers left: one at a time into V0.
	CMP    $2, R8
	BLT    asamSumSq_reduce
	VLD1.P 16(R0), [V16.D2]
	VLD1.P 16(R1), [V24.D2]
	WORD   $0x4ee0fa10 // fabs v16.2d, v16.2d
	WORD   $0x4e7fd610 // fadd v16.2d, v16.2d, v31.2d
	WORD   $0x6e78de10 // fmul v16.2d, v16.2d, v24.2d
	VFMLA  V16.D2, V16.D2, V0.D2
	SUB    $2, R8
	B      asamSumSq_v

asamSumSq_reduce:
	// Fold the accumulators pairwise, then the two lanes of V0 into D0.
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

asamSumSq_tail:
	// At most one element: F0 += t·t, one rounding.
	CBZ    R8, asamSumSq_done
	FMOVD.P 8(R0), F16
	FMOVD.P 8(R1), F24
	FABSD  F16, F16
	FADDD  F31, F16, F16
	FMULD  F24, F16, F16
	FMADDD F16, F0, F16, F0
	SUB    $1, R8
	B      asamSumSq_tail

asamSumSq_done:
	FMOVD  F0, ret+56(FP)
	RET

// func asamSumSq32NEON(w, g []float32, eta float32) float64
// a = |w| + eta in float32 (V31 holds eta as four float32), then a and g
// widened to float64 (FCVTL the low two lanes, FCVTL2 the high two), where
// t = a·g is exact; t² accumulated with FMA in V0..V7. R0 w, R1 g.
TEXT ·asamSumSq32NEON(SB), NOSPLIT, $0-64
	MOVD   w_base+0(FP), R0
	MOVD   w_len+8(FP), R8
	MOVD   g_base+24(FP), R1
	FMOVS  eta+48(FP), F31
	VDUP   V31.S[0], V31.S4
	ZERO8
	CMP    $16, R8
	BLT    asamSumSq32_v

asamSumSq32_loop:
	// 16 elements: w (then a) in V16..V19, g in V20..V23; each register
	// widened into V24, V25 (a) and V26, V27 (g), multiplied there and
	// accumulated into two accumulators.
	VLD1.P 64(R0), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(R1), [V20.S4, V21.S4, V22.S4, V23.S4]
	WORD   $0x4ea0fa10 // fabs v16.4s, v16.4s
	WORD   $0x4ea0fa31 // fabs v17.4s, v17.4s
	WORD   $0x4ea0fa52 // fabs v18.4s, v18.4s
	WORD   $0x4ea0fa73 // fabs v19.4s, v19.4s
	WORD   $0x4e3fd610 // fadd v16.4s, v16.4s, v31.4s
	WORD   $0x4e3fd631 // fadd v17.4s, v17.4s, v31.4s
	WORD   $0x4e3fd652 // fadd v18.4s, v18.4s, v31.4s
	WORD   $0x4e3fd673 // fadd v19.4s, v19.4s, v31.4s
	WORD   $0x0e617a18 // fcvtl v24.2d, v16.2s
	WORD   $0x4e617a19 // fcvtl2 v25.2d, v16.4s
	WORD   $0x0e617a9a // fcvtl v26.2d, v20.2s
	WORD   $0x4e617a9b // fcvtl2 v27.2d, v20.4s
	WORD   $0x6e7adf18 // fmul v24.2d, v24.2d, v26.2d
	WORD   $0x6e7bdf39 // fmul v25.2d, v25.2d, v27.2d
	VFMLA  V24.D2, V24.D2, V0.D2
	VFMLA  V25.D2, V25.D2, V1.D2
	WORD   $0x0e617a38 // fcvtl v24.2d, v17.2s
	WORD   $0x4e617a39 // fcvtl2 v25.2d, v17.4s
	WORD   $0x0e617aba // fcvtl v26.2d, v21.2s
	WORD   $0x4e617abb // fcvtl2 v27.2d, v21.4s
	WORD   $0x6e7adf18 // fmul v24.2d, v24.2d, v26.2d
	WORD   $0x6e7bdf39 // fmul v25.2d, v25.2d, v27.2d
	VFMLA  V24.D2, V24.D2, V2.D2
	VFMLA  V25.D2, V25.D2, V3.D2
	WORD   $0x0e617a58 // fcvtl v24.2d, v18.2s
	WORD   $0x4e617a59 // fcvtl2 v25.2d, v18.4s
	WORD   $0x0e617ada // fcvtl v26.2d, v22.2s
	WORD   $0x4e617adb // fcvtl2 v27.2d, v22.4s
	WORD   $0x6e7adf18 // fmul v24.2d, v24.2d, v26.2d
	WORD   $0x6e7bdf39 // fmul v25.2d, v25.2d, v27.2d
	VFMLA  V24.D2, V24.D2, V4.D2
	VFMLA  V25.D2, V25.D2, V5.D2
	WORD   $0x0e617a78 // fcvtl v24.2d, v19.2s
	WORD   $0x4e617a79 // fcvtl2 v25.2d, v19.4s
	WORD   $0x0e617afa // fcvtl v26.2d, v23.2s
	WORD   $0x4e617afb // fcvtl2 v27.2d, v23.4s
	WORD   $0x6e7adf18 // fmul v24.2d, v24.2d, v26.2d
	WORD   $0x6e7bdf39 // fmul v25.2d, v25.2d, v27.2d
	VFMLA  V24.D2, V24.D2, V6.D2
	VFMLA  V25.D2, V25.D2, V7.D2
	SUB    $16, R8
	CMP    $16, R8
	BGE    asamSumSq32_loop

asamSumSq32_v:
	// Whole registers left: one at a time into V0, V1.
	CMP    $4, R8
	BLT    asamSumSq32_reduce
	VLD1.P 16(R0), [V16.S4]
	VLD1.P 16(R1), [V20.S4]
	WORD   $0x4ea0fa10 // fabs v16.4s, v16.4s
	WORD   $0x4e3fd610 // fadd v16.4s, v16.4s, v31.4s
	WORD   $0x0e617a18 // fcvtl v24.2d, v16.2s
	WORD   $0x4e617a19 // fcvtl2 v25.2d, v16.4s
	WORD   $0x0e617a9a // fcvtl v26.2d, v20.2s
	WORD   $0x4e617a9b // fcvtl2 v27.2d, v20.4s
	WORD   $0x6e7adf18 // fmul v24.2d, v24.2d, v26.2d
	WORD   $0x6e7bdf39 // fmul v25.2d, v25.2d, v27.2d
	VFMLA  V24.D2, V24.D2, V0.D2
	VFMLA  V25.D2, V25.D2, V1.D2
	SUB    $4, R8
	B      asamSumSq32_v

asamSumSq32_reduce:
	WORD   $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD   $0x4e63d442 // fadd v2.2d, v2.2d, v3.2d
	WORD   $0x4e65d484 // fadd v4.2d, v4.2d, v5.2d
	WORD   $0x4e67d4c6 // fadd v6.2d, v6.2d, v7.2d
	WORD   $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD   $0x4e66d484 // fadd v4.2d, v4.2d, v6.2d
	WORD   $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD   $0x7e70d800 // faddp d0, v0.2d

asamSumSq32_tail:
	// Up to three elements: a in float32, widened (FCVT S to D is exact),
	// F0 += t·t.
	CBZ    R8, asamSumSq32_done
	FMOVS.P 4(R0), F16
	FMOVS.P 4(R1), F20
	FABSS  F16, F16
	FADDS  F31, F16, F16
	FCVTSD F16, F16
	FCVTSD F20, F20
	FMULD  F20, F16, F16
	FMADDD F16, F0, F16, F0
	SUB    $1, R8
	B      asamSumSq32_tail

asamSumSq32_done:
	FMOVD  F0, ret+56(FP)
	RET
