//go:build !purego && !noasm

#include "textflag.h"
#include "avx2_amd64.h"

// The SAM variants' fused kernels for AVX2 + FMA3 (conventions in
// avx2_amd64.h; the sequences in variants.go, the references in
// variants_generic.go). Each kernel's extras (flags, variants.go) select,
// once per call, one of several copies of its loops, each the body of the
// fused kernel it extends compiled with the extras it needs (#ifdef in the
// body), so the hot loops test no flag. The entry loads the registers and
// jumps to its copy, a static routine that returns to the caller. With nt,
// the vector each kernel only writes (saved in the perturbations, w in the
// steps) is stored with non-temporal stores after a head that aligns it,
// as in fused_avx2_amd64.s; the second one of flNT2 (keep, next) is not,
// at this level.

// The bits of flags (variants.go; TestVariantFlags checks them).
#define FL_ZEROG  1
#define FL_ZEROG2 2
#define FL_G2     4
#define FL_C      8
#define FL_KEEP   16

// Registers of every routine here (those of fused_avx2_amd64.s, and more).
#define W_PTR  SI  // w
#define N      R13 // len(w)
#define G_PTR  DI  // g
#define S_PTR  R8  // saved
#define K_PTR  R11 // keep
#define I      AX  // the element index
#define NEXT   CX  // I plus a block, against N
#define FLAGS  DX  // flags
#define NT     R14 // the nt flag
#define LIMIT  BX  // the tail's end: N, or the streaming head's

// perturb, perturb32: perturbSave's loops (fused_avx2_perturbsave_amd64.h)
// with keep[i] = g[i] (flKeep) and g[i] = 0 (flZeroG, from Y14 = 0) after
// g is read. Y15 holds s. With neither flag the loops are perturbSave's
// (the same instructions), so Perturb then gives PerturbSave's bits.

// PERTURB_ENTRY(none, z, k, kz) loads the registers and jumps to the
// loops for flags: without extras, zeroing, keeping, or keeping and
// zeroing.
#define PERTURB_ENTRY(none, z, k, kz) \
	MOVQ   w_base+0(FP), W_PTR       \
	MOVQ   w_len+8(FP), N            \
	MOVQ   g_base+24(FP), G_PTR      \
	MOVQ   saved_base+48(FP), S_PTR  \
	MOVQ   keep_base+72(FP), K_PTR   \
	MOVQ   flags+104(FP), FLAGS      \
	MOVBLZX nt+112(FP), NT           \
	VXORPD Y14, Y14, Y14             \
	TESTQ  $FL_KEEP, FLAGS           \
	JNZ    keep                      \
	TESTQ  $FL_ZEROG, FLAGS          \
	JNZ    zero                      \
	JMP    none(SB)                  \
zero:                                \
	JMP    z(SB)                     \
keep:                                \
	TESTQ  $FL_ZEROG, FLAGS          \
	JNZ    keepzero                  \
	JMP    k(SB)                     \
keepzero:                            \
	JMP    kz(SB)

#include "f64_amd64.h"

// func perturbAVX2(w, g, saved, keep []float64, s float64, flags int, nt bool)
TEXT ·perturbAVX2(SB), NOSPLIT, $0-113
	VBROADCASTSD s+96(FP), Y15
	PERTURB_ENTRY(perturb64<>, perturb64_z<>, perturb64_k<>, perturb64_kz<>)

TEXT perturb64<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT perturb64_z<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET

#define PERTURB_KEEP
TEXT perturb64_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET

#undef PERTURB_ZERO
TEXT perturb64_k<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

#include "f32_amd64.h"

// func perturb32AVX2(w, g, saved, keep []float32, s float32, flags int, nt bool)
TEXT ·perturb32AVX2(SB), NOSPLIT, $0-113
	VBROADCASTSS s+96(FP), Y15
	PERTURB_ENTRY(perturb32<>, perturb32_z<>, perturb32_k<>, perturb32_kz<>)

TEXT perturb32<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT perturb32_z<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET

#define PERTURB_KEEP
TEXT perturb32_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET

#undef PERTURB_ZERO
TEXT perturb32_k<>(SB), NOSPLIT, $0-0
#include "fused_avx2_perturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

// sgdStep, sgdStep32: sgdRestore's sequence from d = a·g (+ b·g2 with
// flG2), then w = fma(c, g2 − g, w) with flC and the zeroing of g and g2
// (flZeroG, flZeroG2), returning Σ m² in float64; body
// variants_avx2_sgdstep_amd64.h. Y5..Y7 hold a, b, c and Y10..Y15 nlr, mu,
// l2, cm, cg, keep (their low lanes serve the tail). The entry picks one of
// ten copies of the loops: flZeroG2 and flC come only with flG2
// (stepFlags).
#define G2_PTR R10 // g2
#define M_PTR  R9  // m

#include "f64_amd64.h"

// func sgdStepAVX2(w, saved, g, g2, m []float64, a, b, c, nlr, mu, l2, cm, cg, keep float64, flags int, nt bool) float64
TEXT ·sgdStepAVX2(SB), NOSPLIT, $0-216
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	VBROADCASTSD a+120(FP), Y5
	VBROADCASTSD b+128(FP), Y6
	VBROADCASTSD c+136(FP), Y7
	VBROADCASTSD nlr+144(FP), Y10
	VBROADCASTSD mu+152(FP), Y11
	VBROADCASTSD l2+160(FP), Y12
	VBROADCASTSD cm+168(FP), Y13
	VBROADCASTSD cg+176(FP), Y14
	VBROADCASTSD keep+184(FP), Y15
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
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT sgd64_1<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT sgd64_4<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT sgd64_5<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT sgd64_6<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT sgd64_7<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT sgd64_12<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT sgd64_13<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
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
#include "variants_avx2_sgdstep_amd64.h"
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
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


#include "f32_amd64.h"

// func sgdStep32AVX2(w, saved, g, g2, m []float32, a, b, c, nlr, mu, l2, cm, cg, keep float32, flags int, nt bool) float64
TEXT ·sgdStep32AVX2(SB), NOSPLIT, $0-184
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	VBROADCASTSS a+120(FP), Y5
	VBROADCASTSS b+124(FP), Y6
	VBROADCASTSS c+128(FP), Y7
	VBROADCASTSS nlr+132(FP), Y10
	VBROADCASTSS mu+136(FP), Y11
	VBROADCASTSS l2+140(FP), Y12
	VBROADCASTSS cm+144(FP), Y13
	VBROADCASTSS cg+148(FP), Y14
	VBROADCASTSS keep+152(FP), Y15
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
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT sgd32_1<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT sgd32_4<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT sgd32_5<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT sgd32_6<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT sgd32_7<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT sgd32_12<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT sgd32_13<>(SB), NOSPLIT, $0-0
#include "variants_avx2_sgdstep_amd64.h"
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
#include "variants_avx2_sgdstep_amd64.h"
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
#include "variants_avx2_sgdstep_amd64.h"
	MOVSD        X0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


// adamWStep, adamWStep32: adamWRestore's sequence from d = a·g (+ b·g2
// with flG2), then w = fma(c, g2 − g, w) with flC and the zeroing of g and
// g2 (flZeroG, flZeroG2), returning Σ m² in float64; body
// variants_avx2_adamwstep_amd64.h. Y8..Y15 hold b1, omb1, b2, omb2, rc2,
// eps, step, keep as in adamWRestore; a, b and c are broadcast from the
// arguments in the loop. One of ten copies of the loops, as for sgdStep.
#define V_PTR  R12 // v

#include "f64_amd64.h"

// func adamWStepAVX2(w, saved, g, g2, m, v []float64, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float64, flags int, nt bool) float64
TEXT ·adamWStepAVX2(SB), NOSPLIT, $0-256
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	MOVQ         v_base+120(FP), V_PTR
	VBROADCASTSD b1+168(FP), Y8
	VBROADCASTSD omb1+176(FP), Y9
	VBROADCASTSD b2+184(FP), Y10
	VBROADCASTSD omb2+192(FP), Y11
	VBROADCASTSD rc2+200(FP), Y12
	VBROADCASTSD eps+208(FP), Y13
	VBROADCASTSD step+216(FP), Y14
	VBROADCASTSD keep+224(FP), Y15
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
// The arguments a, b, c (defined in this static routine, whose
// arguments vet does not check; the FP offsets are its entry's, which
// jumps here with the same stack).
#define A_ARG a+144(FP)
#define B_ARG b+152(FP)
#define C_ARG c+160(FP)
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT adam64_1<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT adam64_4<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT adam64_5<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT adam64_6<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT adam64_7<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT adam64_12<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT adam64_13<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
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
#include "variants_avx2_adamwstep_amd64.h"
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
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2

#undef A_ARG
#undef B_ARG
#undef C_ARG

#include "f32_amd64.h"

// func adamWStep32AVX2(w, saved, g, g2, m, v []float32, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float32, flags int, nt bool) float64
TEXT ·adamWStep32AVX2(SB), NOSPLIT, $0-216
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         saved_base+24(FP), S_PTR
	MOVQ         g_base+48(FP), G_PTR
	MOVQ         g2_base+72(FP), G2_PTR
	MOVQ         m_base+96(FP), M_PTR
	MOVQ         v_base+120(FP), V_PTR
	VBROADCASTSS b1+156(FP), Y8
	VBROADCASTSS omb1+160(FP), Y9
	VBROADCASTSS b2+164(FP), Y10
	VBROADCASTSS omb2+168(FP), Y11
	VBROADCASTSS rc2+172(FP), Y12
	VBROADCASTSS eps+176(FP), Y13
	VBROADCASTSS step+180(FP), Y14
	VBROADCASTSS keep+184(FP), Y15
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
// The arguments a, b, c (defined in this static routine, whose
// arguments vet does not check; the FP offsets are its entry's, which
// jumps here with the same stack).
#define A_ARG a+144(FP)
#define B_ARG b+148(FP)
#define C_ARG c+152(FP)
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT adam32_1<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT adam32_4<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT adam32_5<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT adam32_6<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT adam32_7<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT adam32_12<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT adam32_13<>(SB), NOSPLIT, $0-0
#include "variants_avx2_adamwstep_amd64.h"
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
#include "variants_avx2_adamwstep_amd64.h"
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
#include "variants_avx2_adamwstep_amd64.h"
	MOVSD        X0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2

#undef A_ARG
#undef B_ARG
#undef C_ARG

// asamPerturb, asamPerturb32: asamPerturbSave's loops
// (fused_avx2_asamperturbsave_amd64.h) with keep[i] = g[i] (flKeep) and
// g[i] = 0 (flZeroG, from Y12 = 0) after g is read; Y14 eta, Y15 s. With
// neither flag the loops are asamPerturbSave's, as for perturb. The
// arguments after keep are eta, s, flags, nt: flags at 112 for float64,
// 104 for float32 (ASAM_ENTRY's FLAGS_ARG, and NT_ARG after it).

// ASAM_ENTRY(none, z, k, kz) loads the registers and jumps to the loops
// for flags, as PERTURB_ENTRY.
#define ASAM_ENTRY(none, z, k, kz) \
	MOVQ   w_base+0(FP), W_PTR       \
	MOVQ   w_len+8(FP), N            \
	MOVQ   g_base+24(FP), G_PTR      \
	MOVQ   saved_base+48(FP), S_PTR  \
	MOVQ   keep_base+72(FP), K_PTR   \
	MOVQ   FLAGS_ARG, FLAGS          \
	MOVBLZX NT_ARG, NT               \
	TESTQ  $FL_KEEP, FLAGS           \
	JNZ    keep                      \
	TESTQ  $FL_ZEROG, FLAGS          \
	JNZ    zero                      \
	JMP    none(SB)                  \
zero:                                \
	JMP    z(SB)                     \
keep:                                \
	TESTQ  $FL_ZEROG, FLAGS          \
	JNZ    keepzero                  \
	JMP    k(SB)                     \
keepzero:                            \
	JMP    kz(SB)

#define FLAGS_ARG flags+112(FP)
#define NT_ARG nt+120(FP)
#include "f64_amd64.h"

// func asamPerturbAVX2(w, g, saved, keep []float64, eta, s float64, flags int, nt bool)
TEXT ·asamPerturbAVX2(SB), NOSPLIT, $0-121
	VBROADCASTSD eta+96(FP), Y14
	VBROADCASTSD s+104(FP), Y15
	VXORPD       Y12, Y12, Y12
	ASAM_ENTRY(asam64<>, asam64_z<>, asam64_k<>, asam64_kz<>)

TEXT asam64<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT asam64_z<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET
#undef PERTURB_ZERO

#define PERTURB_KEEP
TEXT asam64_k<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

#define PERTURB_KEEP
#define PERTURB_ZERO
TEXT asam64_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_ZERO

#undef FLAGS_ARG
#undef NT_ARG

#define FLAGS_ARG flags+104(FP)
#define NT_ARG nt+112(FP)
#include "f32_amd64.h"

// func asamPerturb32AVX2(w, g, saved, keep []float32, eta, s float32, flags int, nt bool)
TEXT ·asamPerturb32AVX2(SB), NOSPLIT, $0-113
	VBROADCASTSS eta+96(FP), Y14
	VBROADCASTSS s+100(FP), Y15
	VXORPD       Y12, Y12, Y12
	ASAM_ENTRY(asam32<>, asam32_z<>, asam32_k<>, asam32_kz<>)

TEXT asam32<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET

#define PERTURB_ZERO
TEXT asam32_z<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET
#undef PERTURB_ZERO

#define PERTURB_KEEP
TEXT asam32_k<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP

#define PERTURB_KEEP
#define PERTURB_ZERO
TEXT asam32_kz<>(SB), NOSPLIT, $0-0
#include "fused_avx2_asamperturbsave_amd64.h"
	RET
#undef PERTURB_KEEP
#undef PERTURB_ZERO

#undef FLAGS_ARG
#undef NT_ARG

// diffSumSq, diffSumSq32: Σ d² with d = fma(nsigma, m[i], g[i]) rounded to
// the element type, in float64 (two accumulators, Y8 and Y9, and X10 for the scalar tail); Y15 holds nsigma. Two vectors
// per iteration, then one, then one element at a time.
// combineSumSq, combineSumSq32: dst[i] = d = fma(b, y[i], a·x[i]) and
// Σ d² likewise; Y14 holds a, Y15 b. dst may be x or y: each element is
// read before it is written.
#define X_PTR  SI  // g (diffSumSq), x (combineSumSq)
#define Y_PTR  DI  // m, y
#define D_PTR  R8  // dst

#include "f64_amd64.h"

// func diffSumSqAVX2(g, m []float64, nsigma float64) float64
TEXT ·diffSumSqAVX2(SB), NOSPLIT, $0-64
	MOVQ         g_base+0(FP), X_PTR
	MOVQ         g_len+8(FP), N
	MOVQ         m_base+24(FP), Y_PTR
	VBROADCASTSD nsigma+48(FP), Y15
#include "variants_avx2_diffsumsq_amd64.h"
	MOVSD        X0, ret+56(FP)
	RET

// func combineSumSqAVX2(dst, x, y []float64, a, b float64) float64
TEXT ·combineSumSqAVX2(SB), NOSPLIT, $0-96
	MOVQ         dst_base+0(FP), D_PTR
	MOVQ         dst_len+8(FP), N
	MOVQ         x_base+24(FP), X_PTR
	MOVQ         y_base+48(FP), Y_PTR
	VBROADCASTSD a+72(FP), Y14
	VBROADCASTSD b+80(FP), Y15
#include "variants_avx2_combinesumsq_amd64.h"
	MOVSD        X0, ret+88(FP)
	RET

#include "f32_amd64.h"

// func diffSumSq32AVX2(g, m []float32, nsigma float32) float64
TEXT ·diffSumSq32AVX2(SB), NOSPLIT, $0-64
	MOVQ         g_base+0(FP), X_PTR
	MOVQ         g_len+8(FP), N
	MOVQ         m_base+24(FP), Y_PTR
	VBROADCASTSS nsigma+48(FP), Y15
#include "variants_avx2_diffsumsq_amd64.h"
	MOVSD        X0, ret+56(FP)
	RET

// func combineSumSq32AVX2(dst, x, y []float32, a, b float32) float64
TEXT ·combineSumSq32AVX2(SB), NOSPLIT, $0-88
	MOVQ         dst_base+0(FP), D_PTR
	MOVQ         dst_len+8(FP), N
	MOVQ         x_base+24(FP), X_PTR
	MOVQ         y_base+48(FP), Y_PTR
	VBROADCASTSS a+72(FP), Y14
	VBROADCASTSS b+76(FP), Y15
#include "variants_avx2_combinesumsq_amd64.h"
	MOVSD        X0, ret+80(FP)
	RET

// dotPairWide32: x·a and x·b with each float32 widened to float64 as it is
// loaded (VCVTPS2PD), the products exact and the sums in float64: eight
// elements per iteration into Y8, Y9 (x·a) and Y10, Y11 (x·b), then four,
// then one element at a time into X12 and X13; each pair of accumulators
// folded and the tail's added at the end. x, a and b are only read.
#define XW_PTR SI  // x
#define AW_PTR DI  // a
#define BW_PTR R8  // b

// func dotPairWide32AVX2(x, a, b []float32) (float64, float64)
TEXT ·dotPairWide32AVX2(SB), NOSPLIT, $0-88
	MOVQ        x_base+0(FP), XW_PTR
	MOVQ        x_len+8(FP), N
	MOVQ        a_base+24(FP), AW_PTR
	MOVQ        b_base+48(FP), BW_PTR
	XORQ        I, I
	VXORPD      Y8, Y8, Y8
	VXORPD      Y9, Y9, Y9
	VXORPD      Y10, Y10, Y10
	VXORPD      Y11, Y11, Y11
	VXORPD      Y12, Y12, Y12
	VXORPD      Y13, Y13, Y13
eight:
	LEAQ        8(I), NEXT
	CMPQ        NEXT, N
	JA          four
	VCVTPS2PD   (XW_PTR)(I*4), Y0
	VCVTPS2PD   16(XW_PTR)(I*4), Y1
	VCVTPS2PD   (AW_PTR)(I*4), Y2
	VCVTPS2PD   16(AW_PTR)(I*4), Y3
	VCVTPS2PD   (BW_PTR)(I*4), Y4
	VCVTPS2PD   16(BW_PTR)(I*4), Y5
	VFMADD231PD Y2, Y0, Y8
	VFMADD231PD Y3, Y1, Y9
	VFMADD231PD Y4, Y0, Y10
	VFMADD231PD Y5, Y1, Y11
	ADDQ        $8, I
	JMP         eight
four:
	LEAQ        4(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VCVTPS2PD   (XW_PTR)(I*4), Y0
	VCVTPS2PD   (AW_PTR)(I*4), Y2
	VCVTPS2PD   (BW_PTR)(I*4), Y4
	VFMADD231PD Y2, Y0, Y8
	VFMADD231PD Y4, Y0, Y10
	ADDQ        $4, I
tail:
	CMPQ        I, N
	JAE         done
	VMOVSS      (XW_PTR)(I*4), X0
	VCVTSS2SD   X0, X0, X0
	VMOVSS      (AW_PTR)(I*4), X2
	VCVTSS2SD   X2, X2, X2
	VMOVSS      (BW_PTR)(I*4), X4
	VCVTSS2SD   X4, X4, X4
	VFMADD231SD X2, X0, X12
	VFMADD231SD X4, X0, X13
	INCQ        I
	JMP         tail
done:
	VADDPD       Y9, Y8, Y8
	VEXTRACTF128 $1, Y8, X0
	VADDPD       X0, X8, X0
	VPERMILPD    $1, X0, X1
	VADDSD       X1, X0, X0
	VADDSD       X12, X0, X0
	VADDPD       Y11, Y10, Y10
	VEXTRACTF128 $1, Y10, X2
	VADDPD       X2, X10, X2
	VPERMILPD    $1, X2, X3
	VADDSD       X3, X2, X2
	VADDSD       X13, X2, X2
	VZEROUPPER
	MOVSD        X0, ret+72(FP)
	MOVSD        X2, ret1+80(FP)
	RET

// fsamPerturb, fsamPerturb32: saved[i] = w[i]; d = fma(nsigma, m[i], g[i]);
// w[i] = fma(s, d, w[i]); next[i] = fma(lambda, m[i], oml·g[i]); g[i] = 0
// with flZeroG (body variants_avx2_fsamperturb_amd64.h, one copy per
// flag combination).
// Y12..15 hold s, nsigma, lambda, oml.
#undef X_PTR
#undef Y_PTR
#undef D_PTR
#define NX_PTR R10 // next (W_PTR, G_PTR, M_PTR, S_PTR as defined above)

#include "f64_amd64.h"

// func fsamPerturbAVX2(w, g, m, saved, next []float64, s, nsigma, lambda, oml float64, flags int, nt bool)
TEXT ·fsamPerturbAVX2(SB), NOSPLIT, $0-161
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         m_base+48(FP), M_PTR
	MOVQ         saved_base+72(FP), S_PTR
	MOVQ         next_base+96(FP), NX_PTR
	VBROADCASTSD s+120(FP), Y12
	VBROADCASTSD nsigma+128(FP), Y13
	VBROADCASTSD lambda+136(FP), Y14
	VBROADCASTSD oml+144(FP), Y15
	MOVQ         flags+152(FP), FLAGS
	MOVBLZX      nt+160(FP), NT
	VXORPD       Y11, Y11, Y11
	TESTQ        $FL_ZEROG, FLAGS
	JNZ          zero
	JMP          fsam64<>(SB)
zero:
	JMP          fsam64_z<>(SB)

TEXT fsam64<>(SB), NOSPLIT, $0-0
#include "variants_avx2_fsamperturb_amd64.h"
	RET

#define FSAM_ZERO
TEXT fsam64_z<>(SB), NOSPLIT, $0-0
#include "variants_avx2_fsamperturb_amd64.h"
	RET
#undef FSAM_ZERO


#include "f32_amd64.h"

// func fsamPerturb32AVX2(w, g, m, saved, next []float32, s, nsigma, lambda, oml float32, flags int, nt bool)
TEXT ·fsamPerturb32AVX2(SB), NOSPLIT, $0-145
	MOVQ         w_base+0(FP), W_PTR
	MOVQ         w_len+8(FP), N
	MOVQ         g_base+24(FP), G_PTR
	MOVQ         m_base+48(FP), M_PTR
	MOVQ         saved_base+72(FP), S_PTR
	MOVQ         next_base+96(FP), NX_PTR
	VBROADCASTSS s+120(FP), Y12
	VBROADCASTSS nsigma+124(FP), Y13
	VBROADCASTSS lambda+128(FP), Y14
	VBROADCASTSS oml+132(FP), Y15
	MOVQ         flags+136(FP), FLAGS
	MOVBLZX      nt+144(FP), NT
	VXORPD       Y11, Y11, Y11
	TESTQ        $FL_ZEROG, FLAGS
	JNZ          zero
	JMP          fsam32<>(SB)
zero:
	JMP          fsam32_z<>(SB)

TEXT fsam32<>(SB), NOSPLIT, $0-0
#include "variants_avx2_fsamperturb_amd64.h"
	RET

#define FSAM_ZERO
TEXT fsam32_z<>(SB), NOSPLIT, $0-0
#include "variants_avx2_fsamperturb_amd64.h"
	RET
#undef FSAM_ZERO

