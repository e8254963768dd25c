// Body of combineSumSqNEON and combineSumSq32NEON (variants_neon_arm64.s, which
// describes them; references combineSumSqGeneric and combineSumSq32Generic). The
// includer sets the element type and the registers.

	VEOR        V20.B16, V20.B16, V20.B16
	VEOR        V21.B16, V21.B16, V21.B16
	VEOR        V22.B16, V22.B16, V22.B16
	CMP         $(2*LANES), N
	BLT         vec

loop:
	VLD1.P      32(X_PTR), [V0.ARR, V1.ARR]
	WORD        $(0x6e3edc00|SZ) // fmul v0.T, v0.T, v30.T
	WORD        $(0x6e3edc21|SZ) // fmul v1.T, v1.T, v30.T
	VLD1.P      32(Y_PTR), [V2.ARR, V3.ARR]
	VFMLA       V31.ARR, V2.ARR, V0.ARR
	VFMLA       V31.ARR, V3.ARR, V1.ARR
	VST1.P      [V0.ARR, V1.ARR], 32(D_PTR)
#ifdef FLOAT32
	WORD        $0x0e617804 // fcvtl v4.2d, v0.2s
	WORD        $0x4e617805 // fcvtl2 v5.2d, v0.4s
	WORD        $0x0e617826 // fcvtl v6.2d, v1.2s
	WORD        $0x4e617827 // fcvtl2 v7.2d, v1.4s
	VFMLA       V4.D2, V4.D2, V20.D2
	VFMLA       V5.D2, V5.D2, V21.D2
	VFMLA       V6.D2, V6.D2, V20.D2
	VFMLA       V7.D2, V7.D2, V21.D2
#else
	VFMLA       V0.D2, V0.D2, V20.D2
	VFMLA       V1.D2, V1.D2, V21.D2
#endif
	SUB         $(2*LANES), N
	CMP         $(2*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1.P      16(X_PTR), [V0.ARR]
	WORD        $(0x6e3edc00|SZ) // fmul v0.T, v0.T, v30.T
	VLD1.P      16(Y_PTR), [V2.ARR]
	VFMLA       V31.ARR, V2.ARR, V0.ARR
	VST1.P      [V0.ARR], 16(D_PTR)
#ifdef FLOAT32
	WORD        $0x0e617804 // fcvtl v4.2d, v0.2s
	WORD        $0x4e617805 // fcvtl2 v5.2d, v0.4s
	VFMLA       V4.D2, V4.D2, V20.D2
	VFMLA       V5.D2, V5.D2, V21.D2
#else
	VFMLA       V0.D2, V0.D2, V20.D2
#endif
	SUB         $LANES, N
	B           vec

tail:
	CBZ         N, done
	FMOVT.P     ELEM(X_PTR), F0
	FMULT       F30, F0, F0
	FMOVT.P     ELEM(Y_PTR), F2
	FMADDT      F31, F0, F2, F0
	FMOVT.P     F0, ELEM(D_PTR)
#ifdef FLOAT32
	FCVTSD      F0, F4
	FMADDD      F4, F22, F4, F22
#else
	FMADDD      F0, F22, F0, F22
#endif
	SUB         $1, N
	B           tail

done:
	WORD        $0x4e75d694 // fadd v20.2d, v20.2d, v21.2d
	WORD        $0x7e70da80 // faddp d0, v20.2d
	FADDD       F22, F0, F0
