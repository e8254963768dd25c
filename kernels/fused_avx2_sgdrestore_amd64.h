// Body of sgdRestoreAVX2 and sgdRestore32AVX2 (fused_avx2_amd64.s, which
// describes it). The includer sets the element type and the registers.

	// With nt, the elements before W_PTR's first 64-byte boundary run in
	// the tail, which then resumes at nt.
	STREAM_HEAD(W_PTR, two)
nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	PREFETCHT0  STREAM_AHEAD(S_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(G_PTR)(I*ELEM)
	PREFETCHT0  STREAM_AHEAD(M_PTR)(I*ELEM)
	VMOVUP      (S_PTR)(I*ELEM), Y0
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VFMADD231P  Y0, Y12, Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
	VFMADD213P  Y1, Y11, Y2
	VMOVUP      Y2, (M_PTR)(I*ELEM)
	VMULP       Y1, Y14, Y3
	VFMADD231P  Y2, Y13, Y3
	VMULP       Y0, Y15, Y4
	VFMADD231P  Y3, Y10, Y4
	VMOVNTP     Y4, (W_PTR)(I*ELEM)
	VMOVUP      VEC(S_PTR)(I*ELEM), Y5
	VMOVUP      VEC(G_PTR)(I*ELEM), Y6
	VFMADD231P  Y5, Y12, Y6
	VMOVUP      VEC(M_PTR)(I*ELEM), Y7
	VFMADD213P  Y6, Y11, Y7
	VMOVUP      Y7, VEC(M_PTR)(I*ELEM)
	VMULP       Y6, Y14, Y8
	VFMADD231P  Y7, Y13, Y8
	VMULP       Y5, Y15, Y9
	VFMADD231P  Y8, Y10, Y9
	VMOVNTP     Y9, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         nt
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (S_PTR)(I*ELEM), Y0
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VFMADD231P  Y0, Y12, Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
	VFMADD213P  Y1, Y11, Y2
	VMOVUP      Y2, (M_PTR)(I*ELEM)
	VMULP       Y1, Y14, Y3
	VFMADD231P  Y2, Y13, Y3
	VMULP       Y0, Y15, Y4
	VFMADD231P  Y3, Y10, Y4
	VMOVUP      Y4, (W_PTR)(I*ELEM)
	VMOVUP      VEC(S_PTR)(I*ELEM), Y5
	VMOVUP      VEC(G_PTR)(I*ELEM), Y6
	VFMADD231P  Y5, Y12, Y6
	VMOVUP      VEC(M_PTR)(I*ELEM), Y7
	VFMADD213P  Y6, Y11, Y7
	VMOVUP      Y7, VEC(M_PTR)(I*ELEM)
	VMULP       Y6, Y14, Y8
	VFMADD231P  Y7, Y13, Y8
	VMULP       Y5, Y15, Y9
	VFMADD231P  Y8, Y10, Y9
	VMOVUP      Y9, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (S_PTR)(I*ELEM), Y0
	VMOVUP      (G_PTR)(I*ELEM), Y1
	VFMADD231P  Y0, Y12, Y1
	VMOVUP      (M_PTR)(I*ELEM), Y2
	VFMADD213P  Y1, Y11, Y2
	VMOVUP      Y2, (M_PTR)(I*ELEM)
	VMULP       Y1, Y14, Y3
	VFMADD231P  Y2, Y13, Y3
	VMULP       Y0, Y15, Y4
	VFMADD231P  Y3, Y10, Y4
	VMOVUP      Y4, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, LIMIT
	JAE         done
	VMOVS       (S_PTR)(I*ELEM), X0
	VMOVS       (G_PTR)(I*ELEM), X1
	VFMADD231S  X0, X12, X1
	VMOVS       (M_PTR)(I*ELEM), X2
	VFMADD213S  X1, X11, X2
	VMOVS       X2, (M_PTR)(I*ELEM)
	VMULS       X1, X14, X3
	VFMADD231S  X2, X13, X3
	VMULS       X0, X15, X4
	VFMADD231S  X3, X10, X4
	VMOVS       X4, (W_PTR)(I*ELEM)
	INCQ        I
	JMP         tail
done:
	STREAM_END
