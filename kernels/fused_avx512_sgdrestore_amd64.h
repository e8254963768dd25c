// Body of sgdRestoreAVX512 and sgdRestore32AVX512 (fused_avx512_amd64.s, which describes it).
// The includer sets the element type and the registers.

	MOVQ        N, NEXT
	ANDQ        $(LANES-1), NEXT
	MASK
	XORQ        I, I
	TESTQ       NT, NT
	JZ          two
	// Head: up to one masked vector, until W_PTR is 64-byte aligned.
	MOVQ        W_PTR, NEXT
	NEGQ        NEXT
	ANDQ        $63, NEXT
	SHRQ        $LOGELEM, NEXT
	CMPQ        NEXT, N
	CMOVQGT     N, NEXT
	MOVQ        NEXT, HEAD
	TESTQ       NEXT, NEXT
	JZ          nt
	MASK
	XORQ        I, I
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VFMADD231P  Z0, Z12, Z1
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, K1, (M_PTR)(I*ELEM)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
	VMOVUP      Z4, K1, (W_PTR)(I*ELEM)
	MOVQ        HEAD, I
	// Restore the tail mask.
	MOVQ        N, NEXT
	SUBQ        I, NEXT
	ANDQ        $(LANES-1), NEXT
	MOVQ        I, HEAD
	MASK
	MOVQ        HEAD, I

nt:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (S_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VFMADD231P  Z0, Z12, Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, (M_PTR)(I*ELEM)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
	VMOVNTP     Z4, (W_PTR)(I*ELEM)
	VMOVUP      VEC(S_PTR)(I*ELEM), Z5
	VMOVUP      VEC(G_PTR)(I*ELEM), Z6
	VFMADD231P  Z5, Z12, Z6
	VMOVUP      VEC(M_PTR)(I*ELEM), Z7
	VFMADD213P  Z6, Z11, Z7
	VMOVUP      Z7, VEC(M_PTR)(I*ELEM)
	VMULP       Z6, Z14, Z8
	VFMADD231P  Z7, Z13, Z8
	VMULP       Z5, Z15, Z9
	VFMADD231P  Z8, Z10, Z9
	VMOVNTP     Z9, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (S_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VFMADD231P  Z0, Z12, Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, (M_PTR)(I*ELEM)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
	VMOVUP      Z4, (W_PTR)(I*ELEM)
	VMOVUP      VEC(S_PTR)(I*ELEM), Z5
	VMOVUP      VEC(G_PTR)(I*ELEM), Z6
	VFMADD231P  Z5, Z12, Z6
	VMOVUP      VEC(M_PTR)(I*ELEM), Z7
	VFMADD213P  Z6, Z11, Z7
	VMOVUP      Z7, VEC(M_PTR)(I*ELEM)
	VMULP       Z6, Z14, Z8
	VFMADD231P  Z7, Z13, Z8
	VMULP       Z5, Z15, Z9
	VFMADD231P  Z8, Z10, Z9
	VMOVUP      Z9, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (S_PTR)(I*ELEM), Z0
	VMOVUP      (G_PTR)(I*ELEM), Z1
	VFMADD231P  Z0, Z12, Z1
	VMOVUP      (M_PTR)(I*ELEM), Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, (M_PTR)(I*ELEM)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
	VMOVUP      Z4, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one

tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z1
	VFMADD231P  Z0, Z12, Z1
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z2
	VFMADD213P  Z1, Z11, Z2
	VMOVUP      Z2, K1, (M_PTR)(I*ELEM)
	VMULP       Z1, Z14, Z3
	VFMADD231P  Z2, Z13, Z3
	VMULP       Z0, Z15, Z4
	VFMADD231P  Z3, Z10, Z4
	VMOVUP      Z4, K1, (W_PTR)(I*ELEM)

done:
	TESTQ       NT, NT
	JZ          ret
	SFENCE
ret:
	VZEROUPPER
