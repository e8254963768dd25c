// Body of perturbSaveNEON and perturbSave32NEON (fused_neon_arm64.s, which
// describes it): saved = w; w = fma(s, g, w) over N elements. The includer
// sets the element type and the registers.

	VDUP        V31.ELT[0], V31.ARR
	CMP         $(4*LANES), N
	BLT         vec

loop:
	// 8 elements: w in V0..V3 (stored to saved before the update),
	// g in V4..V7; w is loaded in place and stored with
	// post-increment.
	VLD1        (W_PTR), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]
	VLD1.P      64(G_PTR), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]
	VST1.P      [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(S_PTR)
	VFMLA       V31.ARR, V4.ARR, V0.ARR
	VFMLA       V31.ARR, V5.ARR, V1.ARR
	VFMLA       V31.ARR, V6.ARR, V2.ARR
	VFMLA       V31.ARR, V7.ARR, V3.ARR
	VST1.P      [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(W_PTR)
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         loop

vec:
	// Whole registers left: one at a time.
	CMP         $LANES, N
	BLT         tail
	VLD1        (W_PTR), [V0.ARR]
	VLD1.P      16(G_PTR), [V4.ARR]
	VST1.P      [V0.ARR], 16(S_PTR)
	VFMLA       V31.ARR, V4.ARR, V0.ARR
	VST1.P      [V0.ARR], 16(W_PTR)
	SUB         $LANES, N
	B           vec

tail:
	// Fewer than LANES elements, one at a time: the same sequence on scalars
	// (F31 is lane 0 of the broadcast).
	CBZ         N, done
	FMOVT       (W_PTR), F0
	FMOVT.P     ELEM(G_PTR), F4
	FMOVT.P     F0, ELEM(S_PTR)
	FMADDT      F31, F0, F4, F0
	FMOVT.P     F0, ELEM(W_PTR)
	SUB         $1, N
	B           tail

done:
