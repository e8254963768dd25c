// Body of sgdRestoreNEON and sgdRestore32NEON (fused_neon_arm64.s, which
// describes it): the SGD-momentum restore-and-update over N elements. The
// includer sets the element type and the registers.

	VDUP        V31.ELT[0], V31.ARR
	CMP         $(4*LANES), N
	BLT         vec

loop:
	// 8 elements: saved in V0..V3, g (then gg, then the new m) in
	// V4..V7, m in V8..V11, cg·gg (then u) in V12..V15, keep·saved (then w)
	// in V16..V19.
	VLD1.P      64(S_PTR), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(G_PTR), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	VLD1        (M_PTR), [V8.ARR, V9.ARR, V10.ARR, V11.ARR]
	VFMLA       V28.ARR, V0.ARR, V4.ARR
	VFMLA       V28.ARR, V1.ARR, V5.ARR
	VFMLA       V28.ARR, V2.ARR, V6.ARR
	VFMLA       V28.ARR, V3.ARR, V7.ARR
	WORD        $(0x6e3edc8c|SZ) // fmul v12.T, v4.T, v30.T
	WORD        $(0x6e3edcad|SZ) // fmul v13.T, v5.T, v30.T
	WORD        $(0x6e3edcce|SZ) // fmul v14.T, v6.T, v30.T
	WORD        $(0x6e3edcef|SZ) // fmul v15.T, v7.T, v30.T
	VFMLA       V27.ARR, V8.ARR, V4.ARR
	VFMLA       V27.ARR, V9.ARR, V5.ARR
	VFMLA       V27.ARR, V10.ARR, V6.ARR
	VFMLA       V27.ARR, V11.ARR, V7.ARR
	VST1.P      [V4.ARR, V5.ARR, V6.ARR, V7.ARR], 64(M_PTR)
	VFMLA       V29.ARR, V4.ARR, V12.ARR
	VFMLA       V29.ARR, V5.ARR, V13.ARR
	VFMLA       V29.ARR, V6.ARR, V14.ARR
	VFMLA       V29.ARR, V7.ARR, V15.ARR
	WORD        $(0x6e3fdc10|SZ) // fmul v16.T, v0.T, v31.T
	WORD        $(0x6e3fdc31|SZ) // fmul v17.T, v1.T, v31.T
	WORD        $(0x6e3fdc52|SZ) // fmul v18.T, v2.T, v31.T
	WORD        $(0x6e3fdc73|SZ) // fmul v19.T, v3.T, v31.T
	VFMLA       V26.ARR, V12.ARR, V16.ARR
	VFMLA       V26.ARR, V13.ARR, V17.ARR
	VFMLA       V26.ARR, V14.ARR, V18.ARR
	VFMLA       V26.ARR, V15.ARR, V19.ARR
	VST1.P      [V16.ARR, V17.ARR, V18.ARR, V19.ARR], 64(W_PTR)
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1.P      16(S_PTR), [V0.ARR]
	VLD1.P      16(G_PTR), [V4.ARR]
	VLD1        (M_PTR), [V8.ARR]
	VFMLA       V28.ARR, V0.ARR, V4.ARR
	WORD        $(0x6e3edc8c|SZ) // fmul v12.T, v4.T, v30.T
	VFMLA       V27.ARR, V8.ARR, V4.ARR
	VST1.P      [V4.ARR], 16(M_PTR)
	VFMLA       V29.ARR, V4.ARR, V12.ARR
	WORD        $(0x6e3fdc10|SZ) // fmul v16.T, v0.T, v31.T
	VFMLA       V26.ARR, V12.ARR, V16.ARR
	VST1.P      [V16.ARR], 16(W_PTR)
	SUB         $LANES, N
	B           vec

tail:
	// Scalar: F0 saved, F1 g then gg, F2 m, F3 cg·gg then u, F4 w.
	CBZ         N, done
	FMOVT.P     ELEM(S_PTR), F0
	FMOVT.P     ELEM(G_PTR), F1
	FMOVT       (M_PTR), F2
	FMADDT      F28, F1, F0, F1
	FMULT       F30, F1, F3
	FMADDT      F27, F1, F2, F2
	FMOVT.P     F2, ELEM(M_PTR)
	FMADDT      F29, F3, F2, F3
	FMULT       F31, F0, F4
	FMADDT      F26, F4, F3, F4
	FMOVT.P     F4, ELEM(W_PTR)
	SUB         $1, N
	B           tail

done:
