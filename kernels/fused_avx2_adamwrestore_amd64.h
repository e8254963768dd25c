// Body of adamWRestoreAVX2 and adamWRestore32AVX2 (fused_avx2_amd64.s,
// which describes it). The includer sets the element type and the
// registers.

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
	VMOVUP      (G_PTR)(I*ELEM), Y0
	VMOVUP      (M_PTR)(I*ELEM), Y1
	VMULP       Y0, Y9, Y3
	VFMADD213P  Y3, Y8, Y1
	VMOVUP      Y1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Y2
	VMULP       Y0, Y11, Y4
	VMULP       Y0, Y4, Y4
	VFMADD213P  Y4, Y10, Y2
	VMOVUP      Y2, (V_PTR)(I*ELEM)
	VSQRTP      Y2, Y5
	VFMADD213P  Y13, Y12, Y5
	VDIVP       Y5, Y1, Y6
	VMOVUP      (S_PTR)(I*ELEM), Y7
	VMULP       Y15, Y7, Y7
	VFMADD231P  Y6, Y14, Y7
	VMOVNTP     Y7, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         nt
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (G_PTR)(I*ELEM), Y0
	VMOVUP      (M_PTR)(I*ELEM), Y1
	VMULP       Y0, Y9, Y3
	VFMADD213P  Y3, Y8, Y1
	VMOVUP      Y1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Y2
	VMULP       Y0, Y11, Y4
	VMULP       Y0, Y4, Y4
	VFMADD213P  Y4, Y10, Y2
	VMOVUP      Y2, (V_PTR)(I*ELEM)
	VSQRTP      Y2, Y5
	VFMADD213P  Y13, Y12, Y5
	VDIVP       Y5, Y1, Y6
	VMOVUP      (S_PTR)(I*ELEM), Y7
	VMULP       Y15, Y7, Y7
	VFMADD231P  Y6, Y14, Y7
	VMOVUP      Y7, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, LIMIT
	JAE         done
	VMOVS       (G_PTR)(I*ELEM), X0
	VMOVS       (M_PTR)(I*ELEM), X1
	VMULS       X0, X9, X3
	VFMADD213S  X3, X8, X1
	VMOVS       X1, (M_PTR)(I*ELEM)
	VMOVS       (V_PTR)(I*ELEM), X2
	VMULS       X0, X11, X4
	VMULS       X0, X4, X4
	VFMADD213S  X4, X10, X2
	VMOVS       X2, (V_PTR)(I*ELEM)
	VSQRTS      X2, X2, X5
	VFMADD213S  X13, X12, X5
	VDIVS       X5, X1, X6
	VMOVS       (S_PTR)(I*ELEM), X7
	VMULS       X15, X7, X7
	VFMADD231S  X6, X14, X7
	VMOVS       X7, (W_PTR)(I*ELEM)
	INCQ        I
	JMP         tail
done:
	STREAM_END
