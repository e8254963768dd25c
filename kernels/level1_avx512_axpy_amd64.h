// Body of axpyToAVX512 and axpyTo32AVX512 (level1_avx512_amd64.s, which
// describes it): dst = alpha·x + y over N elements. The includer sets the
// element type, DST, X_PTR, Y_PTR, N and ALPHA (a ZMM; ALPHA_Y and ALPHA_X
// are its YMM and XMM).

	CMPQ N, $(4*LANES)
	JB   vec

loop:
	VMOVUP     (X_PTR), Z0
	VMOVUP     (1*VEC)(X_PTR), Z1
	VMOVUP     (2*VEC)(X_PTR), Z2
	VMOVUP     (3*VEC)(X_PTR), Z3
	VFMADD213P (Y_PTR), ALPHA, Z0
	VFMADD213P (1*VEC)(Y_PTR), ALPHA, Z1
	VFMADD213P (2*VEC)(Y_PTR), ALPHA, Z2
	VFMADD213P (3*VEC)(Y_PTR), ALPHA, Z3
	VMOVUP     Z0, (DST)
	VMOVUP     Z1, (1*VEC)(DST)
	VMOVUP     Z2, (2*VEC)(DST)
	VMOVUP     Z3, (3*VEC)(DST)
	ADDQ       $(4*VEC), X_PTR
	ADDQ       $(4*VEC), Y_PTR
	ADDQ       $(4*VEC), DST
	SUBQ       $(4*LANES), N
	CMPQ       N, $(4*LANES)
	JAE        loop

vec:
	CMPQ       N, $LANES
	JB         half
	VMOVUP     (X_PTR), Z0
	VFMADD213P (Y_PTR), ALPHA, Z0
	VMOVUP     Z0, (DST)
	ADDQ       $VEC, X_PTR
	ADDQ       $VEC, Y_PTR
	ADDQ       $VEC, DST
	SUBQ       $LANES, N
	JMP        vec

half:
	// The bits of the remaining length: a YMM, an XMM, (for float32) a
	// pair, and one element.
	TESTQ      $(LANES/2), N
	JZ         quarter
	VMOVUP     (X_PTR), Y0
	VFMADD213P (Y_PTR), ALPHA_Y, Y0
	VMOVUP     Y0, (DST)
	ADDQ       $(VEC/2), X_PTR
	ADDQ       $(VEC/2), Y_PTR
	ADDQ       $(VEC/2), DST

quarter:
	TESTQ      $(LANES/4), N
	JZ         pair
	VMOVUP     (X_PTR), X0
	VFMADD213P (Y_PTR), ALPHA_X, X0
	VMOVUP     X0, (DST)
	ADDQ       $(VEC/4), X_PTR
	ADDQ       $(VEC/4), Y_PTR
	ADDQ       $(VEC/4), DST

pair:
#ifdef FLOAT32
	// Two float32 as one 8-byte load and store.
	TESTQ      $2, N
	JZ         one
	VMOVSD     (X_PTR), X0
	VMOVSD     (Y_PTR), X1
	VFMADD213P X1, ALPHA_X, X0
	VMOVSD     X0, (DST)
	ADDQ       $8, X_PTR
	ADDQ       $8, Y_PTR
	ADDQ       $8, DST
#endif

one:
	TESTQ      $1, N
	JZ         done
	VMOVS      (X_PTR), X0
	VMOVS      (Y_PTR), X1
	VFMADD213S X1, ALPHA_X, X0
	VMOVS      X0, (DST)

done:
	VZEROUPPER
