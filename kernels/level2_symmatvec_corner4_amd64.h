// Fragment of the AVX2 and AVX-512 SymMatVec bodies
// (level2_avx2_symmatvec_amd64.h, level2_avx512_symmatvec_amd64.h): the
// end of a block of four rows. The pass's four sums are in Q1 (row r in
// lane r); this adds the 4×4 corner on the diagonal to them, adds
// alpha·Q1 to y[i..i+3], reloads X_PTR and Y_PTR from the arguments and
// goes to the next block (rows4). On entry ROW0..ROW3 and X_PTR point 4
// elements past the corner, at the pass's start. Uses X4..X8, X10..X13,
// Q3 and ALPHA4.

	// The 4×4 corner, upper triangle only:
	// s_r = Σ_c A[min(r,c)][max(r,c)]·x[i+c], added to the pass's sums.
	VMOVS       -(4*ELEM)(X_PTR), X10
	VMOVS       -(3*ELEM)(X_PTR), X11
	VMOVS       -(2*ELEM)(X_PTR), X12
	VMOVS       -(ELEM)(X_PTR), X13
	VMOVS       -(4*ELEM)(ROW0), X4
	VMULS       X10, X4, X4
	VMOVS       -(3*ELEM)(ROW0), X8
	VFMADD231S  X11, X8, X4
	VMOVS       -(2*ELEM)(ROW0), X8
	VFMADD231S  X12, X8, X4
	VMOVS       -(ELEM)(ROW0), X8
	VFMADD231S  X13, X8, X4
	VMOVS       -(3*ELEM)(ROW0), X5
	VMULS       X10, X5, X5
	VMOVS       -(3*ELEM)(ROW1), X8
	VFMADD231S  X11, X8, X5
	VMOVS       -(2*ELEM)(ROW1), X8
	VFMADD231S  X12, X8, X5
	VMOVS       -(ELEM)(ROW1), X8
	VFMADD231S  X13, X8, X5
	VMOVS       -(2*ELEM)(ROW0), X6
	VMULS       X10, X6, X6
	VMOVS       -(2*ELEM)(ROW1), X8
	VFMADD231S  X11, X8, X6
	VMOVS       -(2*ELEM)(ROW2), X8
	VFMADD231S  X12, X8, X6
	VMOVS       -(ELEM)(ROW2), X8
	VFMADD231S  X13, X8, X6
	VMOVS       -(ELEM)(ROW0), X7
	VMULS       X10, X7, X7
	VMOVS       -(ELEM)(ROW1), X8
	VFMADD231S  X11, X8, X7
	VMOVS       -(ELEM)(ROW2), X8
	VFMADD231S  X12, X8, X7
	VMOVS       -(ELEM)(ROW3), X8
	VFMADD231S  X13, X8, X7
	PACK4(X4, X5, X6, X7, Q4)
	VADDP       Q4, Q1, Q1
	// Reload x and y (the same argument slots for both float types).
	MOVQ        y_base+0(FP), Y_PTR
	MOVQ        x_base+64(FP), X_PTR
	VMOVUP      (Y_PTR)(I*ELEM), Q3
	VFMADD231P  ALPHA4, Q1, Q3
	VMOVUP      Q3, (Y_PTR)(I*ELEM)
	ADDQ        $4, I
	JMP         rows4
