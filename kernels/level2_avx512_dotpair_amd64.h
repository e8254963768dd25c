// Body of dotPairAVX512 and dotPair32AVX512 (level2_avx512_amd64.s, which
// describes it): X0 = x·a and X4 = x·b over N elements. The includer sets
// the element type, X_PTR, A_PTR, B_PTR, N, J and NEXT (CX, MASK's count).

	MOVQ   N, NEXT
	ANDQ   $(LANES-1), NEXT
	MASK
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ   J, J

loop:
	// Four vectors of x per iteration, each used for a and for b.
	LEAQ       (4*LANES)(J), NEXT
	CMPQ       NEXT, N
	JA         one
	VMOVUP     (X_PTR)(J*ELEM), Z8
	VMOVUP     (1*VEC)(X_PTR)(J*ELEM), Z9
	VMOVUP     (2*VEC)(X_PTR)(J*ELEM), Z10
	VMOVUP     (3*VEC)(X_PTR)(J*ELEM), Z11
	VFMADD231P (A_PTR)(J*ELEM), Z8, Z0
	VFMADD231P (B_PTR)(J*ELEM), Z8, Z4
	VFMADD231P (1*VEC)(A_PTR)(J*ELEM), Z9, Z1
	VFMADD231P (1*VEC)(B_PTR)(J*ELEM), Z9, Z5
	VFMADD231P (2*VEC)(A_PTR)(J*ELEM), Z10, Z2
	VFMADD231P (2*VEC)(B_PTR)(J*ELEM), Z10, Z6
	VFMADD231P (3*VEC)(A_PTR)(J*ELEM), Z11, Z3
	VFMADD231P (3*VEC)(B_PTR)(J*ELEM), Z11, Z7
	ADDQ       $(4*LANES), J
	JMP        loop

one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, N
	JA         mask
	VMOVUP     (X_PTR)(J*ELEM), Z8
	VFMADD231P (A_PTR)(J*ELEM), Z8, Z0
	VFMADD231P (B_PTR)(J*ELEM), Z8, Z4
	ADDQ       $LANES, J
	JMP        one

mask:
	CMPQ       J, N
	JAE        sum
	VMOVUP.Z   (X_PTR)(J*ELEM), K1, Z8
	VMOVUP.Z   (A_PTR)(J*ELEM), K1, Z9
	VMOVUP.Z   (B_PTR)(J*ELEM), K1, Z10
	VFMADD231P Z9, Z8, Z1
	VFMADD231P Z10, Z8, Z5

sum:
	// ((0+1)+(2+3)) for x·a, ((4+5)+(6+7)) for x·b, then their lanes.
	VADDP Z1, Z0, Z0
	VADDP Z3, Z2, Z2
	VADDP Z2, Z0, Z0
	VADDP Z5, Z4, Z4
	VADDP Z7, Z6, Z6
	VADDP Z6, Z4, Z4
	HSUMZ(Z0, Y0, X0, Y1, X1)
	HSUMZ(Z4, Y4, X4, Y5, X5)
	VZEROUPPER
