// Body of sumSqAVX2, sumSq32AVX2 and sumSqWide32AVX2 (level1_avx2_amd64.s,
// which describes it): X0 = Σ x[i]² over N elements. The includer sets the
// element type of the sum (float64 for sumSqWide32), X_PTR and N, and how
// x is read: XLOAD loads one vector of the sum's type from memory, XVEC is
// the number of bytes of x it reads, XELEM the bytes of one element and
// XLOAD1(r) loads one element into r.

	ZERO8
	CMPQ N, $(8*LANES)
	JB   vec

loop:
	XLOAD      (X_PTR), Y8
	XLOAD      (1*XVEC)(X_PTR), Y9
	XLOAD      (2*XVEC)(X_PTR), Y10
	XLOAD      (3*XVEC)(X_PTR), Y11
	XLOAD      (4*XVEC)(X_PTR), Y12
	XLOAD      (5*XVEC)(X_PTR), Y13
	XLOAD      (6*XVEC)(X_PTR), Y14
	XLOAD      (7*XVEC)(X_PTR), Y15
	VFMADD231P Y8, Y8, Y0
	VFMADD231P Y9, Y9, Y1
	VFMADD231P Y10, Y10, Y2
	VFMADD231P Y11, Y11, Y3
	VFMADD231P Y12, Y12, Y4
	VFMADD231P Y13, Y13, Y5
	VFMADD231P Y14, Y14, Y6
	VFMADD231P Y15, Y15, Y7
	ADDQ       $(8*XVEC), X_PTR
	SUBQ       $(8*LANES), N
	CMPQ       N, $(8*LANES)
	JAE        loop

vec:
	CMPQ       N, $LANES
	JB         reduce
	XLOAD      (X_PTR), Y8
	VFMADD231P Y8, Y8, Y0
	ADDQ       $XVEC, X_PTR
	SUBQ       $LANES, N
	JMP        vec

reduce:
	REDUCE8

tail:
	TESTQ      N, N
	JZ         done
	XLOAD1(X8)
	VFMADD231S X8, X8, X0
	ADDQ       $XELEM, X_PTR
	DECQ       N
	JMP        tail

done:
	VZEROUPPER
