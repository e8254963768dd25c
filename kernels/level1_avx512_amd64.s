//go:build !purego && !noasm

#include "textflag.h"

// AVX-512 F kernels. Conventions for every routine here:
// - unaligned loads and stores (Go slices are only 8-byte aligned);
// - reductions keep eight ZMM accumulators in their main loop, enough for two
//   FMA ports with four cycles of latency, and fold them only if that loop
//   ran, so short vectors do not pay for it; their tail (less than one
//   vector) is read with an opmask, whose masked-off lanes are not read and
//   cannot fault;
// - element-wise kernels finish with one YMM, one XMM and one scalar step as
//   the remaining length's bits say: exact-width loads and stores, cheaper
//   than a masked store for the short vectors where the tail dominates;
// - VZEROUPPER before RET.
// Only AVX-512 F instructions are used on ZMM registers (no DQ/BW/VL).

// MASK sets K1 to the low n bits, n in CX (0 < n < 16). Clobbers AX.
#define MASK \
	MOVQ  $1, AX \
	SHLQ  CX, AX \
	DECQ  AX     \
	KMOVW AX, K1

// Zero the accumulators the main loop adds to Z0 (VEX zeroing clears the
// whole ZMM).
#define ZERO2_7 \
	VXORPD Y2, Y2, Y2 \
	VXORPD Y3, Y3, Y3 \
	VXORPD Y4, Y4, Y4 \
	VXORPD Y5, Y5, Y5 \
	VXORPD Y6, Y6, Y6 \
	VXORPD Y7, Y7, Y7

// Fold Z0..Z7 into Z0: ((0+1)+(2+3))+((4+5)+(6+7)); Z1 is zeroed again for
// the tail.
#define FOLD8(op) \
	op     Z1, Z0, Z0 \
	op     Z3, Z2, Z2 \
	op     Z5, Z4, Z4 \
	op     Z7, Z6, Z6 \
	op     Z2, Z0, Z0 \
	op     Z6, Z4, Z4 \
	op     Z4, Z0, Z0 \
	VXORPD Y1, Y1, Y1

// Add Z1 to Z0 and sum the lanes of Z0 into X0, float64.
#define HSUM_PD \
	VADDPD        Z1, Z0, Z0 \
	VEXTRACTF64X4 $1, Z0, Y1 \
	VADDPD        Y1, Y0, Y0 \
	VEXTRACTF128  $1, Y0, X1 \
	VADDPD        X1, X0, X0 \
	VPERMILPD     $1, X0, X1 \
	VADDSD        X1, X0, X0

// The same for float32 lanes.
#define HSUM_PS \
	VADDPS        Z1, Z0, Z0 \
	VEXTRACTF64X4 $1, Z0, Y1 \
	VADDPS        Y1, Y0, Y0 \
	VEXTRACTF128  $1, Y0, X1 \
	VADDPS        X1, X0, X0 \
	VPERMILPS     $0x0e, X0, X1 \
	VADDPS        X1, X0, X0 \
	VPERMILPS     $0x01, X0, X1 \
	VADDSS        X1, X0, X0

// func dotAVX512(x, y []float64) float64
TEXT ·dotAVX512(SB), NOSPLIT, $0-56
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   CX, $64
	JB     dot_v
	ZERO2_7

dot_loop:
	VMOVUPD     (SI), Z8
	VMOVUPD     64(SI), Z9
	VMOVUPD     128(SI), Z10
	VMOVUPD     192(SI), Z11
	VMOVUPD     256(SI), Z12
	VMOVUPD     320(SI), Z13
	VMOVUPD     384(SI), Z14
	VMOVUPD     448(SI), Z15
	VFMADD231PD (DI), Z8, Z0
	VFMADD231PD 64(DI), Z9, Z1
	VFMADD231PD 128(DI), Z10, Z2
	VFMADD231PD 192(DI), Z11, Z3
	VFMADD231PD 256(DI), Z12, Z4
	VFMADD231PD 320(DI), Z13, Z5
	VFMADD231PD 384(DI), Z14, Z6
	VFMADD231PD 448(DI), Z15, Z7
	ADDQ        $512, SI
	ADDQ        $512, DI
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         dot_loop
	FOLD8(VADDPD)

dot_v:
	CMPQ        CX, $8
	JB          dot_tail
	VMOVUPD     (SI), Z8
	VFMADD231PD (DI), Z8, Z0
	ADDQ        $64, SI
	ADDQ        $64, DI
	SUBQ        $8, CX
	JMP         dot_v

dot_tail:
	TESTQ       CX, CX
	JZ          dot_done
	MASK
	VMOVUPD.Z   (SI), K1, Z8
	VMOVUPD.Z   (DI), K1, Z9
	VFMADD231PD Z9, Z8, Z1

dot_done:
	HSUM_PD
	VZEROUPPER
	MOVSD  X0, ret+48(FP)
	RET

// func dot32AVX512(x, y []float32) float32
TEXT ·dot32AVX512(SB), NOSPLIT, $0-52
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   CX, $128
	JB     dot32_v
	ZERO2_7

dot32_loop:
	VMOVUPS     (SI), Z8
	VMOVUPS     64(SI), Z9
	VMOVUPS     128(SI), Z10
	VMOVUPS     192(SI), Z11
	VMOVUPS     256(SI), Z12
	VMOVUPS     320(SI), Z13
	VMOVUPS     384(SI), Z14
	VMOVUPS     448(SI), Z15
	VFMADD231PS (DI), Z8, Z0
	VFMADD231PS 64(DI), Z9, Z1
	VFMADD231PS 128(DI), Z10, Z2
	VFMADD231PS 192(DI), Z11, Z3
	VFMADD231PS 256(DI), Z12, Z4
	VFMADD231PS 320(DI), Z13, Z5
	VFMADD231PS 384(DI), Z14, Z6
	VFMADD231PS 448(DI), Z15, Z7
	ADDQ        $512, SI
	ADDQ        $512, DI
	SUBQ        $128, CX
	CMPQ        CX, $128
	JAE         dot32_loop
	FOLD8(VADDPS)

dot32_v:
	CMPQ        CX, $16
	JB          dot32_tail
	VMOVUPS     (SI), Z8
	VFMADD231PS (DI), Z8, Z0
	ADDQ        $64, SI
	ADDQ        $64, DI
	SUBQ        $16, CX
	JMP         dot32_v

dot32_tail:
	TESTQ       CX, CX
	JZ          dot32_done
	MASK
	VMOVUPS.Z   (SI), K1, Z8
	VMOVUPS.Z   (DI), K1, Z9
	VFMADD231PS Z9, Z8, Z1

dot32_done:
	HSUM_PS
	VZEROUPPER
	MOVSS  X0, ret+48(FP)
	RET

// func sumSqAVX512(x []float64) float64
TEXT ·sumSqAVX512(SB), NOSPLIT, $0-32
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   CX, $64
	JB     sumSq_v
	ZERO2_7

sumSq_loop:
	VMOVUPD     (SI), Z8
	VMOVUPD     64(SI), Z9
	VMOVUPD     128(SI), Z10
	VMOVUPD     192(SI), Z11
	VMOVUPD     256(SI), Z12
	VMOVUPD     320(SI), Z13
	VMOVUPD     384(SI), Z14
	VMOVUPD     448(SI), Z15
	VFMADD231PD Z8, Z8, Z0
	VFMADD231PD Z9, Z9, Z1
	VFMADD231PD Z10, Z10, Z2
	VFMADD231PD Z11, Z11, Z3
	VFMADD231PD Z12, Z12, Z4
	VFMADD231PD Z13, Z13, Z5
	VFMADD231PD Z14, Z14, Z6
	VFMADD231PD Z15, Z15, Z7
	ADDQ        $512, SI
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         sumSq_loop
	FOLD8(VADDPD)

sumSq_v:
	CMPQ        CX, $8
	JB          sumSq_tail
	VMOVUPD     (SI), Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $64, SI
	SUBQ        $8, CX
	JMP         sumSq_v

sumSq_tail:
	TESTQ       CX, CX
	JZ          sumSq_done
	MASK
	VMOVUPD.Z   (SI), K1, Z8
	VFMADD231PD Z8, Z8, Z1

sumSq_done:
	HSUM_PD
	VZEROUPPER
	MOVSD  X0, ret+24(FP)
	RET

// func sumSq32AVX512(x []float32) float32
TEXT ·sumSq32AVX512(SB), NOSPLIT, $0-28
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   CX, $128
	JB     sumSq32_v
	ZERO2_7

sumSq32_loop:
	VMOVUPS     (SI), Z8
	VMOVUPS     64(SI), Z9
	VMOVUPS     128(SI), Z10
	VMOVUPS     192(SI), Z11
	VMOVUPS     256(SI), Z12
	VMOVUPS     320(SI), Z13
	VMOVUPS     384(SI), Z14
	VMOVUPS     448(SI), Z15
	VFMADD231PS Z8, Z8, Z0
	VFMADD231PS Z9, Z9, Z1
	VFMADD231PS Z10, Z10, Z2
	VFMADD231PS Z11, Z11, Z3
	VFMADD231PS Z12, Z12, Z4
	VFMADD231PS Z13, Z13, Z5
	VFMADD231PS Z14, Z14, Z6
	VFMADD231PS Z15, Z15, Z7
	ADDQ        $512, SI
	SUBQ        $128, CX
	CMPQ        CX, $128
	JAE         sumSq32_loop
	FOLD8(VADDPS)

sumSq32_v:
	CMPQ        CX, $16
	JB          sumSq32_tail
	VMOVUPS     (SI), Z8
	VFMADD231PS Z8, Z8, Z0
	ADDQ        $64, SI
	SUBQ        $16, CX
	JMP         sumSq32_v

sumSq32_tail:
	TESTQ       CX, CX
	JZ          sumSq32_done
	MASK
	VMOVUPS.Z   (SI), K1, Z8
	VFMADD231PS Z8, Z8, Z1

sumSq32_done:
	HSUM_PS
	VZEROUPPER
	MOVSS  X0, ret+24(FP)
	RET

// Eight float32 at a time are widened to float64 as they are loaded; a
// float32 squared is exact in float64, so only the accumulation rounds.
// func sumSqWide32AVX512(x []float32) float64
TEXT ·sumSqWide32AVX512(SB), NOSPLIT, $0-32
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   CX, $64
	JB     sumSqWide32_v
	ZERO2_7

sumSqWide32_loop:
	VCVTPS2PD   (SI), Z8
	VCVTPS2PD   32(SI), Z9
	VCVTPS2PD   64(SI), Z10
	VCVTPS2PD   96(SI), Z11
	VCVTPS2PD   128(SI), Z12
	VCVTPS2PD   160(SI), Z13
	VCVTPS2PD   192(SI), Z14
	VCVTPS2PD   224(SI), Z15
	VFMADD231PD Z8, Z8, Z0
	VFMADD231PD Z9, Z9, Z1
	VFMADD231PD Z10, Z10, Z2
	VFMADD231PD Z11, Z11, Z3
	VFMADD231PD Z12, Z12, Z4
	VFMADD231PD Z13, Z13, Z5
	VFMADD231PD Z14, Z14, Z6
	VFMADD231PD Z15, Z15, Z7
	ADDQ        $256, SI
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         sumSqWide32_loop
	FOLD8(VADDPD)

sumSqWide32_v:
	CMPQ        CX, $8
	JB          sumSqWide32_tail
	VCVTPS2PD   (SI), Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $32, SI
	SUBQ        $8, CX
	JMP         sumSqWide32_v

sumSqWide32_tail:
	TESTQ       CX, CX
	JZ          sumSqWide32_done
	MASK
	VCVTPS2PD.Z (SI), K1, Z8
	VFMADD231PD Z8, Z8, Z1

sumSqWide32_done:
	HSUM_PD
	VZEROUPPER
	MOVSD  X0, ret+24(FP)
	RET

// Σ (scale·x_i)², Norm's rescaled second pass; scale is a power of two.
// func sumSqScaledAVX512(x []float64, scale float64) float64
TEXT ·sumSqScaledAVX512(SB), NOSPLIT, $0-40
	MOVQ         x_base+0(FP), SI
	MOVQ         x_len+8(FP), CX
	VBROADCASTSD scale+24(FP), Z15
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   CX, $64
	JB     sumSqScaled_v
	ZERO2_7

sumSqScaled_loop:
	VMULPD      (SI), Z15, Z8
	VMULPD      64(SI), Z15, Z9
	VMULPD      128(SI), Z15, Z10
	VMULPD      192(SI), Z15, Z11
	VMULPD      256(SI), Z15, Z12
	VMULPD      320(SI), Z15, Z13
	VMULPD      384(SI), Z15, Z14
	VMULPD      448(SI), Z15, Z16
	VFMADD231PD Z8, Z8, Z0
	VFMADD231PD Z9, Z9, Z1
	VFMADD231PD Z10, Z10, Z2
	VFMADD231PD Z11, Z11, Z3
	VFMADD231PD Z12, Z12, Z4
	VFMADD231PD Z13, Z13, Z5
	VFMADD231PD Z14, Z14, Z6
	VFMADD231PD Z16, Z16, Z7
	ADDQ        $512, SI
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         sumSqScaled_loop
	FOLD8(VADDPD)

sumSqScaled_v:
	CMPQ        CX, $8
	JB          sumSqScaled_tail
	VMULPD      (SI), Z15, Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $64, SI
	SUBQ        $8, CX
	JMP         sumSqScaled_v

sumSqScaled_tail:
	TESTQ       CX, CX
	JZ          sumSqScaled_done
	MASK
	VMOVUPD.Z   (SI), K1, Z8
	VMULPD      Z8, Z15, Z8
	VFMADD231PD Z8, Z8, Z1

sumSqScaled_done:
	HSUM_PD
	VZEROUPPER
	MOVSD  X0, ret+32(FP)
	RET

// dst = alpha*x + y, one rounding per element. Each block is loaded before
// it is stored, so dst may be the same slice as x or y.
// func axpyToAVX512(dst []float64, alpha float64, x, y []float64)
TEXT ·axpyToAVX512(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DX
	VBROADCASTSD alpha+24(FP), Z15
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         y_base+56(FP), DI
	CMPQ         CX, $32
	JB           axpyTo_v

axpyTo_loop:
	VMOVUPD (SI), Z0
	VMOVUPD 64(SI), Z1
	VMOVUPD 128(SI), Z2
	VMOVUPD 192(SI), Z3
	VFMADD213PD (DI), Z15, Z0
	VFMADD213PD 64(DI), Z15, Z1
	VFMADD213PD 128(DI), Z15, Z2
	VFMADD213PD 192(DI), Z15, Z3
	VMOVUPD Z0, (DX)
	VMOVUPD Z1, 64(DX)
	VMOVUPD Z2, 128(DX)
	VMOVUPD Z3, 192(DX)
	ADDQ    $256, SI
	ADDQ    $256, DI
	ADDQ    $256, DX
	SUBQ    $32, CX
	CMPQ    CX, $32
	JAE     axpyTo_loop

axpyTo_v:
	CMPQ    CX, $8
	JB      axpyTo_t4
	VMOVUPD (SI), Z0
	VFMADD213PD (DI), Z15, Z0
	VMOVUPD Z0, (DX)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $64, DX
	SUBQ    $8, CX
	JMP     axpyTo_v

axpyTo_t4:
	TESTQ   $4, CX
	JZ      axpyTo_t2
	VMOVUPD     (SI), Y0
	VFMADD213PD (DI), Y15, Y0
	VMOVUPD     Y0, (DX)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX

axpyTo_t2:
	TESTQ   $2, CX
	JZ      axpyTo_t1
	VMOVUPD     (SI), X0
	VFMADD213PD (DI), X15, X0
	VMOVUPD     X0, (DX)
	ADDQ    $16, SI
	ADDQ    $16, DI
	ADDQ    $16, DX

axpyTo_t1:
	TESTQ   $1, CX
	JZ      axpyTo_done
	VMOVSD      (SI), X0
	VMOVSD      (DI), X1
	VFMADD213SD X1, X15, X0
	VMOVSD      X0, (DX)

axpyTo_done:
	VZEROUPPER
	RET

// Two floats go through the XMM step as one 8-byte load and store.
// func axpyTo32AVX512(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32AVX512(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DX
	VBROADCASTSS alpha+24(FP), Z15
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         y_base+56(FP), DI
	CMPQ         CX, $64
	JB           axpyTo32_v

axpyTo32_loop:
	VMOVUPS (SI), Z0
	VMOVUPS 64(SI), Z1
	VMOVUPS 128(SI), Z2
	VMOVUPS 192(SI), Z3
	VFMADD213PS (DI), Z15, Z0
	VFMADD213PS 64(DI), Z15, Z1
	VFMADD213PS 128(DI), Z15, Z2
	VFMADD213PS 192(DI), Z15, Z3
	VMOVUPS Z0, (DX)
	VMOVUPS Z1, 64(DX)
	VMOVUPS Z2, 128(DX)
	VMOVUPS Z3, 192(DX)
	ADDQ    $256, SI
	ADDQ    $256, DI
	ADDQ    $256, DX
	SUBQ    $64, CX
	CMPQ    CX, $64
	JAE     axpyTo32_loop

axpyTo32_v:
	CMPQ    CX, $16
	JB      axpyTo32_t8
	VMOVUPS (SI), Z0
	VFMADD213PS (DI), Z15, Z0
	VMOVUPS Z0, (DX)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $64, DX
	SUBQ    $16, CX
	JMP     axpyTo32_v

axpyTo32_t8:
	TESTQ   $8, CX
	JZ      axpyTo32_t4
	VMOVUPS     (SI), Y0
	VFMADD213PS (DI), Y15, Y0
	VMOVUPS     Y0, (DX)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX

axpyTo32_t4:
	TESTQ   $4, CX
	JZ      axpyTo32_t2
	VMOVUPS     (SI), X0
	VFMADD213PS (DI), X15, X0
	VMOVUPS     X0, (DX)
	ADDQ    $16, SI
	ADDQ    $16, DI
	ADDQ    $16, DX

axpyTo32_t2:
	TESTQ   $2, CX
	JZ      axpyTo32_t1
	VMOVSD      (SI), X0
	VMOVSD      (DI), X1
	VFMADD213PS X1, X15, X0
	VMOVSD      X0, (DX)
	ADDQ    $8, SI
	ADDQ    $8, DI
	ADDQ    $8, DX

axpyTo32_t1:
	TESTQ   $1, CX
	JZ      axpyTo32_done
	VMOVSS      (SI), X0
	VMOVSS      (DI), X1
	VFMADD213SS X1, X15, X0
	VMOVSS      X0, (DX)

axpyTo32_done:
	VZEROUPPER
	RET

// x *= alpha.
// func scaleAVX512(alpha float64, x []float64)
TEXT ·scaleAVX512(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), Z15
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	CMPQ         CX, $32
	JB           scale_v

scale_loop:
	VMULPD (SI), Z15, Z0
	VMULPD 64(SI), Z15, Z1
	VMULPD 128(SI), Z15, Z2
	VMULPD 192(SI), Z15, Z3
	VMOVUPD Z0, (SI)
	VMOVUPD Z1, 64(SI)
	VMOVUPD Z2, 128(SI)
	VMOVUPD Z3, 192(SI)
	ADDQ    $256, SI
	SUBQ    $32, CX
	CMPQ    CX, $32
	JAE     scale_loop

scale_v:
	CMPQ    CX, $8
	JB      scale_t4
	VMULPD (SI), Z15, Z0
	VMOVUPD Z0, (SI)
	ADDQ    $64, SI
	SUBQ    $8, CX
	JMP     scale_v

scale_t4:
	TESTQ   $4, CX
	JZ      scale_t2
	VMULPD  (SI), Y15, Y0
	VMOVUPD Y0, (SI)
	ADDQ    $32, SI

scale_t2:
	TESTQ   $2, CX
	JZ      scale_t1
	VMULPD  (SI), X15, X0
	VMOVUPD X0, (SI)
	ADDQ    $16, SI

scale_t1:
	TESTQ   $1, CX
	JZ      scale_done
	VMOVSD  (SI), X0
	VMULSD  X0, X15, X0
	VMOVSD  X0, (SI)

scale_done:
	VZEROUPPER
	RET

// x *= alpha.
// func scale32AVX512(alpha float32, x []float32)
TEXT ·scale32AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), Z15
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	CMPQ         CX, $64
	JB           scale32_v

scale32_loop:
	VMULPS (SI), Z15, Z0
	VMULPS 64(SI), Z15, Z1
	VMULPS 128(SI), Z15, Z2
	VMULPS 192(SI), Z15, Z3
	VMOVUPS Z0, (SI)
	VMOVUPS Z1, 64(SI)
	VMOVUPS Z2, 128(SI)
	VMOVUPS Z3, 192(SI)
	ADDQ    $256, SI
	SUBQ    $64, CX
	CMPQ    CX, $64
	JAE     scale32_loop

scale32_v:
	CMPQ    CX, $16
	JB      scale32_t8
	VMULPS (SI), Z15, Z0
	VMOVUPS Z0, (SI)
	ADDQ    $64, SI
	SUBQ    $16, CX
	JMP     scale32_v

scale32_t8:
	TESTQ   $8, CX
	JZ      scale32_t4
	VMULPS  (SI), Y15, Y0
	VMOVUPS Y0, (SI)
	ADDQ    $32, SI

scale32_t4:
	TESTQ   $4, CX
	JZ      scale32_t2
	VMULPS  (SI), X15, X0
	VMOVUPS X0, (SI)
	ADDQ    $16, SI

scale32_t2:
	TESTQ   $2, CX
	JZ      scale32_t1
	VMOVSD  (SI), X0
	VMULPS  X0, X15, X0
	VMOVSD  X0, (SI)
	ADDQ    $8, SI

scale32_t1:
	TESTQ   $1, CX
	JZ      scale32_done
	VMOVSS  (SI), X0
	VMULSS  X0, X15, X0
	VMOVSS  X0, (SI)

scale32_done:
	VZEROUPPER
	RET
