// Body of sgdStepNEON's and sgdStep32NEON's loops (variants_neon_arm64.s,
// which describes them; reference sgdStepGeneric): sgdRestore's loops
// (fused_neon_sgdrestore_arm64.h) from d = a·g in place of g, with the
// extras the includer asks for: STEP_G2 (d = fma(b, g2, d)), STEP_C
// (w = fma(c, g2 − g, w), g and g2 read again through GR_PTR and
// G2R_PTR), STEP_ZG and STEP_ZG2 (g = 0, g2 = 0 once read, through ZG_PTR
// and ZG2_PTR). Σ m² accumulates in float64 in V20 and V21 (float32 m
// widened with FCVTL, FCVTL2) and, in the scalar tail, in F22 (a scalar
// write would clear V20's upper lane); all three are summed into F0 at
// the end. Registers: V23..V25 a, b, c; V26..V31 nlr, mu, l2, cm, cg,
// keep; per register of elements, saved in V0.., d (then gg, then m) in
// V4.., the old m in V8.., g2 then cg·gg then u in V12.., keep·saved then
// w in V16...

	VEOR        V20.B16, V20.B16, V20.B16
	VEOR        V21.B16, V21.B16, V21.B16
	VEOR        V22.B16, V22.B16, V22.B16
	CMP         $(4*LANES), N
	BLT         vec

loop:
	VLD1.P      64(S_PTR), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(G_PTR), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	VLD1        (M_PTR), [V8.ARR, V9.ARR, V10.ARR, V11.ARR]
	WORD        $(0x6e37dc84|SZ) // fmul v4.T, v4.T, v23.T
	WORD        $(0x6e37dca5|SZ) // fmul v5.T, v5.T, v23.T
	WORD        $(0x6e37dcc6|SZ) // fmul v6.T, v6.T, v23.T
	WORD        $(0x6e37dce7|SZ) // fmul v7.T, v7.T, v23.T
#ifdef STEP_G2
	VLD1.P      64(G2_PTR), [V12.ARR, V13.ARR, V14.ARR, V15.ARR]
	VFMLA       V24.ARR, V12.ARR, V4.ARR
	VFMLA       V24.ARR, V13.ARR, V5.ARR
	VFMLA       V24.ARR, V14.ARR, V6.ARR
	VFMLA       V24.ARR, V15.ARR, V7.ARR
#endif
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
#ifdef STEP_C
	VLD1.P      64(GR_PTR), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(G2R_PTR), [V12.ARR, V13.ARR, V14.ARR, V15.ARR]
	WORD        $(0x4ea0d58c|SZ) // fsub v12.T, v12.T, v0.T
	WORD        $(0x4ea1d5ad|SZ) // fsub v13.T, v13.T, v1.T
	WORD        $(0x4ea2d5ce|SZ) // fsub v14.T, v14.T, v2.T
	WORD        $(0x4ea3d5ef|SZ) // fsub v15.T, v15.T, v3.T
	VFMLA       V25.ARR, V12.ARR, V16.ARR
	VFMLA       V25.ARR, V13.ARR, V17.ARR
	VFMLA       V25.ARR, V14.ARR, V18.ARR
	VFMLA       V25.ARR, V15.ARR, V19.ARR
#endif
	VST1.P      [V16.ARR, V17.ARR, V18.ARR, V19.ARR], 64(W_PTR)
#ifdef FLOAT32
	WORD        $0x0e617888 // fcvtl v8.2d, v4.2s
	WORD        $0x4e617880 // fcvtl2 v0.2d, v4.4s
	WORD        $0x0e6178a9 // fcvtl v9.2d, v5.2s
	WORD        $0x4e6178a1 // fcvtl2 v1.2d, v5.4s
	WORD        $0x0e6178ca // fcvtl v10.2d, v6.2s
	WORD        $0x4e6178c2 // fcvtl2 v2.2d, v6.4s
	WORD        $0x0e6178eb // fcvtl v11.2d, v7.2s
	WORD        $0x4e6178e3 // fcvtl2 v3.2d, v7.4s
	VFMLA       V8.D2, V8.D2, V20.D2
	VFMLA       V0.D2, V0.D2, V21.D2
	VFMLA       V9.D2, V9.D2, V20.D2
	VFMLA       V1.D2, V1.D2, V21.D2
	VFMLA       V10.D2, V10.D2, V20.D2
	VFMLA       V2.D2, V2.D2, V21.D2
	VFMLA       V11.D2, V11.D2, V20.D2
	VFMLA       V3.D2, V3.D2, V21.D2
#else
	VFMLA       V4.D2, V4.D2, V20.D2
	VFMLA       V5.D2, V5.D2, V21.D2
	VFMLA       V6.D2, V6.D2, V20.D2
	VFMLA       V7.D2, V7.D2, V21.D2
#endif
#ifdef STEP_ZG
	STP.P       (ZR, ZR), 16(ZG_PTR)
	STP.P       (ZR, ZR), 16(ZG_PTR)
	STP.P       (ZR, ZR), 16(ZG_PTR)
	STP.P       (ZR, ZR), 16(ZG_PTR)
#endif
#ifdef STEP_ZG2
	STP.P       (ZR, ZR), 16(ZG2_PTR)
	STP.P       (ZR, ZR), 16(ZG2_PTR)
	STP.P       (ZR, ZR), 16(ZG2_PTR)
	STP.P       (ZR, ZR), 16(ZG2_PTR)
#endif
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1.P      16(S_PTR), [V0.ARR]
	VLD1.P      16(G_PTR), [V4.ARR]
	VLD1        (M_PTR), [V8.ARR]
	WORD        $(0x6e37dc84|SZ) // fmul v4.T, v4.T, v23.T
#ifdef STEP_G2
	VLD1.P      16(G2_PTR), [V12.ARR]
	VFMLA       V24.ARR, V12.ARR, V4.ARR
#endif
	VFMLA       V28.ARR, V0.ARR, V4.ARR
	WORD        $(0x6e3edc8c|SZ) // fmul v12.T, v4.T, v30.T
	VFMLA       V27.ARR, V8.ARR, V4.ARR
	VST1.P      [V4.ARR], 16(M_PTR)
	VFMLA       V29.ARR, V4.ARR, V12.ARR
	WORD        $(0x6e3fdc10|SZ) // fmul v16.T, v0.T, v31.T
	VFMLA       V26.ARR, V12.ARR, V16.ARR
#ifdef STEP_C
	VLD1.P      16(GR_PTR), [V0.ARR]
	VLD1.P      16(G2R_PTR), [V12.ARR]
	WORD        $(0x4ea0d58c|SZ) // fsub v12.T, v12.T, v0.T
	VFMLA       V25.ARR, V12.ARR, V16.ARR
#endif
	VST1.P      [V16.ARR], 16(W_PTR)
#ifdef FLOAT32
	WORD        $0x0e617888 // fcvtl v8.2d, v4.2s
	WORD        $0x4e617880 // fcvtl2 v0.2d, v4.4s
	VFMLA       V8.D2, V8.D2, V20.D2
	VFMLA       V0.D2, V0.D2, V21.D2
#else
	VFMLA       V4.D2, V4.D2, V20.D2
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
	// Scalar: F0 saved, F1 d then gg, F2 m, F3 cg·gg then u, F4 w.
	CBZ         N, done
	FMOVT.P     ELEM(S_PTR), F0
	FMOVT.P     ELEM(G_PTR), F1
	FMOVT       (M_PTR), F2
	FMULT       F23, F1, F1
#ifdef STEP_G2
	FMOVT.P     ELEM(G2_PTR), F5
	FMADDT      F24, F1, F5, F1
#endif
	FMADDT      F28, F1, F0, F1
	FMULT       F30, F1, F3
	FMADDT      F27, F1, F2, F2
	FMOVT.P     F2, ELEM(M_PTR)
	FMADDT      F29, F3, F2, F3
	FMULT       F31, F0, F4
	FMADDT      F26, F4, F3, F4
#ifdef STEP_C
	FMOVT.P     ELEM(GR_PTR), F5
	FMOVT.P     ELEM(G2R_PTR), F6
	FSUBT       F5, F6, F6
	FMADDT      F25, F4, F6, F4
#endif
	FMOVT.P     F4, ELEM(W_PTR)
#ifdef FLOAT32
	FCVTSD      F2, F7
	FMADDD      F7, F22, F7, F22
#ifdef STEP_ZG
	MOVW.P      ZR, 4(ZG_PTR)
#endif
#ifdef STEP_ZG2
	MOVW.P      ZR, 4(ZG2_PTR)
#endif
#else
	FMADDD      F2, F22, F2, F22
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
	WORD        $0x4e75d694 // fadd v20.2d, v20.2d, v21.2d
	WORD        $0x7e70da80 // faddp d0, v20.2d
	FADDD       F22, F0, F0
