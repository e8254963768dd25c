// Fragment of the AVX-512 Level-2 bodies: y (Y_PTR, COLS elements) +=
// c·row0 with c broadcast in Z10: four vectors per iteration, then one at
// a time, then a masked tail (K1). Uses J and NEXT.

	XORQ J, J

a1_loop:
	LEAQ       (4*LANES)(J), NEXT
	CMPQ       NEXT, COLS
	JA         a1_one
	VMOVUP     (Y_PTR)(J*ELEM), Z0
	VMOVUP     (1*VEC)(Y_PTR)(J*ELEM), Z1
	VMOVUP     (2*VEC)(Y_PTR)(J*ELEM), Z2
	VMOVUP     (3*VEC)(Y_PTR)(J*ELEM), Z3
	VFMADD231P (ROW0)(J*ELEM), Z10, Z0
	VFMADD231P (1*VEC)(ROW0)(J*ELEM), Z10, Z1
	VFMADD231P (2*VEC)(ROW0)(J*ELEM), Z10, Z2
	VFMADD231P (3*VEC)(ROW0)(J*ELEM), Z10, Z3
	VMOVUP     Z0, (Y_PTR)(J*ELEM)
	VMOVUP     Z1, (1*VEC)(Y_PTR)(J*ELEM)
	VMOVUP     Z2, (2*VEC)(Y_PTR)(J*ELEM)
	VMOVUP     Z3, (3*VEC)(Y_PTR)(J*ELEM)
	ADDQ       $(4*LANES), J
	JMP        a1_loop

a1_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         a1_mask
	VMOVUP     (Y_PTR)(J*ELEM), Z0
	VFMADD231P (ROW0)(J*ELEM), Z10, Z0
	VMOVUP     Z0, (Y_PTR)(J*ELEM)
	ADDQ       $LANES, J
	JMP        a1_one

a1_mask:
	CMPQ       J, COLS
	JAE        a1_done
	VMOVUP.Z   (Y_PTR)(J*ELEM), K1, Z0
	VMOVUP.Z   (ROW0)(J*ELEM), K1, Z4
	VFMADD231P Z4, Z10, Z0
	VMOVUP     Z0, K1, (Y_PTR)(J*ELEM)

a1_done:
