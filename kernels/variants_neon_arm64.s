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
#define FL_ZEROG 1
#define FL_KEEP  16

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
