//go:build !purego && !noasm

#include "textflag.h"

// AVX-512 F kernels. Conventions for every routine here:
// - unaligned loads and stores (Go slices are only 8-byte aligned);
// - the tail (fewer elements than one vector) is handled with an opmask,
//   whose masked-off lanes are neither read nor written and cannot fault;
// - reductions keep eight accumulators so that two FMA ports with a latency
//   of four cycles stay busy, then add them pairwise;
// - VZEROUPPER before RET.
// Only AVX-512 F instructions are used on ZMM registers (no DQ/BW/VL).

// MASK sets K1 to the low n bits, n in CX (0 < n < 16). Clobbers AX.
#define MASK \
	MOVQ  $1, AX \
	SHLQ  CX, AX \
	DECQ  AX     \
	KMOVW AX, K1

// Zero the eight accumulators Z0..Z7 (VEX zeroing clears the full ZMM).
#define ZERO8 \
	VXORPD Y0, Y0, Y0 \
	VXORPD Y1, Y1, Y1 \
	VXORPD Y2, Y2, Y2 \
	VXORPD Y3, Y3, Y3 \
	VXORPD Y4, Y4, Y4 \
	VXORPD Y5, Y5, Y5 \
	VXORPD Y6, Y6, Y6 \
	VXORPD Y7, Y7, Y7

// Fold Z0..Z7 into X0 lane 0, float64: ((0+1)+(2+3))+((4+5)+(6+7)), then
// the 8 lanes pairwise.
#define REDUCE8_PD \
	VADDPD        Z1, Z0, Z0 \
	VADDPD        Z3, Z2, Z2 \
	VADDPD        Z5, Z4, Z4 \
	VADDPD        Z7, Z6, Z6 \
	VADDPD        Z2, Z0, Z0 \
	VADDPD        Z6, Z4, Z4 \
	VADDPD        Z4, Z0, Z0 \
	VEXTRACTF64X4 $1, Z0, Y1 \
	VADDPD        Y1, Y0, Y0 \
	VEXTRACTF128  $1, Y0, X1 \
	VADDPD        X1, X0, X0 \
	VPERMILPD     $1, X0, X1 \
	VADDSD        X1, X0, X0

// The same for float32 lanes.
#define REDUCE8_PS \
	VADDPS        Z1, Z0, Z0 \
	VADDPS        Z3, Z2, Z2 \
	VADDPS        Z5, Z4, Z4 \
	VADDPS        Z7, Z6, Z6 \
	VADDPS        Z2, Z0, Z0 \
	VADDPS        Z6, Z4, Z4 \
	VADDPS        Z4, Z0, Z0 \
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
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), DI
	ZERO8
	CMPQ CX, $64
	JB   dot_v8

dot_loop64:
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
	JAE         dot_loop64

dot_v8:
	CMPQ        CX, $8
	JB          dot_tail
	VMOVUPD     (SI), Z8
	VFMADD231PD (DI), Z8, Z0
	ADDQ        $64, SI
	ADDQ        $64, DI
	SUBQ        $8, CX
	JMP         dot_v8

dot_tail:
	TESTQ       CX, CX
	JZ          dot_done
	MASK
	VMOVUPD.Z   (SI), K1, Z8
	VMOVUPD.Z   (DI), K1, Z9
	VFMADD231PD Z9, Z8, Z1

dot_done:
	REDUCE8_PD
	VZEROUPPER
	MOVSD X0, ret+48(FP)
	RET

// func dot32AVX512(x, y []float32) float32
TEXT ·dot32AVX512(SB), NOSPLIT, $0-52
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), DI
	ZERO8
	CMPQ CX, $128
	JB   dot32_v16

dot32_loop128:
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
	JAE         dot32_loop128

dot32_v16:
	CMPQ        CX, $16
	JB          dot32_tail
	VMOVUPS     (SI), Z8
	VFMADD231PS (DI), Z8, Z0
	ADDQ        $64, SI
	ADDQ        $64, DI
	SUBQ        $16, CX
	JMP         dot32_v16

dot32_tail:
	TESTQ       CX, CX
	JZ          dot32_done
	MASK
	VMOVUPS.Z   (SI), K1, Z8
	VMOVUPS.Z   (DI), K1, Z9
	VFMADD231PS Z9, Z8, Z1

dot32_done:
	REDUCE8_PS
	VZEROUPPER
	MOVSS X0, ret+48(FP)
	RET

// func axpyToAVX512(dst []float64, alpha float64, x, y []float64)
// dst = alpha*x + y, one rounding per element. Each block is loaded before
// it is stored, so dst may be the same slice as x or y.
TEXT ·axpyToAVX512(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DX
	VBROADCASTSD alpha+24(FP), Z15
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         y_base+56(FP), DI
	CMPQ         CX, $32
	JB           axpy_v8

axpy_loop32:
	VMOVUPD     (SI), Z0
	VMOVUPD     64(SI), Z1
	VMOVUPD     128(SI), Z2
	VMOVUPD     192(SI), Z3
	VFMADD213PD (DI), Z15, Z0
	VFMADD213PD 64(DI), Z15, Z1
	VFMADD213PD 128(DI), Z15, Z2
	VFMADD213PD 192(DI), Z15, Z3
	VMOVUPD     Z0, (DX)
	VMOVUPD     Z1, 64(DX)
	VMOVUPD     Z2, 128(DX)
	VMOVUPD     Z3, 192(DX)
	ADDQ        $256, SI
	ADDQ        $256, DI
	ADDQ        $256, DX
	SUBQ        $32, CX
	CMPQ        CX, $32
	JAE         axpy_loop32

axpy_v8:
	CMPQ        CX, $8
	JB          axpy_tail
	VMOVUPD     (SI), Z0
	VFMADD213PD (DI), Z15, Z0
	VMOVUPD     Z0, (DX)
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, DX
	SUBQ        $8, CX
	JMP         axpy_v8

axpy_tail:
	TESTQ       CX, CX
	JZ          axpy_done
	MASK
	VMOVUPD.Z   (SI), K1, Z0
	VMOVUPD.Z   (DI), K1, Z1
	VFMADD213PD Z1, Z15, Z0
	VMOVUPD     Z0, K1, (DX)

axpy_done:
	VZEROUPPER
	RET

// func axpyTo32AVX512(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32AVX512(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DX
	VBROADCASTSS alpha+24(FP), Z15
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         y_base+56(FP), DI
	CMPQ         CX, $64
	JB           axpy32_v16

axpy32_loop64:
	VMOVUPS     (SI), Z0
	VMOVUPS     64(SI), Z1
	VMOVUPS     128(SI), Z2
	VMOVUPS     192(SI), Z3
	VFMADD213PS (DI), Z15, Z0
	VFMADD213PS 64(DI), Z15, Z1
	VFMADD213PS 128(DI), Z15, Z2
	VFMADD213PS 192(DI), Z15, Z3
	VMOVUPS     Z0, (DX)
	VMOVUPS     Z1, 64(DX)
	VMOVUPS     Z2, 128(DX)
	VMOVUPS     Z3, 192(DX)
	ADDQ        $256, SI
	ADDQ        $256, DI
	ADDQ        $256, DX
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         axpy32_loop64

axpy32_v16:
	CMPQ        CX, $16
	JB          axpy32_tail
	VMOVUPS     (SI), Z0
	VFMADD213PS (DI), Z15, Z0
	VMOVUPS     Z0, (DX)
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, DX
	SUBQ        $16, CX
	JMP         axpy32_v16

axpy32_tail:
	TESTQ       CX, CX
	JZ          axpy32_done
	MASK
	VMOVUPS.Z   (SI), K1, Z0
	VMOVUPS.Z   (DI), K1, Z1
	VFMADD213PS Z1, Z15, Z0
	VMOVUPS     Z0, K1, (DX)

axpy32_done:
	VZEROUPPER
	RET

// func scaleAVX512(alpha float64, x []float64)
TEXT ·scaleAVX512(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), Z15
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	CMPQ         CX, $32
	JB           scale_v8

scale_loop32:
	VMULPD  (SI), Z15, Z0
	VMULPD  64(SI), Z15, Z1
	VMULPD  128(SI), Z15, Z2
	VMULPD  192(SI), Z15, Z3
	VMOVUPD Z0, (SI)
	VMOVUPD Z1, 64(SI)
	VMOVUPD Z2, 128(SI)
	VMOVUPD Z3, 192(SI)
	ADDQ    $256, SI
	SUBQ    $32, CX
	CMPQ    CX, $32
	JAE     scale_loop32

scale_v8:
	CMPQ    CX, $8
	JB      scale_tail
	VMULPD  (SI), Z15, Z0
	VMOVUPD Z0, (SI)
	ADDQ    $64, SI
	SUBQ    $8, CX
	JMP     scale_v8

scale_tail:
	TESTQ     CX, CX
	JZ        scale_done
	MASK
	VMOVUPD.Z (SI), K1, Z0
	VMULPD    Z0, Z15, Z0
	VMOVUPD   Z0, K1, (SI)

scale_done:
	VZEROUPPER
	RET

// func scale32AVX512(alpha float32, x []float32)
TEXT ·scale32AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), Z15
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	CMPQ         CX, $64
	JB           scale32_v16

scale32_loop64:
	VMULPS  (SI), Z15, Z0
	VMULPS  64(SI), Z15, Z1
	VMULPS  128(SI), Z15, Z2
	VMULPS  192(SI), Z15, Z3
	VMOVUPS Z0, (SI)
	VMOVUPS Z1, 64(SI)
	VMOVUPS Z2, 128(SI)
	VMOVUPS Z3, 192(SI)
	ADDQ    $256, SI
	SUBQ    $64, CX
	CMPQ    CX, $64
	JAE     scale32_loop64

scale32_v16:
	CMPQ    CX, $16
	JB      scale32_tail
	VMULPS  (SI), Z15, Z0
	VMOVUPS Z0, (SI)
	ADDQ    $64, SI
	SUBQ    $16, CX
	JMP     scale32_v16

scale32_tail:
	TESTQ     CX, CX
	JZ        scale32_done
	MASK
	VMOVUPS.Z (SI), K1, Z0
	VMULPS    Z0, Z15, Z0
	VMOVUPS   Z0, K1, (SI)

scale32_done:
	VZEROUPPER
	RET

// func sumSqAVX512(x []float64) float64
TEXT ·sumSqAVX512(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ZERO8
	CMPQ CX, $64
	JB   sumsq_v8

sumsq_loop64:
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
	JAE         sumsq_loop64

sumsq_v8:
	CMPQ        CX, $8
	JB          sumsq_tail
	VMOVUPD     (SI), Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $64, SI
	SUBQ        $8, CX
	JMP         sumsq_v8

sumsq_tail:
	TESTQ       CX, CX
	JZ          sumsq_done
	MASK
	VMOVUPD.Z   (SI), K1, Z8
	VFMADD231PD Z8, Z8, Z1

sumsq_done:
	REDUCE8_PD
	VZEROUPPER
	MOVSD X0, ret+24(FP)
	RET

// func sumSq32AVX512(x []float32) float32
TEXT ·sumSq32AVX512(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ZERO8
	CMPQ CX, $128
	JB   sumsq32_v16

sumsq32_loop128:
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
	JAE         sumsq32_loop128

sumsq32_v16:
	CMPQ        CX, $16
	JB          sumsq32_tail
	VMOVUPS     (SI), Z8
	VFMADD231PS Z8, Z8, Z0
	ADDQ        $64, SI
	SUBQ        $16, CX
	JMP         sumsq32_v16

sumsq32_tail:
	TESTQ       CX, CX
	JZ          sumsq32_done
	MASK
	VMOVUPS.Z   (SI), K1, Z8
	VFMADD231PS Z8, Z8, Z1

sumsq32_done:
	REDUCE8_PS
	VZEROUPPER
	MOVSS X0, ret+24(FP)
	RET

// func sumSqWide32AVX512(x []float32) float64
// Each group of eight float32 is widened to float64 on load; a float32
// squared is exact in float64, so only the accumulation rounds.
TEXT ·sumSqWide32AVX512(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ZERO8
	CMPQ CX, $64
	JB   sumsqw_v8

sumsqw_loop64:
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
	JAE         sumsqw_loop64

sumsqw_v8:
	CMPQ        CX, $8
	JB          sumsqw_tail
	VCVTPS2PD   (SI), Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $32, SI
	SUBQ        $8, CX
	JMP         sumsqw_v8

sumsqw_tail:
	TESTQ       CX, CX
	JZ          sumsqw_done
	MASK
	VCVTPS2PD.Z (SI), K1, Z8
	VFMADD231PD Z8, Z8, Z1

sumsqw_done:
	REDUCE8_PD
	VZEROUPPER
	MOVSD X0, ret+24(FP)
	RET

// func sumSqScaledAVX512(x []float64, scale float64) float64
// Σ (scale·x_i)², for Norm's rescaled second pass.
TEXT ·sumSqScaledAVX512(SB), NOSPLIT, $0-40
	MOVQ         x_base+0(FP), SI
	MOVQ         x_len+8(FP), CX
	VBROADCASTSD scale+24(FP), Z15
	ZERO8
	CMPQ         CX, $32
	JB           sumsqs_v8

sumsqs_loop32:
	VMULPD      (SI), Z15, Z8
	VMULPD      64(SI), Z15, Z9
	VMULPD      128(SI), Z15, Z10
	VMULPD      192(SI), Z15, Z11
	VFMADD231PD Z8, Z8, Z0
	VFMADD231PD Z9, Z9, Z1
	VFMADD231PD Z10, Z10, Z2
	VFMADD231PD Z11, Z11, Z3
	ADDQ        $256, SI
	SUBQ        $32, CX
	CMPQ        CX, $32
	JAE         sumsqs_loop32

sumsqs_v8:
	CMPQ        CX, $8
	JB          sumsqs_tail
	VMULPD      (SI), Z15, Z8
	VFMADD231PD Z8, Z8, Z0
	ADDQ        $64, SI
	SUBQ        $8, CX
	JMP         sumsqs_v8

sumsqs_tail:
	TESTQ       CX, CX
	JZ          sumsqs_done
	MASK
	VMOVUPD.Z   (SI), K1, Z8
	VMULPD      Z8, Z15, Z8
	VFMADD231PD Z8, Z8, Z1

sumsqs_done:
	REDUCE8_PD
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET
