// Body of sgdStepAVX512's and sgdStep32AVX512's loops
// (variants_avx512_amd64.s, which describes them; reference
// sgdStepGeneric): sgdRestore's loops (fused_avx512_sgdrestore_amd64.h)
// from d = a·g in place of g, with the extras the includer asks for:
// STEP_G2 (d = fma(b, g2, d)), STEP_C (w = fma(c, g2 − g, w), g and g2
// read again), STEP_ZG and STEP_ZG2 (g = 0, g2 = 0 once read, from
// Z31 = 0). Σ m² accumulates in float64 in Z16 and Z17 (SUMSQ; the masked
// steps first zero m's lanes outside the mask), summed into X0 at the end.
// Registers: Z20..Z22 a, b, c; Z10..Z15 nlr, mu, l2, cm, cg, keep.

#ifdef FLOAT32
// SUMSQ(z, y, acc) adds the squares of z's sixteen float32, widened to
// float64, to Z16 and Z17 (acc is unused: both halves have their own).
#define SUMSQ(z, y, acc) \
	VCVTPS2PD     y, Z24          \
	VFMADD231PD   Z24, Z24, Z16   \
	VEXTRACTF64X4 $1, z, Y25      \
	VCVTPS2PD     Y25, Z25        \
	VFMADD231PD   Z25, Z25, Z17
#else
// SUMSQ(z, y, acc) adds the squares of z's eight float64 to acc.
#define SUMSQ(z, y, acc) \
	VFMADD231PD z, z, acc
#endif

	VPXORQ      Z16, Z16, Z16
	VPXORQ      Z17, Z17, Z17
	VPXORQ      Z31, Z31, Z31
	// With nt, a masked head up to the first 64-byte boundary of W_PTR.
	STREAM_HEAD(W_PTR)
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMULP       Z1, Z20, Z1
#ifdef STEP_G2
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z5
	VFMADD231P  Z5, Z21, Z1
#endif
	VFMADD231P  Z0, Z12, Z1
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, K1, (M_PTR)(I*ELEM)
	VMOVUP.Z    Z2, K1, Z5
	SUMSQ(Z5, Y5, Z16)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
#ifdef STEP_C
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z5
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z3
	VSUBP       Z3, Z5, Z5
	VFMADD231P  Z5, Z22, Z4
#endif
	VMOVUP      Z4, K1, (W_PTR)(I*ELEM)
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
	VMOVUP      (S_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMULP       Z1, Z20, Z1
#ifdef STEP_G2
	VMOVUP      (G2_PTR)(I*ELEM), Z5
	VFMADD231P  Z5, Z21, Z1
#endif
	VFMADD231P  Z0, Z12, Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, (M_PTR)(I*ELEM)
	SUMSQ(Z2, Y2, Z16)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Z5
	VMOVUP      (G_PTR)(I*ELEM), Z3
	VSUBP       Z3, Z5, Z5
	VFMADD231P  Z5, Z22, Z4
#endif
	VMOVNTP     Z4, (W_PTR)(I*ELEM)
#ifdef STEP_ZG
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, (G2_PTR)(I*ELEM)
#endif
	VMOVUP      VEC(S_PTR)(I*ELEM), Z6
	VMOVUP      VEC(G_PTR)(I*ELEM), Z7
	VMULP       Z7, Z20, Z7
#ifdef STEP_G2
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z19
	VFMADD231P  Z19, Z21, Z7
#endif
	VFMADD231P  Z6, Z12, Z7
	VMOVUP      VEC(M_PTR)(I*ELEM), Z8
	VFMADD213P  Z7, Z11, Z8
	VMOVUP      Z8, VEC(M_PTR)(I*ELEM)
	SUMSQ(Z8, Y8, Z17)
	VMULP       Z7, Z14, Z9
	VFMADD231P  Z8, Z13, Z9
	VMULP       Z6, Z15, Z18
	VFMADD231P  Z9, Z10, Z18
#ifdef STEP_C
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z19
	VMOVUP      VEC(G_PTR)(I*ELEM), Z9
	VSUBP       Z9, Z19, Z19
	VFMADD231P  Z19, Z22, Z18
#endif
	VMOVNTP     Z18, VEC(W_PTR)(I*ELEM)
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
	VMOVUP      (S_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMULP       Z1, Z20, Z1
#ifdef STEP_G2
	VMOVUP      (G2_PTR)(I*ELEM), Z5
	VFMADD231P  Z5, Z21, Z1
#endif
	VFMADD231P  Z0, Z12, Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, (M_PTR)(I*ELEM)
	SUMSQ(Z2, Y2, Z16)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Z5
	VMOVUP      (G_PTR)(I*ELEM), Z3
	VSUBP       Z3, Z5, Z5
	VFMADD231P  Z5, Z22, Z4
#endif
	VMOVUP      Z4, (W_PTR)(I*ELEM)
#ifdef STEP_ZG
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Z31, (G2_PTR)(I*ELEM)
#endif
	VMOVUP      VEC(S_PTR)(I*ELEM), Z6
	VMOVUP      VEC(G_PTR)(I*ELEM), Z7
	VMULP       Z7, Z20, Z7
#ifdef STEP_G2
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z19
	VFMADD231P  Z19, Z21, Z7
#endif
	VFMADD231P  Z6, Z12, Z7
	VMOVUP      VEC(M_PTR)(I*ELEM), Z8
	VFMADD213P  Z7, Z11, Z8
	VMOVUP      Z8, VEC(M_PTR)(I*ELEM)
	SUMSQ(Z8, Y8, Z17)
	VMULP       Z7, Z14, Z9
	VFMADD231P  Z8, Z13, Z9
	VMULP       Z6, Z15, Z18
	VFMADD231P  Z9, Z10, Z18
#ifdef STEP_C
	VMOVUP      VEC(G2_PTR)(I*ELEM), Z19
	VMOVUP      VEC(G_PTR)(I*ELEM), Z9
	VSUBP       Z9, Z19, Z19
	VFMADD231P  Z19, Z22, Z18
#endif
	VMOVUP      Z18, VEC(W_PTR)(I*ELEM)
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
	VMOVUP      (S_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMULP       Z1, Z20, Z1
#ifdef STEP_G2
	VMOVUP      (G2_PTR)(I*ELEM), Z5
	VFMADD231P  Z5, Z21, Z1
#endif
	VFMADD231P  Z0, Z12, Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, (M_PTR)(I*ELEM)
	SUMSQ(Z2, Y2, Z16)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Z5
	VMOVUP      (G_PTR)(I*ELEM), Z3
	VSUBP       Z3, Z5, Z5
	VFMADD231P  Z5, Z22, Z4
#endif
	VMOVUP      Z4, (W_PTR)(I*ELEM)
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
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMULP       Z1, Z20, Z1
#ifdef STEP_G2
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z5
	VFMADD231P  Z5, Z21, Z1
#endif
	VFMADD231P  Z0, Z12, Z1
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, K1, (M_PTR)(I*ELEM)
	VMOVUP.Z    Z2, K1, Z5
	SUMSQ(Z5, Y5, Z16)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
#ifdef STEP_C
	VMOVUP.Z    (G2_PTR)(I*ELEM), K1, Z5
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z3
	VSUBP       Z3, Z5, Z5
	VFMADD231P  Z5, Z22, Z4
#endif
	VMOVUP      Z4, K1, (W_PTR)(I*ELEM)
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
	// X0 = Z16 + Z17, halves, quarters, then the pair.
	VADDPD        Z17, Z16, Z1
	VEXTRACTF64X4 $1, Z1, Y0
	VADDPD        Y0, Y1, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VPERMILPD     $1, X0, X1
	VADDSD        X1, X0, X0
	VZEROUPPER
#undef SUMSQ
