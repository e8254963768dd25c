// Fragment of the NEON Level-2 bodies: the dot products of four rows
// (from A_ROW, stride LDA) with x (X_PTR) over COLS elements. Four
// registers of x per iteration, each for the four rows (row r accumulates
// in V(4r)..V(4r+3)); then one register at a time; then the tail on lane 0
// of each row's second accumulator (scalar loads clear the other lanes,
// which add +0·+0 and leave an accumulator, never -0, unchanged). The fold
// leaves the sums in V0 = [r0, r1] and V8 = [r2, r3] for float64, and in
// V0 = [r0, r1, r2, r3] for float32. Uses N, XW, ROW0..ROW3, V16..V27.

	MOVD        A_ROW, ROW0
	ADD         LDA, ROW0, ROW1
	ADD         LDA, ROW1, ROW2
	ADD         LDA, ROW2, ROW3
	MOVD        X_PTR, XW
	MOVD        COLS, N
	VEOR        V0.B16, V0.B16, V0.B16
	VEOR        V1.B16, V1.B16, V1.B16
	VEOR        V2.B16, V2.B16, V2.B16
	VEOR        V3.B16, V3.B16, V3.B16
	VEOR        V4.B16, V4.B16, V4.B16
	VEOR        V5.B16, V5.B16, V5.B16
	VEOR        V6.B16, V6.B16, V6.B16
	VEOR        V7.B16, V7.B16, V7.B16
	VEOR        V8.B16, V8.B16, V8.B16
	VEOR        V9.B16, V9.B16, V9.B16
	VEOR        V10.B16, V10.B16, V10.B16
	VEOR        V11.B16, V11.B16, V11.B16
	VEOR        V12.B16, V12.B16, V12.B16
	VEOR        V13.B16, V13.B16, V13.B16
	VEOR        V14.B16, V14.B16, V14.B16
	VEOR        V15.B16, V15.B16, V15.B16
	CMP         $(4*LANES), N
	BLT         d4_v

d4_loop:
	// 8 columns: each register of x feeds four rows, one accumulator
	// per row and register.
	VLD1.P      64(XW), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(ROW0), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VLD1.P      64(ROW1), [V24.ARR, V25.ARR, V26.ARR, V27.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V17.ARR, V21.ARR, V1.ARR
	VFMLA       V18.ARR, V22.ARR, V2.ARR
	VFMLA       V19.ARR, V23.ARR, V3.ARR
	VFMLA       V16.ARR, V24.ARR, V4.ARR
	VFMLA       V17.ARR, V25.ARR, V5.ARR
	VFMLA       V18.ARR, V26.ARR, V6.ARR
	VFMLA       V19.ARR, V27.ARR, V7.ARR
	VLD1.P      64(ROW2), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VLD1.P      64(ROW3), [V24.ARR, V25.ARR, V26.ARR, V27.ARR]
	VFMLA       V16.ARR, V20.ARR, V8.ARR
	VFMLA       V17.ARR, V21.ARR, V9.ARR
	VFMLA       V18.ARR, V22.ARR, V10.ARR
	VFMLA       V19.ARR, V23.ARR, V11.ARR
	VFMLA       V16.ARR, V24.ARR, V12.ARR
	VFMLA       V17.ARR, V25.ARR, V13.ARR
	VFMLA       V18.ARR, V26.ARR, V14.ARR
	VFMLA       V19.ARR, V27.ARR, V15.ARR
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         d4_loop

d4_v:
	// Whole registers left: one at a time.
	CMP         $LANES, N
	BLT         d4_tail
	VLD1.P      16(XW), [V16.ARR]
	VLD1.P      16(ROW0), [V20.ARR]
	VLD1.P      16(ROW1), [V21.ARR]
	VLD1.P      16(ROW2), [V22.ARR]
	VLD1.P      16(ROW3), [V23.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V16.ARR, V21.ARR, V4.ARR
	VFMLA       V16.ARR, V22.ARR, V8.ARR
	VFMLA       V16.ARR, V23.ARR, V12.ARR
	SUB         $LANES, N
	B           d4_v

d4_tail:
	// One element: scalar loads (FMOVD clears the other lanes), then
	// the FMA on lane 0 of a second accumulator per row; the other lanes
	// add +0·+0, which leaves an accumulator (never -0) unchanged.
	CBZ         N, d4_sum
	FMOVT.P     ELEM(XW), F16
	FMOVT.P     ELEM(ROW0), F20
	FMOVT.P     ELEM(ROW1), F21
	FMOVT.P     ELEM(ROW2), F22
	FMOVT.P     ELEM(ROW3), F23
	VFMLA       V16.ARR, V20.ARR, V1.ARR
	VFMLA       V16.ARR, V21.ARR, V5.ARR
	VFMLA       V16.ARR, V22.ARR, V9.ARR
	VFMLA       V16.ARR, V23.ARR, V13.ARR
	SUB         $1, N
	B           d4_tail

d4_sum:
	// Fold each row's four accumulators, then pairs of rows: V0 = [r0, r1],
	// V8 = [r2, r3].
	WORD        $(0x4e21d400|SZ) // fadd v0.T, v0.T, v1.T
	WORD        $(0x4e23d442|SZ) // fadd v2.T, v2.T, v3.T
	WORD        $(0x4e25d484|SZ) // fadd v4.T, v4.T, v5.T
	WORD        $(0x4e27d4c6|SZ) // fadd v6.T, v6.T, v7.T
	WORD        $(0x4e29d508|SZ) // fadd v8.T, v8.T, v9.T
	WORD        $(0x4e2bd54a|SZ) // fadd v10.T, v10.T, v11.T
	WORD        $(0x4e2dd58c|SZ) // fadd v12.T, v12.T, v13.T
	WORD        $(0x4e2fd5ce|SZ) // fadd v14.T, v14.T, v15.T
	WORD        $(0x4e22d400|SZ) // fadd v0.T, v0.T, v2.T
	WORD        $(0x4e26d484|SZ) // fadd v4.T, v4.T, v6.T
	WORD        $(0x4e2ad508|SZ) // fadd v8.T, v8.T, v10.T
	WORD        $(0x4e2ed58c|SZ) // fadd v12.T, v12.T, v14.T
	WORD        $(0x6e24d400|SZ) // faddp v0.T, v0.T, v4.T
	WORD        $(0x6e2cd508|SZ) // faddp v8.T, v8.T, v12.T
#ifdef FLOAT32
	WORD        $0x6e28d400 // faddp v0.4s, v0.4s, v8.4s
#endif
