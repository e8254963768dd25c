// Body of scaleAVX2 and scale32AVX2 (level1_avx2_amd64.s, which describes
// it): x *= alpha over N elements. The includer sets the element type,
// X_PTR, N and ALPHA (ALPHA1 its low lane).

	CMPQ N, $(4*LANES)
	JB   vec

loop:
	VMULP  (X_PTR), ALPHA, Y0
	VMULP  (1*VEC)(X_PTR), ALPHA, Y1
	VMULP  (2*VEC)(X_PTR), ALPHA, Y2
	VMULP  (3*VEC)(X_PTR), ALPHA, Y3
	VMOVUP Y0, (X_PTR)
	VMOVUP Y1, (1*VEC)(X_PTR)
	VMOVUP Y2, (2*VEC)(X_PTR)
	VMOVUP Y3, (3*VEC)(X_PTR)
	ADDQ   $(4*VEC), X_PTR
	SUBQ   $(4*LANES), N
	CMPQ   N, $(4*LANES)
	JAE    loop

vec:
	CMPQ   N, $LANES
	JB     tail
	VMULP  (X_PTR), ALPHA, Y0
	VMOVUP Y0, (X_PTR)
	ADDQ   $VEC, X_PTR
	SUBQ   $LANES, N
	JMP    vec

tail:
	TESTQ  N, N
	JZ     done
	VMOVS  (X_PTR), X0
	VMULS  X0, ALPHA1, X0
	VMOVS  X0, (X_PTR)
	ADDQ   $ELEM, X_PTR
	DECQ   N
	JMP    tail

done:
	VZEROUPPER
