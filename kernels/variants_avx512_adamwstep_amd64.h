// Body of adamWStepAVX512's and adamWStep32AVX512's loops
// (variants_avx512_amd64.s, which describes them; reference
// adamWStepGeneric): adamWRestore's loops (fused_avx512_adamwrestore_amd64.h)
// from d = a·g in place of g, with the extras the includer asks for:
// STEP_G2 (d = fma(b, g2, d)), STEP_C (w = fma(c, g2 − g, w), g and g2
// read again), STEP_ZG and STEP_ZG2 (g = 0, g2 = 0 once read, from
// Z31 = 0). Σ m² accumulates in float64 in Z27 and Z28 (SUMSQ; the masked
// steps first zero m's lanes outside the mask), summed into X0 at the end.
// Registers: Z24..Z26 a, b, c; Z16..Z23 b1, omb1, b2, omb2, rc2, eps,
// step, keep.

#ifdef FLOAT32
// SUMSQ(z, y, acc) adds the squares of z's sixteen float32, widened to
// float64, to Z27 and Z28 (acc is unused: both halves have their own).
#define SUMSQ(z, y, acc) \
	VCVTPS2PD     y, Z29          \
	VFMADD231PD   Z29, Z29, Z27   \
	VEXTRACTF64X4 $1, z, Y30      \
	VCVTPS2PD     Y30, Z30        \
	VFMADD231PD   Z30, Z30, Z28
#else
// SUMSQ(z, y, acc) adds the squares of z's eight float64 to acc.
#define SUMSQ(z, y, acc) \
	VFMADD231PD z, z, acc
#endif

	VPXORQ      Z27, Z27, Z27
	VPXORQ      Z28, Z28, Z28
	VPXORQ      Z31, Z31, Z31
	// With nt, a masked head up to the first 64-byte boundary of W_PTR.
	STREAM_HEAD(W_PTR)
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z0
	VMULP       Z0, Z24, Z0
#ifdef STEP_G2
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z3
	VFMADD231P  Z3, Z25, Z0
#endif
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, K1, (M_PTR)(I*ELEM)
	VMOVUP.Z    (V_PTR)(I*ELEM), K1, Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, K1, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
#ifdef STEP_C
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z3
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z4
	VSUBP       Z4, Z3, Z3
	VFMADD231P  Z3, Z26, Z7
#endif
	VMOVUP      Z7, K1, (W_PTR)(I*ELEM)
	VMOVUP.Z    Z1, K1, Z3
	SUMSQ(Z3, Y3, Z27)
#ifdef STEP_ZG
	VMOVUP      Z31, K1, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, K1, (G2_PTR)(I*ELEM)
#endif
	STREAM_HEAD_END

nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (G_PTR)(I*ELEM), Z0
	VMULP       Z0, Z24, Z0
#ifdef STEP_G2
	VMOVUP      (G2_PTR)(I*ELEM), Z3
	VFMADD231P  Z3, Z25, Z0
#endif
	VMOVUP      (M_PTR)(I*ELEM), Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP      (S_PTR)(I*ELEM), Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Z3
	VMOVUP      (G_PTR)(I*ELEM), Z4
	VSUBP       Z4, Z3, Z3
	VFMADD231P  Z3, Z26, Z7
#endif
	VMOVNTP     Z7, (W_PTR)(I*ELEM)
	SUMSQ(Z1, Y1, Z27)
#ifdef STEP_ZG
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, (G2_PTR)(I*ELEM)
#endif
	VMOVUP      VEC(G_PTR)(I*ELEM), Z8
	VMULP       Z8, Z24, Z8
#ifdef STEP_G2
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z11
	VFMADD231P  Z11, Z25, Z8
#endif
	VMOVUP      VEC(M_PTR)(I*ELEM), Z9
	VMULP       Z8, Z17, Z11
	VFMADD213P  Z11, Z16, Z9
	VMOVUP      Z9, VEC(M_PTR)(I*ELEM)
	VMOVUP      VEC(V_PTR)(I*ELEM), Z10
	VMULP       Z8, Z19, Z12
	VMULP       Z8, Z12, Z12
	VFMADD213P  Z12, Z18, Z10
	VMOVUP      Z10, VEC(V_PTR)(I*ELEM)
	VSQRTP      Z10, Z13
	VFMADD213P  Z21, Z20, Z13
	VDIVP       Z13, Z9, Z14
	VMOVUP      VEC(S_PTR)(I*ELEM), Z15
	VMULP       Z23, Z15, Z15
	VFMADD231P  Z14, Z22, Z15
#ifdef STEP_C
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z11
	VMOVUP      VEC(G_PTR)(I*ELEM), Z12
	VSUBP       Z12, Z11, Z11
	VFMADD231P  Z11, Z26, Z15
#endif
	VMOVNTP     Z15, VEC(W_PTR)(I*ELEM)
	SUMSQ(Z9, Y9, Z28)
#ifdef STEP_ZG
	VMOVUP      Z31, VEC(G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, VEC(G2_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (G_PTR)(I*ELEM), Z0
	VMULP       Z0, Z24, Z0
#ifdef STEP_G2
	VMOVUP      (G2_PTR)(I*ELEM), Z3
	VFMADD231P  Z3, Z25, Z0
#endif
	VMOVUP      (M_PTR)(I*ELEM), Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP      (S_PTR)(I*ELEM), Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Z3
	VMOVUP      (G_PTR)(I*ELEM), Z4
	VSUBP       Z4, Z3, Z3
	VFMADD231P  Z3, Z26, Z7
#endif
	VMOVUP      Z7, (W_PTR)(I*ELEM)
	SUMSQ(Z1, Y1, Z27)
#ifdef STEP_ZG
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, (G2_PTR)(I*ELEM)
#endif
	VMOVUP      VEC(G_PTR)(I*ELEM), Z8
	VMULP       Z8, Z24, Z8
#ifdef STEP_G2
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z11
	VFMADD231P  Z11, Z25, Z8
#endif
	VMOVUP      VEC(M_PTR)(I*ELEM), Z9
	VMULP       Z8, Z17, Z11
	VFMADD213P  Z11, Z16, Z9
	VMOVUP      Z9, VEC(M_PTR)(I*ELEM)
	VMOVUP      VEC(V_PTR)(I*ELEM), Z10
	VMULP       Z8, Z19, Z12
	VMULP       Z8, Z12, Z12
	VFMADD213P  Z12, Z18, Z10
	VMOVUP      Z10, VEC(V_PTR)(I*ELEM)
	VSQRTP      Z10, Z13
	VFMADD213P  Z21, Z20, Z13
	VDIVP       Z13, Z9, Z14
	VMOVUP      VEC(S_PTR)(I*ELEM), Z15
	VMULP       Z23, Z15, Z15
	VFMADD231P  Z14, Z22, Z15
#ifdef STEP_C
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z11
	VMOVUP      VEC(G_PTR)(I*ELEM), Z12
	VSUBP       Z12, Z11, Z11
	VFMADD231P  Z11, Z26, Z15
#endif
	VMOVUP      Z15, VEC(W_PTR)(I*ELEM)
	SUMSQ(Z9, Y9, Z28)
#ifdef STEP_ZG
	VMOVUP      Z31, VEC(G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, VEC(G2_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (G_PTR)(I*ELEM), Z0
	VMULP       Z0, Z24, Z0
#ifdef STEP_G2
	VMOVUP      (G2_PTR)(I*ELEM), Z3
	VFMADD231P  Z3, Z25, Z0
#endif
	VMOVUP      (M_PTR)(I*ELEM), Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP      (S_PTR)(I*ELEM), Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Z3
	VMOVUP      (G_PTR)(I*ELEM), Z4
	VSUBP       Z4, Z3, Z3
	VFMADD231P  Z3, Z26, Z7
#endif
	VMOVUP      Z7, (W_PTR)(I*ELEM)
	SUMSQ(Z1, Y1, Z27)
#ifdef STEP_ZG
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, (G2_PTR)(I*ELEM)
#endif
	ADDQ        $LANES, I
	JMP         one

tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z0
	VMULP       Z0, Z24, Z0
#ifdef STEP_G2
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z3
	VFMADD231P  Z3, Z25, Z0
#endif
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, K1, (M_PTR)(I*ELEM)
	VMOVUP.Z    (V_PTR)(I*ELEM), K1, Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, K1, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
#ifdef STEP_C
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z3
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z4
	VSUBP       Z4, Z3, Z3
	VFMADD231P  Z3, Z26, Z7
#endif
	VMOVUP      Z7, K1, (W_PTR)(I*ELEM)
	VMOVUP.Z    Z1, K1, Z3
	SUMSQ(Z3, Y3, Z27)
#ifdef STEP_ZG
	VMOVUP      Z31, K1, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, K1, (G2_PTR)(I*ELEM)
#endif

done:
	TESTQ       NT, NT
	JZ          sum
	SFENCE
sum:
	// X0 = Z27 + Z28, halves, quarters, then the pair.
	VADDPD        Z28, Z27, Z1
	VEXTRACTF64X4 $1, Z1, Y0
	VADDPD        Y0, Y1, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VPERMILPD     $1, X0, X1
	VADDSD        X1, X0, X0
	VZEROUPPER
#undef SUMSQ
