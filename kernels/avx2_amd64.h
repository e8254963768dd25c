// Shared definitions of the AVX2 + FMA3 kernels (*_avx2_amd64.s).
//
// Conventions for every routine at this level:
// - unaligned loads and stores (Go slices are only 8-byte aligned);
// - the tail (fewer elements than one vector) runs one element at a time
//   with the scalar FMA, so nothing past a slice is touched and the
//   rounding matches the vector body. Scalar operands are loaded with
//   VMOVSD/VMOVSS first rather than folded into the arithmetic: QEMU's
//   TCG (the Haswell model of the CI) reads 16 bytes for a folded m64
//   operand and faults at a guard page, hardware does not, and the cost
//   is the same;
// - a VEX scalar operation clears the upper half of its YMM destination, so
//   a scalar tail that runs while vector accumulators are live (Level 2)
//   has scalar accumulators of its own;
// - VZEROUPPER before RET.
// Labels are lower_snake_case and local to their routine.

// VEC is the vector size in bytes (YMM). VR10..VR13 name the vector
// registers of that number (Y here, Z on AVX-512) for the bodies shared by
// both levels.
#define VEC  32
#define VR10 Y10
#define VR11 Y11
#define VR12 Y12
#define VR13 Y13

// ZERO8 zeroes the accumulators Y0..Y7.
#define ZERO8 \
	VXORPD Y0, Y0, Y0 \
	VXORPD Y1, Y1, Y1 \
	VXORPD Y2, Y2, Y2 \
	VXORPD Y3, Y3, Y3 \
	VXORPD Y4, Y4, Y4 \
	VXORPD Y5, Y5, Y5 \
	VXORPD Y6, Y6, Y6 \
	VXORPD Y7, Y7, Y7

// HSUMY(y, x, t) sums the lanes of the YMM y (x its XMM) into lane 0 of
// x: the halves, then HADDX; t (an XMM) is clobbered.
#define HSUMY(y, x, t) \
	VEXTRACTF128 $1, y, t \
	VADDP        t, x, x  \
	HADDX(x, t)

// REDUCE8 folds Y0..Y7 into lane 0 of X0: ((0+1)+(2+3))+((4+5)+(6+7)),
// then the lanes (HSUMY).
#define REDUCE8 \
	VADDP Y1, Y0, Y0 \
	VADDP Y3, Y2, Y2 \
	VADDP Y5, Y4, Y4 \
	VADDP Y7, Y6, Y6 \
	VADDP Y2, Y0, Y0 \
	VADDP Y6, Y4, Y4 \
	VADDP Y4, Y0, Y0 \
	HSUMY(Y0, X0, X1)

// STREAM_AHEAD is how many bytes ahead of the element index the streaming
// loops (nt, which only vectors beyond the caches reach) prefetch each
// stream they read, one PREFETCHT0 per stream per iteration (the
// one-vector loops ask for each line twice; a second pass over a line
// that is on its way costs less than a branch to skip it). On a Zen 3
// SGDStep32 over 16M elements went from 1.13× to 0.96–1.07× of its stream
// probe with it: the hardware prefetchers alone keep too few lines in
// flight for these loops. The roofline's probes have prefetching twins
// (bench/internal/roofline), so the bound still holds.
#define STREAM_AHEAD 1024

// STREAM_HEAD(p, plain) starts a fused kernel whose vector at p may be
// streamed (fused_avx2_amd64.s): I = 0 and LIMIT = N, and without NT a
// jump to the plain loop. With NT, LIMIT = the elements from p to its
// next 64-byte boundary, at most N, and a jump to the element-at-a-time
// tail, which runs them (it stops at LIMIT); STREAM_RESUME at the tail's
// exit then resumes at the streaming loop, nt, with LIMIT = N. Uses N, I,
// NT and LIMIT.
#define STREAM_HEAD(p, plain) \
	XORQ    I, I            \
	MOVQ    N, LIMIT        \
	TESTQ   NT, NT          \
	JZ      plain           \
	MOVQ    p, LIMIT        \
	NEGQ    LIMIT           \
	ANDQ    $63, LIMIT      \
	SHRQ    $LOGELEM, LIMIT \
	CMPQ    LIMIT, N        \
	CMOVQGT N, LIMIT        \
	JMP     tail

// STREAM_RESUME is the first thing at the exit of a streaming kernel's
// tail (STREAM_HEAD): after the head (LIMIT < N) it sets LIMIT = N and
// resumes at nt; at the end it falls through.
#define STREAM_RESUME \
	CMPQ LIMIT, N \
	JAE  resumed  \
	MOVQ N, LIMIT \
	JMP  nt       \
resumed:

// STREAM_FENCE orders the non-temporal stores (with NT) before the kernel
// returns, as memmove does.
#define STREAM_FENCE \
	TESTQ NT, NT \
	JZ    fenced \
	SFENCE       \
fenced:

// STREAM_END ends a streaming kernel that returns nothing: STREAM_RESUME,
// STREAM_FENCE, VZEROUPPER.
#define STREAM_END \
	STREAM_RESUME \
	STREAM_FENCE  \
	VZEROUPPER
