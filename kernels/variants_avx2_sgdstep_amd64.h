// Body of sgdStepAVX2's and sgdStep32AVX2's loops (variants_avx2_amd64.s,
// which describes them; reference sgdStepGeneric): sgdRestore's sequence
// (fused_avx2_sgdrestore_amd64.h) from d = a·g in place of g, with the
// extras the includer asks for: STEP_G2 (d = fma(b, g2, d)), STEP_C
// (w = fma(c, g2 − g, w), g and g2 read again), STEP_ZG and STEP_ZG2
// (g = 0, g2 = 0 once read). Σ m² accumulates in float64, in Y8 (the
// vectors; float32 widened four at a time) and X9 (the scalar tail, whose
// VEX scalar operations would clear Y8's upper lanes), summed into X0 at
// the end. One vector per iteration: the coefficients take Y5..Y7 and
// Y10..Y15, too many registers for two.

	VXORPD      Y8, Y8, Y8
	VXORPD      Y9, Y9, Y9
	// With nt, the elements before W_PTR's first 64-byte boundary run in
	// the tail, which then resumes at nt.
	STREAM_HEAD(W_PTR, one)
nt:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	PREFETCHT0  STREAM_AHEAD(S_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(G_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(M_PTR)(I*ELEM)
#ifdef STEP_G2
	PREFETCHT0  STREAM_AHEAD(G2_PTR)(I*ELEM)
#endif
	VMOVUP      (S_PTR)(I*ELEM), Y0
	VMULP       (G_PTR)(I*ELEM), Y5, Y1
#ifdef STEP_G2
	VFMADD231P  (G2_PTR)(I*ELEM), Y6, Y1
#endif
	VFMADD231P  Y0, Y12, Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
	VFMADD213P  Y1, Y11, Y2
	VMOVUP      Y2, (M_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   X2, Y3
	VFMADD231PD Y3, Y3, Y8
	VEXTRACTF128 $1, Y2, X3
	VCVTPS2PD   X3, Y3
	VFMADD231PD Y3, Y3, Y8
#else
	VFMADD231PD Y2, Y2, Y8
#endif
	VMULP       Y1, Y14, Y3
	VFMADD231P  Y2, Y13, Y3
	VMULP       Y0, Y15, Y4
	VFMADD231P  Y3, Y10, Y4
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Y3
	VSUBP       (G_PTR)(I*ELEM), Y3, Y3
	VFMADD231P  Y3, Y7, Y4
#endif
	VMOVNTP     Y4, (W_PTR)(I*ELEM)
	VXORPD      Y3, Y3, Y3
#ifdef STEP_ZG
	VMOVUP      Y3, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Y3, (G2_PTR)(I*ELEM)
#endif
	ADDQ        $LANES, I
	JMP         nt
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (S_PTR)(I*ELEM), Y0
	VMULP       (G_PTR)(I*ELEM), Y5, Y1
#ifdef STEP_G2
	VFMADD231P  (G2_PTR)(I*ELEM), Y6, Y1
#endif
	VFMADD231P  Y0, Y12, Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
	VFMADD213P  Y1, Y11, Y2
	VMOVUP      Y2, (M_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   X2, Y3
	VFMADD231PD Y3, Y3, Y8
	VEXTRACTF128 $1, Y2, X3
	VCVTPS2PD   X3, Y3
	VFMADD231PD Y3, Y3, Y8
#else
	VFMADD231PD Y2, Y2, Y8
#endif
	VMULP       Y1, Y14, Y3
	VFMADD231P  Y2, Y13, Y3
	VMULP       Y0, Y15, Y4
	VFMADD231P  Y3, Y10, Y4
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Y3
	VSUBP       (G_PTR)(I*ELEM), Y3, Y3
	VFMADD231P  Y3, Y7, Y4
#endif
	VMOVUP      Y4, (W_PTR)(I*ELEM)
	VXORPD      Y3, Y3, Y3
#ifdef STEP_ZG
	VMOVUP      Y3, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVUP      Y3, (G2_PTR)(I*ELEM)
#endif
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, LIMIT
	JAE         done
	VMOVS       (S_PTR)(I*ELEM), X0
	VMOVS       (G_PTR)(I*ELEM), X1
	VMULS       X1, X5, X1
#ifdef STEP_G2
	VMOVS       (G2_PTR)(I*ELEM), X3
	VFMADD231S  X3, X6, X1
#endif
	VFMADD231S  X0, X12, X1
	VMOVS       (M_PTR)(I*ELEM), X2
	VFMADD213S  X1, X11, X2
	VMOVS       X2, (M_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTSS2SD   X2, X3, X3
	VFMADD231SD X3, X3, X9
#else
	VFMADD231SD X2, X2, X9
#endif
	VMULS       X1, X14, X3
	VFMADD231S  X2, X13, X3
	VMULS       X0, X15, X4
	VFMADD231S  X3, X10, X4
#ifdef STEP_C
	VMOVS       (G2_PTR)(I*ELEM), X3
	VMOVS       (G_PTR)(I*ELEM), X1
	VSUBS       X1, X3, X3
	VFMADD231S  X3, X7, X4
#endif
	VMOVS       X4, (W_PTR)(I*ELEM)
	VXORPD      X3, X3, X3
#ifdef STEP_ZG
	VMOVS       X3, (G_PTR)(I*ELEM)
#endif
#ifdef STEP_ZG2
	VMOVS       X3, (G2_PTR)(I*ELEM)
#endif
	INCQ        I
	JMP         tail
done:
	STREAM_RESUME
	// X0 = Y8's four lanes, pairwise, then the tail's X9.
	VEXTRACTF128 $1, Y8, X0
	VADDPD      X0, X8, X0
	VPERMILPD   $1, X0, X1
	VADDSD      X1, X0, X0
	VADDSD      X9, X0, X0
	STREAM_FENCE
	VZEROUPPER
