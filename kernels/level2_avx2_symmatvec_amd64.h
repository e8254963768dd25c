// Body of symMatVecAVX2 and symMatVec32AVX2 (level2_avx2_amd64.s, which
// describes it): rows I..I_END of the upper triangle's part of alpha·A·x
// added to y, one row at a time. The includer sets the element type and
// the registers.

row:
	CMPQ        I, I_END
	JAE         done
	MOVQ        I, J
	IMULQ       LDA, J
	ADDQ        I, J
	LEAQ        (A_PTR)(J*ELEM), ROW0
	// The diagonal term A[i][i]·x[i] in X12; C = alpha·x[i], rounded,
	// broadcast.
	VMOVS       (ROW0), X12
	VMOVS       (X_PTR)(I*ELEM), X10
	VMULS       X10, X12, X12
	VMULS       ALPHA1, X10, X10
	VBROADCASTS X10, C
	// The pass over A[i][i+1:], x[i+1:] and y[i+1:].
	ADDQ        $ELEM, ROW0
	LEAQ        ELEM(X_PTR)(I*ELEM), XJ
	LEAQ        ELEM(Y_PTR)(I*ELEM), YJ
	MOVQ        N, COLS
	SUBQ        I, COLS
	DECQ        COLS
	VXORPD      Y0, Y0, Y0
	VXORPD      Y1, Y1, Y1
	VXORPD      Y2, Y2, Y2
	VXORPD      Y3, Y3, Y3
	VXORPD      Y11, Y11, Y11
	XORQ        J, J

loop:
	// Four vectors of the row per iteration: dot products with x in
	// Y0..Y3, and y += C·row one vector at a time (Y8).
	LEAQ        (4*LANES)(J), NEXT
	CMPQ        NEXT, COLS
	JA          one
	VMOVUP      (ROW0)(J*ELEM), Y4
	VMOVUP      (1*VEC)(ROW0)(J*ELEM), Y5
	VMOVUP      (2*VEC)(ROW0)(J*ELEM), Y6
	VMOVUP      (3*VEC)(ROW0)(J*ELEM), Y7
	VFMADD231P  (XJ)(J*ELEM), Y4, Y0
	VFMADD231P  (1*VEC)(XJ)(J*ELEM), Y5, Y1
	VFMADD231P  (2*VEC)(XJ)(J*ELEM), Y6, Y2
	VFMADD231P  (3*VEC)(XJ)(J*ELEM), Y7, Y3
	VMOVUP      (YJ)(J*ELEM), Y8
	VFMADD231P  Y4, C, Y8
	VMOVUP      Y8, (YJ)(J*ELEM)
	VMOVUP      (1*VEC)(YJ)(J*ELEM), Y8
	VFMADD231P  Y5, C, Y8
	VMOVUP      Y8, (1*VEC)(YJ)(J*ELEM)
	VMOVUP      (2*VEC)(YJ)(J*ELEM), Y8
	VFMADD231P  Y6, C, Y8
	VMOVUP      Y8, (2*VEC)(YJ)(J*ELEM)
	VMOVUP      (3*VEC)(YJ)(J*ELEM), Y8
	VFMADD231P  Y7, C, Y8
	VMOVUP      Y8, (3*VEC)(YJ)(J*ELEM)
	ADDQ        $(4*LANES), J
	JMP         loop

one:
	LEAQ        LANES(J), NEXT
	CMPQ        NEXT, COLS
	JA          tail
	VMOVUP      (ROW0)(J*ELEM), Y4
	VFMADD231P  (XJ)(J*ELEM), Y4, Y0
	VMOVUP      (YJ)(J*ELEM), Y8
	VFMADD231P  Y4, C, Y8
	VMOVUP      Y8, (YJ)(J*ELEM)
	ADDQ        $LANES, J
	JMP         one

tail:
	// One element at a time, the dot product in X11.
	CMPQ        J, COLS
	JAE         sum
	VMOVS       (ROW0)(J*ELEM), X4
	VMOVS       (XJ)(J*ELEM), X5
	VFMADD231S  X5, X4, X11
	VMOVS       (YJ)(J*ELEM), X8
	VFMADD231S  X4, C1, X8
	VMOVS       X8, (YJ)(J*ELEM)
	INCQ        J
	JMP         tail

sum:
	// y[i] += alpha·(((0+1)+(2+3)) summed, + tail + diagonal).
	VADDP       Y1, Y0, Y0
	VADDP       Y3, Y2, Y2
	VADDP       Y2, Y0, Y0
	HSUMY(Y0, X0, X1)
	VADDS       X11, X0, X0
	VADDS       X12, X0, X0
	VMOVS       (Y_PTR)(I*ELEM), X1
	VFMADD231S  ALPHA1, X0, X1
	VMOVS       X1, (Y_PTR)(I*ELEM)
	INCQ        I
	JMP         row

done:
	VZEROUPPER
