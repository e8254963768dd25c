// Fragment of the AVX-512 Level-2 bodies: the dot product of one row
// (ROW0) with x (X_PTR) over COLS elements into lane 0 of X0: two vectors
// per iteration into Z0 and Z1, one more into Z0, the masked tail (K1)
// into Z1, then HSUM. Uses J, NEXT, Z8 and Z9.

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	XORQ   J, J

d1_loop:
	LEAQ       (2*LANES)(J), NEXT
	CMPQ       NEXT, COLS
	JA         d1_one
	VMOVUP     (X_PTR)(J*ELEM), Z8
	VMOVUP     VEC(X_PTR)(J*ELEM), Z9
	VFMADD231P (ROW0)(J*ELEM), Z8, Z0
	VFMADD231P VEC(ROW0)(J*ELEM), Z9, Z1
	ADDQ       $(2*LANES), J
	JMP        d1_loop

d1_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         d1_mask
	VMOVUP     (X_PTR)(J*ELEM), Z8
	VFMADD231P (ROW0)(J*ELEM), Z8, Z0
	ADDQ       $LANES, J

d1_mask:
	CMPQ       J, COLS
	JAE        d1_sum
	VMOVUP.Z   (X_PTR)(J*ELEM), K1, Z8
	VMOVUP.Z   (ROW0)(J*ELEM), K1, Z9
	VFMADD231P Z9, Z8, Z1

d1_sum:
	HSUM
