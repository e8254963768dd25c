// Body of sumSqAVX512, sumSq32AVX512 and sumSqWide32AVX512
// (level1_avx512_amd64.s, which describes it): X0 = Σ x[i]² over N
// elements. The includer sets the element type of the sum (float64 for
// sumSqWide32), X_PTR and N (CX), and how x is read: XLOAD loads one
// vector of the sum's type, XLOADZ the same under the mask K1, XVEC is the
// number of bytes of x one vector holds.

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   N, $(8*LANES)
	JB     vec
	ZERO2_7

loop:
	XLOAD      (X_PTR), Z8
	XLOAD      (1*XVEC)(X_PTR), Z9
	XLOAD      (2*XVEC)(X_PTR), Z10
	XLOAD      (3*XVEC)(X_PTR), Z11
	XLOAD      (4*XVEC)(X_PTR), Z12
	XLOAD      (5*XVEC)(X_PTR), Z13
	XLOAD      (6*XVEC)(X_PTR), Z14
	XLOAD      (7*XVEC)(X_PTR), Z15
	VFMADD231P Z8, Z8, Z0
	VFMADD231P Z9, Z9, Z1
	VFMADD231P Z10, Z10, Z2
	VFMADD231P Z11, Z11, Z3
	VFMADD231P Z12, Z12, Z4
	VFMADD231P Z13, Z13, Z5
	VFMADD231P Z14, Z14, Z6
	VFMADD231P Z15, Z15, Z7
	ADDQ       $(8*XVEC), X_PTR
	SUBQ       $(8*LANES), N
	CMPQ       N, $(8*LANES)
	JAE        loop
	FOLD8

vec:
	CMPQ       N, $LANES
	JB         tail
	XLOAD      (X_PTR), Z8
	VFMADD231P Z8, Z8, Z0
	ADDQ       $XVEC, X_PTR
	SUBQ       $LANES, N
	JMP        vec

tail:
	TESTQ      N, N
	JZ         done
	MASK
	XLOADZ     (X_PTR), K1, Z8
	VFMADD231P Z8, Z8, Z1

done:
	HSUM
	VZEROUPPER
