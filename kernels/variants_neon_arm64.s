//go:build !purego && !noasm

#include "textflag.h"
#include "neon_arm64.h"

// The SAM variants' fused kernels for NEON (conventions in neon_arm64.h
// and fused_neon_arm64.s; the sequences in variants.go, the references in
// variants_generic.go). Each kernel's extras (flags, variants.go) select,
// once per call, one of several copies of its loops, each the body of the
// fused kernel it extends compiled with the extras it needs (#ifdef in the
// body), so the hot loops test no flag. The entry loads the registers and
// branches to its copy, a static routine that returns to the caller. The
// nt argument is ignored, as in fused_neon_arm64.s.

// The bits of flags (variants.go; TestVariantFlags checks them).
#define FL_ZEROG  1
#define FL_ZEROG2 2
#define FL_G2     4
#define FL_C      8
#define FL_KEEP   16

// perturb, perturb32: perturbSave's loops (fused_neon_perturbsave_arm64.h)
// with keep = g (flKeep) and g = 0 (flZeroG, from V16..V19 = 0, through a
// pointer of its own) after g is read; s in V31. With neither flag the
// loops are perturbSave's (the same instructions), so Perturb then gives
// PerturbSave's bits.
#define W_PTR R0
#define G_PTR R1
#define S_PTR R2
#define K_PTR R3 // keep
#define Z_PTR R4 // g again, for its zeroing
#define FLAGS R5
#define N     R8

// PERTURB_ENTRY(none, z, k, kz) loads the registers and branches to the
// loops for flags: without extras, zeroing, keeping, or keeping and
// zeroing.
#define PERTURB_ENTRY(none, z, k, kz) \
	MOVD w_base+0(FP), W_PTR        \
	MOVD w_len+8(FP), N             \
	MOVD g_base+24(FP), G_PTR       \
	MOVD saved_base+48(FP), S_PTR   \
	MOVD keep_base+72(FP), K_PTR    \
	MOVD flags+104(FP), FLAGS       \
	MOVD G_PTR, Z_PTR               \
	VEOR V16.B16, V16.B16, V16.B16  \
	VEOR V17.B16, V17.B16, V17.B16  \
	VEOR V18.B16, V18.B16, V18.B16  \
	VEOR V19.B16, V19.B16, V19.B16  \
	TBNZ $4, FLAGS, keep            \
	TBNZ $0, FLAGS, zero            \
	B    none(SB)                   \
zero:                               \
	B    z(SB)                      \
keep:                               \
	TBNZ $0, FLAGS, keepzero        \
	B    k(SB)                      \
keepzero:                           \
	B    kz(SB)

#include "f64_arm64.h"

// func perturbNEON(w, g, saved, keep []float64, s float64, flags int, nt bool)
TEXT ·perturbNEON(SB), NOSPLIT, $0-113
	FMOVD s+96(FP), F31
	PERTURB_ENTRY(perturb64<>, perturb64_z<>, perturb64_k<>, perturb64_kz<>)

TEXT perturb64<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET

#define PERTURB_ZERO
TEXT perturb64_z<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET

#define PERTURB_KEEP
TEXT perturb64_kz<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET

#undef PERTURB_ZERO
TEXT perturb64_k<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET
#undef PERTURB_KEEP

#include "f32_arm64.h"

// func perturb32NEON(w, g, saved, keep []float32, s float32, flags int, nt bool)
TEXT ·perturb32NEON(SB), NOSPLIT, $0-113
	FMOVS s+96(FP), F31
	PERTURB_ENTRY(perturb32<>, perturb32_z<>, perturb32_k<>, perturb32_kz<>)

TEXT perturb32<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET

#define PERTURB_ZERO
TEXT perturb32_z<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET

#define PERTURB_KEEP
TEXT perturb32_kz<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET

#undef PERTURB_ZERO
TEXT perturb32_k<>(SB), NOSPLIT, $0-0
#include "fused_neon_perturbsave_arm64.h"
	RET
#undef PERTURB_KEEP

// sgdStep, sgdStep32: sgdRestore's sequence from d = a·g (+ b·g2 with
// flG2), then w = fma(c, g2 − g, w) with flC and the zeroing of g and g2
// (flZeroG, flZeroG2), returning Σ m² in float64; body
// variants_neon_sgdstep_arm64.h, with sgdRestore's structure (four
// registers per iteration, one, then one element at a time). The entry
// picks one of ten copies of the loops: flZeroG2 and flC come only with
// flG2 (stepFlags).
#undef W_PTR
#undef G_PTR
#undef S_PTR
#undef K_PTR
#undef Z_PTR
#undef FLAGS
#undef N
#define W_PTR   R0
#define S_PTR   R1
#define G_PTR   R2
#define M_PTR   R3
#define G2_PTR  R4
#define GR_PTR  R5 // g again, for w = fma(c, g2 − g, w)
#define G2R_PTR R6 // g2 again, likewise
#define ZG_PTR  R7 // g again, for its zeroing
#define ZG2_PTR R9 // g2 again, likewise
#define FLAGS   R10
#define N       R8

#include "f64_arm64.h"

// func sgdStepNEON(w, saved, g, g2, m []float64, a, b, c, nlr, mu, l2, cm, cg, keep float64, flags int, nt bool) float64
TEXT ·sgdStepNEON(SB), NOSPLIT, $0-216
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  g2_base+72(FP), G2_PTR
	MOVD  m_base+96(FP), M_PTR
	MOVD  G_PTR, GR_PTR
	MOVD  G_PTR, ZG_PTR
	MOVD  G2_PTR, G2R_PTR
	MOVD  G2_PTR, ZG2_PTR
	FMOVD a+120(FP), F23
	VDUP  V23.D[0], V23.D2
	FMOVD b+128(FP), F24
	VDUP  V24.D[0], V24.D2
	FMOVD c+136(FP), F25
	VDUP  V25.D[0], V25.D2
	FMOVD nlr+144(FP), F26
	VDUP  V26.D[0], V26.D2
	FMOVD mu+152(FP), F27
	VDUP  V27.D[0], V27.D2
	FMOVD l2+160(FP), F28
	VDUP  V28.D[0], V28.D2
	FMOVD cm+168(FP), F29
	VDUP  V29.D[0], V29.D2
	FMOVD cg+176(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD keep+184(FP), F31
	VDUP  V31.D[0], V31.D2
	MOVD  flags+192(FP), FLAGS
	AND   $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMP   $1, FLAGS
	BEQ   f1
	CMP   $4, FLAGS
	BEQ   f4
	CMP   $5, FLAGS
	BEQ   f5
	CMP   $6, FLAGS
	BEQ   f6
	CMP   $7, FLAGS
	BEQ   f7
	CMP   $12, FLAGS
	BEQ   f12
	CMP   $13, FLAGS
	BEQ   f13
	CMP   $14, FLAGS
	BEQ   f14
	CMP   $15, FLAGS
	BEQ   f15
	B     sgd64_0<>(SB)
f1:
	B     sgd64_1<>(SB)
f4:
	B     sgd64_4<>(SB)
f5:
	B     sgd64_5<>(SB)
f6:
	B     sgd64_6<>(SB)
f7:
	B     sgd64_7<>(SB)
f12:
	B     sgd64_12<>(SB)
f13:
	B     sgd64_13<>(SB)
f14:
	B     sgd64_14<>(SB)
f15:
	B     sgd64_15<>(SB)

// no extras
TEXT sgd64_0<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT sgd64_1<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT sgd64_4<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT sgd64_5<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT sgd64_6<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT sgd64_7<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT sgd64_12<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT sgd64_13<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT sgd64_14<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
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
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


#include "f32_arm64.h"

// func sgdStep32NEON(w, saved, g, g2, m []float32, a, b, c, nlr, mu, l2, cm, cg, keep float32, flags int, nt bool) float64
TEXT ·sgdStep32NEON(SB), NOSPLIT, $0-184
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  g2_base+72(FP), G2_PTR
	MOVD  m_base+96(FP), M_PTR
	MOVD  G_PTR, GR_PTR
	MOVD  G_PTR, ZG_PTR
	MOVD  G2_PTR, G2R_PTR
	MOVD  G2_PTR, ZG2_PTR
	FMOVS a+120(FP), F23
	VDUP  V23.S[0], V23.S4
	FMOVS b+124(FP), F24
	VDUP  V24.S[0], V24.S4
	FMOVS c+128(FP), F25
	VDUP  V25.S[0], V25.S4
	FMOVS nlr+132(FP), F26
	VDUP  V26.S[0], V26.S4
	FMOVS mu+136(FP), F27
	VDUP  V27.S[0], V27.S4
	FMOVS l2+140(FP), F28
	VDUP  V28.S[0], V28.S4
	FMOVS cm+144(FP), F29
	VDUP  V29.S[0], V29.S4
	FMOVS cg+148(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS keep+152(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  flags+160(FP), FLAGS
	AND   $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMP   $1, FLAGS
	BEQ   f1
	CMP   $4, FLAGS
	BEQ   f4
	CMP   $5, FLAGS
	BEQ   f5
	CMP   $6, FLAGS
	BEQ   f6
	CMP   $7, FLAGS
	BEQ   f7
	CMP   $12, FLAGS
	BEQ   f12
	CMP   $13, FLAGS
	BEQ   f13
	CMP   $14, FLAGS
	BEQ   f14
	CMP   $15, FLAGS
	BEQ   f15
	B     sgd32_0<>(SB)
f1:
	B     sgd32_1<>(SB)
f4:
	B     sgd32_4<>(SB)
f5:
	B     sgd32_5<>(SB)
f6:
	B     sgd32_6<>(SB)
f7:
	B     sgd32_7<>(SB)
f12:
	B     sgd32_12<>(SB)
f13:
	B     sgd32_13<>(SB)
f14:
	B     sgd32_14<>(SB)
f15:
	B     sgd32_15<>(SB)

// no extras
TEXT sgd32_0<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT sgd32_1<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT sgd32_4<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT sgd32_5<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT sgd32_6<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT sgd32_7<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT sgd32_12<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT sgd32_13<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT sgd32_14<>(SB), NOSPLIT, $0-0
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
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
#include "variants_neon_sgdstep_arm64.h"
	FMOVD F0, ret+176(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


// adamWStep, adamWStep32: adamWRestore's sequence from d = a·g (+ b·g2
// with flG2), then w = fma(c, g2 − g, w) with flC and the zeroing of g and
// g2 (flZeroG, flZeroG2), returning Σ m² in float64; body
// variants_neon_adamwstep_arm64.h, with adamWRestore's structure (two
// registers per iteration, one, then one element at a time) and
// registers (V24..V31 b1, omb1, b2, omb2, rc2, eps, step, keep); a, b, c
// in V8..V10. One of ten copies of the loops, as for sgdStep.
#define V_PTR R11

#include "f64_arm64.h"

// func adamWStepNEON(w, saved, g, g2, m, v []float64, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float64, flags int, nt bool) float64
TEXT ·adamWStepNEON(SB), NOSPLIT, $0-256
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  g2_base+72(FP), G2_PTR
	MOVD  m_base+96(FP), M_PTR
	MOVD  v_base+120(FP), V_PTR
	MOVD  G_PTR, GR_PTR
	MOVD  G_PTR, ZG_PTR
	MOVD  G2_PTR, G2R_PTR
	MOVD  G2_PTR, ZG2_PTR
	FMOVD a+144(FP), F8
	VDUP  V8.D[0], V8.D2
	FMOVD b+152(FP), F9
	VDUP  V9.D[0], V9.D2
	FMOVD c+160(FP), F10
	VDUP  V10.D[0], V10.D2
	FMOVD b1+168(FP), F24
	VDUP  V24.D[0], V24.D2
	FMOVD omb1+176(FP), F25
	VDUP  V25.D[0], V25.D2
	FMOVD b2+184(FP), F26
	VDUP  V26.D[0], V26.D2
	FMOVD omb2+192(FP), F27
	VDUP  V27.D[0], V27.D2
	FMOVD rc2+200(FP), F28
	VDUP  V28.D[0], V28.D2
	FMOVD eps+208(FP), F29
	VDUP  V29.D[0], V29.D2
	FMOVD step+216(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD keep+224(FP), F31
	VDUP  V31.D[0], V31.D2
	MOVD  flags+232(FP), FLAGS
	AND   $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMP   $1, FLAGS
	BEQ   f1
	CMP   $4, FLAGS
	BEQ   f4
	CMP   $5, FLAGS
	BEQ   f5
	CMP   $6, FLAGS
	BEQ   f6
	CMP   $7, FLAGS
	BEQ   f7
	CMP   $12, FLAGS
	BEQ   f12
	CMP   $13, FLAGS
	BEQ   f13
	CMP   $14, FLAGS
	BEQ   f14
	CMP   $15, FLAGS
	BEQ   f15
	B     adam64_0<>(SB)
f1:
	B     adam64_1<>(SB)
f4:
	B     adam64_4<>(SB)
f5:
	B     adam64_5<>(SB)
f6:
	B     adam64_6<>(SB)
f7:
	B     adam64_7<>(SB)
f12:
	B     adam64_12<>(SB)
f13:
	B     adam64_13<>(SB)
f14:
	B     adam64_14<>(SB)
f15:
	B     adam64_15<>(SB)

// no extras
TEXT adam64_0<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT adam64_1<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT adam64_4<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT adam64_5<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT adam64_6<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT adam64_7<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT adam64_12<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT adam64_13<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT adam64_14<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
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
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+248(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


#include "f32_arm64.h"

// func adamWStep32NEON(w, saved, g, g2, m, v []float32, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float32, flags int, nt bool) float64
TEXT ·adamWStep32NEON(SB), NOSPLIT, $0-216
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  saved_base+24(FP), S_PTR
	MOVD  g_base+48(FP), G_PTR
	MOVD  g2_base+72(FP), G2_PTR
	MOVD  m_base+96(FP), M_PTR
	MOVD  v_base+120(FP), V_PTR
	MOVD  G_PTR, GR_PTR
	MOVD  G_PTR, ZG_PTR
	MOVD  G2_PTR, G2R_PTR
	MOVD  G2_PTR, ZG2_PTR
	FMOVS a+144(FP), F8
	VDUP  V8.S[0], V8.S4
	FMOVS b+148(FP), F9
	VDUP  V9.S[0], V9.S4
	FMOVS c+152(FP), F10
	VDUP  V10.S[0], V10.S4
	FMOVS b1+156(FP), F24
	VDUP  V24.S[0], V24.S4
	FMOVS omb1+160(FP), F25
	VDUP  V25.S[0], V25.S4
	FMOVS b2+164(FP), F26
	VDUP  V26.S[0], V26.S4
	FMOVS omb2+168(FP), F27
	VDUP  V27.S[0], V27.S4
	FMOVS rc2+172(FP), F28
	VDUP  V28.S[0], V28.S4
	FMOVS eps+176(FP), F29
	VDUP  V29.S[0], V29.S4
	FMOVS step+180(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS keep+184(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  flags+192(FP), FLAGS
	AND   $(FL_ZEROG|FL_ZEROG2|FL_G2|FL_C), FLAGS
	CMP   $1, FLAGS
	BEQ   f1
	CMP   $4, FLAGS
	BEQ   f4
	CMP   $5, FLAGS
	BEQ   f5
	CMP   $6, FLAGS
	BEQ   f6
	CMP   $7, FLAGS
	BEQ   f7
	CMP   $12, FLAGS
	BEQ   f12
	CMP   $13, FLAGS
	BEQ   f13
	CMP   $14, FLAGS
	BEQ   f14
	CMP   $15, FLAGS
	BEQ   f15
	B     adam32_0<>(SB)
f1:
	B     adam32_1<>(SB)
f4:
	B     adam32_4<>(SB)
f5:
	B     adam32_5<>(SB)
f6:
	B     adam32_6<>(SB)
f7:
	B     adam32_7<>(SB)
f12:
	B     adam32_12<>(SB)
f13:
	B     adam32_13<>(SB)
f14:
	B     adam32_14<>(SB)
f15:
	B     adam32_15<>(SB)

// no extras
TEXT adam32_0<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET

#define STEP_ZG
// STEP_ZG
TEXT adam32_1<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_ZG

#define STEP_G2
// STEP_G2
TEXT adam32_4<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2

#define STEP_G2
#define STEP_ZG
// STEP_G2+STEP_ZG
TEXT adam32_5<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG

#define STEP_G2
#define STEP_ZG2
// STEP_G2+STEP_ZG2
TEXT adam32_6<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG2

#define STEP_G2
#define STEP_ZG
#define STEP_ZG2
// STEP_G2+STEP_ZG+STEP_ZG2
TEXT adam32_7<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_ZG
#undef STEP_ZG2

#define STEP_G2
#define STEP_C
// STEP_G2+STEP_C
TEXT adam32_12<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C

#define STEP_G2
#define STEP_C
#define STEP_ZG
// STEP_G2+STEP_C+STEP_ZG
TEXT adam32_13<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG

#define STEP_G2
#define STEP_C
#define STEP_ZG2
// STEP_G2+STEP_C+STEP_ZG2
TEXT adam32_14<>(SB), NOSPLIT, $0-0
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
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
#include "variants_neon_adamwstep_arm64.h"
	FMOVD F0, ret+208(FP)
	RET
#undef STEP_G2
#undef STEP_C
#undef STEP_ZG
#undef STEP_ZG2


// asamPerturb, asamPerturb32: asamPerturbSave's loops
// (fused_neon_asamperturbsave_arm64.h) with keep = g (flKeep) and g = 0
// (flZeroG, from V16..V19 = 0) after g is read; eta in V30, s in V31. With
// neither flag the loops are asamPerturbSave's, as for perturb.
#undef W_PTR
#undef G_PTR
#undef S_PTR
#undef FLAGS
#undef N
#define W_PTR R0
#define G_PTR R1
#define S_PTR R2
#define K_PTR R3
#define Z_PTR R4
#define FLAGS R5
#define N     R8

// ASAM_ENTRY(none, z, k, kz) loads the registers and branches to the
// loops for flags, as PERTURB_ENTRY.
#define ASAM_ENTRY(none, z, k, kz) \
	MOVD w_base+0(FP), W_PTR        \
	MOVD w_len+8(FP), N             \
	MOVD g_base+24(FP), G_PTR       \
	MOVD saved_base+48(FP), S_PTR   \
	MOVD keep_base+72(FP), K_PTR    \
	MOVD FLAGS_ARG, FLAGS           \
	MOVD G_PTR, Z_PTR               \
	VEOR V16.B16, V16.B16, V16.B16  \
	VEOR V17.B16, V17.B16, V17.B16  \
	VEOR V18.B16, V18.B16, V18.B16  \
	VEOR V19.B16, V19.B16, V19.B16  \
	TBNZ $4, FLAGS, keep            \
	TBNZ $0, FLAGS, zero            \
	B    none(SB)                   \
zero:                               \
	B    z(SB)                      \
keep:                               \
	TBNZ $0, FLAGS, keepzero        \
	B    k(SB)                      \
keepzero:                           \
	B    kz(SB)

#include "f64_arm64.h"
#define FLAGS_ARG flags+112(FP)

// func asamPerturbNEON(w, g, saved, keep []float64, eta, s float64, flags int, nt bool)
TEXT ·asamPerturbNEON(SB), NOSPLIT, $0-121
	FMOVD eta+96(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD s+104(FP), F31
	ASAM_ENTRY(asam64<>, asam64_z<>, asam64_k<>, asam64_kz<>)

TEXT asam64<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#define PERTURB_ZERO
TEXT asam64_z<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#define PERTURB_KEEP
TEXT asam64_kz<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#undef PERTURB_ZERO
TEXT asam64_k<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET
#undef PERTURB_KEEP
#undef FLAGS_ARG

#include "f32_arm64.h"
#define FLAGS_ARG flags+104(FP)

// func asamPerturb32NEON(w, g, saved, keep []float32, eta, s float32, flags int, nt bool)
TEXT ·asamPerturb32NEON(SB), NOSPLIT, $0-113
	FMOVS eta+96(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS s+100(FP), F31
	ASAM_ENTRY(asam32<>, asam32_z<>, asam32_k<>, asam32_kz<>)

TEXT asam32<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#define PERTURB_ZERO
TEXT asam32_z<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#define PERTURB_KEEP
TEXT asam32_kz<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET

#undef PERTURB_ZERO
TEXT asam32_k<>(SB), NOSPLIT, $0-0
#include "fused_neon_asamperturbsave_arm64.h"
	RET
#undef PERTURB_KEEP
#undef FLAGS_ARG

// diffSumSq, diffSumSq32: Σ d² with d = fma(nsigma, m[i], g[i]) rounded to
// the element type, in float64 (V20 and V21, F22 for the scalar tail);
// nsigma in V31. combineSumSq, combineSumSq32: dst[i] = d = fma(b, y[i],
// a·x[i]) and Σ d² likewise; a in V30, b in V31 (dst may be x or y: each
// element is read before it is written). Two registers per iteration, then
// one, then one element at a time.
#undef W_PTR
#undef G_PTR
#undef S_PTR
#undef M_PTR
#undef N
#define X_PTR R0 // g (diffSumSq), x (combineSumSq)
#define Y_PTR R1 // m, y
#define D_PTR R2 // dst
#define N     R8

#include "f64_arm64.h"

// func diffSumSqNEON(g, m []float64, nsigma float64) float64
TEXT ·diffSumSqNEON(SB), NOSPLIT, $0-64
	MOVD  g_base+0(FP), X_PTR
	MOVD  g_len+8(FP), N
	MOVD  m_base+24(FP), Y_PTR
	FMOVD nsigma+48(FP), F31
	VDUP  V31.D[0], V31.D2
#include "variants_neon_diffsumsq_arm64.h"
	FMOVD F0, ret+56(FP)
	RET

// func combineSumSqNEON(dst, x, y []float64, a, b float64) float64
TEXT ·combineSumSqNEON(SB), NOSPLIT, $0-96
	MOVD  dst_base+0(FP), D_PTR
	MOVD  dst_len+8(FP), N
	MOVD  x_base+24(FP), X_PTR
	MOVD  y_base+48(FP), Y_PTR
	FMOVD a+72(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD b+80(FP), F31
	VDUP  V31.D[0], V31.D2
#include "variants_neon_combinesumsq_arm64.h"
	FMOVD F0, ret+88(FP)
	RET

#include "f32_arm64.h"

// func diffSumSq32NEON(g, m []float32, nsigma float32) float64
TEXT ·diffSumSq32NEON(SB), NOSPLIT, $0-64
	MOVD  g_base+0(FP), X_PTR
	MOVD  g_len+8(FP), N
	MOVD  m_base+24(FP), Y_PTR
	FMOVS nsigma+48(FP), F31
	VDUP  V31.S[0], V31.S4
#include "variants_neon_diffsumsq_arm64.h"
	FMOVD F0, ret+56(FP)
	RET

// func combineSumSq32NEON(dst, x, y []float32, a, b float32) float64
TEXT ·combineSumSq32NEON(SB), NOSPLIT, $0-88
	MOVD  dst_base+0(FP), D_PTR
	MOVD  dst_len+8(FP), N
	MOVD  x_base+24(FP), X_PTR
	MOVD  y_base+48(FP), Y_PTR
	FMOVS a+72(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS b+76(FP), F31
	VDUP  V31.S[0], V31.S4
#include "variants_neon_combinesumsq_arm64.h"
	FMOVD F0, ret+80(FP)
	RET

// dotPairWide32: x·a and x·b with each float32 widened to float64
// (FCVTL, FCVTL2), the products exact and the sums in float64: four
// elements per iteration into V20, V21 (x·a) and V22, V23 (x·b), then one
// element at a time into F24 and F25; folded at the end. x, a and b are
// only read.
#undef X_PTR
#undef Y_PTR
#undef D_PTR
#define XW_PTR R0 // x
#define AW_PTR R1 // a
#define BW_PTR R2 // b

// func dotPairWide32NEON(x, a, b []float32) (float64, float64)
TEXT ·dotPairWide32NEON(SB), NOSPLIT, $0-88
	MOVD  x_base+0(FP), XW_PTR
	MOVD  x_len+8(FP), N
	MOVD  a_base+24(FP), AW_PTR
	MOVD  b_base+48(FP), BW_PTR
	VEOR  V20.B16, V20.B16, V20.B16
	VEOR  V21.B16, V21.B16, V21.B16
	VEOR  V22.B16, V22.B16, V22.B16
	VEOR  V23.B16, V23.B16, V23.B16
	VEOR  V24.B16, V24.B16, V24.B16
	VEOR  V25.B16, V25.B16, V25.B16

four:
	CMP   $4, N
	BLT   tail
	VLD1.P 16(XW_PTR), [V0.S4]
	VLD1.P 16(AW_PTR), [V1.S4]
	VLD1.P 16(BW_PTR), [V2.S4]
	WORD  $0x0e617803 // fcvtl v3.2d, v0.2s
	WORD  $0x4e617804 // fcvtl2 v4.2d, v0.4s
	WORD  $0x0e617825 // fcvtl v5.2d, v1.2s
	WORD  $0x4e617826 // fcvtl2 v6.2d, v1.4s
	WORD  $0x0e617847 // fcvtl v7.2d, v2.2s
	WORD  $0x4e617850 // fcvtl2 v16.2d, v2.4s
	VFMLA V5.D2, V3.D2, V20.D2
	VFMLA V6.D2, V4.D2, V21.D2
	VFMLA V7.D2, V3.D2, V22.D2
	VFMLA V16.D2, V4.D2, V23.D2
	SUB   $4, N
	B     four

tail:
	CBZ     N, done
	FMOVS.P 4(XW_PTR), F0
	FCVTSD  F0, F0
	FMOVS.P 4(AW_PTR), F1
	FCVTSD  F1, F1
	FMOVS.P 4(BW_PTR), F2
	FCVTSD  F2, F2
	FMADDD  F1, F24, F0, F24
	FMADDD  F2, F25, F0, F25
	SUB     $1, N
	B       tail

done:
	WORD  $0x4e75d694 // fadd v20.2d, v20.2d, v21.2d
	WORD  $0x4e77d6d6 // fadd v22.2d, v22.2d, v23.2d
	WORD  $0x7e70da80 // faddp d0, v20.2d
	WORD  $0x7e70dac1 // faddp d1, v22.2d
	FADDD F24, F0, F0
	FADDD F25, F1, F1
	FMOVD F0, ret+72(FP)
	FMOVD F1, ret1+80(FP)
	RET

// fsamPerturb, fsamPerturb32: saved[i] = w[i]; d = fma(nsigma, m[i], g[i]);
// w[i] = fma(s, d, w[i]); next[i] = fma(lambda, m[i], oml·g[i]); g[i] = 0
// with flZeroG (body variants_neon_fsamperturb_arm64.h, a copy for each
// setting of flZeroG). V28..V31 hold s, nsigma, lambda, oml. Two registers
// per iteration, then one, then one element at a time.
#undef XW_PTR
#undef AW_PTR
#undef BW_PTR
#undef K_PTR
#undef Z_PTR
#undef FLAGS
#define W_PTR  R0
#define G_PTR  R1
#define M_PTR  R2
#define S_PTR  R3
#define NX_PTR R4
#define Z_PTR  R5
#define FLAGS  R6

#include "f64_arm64.h"

// func fsamPerturbNEON(w, g, m, saved, next []float64, s, nsigma, lambda, oml float64, flags int, nt bool)
TEXT ·fsamPerturbNEON(SB), NOSPLIT, $0-161
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  g_base+24(FP), G_PTR
	MOVD  m_base+48(FP), M_PTR
	MOVD  saved_base+72(FP), S_PTR
	MOVD  next_base+96(FP), NX_PTR
	MOVD  G_PTR, Z_PTR
	FMOVD s+120(FP), F28
	VDUP  V28.D[0], V28.D2
	FMOVD nsigma+128(FP), F29
	VDUP  V29.D[0], V29.D2
	FMOVD lambda+136(FP), F30
	VDUP  V30.D[0], V30.D2
	FMOVD oml+144(FP), F31
	VDUP  V31.D[0], V31.D2
	MOVD  flags+152(FP), FLAGS
	TBNZ  $0, FLAGS, zero
	B     fsam64<>(SB)
zero:
	B     fsam64_z<>(SB)

TEXT fsam64<>(SB), NOSPLIT, $0-0
#include "variants_neon_fsamperturb_arm64.h"
	RET

#define FSAM_ZERO
TEXT fsam64_z<>(SB), NOSPLIT, $0-0
#include "variants_neon_fsamperturb_arm64.h"
	RET
#undef FSAM_ZERO

#include "f32_arm64.h"

// func fsamPerturb32NEON(w, g, m, saved, next []float32, s, nsigma, lambda, oml float32, flags int, nt bool)
TEXT ·fsamPerturb32NEON(SB), NOSPLIT, $0-145
	MOVD  w_base+0(FP), W_PTR
	MOVD  w_len+8(FP), N
	MOVD  g_base+24(FP), G_PTR
	MOVD  m_base+48(FP), M_PTR
	MOVD  saved_base+72(FP), S_PTR
	MOVD  next_base+96(FP), NX_PTR
	MOVD  G_PTR, Z_PTR
	FMOVS s+120(FP), F28
	VDUP  V28.S[0], V28.S4
	FMOVS nsigma+124(FP), F29
	VDUP  V29.S[0], V29.S4
	FMOVS lambda+128(FP), F30
	VDUP  V30.S[0], V30.S4
	FMOVS oml+132(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  flags+136(FP), FLAGS
	TBNZ  $0, FLAGS, zero
	B     fsam32<>(SB)
zero:
	B     fsam32_z<>(SB)

TEXT fsam32<>(SB), NOSPLIT, $0-0
#include "variants_neon_fsamperturb_arm64.h"
	RET

#define FSAM_ZERO
TEXT fsam32_z<>(SB), NOSPLIT, $0-0
#include "variants_neon_fsamperturb_arm64.h"
	RET
#undef FSAM_ZERO
