// Body of dotAVX512 and dot32AVX512 (level1_avx512_amd64.s, which
// describes it): X0 = Σ x[i]·y[i] over N elements. The includer sets the
// element type, X_PTR, Y_PTR and N (CX, which MASK reads).

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   N, $(8*LANES)
	JB     vec
	ZERO2_7

loop:
	VMOVUP     (X_PTR), Z8
	VMOVUP     (1*VEC)(X_PTR), Z9
	VMOVUP     (2*VEC)(X_PTR), Z10
	VMOVUP     (3*VEC)(X_PTR), Z11
	VMOVUP     (4*VEC)(X_PTR), Z12
	VMOVUP     (5*VEC)(X_PTR), Z13
	VMOVUP     (6*VEC)(X_PTR), Z14
	VMOVUP     (7*VEC)(X_PTR), Z15
	VFMADD231P (Y_PTR), Z8, Z0
	VFMADD231P (1*VEC)(Y_PTR), Z9, Z1
	VFMADD231P (2*VEC)(Y_PTR), Z10, Z2
	VFMADD231P (3*VEC)(Y_PTR), Z11, Z3
	VFMADD231P (4*VEC)(Y_PTR), Z12, Z4
	VFMADD231P (5*VEC)(Y_PTR), Z13, Z5
	VFMADD231P (6*VEC)(Y_PTR), Z14, Z6
	VFMADD231P (7*VEC)(Y_PTR), Z15, Z7
	ADDQ       $(8*VEC), X_PTR
	ADDQ       $(8*VEC), Y_PTR
	SUBQ       $(8*LANES), N
	CMPQ       N, $(8*LANES)
	JAE        loop
	FOLD8

vec:
	CMPQ       N, $LANES
	JB         tail
	VMOVUP     (X_PTR), Z8
	VFMADD231P (Y_PTR), Z8, Z0
	ADDQ       $VEC, X_PTR
	ADDQ       $VEC, Y_PTR
	SUBQ       $LANES, N
	JMP        vec

tail:
	TESTQ      N, N
	JZ         done
	MASK
	VMOVUP.Z   (X_PTR), K1, Z8
	VMOVUP.Z   (Y_PTR), K1, Z9
	VFMADD231P Z9, Z8, Z1

done:
	HSUM
	VZEROUPPER
