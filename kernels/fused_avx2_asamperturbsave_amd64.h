// Body of asamPerturbSaveAVX2 and asamPerturbSave32AVX2
// (fused_avx2_amd64.s, which describes it) and of asamPerturbAVX2's and
// asamPerturb32AVX2's loops (variants_avx2_amd64.s; references
// asamPerturbSaveGeneric and asamPerturbGeneric). The includer sets the
// element type and the registers, and for ASAMPerturb's extras defines
// PERTURB_KEEP (keep[i] = g[i], keep at K_PTR) and/or PERTURB_ZERO
// (g[i] = 0 after it is read, from Y12 = 0). With neither defined the
// instructions are ASAMPerturbSave's.

	VPCMPEQQ    Y13, Y13, Y13
	VPSRLE      $1, Y13, Y13
	// With nt, the elements before S_PTR's first 64-byte boundary run in
	// the tail, which then resumes at nt.
	STREAM_HEAD(S_PTR, two)
nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	PREFETCHT0  STREAM_AHEAD(W_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(G_PTR)(I*ELEM)
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVNTP     Y0, (S_PTR)(I*ELEM)
	VANDP       Y13, Y0, Y1
	VADDP       Y14, Y1, Y1
	VMULP       Y1, Y1, Y1
#ifdef PERTURB_KEEP
	VMOVUP      (G_PTR)(I*ELEM), Y2
	VMOVUP      Y2, (K_PTR)(I*ELEM)
	VMULP       Y2, Y1, Y1
#else
	VMULP       (G_PTR)(I*ELEM), Y1, Y1
#endif
	VFMADD231P  Y1, Y15, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y4
	VMOVNTP     Y4, VEC(S_PTR)(I*ELEM)
	VANDP       Y13, Y4, Y5
	VADDP       Y14, Y5, Y5
	VMULP       Y5, Y5, Y5
#ifdef PERTURB_KEEP
	VMOVUP      VEC(G_PTR)(I*ELEM), Y6
	VMOVUP      Y6, VEC(K_PTR)(I*ELEM)
	VMULP       Y6, Y5, Y5
#else
	VMULP       VEC(G_PTR)(I*ELEM), Y5, Y5
#endif
	VFMADD231P  Y5, Y15, Y4
	VMOVUP      Y4, VEC(W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Y12, (G_PTR)(I*ELEM)
	VMOVUP      Y12, VEC(G_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         nt
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
	VANDP       Y13, Y0, Y1
	VADDP       Y14, Y1, Y1
	VMULP       Y1, Y1, Y1
#ifdef PERTURB_KEEP
	VMOVUP      (G_PTR)(I*ELEM), Y2
	VMOVUP      Y2, (K_PTR)(I*ELEM)
	VMULP       Y2, Y1, Y1
#else
	VMULP       (G_PTR)(I*ELEM), Y1, Y1
#endif
	VFMADD231P  Y1, Y15, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y4
	VMOVUP      Y4, VEC(S_PTR)(I*ELEM)
	VANDP       Y13, Y4, Y5
	VADDP       Y14, Y5, Y5
	VMULP       Y5, Y5, Y5
#ifdef PERTURB_KEEP
	VMOVUP      VEC(G_PTR)(I*ELEM), Y6
	VMOVUP      Y6, VEC(K_PTR)(I*ELEM)
	VMULP       Y6, Y5, Y5
#else
	VMULP       VEC(G_PTR)(I*ELEM), Y5, Y5
#endif
	VFMADD231P  Y5, Y15, Y4
	VMOVUP      Y4, VEC(W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Y12, (G_PTR)(I*ELEM)
	VMOVUP      Y12, VEC(G_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
	VANDP       Y13, Y0, Y1
	VADDP       Y14, Y1, Y1
	VMULP       Y1, Y1, Y1
#ifdef PERTURB_KEEP
	VMOVUP      (G_PTR)(I*ELEM), Y2
	VMOVUP      Y2, (K_PTR)(I*ELEM)
	VMULP       Y2, Y1, Y1
#else
	VMULP       (G_PTR)(I*ELEM), Y1, Y1
#endif
	VFMADD231P  Y1, Y15, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Y12, (G_PTR)(I*ELEM)
#endif
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, LIMIT
	JAE         done
	VMOVS       (W_PTR)(I*ELEM), X0
	VMOVS       X0, (S_PTR)(I*ELEM)
	VANDP       X13, X0, X1
	VADDS       X14, X1, X1
	VMULS       X1, X1, X1
	VMOVS       (G_PTR)(I*ELEM), X2
#ifdef PERTURB_KEEP
	VMOVS       X2, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVS       X12, (G_PTR)(I*ELEM)
#endif
	VMULS       X2, X1, X1
	VFMADD231S  X1, X15, X0
	VMOVS       X0, (W_PTR)(I*ELEM)
	INCQ        I
	JMP         tail
done:
	STREAM_END
