// Body of axpyToNEON and axpyTo32NEON (level1_neon_arm64.s, which describes
// it): dst = alpha·x + y over N elements. The includer sets the element
// type, DST, X_PTR, Y_PTR, N and F31 (alpha).

	VDUP        V31.ELT[0], V31.ARR
	CMP         $(8*LANES), N
	BLT         vec

loop:
	// Eight registers: y (in V16..V23) += alpha·x, stored to dst.
	VLD1.P      64(X_PTR), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(X_PTR), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	VLD1.P      64(Y_PTR), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(Y_PTR), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VFMLA       V31.ARR, V0.ARR, V16.ARR
	VFMLA       V31.ARR, V1.ARR, V17.ARR
	VFMLA       V31.ARR, V2.ARR, V18.ARR
	VFMLA       V31.ARR, V3.ARR, V19.ARR
	VFMLA       V31.ARR, V4.ARR, V20.ARR
	VFMLA       V31.ARR, V5.ARR, V21.ARR
	VFMLA       V31.ARR, V6.ARR, V22.ARR
	VFMLA       V31.ARR, V7.ARR, V23.ARR
	VST1.P      [V16.ARR, V17.ARR, V18.ARR, V19.ARR], 64(DST)
	VST1.P      [V20.ARR, V21.ARR, V22.ARR, V23.ARR], 64(DST)
	SUB         $(8*LANES), N
	CMP         $(8*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1.P      16(X_PTR), [V0.ARR]
	VLD1.P      16(Y_PTR), [V16.ARR]
	VFMLA       V31.ARR, V0.ARR, V16.ARR
	VST1.P      [V16.ARR], 16(DST)
	SUB         $LANES, N
	B           vec

tail:
	// Less than one register: dst = fma(alpha, x, y), one at a time.
	CBZ         N, done
	FMOVT.P     ELEM(X_PTR), F0
	FMOVT.P     ELEM(Y_PTR), F16
	FMADDT      F31, F16, F0, F16
	FMOVT.P     F16, ELEM(DST)
	SUB         $1, N
	B           tail

done:
