// Body of axpyToAVX2 and axpyTo32AVX2 (level1_avx2_amd64.s, which
// describes it): dst = alpha·x + y over N elements. The includer sets the
// element type, DST, X_PTR, Y_PTR, N and ALPHA (ALPHA1 its low lane).

	CMPQ N, $(4*LANES)
	JB   vec

loop:
	VMOVUP     (X_PTR), Y0
	VMOVUP     (1*VEC)(X_PTR), Y1
	VMOVUP     (2*VEC)(X_PTR), Y2
	VMOVUP     (3*VEC)(X_PTR), Y3
	VFMADD213P (Y_PTR), ALPHA, Y0
	VFMADD213P (1*VEC)(Y_PTR), ALPHA, Y1
	VFMADD213P (2*VEC)(Y_PTR), ALPHA, Y2
	VFMADD213P (3*VEC)(Y_PTR), ALPHA, Y3
	VMOVUP     Y0, (DST)
	VMOVUP     Y1, (1*VEC)(DST)
	VMOVUP     Y2, (2*VEC)(DST)
	VMOVUP     Y3, (3*VEC)(DST)
	ADDQ       $(4*VEC), X_PTR
	ADDQ       $(4*VEC), Y_PTR
	ADDQ       $(4*VEC), DST
	SUBQ       $(4*LANES), N
	CMPQ       N, $(4*LANES)
	JAE        loop

vec:
	CMPQ       N, $LANES
	JB         tail
	VMOVUP     (X_PTR), Y0
	VFMADD213P (Y_PTR), ALPHA, Y0
	VMOVUP     Y0, (DST)
	ADDQ       $VEC, X_PTR
	ADDQ       $VEC, Y_PTR
	ADDQ       $VEC, DST
	SUBQ       $LANES, N
	JMP        vec

tail:
	TESTQ      N, N
	JZ         done
	VMOVS      (X_PTR), X0
	VMOVS      (Y_PTR), X1
	VFMADD213S X1, ALPHA1, X0
	VMOVS      X0, (DST)
	ADDQ       $ELEM, X_PTR
	ADDQ       $ELEM, Y_PTR
	ADDQ       $ELEM, DST
	DECQ       N
	JMP        tail

done:
	VZEROUPPER
