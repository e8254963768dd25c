// Fragment of the NEON Level-2 bodies: the dot product of one row
// (A_ROW) with x (X_PTR) over COLS elements into F0: four registers per
// iteration into V0..V3, then one register at a time into V0, the fold,
// then the tail one element at a time. Uses N, XW, ROW0, V16..V23.

	MOVD        A_ROW, ROW0
	MOVD        X_PTR, XW
	MOVD        COLS, N
	VEOR        V0.B16, V0.B16, V0.B16
	VEOR        V1.B16, V1.B16, V1.B16
	VEOR        V2.B16, V2.B16, V2.B16
	VEOR        V3.B16, V3.B16, V3.B16
	CMP         $(4*LANES), N
	BLT         d1_v

d1_loop:
	VLD1.P      64(XW), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(ROW0), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V17.ARR, V21.ARR, V1.ARR
	VFMLA       V18.ARR, V22.ARR, V2.ARR
	VFMLA       V19.ARR, V23.ARR, V3.ARR
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         d1_loop

d1_v:
	CMP         $LANES, N
	BLT         d1_sum
	VLD1.P      16(XW), [V16.ARR]
	VLD1.P      16(ROW0), [V20.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	SUB         $LANES, N
	B           d1_v

d1_sum:
	WORD        $(0x4e21d400|SZ) // fadd v0.T, v0.T, v1.T
	WORD        $(0x4e23d442|SZ) // fadd v2.T, v2.T, v3.T
	WORD        $(0x4e22d400|SZ) // fadd v0.T, v0.T, v2.T
#ifdef FLOAT32
	WORD        $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
#endif
	WORD        $(0x7e30d800|SZ) // faddp t0, v0.P

d1_tail:
	// One element: F0 += x*a, one rounding each.
	CBZ         N, d1_done
	FMOVT.P     ELEM(XW), F16
	FMOVT.P     ELEM(ROW0), F20
	FMADDT      F20, F0, F16, F0
	SUB         $1, N
	B           d1_tail

d1_done:
