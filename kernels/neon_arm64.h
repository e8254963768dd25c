// Shared definitions of the NEON (Advanced SIMD) kernels (*_neon_arm64.s).
//
// Conventions for every routine at this level:
// - VLD1/VST1 are unaligned-safe (Go slices are only 8-byte aligned), with
//   post-increment;
// - main loops take four or eight 128-bit registers per stream, then a
//   loop of one register, then a scalar tail (fewer elements than one
//   register) with the scalar FMADD, so nothing past a slice is touched
//   and the rounding matches the vector body;
// - VFMLA Vm, Vn, Vd is Vd += Vn·Vm, so the addend of each fma is the
//   register that receives it; FMADDD Fm, Fa, Fn, Fd is Fd = Fn·Fm + Fa;
// - vector FADD, FADDP, FMUL, FABS, FSQRT, FDIV and FCVTL/FCVTL2 have no
//   mnemonic in Go's arm64 assembler and are written as WORDs, each with
//   its instruction in the comment; neon_words_test.go decodes every one
//   and compares. VADD is an integer add and must not be used on floats.
//   In a body written for both float types the WORD is
//   $(encoding|SZ), the float32 encoding with the size bit of
//   f64_arm64.h or f32_arm64.h, and its comment names the arrangement .T
//   (2d or 4s), the pairwise arrangement .P (2d or 2s) and the scalar
//   registers tN (dN or sN);
// - the routines are leaves (frame $0, no calls) and use only R0-R15 and
//   V0-V31, all scratch in Go's arm64 ABI.
// Labels are lower_snake_case and local to their routine.

// ZERO8 zeroes the accumulators V0..V7 (+0, so an all -0 input sums to +0
// as in the reference loop).
#define ZERO8 \
	VEOR V0.B16, V0.B16, V0.B16 \
	VEOR V1.B16, V1.B16, V1.B16 \
	VEOR V2.B16, V2.B16, V2.B16 \
	VEOR V3.B16, V3.B16, V3.B16 \
	VEOR V4.B16, V4.B16, V4.B16 \
	VEOR V5.B16, V5.B16, V5.B16 \
	VEOR V6.B16, V6.B16, V6.B16 \
	VEOR V7.B16, V7.B16, V7.B16
