// Body of adamWRestoreNEON and adamWRestore32NEON (fused_neon_arm64.s,
// which describes it): the AdamW restore-and-update over N elements. The
// includer sets the element type and the registers.

	VDUP        V31.ELT[0], V31.ARR
	CMP         $(2*LANES), N
	BLT         vec

loop:
	// 4 elements: g in V0, V1; m, then saved and w, in V2, V3; v in
	// V4, V5; omb1·g, then the new m, in V6, V7; (omb2·g)·g, then the new v,
	// in V16, V17; sqrt(v) in V18, V19; den in V20, V21 (from a copy of
	// eps); m/den in V22, V23.
	VLD1.P      32(G_PTR), [V0.ARR, V1.ARR]
	VLD1        (M_PTR), [V2.ARR, V3.ARR]
	VLD1        (V_PTR), [V4.ARR, V5.ARR]
	WORD        $(0x6e39dc06|SZ) // fmul v6.T, v0.T, v25.T
	WORD        $(0x6e39dc27|SZ) // fmul v7.T, v1.T, v25.T
	VFMLA       V24.ARR, V2.ARR, V6.ARR
	VFMLA       V24.ARR, V3.ARR, V7.ARR
	VST1.P      [V6.ARR, V7.ARR], 32(M_PTR)
	WORD        $(0x6e3bdc10|SZ) // fmul v16.T, v0.T, v27.T
	WORD        $(0x6e3bdc31|SZ) // fmul v17.T, v1.T, v27.T
	WORD        $(0x6e20de10|SZ) // fmul v16.T, v16.T, v0.T
	WORD        $(0x6e21de31|SZ) // fmul v17.T, v17.T, v1.T
	VFMLA       V26.ARR, V4.ARR, V16.ARR
	VFMLA       V26.ARR, V5.ARR, V17.ARR
	VST1.P      [V16.ARR, V17.ARR], 32(V_PTR)
	WORD        $(0x6ea1fa12|SZ) // fsqrt v18.T, v16.T
	WORD        $(0x6ea1fa33|SZ) // fsqrt v19.T, v17.T
	VMOV        V29.B16, V20.B16
	VMOV        V29.B16, V21.B16
	VFMLA       V28.ARR, V18.ARR, V20.ARR
	VFMLA       V28.ARR, V19.ARR, V21.ARR
	WORD        $(0x6e34fcd6|SZ) // fdiv v22.T, v6.T, v20.T
	WORD        $(0x6e35fcf7|SZ) // fdiv v23.T, v7.T, v21.T
	VLD1.P      32(S_PTR), [V2.ARR, V3.ARR]
	WORD        $(0x6e3fdc42|SZ) // fmul v2.T, v2.T, v31.T
	WORD        $(0x6e3fdc63|SZ) // fmul v3.T, v3.T, v31.T
	VFMLA       V30.ARR, V22.ARR, V2.ARR
	VFMLA       V30.ARR, V23.ARR, V3.ARR
	VST1.P      [V2.ARR, V3.ARR], 32(W_PTR)
	SUB         $(2*LANES), N
	CMP         $(2*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1.P      16(G_PTR), [V0.ARR]
	VLD1        (M_PTR), [V2.ARR]
	VLD1        (V_PTR), [V4.ARR]
	WORD        $(0x6e39dc06|SZ) // fmul v6.T, v0.T, v25.T
	VFMLA       V24.ARR, V2.ARR, V6.ARR
	VST1.P      [V6.ARR], 16(M_PTR)
	WORD        $(0x6e3bdc10|SZ) // fmul v16.T, v0.T, v27.T
	WORD        $(0x6e20de10|SZ) // fmul v16.T, v16.T, v0.T
	VFMLA       V26.ARR, V4.ARR, V16.ARR
	VST1.P      [V16.ARR], 16(V_PTR)
	WORD        $(0x6ea1fa12|SZ) // fsqrt v18.T, v16.T
	VMOV        V29.B16, V20.B16
	VFMLA       V28.ARR, V18.ARR, V20.ARR
	WORD        $(0x6e34fcd6|SZ) // fdiv v22.T, v6.T, v20.T
	VLD1.P      16(S_PTR), [V2.ARR]
	WORD        $(0x6e3fdc42|SZ) // fmul v2.T, v2.T, v31.T
	VFMLA       V30.ARR, V22.ARR, V2.ARR
	VST1.P      [V2.ARR], 16(W_PTR)
	SUB         $LANES, N
	B           vec

tail:
	// Scalar: F0 g, F1 m, F2 v, F3 saved then w, F4 omb1·g, F5
	// (omb2·g)·g, F6 sqrt(v) then den, F7 m/den.
	CBZ         N, done
	FMOVT.P     ELEM(G_PTR), F0
	FMOVT       (M_PTR), F1
	FMOVT       (V_PTR), F2
	FMULT       F25, F0, F4
	FMADDT      F24, F4, F1, F1
	FMOVT.P     F1, ELEM(M_PTR)
	FMULT       F27, F0, F5
	FMULT       F0, F5, F5
	FMADDT      F26, F5, F2, F2
	FMOVT.P     F2, ELEM(V_PTR)
	FSQRTT      F2, F6
	FMADDT      F28, F29, F6, F6
	FDIVT       F6, F1, F7
	FMOVT.P     ELEM(S_PTR), F3
	FMULT       F31, F3, F3
	FMADDT      F30, F3, F7, F3
	FMOVT.P     F3, ELEM(W_PTR)
	SUB         $1, N
	B           tail

done:
