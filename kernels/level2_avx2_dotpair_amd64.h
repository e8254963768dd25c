// Body of dotPairAVX2 and dotPair32AVX2 (level2_avx2_amd64.s, which
// describes it): X0 = x·a and X4 = x·b over N elements. The includer sets
// the element type, X_PTR, A_PTR, B_PTR, N, J and NEXT.

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
	VMOVUP     (X_PTR)(J*ELEM), Y8
	VMOVUP     (1*VEC)(X_PTR)(J*ELEM), Y9
	VMOVUP     (2*VEC)(X_PTR)(J*ELEM), Y10
	VMOVUP     (3*VEC)(X_PTR)(J*ELEM), Y11
	VFMADD231P (A_PTR)(J*ELEM), Y8, Y0
	VFMADD231P (B_PTR)(J*ELEM), Y8, Y4
	VFMADD231P (1*VEC)(A_PTR)(J*ELEM), Y9, Y1
	VFMADD231P (1*VEC)(B_PTR)(J*ELEM), Y9, Y5
	VFMADD231P (2*VEC)(A_PTR)(J*ELEM), Y10, Y2
	VFMADD231P (2*VEC)(B_PTR)(J*ELEM), Y10, Y6
	VFMADD231P (3*VEC)(A_PTR)(J*ELEM), Y11, Y3
	VFMADD231P (3*VEC)(B_PTR)(J*ELEM), Y11, Y7
	ADDQ       $(4*LANES), J
	JMP        loop

one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, N
	JA         sum
	VMOVUP     (X_PTR)(J*ELEM), Y8
	VFMADD231P (A_PTR)(J*ELEM), Y8, Y0
	VFMADD231P (B_PTR)(J*ELEM), Y8, Y4
	ADDQ       $LANES, J
	JMP        one

sum:
	// ((0+1)+(2+3)) for x·a, ((4+5)+(6+7)) for x·b, then their lanes.
	VADDP Y1, Y0, Y0
	VADDP Y3, Y2, Y2
	VADDP Y2, Y0, Y0
	VADDP Y5, Y4, Y4
	VADDP Y7, Y6, Y6
	VADDP Y6, Y4, Y4
	HSUMY(Y0, X0, X1)
	HSUMY(Y4, X4, X5)

tail:
	CMPQ       J, N
	JAE        done
	VMOVS      (X_PTR)(J*ELEM), X8
	VMOVS      (A_PTR)(J*ELEM), X9
	VFMADD231S X9, X8, X0
	VMOVS      (B_PTR)(J*ELEM), X9
	VFMADD231S X9, X8, X4
	INCQ       J
	JMP        tail

done:
	VZEROUPPER
