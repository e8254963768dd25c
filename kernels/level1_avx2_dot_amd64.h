// Body of dotAVX2 and dot32AVX2 (level1_avx2_amd64.s, which describes it):
// X0 = Σ x[i]·y[i] over N elements. The includer sets the element type,
// X_PTR, Y_PTR and N.

	ZERO8
	CMPQ N, $(8*LANES)
	JB   vec

loop:
	VMOVUP     (X_PTR), Y8
	VMOVUP     (1*VEC)(X_PTR), Y9
	VMOVUP     (2*VEC)(X_PTR), Y10
	VMOVUP     (3*VEC)(X_PTR), Y11
	VMOVUP     (4*VEC)(X_PTR), Y12
	VMOVUP     (5*VEC)(X_PTR), Y13
	VMOVUP     (6*VEC)(X_PTR), Y14
	VMOVUP     (7*VEC)(X_PTR), Y15
	VFMADD231P (Y_PTR), Y8, Y0
	VFMADD231P (1*VEC)(Y_PTR), Y9, Y1
	VFMADD231P (2*VEC)(Y_PTR), Y10, Y2
	VFMADD231P (3*VEC)(Y_PTR), Y11, Y3
	VFMADD231P (4*VEC)(Y_PTR), Y12, Y4
	VFMADD231P (5*VEC)(Y_PTR), Y13, Y5
	VFMADD231P (6*VEC)(Y_PTR), Y14, Y6
	VFMADD231P (7*VEC)(Y_PTR), Y15, Y7
	ADDQ       $(8*VEC), X_PTR
	ADDQ       $(8*VEC), Y_PTR
	SUBQ       $(8*LANES), N
	CMPQ       N, $(8*LANES)
	JAE        loop

vec:
	CMPQ       N, $LANES
	JB         reduce
	VMOVUP     (X_PTR), Y8
	VFMADD231P (Y_PTR), Y8, Y0
	ADDQ       $VEC, X_PTR
	ADDQ       $VEC, Y_PTR
	SUBQ       $LANES, N
	JMP        vec

reduce:
	REDUCE8

tail:
	TESTQ      N, N
	JZ         done
	VMOVS      (X_PTR), X8
	VMOVS      (Y_PTR), X9
	VFMADD231S X9, X8, X0
	ADDQ       $ELEM, X_PTR
	ADDQ       $ELEM, Y_PTR
	DECQ       N
	JMP        tail

done:
	VZEROUPPER
