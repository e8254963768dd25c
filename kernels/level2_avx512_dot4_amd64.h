// Fragment of the AVX-512 Level-2 bodies: the dot products of four rows
// (ROW0..ROW3) with x (X_PTR) over COLS elements, each piece of x loaded
// once for the four. Row r accumulates in Z(2r) (the one-vector step too)
// and Z(2r+1) (the masked tail, under K1 = COLS % LANES lanes); at the end
// the four sums are in Q1 (a YMM for float64, an XMM for float32), row r
// in lane r. With PREFETCH_AHEAD defined (gramVec), the loop also
// prefetches the rows two blocks ahead through AHEAD. Uses J, NEXT, Z8 and
// Z9 (x) and Z10..Z13 (the masked rows).

#ifdef PREFETCH_AHEAD
	LEAQ (ROW0)(LDA*8), AHEAD
#endif
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ   J, J

d4_loop:
	// Two vectors of each row per iteration.
	LEAQ       (2*LANES)(J), NEXT
	CMPQ       NEXT, COLS
	JA         d4_one
#ifdef PREFETCH_AHEAD
	PREFETCHT0 (AHEAD)
	PREFETCHT0 64(AHEAD)
	PREFETCHT0 128(AHEAD)
	PREFETCHT0 192(AHEAD)
	PREFETCHT0 256(AHEAD)
	PREFETCHT0 320(AHEAD)
	PREFETCHT0 384(AHEAD)
	PREFETCHT0 448(AHEAD)
	ADDQ       $512, AHEAD
#endif
	VMOVUP     (X_PTR)(J*ELEM), Z8
	VMOVUP     VEC(X_PTR)(J*ELEM), Z9
	VFMADD231P (ROW0)(J*ELEM), Z8, Z0
	VFMADD231P VEC(ROW0)(J*ELEM), Z9, Z1
	VFMADD231P (ROW1)(J*ELEM), Z8, Z2
	VFMADD231P VEC(ROW1)(J*ELEM), Z9, Z3
	VFMADD231P (ROW2)(J*ELEM), Z8, Z4
	VFMADD231P VEC(ROW2)(J*ELEM), Z9, Z5
	VFMADD231P (ROW3)(J*ELEM), Z8, Z6
	VFMADD231P VEC(ROW3)(J*ELEM), Z9, Z7
	ADDQ       $(2*LANES), J
	JMP        d4_loop

d4_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         d4_mask
	VMOVUP     (X_PTR)(J*ELEM), Z8
	VFMADD231P (ROW0)(J*ELEM), Z8, Z0
	VFMADD231P (ROW1)(J*ELEM), Z8, Z2
	VFMADD231P (ROW2)(J*ELEM), Z8, Z4
	VFMADD231P (ROW3)(J*ELEM), Z8, Z6
	ADDQ       $LANES, J

d4_mask:
	CMPQ       J, COLS
	JAE        d4_sum
	VMOVUP.Z   (X_PTR)(J*ELEM), K1, Z8
	VMOVUP.Z   (ROW0)(J*ELEM), K1, Z10
	VMOVUP.Z   (ROW1)(J*ELEM), K1, Z11
	VMOVUP.Z   (ROW2)(J*ELEM), K1, Z12
	VMOVUP.Z   (ROW3)(J*ELEM), K1, Z13
	VFMADD231P Z10, Z8, Z1
	VFMADD231P Z11, Z8, Z3
	VFMADD231P Z12, Z8, Z5
	VFMADD231P Z13, Z8, Z7

d4_sum:
	SUM4Z
