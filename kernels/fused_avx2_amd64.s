//go:build !purego && !noasm

#include "textflag.h"
#include "avx2_amd64.h"

// Fused optimizer kernels for AVX2 + FMA3 (conventions in avx2_amd64.h):
// the operation sequences of fused.go, one FMA where it says fma, on YMM
// vectors with a tail that repeats the sequence one element at a time.
// The broadcast coefficients' lowest lanes serve the tail. Each
// float64/float32 pair shares one body, fused_avx2_<name>_amd64.h.
//
// Non-temporal stores, as at AVX-512 (fused_avx512_amd64.s): with nt set
// the vector that is only written (saved in the perturbations, w in the
// restores) is stored with VMOVNTP, which skips the read for ownership of
// a normal store. On Zen 3 the stream probe of SGDRestore's traffic (three
// vectors read, one of them written back, one written) moved 36.1 GB/s
// with non-temporal stores and 24.3 GB/s with normal ones (README).
// VMOVNTP needs 32-byte alignment: the elements up to the streamed
// vector's first 64-byte boundary run one at a time in the tail
// (STREAM_HEAD, avx2_amd64.h), so each pass of the two-vector streaming
// loop writes whole cache lines. The streaming loops also prefetch the
// vectors they read, STREAM_AHEAD bytes ahead (avx2_amd64.h).

// Registers of every routine here.
#define W_PTR  SI  // w
#define N      R13 // len(w)
#define G_PTR  DI  // g
#define S_PTR  R8  // saved
#define M_PTR  R9  // m (the restores)
#define V_PTR  R10 // v (AdamW)
#define I      AX  // the element index
#define NEXT   CX  // I plus a block, against N
#define NT     R12 // the nt flag
#define LIMIT  BX  // the tail's end: N, or the streaming head's

// perturbSave, perturbSave32: saved[i] = w[i]; w[i] = fma(s, g[i], w[i]).
// Y15 holds s. Two vectors per iteration (w in Y0 and Y4, g in Y1
// and Y5), then one, then one element at a time.

#include "f64_amd64.h"

// func perturbSaveAVX2(w, g, saved []float64, s float64, nt bool)
TEXT ·perturbSaveAVX2(SB), NOSPLIT, $0-81
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSD s+72(FP), Y15
	MOVBLZX      nt+80(FP), NT
#include "fused_avx2_perturbsave_amd64.h"
	RET

#include "f32_amd64.h"

// func perturbSave32AVX2(w, g, saved []float32, s float32, nt bool)
TEXT ·perturbSave32AVX2(SB), NOSPLIT, $0-77
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSS s+72(FP), Y15
	MOVBLZX      nt+76(FP), NT
#include "fused_avx2_perturbsave_amd64.h"
	RET

// asamPerturbSave, asamPerturbSave32: saved[i] = w[i]; t = |w[i]| + eta;
// w[i] = fma(s, (t·t)·g[i], w[i]), each product rounded. Y13 is the sign
// mask (all bits but the sign), Y14 eta, Y15 s. Two vectors per
// iteration, then one, then one element at a time.

#include "f64_amd64.h"

// func asamPerturbSaveAVX2(w, g, saved []float64, eta, s float64, nt bool)
TEXT ·asamPerturbSaveAVX2(SB), NOSPLIT, $0-89
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSD eta+72(FP), Y14
	VBROADCASTSD s+80(FP), Y15
	MOVBLZX      nt+88(FP), NT
#include "fused_avx2_asamperturbsave_amd64.h"
	RET

#include "f32_amd64.h"

// func asamPerturbSave32AVX2(w, g, saved []float32, eta, s float32, nt bool)
TEXT ·asamPerturbSave32AVX2(SB), NOSPLIT, $0-81
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSS eta+72(FP), Y14
	VBROADCASTSS s+76(FP), Y15
	MOVBLZX      nt+80(FP), NT
#include "fused_avx2_asamperturbsave_amd64.h"
	RET

// sgdRestore, sgdRestore32: the operation sequence of ref.SGDRestore from
// the saved weights s = saved[i]: gg = fma(l2, s, g), m = fma(mu, m, gg),
// u = fma(cm, m, cg·gg), w = fma(nlr, u, keep·s). Y10..Y15 hold nlr, mu,
// l2, cm, cg, keep (their low lanes serve the tail). Two vectors per
// iteration, then one, then one element at a time.

#include "f64_amd64.h"

// func sgdRestoreAVX2(w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, nt bool)
TEXT ·sgdRestoreAVX2(SB), NOSPLIT, $0-145
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	VBROADCASTSD nlr+96(FP), Y10
	VBROADCASTSD mu+104(FP), Y11
	VBROADCASTSD l2+112(FP), Y12
	VBROADCASTSD cm+120(FP), Y13
	VBROADCASTSD cg+128(FP), Y14
	VBROADCASTSD keep+136(FP), Y15
	MOVBLZX      nt+144(FP), NT
#include "fused_avx2_sgdrestore_amd64.h"
	RET

#include "f32_amd64.h"

// func sgdRestore32AVX2(w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, nt bool)
TEXT ·sgdRestore32AVX2(SB), NOSPLIT, $0-121
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	VBROADCASTSS nlr+96(FP), Y10
	VBROADCASTSS mu+100(FP), Y11
	VBROADCASTSS l2+104(FP), Y12
	VBROADCASTSS cm+108(FP), Y13
	VBROADCASTSS cg+112(FP), Y14
	VBROADCASTSS keep+116(FP), Y15
	MOVBLZX      nt+120(FP), NT
#include "fused_avx2_sgdrestore_amd64.h"
	RET

// adamWRestore, adamWRestore32: the operation sequence of
// ref.AdamWRestore: m = fma(b1, m, omb1·g), v = fma(b2, v, (omb2·g)·g),
// den = fma(sqrt(v), rc2, eps), w = fma(step, m/den, keep·saved). Y8..Y15
// hold b1, omb1, b2, omb2, rc2, eps, step, keep. One vector per iteration
// (the loop is bound by the divide and the square root, not by loads),
// then one element at a time.

#include "f64_amd64.h"

// func adamWRestoreAVX2(w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, nt bool)
TEXT ·adamWRestoreAVX2(SB), NOSPLIT, $0-185
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	MOVQ         v_base+96(FP), V_PTR
	VBROADCASTSD b1+120(FP), Y8
	VBROADCASTSD omb1+128(FP), Y9
	VBROADCASTSD b2+136(FP), Y10
	VBROADCASTSD omb2+144(FP), Y11
	VBROADCASTSD rc2+152(FP), Y12
	VBROADCASTSD eps+160(FP), Y13
	VBROADCASTSD step+168(FP), Y14
	VBROADCASTSD keep+176(FP), Y15
	MOVBLZX      nt+184(FP), NT
#include "fused_avx2_adamwrestore_amd64.h"
	RET

#include "f32_amd64.h"

// func adamWRestore32AVX2(w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, nt bool)
TEXT ·adamWRestore32AVX2(SB), NOSPLIT, $0-153
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	MOVQ         v_base+96(FP), V_PTR
	VBROADCASTSS b1+120(FP), Y8
	VBROADCASTSS omb1+124(FP), Y9
	VBROADCASTSS b2+128(FP), Y10
	VBROADCASTSS omb2+132(FP), Y11
	VBROADCASTSS rc2+136(FP), Y12
	VBROADCASTSS eps+140(FP), Y13
	VBROADCASTSS step+144(FP), Y14
	VBROADCASTSS keep+148(FP), Y15
	MOVBLZX      nt+152(FP), NT
#include "fused_avx2_adamwrestore_amd64.h"
	RET

// asamSumSq, asamSumSq32: X0 = Σ t[i]² with t = (|w[i]|+eta)·g[i], the
// terms rounded as ref.ASAMTerms says, summed in float64 for both types:
// asamSumSq32 widens w and g to float64 as it loads them and rounds
// |w|+eta to float32 (so t is exact in float64). ABS (Y13) is the sign
// mask, ETA (Y14) eta; ABS1 and ETA1 their low lanes. Four vectors of
// four terms per iteration, squared with an FMA into Y0..Y3; then one
// vector; then ((0+1)+(2+3)) and the lanes; then one term at a time.
#define ABS  Y13
#define ETA  Y14
#define ABS1 X13
#define ETA1 X14

#include "f64_amd64.h"
#define WELEM 8
#define WLOAD(d, r) VMOVUPD (d*VEC)(W_PTR)(I*8), r
#define MULG(d, r) VMULPD (d*VEC)(G_PTR)(I*8), r, r
#define ROUND(r, x)
#define WLOAD1(r) VMOVSD (W_PTR)(I*8), r
#define ROUND1(r)
#define GLOAD1(r) VMOVSD (G_PTR)(I*8), r

// func asamSumSqAVX2(w, g []float64, eta float64) float64
TEXT ·asamSumSqAVX2(SB), NOSPLIT, $0-64
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	VBROADCASTSD eta+48(FP), ETA
#include "fused_avx2_asamsumsq_amd64.h"
	MOVSD X0, ret+56(FP)
	RET

#undef WELEM
#undef WLOAD
#undef MULG
#undef ROUND
#undef WLOAD1
#undef ROUND1
#undef GLOAD1
#define WELEM 4
#define WLOAD(d, r) VCVTPS2PD (d*VEC/2)(W_PTR)(I*4), r
#define MULG(d, r) \
	VCVTPS2PD (d*VEC/2)(G_PTR)(I*4), Y12 \
	VMULPD    Y12, r, r
#define ROUND(r, x) \
	VCVTPD2PSY r, x \
	VCVTPS2PD  x, r
#define WLOAD1(r) \
	VMOVSS    (W_PTR)(I*4), r \
	VCVTSS2SD r, r, r
#define ROUND1(r) \
	VCVTSD2SS r, r, r \
	VCVTSS2SD r, r, r
#define GLOAD1(r) \
	VMOVSS    (G_PTR)(I*4), r \
	VCVTSS2SD r, r, r

// func asamSumSq32AVX2(w, g []float32, eta float32) float64
TEXT ·asamSumSq32AVX2(SB), NOSPLIT, $0-64
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	VMOVSS       eta+48(FP), ETA1
	VCVTSS2SD    ETA1, ETA1, ETA1
	VBROADCASTSD ETA1, ETA
#include "fused_avx2_asamsumsq_amd64.h"
	MOVSD X0, ret+56(FP)
	RET
