// Body of asamPerturbSaveNEON and asamPerturbSave32NEON
// (fused_neon_arm64.s, which describes it): saved = w; t = |w| + eta; w =
// fma(s, (t·t)·g, w) over N elements; and of asamPerturbNEON's and
// asamPerturb32NEON's loops (variants_neon_arm64.s; references
// asamPerturbSaveGeneric and asamPerturbGeneric). The includer sets the
// element type and the registers, and for ASAMPerturb's extras defines
// PERTURB_KEEP (keep = g, stored through K_PTR) and/or PERTURB_ZERO (g = 0
// after it is read, stored through Z_PTR from V16..V19 = 0). With neither
// defined the instructions are ASAMPerturbSave's.

	VDUP        V31.ELT[0], V31.ARR
	CMP         $(4*LANES), N
	BLT         vec

loop:
	// 8 elements: w in V0..V3 (stored to saved before the update),
	// g in V4..V7, t in V8..V11; w is loaded in place and stored with
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
	WORD        $(0x4ea0f808|SZ) // fabs v8.T, v0.T
	WORD        $(0x4ea0f829|SZ) // fabs v9.T, v1.T
	WORD        $(0x4ea0f84a|SZ) // fabs v10.T, v2.T
	WORD        $(0x4ea0f86b|SZ) // fabs v11.T, v3.T
	WORD        $(0x4e3ed508|SZ) // fadd v8.T, v8.T, v30.T
	WORD        $(0x4e3ed529|SZ) // fadd v9.T, v9.T, v30.T
	WORD        $(0x4e3ed54a|SZ) // fadd v10.T, v10.T, v30.T
	WORD        $(0x4e3ed56b|SZ) // fadd v11.T, v11.T, v30.T
	WORD        $(0x6e28dd08|SZ) // fmul v8.T, v8.T, v8.T
	WORD        $(0x6e29dd29|SZ) // fmul v9.T, v9.T, v9.T
	WORD        $(0x6e2add4a|SZ) // fmul v10.T, v10.T, v10.T
	WORD        $(0x6e2bdd6b|SZ) // fmul v11.T, v11.T, v11.T
	WORD        $(0x6e24dd08|SZ) // fmul v8.T, v8.T, v4.T
	WORD        $(0x6e25dd29|SZ) // fmul v9.T, v9.T, v5.T
	WORD        $(0x6e26dd4a|SZ) // fmul v10.T, v10.T, v6.T
	WORD        $(0x6e27dd6b|SZ) // fmul v11.T, v11.T, v7.T
	VFMLA       V31.ARR, V8.ARR, V0.ARR
	VFMLA       V31.ARR, V9.ARR, V1.ARR
	VFMLA       V31.ARR, V10.ARR, V2.ARR
	VFMLA       V31.ARR, V11.ARR, V3.ARR
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
	WORD        $(0x4ea0f808|SZ) // fabs v8.T, v0.T
	WORD        $(0x4e3ed508|SZ) // fadd v8.T, v8.T, v30.T
	WORD        $(0x6e28dd08|SZ) // fmul v8.T, v8.T, v8.T
	WORD        $(0x6e24dd08|SZ) // fmul v8.T, v8.T, v4.T
	VFMLA       V31.ARR, V8.ARR, V0.ARR
	VST1.P      [V0.ARR], 16(W_PTR)
	SUB         $LANES, N
	B           vec

tail:
	// Fewer than LANES elements, one at a time: the same sequence on scalars
	// (F30 and F31 are lane 0 of the broadcasts).
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
	FABST       F0, F8
	FADDT       F30, F8, F8
	FMULT       F8, F8, F8
	FMULT       F4, F8, F8
	FMADDT      F31, F0, F8, F0
	FMOVT.P     F0, ELEM(W_PTR)
	SUB         $1, N
	B           tail

done:
