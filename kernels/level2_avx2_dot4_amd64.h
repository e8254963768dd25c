// Fragment of the AVX2 Level-2 bodies: the dot products of four rows
// (ROW0..ROW3) with x (X_PTR) over COLS elements, each piece of x loaded
// once for the four. Row r accumulates in Y(2r) (the one-vector step too)
// and Y(2r+1); the scalar tail in X10..X13, accumulators of their own (a
// VEX scalar operation clears the upper half of its register). At the end
// the four sums are in Q1 (a YMM for float64, an XMM for float32), row r
// in lane r. With PREFETCH_AHEAD defined (gramVec), the loop also
// prefetches the rows two blocks ahead through AHEAD. Uses J, NEXT, Y8
// and Y9.

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
#ifdef PREFETCH_AHEAD
	LEAQ   (ROW0)(LDA*8), AHEAD
#endif
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
	ADDQ       $256, AHEAD
#endif
	VMOVUP     (X_PTR)(J*ELEM), Y8
	VMOVUP     VEC(X_PTR)(J*ELEM), Y9
	VFMADD231P (ROW0)(J*ELEM), Y8, Y0
	VFMADD231P VEC(ROW0)(J*ELEM), Y9, Y1
	VFMADD231P (ROW1)(J*ELEM), Y8, Y2
	VFMADD231P VEC(ROW1)(J*ELEM), Y9, Y3
	VFMADD231P (ROW2)(J*ELEM), Y8, Y4
	VFMADD231P VEC(ROW2)(J*ELEM), Y9, Y5
	VFMADD231P (ROW3)(J*ELEM), Y8, Y6
	VFMADD231P VEC(ROW3)(J*ELEM), Y9, Y7
	ADDQ       $(2*LANES), J
	JMP        d4_loop

d4_one:
	LEAQ       LANES(J), NEXT
	CMPQ       NEXT, COLS
	JA         d4_tail
	VMOVUP     (X_PTR)(J*ELEM), Y8
	VFMADD231P (ROW0)(J*ELEM), Y8, Y0
	VFMADD231P (ROW1)(J*ELEM), Y8, Y2
	VFMADD231P (ROW2)(J*ELEM), Y8, Y4
	VFMADD231P (ROW3)(J*ELEM), Y8, Y6
	ADDQ       $LANES, J

d4_tail:
	CMPQ       J, COLS
	JAE        d4_sum
	VMOVS      (X_PTR)(J*ELEM), X8
	VMOVS      (ROW0)(J*ELEM), X9
	VFMADD231S X9, X8, X10
	VMOVS      (ROW1)(J*ELEM), X9
	VFMADD231S X9, X8, X11
	VMOVS      (ROW2)(J*ELEM), X9
	VFMADD231S X9, X8, X12
	VMOVS      (ROW3)(J*ELEM), X9
	VFMADD231S X9, X8, X13
	INCQ       J
	JMP        d4_tail

d4_sum:
	// Each row's pair, then the four rows' lanes (SUM4), then the tails.
	VADDP Y1, Y0, Y0
	VADDP Y3, Y2, Y2
	VADDP Y5, Y4, Y4
	VADDP Y7, Y6, Y6
	SUM4
	PACK4(X10, X11, X12, X13, Q10)
	VADDP Q10, Q1, Q1
