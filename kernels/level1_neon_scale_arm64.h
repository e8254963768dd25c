// Body of scaleNEON and scale32NEON (level1_neon_arm64.s, which describes
// it): x *= alpha over N elements. The includer sets the element type,
// X_PTR, N and F31 (alpha).

	VDUP        V31.ELT[0], V31.ARR
	MOVD        X_PTR, DST
	CMP         $(8*LANES), N
	BLT         vec

loop:
	VLD1.P      64(X_PTR), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(X_PTR), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	WORD        $(0x6e3fdc00|SZ) // fmul v0.T, v0.T, v31.T
	WORD        $(0x6e3fdc21|SZ) // fmul v1.T, v1.T, v31.T
	WORD        $(0x6e3fdc42|SZ) // fmul v2.T, v2.T, v31.T
	WORD        $(0x6e3fdc63|SZ) // fmul v3.T, v3.T, v31.T
	WORD        $(0x6e3fdc84|SZ) // fmul v4.T, v4.T, v31.T
	WORD        $(0x6e3fdca5|SZ) // fmul v5.T, v5.T, v31.T
	WORD        $(0x6e3fdcc6|SZ) // fmul v6.T, v6.T, v31.T
	WORD        $(0x6e3fdce7|SZ) // fmul v7.T, v7.T, v31.T
	VST1.P      [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(DST)
	VST1.P      [V4.ARR, V5.ARR, V6.ARR, V7.ARR], 64(DST)
	SUB         $(8*LANES), N
	CMP         $(8*LANES), N
	BGE         loop

vec:
	// X_PTR == DST from here on.
	CMP         $LANES, N
	BLT         tail
	VLD1        (X_PTR), [V0.ARR]
	WORD        $(0x6e3fdc00|SZ) // fmul v0.T, v0.T, v31.T
	VST1.P      [V0.ARR], 16(X_PTR)
	SUB         $LANES, N
	B           vec

tail:
	CBZ         N, done
	FMOVT       (X_PTR), F0
	FMULT       F31, F0, F0
	FMOVT.P     F0, ELEM(X_PTR)
	SUB         $1, N
	B           tail

done:
