//go:build !purego && !noasm

#include "textflag.h"

// MIX is roofline.Mix as a signed immediate: the Weyl step every
// accumulator's 64-bit lanes get once per block, before they are stored.
#define MIX -0x61C8864680B583EB

// The roofline probes: loops that do nothing but the one thing they measure,
// with enough independent work that nothing else can limit them. See
// roofline.go for what each is used for.

// func streamAsm(srcs *uintptr, nsrc int, dsts *uintptr, ndst int, inplace int, nbytes int, nt bool, sink *byte)
//
// Per 256-byte block at offset off: Y0..Y7 ^= the block of each of the nsrc
// sources (eight independent XOR chains of one cycle each, 256 bytes of one
// stream before the next: a read stream is never limited by them), then
// each gets MIX added to its 64-bit lanes and is stored to the block of the first inplace sources (ordinary
// stores: the lines were just read) and to the block of each of the ndst
// destinations, with VMOVNTDQ (non-temporal, needs 32-byte alignment) if nt
// and VMOVDQU otherwise. nbytes is a multiple of 256.
TEXT ·streamAsm(SB), NOSPLIT, $0-64
#define BLOCK 256
#define ZERO \
	MOVQ $MIX, CX \
	MOVQ CX, X15 \
	VPBROADCASTQ X15, Y15 \
	VPXOR Y0, Y0, Y0 \
	VPXOR Y1, Y1, Y1 \
	VPXOR Y2, Y2, Y2 \
	VPXOR Y3, Y3, Y3 \
	VPXOR Y4, Y4, Y4 \
	VPXOR Y5, Y5, Y5 \
	VPXOR Y6, Y6, Y6 \
	VPXOR Y7, Y7, Y7
#define XORS(p) \
	VPXOR (p)(AX*1), Y0, Y0 \
	VPXOR 32(p)(AX*1), Y1, Y1 \
	VPXOR 64(p)(AX*1), Y2, Y2 \
	VPXOR 96(p)(AX*1), Y3, Y3 \
	VPXOR 128(p)(AX*1), Y4, Y4 \
	VPXOR 160(p)(AX*1), Y5, Y5 \
	VPXOR 192(p)(AX*1), Y6, Y6 \
	VPXOR 224(p)(AX*1), Y7, Y7
#define MIXES \
	VPADDQ Y15, Y0, Y0 \
	VPADDQ Y15, Y1, Y1 \
	VPADDQ Y15, Y2, Y2 \
	VPADDQ Y15, Y3, Y3 \
	VPADDQ Y15, Y4, Y4 \
	VPADDQ Y15, Y5, Y5 \
	VPADDQ Y15, Y6, Y6 \
	VPADDQ Y15, Y7, Y7
#define STORES(p) \
	VMOVDQU Y0, (p)(AX*1) \
	VMOVDQU Y1, 32(p)(AX*1) \
	VMOVDQU Y2, 64(p)(AX*1) \
	VMOVDQU Y3, 96(p)(AX*1) \
	VMOVDQU Y4, 128(p)(AX*1) \
	VMOVDQU Y5, 160(p)(AX*1) \
	VMOVDQU Y6, 192(p)(AX*1) \
	VMOVDQU Y7, 224(p)(AX*1)
#define NTSTORES(p) \
	VMOVNTDQ Y0, (p)(AX*1) \
	VMOVNTDQ Y1, 32(p)(AX*1) \
	VMOVNTDQ Y2, 64(p)(AX*1) \
	VMOVNTDQ Y3, 96(p)(AX*1) \
	VMOVNTDQ Y4, 128(p)(AX*1) \
	VMOVNTDQ Y5, 160(p)(AX*1) \
	VMOVNTDQ Y6, 192(p)(AX*1) \
	VMOVNTDQ Y7, 224(p)(AX*1)
#include "stream_amd64.h"
#undef BLOCK
#undef ZERO
#undef XORS
#undef MIXES
#undef STORES
#undef NTSTORES

// func stream512Asm(srcs *uintptr, nsrc int, dsts *uintptr, ndst int, inplace int, nbytes int, nt bool, sink *byte)
//
// streamAsm on ZMM registers: 512-byte blocks, Z0..Z7, VPXORQ, VMOVDQU64
// and VMOVNTDQ (64-byte alignment for nt). nbytes is a multiple of 512.
TEXT ·stream512Asm(SB), NOSPLIT, $0-64
#define BLOCK 512
#define ZERO \
	MOVQ $MIX, CX \
	MOVQ CX, X15 \
	VPBROADCASTQ X15, Z31 \
	VPXORQ Z0, Z0, Z0 \
	VPXORQ Z1, Z1, Z1 \
	VPXORQ Z2, Z2, Z2 \
	VPXORQ Z3, Z3, Z3 \
	VPXORQ Z4, Z4, Z4 \
	VPXORQ Z5, Z5, Z5 \
	VPXORQ Z6, Z6, Z6 \
	VPXORQ Z7, Z7, Z7
#define XORS(p) \
	VPXORQ (p)(AX*1), Z0, Z0 \
	VPXORQ 64(p)(AX*1), Z1, Z1 \
	VPXORQ 128(p)(AX*1), Z2, Z2 \
	VPXORQ 192(p)(AX*1), Z3, Z3 \
	VPXORQ 256(p)(AX*1), Z4, Z4 \
	VPXORQ 320(p)(AX*1), Z5, Z5 \
	VPXORQ 384(p)(AX*1), Z6, Z6 \
	VPXORQ 448(p)(AX*1), Z7, Z7
#define MIXES \
	VPADDQ Z31, Z0, Z0 \
	VPADDQ Z31, Z1, Z1 \
	VPADDQ Z31, Z2, Z2 \
	VPADDQ Z31, Z3, Z3 \
	VPADDQ Z31, Z4, Z4 \
	VPADDQ Z31, Z5, Z5 \
	VPADDQ Z31, Z6, Z6 \
	VPADDQ Z31, Z7, Z7
#define STORES(p) \
	VMOVDQU64 Z0, (p)(AX*1) \
	VMOVDQU64 Z1, 64(p)(AX*1) \
	VMOVDQU64 Z2, 128(p)(AX*1) \
	VMOVDQU64 Z3, 192(p)(AX*1) \
	VMOVDQU64 Z4, 256(p)(AX*1) \
	VMOVDQU64 Z5, 320(p)(AX*1) \
	VMOVDQU64 Z6, 384(p)(AX*1) \
	VMOVDQU64 Z7, 448(p)(AX*1)
#define NTSTORES(p) \
	VMOVNTDQ Z0, (p)(AX*1) \
	VMOVNTDQ Z1, 64(p)(AX*1) \
	VMOVNTDQ Z2, 128(p)(AX*1) \
	VMOVNTDQ Z3, 192(p)(AX*1) \
	VMOVNTDQ Z4, 256(p)(AX*1) \
	VMOVNTDQ Z5, 320(p)(AX*1) \
	VMOVNTDQ Z6, 384(p)(AX*1) \
	VMOVNTDQ Z7, 448(p)(AX*1)
#include "stream_amd64.h"
#undef BLOCK
#undef ZERO
#undef XORS
#undef MIXES
#undef STORES
#undef NTSTORES

// func stream512sAsm(srcs *uintptr, nsrc int, dsts *uintptr, ndst int, inplace int, nbytes int, nt bool, sink *byte)
//
// stream512Asm with runs of 256 bytes per stream (Z0..Z3): the kernels'
// run length, which reads several streams faster than 512.
TEXT ·stream512sAsm(SB), NOSPLIT, $0-64
#define BLOCK 256
#define ZERO \
	MOVQ $MIX, CX \
	MOVQ CX, X15 \
	VPBROADCASTQ X15, Z31 \
	VPXORQ Z0, Z0, Z0 \
	VPXORQ Z1, Z1, Z1 \
	VPXORQ Z2, Z2, Z2 \
	VPXORQ Z3, Z3, Z3
#define XORS(p) \
	VPXORQ (p)(AX*1), Z0, Z0 \
	VPXORQ 64(p)(AX*1), Z1, Z1 \
	VPXORQ 128(p)(AX*1), Z2, Z2 \
	VPXORQ 192(p)(AX*1), Z3, Z3
#define MIXES \
	VPADDQ Z31, Z0, Z0 \
	VPADDQ Z31, Z1, Z1 \
	VPADDQ Z31, Z2, Z2 \
	VPADDQ Z31, Z3, Z3
#define STORES(p) \
	VMOVDQU64 Z0, (p)(AX*1) \
	VMOVDQU64 Z1, 64(p)(AX*1) \
	VMOVDQU64 Z2, 128(p)(AX*1) \
	VMOVDQU64 Z3, 192(p)(AX*1)
#define NTSTORES(p) \
	VMOVNTDQ Z0, (p)(AX*1) \
	VMOVNTDQ Z1, 64(p)(AX*1) \
	VMOVNTDQ Z2, 128(p)(AX*1) \
	VMOVNTDQ Z3, 192(p)(AX*1)
#include "stream_amd64.h"
#undef BLOCK
#undef ZERO
#undef XORS
#undef MIXES
#undef STORES
#undef NTSTORES

// func fma256(iters int)
//
// iters times 14 independent VFMADD231PS on YMM registers (Y0..Y13 += Y14·Y15,
// all zero): 14 chains cover two FMA pipes of latency up to 7.
TEXT ·fma256(SB), NOSPLIT, $0-8
	MOVQ  iters+0(FP), CX
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPXOR Y3, Y3, Y3
	VPXOR Y4, Y4, Y4
	VPXOR Y5, Y5, Y5
	VPXOR Y6, Y6, Y6
	VPXOR Y7, Y7, Y7
	VPXOR Y8, Y8, Y8
	VPXOR Y9, Y9, Y9
	VPXOR Y10, Y10, Y10
	VPXOR Y11, Y11, Y11
	VPXOR Y12, Y12, Y12
	VPXOR Y13, Y13, Y13
	VPXOR Y14, Y14, Y14
	VPXOR Y15, Y15, Y15
	TESTQ CX, CX
	JLE   fma256done

fma256loop:
	VFMADD231PS Y14, Y15, Y0
	VFMADD231PS Y14, Y15, Y1
	VFMADD231PS Y14, Y15, Y2
	VFMADD231PS Y14, Y15, Y3
	VFMADD231PS Y14, Y15, Y4
	VFMADD231PS Y14, Y15, Y5
	VFMADD231PS Y14, Y15, Y6
	VFMADD231PS Y14, Y15, Y7
	VFMADD231PS Y14, Y15, Y8
	VFMADD231PS Y14, Y15, Y9
	VFMADD231PS Y14, Y15, Y10
	VFMADD231PS Y14, Y15, Y11
	VFMADD231PS Y14, Y15, Y12
	VFMADD231PS Y14, Y15, Y13
	DECQ        CX
	JNZ         fma256loop

fma256done:
	VZEROUPPER
	RET

// func fma512(iters int)
//
// iters times 24 independent VFMADD231PS on ZMM registers (Z0..Z23 +=
// Z30·Z31, all zero): 24 chains cover two FMA pipes of latency up to 12.
TEXT ·fma512(SB), NOSPLIT, $0-8
	MOVQ    iters+0(FP), CX
	VPXORQ  Z0, Z0, Z0
	VPXORQ  Z1, Z1, Z1
	VPXORQ  Z2, Z2, Z2
	VPXORQ  Z3, Z3, Z3
	VPXORQ  Z4, Z4, Z4
	VPXORQ  Z5, Z5, Z5
	VPXORQ  Z6, Z6, Z6
	VPXORQ  Z7, Z7, Z7
	VPXORQ  Z8, Z8, Z8
	VPXORQ  Z9, Z9, Z9
	VPXORQ  Z10, Z10, Z10
	VPXORQ  Z11, Z11, Z11
	VPXORQ  Z12, Z12, Z12
	VPXORQ  Z13, Z13, Z13
	VPXORQ  Z14, Z14, Z14
	VPXORQ  Z15, Z15, Z15
	VPXORQ  Z16, Z16, Z16
	VPXORQ  Z17, Z17, Z17
	VPXORQ  Z18, Z18, Z18
	VPXORQ  Z19, Z19, Z19
	VPXORQ  Z20, Z20, Z20
	VPXORQ  Z21, Z21, Z21
	VPXORQ  Z22, Z22, Z22
	VPXORQ  Z23, Z23, Z23
	VPXORQ  Z30, Z30, Z30
	VPXORQ  Z31, Z31, Z31
	TESTQ   CX, CX
	JLE     fma512done

fma512loop:
	VFMADD231PS Z30, Z31, Z0
	VFMADD231PS Z30, Z31, Z1
	VFMADD231PS Z30, Z31, Z2
	VFMADD231PS Z30, Z31, Z3
	VFMADD231PS Z30, Z31, Z4
	VFMADD231PS Z30, Z31, Z5
	VFMADD231PS Z30, Z31, Z6
	VFMADD231PS Z30, Z31, Z7
	VFMADD231PS Z30, Z31, Z8
	VFMADD231PS Z30, Z31, Z9
	VFMADD231PS Z30, Z31, Z10
	VFMADD231PS Z30, Z31, Z11
	VFMADD231PS Z30, Z31, Z12
	VFMADD231PS Z30, Z31, Z13
	VFMADD231PS Z30, Z31, Z14
	VFMADD231PS Z30, Z31, Z15
	VFMADD231PS Z30, Z31, Z16
	VFMADD231PS Z30, Z31, Z17
	VFMADD231PS Z30, Z31, Z18
	VFMADD231PS Z30, Z31, Z19
	VFMADD231PS Z30, Z31, Z20
	VFMADD231PS Z30, Z31, Z21
	VFMADD231PS Z30, Z31, Z22
	VFMADD231PS Z30, Z31, Z23
	DECQ        CX
	JNZ         fma512loop

fma512done:
	VZEROUPPER
	RET

// func load256(buf *byte, nbytes int, reps int)
//
// reps passes over buf (nbytes, a multiple of 256, in L1), eight 32-byte
// loads per 256 bytes into eight registers nothing reads: only the load
// ports limit it.
TEXT ·load256(SB), NOSPLIT, $0-24
	MOVQ buf+0(FP), SI
	MOVQ nbytes+8(FP), DX
	MOVQ reps+16(FP), R9
	TESTQ DX, DX
	JLE  load256done
	TESTQ R9, R9
	JLE  load256done

load256rep:
	XORQ AX, AX

load256loop:
	VMOVDQU (SI)(AX*1), Y0
	VMOVDQU 32(SI)(AX*1), Y1
	VMOVDQU 64(SI)(AX*1), Y2
	VMOVDQU 96(SI)(AX*1), Y3
	VMOVDQU 128(SI)(AX*1), Y4
	VMOVDQU 160(SI)(AX*1), Y5
	VMOVDQU 192(SI)(AX*1), Y6
	VMOVDQU 224(SI)(AX*1), Y7
	ADDQ    $256, AX
	CMPQ    AX, DX
	JB      load256loop
	DECQ    R9
	JNZ     load256rep

load256done:
	VZEROUPPER
	RET

// func load512(buf *byte, nbytes int, reps int)
//
// load256 with 64-byte loads: eight per 512 bytes (nbytes a multiple of 512).
TEXT ·load512(SB), NOSPLIT, $0-24
	MOVQ buf+0(FP), SI
	MOVQ nbytes+8(FP), DX
	MOVQ reps+16(FP), R9
	TESTQ DX, DX
	JLE  load512done
	TESTQ R9, R9
	JLE  load512done

load512rep:
	XORQ AX, AX

load512loop:
	VMOVDQU64 (SI)(AX*1), Z0
	VMOVDQU64 64(SI)(AX*1), Z1
	VMOVDQU64 128(SI)(AX*1), Z2
	VMOVDQU64 192(SI)(AX*1), Z3
	VMOVDQU64 256(SI)(AX*1), Z4
	VMOVDQU64 320(SI)(AX*1), Z5
	VMOVDQU64 384(SI)(AX*1), Z6
	VMOVDQU64 448(SI)(AX*1), Z7
	ADDQ      $512, AX
	CMPQ      AX, DX
	JB        load512loop
	DECQ      R9
	JNZ       load512rep

load512done:
	VZEROUPPER
	RET
