// Body of adamWStepNEON's and adamWStep32NEON's loops
// (variants_neon_arm64.s, which describes them; reference
// adamWStepGeneric): adamWRestore's loops (fused_neon_adamwrestore_arm64.h,
// the same registers) from d = a·g in place of g, with the extras the
// includer asks for: STEP_G2 (d = fma(b, g2, d)), STEP_C (w = fma(c,
// g2 − g, w), g and g2 read again through GR_PTR and G2R_PTR), STEP_ZG and
// STEP_ZG2 (g = 0, g2 = 0 once read, through ZG_PTR and ZG2_PTR). Σ m²
// accumulates in float64 in V11 and V12 (float32 m widened with FCVTL,
// FCVTL2) and, in the scalar tail, in F13; all three are summed into F0 at
// the end. V8..V10 hold a, b, c; V14, V15 take g2.

	VEOR        V11.B16, V11.B16, V11.B16
	VEOR        V12.B16, V12.B16, V12.B16
	VEOR        V13.B16, V13.B16, V13.B16
	CMP         $(2*LANES), N
	BLT         vec

loop:
	VLD1.P      32(G_PTR), [V0.ARR, V1.ARR]
	WORD        $(0x6e28dc00|SZ) // fmul v0.T, v0.T, v8.T
	WORD        $(0x6e28dc21|SZ) // fmul v1.T, v1.T, v8.T
#ifdef STEP_G2
	VLD1.P      32(G2_PTR), [V14.ARR, V15.ARR]
	VFMLA       V9.ARR, V14.ARR, V0.ARR
	VFMLA       V9.ARR, V15.ARR, V1.ARR
#endif
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
#ifdef STEP_C
	VLD1.P      32(GR_PTR), [V16.ARR, V17.ARR]
	VLD1.P      32(G2R_PTR), [V18.ARR, V19.ARR]
	WORD        $(0x4eb0d652|SZ) // fsub v18.T, v18.T, v16.T
	WORD        $(0x4eb1d673|SZ) // fsub v19.T, v19.T, v17.T
	VFMLA       V10.ARR, V18.ARR, V2.ARR
	VFMLA       V10.ARR, V19.ARR, V3.ARR
#endif
	VST1.P      [V2.ARR, V3.ARR], 32(W_PTR)
#ifdef FLOAT32
	WORD        $0x0e6178d0 // fcvtl v16.2d, v6.2s
	WORD        $0x4e6178d1 // fcvtl2 v17.2d, v6.4s
	WORD        $0x0e6178f2 // fcvtl v18.2d, v7.2s
	WORD        $0x4e6178f3 // fcvtl2 v19.2d, v7.4s
	VFMLA       V16.D2, V16.D2, V11.D2
	VFMLA       V17.D2, V17.D2, V12.D2
	VFMLA       V18.D2, V18.D2, V11.D2
	VFMLA       V19.D2, V19.D2, V12.D2
#else
	VFMLA       V6.D2, V6.D2, V11.D2
	VFMLA       V7.D2, V7.D2, V12.D2
#endif
#ifdef STEP_ZG
	STP.P       (ZR, ZR), 16(ZG_PTR)
	STP.P       (ZR, ZR), 16(ZG_PTR)
#endif
#ifdef STEP_ZG2
	STP.P       (ZR, ZR), 16(ZG2_PTR)
	STP.P       (ZR, ZR), 16(ZG2_PTR)
#endif
	SUB         $(2*LANES), N
	CMP         $(2*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1.P      16(G_PTR), [V0.ARR]
	WORD        $(0x6e28dc00|SZ) // fmul v0.T, v0.T, v8.T
#ifdef STEP_G2
	VLD1.P      16(G2_PTR), [V14.ARR]
	VFMLA       V9.ARR, V14.ARR, V0.ARR
#endif
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
#ifdef STEP_C
	VLD1.P      16(GR_PTR), [V16.ARR]
	VLD1.P      16(G2R_PTR), [V18.ARR]
	WORD        $(0x4eb0d652|SZ) // fsub v18.T, v18.T, v16.T
	VFMLA       V10.ARR, V18.ARR, V2.ARR
#endif
	VST1.P      [V2.ARR], 16(W_PTR)
#ifdef FLOAT32
	WORD        $0x0e6178d0 // fcvtl v16.2d, v6.2s
	WORD        $0x4e6178d1 // fcvtl2 v17.2d, v6.4s
	VFMLA       V16.D2, V16.D2, V11.D2
	VFMLA       V17.D2, V17.D2, V12.D2
#else
	VFMLA       V6.D2, V6.D2, V11.D2
#endif
#ifdef STEP_ZG
	STP.P       (ZR, ZR), 16(ZG_PTR)
#endif
#ifdef STEP_ZG2
	STP.P       (ZR, ZR), 16(ZG2_PTR)
#endif
	SUB         $LANES, N
	B           vec

tail:
	// Scalar: F0 d, F1 m, F2 v, F3 saved then w, F4 omb1·d, F5
	// (omb2·d)·d, F6 sqrt(v) then den, F7 m/den, F14, F15 g and g2.
	CBZ         N, done
	FMOVT.P     ELEM(G_PTR), F0
	FMULT       F8, F0, F0
#ifdef STEP_G2
	FMOVT.P     ELEM(G2_PTR), F14
	FMADDT      F9, F0, F14, F0
#endif
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
#ifdef STEP_C
	FMOVT.P     ELEM(GR_PTR), F14
	FMOVT.P     ELEM(G2R_PTR), F15
	FSUBT       F14, F15, F15
	FMADDT      F10, F3, F15, F3
#endif
	FMOVT.P     F3, ELEM(W_PTR)
#ifdef FLOAT32
	FCVTSD      F1, F14
	FMADDD      F14, F13, F14, F13
#ifdef STEP_ZG
	MOVW.P      ZR, 4(ZG_PTR)
#endif
#ifdef STEP_ZG2
	MOVW.P      ZR, 4(ZG2_PTR)
#endif
#else
	FMADDD      F1, F13, F1, F13
#ifdef STEP_ZG
	MOVD.P      ZR, 8(ZG_PTR)
#endif
#ifdef STEP_ZG2
	MOVD.P      ZR, 8(ZG2_PTR)
#endif
#endif
	SUB         $1, N
	B           tail

done:
	WORD        $0x4e6cd56b // fadd v11.2d, v11.2d, v12.2d
	WORD        $0x7e70d960 // faddp d0, v11.2d
	FADDD       F13, F0, F0
