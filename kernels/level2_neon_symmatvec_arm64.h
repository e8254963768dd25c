// Body of symMatVecNEON and symMatVec32NEON (level2_neon_arm64.s, which
// describes it): rows I..I_END of the upper triangle's part of alpha·A·x
// added to y. The includer sets the element type and the registers.

row:
	CMP         I_END, I
	BGE         done
	MUL         I, LDA, IJ
	ADD         I, IJ, IJ
	ADD         IJ<<LOGELEM, A_PTR, ROW
	ADD         I<<LOGELEM, X_PTR, XJ
	ADD         I<<LOGELEM, Y_PTR, YL
	FMOVT.P     ELEM(ROW), F28
	FMOVT.P     ELEM(XJ), F29
	ADD         $ELEM, YL
	MOVD        YL, YS
	FMULT       F29, F28, F28
	FMULT       F30, F29, F31
	VDUP        V31.ELT[0], V31.ARR
	SUB         I, NX, N
	SUB         $1, N
	VEOR        V0.B16, V0.B16, V0.B16
	VEOR        V1.B16, V1.B16, V1.B16
	VEOR        V2.B16, V2.B16, V2.B16
	VEOR        V3.B16, V3.B16, V3.B16
	CMP         $(4*LANES), N
	BLT         vec

loop:
	VLD1.P      64(ROW), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(XJ), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VLD1.P      64(YL), [V24.ARR, V25.ARR, V26.ARR, V27.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V17.ARR, V21.ARR, V1.ARR
	VFMLA       V18.ARR, V22.ARR, V2.ARR
	VFMLA       V19.ARR, V23.ARR, V3.ARR
	VFMLA       V31.ARR, V16.ARR, V24.ARR
	VFMLA       V31.ARR, V17.ARR, V25.ARR
	VFMLA       V31.ARR, V18.ARR, V26.ARR
	VFMLA       V31.ARR, V19.ARR, V27.ARR
	VST1.P      [V24.ARR, V25.ARR, V26.ARR, V27.ARR], 64(YS)
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         sum
	VLD1.P      16(ROW), [V16.ARR]
	VLD1.P      16(XJ), [V20.ARR]
	VLD1.P      16(YL), [V24.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V31.ARR, V16.ARR, V24.ARR
	VST1.P      [V24.ARR], 16(YS)
	SUB         $LANES, N
	B           vec

sum:
	WORD        $(0x4e21d400|SZ) // fadd v0.T, v0.T, v1.T
	WORD        $(0x4e23d442|SZ) // fadd v2.T, v2.T, v3.T
	WORD        $(0x4e22d400|SZ) // fadd v0.T, v0.T, v2.T
#ifdef FLOAT32
	WORD        $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
#endif
	WORD        $(0x7e30d800|SZ) // faddp t0, v0.P

tail:
	CBZ         N, diag
	FMOVT.P     ELEM(ROW), F16
	FMOVT.P     ELEM(XJ), F20
	FMADDT      F20, F0, F16, F0
	FMOVT.P     ELEM(YL), F24
	FMADDT      F31, F24, F16, F24
	FMOVT.P     F24, ELEM(YS)
	SUB         $1, N
	B           tail

diag:
	// y[i] += alpha·(t + A[i][i]·x[i]).
	FADDT       F28, F0, F0
	ADD         I<<LOGELEM, Y_PTR, YL
	FMOVT       (YL), F24
	FMADDT      F30, F24, F0, F24
	FMOVT       F24, (YL)
	ADD         $1, I
	B           row

done:
