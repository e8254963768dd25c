// Body of perturbSaveAVX2 and perturbSave32AVX2 (fused_avx2_amd64.s, which
// describes it). The includer sets the element type and the registers.

	XORQ        I, I
two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
	VFMADD231P  (G_PTR)(I*ELEM), Y15, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Y4
	VMOVUP      Y4, VEC(S_PTR)(I*ELEM)
	VFMADD231P  VEC(G_PTR)(I*ELEM), Y15, Y4
	VMOVUP      Y4, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two
one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Y0
	VMOVUP      Y0, (S_PTR)(I*ELEM)
	VFMADD231P  (G_PTR)(I*ELEM), Y15, Y0
	VMOVUP      Y0, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one
tail:
	CMPQ        I, N
	JAE         done
	VMOVS       (W_PTR)(I*ELEM), X0
	VMOVS       X0, (S_PTR)(I*ELEM)
	VMOVS       (G_PTR)(I*ELEM), X1
	VFMADD231S  X1, X15, X0
	VMOVS       X0, (W_PTR)(I*ELEM)
	INCQ        I
	JMP         tail
done:
	VZEROUPPER
