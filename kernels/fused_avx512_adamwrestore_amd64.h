// Body of adamWRestoreAVX512 and adamWRestore32AVX512 (fused_avx512_amd64.s, which describes it).
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
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, K1, (M_PTR)(I*ELEM)
	VMOVUP.Z    (V_PTR)(I*ELEM), K1, Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, K1, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
	VMOVUP      Z7, K1, (W_PTR)(I*ELEM)
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
	VMOVUP      (G_PTR)(I*ELEM), Z0
	VMOVUP      (M_PTR)(I*ELEM), Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP      (S_PTR)(I*ELEM), Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
	VMOVNTP     Z7, (W_PTR)(I*ELEM)
	VMOVUP      VEC(G_PTR)(I*ELEM), Z8
	VMOVUP      VEC(M_PTR)(I*ELEM), Z9
	VMULP       Z8, Z17, Z11
	VFMADD213P  Z11, Z16, Z9
	VMOVUP      Z9, VEC(M_PTR)(I*ELEM)
	VMOVUP      VEC(V_PTR)(I*ELEM), Z10
	VMULP       Z8, Z19, Z12
	VMULP       Z8, Z12, Z12
	VFMADD213P  Z12, Z18, Z10
	VMOVUP      Z10, VEC(V_PTR)(I*ELEM)
	VSQRTP      Z10, Z13
	VFMADD213P  Z21, Z20, Z13
	VDIVP       Z13, Z9, Z14
	VMOVUP      VEC(S_PTR)(I*ELEM), Z15
	VMULP       Z23, Z15, Z15
	VFMADD231P  Z14, Z22, Z15
	VMOVNTP     Z15, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         nt

two:
	LEAQ        (2*LANES)(I), NEXT
	CMPQ        NEXT, N
	JA          one
	VMOVUP      (G_PTR)(I*ELEM), Z0
	VMOVUP      (M_PTR)(I*ELEM), Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP      (S_PTR)(I*ELEM), Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
	VMOVUP      Z7, (W_PTR)(I*ELEM)
	VMOVUP      VEC(G_PTR)(I*ELEM), Z8
	VMOVUP      VEC(M_PTR)(I*ELEM), Z9
	VMULP       Z8, Z17, Z11
	VFMADD213P  Z11, Z16, Z9
	VMOVUP      Z9, VEC(M_PTR)(I*ELEM)
	VMOVUP      VEC(V_PTR)(I*ELEM), Z10
	VMULP       Z8, Z19, Z12
	VMULP       Z8, Z12, Z12
	VFMADD213P  Z12, Z18, Z10
	VMOVUP      Z10, VEC(V_PTR)(I*ELEM)
	VSQRTP      Z10, Z13
	VFMADD213P  Z21, Z20, Z13
	VDIVP       Z13, Z9, Z14
	VMOVUP      VEC(S_PTR)(I*ELEM), Z15
	VMULP       Z23, Z15, Z15
	VFMADD231P  Z14, Z22, Z15
	VMOVUP      Z15, VEC(W_PTR)(I*ELEM)
	ADDQ        $(2*LANES), I
	JMP         two

one:
	LEAQ        LANES(I), NEXT
	CMPQ        NEXT, N
	JA          tail
	VMOVUP      (G_PTR)(I*ELEM), Z0
	VMOVUP      (M_PTR)(I*ELEM), Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, (M_PTR)(I*ELEM)
	VMOVUP      (V_PTR)(I*ELEM), Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP      (S_PTR)(I*ELEM), Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
	VMOVUP      Z7, (W_PTR)(I*ELEM)
	ADDQ        $LANES, I
	JMP         one

tail:
	CMPQ        I, N
	JAE         done
	VMOVUP.Z    (G_PTR)(I*ELEM), K1, Z0
	VMOVUP.Z    (M_PTR)(I*ELEM), K1, Z1
	VMULP       Z0, Z17, Z3
	VFMADD213P  Z3, Z16, Z1
	VMOVUP      Z1, K1, (M_PTR)(I*ELEM)
	VMOVUP.Z    (V_PTR)(I*ELEM), K1, Z2
	VMULP       Z0, Z19, Z4
	VMULP       Z0, Z4, Z4
	VFMADD213P  Z4, Z18, Z2
	VMOVUP      Z2, K1, (V_PTR)(I*ELEM)
	VSQRTP      Z2, Z5
	VFMADD213P  Z21, Z20, Z5
	VDIVP       Z5, Z1, Z6
	VMOVUP.Z    (S_PTR)(I*ELEM), K1, Z7
	VMULP       Z23, Z7, Z7
	VFMADD231P  Z6, Z22, Z7
	VMOVUP      Z7, K1, (W_PTR)(I*ELEM)

done:
	TESTQ       NT, NT
	JZ          ret
	SFENCE
ret:
	VZEROUPPER
