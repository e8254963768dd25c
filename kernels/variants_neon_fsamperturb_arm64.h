// Body of fsamPerturbNEON's and fsamPerturb32NEON's loops
// (variants_neon_arm64.s, which describes them; reference
// fsamPerturbGeneric): saved = w; d = fma(nsigma, m, g); w = fma(s, d, w);
// next = fma(lambda, m, oml·g); with FSAM_ZERO g = 0 once read (through
// Z_PTR). Per register: w in V0.., g in V2.., m in V4.., d in V6.., oml·g
// then next in V16...

	CMP         $(2*LANES), N
	BLT         vec

loop:
	VLD1        (W_PTR), [V0.ARR, V1.ARR]
	VST1.P      [V0.ARR, V1.ARR], 32(S_PTR)
	VLD1.P      32(G_PTR), [V2.ARR, V3.ARR]
	VLD1.P      32(M_PTR), [V4.ARR, V5.ARR]
#ifdef FSAM_ZERO
	STP.P       (ZR, ZR), 16(Z_PTR)
	STP.P       (ZR, ZR), 16(Z_PTR)
#endif
	VMOV        V2.B16, V6.B16
	VMOV        V3.B16, V7.B16
	VFMLA       V29.ARR, V4.ARR, V6.ARR
	VFMLA       V29.ARR, V5.ARR, V7.ARR
	VFMLA       V28.ARR, V6.ARR, V0.ARR
	VFMLA       V28.ARR, V7.ARR, V1.ARR
	VST1.P      [V0.ARR, V1.ARR], 32(W_PTR)
	WORD        $(0x6e3fdc50|SZ) // fmul v16.T, v2.T, v31.T
	WORD        $(0x6e3fdc71|SZ) // fmul v17.T, v3.T, v31.T
	VFMLA       V30.ARR, V4.ARR, V16.ARR
	VFMLA       V30.ARR, V5.ARR, V17.ARR
	VST1.P      [V16.ARR, V17.ARR], 32(NX_PTR)
	SUB         $(2*LANES), N
	CMP         $(2*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         tail
	VLD1        (W_PTR), [V0.ARR]
	VST1.P      [V0.ARR], 16(S_PTR)
	VLD1.P      16(G_PTR), [V2.ARR]
	VLD1.P      16(M_PTR), [V4.ARR]
#ifdef FSAM_ZERO
	STP.P       (ZR, ZR), 16(Z_PTR)
#endif
	VMOV        V2.B16, V6.B16
	VFMLA       V29.ARR, V4.ARR, V6.ARR
	VFMLA       V28.ARR, V6.ARR, V0.ARR
	VST1.P      [V0.ARR], 16(W_PTR)
	WORD        $(0x6e3fdc50|SZ) // fmul v16.T, v2.T, v31.T
	VFMLA       V30.ARR, V4.ARR, V16.ARR
	VST1.P      [V16.ARR], 16(NX_PTR)
	SUB         $LANES, N
	B           vec

tail:
	CBZ         N, done
	FMOVT       (W_PTR), F0
	FMOVT.P     F0, ELEM(S_PTR)
	FMOVT.P     ELEM(G_PTR), F2
	FMOVT.P     ELEM(M_PTR), F4
#ifdef FSAM_ZERO
#ifdef FLOAT32
	MOVW.P      ZR, 4(Z_PTR)
#else
	MOVD.P      ZR, 8(Z_PTR)
#endif
#endif
	FMADDT      F29, F2, F4, F6
	FMADDT      F28, F0, F6, F0
	FMOVT.P     F0, ELEM(W_PTR)
	FMULT       F31, F2, F16
	FMADDT      F30, F16, F4, F16
	FMOVT.P     F16, ELEM(NX_PTR)
	SUB         $1, N
	B           tail

done:
