//go:build !purego && !noasm

#include "textflag.h"
#include "neon_arm64.h"

// Fused optimizer kernels for NEON (conventions in neon_arm64.h): the
// operation sequences of fused.go, with the algorithms of the amd64
// levels. Every fma of fused.go is one fused multiply-add (VFMLA,
// FMADDD/FMADDS, one rounding) and every other product, sum, square root
// and quotient is its own correctly rounded instruction, so the vector
// body, the scalar tail and the AVX2/AVX-512 levels give the same bits. A
// main loop of four registers per vector (two for AdamW), then one
// register at a time, then a scalar tail that repeats the sequence one
// element at a time; the broadcast coefficients sit in the top registers
// (V24..V31), and lane 0 of each is the scalar (F24..F31) the tail uses.
// w is loaded in place and stored with post-increment, and m and v (read
// and written) likewise. The nt argument (non-temporal stores for vectors
// beyond the caches) is ignored: that is an AVX-512 optimization, and here
// every store is a plain VST1 or FMOV. Each float64/float32 pair shares
// one body, fused_neon_<name>_arm64.h, except asamSumSq, whose float32
// version widens to float64 and has a structure of its own.

// perturbSave, perturbSave32: saved[i] = w[i]; w[i] = fma(s, g[i], w[i]);
// s in V31. Four registers per iteration, then one, then one element at a
// time.
#define W_PTR R0
#define G_PTR R1
#define S_PTR R2
#define N     R8

#include "f64_arm64.h"

// func perturbSaveNEON(w, g, saved []float64, s float64, nt bool)
TEXT ·perturbSaveNEON(SB), NOSPLIT, $0-81
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  g_base+24(FP), G_PTR
	MOVD  saved_base+48(FP), S_PTR
	FMOVD s+72(FP), F31
#include "fused_neon_perturbsave_arm64.h"
	RET

#include "f32_arm64.h"

// func perturbSave32NEON(w, g, saved []float32, s float32, nt bool)
TEXT ·perturbSave32NEON(SB), NOSPLIT, $0-77
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  g_base+24(FP), G_PTR
	MOVD  saved_base+48(FP), S_PTR
	FMOVS s+72(FP), F31
#include "fused_neon_perturbsave_arm64.h"
	RET

// asamPerturbSave, asamPerturbSave32: saved[i] = w[i]; t = |w[i]| + eta;
// w[i] = fma(s, (t·t)·g[i], w[i]), each product rounded; eta in V30, s in
// V31. Four registers per iteration, then one, then one element at a
// time.

#include "f64_arm64.h"

// func asamPerturbSaveNEON(w, g, saved []float64, eta, s float64, nt bool)
TEXT ·asamPerturbSaveNEON(SB), NOSPLIT, $0-89
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  g_base+24(FP), G_PTR
	MOVD  saved_base+48(FP), S_PTR
	FMOVD eta+72(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD s+80(FP), F31
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#include "f32_arm64.h"

// func asamPerturbSave32NEON(w, g, saved []float32, eta, s float32, nt bool)
TEXT ·asamPerturbSave32NEON(SB), NOSPLIT, $0-81
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  g_base+24(FP), G_PTR
	MOVD  saved_base+48(FP), S_PTR
	FMOVS eta+72(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS s+76(FP), F31
#include "fused_neon_asamperturbsave_arm64.h"
	RET

// sgdRestore, sgdRestore32: the operation sequence of ref.SGDRestore from
// the saved weights s = saved[i]: gg = fma(l2, s, g), m = fma(mu, m, gg),
// u = fma(cm, m, cg·gg), w = fma(nlr, u, keep·s); V26..V31 hold nlr, mu,
// l2, cm, cg, keep. Four registers per iteration, then one, then one
// element at a time.
#undef G_PTR
#undef S_PTR
#define S_PTR R1
#define G_PTR R2
#define M_PTR R3

#include "f64_arm64.h"

// func sgdRestoreNEON(w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, nt bool)
TEXT ·sgdRestoreNEON(SB), NOSPLIT, $0-145
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  m_base+72(FP), M_PTR
	FMOVD nlr+96(FP), F26
	VDUP  V26.D[0], V26.D2
	FMOVD mu+104(FP), F27
	VDUP  V27.D[0], V27.D2
	FMOVD l2+112(FP), F28
	VDUP  V28.D[0], V28.D2
	FMOVD cm+120(FP), F29
	VDUP  V29.D[0], V29.D2
	FMOVD cg+128(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD keep+136(FP), F31
#include "fused_neon_sgdrestore_arm64.h"
	RET

#include "f32_arm64.h"

// func sgdRestore32NEON(w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, nt bool)
TEXT ·sgdRestore32NEON(SB), NOSPLIT, $0-121
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  m_base+72(FP), M_PTR
	FMOVS nlr+96(FP), F26
	VDUP  V26.S[0], V26.S4
	FMOVS mu+100(FP), F27
	VDUP  V27.S[0], V27.S4
	FMOVS l2+104(FP), F28
	VDUP  V28.S[0], V28.S4
	FMOVS cm+108(FP), F29
	VDUP  V29.S[0], V29.S4
	FMOVS cg+112(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS keep+116(FP), F31
#include "fused_neon_sgdrestore_arm64.h"
	RET

// adamWRestore, adamWRestore32: the operation sequence of
// ref.AdamWRestore: m = fma(b1, m, omb1·g), v = fma(b2, v, (omb2·g)·g),
// den = fma(sqrt(v), rc2, eps), w = fma(step, m/den, keep·saved); V24..V31
// hold b1, omb1, b2, omb2, rc2, eps, step, keep. Two registers per
// iteration (the loop is bound by the divide and the square root), then
// one, then one element at a time.
#define V_PTR R4

#include "f64_arm64.h"

// func adamWRestoreNEON(w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, nt bool)
TEXT ·adamWRestoreNEON(SB), NOSPLIT, $0-185
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  m_base+72(FP), M_PTR
	MOVD  v_base+96(FP), V_PTR
	FMOVD b1+120(FP), F24
	VDUP  V24.D[0], V24.D2
	FMOVD omb1+128(FP), F25
	VDUP  V25.D[0], V25.D2
	FMOVD b2+136(FP), F26
	VDUP  V26.D[0], V26.D2
	FMOVD omb2+144(FP), F27
	VDUP  V27.D[0], V27.D2
	FMOVD rc2+152(FP), F28
	VDUP  V28.D[0], V28.D2
	FMOVD eps+160(FP), F29
	VDUP  V29.D[0], V29.D2
	FMOVD step+168(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD keep+176(FP), F31
#include "fused_neon_adamwrestore_arm64.h"
	RET

#include "f32_arm64.h"

// func adamWRestore32NEON(w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, nt bool)
TEXT ·adamWRestore32NEON(SB), NOSPLIT, $0-153
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  m_base+72(FP), M_PTR
	MOVD  v_base+96(FP), V_PTR
	FMOVS b1+120(FP), F24
	VDUP  V24.S[0], V24.S4
	FMOVS omb1+124(FP), F25
	VDUP  V25.S[0], V25.S4
	FMOVS b2+128(FP), F26
	VDUP  V26.S[0], V26.S4
	FMOVS omb2+132(FP), F27
	VDUP  V27.S[0], V27.S4
	FMOVS rc2+136(FP), F28
	VDUP  V28.S[0], V28.S4
	FMOVS eps+140(FP), F29
	VDUP  V29.S[0], V29.S4
	FMOVS step+144(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS keep+148(FP), F31
#include "fused_neon_adamwrestore_arm64.h"
	RET

#undef W_PTR
#undef G_PTR
#undef S_PTR
#undef M_PTR
#undef V_PTR
#undef N

// asamSumSq: F0 = Σ t[i]² with t = (|w[i]|+eta)·g[i] (eta in V31), each t
// rounded as ref.ASAMTerms says: 16 elements per iteration, w (then t) in
// V16..V23, g in V24..V27 twice, t² accumulated into V0..V7; then one
// register at a time; the fold; then one element at a time.
#define W_PTR R0
#define G_PTR R1
#define N     R8

#include "f64_arm64.h"

// func asamSumSqNEON(w, g []float64, eta float64) float64
TEXT ·asamSumSqNEON(SB), NOSPLIT, $0-64
	MOVD   w_base+0(FP), W_PTR
	MOVD   w_len+8(FP), N
	MOVD   g_base+24(FP), G_PTR
	FMOVD  eta+48(FP), F31
	VDUP   V31.D[0], V31.D2
	ZERO8
	CMP    $16, N
	BLT    vec

loop:
	// 16 elements: w (then t) in V16..V23, g in V24..V27 twice.
	VLD1.P 64(W_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(W_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(G_PTR), [V24.D2, V25.D2, V26.D2, V27.D2]
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
	VLD1.P 64(G_PTR), [V24.D2, V25.D2, V26.D2, V27.D2]
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
	SUB    $16, N
	CMP    $16, N
	BGE    loop

vec:
	// Whole registers left: one at a time into V0.
	CMP    $2, N
	BLT    reduce
	VLD1.P 16(W_PTR), [V16.D2]
	VLD1.P 16(G_PTR), [V24.D2]
	WORD   $0x4ee0fa10 // fabs v16.2d, v16.2d
	WORD   $0x4e7fd610 // fadd v16.2d, v16.2d, v31.2d
	WORD   $0x6e78de10 // fmul v16.2d, v16.2d, v24.2d
	VFMLA  V16.D2, V16.D2, V0.D2
	SUB    $2, N
	B      vec

reduce:
#include "neon_fold8_arm64.h"

tail:
	// At most one element: F0 += t·t, one rounding.
	CBZ    N, done
	FMOVD.P 8(W_PTR), F16
	FMOVD.P 8(G_PTR), F24
	FABSD  F16, F16
	FADDD  F31, F16, F16
	FMULD  F24, F16, F16
	FMADDD F16, F0, F16, F0
	SUB    $1, N
	B      tail

done:
	FMOVD  F0, ret+56(FP)
	RET

// asamSumSq32: the same sum in float64 from float32 w and g: 16 elements
// per iteration, |w|+eta rounded in float32 (V16..V19), then w and g
// widened to float64 (FCVTL, FCVTL2), t = a·g exact in float64 and t²
// accumulated into V0..V7; then four at a time; the fold; then one
// element at a time.

// func asamSumSq32NEON(w, g []float32, eta float32) float64
TEXT ·asamSumSq32NEON(SB), NOSPLIT, $0-64
	MOVD   w_base+0(FP), W_PTR
	MOVD   w_len+8(FP), N
	MOVD   g_base+24(FP), G_PTR
	FMOVS  eta+48(FP), F31
	VDUP   V31.S[0], V31.S4
	ZERO8
	CMP    $16, N
	BLT    vec

loop:
	// 16 elements: w (then a) in V16..V19, g in V20..V23; each register
	// widened into V24, V25 (a) and V26, V27 (g), multiplied there and
	// accumulated into two accumulators.
	VLD1.P 64(W_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(G_PTR), [V20.S4, V21.S4, V22.S4, V23.S4]
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
	SUB    $16, N
	CMP    $16, N
	BGE    loop

vec:
	// Whole registers left: one at a time into V0, V1.
	CMP    $4, N
	BLT    reduce
	VLD1.P 16(W_PTR), [V16.S4]
	VLD1.P 16(G_PTR), [V20.S4]
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
	SUB    $4, N
	B      vec

reduce:
#include "neon_fold8_arm64.h"

tail:
	// Up to three elements: a in float32, widened (FCVT S to D is exact),
	// F0 += t·t.
	CBZ    N, done
	FMOVS.P 4(W_PTR), F16
	FMOVS.P 4(G_PTR), F20
	FABSS  F16, F16
	FADDS  F31, F16, F16
	FCVTSD F16, F16
	FCVTSD F20, F20
	FMULD  F20, F16, F16
	FMADDD F16, F0, F16, F0
	SUB    $1, N
	B      tail

done:
	FMOVD  F0, ret+56(FP)
	RET
