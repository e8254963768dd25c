// Body of fsamPerturbAVX512's and fsamPerturb32AVX512's loops
// (variants_avx512_amd64.s, which describes them; reference
// fsamPerturbGeneric): saved = w; d = fma(nsigma, m, g); w = fma(s, d, w);
// next = fma(lambda, m, oml·g); with FSAM_ZERO g = 0 once read (from
// Z31 = 0). perturbSave's structure: two vectors per iteration, one, the
// masked tail, and with nt saved streamed after a masked head that aligns
// it, and next too if FSAM_NEXT_NT (the entry defines it only when next
// has saved's alignment).

	// With nt, a masked head up to the first 64-byte boundary of S_PTR.
	STREAM_HEAD(S_PTR)
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z2
#ifdef FSAM_ZERO
	VMOVUP      Z31, K1, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z1, Z3
	VFMADD231P  Z2, Z13, Z3
	VFMADD231P  Z3, Z12, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)
	VMULP       Z1, Z15, Z4
	VFMADD231P  Z2, Z14, Z4
	VMOVUP      Z4, K1, (NX_PTR)(I*ELEM)
	STREAM_HEAD_END

nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVNTP     Z0, (S_PTR)(I*ELEM)
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
#ifdef FSAM_ZERO
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z1, Z3
	VFMADD231P  Z2, Z13, Z3
	VFMADD231P  Z3, Z12, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMULP       Z1, Z15, Z4
	VFMADD231P  Z2, Z14, Z4
#ifdef FSAM_NEXT_NT
	VMOVNTP     Z4, (NX_PTR)(I*ELEM)
#else
	VMOVUP      Z4, (NX_PTR)(I*ELEM)
#endif
	VMOVUP      VEC(W_PTR)(I*ELEM), Z5
	VMOVNTP     Z5, VEC(S_PTR)(I*ELEM)
	VMOVUP      VEC(G_PTR)(I*ELEM), Z6
	VMOVUP      VEC(M_PTR)(I*ELEM), Z7
#ifdef FSAM_ZERO
	VMOVUP      Z31, VEC(G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z6, Z8
	VFMADD231P  Z7, Z13, Z8
	VFMADD231P  Z8, Z12, Z5
	VMOVUP      Z5, VEC(W_PTR)(I*ELEM)
	VMULP       Z6, Z15, Z9
	VFMADD231P  Z7, Z14, Z9
#ifdef FSAM_NEXT_NT
	VMOVNTP     Z9, VEC(NX_PTR)(I*ELEM)
#else
	VMOVUP      Z9, VEC(NX_PTR)(I*ELEM)
#endif
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      Z0, (S_PTR)(I*ELEM)
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
#ifdef FSAM_ZERO
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z1, Z3
	VFMADD231P  Z2, Z13, Z3
	VFMADD231P  Z3, Z12, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMULP       Z1, Z15, Z4
	VFMADD231P  Z2, Z14, Z4
	VMOVUP      Z4, (NX_PTR)(I*ELEM)
	VMOVUP      VEC(W_PTR)(I*ELEM), Z5
	VMOVUP      Z5, VEC(S_PTR)(I*ELEM)
	VMOVUP      VEC(G_PTR)(I*ELEM), Z6
	VMOVUP      VEC(M_PTR)(I*ELEM), Z7
#ifdef FSAM_ZERO
	VMOVUP      Z31, VEC(G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z6, Z8
	VFMADD231P  Z7, Z13, Z8
	VFMADD231P  Z8, Z12, Z5
	VMOVUP      Z5, VEC(W_PTR)(I*ELEM)
	VMULP       Z6, Z15, Z9
	VFMADD231P  Z7, Z14, Z9
	VMOVUP      Z9, VEC(NX_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (W_PTR)(I*ELEM), Z0
	VMOVUP      Z0, (S_PTR)(I*ELEM)
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
#ifdef FSAM_ZERO
	VMOVUP      Z31, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z1, Z3
	VFMADD231P  Z2, Z13, Z3
	VFMADD231P  Z3, Z12, Z0
	VMOVUP      Z0, (W_PTR)(I*ELEM)
	VMULP       Z1, Z15, Z4
	VFMADD231P  Z2, Z14, Z4
	VMOVUP      Z4, (NX_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one

tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (W_PTR)(I*ELEM), K1, Z0
	VMOVUP      Z0, K1, (S_PTR)(I*ELEM)
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z2
#ifdef FSAM_ZERO
	VMOVUP      Z31, K1, (G_PTR)(I*ELEM)
#endif
	VMOVAPD     Z1, Z3
	VFMADD231P  Z2, Z13, Z3
	VFMADD231P  Z3, Z12, Z0
	VMOVUP      Z0, K1, (W_PTR)(I*ELEM)
	VMULP       Z1, Z15, Z4
	VFMADD231P  Z2, Z14, Z4
	VMOVUP      Z4, K1, (NX_PTR)(I*ELEM)

done:
	TESTQ       NT, NT
	JZ          ret
	SFENCE
ret:
	VZEROUPPER
