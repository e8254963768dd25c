// Body of perturbSaveAVX512 and perturbSave32AVX512 (fused_avx512_amd64.s,
// which describes it) and of perturbAVX512's and perturb32AVX512's loops
// (variants_avx512_amd64.s; references perturbSaveGeneric and
// perturbGeneric). The includer sets the element type and the registers,
// and for Perturb's extras defines PERTURB_KEEP (keep[i] = g[i], keep at
// K_PTR; streamed in the nt loop if PERTURB_KEEP_NT is defined too) and/or
// PERTURB_ZERO (g[i] = 0 after it is read, from Z14 = 0). With none
// defined the instructions are PerturbSave's.

	// With nt, a masked head up to the first 64-byte boundary of S_PTR.
	STREAM_HEAD(S_PTR)
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      Z1, K1, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z14, K1, (G_PTR)(I*ELEM)
#endif
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
#ifdef PERTURB_KEEP_NT
	VMOVNTP     Z1, (K_PTR)(I*ELEM)
#else
#ifdef PERTURB_KEEP
	VMOVUP      Z1, (K_PTR)(I*ELEM)
#endif
#endif
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z8
	VMOVUP      VEC(G_PTR)(I*ELEM), Z9
	VMOVNTP     Z8, VEC(S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP_NT
	VMOVNTP     Z9, VEC(K_PTR)(I*ELEM)
#else
#ifdef PERTURB_KEEP
	VMOVUP      Z9, VEC(K_PTR)(I*ELEM)
#endif
#endif
	VFMADD231P  Z9, Z15, Z8
	VMOVUP      Z8, VEC(W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Z14, (G_PTR)(I*ELEM)
	VMOVUP      Z14, VEC(G_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      Z0, (S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      Z1, (K_PTR)(I*ELEM)
#endif
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z8
	VMOVUP      VEC(G_PTR)(I*ELEM), Z9
	VMOVUP      Z8, VEC(S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      Z9, VEC(K_PTR)(I*ELEM)
#endif
	VFMADD231P  Z9, Z15, Z8
	VMOVUP      Z8, VEC(W_PTR)(I*ELEM)
#ifdef PERTURB_ZERO
	VMOVUP      Z14, (G_PTR)(I*ELEM)
	VMOVUP      Z14, VEC(G_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      Z0, (S_PTR)(I*ELEM)
#ifdef PERTURB_KEEP
	VMOVUP      Z1, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z14, (G_PTR)(I*ELEM)
#endif
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
#ifdef PERTURB_KEEP
	VMOVUP      Z1, K1, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z14, K1, (G_PTR)(I*ELEM)
#endif
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)

done:
	TESTQ       NT, NT
	JZ          ret
	SFENCE
ret:
	VZEROUPPER
