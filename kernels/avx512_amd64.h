// Shared definitions of the AVX-512 kernels (*_avx512_amd64.s).
//
// Conventions for every routine at this level:
// - only AVX-512 F instructions on ZMM registers (no DQ/BW/VL); unaligned
//   loads and stores (Go slices are only 8-byte aligned);
// - tails of less than one vector are read and written with an opmask,
//   whose masked-off lanes are neither read nor written and cannot fault
//   (reductions, matrix kernels, fused kernels); the element-wise Level-1
//   kernels instead finish with one YMM, one XMM and one scalar step as the
//   remaining length's bits say: exact-width loads and stores, cheaper than
//   a masked store for the short vectors where the tail dominates;
// - reductions keep eight ZMM accumulators in their main loop, enough for
//   two FMA ports with four cycles of latency, and fold them only if that
//   loop ran, so short vectors do not pay for it;
// - VZEROUPPER before RET.
// Labels are lower_snake_case and local to their routine.

// VEC is the vector size in bytes (ZMM). VR10..VR13 name the vector
// registers of that number (Z here, Y on AVX2) for the bodies shared by
// both levels; AVX512 tells those bodies which level they are in.
#define AVX512
#define VEC  64
#define VR10 Z10
#define VR11 Z11
#define VR12 Z12
#define VR13 Z13

// MASK sets K1 to the low n bits, n in CX (0 <= n < 16). Clobbers AX.
#define MASK \
	MOVQ  $1, AX \
	SHLQ  CX, AX \
	DECQ  AX     \
	KMOVW AX, K1

// ZERO2_7 zeroes the accumulators Z2..Z7 that the main loop of a reduction
// adds to Z0 and Z1 (VEX zeroing clears the whole ZMM).
#define ZERO2_7 \
	VXORPD Y2, Y2, Y2 \
	VXORPD Y3, Y3, Y3 \
	VXORPD Y4, Y4, Y4 \
	VXORPD Y5, Y5, Y5 \
	VXORPD Y6, Y6, Y6 \
	VXORPD Y7, Y7, Y7

// FOLD8 folds Z0..Z7 into Z0: ((0+1)+(2+3))+((4+5)+(6+7)); Z1 is zeroed
// again for the masked tail.
#define FOLD8 \
	VADDP  Z1, Z0, Z0 \
	VADDP  Z3, Z2, Z2 \
	VADDP  Z5, Z4, Z4 \
	VADDP  Z7, Z6, Z6 \
	VADDP  Z2, Z0, Z0 \
	VADDP  Z6, Z4, Z4 \
	VADDP  Z4, Z0, Z0 \
	VXORPD Y1, Y1, Y1

// HSUMZ(z, y, x, ty, tx) sums the lanes of the ZMM z (with y and x its
// YMM and XMM) into lane 0 of x: halves, then quarters, then HADDX; ty
// and tx (a YMM and its XMM) are clobbered.
#define HSUMZ(z, y, x, ty, tx) \
	VEXTRACTF64X4 $1, z, ty \
	VADDP         ty, y, y  \
	VEXTRACTF128  $1, y, tx \
	VADDP         tx, x, x  \
	HADDX(x, tx)

// HSUM adds Z1 (a reduction's masked tail) to Z0 and sums the lanes of Z0
// into lane 0 of X0.
#define HSUM \
	VADDP Z1, Z0, Z0 \
	HSUMZ(Z0, Y0, X0, Y1, X1)

// SUM4Z adds four rows' accumulators, row r in Z(2r) and Z(2r+1), into
// lane r of Q1: each row's pair, its halves (ZMM to YMM), then SUM4.
#define SUM4Z \
	VADDP         Z1, Z0, Z0 \
	VADDP         Z3, Z2, Z2 \
	VADDP         Z5, Z4, Z4 \
	VADDP         Z7, Z6, Z6 \
	VEXTRACTF64X4 $1, Z0, Y1 \
	VADDP         Y1, Y0, Y0 \
	VEXTRACTF64X4 $1, Z2, Y3 \
	VADDP         Y3, Y2, Y2 \
	VEXTRACTF64X4 $1, Z4, Y5 \
	VADDP         Y5, Y4, Y4 \
	VEXTRACTF64X4 $1, Z6, Y7 \
	VADDP         Y7, Y6, Y6 \
	SUM4

// STREAM_HEAD(p) starts a fused kernel whose vector at p may be streamed
// (fused_avx512_amd64.s): K1 = the tail's mask, I = 0, and without NT a
// jump to the plain loop, two. With NT, HEAD = the elements from p to its
// next 64-byte boundary, at most N: none jumps to the streaming loop, nt;
// otherwise K1 = the head's mask for the masked step that follows, which
// ends with STREAM_HEAD_END. Uses N, NEXT, I, NT and HEAD.
#define STREAM_HEAD(p) \
	MOVQ    N, NEXT          \
	ANDQ    $(LANES-1), NEXT \
	MASK                     \
	XORQ    I, I             \
	TESTQ   NT, NT           \
	JZ      two              \
	MOVQ    p, NEXT          \
	NEGQ    NEXT             \
	ANDQ    $63, NEXT        \
	SHRQ    $LOGELEM, NEXT   \
	CMPQ    NEXT, N          \
	CMOVQGT N, NEXT          \
	MOVQ    NEXT, HEAD       \
	TESTQ   NEXT, NEXT       \
	JZ      nt               \
	MASK                     \
	XORQ    I, I

// STREAM_HEAD_END follows the head's masked step: I = HEAD and K1 = the
// mask of the tail that remains after it.
#define STREAM_HEAD_END \
	MOVQ HEAD, I          \
	MOVQ N, NEXT          \
	SUBQ I, NEXT          \
	ANDQ $(LANES-1), NEXT \
	MOVQ I, HEAD          \
	MASK                  \
	MOVQ HEAD, I
