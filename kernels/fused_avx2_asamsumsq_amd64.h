// Body of asamSumSqAVX2 and asamSumSq32AVX2 (fused_avx2_amd64.s, which
// describes it): X0 = Σ ((|w|+eta)·g)² over N elements, in float64 (the
// element type of the sum). The includer reads w and g: WLOAD(d, r) and
// MULG(d, r) load four elements of w (into r) and multiply r by four of
// g, d vectors of four from I; WLOAD1 and GLOAD1 load one element; ROUND
// and ROUND1 round |w|+eta to the element type (nothing for float64);
// WELEM is the size of an element of w. ABS (the sign mask) and ETA are
// set.

	VPCMPEQQ ABS, ABS, ABS
	VPSRLQ   $1, ABS, ABS
	VXORPD   Y0, Y0, Y0
	VXORPD   Y1, Y1, Y1
	VXORPD   Y2, Y2, Y2
	VXORPD   Y3, Y3, Y3
	XORQ     I, I

four:
	// Four vectors per iteration into Y0..Y3, a term t = (|w|+eta)·g
	// each, squared with an FMA.
	LEAQ       (4*LANES)(I), NEXT
	CMPQ       NEXT, N
	JA         one
	WLOAD(0, Y8)
	VANDPD     ABS, Y8, Y8
	VADDPD     ETA, Y8, Y8
	ROUND(Y8, X8)
	MULG(0, Y8)
	WLOAD(1, Y9)
	VANDPD     ABS, Y9, Y9
	VADDPD     ETA, Y9, Y9
	ROUND(Y9, X9)
	MULG(1, Y9)
	WLOAD(2, Y10)
	VANDPD     ABS, Y10, Y10
	VADDPD     ETA, Y10, Y10
	ROUND(Y10, X10)
	MULG(2, Y10)
	WLOAD(3, Y11)
	VANDPD     ABS, Y11, Y11
	VADDPD     ETA, Y11, Y11
	ROUND(Y11, X11)
	MULG(3, Y11)
	VFMADD231P Y8, Y8, Y0
	VFMADD231P Y9, Y9, Y1
	VFMADD231P Y10, Y10, Y2
	VFMADD231P Y11, Y11, Y3
	ADDQ       $(4*LANES), I
	JMP        four

one:
	LEAQ       LANES(I), NEXT
	CMPQ       NEXT, N
	JA         sum
	WLOAD(0, Y8)
	VANDPD     ABS, Y8, Y8
	VADDPD     ETA, Y8, Y8
	ROUND(Y8, X8)
	MULG(0, Y8)
	VFMADD231P Y8, Y8, Y0
	ADDQ       $LANES, I
	JMP        one

sum:
	VADDP Y1, Y0, Y0
	VADDP Y3, Y2, Y2
	VADDP Y2, Y0, Y0
	HSUMY(Y0, X0, X1)

tail:
	// One element at a time into X0.
	CMPQ       I, N
	JAE        done
	WLOAD1(X8)
	VANDPD     ABS1, X8, X8
	VADDSD     ETA1, X8, X8
	ROUND1(X8)
	GLOAD1(X9)
	VMULSD     X9, X8, X8
	VFMADD231S X8, X8, X0
	INCQ       I
	JMP        tail

done:
	VZEROUPPER
