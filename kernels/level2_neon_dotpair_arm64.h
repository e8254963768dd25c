// Body of dotPairNEON and dotPair32NEON (level2_neon_arm64.s, which
// describes it): F0 = x·a and F4 = x·b over N elements. The includer sets
// the element type and the registers.

	VEOR        V0.B16, V0.B16, V0.B16
	VEOR        V1.B16, V1.B16, V1.B16
	VEOR        V2.B16, V2.B16, V2.B16
	VEOR        V3.B16, V3.B16, V3.B16
	VEOR        V4.B16, V4.B16, V4.B16
	VEOR        V5.B16, V5.B16, V5.B16
	VEOR        V6.B16, V6.B16, V6.B16
	VEOR        V7.B16, V7.B16, V7.B16
	CMP         $(4*LANES), N
	BLT         vec

loop:
	VLD1.P      64(X_PTR), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(A_PTR), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VLD1.P      64(B_PTR), [V24.ARR, V25.ARR, V26.ARR, V27.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V16.ARR, V24.ARR, V4.ARR
	VFMLA       V17.ARR, V21.ARR, V1.ARR
	VFMLA       V17.ARR, V25.ARR, V5.ARR
	VFMLA       V18.ARR, V22.ARR, V2.ARR
	VFMLA       V18.ARR, V26.ARR, V6.ARR
	VFMLA       V19.ARR, V23.ARR, V3.ARR
	VFMLA       V19.ARR, V27.ARR, V7.ARR
	SUB         $(4*LANES), N
	CMP         $(4*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         sum
	VLD1.P      16(X_PTR), [V16.ARR]
	VLD1.P      16(A_PTR), [V20.ARR]
	VLD1.P      16(B_PTR), [V24.ARR]
	VFMLA       V16.ARR, V20.ARR, V0.ARR
	VFMLA       V16.ARR, V24.ARR, V4.ARR
	SUB         $LANES, N
	B           vec

sum:
	WORD        $(0x4e21d400|SZ) // fadd v0.T, v0.T, v1.T
	WORD        $(0x4e23d442|SZ) // fadd v2.T, v2.T, v3.T
	WORD        $(0x4e25d484|SZ) // fadd v4.T, v4.T, v5.T
	WORD        $(0x4e27d4c6|SZ) // fadd v6.T, v6.T, v7.T
	WORD        $(0x4e22d400|SZ) // fadd v0.T, v0.T, v2.T
	WORD        $(0x4e26d484|SZ) // fadd v4.T, v4.T, v6.T
#ifdef FLOAT32
	WORD        $0x6e20d400 // faddp v0.4s, v0.4s, v0.4s
#endif
	WORD        $(0x7e30d800|SZ) // faddp t0, v0.P
#ifdef FLOAT32
	WORD        $0x6e24d484 // faddp v4.4s, v4.4s, v4.4s
#endif
	WORD        $(0x7e30d884|SZ) // faddp t4, v4.P

tail:
	CBZ         N, done
	FMOVT.P     ELEM(X_PTR), F16
	FMOVT.P     ELEM(A_PTR), F20
	FMOVT.P     ELEM(B_PTR), F24
	FMADDT      F20, F0, F16, F0
	FMADDT      F24, F4, F16, F4
	SUB         $1, N
	B           tail

done:
