//go:build !purego && !noasm

#include "textflag.h"

// AVX2 + FMA3 kernels. Conventions for every routine here:
// - unaligned loads and stores (Go slices are only 8-byte aligned);
// - the tail (fewer elements than one vector) runs one scalar element at a
//   time with the scalar FMA, so nothing past the slice is touched and the
//   rounding matches the vector body. Scalar operands are loaded with
//   VMOVSD/VMOVSS first rather than folded into the arithmetic: QEMU's TCG
//   (our Haswell CI model) reads 16 bytes for a folded m64 operand and
//   faults at a guard page, hardware does not, and the cost is the same;
// - reductions keep eight YMM accumulators, fold them into one scalar and
//   then add the tail elements to it in order;
// - VZEROUPPER before RET.

#define ZERO8 \
	VXORPD Y0, Y0, Y0 \
	VXORPD Y1, Y1, Y1 \
	VXORPD Y2, Y2, Y2 \
	VXORPD Y3, Y3, Y3 \
	VXORPD Y4, Y4, Y4 \
	VXORPD Y5, Y5, Y5 \
	VXORPD Y6, Y6, Y6 \
	VXORPD Y7, Y7, Y7

// Fold Y0..Y7 into X0 lane 0, float64.
#define REDUCE8_PD \
	VADDPD       Y1, Y0, Y0 \
	VADDPD       Y3, Y2, Y2 \
	VADDPD       Y5, Y4, Y4 \
	VADDPD       Y7, Y6, Y6 \
	VADDPD       Y2, Y0, Y0 \
	VADDPD       Y6, Y4, Y4 \
	VADDPD       Y4, Y0, Y0 \
	VEXTRACTF128 $1, Y0, X1 \
	VADDPD       X1, X0, X0 \
	VPERMILPD    $1, X0, X1 \
	VADDSD       X1, X0, X0

// The same for float32 lanes.
#define REDUCE8_PS \
	VADDPS       Y1, Y0, Y0 \
	VADDPS       Y3, Y2, Y2 \
	VADDPS       Y5, Y4, Y4 \
	VADDPS       Y7, Y6, Y6 \
	VADDPS       Y2, Y0, Y0 \
	VADDPS       Y6, Y4, Y4 \
	VADDPS       Y4, Y0, Y0 \
	VEXTRACTF128 $1, Y0, X1 \
	VADDPS       X1, X0, X0 \
	VPERMILPS    $0x0e, X0, X1 \
	VADDPS       X1, X0, X0 \
	VPERMILPS    $0x01, X0, X1 \
	VADDSS       X1, X0, X0

// func dotAVX2(x, y []float64) float64
TEXT ·dotAVX2(SB), NOSPLIT, $0-56
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), DI
	ZERO8
	CMPQ CX, $32
	JB   dot_v4

dot_loop32:
	VMOVUPD     (SI), Y8
	VMOVUPD     32(SI), Y9
	VMOVUPD     64(SI), Y10
	VMOVUPD     96(SI), Y11
	VMOVUPD     128(SI), Y12
	VMOVUPD     160(SI), Y13
	VMOVUPD     192(SI), Y14
	VMOVUPD     224(SI), Y15
	VFMADD231PD (DI), Y8, Y0
	VFMADD231PD 32(DI), Y9, Y1
	VFMADD231PD 64(DI), Y10, Y2
	VFMADD231PD 96(DI), Y11, Y3
	VFMADD231PD 128(DI), Y12, Y4
	VFMADD231PD 160(DI), Y13, Y5
	VFMADD231PD 192(DI), Y14, Y6
	VFMADD231PD 224(DI), Y15, Y7
	ADDQ        $256, SI
	ADDQ        $256, DI
	SUBQ        $32, CX
	CMPQ        CX, $32
	JAE         dot_loop32

dot_v4:
	CMPQ        CX, $4
	JB          dot_reduce
	VMOVUPD     (SI), Y8
	VFMADD231PD (DI), Y8, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         dot_v4

dot_reduce:
	REDUCE8_PD

dot_tail:
	TESTQ       CX, CX
	JZ          dot_done
	VMOVSD      (SI), X8
	VMOVSD      (DI), X9
	VFMADD231SD X9, X8, X0
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         dot_tail

dot_done:
	VZEROUPPER
	MOVSD X0, ret+48(FP)
	RET

// func dot32AVX2(x, y []float32) float32
TEXT ·dot32AVX2(SB), NOSPLIT, $0-52
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), DI
	ZERO8
	CMPQ CX, $64
	JB   dot32_v8

dot32_loop64:
	VMOVUPS     (SI), Y8
	VMOVUPS     32(SI), Y9
	VMOVUPS     64(SI), Y10
	VMOVUPS     96(SI), Y11
	VMOVUPS     128(SI), Y12
	VMOVUPS     160(SI), Y13
	VMOVUPS     192(SI), Y14
	VMOVUPS     224(SI), Y15
	VFMADD231PS (DI), Y8, Y0
	VFMADD231PS 32(DI), Y9, Y1
	VFMADD231PS 64(DI), Y10, Y2
	VFMADD231PS 96(DI), Y11, Y3
	VFMADD231PS 128(DI), Y12, Y4
	VFMADD231PS 160(DI), Y13, Y5
	VFMADD231PS 192(DI), Y14, Y6
	VFMADD231PS 224(DI), Y15, Y7
	ADDQ        $256, SI
	ADDQ        $256, DI
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         dot32_loop64

dot32_v8:
	CMPQ        CX, $8
	JB          dot32_reduce
	VMOVUPS     (SI), Y8
	VFMADD231PS (DI), Y8, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $8, CX
	JMP         dot32_v8

dot32_reduce:
	REDUCE8_PS

dot32_tail:
	TESTQ       CX, CX
	JZ          dot32_done
	VMOVSS      (SI), X8
	VMOVSS      (DI), X9
	VFMADD231SS X9, X8, X0
	ADDQ        $4, SI
	ADDQ        $4, DI
	DECQ        CX
	JMP         dot32_tail

dot32_done:
	VZEROUPPER
	MOVSS X0, ret+48(FP)
	RET

// func axpyToAVX2(dst []float64, alpha float64, x, y []float64)
// dst = alpha*x + y, one rounding per element; each block is loaded before
// it is stored, so dst may be the same slice as x or y.
TEXT ·axpyToAVX2(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DX
	VBROADCASTSD alpha+24(FP), Y15
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         y_base+56(FP), DI
	CMPQ         CX, $16
	JB           axpy_v4

axpy_loop16:
	VMOVUPD     (SI), Y0
	VMOVUPD     32(SI), Y1
	VMOVUPD     64(SI), Y2
	VMOVUPD     96(SI), Y3
	VFMADD213PD (DI), Y15, Y0
	VFMADD213PD 32(DI), Y15, Y1
	VFMADD213PD 64(DI), Y15, Y2
	VFMADD213PD 96(DI), Y15, Y3
	VMOVUPD     Y0, (DX)
	VMOVUPD     Y1, 32(DX)
	VMOVUPD     Y2, 64(DX)
	VMOVUPD     Y3, 96(DX)
	ADDQ        $128, SI
	ADDQ        $128, DI
	ADDQ        $128, DX
	SUBQ        $16, CX
	CMPQ        CX, $16
	JAE         axpy_loop16

axpy_v4:
	CMPQ        CX, $4
	JB          axpy_tail
	VMOVUPD     (SI), Y0
	VFMADD213PD (DI), Y15, Y0
	VMOVUPD     Y0, (DX)
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, DX
	SUBQ        $4, CX
	JMP         axpy_v4

axpy_tail:
	TESTQ       CX, CX
	JZ          axpy_done
	VMOVSD      (SI), X0
	VMOVSD      (DI), X1
	VFMADD213SD X1, X15, X0
	VMOVSD      X0, (DX)
	ADDQ        $8, SI
	ADDQ        $8, DI
	ADDQ        $8, DX
	DECQ        CX
	JMP         axpy_tail

axpy_done:
	VZEROUPPER
	RET

// func axpyTo32AVX2(dst []float32, alpha float32, x, y []float32)
TEXT ·axpyTo32AVX2(SB), NOSPLIT, $0-80
	MOVQ         dst_base+0(FP), DX
	VBROADCASTSS alpha+24(FP), Y15
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         y_base+56(FP), DI
	CMPQ         CX, $32
	JB           axpy32_v8

axpy32_loop32:
	VMOVUPS     (SI), Y0
	VMOVUPS     32(SI), Y1
	VMOVUPS     64(SI), Y2
	VMOVUPS     96(SI), Y3
	VFMADD213PS (DI), Y15, Y0
	VFMADD213PS 32(DI), Y15, Y1
	VFMADD213PS 64(DI), Y15, Y2
	VFMADD213PS 96(DI), Y15, Y3
	VMOVUPS     Y0, (DX)
	VMOVUPS     Y1, 32(DX)
	VMOVUPS     Y2, 64(DX)
	VMOVUPS     Y3, 96(DX)
	ADDQ        $128, SI
	ADDQ        $128, DI
	ADDQ        $128, DX
	SUBQ        $32, CX
	CMPQ        CX, $32
	JAE         axpy32_loop32

axpy32_v8:
	CMPQ        CX, $8
	JB          axpy32_tail
	VMOVUPS     (SI), Y0
	VFMADD213PS (DI), Y15, Y0
	VMOVUPS     Y0, (DX)
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, DX
	SUBQ        $8, CX
	JMP         axpy32_v8

axpy32_tail:
	TESTQ       CX, CX
	JZ          axpy32_done
	VMOVSS      (SI), X0
	VMOVSS      (DI), X1
	VFMADD213SS X1, X15, X0
	VMOVSS      X0, (DX)
	ADDQ        $4, SI
	ADDQ        $4, DI
	ADDQ        $4, DX
	DECQ        CX
	JMP         axpy32_tail

axpy32_done:
	VZEROUPPER
	RET

// func scaleAVX2(alpha float64, x []float64)
TEXT ·scaleAVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), Y15
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	CMPQ         CX, $16
	JB           scale_v4

scale_loop16:
	VMULPD  (SI), Y15, Y0
	VMULPD  32(SI), Y15, Y1
	VMULPD  64(SI), Y15, Y2
	VMULPD  96(SI), Y15, Y3
	VMOVUPD Y0, (SI)
	VMOVUPD Y1, 32(SI)
	VMOVUPD Y2, 64(SI)
	VMOVUPD Y3, 96(SI)
	ADDQ    $128, SI
	SUBQ    $16, CX
	CMPQ    CX, $16
	JAE     scale_loop16

scale_v4:
	CMPQ    CX, $4
	JB      scale_tail
	VMULPD  (SI), Y15, Y0
	VMOVUPD Y0, (SI)
	ADDQ    $32, SI
	SUBQ    $4, CX
	JMP     scale_v4

scale_tail:
	TESTQ  CX, CX
	JZ     scale_done
	VMOVSD (SI), X0
	VMULSD X0, X15, X0
	VMOVSD X0, (SI)
	ADDQ   $8, SI
	DECQ   CX
	JMP    scale_tail

scale_done:
	VZEROUPPER
	RET

// func scale32AVX2(alpha float32, x []float32)
TEXT ·scale32AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), Y15
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	CMPQ         CX, $32
	JB           scale32_v8

scale32_loop32:
	VMULPS  (SI), Y15, Y0
	VMULPS  32(SI), Y15, Y1
	VMULPS  64(SI), Y15, Y2
	VMULPS  96(SI), Y15, Y3
	VMOVUPS Y0, (SI)
	VMOVUPS Y1, 32(SI)
	VMOVUPS Y2, 64(SI)
	VMOVUPS Y3, 96(SI)
	ADDQ    $128, SI
	SUBQ    $32, CX
	CMPQ    CX, $32
	JAE     scale32_loop32

scale32_v8:
	CMPQ    CX, $8
	JB      scale32_tail
	VMULPS  (SI), Y15, Y0
	VMOVUPS Y0, (SI)
	ADDQ    $32, SI
	SUBQ    $8, CX
	JMP     scale32_v8

scale32_tail:
	TESTQ  CX, CX
	JZ     scale32_done
	VMOVSS (SI), X0
	VMULSS X0, X15, X0
	VMOVSS X0, (SI)
	ADDQ   $4, SI
	DECQ   CX
	JMP    scale32_tail

scale32_done:
	VZEROUPPER
	RET

// func sumSqAVX2(x []float64) float64
TEXT ·sumSqAVX2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ZERO8
	CMPQ CX, $32
	JB   sumsq_v4

sumsq_loop32:
	VMOVUPD     (SI), Y8
	VMOVUPD     32(SI), Y9
	VMOVUPD     64(SI), Y10
	VMOVUPD     96(SI), Y11
	VMOVUPD     128(SI), Y12
	VMOVUPD     160(SI), Y13
	VMOVUPD     192(SI), Y14
	VMOVUPD     224(SI), Y15
	VFMADD231PD Y8, Y8, Y0
	VFMADD231PD Y9, Y9, Y1
	VFMADD231PD Y10, Y10, Y2
	VFMADD231PD Y11, Y11, Y3
	VFMADD231PD Y12, Y12, Y4
	VFMADD231PD Y13, Y13, Y5
	VFMADD231PD Y14, Y14, Y6
	VFMADD231PD Y15, Y15, Y7
	ADDQ        $256, SI
	SUBQ        $32, CX
	CMPQ        CX, $32
	JAE         sumsq_loop32

sumsq_v4:
	CMPQ        CX, $4
	JB          sumsq_reduce
	VMOVUPD     (SI), Y8
	VFMADD231PD Y8, Y8, Y0
	ADDQ        $32, SI
	SUBQ        $4, CX
	JMP         sumsq_v4

sumsq_reduce:
	REDUCE8_PD

sumsq_tail:
	TESTQ       CX, CX
	JZ          sumsq_done
	VMOVSD      (SI), X8
	VFMADD231SD X8, X8, X0
	ADDQ        $8, SI
	DECQ        CX
	JMP         sumsq_tail

sumsq_done:
	VZEROUPPER
	MOVSD X0, ret+24(FP)
	RET

// func sumSq32AVX2(x []float32) float32
TEXT ·sumSq32AVX2(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ZERO8
	CMPQ CX, $64
	JB   sumsq32_v8

sumsq32_loop64:
	VMOVUPS     (SI), Y8
	VMOVUPS     32(SI), Y9
	VMOVUPS     64(SI), Y10
	VMOVUPS     96(SI), Y11
	VMOVUPS     128(SI), Y12
	VMOVUPS     160(SI), Y13
	VMOVUPS     192(SI), Y14
	VMOVUPS     224(SI), Y15
	VFMADD231PS Y8, Y8, Y0
	VFMADD231PS Y9, Y9, Y1
	VFMADD231PS Y10, Y10, Y2
	VFMADD231PS Y11, Y11, Y3
	VFMADD231PS Y12, Y12, Y4
	VFMADD231PS Y13, Y13, Y5
	VFMADD231PS Y14, Y14, Y6
	VFMADD231PS Y15, Y15, Y7
	ADDQ        $256, SI
	SUBQ        $64, CX
	CMPQ        CX, $64
	JAE         sumsq32_loop64

sumsq32_v8:
	CMPQ        CX, $8
	JB          sumsq32_reduce
	VMOVUPS     (SI), Y8
	VFMADD231PS Y8, Y8, Y0
	ADDQ        $32, SI
	SUBQ        $8, CX
	JMP         sumsq32_v8

sumsq32_reduce:
	REDUCE8_PS

sumsq32_tail:
	TESTQ       CX, CX
	JZ          sumsq32_done
	VMOVSS      (SI), X8
	VFMADD231SS X8, X8, X0
	ADDQ        $4, SI
	DECQ        CX
	JMP         sumsq32_tail

sumsq32_done:
	VZEROUPPER
	MOVSS X0, ret+24(FP)
	RET

// func sumSqWide32AVX2(x []float32) float64
// Four float32 are widened to float64 on load; the squares are exact in
// float64, so only the accumulation rounds.
TEXT ·sumSqWide32AVX2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	ZERO8
	CMPQ CX, $32
	JB   sumsqw_v4

sumsqw_loop32:
	VCVTPS2PD   (SI), Y8
	VCVTPS2PD   16(SI), Y9
	VCVTPS2PD   32(SI), Y10
	VCVTPS2PD   48(SI), Y11
	VCVTPS2PD   64(SI), Y12
	VCVTPS2PD   80(SI), Y13
	VCVTPS2PD   96(SI), Y14
	VCVTPS2PD   112(SI), Y15
	VFMADD231PD Y8, Y8, Y0
	VFMADD231PD Y9, Y9, Y1
	VFMADD231PD Y10, Y10, Y2
	VFMADD231PD Y11, Y11, Y3
	VFMADD231PD Y12, Y12, Y4
	VFMADD231PD Y13, Y13, Y5
	VFMADD231PD Y14, Y14, Y6
	VFMADD231PD Y15, Y15, Y7
	ADDQ        $128, SI
	SUBQ        $32, CX
	CMPQ        CX, $32
	JAE         sumsqw_loop32

sumsqw_v4:
	CMPQ        CX, $4
	JB          sumsqw_reduce
	VCVTPS2PD   (SI), Y8
	VFMADD231PD Y8, Y8, Y0
	ADDQ        $16, SI
	SUBQ        $4, CX
	JMP         sumsqw_v4

sumsqw_reduce:
	REDUCE8_PD

sumsqw_tail:
	TESTQ       CX, CX
	JZ          sumsqw_done
	VMOVSS      (SI), X8
	VCVTSS2SD   X8, X8, X8
	VFMADD231SD X8, X8, X0
	ADDQ        $4, SI
	DECQ        CX
	JMP         sumsqw_tail

sumsqw_done:
	VZEROUPPER
	MOVSD X0, ret+24(FP)
	RET

// func sumSqScaledAVX2(x []float64, scale float64) float64
TEXT ·sumSqScaledAVX2(SB), NOSPLIT, $0-40
	MOVQ         x_base+0(FP), SI
	MOVQ         x_len+8(FP), CX
	VBROADCASTSD scale+24(FP), Y15
	ZERO8
	CMPQ         CX, $16
	JB           sumsqs_v4

sumsqs_loop16:
	VMULPD      (SI), Y15, Y8
	VMULPD      32(SI), Y15, Y9
	VMULPD      64(SI), Y15, Y10
	VMULPD      96(SI), Y15, Y11
	VFMADD231PD Y8, Y8, Y0
	VFMADD231PD Y9, Y9, Y1
	VFMADD231PD Y10, Y10, Y2
	VFMADD231PD Y11, Y11, Y3
	ADDQ        $128, SI
	SUBQ        $16, CX
	CMPQ        CX, $16
	JAE         sumsqs_loop16

sumsqs_v4:
	CMPQ        CX, $4
	JB          sumsqs_reduce
	VMULPD      (SI), Y15, Y8
	VFMADD231PD Y8, Y8, Y0
	ADDQ        $32, SI
	SUBQ        $4, CX
	JMP         sumsqs_v4

sumsqs_reduce:
	REDUCE8_PD

sumsqs_tail:
	TESTQ       CX, CX
	JZ          sumsqs_done
	VMOVSD      (SI), X8
	VMULSD      X8, X15, X8
	VFMADD231SD X8, X8, X0
	ADDQ        $8, SI
	DECQ        CX
	JMP         sumsqs_tail

sumsqs_done:
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET
