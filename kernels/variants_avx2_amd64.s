//go:build !purego && !noasm

#include "textflag.h"
#include "avx2_amd64.h"

// The SAM variants' fused kernels for AVX2 + FMA3 (conventions in
// avx2_amd64.h; the sequences in variants.go, the references in
// variants_generic.go). Each kernel's extras (flags, variants.go) select,
// once per call, one of several copies of its loops, each the body of the
// fused kernel it extends compiled with the extras it needs (#ifdef in the
// body), so the hot loops test no flag. The entry loads the registers and
// jumps to its copy, a static routine that returns to the caller. No
// non-temporal stores at this level: nt is ignored.

// The bits of flags (variants.go; TestVariantFlags checks them).
#define FL_ZEROG 1
#define FL_KEEP  16

// Registers of every routine here (those of fused_avx2_amd64.s, and more).
#define W_PTR  SI  // w
#define N      R13 // len(w)
#define G_PTR  DI  // g
#define S_PTR  R8  // saved
#define K_PTR  R11 // keep
#define I      AX  // the element index
#define NEXT   CX  // I plus a block, against N
#define FLAGS  DX  // flags

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
