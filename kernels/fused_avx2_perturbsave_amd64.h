// Body of perturbSaveAVX2 and perturbSave32AVX2 (fused_avx2_amd64.s, which
// describes it) and of perturbAVX2's and perturb32AVX2's loops
// (variants_avx2_amd64.s; references perturbSaveGeneric and perturbGeneric).
// The includer sets the element type and the registers, and for Perturb's
// extras defines PERTURB_KEEP (keep[i] = g[i], keep at K_PTR) and/or
// PERTURB_ZERO (g[i] = 0 after it is read, from Y14 = 0). With neither
// defined the instructions are PerturbSave's.

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
#ifdef PERTURB_KEEP
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VMOVUP      Y1, (K_PTR)(I*ELEM)
	VFMADD231P  Y1, Y15, Y0
#else
	VFMADD231P  (G_PTR)(I*ELEM), Y15, Y0
#endif
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y4
	VMOVNTP     Y4, VEC(S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      VEC(G_PTR)(I*ELEM), Y5
	VMOVUP      Y5, VEC(K_PTR)(I*ELEM)
	VFMADD231P  Y5, Y15, Y4
#else
	VFMADD231P  VEC(G_PTR)(I*ELEM), Y15, Y4
#endif
	VMOVUP      Y4, VEC(W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Y14, (G_PTR)(I*ELEM)
	VMOVUP      Y14, VEC(G_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         nt
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VMOVUP      Y1, (K_PTR)(I*ELEM)
	VFMADD231P  Y1, Y15, Y0
#else
	VFMADD231P  (G_PTR)(I*ELEM), Y15, Y0
#endif
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y4
	VMOVUP      Y4, VEC(S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      VEC(G_PTR)(I*ELEM), Y5
	VMOVUP      Y5, VEC(K_PTR)(I*ELEM)
	VFMADD231P  Y5, Y15, Y4
#else
	VFMADD231P  VEC(G_PTR)(I*ELEM), Y15, Y4
#endif
	VMOVUP      Y4, VEC(W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Y14, (G_PTR)(I*ELEM)
	VMOVUP      Y14, VEC(G_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VMOVUP      Y1, (K_PTR)(I*ELEM)
	VFMADD231P  Y1, Y15, Y0
#else
	VFMADD231P  (G_PTR)(I*ELEM), Y15, Y0
#endif
	VMOVUP      Y0, (W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Y14, (G_PTR)(I*ELEM)
#endif
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, LIMIT
	JAE         done
	VMOVS       (W_PTR)(I*ELEM), X0
	VMOVS       X0, (S_PTR)(I*ELEM)
	VMOVS       (G_PTR)(I*ELEM), X1
#ifdef PERTURB_KEEP
	VMOVS       X1, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVS       X14, (G_PTR)(I*ELEM)
#endif
	VFMADD231S  X1, X15, X0
	VMOVS       X0, (W_PTR)(I*ELEM)
	INCQ        I
	JMP         tail
done:
	STREAM_END
