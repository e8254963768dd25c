//go:build !purego && !noasm

#include "textflag.h"
#include "avx512_amd64.h"

// The SAM variants' fused kernels for AVX-512 F (conventions in
// avx512_amd64.h; the sequences in variants.go, the references in
// variants_generic.go). Each kernel's extras (flags, variants.go) select,
// once per call, one of several copies of its loops, each the body of the
// fused kernel it extends compiled with the extras it needs (#ifdef in the
// body), so the hot loops test no flag. The entry loads the registers and
// jumps to its copy, a static routine that returns to the caller.
// Non-temporal stores as in fused_avx512_amd64.s: with nt, the vector that
// is only written streams after a masked head that aligns it, and with
// flNT2 the second such vector too (the Go wrapper sets flNT2 only when
// that vector has the first one's address modulo 64, so the same head
// aligns both).

// The bits of flags (variants.go; TestVariantFlags checks them).
#define FL_ZEROG  1
#define FL_ZEROG2 2
#define FL_G2     4
#define FL_C      8
#define FL_KEEP   16
#define FL_NT2    32

// Registers of every routine here (those of fused_avx512_amd64.s, and
// more).
#define W_PTR  SI  // w
#define N      R13 // len(w)
#define G_PTR  DI  // g
#define S_PTR  R8  // saved
#define K_PTR  R11 // keep
#define I      AX  // the element index
#define NEXT   CX  // I plus a block, against N;
                   // also MASK's count
#define NT     R12 // the nt flag
#define HEAD   R14 // the length of the aligning head
#define FLAGS  DX  // flags

// perturb, perturb32: perturbSave's loops (fused_avx512_perturbsave_amd64.h)
// with keep[i] = g[i] (flKeep; streamed with saved if flNT2) and g[i] = 0
// (flZeroG, from Z14 = 0) after g is read. Z15 holds s. With neither flag
// the loops are perturbSave's (the same instructions), so Perturb then
// gives PerturbSave's bits.

// PERTURB_ENTRY(none, z, k, kz, kn, knz) loads the registers and jumps to
// the loops for flags: without extras, zeroing, keeping, keeping and
// zeroing, and the last two with keep streamed.
#define PERTURB_ENTRY(none, z, k, kz, kn, knz) \
	MOVQ    w_base+0(FP), W_PTR      \
	MOVQ    w_len+8(FP), N           \
	MOVQ    g_base+24(FP), G_PTR     \
	MOVQ    saved_base+48(FP), S_PTR \
	MOVQ    keep_base+72(FP), K_PTR  \
	MOVQ    flags+104(FP), FLAGS     \
	MOVBLZX nt+112(FP), NT           \
	VXORPD  Y14, Y14, Y14            \
	TESTQ   $FL_KEEP, FLAGS          \
	JNZ     keep                     \
	TESTQ   $FL_ZEROG, FLAGS         \
	JNZ     zero                     \
	JMP     none(SB)                 \
zero:                                \
	JMP     z(SB)                    \
keep:                                \
	TESTQ   $FL_NT2, FLAGS           \
	JNZ     keepnt                   \
	TESTQ   $FL_ZEROG, FLAGS         \
	JNZ     keepzero                 \
	JMP     k(SB)                    \
keepzero:                            \
	JMP     kz(SB)                   \
keepnt:                              \
	TESTQ   $FL_ZEROG, FLAGS         \
	JNZ     keepntzero               \
	JMP     kn(SB)                   \
keepntzero:                          \
	JMP     knz(SB)

#include "f64_amd64.h"

// func perturbAVX512(w, g, saved, keep []float64, s float64, flags int, nt bool)
TEXT ·perturbAVX512(SB), NOSPLIT, $0-113
	VBROADCASTSD s+96(FP), Z15
	PERTURB_ENTRY(perturb64<>, perturb64_z<>, perturb64_k<>, perturb64_kz<>, perturb64_kn<>, perturb64_knz<>)

TEXT perturb64<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT perturb64_z<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#define PERTURB_KEEP
TEXT perturb64_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#define PERTURB_KEEP_NT
TEXT perturb64_knz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#undef PERTURB_ZERO
TEXT perturb64_kn<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#undef PERTURB_KEEP_NT
TEXT perturb64_k<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

#include "f32_amd64.h"

// func perturb32AVX512(w, g, saved, keep []float32, s float32, flags int, nt bool)
TEXT ·perturb32AVX512(SB), NOSPLIT, $0-113
	VBROADCASTSS s+96(FP), Z15
	PERTURB_ENTRY(perturb32<>, perturb32_z<>, perturb32_k<>, perturb32_kz<>, perturb32_kn<>, perturb32_knz<>)

TEXT perturb32<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT perturb32_z<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#define PERTURB_KEEP
TEXT perturb32_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#define PERTURB_KEEP_NT
TEXT perturb32_knz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#undef PERTURB_ZERO
TEXT perturb32_kn<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET

#undef PERTURB_KEEP_NT
TEXT perturb32_k<>(SB), NOSPLIT, $0-0
#include "fused_avx512_perturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

// sgdStep, sgdStep32: sgdRestore's sequence from d = a·g (+ b·g2 with
// flG2), then w = fma(c, g2 − g, w) with flC and the zeroing of g and g2
// (flZeroG, flZeroG2), returning Σ m² in float64; body
// variants_avx512_sgdstep_amd64.h, with sgdRestore's structure: two
// vectors per iteration, one, the masked tail, and with nt w streamed
// after an aligning head. Z20..Z22 hold a, b, c and Z10..Z15 nlr, mu, l2,
// cm, cg, keep. The entry picks one of ten copies of the loops: flZeroG2
// and flC come only with flG2 (stepFlags).
#define G2_PTR R10 // g2
#define M_PTR  R9  // m

#include "f64_amd64.h"

// func sgdStepAVX512(w, saved, g, g2, m []float64, a, b, c, nlr, mu, l2, cm, cg, keep float64, flags int, nt bool) float64
TEXT ·sgdStepAVX512(SB), NOSPLIT, $0-216
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	VBROADCASTSD a+120(FP), Z20
	VBROADCASTSD b+128(FP), Z21
	VBROADCASTSD c+136(FP), Z22
	VBROADCASTSD nlr+144(FP), Z10
	VBROADCASTSD mu+152(FP), Z11
	VBROADCASTSD l2+160(FP), Z12
	VBROADCASTSD cm+168(FP), Z13
	VBROADCASTSD cg+176(FP), Z14
	VBROADCASTSD keep+184(FP), Z15
	MOVQ         flags+192(FP), FLAGS
	MOVBLZX      nt+200(FP), NT
	ANDQ         $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMPQ         FLAGS, $1
	JEQ          f1
	CMPQ         FLAGS, $4
	JEQ          f4
	CMPQ         FLAGS, $5
	JEQ          f5
	CMPQ         FLAGS, $6
	JEQ          f6
	CMPQ         FLAGS, $7
	JEQ          f7
	CMPQ         FLAGS, $12
	JEQ          f12
	CMPQ         FLAGS, $13
	JEQ          f13
	CMPQ         FLAGS, $14
	JEQ          f14
	CMPQ         FLAGS, $15
	JEQ          f15
	JMP          sgd64_0<>(SB)
f1:
	JMP          sgd64_1<>(SB)
f4:
	JMP          sgd64_4<>(SB)
f5:
	JMP          sgd64_5<>(SB)
f6:
	JMP          sgd64_6<>(SB)
f7:
	JMP          sgd64_7<>(SB)
f12:
	JMP          sgd64_12<>(SB)
f13:
	JMP          sgd64_13<>(SB)
f14:
	JMP          sgd64_14<>(SB)
f15:
	JMP          sgd64_15<>(SB)

// no extras
TEXT sgd64_0<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT sgd64_1<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT sgd64_4<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT sgd64_5<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT sgd64_6<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT sgd64_7<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT sgd64_12<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT sgd64_13<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT sgd64_14<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG+STEP_ZG2
TEXT sgd64_15<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


#include "f32_amd64.h"

// func sgdStep32AVX512(w, saved, g, g2, m []float32, a, b, c, nlr, mu, l2, cm, cg, keep float32, flags int, nt bool) float64
TEXT ·sgdStep32AVX512(SB), NOSPLIT, $0-184
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	VBROADCASTSS a+120(FP), Z20
	VBROADCASTSS b+124(FP), Z21
	VBROADCASTSS c+128(FP), Z22
	VBROADCASTSS nlr+132(FP), Z10
	VBROADCASTSS mu+136(FP), Z11
	VBROADCASTSS l2+140(FP), Z12
	VBROADCASTSS cm+144(FP), Z13
	VBROADCASTSS cg+148(FP), Z14
	VBROADCASTSS keep+152(FP), Z15
	MOVQ         flags+160(FP), FLAGS
	MOVBLZX      nt+168(FP), NT
	ANDQ         $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMPQ         FLAGS, $1
	JEQ          f1
	CMPQ         FLAGS, $4
	JEQ          f4
	CMPQ         FLAGS, $5
	JEQ          f5
	CMPQ         FLAGS, $6
	JEQ          f6
	CMPQ         FLAGS, $7
	JEQ          f7
	CMPQ         FLAGS, $12
	JEQ          f12
	CMPQ         FLAGS, $13
	JEQ          f13
	CMPQ         FLAGS, $14
	JEQ          f14
	CMPQ         FLAGS, $15
	JEQ          f15
	JMP          sgd32_0<>(SB)
f1:
	JMP          sgd32_1<>(SB)
f4:
	JMP          sgd32_4<>(SB)
f5:
	JMP          sgd32_5<>(SB)
f6:
	JMP          sgd32_6<>(SB)
f7:
	JMP          sgd32_7<>(SB)
f12:
	JMP          sgd32_12<>(SB)
f13:
	JMP          sgd32_13<>(SB)
f14:
	JMP          sgd32_14<>(SB)
f15:
	JMP          sgd32_15<>(SB)

// no extras
TEXT sgd32_0<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT sgd32_1<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT sgd32_4<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT sgd32_5<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT sgd32_6<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT sgd32_7<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT sgd32_12<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT sgd32_13<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT sgd32_14<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG+STEP_ZG2
TEXT sgd32_15<>(SB), NOSPLIT, $0-0
#include "variants_avx512_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


// adamWStep, adamWStep32: adamWRestore's sequence from d = a·g (+ b·g2
// with flG2), then w = fma(c, g2 − g, w) with flC and the zeroing of g and
// g2 (flZeroG, flZeroG2), returning Σ m² in float64; body
// variants_avx512_adamwstep_amd64.h, with adamWRestore's structure (two
// vectors per iteration, one, the masked tail; with nt, w streamed after
// an aligning head). Z24..Z26 hold a, b, c and Z16..Z23 b1, omb1, b2, omb2,
// rc2, eps, step, keep. One of ten copies of the loops, as for sgdStep.
#define V_PTR  BX  // v

#include "f64_amd64.h"

// func adamWStepAVX512(w, saved, g, g2, m, v []float64, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float64, flags int, nt bool) float64
TEXT ·adamWStepAVX512(SB), NOSPLIT, $0-256
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	MOVQ         v_base+120(FP), V_PTR
	VBROADCASTSD a+144(FP), Z24
	VBROADCASTSD b+152(FP), Z25
	VBROADCASTSD c+160(FP), Z26
	VBROADCASTSD b1+168(FP), Z16
	VBROADCASTSD omb1+176(FP), Z17
	VBROADCASTSD b2+184(FP), Z18
	VBROADCASTSD omb2+192(FP), Z19
	VBROADCASTSD rc2+200(FP), Z20
	VBROADCASTSD eps+208(FP), Z21
	VBROADCASTSD step+216(FP), Z22
	VBROADCASTSD keep+224(FP), Z23
	MOVQ         flags+232(FP), FLAGS
	MOVBLZX      nt+240(FP), NT
	ANDQ         $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMPQ         FLAGS, $1
	JEQ          f1
	CMPQ         FLAGS, $4
	JEQ          f4
	CMPQ         FLAGS, $5
	JEQ          f5
	CMPQ         FLAGS, $6
	JEQ          f6
	CMPQ         FLAGS, $7
	JEQ          f7
	CMPQ         FLAGS, $12
	JEQ          f12
	CMPQ         FLAGS, $13
	JEQ          f13
	CMPQ         FLAGS, $14
	JEQ          f14
	CMPQ         FLAGS, $15
	JEQ          f15
	JMP          adam64_0<>(SB)
f1:
	JMP          adam64_1<>(SB)
f4:
	JMP          adam64_4<>(SB)
f5:
	JMP          adam64_5<>(SB)
f6:
	JMP          adam64_6<>(SB)
f7:
	JMP          adam64_7<>(SB)
f12:
	JMP          adam64_12<>(SB)
f13:
	JMP          adam64_13<>(SB)
f14:
	JMP          adam64_14<>(SB)
f15:
	JMP          adam64_15<>(SB)

// no extras
TEXT adam64_0<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT adam64_1<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT adam64_4<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT adam64_5<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT adam64_6<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT adam64_7<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT adam64_12<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT adam64_13<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT adam64_14<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG+STEP_ZG2
TEXT adam64_15<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


#include "f32_amd64.h"

// func adamWStep32AVX512(w, saved, g, g2, m, v []float32, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float32, flags int, nt bool) float64
TEXT ·adamWStep32AVX512(SB), NOSPLIT, $0-216
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	MOVQ         v_base+120(FP), V_PTR
	VBROADCASTSS a+144(FP), Z24
	VBROADCASTSS b+148(FP), Z25
	VBROADCASTSS c+152(FP), Z26
	VBROADCASTSS b1+156(FP), Z16
	VBROADCASTSS omb1+160(FP), Z17
	VBROADCASTSS b2+164(FP), Z18
	VBROADCASTSS omb2+168(FP), Z19
	VBROADCASTSS rc2+172(FP), Z20
	VBROADCASTSS eps+176(FP), Z21
	VBROADCASTSS step+180(FP), Z22
	VBROADCASTSS keep+184(FP), Z23
	MOVQ         flags+192(FP), FLAGS
	MOVBLZX      nt+200(FP), NT
	ANDQ         $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMPQ         FLAGS, $1
	JEQ          f1
	CMPQ         FLAGS, $4
	JEQ          f4
	CMPQ         FLAGS, $5
	JEQ          f5
	CMPQ         FLAGS, $6
	JEQ          f6
	CMPQ         FLAGS, $7
	JEQ          f7
	CMPQ         FLAGS, $12
	JEQ          f12
	CMPQ         FLAGS, $13
	JEQ          f13
	CMPQ         FLAGS, $14
	JEQ          f14
	CMPQ         FLAGS, $15
	JEQ          f15
	JMP          adam32_0<>(SB)
f1:
	JMP          adam32_1<>(SB)
f4:
	JMP          adam32_4<>(SB)
f5:
	JMP          adam32_5<>(SB)
f6:
	JMP          adam32_6<>(SB)
f7:
	JMP          adam32_7<>(SB)
f12:
	JMP          adam32_12<>(SB)
f13:
	JMP          adam32_13<>(SB)
f14:
	JMP          adam32_14<>(SB)
f15:
	JMP          adam32_15<>(SB)

// no extras
TEXT adam32_0<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT adam32_1<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT adam32_4<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT adam32_5<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT adam32_6<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT adam32_7<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT adam32_12<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT adam32_13<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT adam32_14<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG+STEP_ZG2
TEXT adam32_15<>(SB), NOSPLIT, $0-0
#include "variants_avx512_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


// asamPerturb, asamPerturb32: asamPerturbSave's loops
// (fused_avx512_asamperturbsave_amd64.h) with keep[i] = g[i] (flKeep;
// streamed with saved if flNT2) and g[i] = 0 (flZeroG, from Z30 = 0) after
// g is read; Z14 eta, Z15 s. With neither flag the loops are
// asamPerturbSave's, as for perturb.

// ASAM_ENTRY(none, z, k, kz, kn, knz) loads the registers and jumps to the
// loops for flags, as PERTURB_ENTRY.
#define ASAM_ENTRY(none, z, k, kz, kn, knz) \
	MOVQ    w_base+0(FP), W_PTR      \
	MOVQ    w_len+8(FP), N           \
	MOVQ    g_base+24(FP), G_PTR     \
	MOVQ    saved_base+48(FP), S_PTR \
	MOVQ    keep_base+72(FP), K_PTR  \
	MOVQ    FLAGS_ARG, FLAGS         \
	MOVBLZX NT_ARG, NT               \
	TESTQ   $FL_KEEP, FLAGS          \
	JNZ     keep                     \
	TESTQ   $FL_ZEROG, FLAGS         \
	JNZ     zero                     \
	JMP     none(SB)                 \
zero:                                \
	JMP     z(SB)                    \
keep:                                \
	TESTQ   $FL_NT2, FLAGS           \
	JNZ     keepnt                   \
	TESTQ   $FL_ZEROG, FLAGS         \
	JNZ     keepzero                 \
	JMP     k(SB)                    \
keepzero:                            \
	JMP     kz(SB)                   \
keepnt:                              \
	TESTQ   $FL_ZEROG, FLAGS         \
	JNZ     keepntzero               \
	JMP     kn(SB)                   \
keepntzero:                          \
	JMP     knz(SB)

#define FLAGS_ARG flags+112(FP)
#define NT_ARG nt+120(FP)
#include "f64_amd64.h"

// func asamPerturbAVX512(w, g, saved, keep []float64, eta, s float64, flags int, nt bool)
TEXT ·asamPerturbAVX512(SB), NOSPLIT, $0-121
	VBROADCASTSD eta+96(FP), Z14
	VBROADCASTSD s+104(FP), Z15
	VPXORQ       Z30, Z30, Z30
	ASAM_ENTRY(asam64<>, asam64_z<>, asam64_k<>, asam64_kz<>, asam64_kn<>, asam64_knz<>)

TEXT asam64<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT asam64_z<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_ZERO

#define PERTURB_KEEP
TEXT asam64_k<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

#define PERTURB_KEEP
#define PERTURB_ZERO
TEXT asam64_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_ZERO

#define PERTURB_KEEP
#define PERTURB_KEEP_NT
TEXT asam64_kn<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_KEEP_NT

#define PERTURB_KEEP
#define PERTURB_KEEP_NT
#define PERTURB_ZERO
TEXT asam64_knz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_KEEP_NT
#undef PERTURB_ZERO

#undef FLAGS_ARG
#undef NT_ARG

#define FLAGS_ARG flags+104(FP)
#define NT_ARG nt+112(FP)
#include "f32_amd64.h"

// func asamPerturb32AVX512(w, g, saved, keep []float32, eta, s float32, flags int, nt bool)
TEXT ·asamPerturb32AVX512(SB), NOSPLIT, $0-113
	VBROADCASTSS eta+96(FP), Z14
	VBROADCASTSS s+100(FP), Z15
	VPXORQ       Z30, Z30, Z30
	ASAM_ENTRY(asam32<>, asam32_z<>, asam32_k<>, asam32_kz<>, asam32_kn<>, asam32_knz<>)

TEXT asam32<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT asam32_z<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_ZERO

#define PERTURB_KEEP
TEXT asam32_k<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

#define PERTURB_KEEP
#define PERTURB_ZERO
TEXT asam32_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_ZERO

#define PERTURB_KEEP
#define PERTURB_KEEP_NT
TEXT asam32_kn<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_KEEP_NT

#define PERTURB_KEEP
#define PERTURB_KEEP_NT
#define PERTURB_ZERO
TEXT asam32_knz<>(SB), NOSPLIT, $0-0
#include "fused_avx512_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_KEEP_NT
#undef PERTURB_ZERO

#undef FLAGS_ARG
#undef NT_ARG

// diffSumSq, diffSumSq32: Σ d² with d = fma(nsigma, m[i], g[i]) rounded to
// the element type, in float64 (two accumulators, Z16 and Z17; the masked tail zeroes the lanes outside its mask first); Z15 holds nsigma. Two vectors
// per iteration, then one, then the masked tail.
// combineSumSq, combineSumSq32: dst[i] = d = fma(b, y[i], a·x[i]) and
// Σ d² likewise; Z14 holds a, Z15 b. dst may be x or y: each element is
// read before it is written.
#define X_PTR  SI  // g (diffSumSq), x (combineSumSq)
#define Y_PTR  DI  // m, y
#define D_PTR  R8  // dst

#include "f64_amd64.h"

// func diffSumSqAVX512(g, m []float64, nsigma float64) float64
TEXT ·diffSumSqAVX512(SB), NOSPLIT, $0-64
	MOVQ         g_base+0(FP), X_PTR
	MOVQ         g_len+8(FP), N
	MOVQ         m_base+24(FP), Y_PTR
	VBROADCASTSD nsigma+48(FP), Z15
#include "variants_avx512_diffsumsq_amd64.h"
	MOVSD        X0, ret+56(FP)
	RET

// func combineSumSqAVX512(dst, x, y []float64, a, b float64) float64
TEXT ·combineSumSqAVX512(SB), NOSPLIT, $0-96
	MOVQ         dst_base+0(FP), D_PTR
	MOVQ         dst_len+8(FP), N
	MOVQ         x_base+24(FP), X_PTR
	MOVQ         y_base+48(FP), Y_PTR
	VBROADCASTSD a+72(FP), Z14
	VBROADCASTSD b+80(FP), Z15
#include "variants_avx512_combinesumsq_amd64.h"
	MOVSD        X0, ret+88(FP)
	RET

#include "f32_amd64.h"

// func diffSumSq32AVX512(g, m []float32, nsigma float32) float64
TEXT ·diffSumSq32AVX512(SB), NOSPLIT, $0-64
	MOVQ         g_base+0(FP), X_PTR
	MOVQ         g_len+8(FP), N
	MOVQ         m_base+24(FP), Y_PTR
	VBROADCASTSS nsigma+48(FP), Z15
#include "variants_avx512_diffsumsq_amd64.h"
	MOVSD        X0, ret+56(FP)
	RET

// func combineSumSq32AVX512(dst, x, y []float32, a, b float32) float64
TEXT ·combineSumSq32AVX512(SB), NOSPLIT, $0-88
	MOVQ         dst_base+0(FP), D_PTR
	MOVQ         dst_len+8(FP), N
	MOVQ         x_base+24(FP), X_PTR
	MOVQ         y_base+48(FP), Y_PTR
	VBROADCASTSS a+72(FP), Z14
	VBROADCASTSS b+76(FP), Z15
#include "variants_avx512_combinesumsq_amd64.h"
	MOVSD        X0, ret+80(FP)
	RET

// dotPairWide32: x·a and x·b with each float32 widened to float64 as it is
// loaded (VCVTPS2PD), the products exact and the sums in float64: sixteen
// elements per iteration into Z16, Z17 (x·a) and Z18, Z19 (x·b), then
// eight, then a masked tail of up to seven (the masked loads zero the
// lanes outside the mask, whose products are then +0); each pair folded at
// the end. x, a and b are only read.
#define XW_PTR SI  // x
#define AW_PTR DI  // a
#define BW_PTR R8  // b

// func dotPairWide32AVX512(x, a, b []float32) (float64, float64)
TEXT ·dotPairWide32AVX512(SB), NOSPLIT, $0-88
	MOVQ        x_base+0(FP), XW_PTR
	MOVQ        x_len+8(FP), N
	MOVQ        a_base+24(FP), AW_PTR
	MOVQ        b_base+48(FP), BW_PTR
	VPXORQ      Z16, Z16, Z16
	VPXORQ      Z17, Z17, Z17
	VPXORQ      Z18, Z18, Z18
	VPXORQ      Z19, Z19, Z19
	MOVQ        N, NEXT
	ANDQ        $7, NEXT
	MASK
	XORQ        I, I
sixteen:
	LEAQ        16(I), NEXT
	CMPQ        NEXT, N
	JA          eight
	VCVTPS2PD   (XW_PTR)(I*4), Z0
	VCVTPS2PD   32(XW_PTR)(I*4), Z1
	VCVTPS2PD   (AW_PTR)(I*4), Z2
	VCVTPS2PD   32(AW_PTR)(I*4), Z3
	VCVTPS2PD   (BW_PTR)(I*4), Z4
	VCVTPS2PD   32(BW_PTR)(I*4), Z5
	VFMADD231PD Z2, Z0, Z16
	VFMADD231PD Z3, Z1, Z17
	VFMADD231PD Z4, Z0, Z18
	VFMADD231PD Z5, Z1, Z19
	ADDQ        $16, I
	JMP         sixteen
eight:
	LEAQ        8(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VCVTPS2PD   (XW_PTR)(I*4), Z0
	VCVTPS2PD   (AW_PTR)(I*4), Z2
	VCVTPS2PD   (BW_PTR)(I*4), Z4
	VFMADD231PD Z2, Z0, Z16
	VFMADD231PD Z4, Z0, Z18
	ADDQ        $8, I
tail:
	CMPQ        I, N
	JAE         done
	VMOVUPS.Z   (XW_PTR)(I*4), K1, Z0
	VMOVUPS.Z   (AW_PTR)(I*4), K1, Z2
	VMOVUPS.Z   (BW_PTR)(I*4), K1, Z4
	VCVTPS2PD   Y0, Z0
	VCVTPS2PD   Y2, Z2
	VCVTPS2PD   Y4, Z4
	VFMADD231PD Z2, Z0, Z16
	VFMADD231PD Z4, Z0, Z18
done:
	VADDPD        Z17, Z16, Z1
	VEXTRACTF64X4 $1, Z1, Y0
	VADDPD        Y0, Y1, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VPERMILPD     $1, X0, X1
	VADDSD        X1, X0, X0
	VADDPD        Z19, Z18, Z3
	VEXTRACTF64X4 $1, Z3, Y2
	VADDPD        Y2, Y3, Y2
	VEXTRACTF128  $1, Y2, X3
	VADDPD        X3, X2, X2
	VPERMILPD     $1, X2, X3
	VADDSD        X3, X2, X2
	VZEROUPPER
	MOVSD        X0, ret+72(FP)
	MOVSD        X2, ret1+80(FP)
	RET

// fsamPerturb, fsamPerturb32: saved[i] = w[i]; d = fma(nsigma, m[i], g[i]);
// w[i] = fma(s, d, w[i]); next[i] = fma(lambda, m[i], oml·g[i]); g[i] = 0
// with flZeroG (body variants_avx512_fsamperturb_amd64.h, one copy per
// flag combination, and with flNT2 next streamed with saved).
// Z12..15 hold s, nsigma, lambda, oml.
#undef X_PTR
#undef Y_PTR
#undef D_PTR
#define NX_PTR R10 // next (W_PTR, G_PTR, M_PTR, S_PTR as defined above)

#include "f64_amd64.h"

// func fsamPerturbAVX512(w, g, m, saved, next []float64, s, nsigma, lambda, oml float64, flags int, nt bool)
TEXT ·fsamPerturbAVX512(SB), NOSPLIT, $0-161
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         m_base+48(FP), M_PTR
	MOVQ         saved_base+72(FP), S_PTR
	MOVQ         next_base+96(FP), NX_PTR
	VBROADCASTSD s+120(FP), Z12
	VBROADCASTSD nsigma+128(FP), Z13
	VBROADCASTSD lambda+136(FP), Z14
	VBROADCASTSD oml+144(FP), Z15
	MOVQ         flags+152(FP), FLAGS
	MOVBLZX      nt+160(FP), NT
	VPXORQ       Z31, Z31, Z31
	TESTQ        $FL_NT2, FLAGS
	JNZ          nt2
	TESTQ        $FL_ZEROG, FLAGS
	JNZ          zero
	JMP          fsam64<>(SB)
zero:
	JMP          fsam64_z<>(SB)
nt2:
	TESTQ        $FL_ZEROG, FLAGS
	JNZ          nt2zero
	JMP          fsam64_n<>(SB)
nt2zero:
	JMP          fsam64_nz<>(SB)

TEXT fsam64<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET

#define FSAM_ZERO
TEXT fsam64_z<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET
#undef FSAM_ZERO

#define FSAM_NEXT_NT
TEXT fsam64_n<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET
#undef FSAM_NEXT_NT

#define FSAM_NEXT_NT
#define FSAM_ZERO
TEXT fsam64_nz<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET
#undef FSAM_NEXT_NT
#undef FSAM_ZERO


#include "f32_amd64.h"

// func fsamPerturb32AVX512(w, g, m, saved, next []float32, s, nsigma, lambda, oml float32, flags int, nt bool)
TEXT ·fsamPerturb32AVX512(SB), NOSPLIT, $0-145
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         m_base+48(FP), M_PTR
	MOVQ         saved_base+72(FP), S_PTR
	MOVQ         next_base+96(FP), NX_PTR
	VBROADCASTSS s+120(FP), Z12
	VBROADCASTSS nsigma+124(FP), Z13
	VBROADCASTSS lambda+128(FP), Z14
	VBROADCASTSS oml+132(FP), Z15
	MOVQ         flags+136(FP), FLAGS
	MOVBLZX      nt+144(FP), NT
	VPXORQ       Z31, Z31, Z31
	TESTQ        $FL_NT2, FLAGS
	JNZ          nt2
	TESTQ        $FL_ZEROG, FLAGS
	JNZ          zero
	JMP          fsam32<>(SB)
zero:
	JMP          fsam32_z<>(SB)
nt2:
	TESTQ        $FL_ZEROG, FLAGS
	JNZ          nt2zero
	JMP          fsam32_n<>(SB)
nt2zero:
	JMP          fsam32_nz<>(SB)

TEXT fsam32<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET

#define FSAM_ZERO
TEXT fsam32_z<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET
#undef FSAM_ZERO

#define FSAM_NEXT_NT
TEXT fsam32_n<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET
#undef FSAM_NEXT_NT

#define FSAM_NEXT_NT
#define FSAM_ZERO
TEXT fsam32_nz<>(SB), NOSPLIT, $0-0
#include "variants_avx512_fsamperturb_amd64.h"
	RET
#undef FSAM_NEXT_NT
#undef FSAM_ZERO

