// Body of perturbSaveAVX512 and perturbSave32AVX512 (fused_avx512_amd64.s,
// which describes it). The includer sets the element type and the
// registers.

	// With nt, a masked head up to the first 64-byte boundary of S_PTR.
	STREAM_HEAD(S_PTR)
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)
	STREAM_HEAD_END

nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVNTP     Z0, (S_PTR)(I*ELEM)
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z8
	VMOVUP      VEC(G_PTR)(I*ELEM), Z9
	VMOVNTP     Z8, VEC(S_PTR)(I*ELEM)
	VFMADD231P  Z9, Z15, Z8
	VMOVUP      Z8, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      Z0, (S_PTR)(I*ELEM)
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z8
	VMOVUP      VEC(G_PTR)(I*ELEM), Z9
	VMOVUP      Z8, VEC(S_PTR)(I*ELEM)
	VFMADD231P  Z9, Z15, Z8
	VMOVUP      Z8, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      Z0, (S_PTR)(I*ELEM)
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one

tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)

done:
	TESTQ       NT, NT
	JZ          ret
	SFENCE
ret:
	VZEROUPPER
