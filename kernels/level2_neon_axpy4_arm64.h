// Fragment of the NEON Level-2 bodies: y (Y_PTR, COLS elements) +=
// s0·row0 + s1·row1 + s2·row2 + s3·row3, the four coefficients in V24
// (and V25 for float64) broadcast first to V26..V29. Four registers of y
// (V0..V3) per iteration, loaded (YL) and stored (YS) once for the four
// rows (row r in V(4+4r)..V(7+4r)); then one register; then one element at
// a time with F26..F29. Uses N, ROW0..ROW3.

	VDUP        V24.ELT[0], V26.ARR
	VDUP        V24.ELT[1], V27.ARR
#ifdef FLOAT32
	VDUP        V24.S[2], V28.S4
	VDUP        V24.S[3], V29.S4
#else
	VDUP        V25.D[0], V28.D2
	VDUP        V25.D[1], V29.D2
#endif
	MOVD        A_ROW, ROW0
	ADD         LDA, ROW0, ROW1
	ADD         LDA, ROW1, ROW2
	ADD         LDA, ROW2, ROW3
	MOVD        Y_PTR, YL
	MOVD        Y_PTR, YS
	MOVD        COLS, N
	CMP         $(4*LANES), N
	BLT         a4_v

a4_loop:
	// 8 elements of y (V0..V3), loaded and stored once for four rows
	// (row r in V(4+4r)..V(7+4r)).
	VLD1.P      64(YL), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(ROW0), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	VLD1.P      64(ROW1), [V8.ARR, V9.ARR, V10.ARR, V11.ARR]
	VLD1.P      64(ROW2), [V12.ARR, V13.ARR, V14.ARR, V15.ARR]
	VLD1.P      64(ROW3), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VFMLA       V26.ARR, V4.ARR, V0.ARR
	VFMLA       V26.ARR, V5.ARR, V1.ARR
	VFMLA       V26.ARR, V6.ARR, V2.ARR
	VFMLA       V26.ARR, V7.ARR, V3.ARR
	VFMLA       V27.ARR, V8.ARR, V0.ARR
	VFMLA       V27.ARR, V9.ARR, V1.ARR
	VFMLA       V27.ARR, V10.ARR, V2.ARR
	VFMLA       V27.ARR, V11.ARR, V3.ARR
	VFMLA       V28.ARR, V12.ARR, V0.ARR
	VFMLA       V28.ARR, V13.ARR, V1.ARR
	VFMLA       V28.ARR, V14.ARR, V2.ARR
	VFMLA       V28.ARR, V15.ARR, V3.ARR
	VFMLA       V29.ARR, V16.ARR, V0.ARR
	VFMLA       V29.ARR, V17.ARR, V1.ARR
	VFMLA       V29.ARR, V18.ARR, V2.ARR
	VFMLA       V29.ARR, V19.ARR, V3.ARR
	VST1.P      [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(YS)
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         a4_loop

a4_v:
	CMP         $LANES, N
	BLT         a4_tail
	VLD1.P      16(YL), [V0.ARR]
	VLD1.P      16(ROW0), [V4.ARR]
	VLD1.P      16(ROW1), [V5.ARR]
	VLD1.P      16(ROW2), [V6.ARR]
	VLD1.P      16(ROW3), [V7.ARR]
	VFMLA       V26.ARR, V4.ARR, V0.ARR
	VFMLA       V27.ARR, V5.ARR, V0.ARR
	VFMLA       V28.ARR, V6.ARR, V0.ARR
	VFMLA       V29.ARR, V7.ARR, V0.ARR
	VST1.P      [V0.ARR], 16(YS)
	SUB         $LANES, N
	B           a4_v

a4_tail:
	// One element: F26..F29 are lane 0 of s0..s3.
	CBZ         N, a4_done
	FMOVT.P     ELEM(YL), F0
	FMOVT.P     ELEM(ROW0), F4
	FMADDT      F26, F0, F4, F0
	FMOVT.P     ELEM(ROW1), F5
	FMADDT      F27, F0, F5, F0
	FMOVT.P     ELEM(ROW2), F6
	FMADDT      F28, F0, F6, F0
	FMOVT.P     ELEM(ROW3), F7
	FMADDT      F29, F0, F7, F0
	FMOVT.P     F0, ELEM(YS)
	SUB         $1, N
	B           a4_tail

a4_done:
