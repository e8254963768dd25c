// Fragment of the AVX2 Level-2 bodies: y (Y_PTR, COLS elements) += c·row0
// with c broadcast in Y10: four vectors per iteration, then one at a
// time, then one element at a time. Uses J and NEXT.

	XORQ J, J

a1_loop:
	LEAQ       (4*LANES)(J), NEXT
	CMPQ       NEXT, COLS
	JA         a1_one
	VMOVUP     (Y_PTR)(J*ELEM), Y0
	VMOVUP     (1*VEC)(Y_PTR)(J*ELEM), Y1
	VMOVUP     (2*VEC)(Y_PTR)(J*ELEM), Y2
	VMOVUP     (3*VEC)(Y_PTR)(J*ELEM), Y3
	VFMADD231P (ROW0)(J*ELEM), Y10, Y0
	VFMADD231P (1*VEC)(ROW0)(J*ELEM), Y10, Y1
	VFMADD231P (2*VEC)(ROW0)(J*ELEM), Y10, Y2
	VFMADD231P (3*VEC)(ROW0)(J*ELEM), Y10, Y3
	VMOVUP     Y0, (Y_PTR)(J*ELEM)
	VMOVUP     Y1, (1*VEC)(Y_PTR)(J*ELEM)
	VMOVUP     Y2, (2*VEC)(Y_PTR)(J*ELEM)
	VMOVUP     Y3, (3*VEC)(Y_PTR)(J*ELEM)
	ADDQ       $(4*LANES), J
	JMP        a1_loop

a1_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         a1_tail
	VMOVUP     (Y_PTR)(J*ELEM), Y0
	VFMADD231P (ROW0)(J*ELEM), Y10, Y0
	VMOVUP     Y0, (Y_PTR)(J*ELEM)
	ADDQ       $LANES, J
	JMP        a1_one

a1_tail:
	CMPQ       J, COLS
	JAE        a1_done
	VMOVS      (Y_PTR)(J*ELEM), X0
	VMOVS      (ROW0)(J*ELEM), X4
	VFMADD231S X4, X10, X0
	VMOVS      X0, (Y_PTR)(J*ELEM)
	INCQ       J
	JMP        a1_tail

a1_done:
