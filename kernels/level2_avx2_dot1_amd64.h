// Fragment of the AVX2 Level-2 bodies: the dot product of one row (ROW0)
// with x (X_PTR) over COLS elements into lane 0 of X0: two vectors per
// iteration into Y0 and Y1, one more into Y0, the lanes summed, then the
// tail added one element at a time. Uses J, NEXT, Y8 and Y9.

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	XORQ   J, J

d1_loop:
	LEAQ       (2*LANES)(J), NEXT
	CMPQ       NEXT, COLS
	JA         d1_one
	VMOVUP     (X_PTR)(J*ELEM), Y8
	VMOVUP     VEC(X_PTR)(J*ELEM), Y9
	VFMADD231P (ROW0)(J*ELEM), Y8, Y0
	VFMADD231P VEC(ROW0)(J*ELEM), Y9, Y1
	ADDQ       $(2*LANES), J
	JMP        d1_loop

d1_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         d1_sum
	VMOVUP     (X_PTR)(J*ELEM), Y8
	VFMADD231P (ROW0)(J*ELEM), Y8, Y0
	ADDQ       $LANES, J

d1_sum:
	VADDP Y1, Y0, Y0
	HSUMY(Y0, X0, X1)

d1_tail:
	CMPQ       J, COLS
	JAE        d1_done
	VMOVS      (X_PTR)(J*ELEM), X8
	VMOVS      (ROW0)(J*ELEM), X9
	VFMADD231S X9, X8, X0
	INCQ       J
	JMP        d1_tail

d1_done:
