// Fragment of the NEON reductions: folds the accumulators V0..V7 pairwise,
// ((0+1)+(2+3))+((4+5)+(6+7)), then the lanes of V0 into F0 with FADDP
// (which clears the rest of V0): for float32 the four lanes pairwise,
// (0+1)+(2+3).

	WORD $(0x4e21d400|SZ) // fadd v0.T, v0.T, v1.T
	WORD $(0x4e23d442|SZ) // fadd v2.T, v2.T, v3.T
	WORD $(0x4e25d484|SZ) // fadd v4.T, v4.T, v5.T
	WORD $(0x4e27d4c6|SZ) // fadd v6.T, v6.T, v7.T
	WORD $(0x4e22d400|SZ) // fadd v0.T, v0.T, v2.T
	WORD $(0x4e26d484|SZ) // fadd v4.T, v4.T, v6.T
	WORD $(0x4e24d400|SZ) // fadd v0.T, v0.T, v4.T
#ifdef FLOAT32
	WORD $0x6e20d400      // faddp v0.4s, v0.4s, v0.4s
#endif
	WORD $(0x7e30d800|SZ) // faddp t0, v0.P
