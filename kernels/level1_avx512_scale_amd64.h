// Body of scaleAVX512 and scale32AVX512 (level1_avx512_amd64.s, which
// describes it): x *= alpha over N elements. The includer sets the element
// type, X_PTR, N and ALPHA (a ZMM; ALPHA_Y and ALPHA_X are its YMM and
// XMM).

	CMPQ N, $(4*LANES)
	JB   vec

loop:
	VMULP  (X_PTR), ALPHA, Z0
	VMULP  (1*VEC)(X_PTR), ALPHA, Z1
	VMULP  (2*VEC)(X_PTR), ALPHA, Z2
	VMULP  (3*VEC)(X_PTR), ALPHA, Z3
	VMOVUP Z0, (X_PTR)
	VMOVUP Z1, (1*VEC)(X_PTR)
	VMOVUP Z2, (2*VEC)(X_PTR)
	VMOVUP Z3, (3*VEC)(X_PTR)
	ADDQ   $(4*VEC), X_PTR
	SUBQ   $(4*LANES), N
	CMPQ   N, $(4*LANES)
	JAE    loop

vec:
	CMPQ   N, $LANES
	JB     half
	VMULP  (X_PTR), ALPHA, Z0
	VMOVUP Z0, (X_PTR)
	ADDQ   $VEC, X_PTR
	SUBQ   $LANES, N
	JMP    vec

half:
	// The bits of the remaining length, as in axpyTo.
	TESTQ  $(LANES/2), N
	JZ     quarter
	VMULP  (X_PTR), ALPHA_Y, Y0
	VMOVUP Y0, (X_PTR)
	ADDQ   $(VEC/2), X_PTR

quarter:
	TESTQ  $(LANES/4), N
	JZ     pair
	VMULP  (X_PTR), ALPHA_X, X0
	VMOVUP X0, (X_PTR)
	ADDQ   $(VEC/4), X_PTR

pair:
#ifdef FLOAT32
	TESTQ  $2, N
	JZ     one
	VMOVSD (X_PTR), X0
	VMULP  X0, ALPHA_X, X0
	VMOVSD X0, (X_PTR)
	ADDQ   $8, X_PTR
#endif

one:
	TESTQ  $1, N
	JZ     done
	VMOVS  (X_PTR), X0
	VMULS  X0, ALPHA_X, X0
	VMOVS  X0, (X_PTR)

done:
	VZEROUPPER
