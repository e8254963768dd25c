// Body of adamWStepAVX2's and adamWStep32AVX2's loops
// (variants_avx2_amd64.s, which describes them; reference
// adamWStepGeneric): adamWRestore's sequence
// (fused_avx2_adamwrestore_amd64.h) from d = a·g in place of g, with the
// extras the includer asks for: STEP_G2 (d = fma(b, g2, d)), STEP_C
// (w = fma(c, g2 − g, w), g and g2 read again), STEP_ZG and STEP_ZG2
// (g = 0, g2 = 0 once read). a, b and c are broadcast from the arguments
// (A_ARG, B_ARG, C_ARG) where they are used: Y8..Y15 hold adamWRestore's
// coefficients, and the loop is bound by the divide and the square root,
// not by loads. Σ m² accumulates in float64 in Y5 (the vectors) and X6
// (the scalar tail), summed into X0 at the end.

	VXORPD      Y5, Y5, Y5
	VXORPD      Y6, Y6, Y6
	// With nt, the elements before W_PTR's first 64-byte boundary run in
	// the tail, which then resumes at nt.
	STREAM_HEAD(W_PTR, one)
nt:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	PREFETCHT0  STREAM_AHEAD(G_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(M_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(V_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(S_PTR)(I*ELEM)
#ifdef STEP_G2
	PREFETCHT0  STREAM_AHEAD(G2_PTR)(I*ELEM)
#endif
	VBROADCASTS A_ARG, Y3
	VMULP       (G_PTR)(I*ELEM), Y3, Y0
#ifdef STEP_G2
	VBROADCASTS B_ARG, Y3
	VFMADD231P  (G2_PTR)(I*ELEM), Y3, Y0
#endif
	VMOVUP      (M_PTR)(I*ELEM), Y1
	VMULP       Y0, Y9, Y3
	VFMADD213P  Y3, Y8, Y1
	VMOVUP      Y1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Y2
	VMULP       Y0, Y11, Y4
	VMULP       Y0, Y4, Y4
	VFMADD213P  Y4, Y10, Y2
	VMOVUP      Y2, (V_PTR)(I*ELEM)
	VSQRTP      Y2, Y3
	VFMADD213P  Y13, Y12, Y3
	VDIVP       Y3, Y1, Y4
	VMOVUP      (S_PTR)(I*ELEM), Y7
	VMULP       Y15, Y7, Y7
	VFMADD231P  Y4, Y14, Y7
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Y3
	VSUBP       (G_PTR)(I*ELEM), Y3, Y3
	VBROADCASTS C_ARG, Y4
	VFMADD231P  Y3, Y4, Y7
#endif
	VMOVNTP     Y7, (W_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   X1, Y3
	VFMADD231PD Y3, Y3, Y5
	VEXTRACTF128 $1, Y1, X3
	VCVTPS2PD   X3, Y3
	VFMADD231PD Y3, Y3, Y5
#else
	VFMADD231PD Y1, Y1, Y5
#endif
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
	VBROADCASTS A_ARG, Y3
	VMULP       (G_PTR)(I*ELEM), Y3, Y0
#ifdef STEP_G2
	VBROADCASTS B_ARG, Y3
	VFMADD231P  (G2_PTR)(I*ELEM), Y3, Y0
#endif
	VMOVUP      (M_PTR)(I*ELEM), Y1
	VMULP       Y0, Y9, Y3
	VFMADD213P  Y3, Y8, Y1
	VMOVUP      Y1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Y2
	VMULP       Y0, Y11, Y4
	VMULP       Y0, Y4, Y4
	VFMADD213P  Y4, Y10, Y2
	VMOVUP      Y2, (V_PTR)(I*ELEM)
	VSQRTP      Y2, Y3
	VFMADD213P  Y13, Y12, Y3
	VDIVP       Y3, Y1, Y4
	VMOVUP      (S_PTR)(I*ELEM), Y7
	VMULP       Y15, Y7, Y7
	VFMADD231P  Y4, Y14, Y7
#ifdef STEP_C
	VMOVUP      (G2_PTR)(I*ELEM), Y3
	VSUBP       (G_PTR)(I*ELEM), Y3, Y3
	VBROADCASTS C_ARG, Y4
	VFMADD231P  Y3, Y4, Y7
#endif
	VMOVUP      Y7, (W_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTPS2PD   X1, Y3
	VFMADD231PD Y3, Y3, Y5
	VEXTRACTF128 $1, Y1, X3
	VCVTPS2PD   X3, Y3
	VFMADD231PD Y3, Y3, Y5
#else
	VFMADD231PD Y1, Y1, Y5
#endif
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
	VMOVS       (G_PTR)(I*ELEM), X0
	VMOVS       A_ARG, X3
	VMULS       X0, X3, X0
#ifdef STEP_G2
	VMOVS       (G2_PTR)(I*ELEM), X4
	VMOVS       B_ARG, X3
	VFMADD231S  X4, X3, X0
#endif
	VMOVS       (M_PTR)(I*ELEM), X1
	VMULS       X0, X9, X3
	VFMADD213S  X3, X8, X1
	VMOVS       X1, (M_PTR)(I*ELEM)
	VMOVS       (V_PTR)(I*ELEM), X2
	VMULS       X0, X11, X4
	VMULS       X0, X4, X4
	VFMADD213S  X4, X10, X2
	VMOVS       X2, (V_PTR)(I*ELEM)
	VSQRTS      X2, X2, X3
	VFMADD213S  X13, X12, X3
	VDIVS       X3, X1, X4
	VMOVS       (S_PTR)(I*ELEM), X7
	VMULS       X15, X7, X7
	VFMADD231S  X4, X14, X7
#ifdef STEP_C
	VMOVS       (G2_PTR)(I*ELEM), X3
	VMOVS       (G_PTR)(I*ELEM), X4
	VSUBS       X4, X3, X3
	VMOVS       C_ARG, X4
	VFMADD231S  X3, X4, X7
#endif
	VMOVS       X7, (W_PTR)(I*ELEM)
#ifdef FLOAT32
	VCVTSS2SD   X1, X3, X3
	VFMADD231SD X3, X3, X6
#else
	VFMADD231SD X1, X1, X6
#endif
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
	// X0 = Y5's four lanes, pairwise, then the tail's X6.
	VEXTRACTF128 $1, Y5, X0
	VADDPD      X0, X5, X0
	VPERMILPD   $1, X0, X1
	VADDSD      X1, X0, X0
	VADDSD      X6, X0, X0
	STREAM_FENCE
	VZEROUPPER
