// Body of asamPerturbSaveAVX512 and asamPerturbSave32AVX512
// (fused_avx512_amd64.s, which describes it) and of asamPerturbAVX512's and
// asamPerturb32AVX512's loops (variants_avx512_amd64.s; references
// asamPerturbSaveGeneric and asamPerturbGeneric). The includer sets the
// element type and the registers, and for ASAMPerturb's extras defines
// PERTURB_KEEP (keep[i] = g[i], keep at K_PTR; streamed in the nt loop if
// PERTURB_KEEP_NT is defined too) and/or PERTURB_ZERO (g[i] = 0 after it
// is read, from Z30 = 0). With none defined the instructions are
// ASAMPerturbSave's.

	VPTERNLOGD  $0xff, Z31, Z31, Z31
	VPSRLE      $1, Z31, Z31
	// With nt, a masked head up to the first 64-byte boundary of S_PTR.
	STREAM_HEAD(S_PTR)
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
	VPANDE      Z31, Z0, Z1
	VADDP       Z14, Z1, Z1
	VMULP       Z1, Z1, Z1
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z2
#ifdef PERTURB_KEEP
	VMOVUP      Z2, K1, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, K1, (G_PTR)(I*ELEM)
#endif
	VMULP       Z2, Z1, Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)
	STREAM_HEAD_END

nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVNTP     Z0, (S_PTR)(I*ELEM)
	VPANDE      Z31, Z0, Z1
	VADDP       Z14, Z1, Z1
	VMULP       Z1, Z1, Z1
	VMOVUP      (G_PTR)(I*ELEM), Z2
#ifdef PERTURB_KEEP_NT
	VMOVNTP     Z2, (K_PTR)(I*ELEM)
#else
#ifdef PERTURB_KEEP
	VMOVUP      Z2, (K_PTR)(I*ELEM)
#endif
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, (G_PTR)(I*ELEM)
#endif
	VMULP       Z2, Z1, Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z8
	VMOVNTP     Z8, VEC(S_PTR)(I*ELEM)
	VPANDE      Z31, Z8, Z9
	VADDP       Z14, Z9, Z9
	VMULP       Z9, Z9, Z9
	VMOVUP      VEC(G_PTR)(I*ELEM), Z10
#ifdef PERTURB_KEEP_NT
	VMOVNTP     Z10, VEC(K_PTR)(I*ELEM)
#else
#ifdef PERTURB_KEEP
	VMOVUP      Z10, VEC(K_PTR)(I*ELEM)
#endif
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, VEC(G_PTR)(I*ELEM)
#endif
	VMULP       Z10, Z9, Z9
	VFMADD231P  Z9, Z15, Z8
	VMOVUP      Z8, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      Z0, (S_PTR)(I*ELEM)
	VPANDE      Z31, Z0, Z1
	VADDP       Z14, Z1, Z1
	VMULP       Z1, Z1, Z1
	VMOVUP      (G_PTR)(I*ELEM), Z2
#ifdef PERTURB_KEEP
	VMOVUP      Z2, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, (G_PTR)(I*ELEM)
#endif
	VMULP       Z2, Z1, Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z8
	VMOVUP      Z8, VEC(S_PTR)(I*ELEM)
	VPANDE      Z31, Z8, Z9
	VADDP       Z14, Z9, Z9
	VMULP       Z9, Z9, Z9
	VMOVUP      VEC(G_PTR)(I*ELEM), Z10
#ifdef PERTURB_KEEP
	VMOVUP      Z10, VEC(K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, VEC(G_PTR)(I*ELEM)
#endif
	VMULP       Z10, Z9, Z9
	VFMADD231P  Z9, Z15, Z8
	VMOVUP      Z8, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      Z0, (S_PTR)(I*ELEM)
	VPANDE      Z31, Z0, Z1
	VADDP       Z14, Z1, Z1
	VMULP       Z1, Z1, Z1
	VMOVUP      (G_PTR)(I*ELEM), Z2
#ifdef PERTURB_KEEP
	VMOVUP      Z2, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, (G_PTR)(I*ELEM)
#endif
	VMULP       Z2, Z1, Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one

tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
	VPANDE      Z31, Z0, Z1
	VADDP       Z14, Z1, Z1
	VMULP       Z1, Z1, Z1
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z2
#ifdef PERTURB_KEEP
	VMOVUP      Z2, K1, (K_PTR)(I*ELEM)
#endif
#ifdef PERTURB_ZERO
	VMOVUP      Z30, K1, (G_PTR)(I*ELEM)
#endif
	VMULP       Z2, Z1, Z1
	VFMADD231P  Z1, Z15, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)

done:
	TESTQ       NT, NT
	JZ          ret
	SFENCE
ret:
	VZEROUPPER
