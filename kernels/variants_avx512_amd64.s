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
#define FL_ZEROG 1
#define FL_KEEP  16
#define FL_NT2   32

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
