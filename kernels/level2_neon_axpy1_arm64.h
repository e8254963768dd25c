// Fragment of the NEON Level-2 bodies: y (Y_PTR, COLS elements) +=
// s·row (A_ROW), s in lane 0 of V26, broadcast first: four registers of y
// per iteration, then one, then one element at a time. Uses N, ROW0, YL
// and YS.

	VDUP        V26.ELT[0], V26.ARR
	MOVD        A_ROW, ROW0
	MOVD        Y_PTR, YL
	MOVD        Y_PTR, YS
	MOVD        COLS, N
	CMP         $(4*LANES), N
	BLT         a1_v

a1_loop:
	VLD1.P      64(YL), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(ROW0), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	VFMLA       V26.ARR, V4.ARR, V0.ARR
	VFMLA       V26.ARR, V5.ARR, V1.ARR
	VFMLA       V26.ARR, V6.ARR, V2.ARR
	VFMLA       V26.ARR, V7.ARR, V3.ARR
	VST1.P      [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(YS)
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         a1_loop

a1_v:
	CMP         $LANES, N
	BLT         a1_tail
	VLD1.P      16(YL), [V0.ARR]
	VLD1.P      16(ROW0), [V4.ARR]
	VFMLA       V26.ARR, V4.ARR, V0.ARR
	VST1.P      [V0.ARR], 16(YS)
	SUB         $LANES, N
	B           a1_v

a1_tail:
	CBZ         N, a1_done
	FMOVT.P     ELEM(YL), F0
	FMOVT.P     ELEM(ROW0), F4
	FMADDT      F26, F0, F4, F0
	FMOVT.P     F0, ELEM(YS)
	SUB         $1, N
	B           a1_tail

a1_done:
