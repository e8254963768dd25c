// Body of combineSumSqAVX2 and combineSumSq32AVX2 (variants_avx2_amd64.s, which describes them;
// references combineSumSqGeneric and combineSumSq32Generic). The includer sets the
// element type and the registers.

	XORQ        I, I
	VXORPD      Y8, Y8, Y8
	VXORPD      Y9, Y9, Y9
	VXORPD      Y10, Y10, Y10
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMULP       (X_PTR)(I*ELEM), Y14, Y0
	VFMADD231P  (Y_PTR)(I*ELEM), Y15, Y0
	VMOVUP      Y0, (D_PTR)(I*ELEM)
	VMULP       VEC(X_PTR)(I*ELEM), Y14, Y1
	VFMADD231P  VEC(Y_PTR)(I*ELEM), Y15, Y1
	VMOVUP      Y1, VEC(D_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   X0, Y2
	VFMADD231PD Y2, Y2, Y8
	VEXTRACTF128 $1, Y0, X2
	VCVTPS2PD   X2, Y2
	VFMADD231PD Y2, Y2, Y9
#else
	VFMADD231PD Y0, Y0, Y8
#endif
#ifdef FLOAT32
	VCVTPS2PD   X1, Y2
	VFMADD231PD Y2, Y2, Y9
	VEXTRACTF128 $1, Y1, X2
	VCVTPS2PD   X2, Y2
	VFMADD231PD Y2, Y2, Y8
#else
	VFMADD231PD Y1, Y1, Y9
#endif
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMULP       (X_PTR)(I*ELEM), Y14, Y0
	VFMADD231P  (Y_PTR)(I*ELEM), Y15, Y0
	VMOVUP      Y0, (D_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   X0, Y2
	VFMADD231PD Y2, Y2, Y8
	VEXTRACTF128 $1, Y0, X2
	VCVTPS2PD   X2, Y2
	VFMADD231PD Y2, Y2, Y9
#else
	VFMADD231PD Y0, Y0, Y8
#endif
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, N
	JAE         done
	VMOVS       (X_PTR)(I*ELEM), X0
	VMULS       X0, X14, X0
	VMOVS       (Y_PTR)(I*ELEM), X1
	VFMADD231S  X1, X15, X0
	VMOVS       X0, (D_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTSS2SD   X0, X2, X2
	VFMADD231SD X2, X2, X10
#else
	VFMADD231SD X0, X0, X10
#endif
	INCQ        I
	JMP         tail
done:
	// X0 = Y8 + Y9, its lanes pairwise, then the tail's X10.
	VADDPD      Y9, Y8, Y8
	VEXTRACTF128 $1, Y8, X0
	VADDPD      X0, X8, X0
	VPERMILPD   $1, X0, X1
	VADDSD      X1, X0, X0
	VADDSD      X10, X0, X0
	VZEROUPPER
