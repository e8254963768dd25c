//go:build !purego && !noasm

#include "textflag.h"
#include "avx512_amd64.h"

// Fused optimizer kernels for AVX-512 F (conventions in avx512_amd64.h):
// the operation sequences of fused.go, one FMA where it says fma.
// Element-wise, so the structure is simple: a main loop of two vectors, a
// one-vector loop, and an opmask tail. Each float64/float32 pair shares
// one body, fused_avx512_<name>_amd64.h.
//
// Non-temporal stores: with nt set (the Go wrapper sets it when a vector
// is larger than any cache), the vector that is only written (saved in
// the perturbation kernels, w in the restore kernels) is stored with
// VMOVNTP, which skips the read-for-ownership a normal store costs and so
// saves one vector of memory traffic per kernel. VMOVNT needs 64-byte
// alignment: a masked head first brings that pointer to a 64-byte
// boundary (HEAD elements, at most one vector, fewer if the vector is
// shorter), then the tail mask is set again for what is left. An SFENCE
// orders the stores before the kernel returns, as memmove does.

// Registers of every routine here.
#define W_PTR  SI  // w
#define N      R13 // len(w)
#define G_PTR  DI  // g
#define S_PTR  R8  // saved
#define M_PTR  R9  // m (the restores)
#define V_PTR  R10 // v (AdamW)
#define I      AX  // the element index
#define NEXT   CX  // I plus a block, against N;
                   // also MASK's count
#define NT     R12 // the nt flag
#define HEAD   R14 // the length of the aligning head

// perturbSave, perturbSave32: saved[i] = w[i]; w[i] = fma(s, g[i], w[i]).
// Z15 holds s. Two vectors per iteration, then one, then the
// masked tail. With nt set, saved is written with VMOVNTP in a loop of
// its own after a masked head that aligns it (HEAD elements).

#include "f64_amd64.h"

// func perturbSaveAVX512(w, g, saved []float64, s float64, nt bool)
TEXT ·perturbSaveAVX512(SB), NOSPLIT, $0-81
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSD s+72(FP), Z15
	MOVBLZX      nt+80(FP), NT
#include "fused_avx512_perturbsave_amd64.h"
	RET

#include "f32_amd64.h"

// func perturbSave32AVX512(w, g, saved []float32, s float32, nt bool)
TEXT ·perturbSave32AVX512(SB), NOSPLIT, $0-77
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSS s+72(FP), Z15
	MOVBLZX      nt+76(FP), NT
#include "fused_avx512_perturbsave_amd64.h"
	RET

// asamPerturbSave, asamPerturbSave32: saved[i] = w[i]; t = |w[i]| + eta;
// w[i] = fma(s, (t·t)·g[i], w[i]), each product rounded. Z31 is the sign
// mask (all bits but the sign), Z14 eta, Z15 s. Two vectors per
// iteration, then one, then the masked tail; with nt, saved streams
// after an aligning head, as in perturbSave.

#include "f64_amd64.h"

// func asamPerturbSaveAVX512(w, g, saved []float64, eta, s float64, nt bool)
TEXT ·asamPerturbSaveAVX512(SB), NOSPLIT, $0-89
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSD eta+72(FP), Z14
	VBROADCASTSD s+80(FP), Z15
	MOVBLZX      nt+88(FP), NT
#include "fused_avx512_asamperturbsave_amd64.h"
	RET

#include "f32_amd64.h"

// func asamPerturbSave32AVX512(w, g, saved []float32, eta, s float32, nt bool)
TEXT ·asamPerturbSave32AVX512(SB), NOSPLIT, $0-81
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         saved_base+48(FP), S_PTR
	VBROADCASTSS eta+72(FP), Z14
	VBROADCASTSS s+76(FP), Z15
	MOVBLZX      nt+80(FP), NT
#include "fused_avx512_asamperturbsave_amd64.h"
	RET

// sgdRestore, sgdRestore32: the operation sequence of ref.SGDRestore from
// the saved weights s = saved[i]: gg = fma(l2, s, g), m = fma(mu, m, gg),
// u = fma(cm, m, cg·gg), w = fma(nlr, u, keep·s). Z10..Z15 hold nlr, mu,
// l2, cm, cg, keep. Two vectors per iteration, then one, then the masked
// tail; with nt, w (which is only written) streams after a masked head
// that aligns it.

#include "f64_amd64.h"

// func sgdRestoreAVX512(w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, nt bool)
TEXT ·sgdRestoreAVX512(SB), NOSPLIT, $0-145
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	VBROADCASTSD nlr+96(FP), Z10
	VBROADCASTSD mu+104(FP), Z11
	VBROADCASTSD l2+112(FP), Z12
	VBROADCASTSD cm+120(FP), Z13
	VBROADCASTSD cg+128(FP), Z14
	VBROADCASTSD keep+136(FP), Z15
	MOVBLZX      nt+144(FP), NT
#include "fused_avx512_sgdrestore_amd64.h"
	RET

#include "f32_amd64.h"

// func sgdRestore32AVX512(w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, nt bool)
TEXT ·sgdRestore32AVX512(SB), NOSPLIT, $0-121
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	VBROADCASTSS nlr+96(FP), Z10
	VBROADCASTSS mu+100(FP), Z11
	VBROADCASTSS l2+104(FP), Z12
	VBROADCASTSS cm+108(FP), Z13
	VBROADCASTSS cg+112(FP), Z14
	VBROADCASTSS keep+116(FP), Z15
	MOVBLZX      nt+120(FP), NT
#include "fused_avx512_sgdrestore_amd64.h"
	RET

// adamWRestore, adamWRestore32: the operation sequence of
// ref.AdamWRestore: m = fma(b1, m, omb1·g), v = fma(b2, v, (omb2·g)·g),
// den = fma(sqrt(v), rc2, eps), w = fma(step, m/den, keep·saved). Z16..Z23
// hold b1, omb1, b2, omb2, rc2, eps, step, keep. Two vectors per
// iteration, then one, then the masked tail; with nt, w streams after a
// masked head that aligns it.

#include "f64_amd64.h"

// func adamWRestoreAVX512(w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, nt bool)
TEXT ·adamWRestoreAVX512(SB), NOSPLIT, $0-185
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	MOVQ         v_base+96(FP), V_PTR
	VBROADCASTSD b1+120(FP), Z16
	VBROADCASTSD omb1+128(FP), Z17
	VBROADCASTSD b2+136(FP), Z18
	VBROADCASTSD omb2+144(FP), Z19
	VBROADCASTSD rc2+152(FP), Z20
	VBROADCASTSD eps+160(FP), Z21
	VBROADCASTSD step+168(FP), Z22
	VBROADCASTSD keep+176(FP), Z23
	MOVBLZX      nt+184(FP), NT
#include "fused_avx512_adamwrestore_amd64.h"
	RET

#include "f32_amd64.h"

// func adamWRestore32AVX512(w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, nt bool)
TEXT ·adamWRestore32AVX512(SB), NOSPLIT, $0-153
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         m_base+72(FP), M_PTR
	MOVQ         v_base+96(FP), V_PTR
	VBROADCASTSS b1+120(FP), Z16
	VBROADCASTSS omb1+124(FP), Z17
	VBROADCASTSS b2+128(FP), Z18
	VBROADCASTSS omb2+132(FP), Z19
	VBROADCASTSS rc2+136(FP), Z20
	VBROADCASTSS eps+140(FP), Z21
	VBROADCASTSS step+144(FP), Z22
	VBROADCASTSS keep+148(FP), Z23
	MOVBLZX      nt+152(FP), NT
#include "fused_avx512_adamwrestore_amd64.h"
	RET

// asamSumSq, asamSumSq32: X0 = Σ t[i]² with t = (|w[i]|+eta)·g[i], the
// terms rounded as ref.ASAMTerms says, summed in float64 for both types:
// asamSumSq32 widens w and g to float64 as it loads them and rounds
// |w|+eta to float32 (so t is exact in float64). ABS (Z31) is the sign
// mask, ETA (Z14) eta. Four vectors of eight terms per iteration (g in
// Z16..Z19), squared with an FMA into Z0..Z3; then one vector; then the
// masked tail into Z1; then ((0+1)+(2+3)) and the lanes.
#define ABS  Z31
#define ETA  Z14
#define ETA1 X14

#include "f64_amd64.h"
#define WELEM 8
#define WLOAD(d, r) VMOVUPD (d*VEC)(W_PTR)(I*8), r
#define GLOAD(d, r) VMOVUPD (d*VEC)(G_PTR)(I*8), r
#define WLOADZ VMOVUPD.Z
#define GLOADZ VMOVUPD.Z
#define ROUND(z, y)

// func asamSumSqAVX512(w, g []float64, eta float64) float64
TEXT ·asamSumSqAVX512(SB), NOSPLIT, $0-64
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	VBROADCASTSD eta+48(FP), ETA
#include "fused_avx512_asamsumsq_amd64.h"
	MOVSD X0, ret+56(FP)
	RET

#undef WELEM
#undef WLOAD
#undef GLOAD
#undef WLOADZ
#undef GLOADZ
#undef ROUND
#define WELEM 4
#define WLOAD(d, r) VCVTPS2PD (d*VEC/2)(W_PTR)(I*4), r
#define GLOAD(d, r) VCVTPS2PD (d*VEC/2)(G_PTR)(I*4), r
#define WLOADZ VCVTPS2PD.Z
#define GLOADZ VCVTPS2PD.Z
#define ROUND(z, y) \
	VCVTPD2PS z, y \
	VCVTPS2PD y, z

// func asamSumSq32AVX512(w, g []float32, eta float32) float64
TEXT ·asamSumSq32AVX512(SB), NOSPLIT, $0-64
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	VCVTSS2SD    eta+48(FP), ETA1, ETA1
	VBROADCASTSD ETA1, ETA
#include "fused_avx512_asamsumsq_amd64.h"
	MOVSD X0, ret+56(FP)
	RET
