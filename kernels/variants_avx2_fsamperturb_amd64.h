// Body of fsamPerturbAVX2's and fsamPerturb32AVX2's loops
// (variants_avx2_amd64.s, which describes them; reference
// fsamPerturbGeneric): saved = w; d = fma(nsigma, m, g); w = fma(s, d, w);
// next = fma(lambda, m, oml·g); and with FSAM_ZERO g = 0 once read (from
// Y11 = 0). The includer sets the element type and the registers.

	// With nt, the elements before S_PTR's first 64-byte boundary run in
	// the tail, which then resumes at nt.
	STREAM_HEAD(S_PTR, two)
nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	PREFETCHT0  STREAM_AHEAD(W_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(G_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(M_PTR)(I*ELEM)
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVNTP     Y0, (S_PTR)(I*ELEM)
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
#ifdef FSAM_ZERO
	VMOVUP      Y11, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Y1, Y3
	VFMADD231P  Y2, Y13, Y3
	VFMADD231P  Y3, Y12, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMULP       Y1, Y15, Y4
	VFMADD231P  Y2, Y14, Y4
	VMOVUP      Y4, (NX_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y5
	VMOVNTP     Y5, VEC(S_PTR)(I*ELEM)
	VMOVUP      VEC(G_PTR)(I*ELEM), Y6
	VMOVUP      VEC(M_PTR)(I*ELEM), Y7
#ifdef FSAM_ZERO
	VMOVUP      Y11, VEC(G_PTR)(I*ELEM)
#endif
	VMOVAPD     Y6, Y8
	VFMADD231P  Y7, Y13, Y8
	VFMADD231P  Y8, Y12, Y5
	VMOVUP      Y5, VEC(W_PTR)(I*ELEM)
	VMULP       Y6, Y15, Y9
	VFMADD231P  Y7, Y14, Y9
	VMOVUP      Y9, VEC(NX_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         nt
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
#ifdef FSAM_ZERO
	VMOVUP      Y11, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Y1, Y3
	VFMADD231P  Y2, Y13, Y3
	VFMADD231P  Y3, Y12, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMULP       Y1, Y15, Y4
	VFMADD231P  Y2, Y14, Y4
	VMOVUP      Y4, (NX_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y5
	VMOVUP      Y5, VEC(S_PTR)(I*ELEM)
	VMOVUP      VEC(G_PTR)(I*ELEM), Y6
	VMOVUP      VEC(M_PTR)(I*ELEM), Y7
#ifdef FSAM_ZERO
	VMOVUP      Y11, VEC(G_PTR)(I*ELEM)
#endif
	VMOVAPD     Y6, Y8
	VFMADD231P  Y7, Y13, Y8
	VFMADD231P  Y8, Y12, Y5
	VMOVUP      Y5, VEC(W_PTR)(I*ELEM)
	VMULP       Y6, Y15, Y9
	VFMADD231P  Y7, Y14, Y9
	VMOVUP      Y9, VEC(NX_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
#ifdef FSAM_ZERO
	VMOVUP      Y11, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Y1, Y3
	VFMADD231P  Y2, Y13, Y3
	VFMADD231P  Y3, Y12, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMULP       Y1, Y15, Y4
	VFMADD231P  Y2, Y14, Y4
	VMOVUP      Y4, (NX_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, LIMIT
	JAE         done
	VMOVS       (W_PTR)(I*ELEM), X0
	VMOVS       X0, (S_PTR)(I*ELEM)
	VMOVS       (G_PTR)(I*ELEM), X1
	VMOVS       (M_PTR)(I*ELEM), X2
#ifdef FSAM_ZERO
	VMOVS       X11, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     X1, X3
	VFMADD231S  X2, X13, X3
	VFMADD231S  X3, X12, X0
	VMOVS       X0, (W_PTR)(I*ELEM)
	VMULS       X1, X15, X4
	VFMADD231S  X2, X14, X4
	VMOVS       X4, (NX_PTR)(I*ELEM)
	INCQ        I
	JMP         tail
done:
	STREAM_END
