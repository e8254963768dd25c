// Body of perturbSaveNEON and perturbSave32NEON (fused_neon_arm64.s, which
// describes it): saved = w; w = fma(s, g, w) over N elements; and of
// perturbNEON's and perturb32NEON's loops (variants_neon_arm64.s;
// references perturbSaveGeneric and perturbGeneric). The includer sets the
// element type and the registers, and for Perturb's extras defines
// PERTURB_KEEP (keep = g, stored through K_PTR) and/or PERTURB_ZERO (g = 0
// after it is read, stored through Z_PTR, a second pointer into g, from
// V16..V19 = 0). With neither defined the instructions are PerturbSave's.

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
#ifdef PERTURB_KEEP
	VST1.P      [V4.ARR, V5.ARR, V6.ARR, V7.ARR], 64(K_PTR)
#endif
#ifdef PERTURB_ZERO
	VST1.P      [V16.ARR, V17.ARR, V18.ARR, V19.ARR], 64(Z_PTR)
#endif
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
#ifdef PERTURB_KEEP
	VST1.P      [V4.ARR], 16(K_PTR)
#endif
#ifdef PERTURB_ZERO
	VST1.P      [V16.ARR], 16(Z_PTR)
#endif
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
#ifdef PERTURB_KEEP
	FMOVT.P     F4, ELEM(K_PTR)
#endif
#ifdef PERTURB_ZERO
	FMOVT.P     F16, ELEM(Z_PTR)
#endif
	FMADDT      F31, F0, F4, F0
	FMOVT.P     F0, ELEM(W_PTR)
	SUB         $1, N
	B           tail

done:
