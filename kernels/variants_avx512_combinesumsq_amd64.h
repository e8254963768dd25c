// Body of combineSumSqAVX512 and combineSumSq32AVX512 (variants_avx512_amd64.s, which describes them;
// references combineSumSqGeneric and combineSumSq32Generic). The includer sets the
// element type and the registers.

	VPXORQ      Z16, Z16, Z16
	VPXORQ      Z17, Z17, Z17
	MOVQ        N, NEXT
	ANDQ        $(LANES-1), NEXT
	MASK
	XORQ        I, I
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (X_PTR)(I*ELEM), Z0
	VMULP       Z0, Z14, Z0
	VMOVUP      (Y_PTR)(I*ELEM), Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (D_PTR)(I*ELEM)
	VMOVUP      VEC(X_PTR)(I*ELEM), Z2
	VMULP       Z2, Z14, Z2
	VMOVUP      VEC(Y_PTR)(I*ELEM), Z3
	VFMADD231P  Z3, Z15, Z2
	VMOVUP      Z2, VEC(D_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   Y0, Z20
	VFMADD231PD Z20, Z20, Z16
	VEXTRACTF64X4 $1, Z0, Y21
	VCVTPS2PD   Y21, Z21
	VFMADD231PD Z21, Z21, Z17
#else
	VFMADD231PD Z0, Z0, Z16
#endif
#ifdef FLOAT32
	VCVTPS2PD   Y2, Z20
	VFMADD231PD Z20, Z20, Z17
	VEXTRACTF64X4 $1, Z2, Y21
	VCVTPS2PD   Y21, Z21
	VFMADD231PD Z21, Z21, Z16
#else
	VFMADD231PD Z2, Z2, Z17
#endif
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (X_PTR)(I*ELEM), Z0
	VMULP       Z0, Z14, Z0
	VMOVUP      (Y_PTR)(I*ELEM), Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (D_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   Y0, Z20
	VFMADD231PD Z20, Z20, Z16
	VEXTRACTF64X4 $1, Z0, Y21
	VCVTPS2PD   Y21, Z21
	VFMADD231PD Z21, Z21, Z17
#else
	VFMADD231PD Z0, Z0, Z16
#endif
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (X_PTR)(I*ELEM), K1, Z0
	VMULP       Z0, Z14, Z0
	VMOVUP.Z    (Y_PTR)(I*ELEM), K1, Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, K1, (D_PTR)(I*ELEM)
	VMOVUP.Z    Z0, K1, Z0
#ifdef FLOAT32
	VCVTPS2PD   Y0, Z20
	VFMADD231PD Z20, Z20, Z16
	VEXTRACTF64X4 $1, Z0, Y21
	VCVTPS2PD   Y21, Z21
	VFMADD231PD Z21, Z21, Z17
#else
	VFMADD231PD Z0, Z0, Z16
#endif
done:
	// X0 = Z16 + Z17, halves, quarters, then the pair.
	VADDPD        Z17, Z16, Z1
	VEXTRACTF64X4 $1, Z1, Y0
	VADDPD        Y0, Y1, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VPERMILPD     $1, X0, X1
	VADDSD        X1, X0, X0
	VZEROUPPER
