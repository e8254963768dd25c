// Fragment of the AVX2 Level-2 bodies: y (Y_PTR, COLS elements) +=
// c0·row0 + c1·row1 + c2·row2 + c3·row3 with c_r broadcast in Y10..Y13,
// each piece of y loaded and stored once for the four rows. Four vectors
// per iteration in Y0..Y3, then one vector at a time in Y0, then one
// element at a time (the rows in X4). Uses J and NEXT.

	XORQ J, J

a4_loop:
	LEAQ       (4*LANES)(J), NEXT
	CMPQ       NEXT, COLS
	JA         a4_one
	VMOVUP     (Y_PTR)(J*ELEM), Y0
	VMOVUP     (1*VEC)(Y_PTR)(J*ELEM), Y1
	VMOVUP     (2*VEC)(Y_PTR)(J*ELEM), Y2
	VMOVUP     (3*VEC)(Y_PTR)(J*ELEM), Y3
	VFMADD231P (ROW0)(J*ELEM), Y10, Y0
	VFMADD231P (1*VEC)(ROW0)(J*ELEM), Y10, Y1
	VFMADD231P (2*VEC)(ROW0)(J*ELEM), Y10, Y2
	VFMADD231P (3*VEC)(ROW0)(J*ELEM), Y10, Y3
	VFMADD231P (ROW1)(J*ELEM), Y11, Y0
	VFMADD231P (1*VEC)(ROW1)(J*ELEM), Y11, Y1
	VFMADD231P (2*VEC)(ROW1)(J*ELEM), Y11, Y2
	VFMADD231P (3*VEC)(ROW1)(J*ELEM), Y11, Y3
	VFMADD231P (ROW2)(J*ELEM), Y12, Y0
	VFMADD231P (1*VEC)(ROW2)(J*ELEM), Y12, Y1
	VFMADD231P (2*VEC)(ROW2)(J*ELEM), Y12, Y2
	VFMADD231P (3*VEC)(ROW2)(J*ELEM), Y12, Y3
	VFMADD231P (ROW3)(J*ELEM), Y13, Y0
	VFMADD231P (1*VEC)(ROW3)(J*ELEM), Y13, Y1
	VFMADD231P (2*VEC)(ROW3)(J*ELEM), Y13, Y2
	VFMADD231P (3*VEC)(ROW3)(J*ELEM), Y13, Y3
	VMOVUP     Y0, (Y_PTR)(J*ELEM)
	VMOVUP     Y1, (1*VEC)(Y_PTR)(J*ELEM)
	VMOVUP     Y2, (2*VEC)(Y_PTR)(J*ELEM)
	VMOVUP     Y3, (3*VEC)(Y_PTR)(J*ELEM)
	ADDQ       $(4*LANES), J
	JMP        a4_loop

a4_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         a4_tail
	VMOVUP     (Y_PTR)(J*ELEM), Y0
	VFMADD231P (ROW0)(J*ELEM), Y10, Y0
	VFMADD231P (ROW1)(J*ELEM), Y11, Y0
	VFMADD231P (ROW2)(J*ELEM), Y12, Y0
	VFMADD231P (ROW3)(J*ELEM), Y13, Y0
	VMOVUP     Y0, (Y_PTR)(J*ELEM)
	ADDQ       $LANES, J
	JMP        a4_one

a4_tail:
	CMPQ       J, COLS
	JAE        a4_done
	VMOVS      (Y_PTR)(J*ELEM), X0
	VMOVS      (ROW0)(J*ELEM), X4
	VFMADD231S X4, X10, X0
	VMOVS      (ROW1)(J*ELEM), X4
	VFMADD231S X4, X11, X0
	VMOVS      (ROW2)(J*ELEM), X4
	VFMADD231S X4, X12, X0
	VMOVS      (ROW3)(J*ELEM), X4
	VFMADD231S X4, X13, X0
	VMOVS      X0, (Y_PTR)(J*ELEM)
	INCQ       J
	JMP        a4_tail

a4_done:
