// Body of asamSumSqAVX512 and asamSumSq32AVX512 (fused_avx512_amd64.s,
// which describes it): X0 = Σ ((|w|+eta)·g)² over N elements, in float64
// (the element type of the sum). The includer reads w and g: WLOAD(d, r)
// and GLOAD(d, r) load eight elements of w or g, d vectors of eight from
// I, WLOADZ and GLOADZ the same under the mask K1; ROUND(r, y) rounds
// |w|+eta to the element type (nothing for float64); WELEM is the size of
// an element of w. ABS (the sign mask) and ETA are set.

	VPTERNLOGD $0xff, ABS, ABS, ABS
	VPSRLQ     $1, ABS, ABS
	MOVQ       N, NEXT
	ANDQ       $(LANES-1), NEXT
	MASK
	VXORPD     Y0, Y0, Y0
	VXORPD     Y1, Y1, Y1
	VXORPD     Y2, Y2, Y2
	VXORPD     Y3, Y3, Y3
	XORQ       I, I

four:
	// Four vectors per iteration into Z0..Z3, a term t = (|w|+eta)·g
	// each, squared with an FMA.
	LEAQ       (4*LANES)(I), NEXT
	CMPQ       NEXT, N
	JA         one
	WLOAD(0, Z8)
	VPANDQ     ABS, Z8, Z8
	VADDPD     ETA, Z8, Z8
	ROUND(Z8, Y8)
	GLOAD(0, Z16)
	VMULPD     Z16, Z8, Z8
	WLOAD(1, Z9)
	VPANDQ     ABS, Z9, Z9
	VADDPD     ETA, Z9, Z9
	ROUND(Z9, Y9)
	GLOAD(1, Z17)
	VMULPD     Z17, Z9, Z9
	WLOAD(2, Z10)
	VPANDQ     ABS, Z10, Z10
	VADDPD     ETA, Z10, Z10
	ROUND(Z10, Y10)
	GLOAD(2, Z18)
	VMULPD     Z18, Z10, Z10
	WLOAD(3, Z11)
	VPANDQ     ABS, Z11, Z11
	VADDPD     ETA, Z11, Z11
	ROUND(Z11, Y11)
	GLOAD(3, Z19)
	VMULPD     Z19, Z11, Z11
	VFMADD231P Z8, Z8, Z0
	VFMADD231P Z9, Z9, Z1
	VFMADD231P Z10, Z10, Z2
	VFMADD231P Z11, Z11, Z3
	ADDQ       $(4*LANES), I
	JMP        four

one:
	LEAQ       LANES(I), NEXT
	CMPQ       NEXT, N
	JA         tail
	WLOAD(0, Z8)
	VPANDQ     ABS, Z8, Z8
	VADDPD     ETA, Z8, Z8
	ROUND(Z8, Y8)
	GLOAD(0, Z16)
	VMULPD     Z16, Z8, Z8
	VFMADD231P Z8, Z8, Z0
	ADDQ       $LANES, I
	JMP        one

tail:
	// The masked tail into Z1.
	CMPQ       I, N
	JAE        sum
	WLOADZ     (W_PTR)(I*WELEM), K1, Z8
	VPANDQ     ABS, Z8, Z8
	VADDPD     ETA, Z8, Z8
	ROUND(Z8, Y8)
	GLOADZ     (G_PTR)(I*WELEM), K1, Z16
	VMULPD     Z16, Z8, Z8
	VFMADD231P Z8, Z8, Z1

sum:
	VADDP Z1, Z0, Z0
	VADDP Z3, Z2, Z2
	VADDP Z2, Z0, Z0
	HSUMZ(Z0, Y0, X0, Y1, X1)
	VZEROUPPER
