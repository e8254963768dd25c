// Body of symMatVecAVX512 and symMatVec32AVX512 (level2_avx512_amd64.s,
// which describes it): rows I..I_END of the upper triangle's part of
// alpha·A·x added to y. The includer sets the element type and the
// registers.

	// Four rows at a time while at least four remain: the 4×4 corner on
	// the diagonal scalar (upper triangle only), then one pass over the four
	// rows' segments from column i+4 that makes their dot products with x
	// and adds their four contributions to y with one load and store of y.
rows4:
	LEAQ        4(I), NEXT
	CMPQ        NEXT, I_END
	JA          rows2
	MOVQ        I, J
	IMULQ       LDA, J
	ADDQ        I, J
	LEAQ        (A_PTR)(J*ELEM), ROW0
	LEAQ        (ROW0)(LDA*ELEM), ROW1
	LEAQ        (ROW1)(LDA*ELEM), ROW2
	LEAQ        (ROW2)(LDA*ELEM), ROW3
	VMOVS       0(X_PTR)(I*ELEM), X24
	VMOVS       ELEM(X_PTR)(I*ELEM), X25
	VMOVS       (2*ELEM)(X_PTR)(I*ELEM), X26
	VMOVS       (3*ELEM)(X_PTR)(I*ELEM), X27
	// alpha·x[i+r] broadcast into Z10..Z13, alpha into ALPHA.
	VMULS       ALPHA1, X24, X28
	VBROADCASTS X28, Z10
	VMULS       ALPHA1, X25, X28
	VBROADCASTS X28, Z11
	VMULS       ALPHA1, X26, X28
	VBROADCASTS X28, Z12
	VMULS       ALPHA1, X27, X28
	VBROADCASTS X28, Z13
	VBROADCASTS ALPHA1, ALPHA
	ADDQ        $(4*ELEM), ROW0
	ADDQ        $(4*ELEM), ROW1
	ADDQ        $(4*ELEM), ROW2
	ADDQ        $(4*ELEM), ROW3
	MOVQ        N, COLS
	SUBQ        I, COLS
	SUBQ        $4, COLS
	MOVQ        COLS, NEXT
	ANDQ        $(LANES-1), NEXT
	MASK
	LEAQ        (4*ELEM)(X_PTR)(I*ELEM), X_PTR
	LEAQ        (4*ELEM)(Y_PTR)(I*ELEM), Y_PTR
	// X_PTR and Y_PTR now point at x[i+4] and y[i+4], the pass's start;
	// they are reloaded from the arguments below.
	VXORPD      Y0, Y0, Y0
	VXORPD      Y1, Y1, Y1
	VXORPD      Y2, Y2, Y2
	VXORPD      Y3, Y3, Y3
	VXORPD      Y4, Y4, Y4
	VXORPD      Y5, Y5, Y5
	VXORPD      Y6, Y6, Y6
	VXORPD      Y7, Y7, Y7
	XORQ        J, J
s4_loop:
	LEAQ        (2*LANES)(J), NEXT
	CMPQ        NEXT, COLS
	JA          s4_one
	VMOVUP      (X_PTR)(J*ELEM), Z8
	VMOVUP      VEC(X_PTR)(J*ELEM), Z9
	VMOVUP      (ROW0)(J*ELEM), Z16
	VMOVUP      VEC(ROW0)(J*ELEM), Z17
	VMOVUP      (ROW1)(J*ELEM), Z18
	VMOVUP      VEC(ROW1)(J*ELEM), Z19
	VMOVUP      (ROW2)(J*ELEM), Z24
	VMOVUP      VEC(ROW2)(J*ELEM), Z25
	VMOVUP      (ROW3)(J*ELEM), Z26
	VMOVUP      VEC(ROW3)(J*ELEM), Z27
	VFMADD231P  Z16, Z8, Z0
	VFMADD231P  Z17, Z9, Z1
	VFMADD231P  Z18, Z8, Z2
	VFMADD231P  Z19, Z9, Z3
	VFMADD231P  Z24, Z8, Z4
	VFMADD231P  Z25, Z9, Z5
	VFMADD231P  Z26, Z8, Z6
	VFMADD231P  Z27, Z9, Z7
	VMOVUP      (Y_PTR)(J*ELEM), Z28
	VMOVUP      VEC(Y_PTR)(J*ELEM), Z29
	VFMADD231P  Z16, Z10, Z28
	VFMADD231P  Z17, Z10, Z29
	VFMADD231P  Z18, Z11, Z28
	VFMADD231P  Z19, Z11, Z29
	VFMADD231P  Z24, Z12, Z28
	VFMADD231P  Z25, Z12, Z29
	VFMADD231P  Z26, Z13, Z28
	VFMADD231P  Z27, Z13, Z29
	VMOVUP      Z28, (Y_PTR)(J*ELEM)
	VMOVUP      Z29, VEC(Y_PTR)(J*ELEM)
	ADDQ        $(2*LANES), J
	JMP         s4_loop

s4_one:
	LEAQ        LANES(J), NEXT
	CMPQ        NEXT, COLS
	JA          s4_mask
	VMOVUP      (X_PTR)(J*ELEM), Z8
	VMOVUP      (ROW0)(J*ELEM), Z16
	VFMADD231P  Z16, Z8, Z0
	VMOVUP      (ROW1)(J*ELEM), Z18
	VFMADD231P  Z18, Z8, Z2
	VMOVUP      (ROW2)(J*ELEM), Z24
	VFMADD231P  Z24, Z8, Z4
	VMOVUP      (ROW3)(J*ELEM), Z26
	VFMADD231P  Z26, Z8, Z6
	VMOVUP      (Y_PTR)(J*ELEM), Z28
	VFMADD231P  Z16, Z10, Z28
	VFMADD231P  Z18, Z11, Z28
	VFMADD231P  Z24, Z12, Z28
	VFMADD231P  Z26, Z13, Z28
	VMOVUP      Z28, (Y_PTR)(J*ELEM)
	ADDQ        $LANES, J

s4_mask:
	CMPQ        J, COLS
	JAE         s4_sum
	VMOVUP.Z    (X_PTR)(J*ELEM), K1, Z8
	VMOVUP.Z    (ROW0)(J*ELEM), K1, Z16
	VFMADD231P  Z16, Z8, Z1
	VMOVUP.Z    (ROW1)(J*ELEM), K1, Z18
	VFMADD231P  Z18, Z8, Z3
	VMOVUP.Z    (ROW2)(J*ELEM), K1, Z24
	VFMADD231P  Z24, Z8, Z5
	VMOVUP.Z    (ROW3)(J*ELEM), K1, Z26
	VFMADD231P  Z26, Z8, Z7
	VMOVUP.Z    (Y_PTR)(J*ELEM), K1, Z28
	VFMADD231P  Z16, Z10, Z28
	VFMADD231P  Z18, Z11, Z28
	VFMADD231P  Z24, Z12, Z28
	VFMADD231P  Z26, Z13, Z28
	VMOVUP      Z28, K1, (Y_PTR)(J*ELEM)

s4_sum:
	SUM4Z
#include "level2_symmatvec_corner4_amd64.h"

rows2:
	LEAQ        2(I), NEXT
	CMPQ        NEXT, I_END
	JA          rows1
	// ROW0 = &A[i][i], ROWB = &A[i+1][i+1].
	MOVQ        I, J
	IMULQ       LDA, J
	ADDQ        I, J
	LEAQ        (A_PTR)(J*ELEM), ROW0
	LEAQ        ELEM(ROW0)(LDA*ELEM), ROWB
	// The 2×2 corner: X12 = A[i][i]·x[i] + A[i][i+1]·x[i+1],
	// X13 = A[i][i+1]·x[i] + A[i+1][i+1]·x[i+1].
	VMOVS       (X_PTR)(I*ELEM), X8
	VMOVS       ELEM(X_PTR)(I*ELEM), X9
	VMOVS       (ROW0), X12
	VMULS       X8, X12, X12
	VMOVS       ELEM(ROW0), X2
	VFMADD231S  X9, X2, X12
	VMOVS       (ROWB), X13
	VMULS       X9, X13, X13
	VFMADD231S  X8, X2, X13
	VMULS       ALPHA1, X8, X10
	VBROADCASTS X10, Z10
	VMULS       ALPHA1, X9, X11
	VBROADCASTS X11, Z11
	ADDQ        $(2*ELEM), ROW0
	ADDQ        $ELEM, ROWB
	LEAQ        (2*ELEM)(X_PTR)(I*ELEM), XJ
	LEAQ        (2*ELEM)(Y_PTR)(I*ELEM), YJ
	MOVQ        N, COLS
	SUBQ        I, COLS
	SUBQ        $2, COLS
	MOVQ        COLS, NEXT
	ANDQ        $(LANES-1), NEXT
	MASK
	VXORPD      Y0, Y0, Y0
	VXORPD      Y1, Y1, Y1
	VXORPD      Y2, Y2, Y2
	VXORPD      Y3, Y3, Y3
	VXORPD      Y4, Y4, Y4
	VXORPD      Y5, Y5, Y5
	VXORPD      Y6, Y6, Y6
	VXORPD      Y7, Y7, Y7
	XORQ        J, J
s2_loop:
	LEAQ        (4*LANES)(J), NEXT
	CMPQ        NEXT, COLS
	JA          s2_one
	VMOVUP      (ROW0)(J*ELEM), Z16
	VMOVUP      (ROWB)(J*ELEM), Z20
	VMOVUP      VEC(ROW0)(J*ELEM), Z17
	VMOVUP      VEC(ROWB)(J*ELEM), Z21
	VMOVUP      (2*VEC)(ROW0)(J*ELEM), Z18
	VMOVUP      (2*VEC)(ROWB)(J*ELEM), Z22
	VMOVUP      (3*VEC)(ROW0)(J*ELEM), Z19
	VMOVUP      (3*VEC)(ROWB)(J*ELEM), Z23
	VMOVUP      (XJ)(J*ELEM), Z28
	VFMADD231P  Z16, Z28, Z0
	VFMADD231P  Z20, Z28, Z4
	VMOVUP      VEC(XJ)(J*ELEM), Z29
	VFMADD231P  Z17, Z29, Z1
	VFMADD231P  Z21, Z29, Z5
	VMOVUP      (2*VEC)(XJ)(J*ELEM), Z30
	VFMADD231P  Z18, Z30, Z2
	VFMADD231P  Z22, Z30, Z6
	VMOVUP      (3*VEC)(XJ)(J*ELEM), Z31
	VFMADD231P  Z19, Z31, Z3
	VFMADD231P  Z23, Z31, Z7
	VMOVUP      (YJ)(J*ELEM), Z24
	VFMADD231P  Z16, Z10, Z24
	VFMADD231P  Z20, Z11, Z24
	VMOVUP      Z24, (YJ)(J*ELEM)
	VMOVUP      VEC(YJ)(J*ELEM), Z25
	VFMADD231P  Z17, Z10, Z25
	VFMADD231P  Z21, Z11, Z25
	VMOVUP      Z25, VEC(YJ)(J*ELEM)
	VMOVUP      (2*VEC)(YJ)(J*ELEM), Z26
	VFMADD231P  Z18, Z10, Z26
	VFMADD231P  Z22, Z11, Z26
	VMOVUP      Z26, (2*VEC)(YJ)(J*ELEM)
	VMOVUP      (3*VEC)(YJ)(J*ELEM), Z27
	VFMADD231P  Z19, Z10, Z27
	VFMADD231P  Z23, Z11, Z27
	VMOVUP      Z27, (3*VEC)(YJ)(J*ELEM)
	ADDQ        $(4*LANES), J
	JMP         s2_loop

s2_one:
	LEAQ        LANES(J), NEXT
	CMPQ        NEXT, COLS
	JA          s2_mask
	VMOVUP      (ROW0)(J*ELEM), Z16
	VMOVUP      (XJ)(J*ELEM), Z28
	VFMADD231P  Z16, Z28, Z0
	VMOVUP      (YJ)(J*ELEM), Z24
	VFMADD231P  Z16, Z10, Z24
	VMOVUP      (ROWB)(J*ELEM), Z20
	VFMADD231P  Z20, Z28, Z4
	VFMADD231P  Z20, Z11, Z24
	VMOVUP      Z24, (YJ)(J*ELEM)
	ADDQ        $LANES, J
	JMP         s2_one

s2_mask:
	CMPQ        J, COLS
	JAE         s2_sum
	VMOVUP.Z    (ROW0)(J*ELEM), K1, Z16
	VMOVUP.Z    (XJ)(J*ELEM), K1, Z28
	VFMADD231P  Z16, Z28, Z1
	VMOVUP.Z    (YJ)(J*ELEM), K1, Z24
	VFMADD231P  Z16, Z10, Z24
	VMOVUP.Z    (ROWB)(J*ELEM), K1, Z20
	VFMADD231P  Z20, Z28, Z5
	VFMADD231P  Z20, Z11, Z24
	VMOVUP      Z24, K1, (YJ)(J*ELEM)

s2_sum:
	VADDP       Z1, Z0, Z0
	VADDP       Z3, Z2, Z2
	VADDP       Z2, Z0, Z0
	VADDP       Z5, Z4, Z4
	VADDP       Z7, Z6, Z6
	VADDP       Z6, Z4, Z4
	HSUMZ(Z0, Y0, X0, Y1, X1)
	HSUMZ(Z4, Y4, X4, Y5, X5)
	VADDS       X12, X0, X0
	VMOVS       (Y_PTR)(I*ELEM), X1
	VFMADD231S  ALPHA1, X0, X1
	VMOVS       X1, (Y_PTR)(I*ELEM)
	VADDS       X13, X4, X4
	VMOVS       ELEM(Y_PTR)(I*ELEM), X5
	VFMADD231S  ALPHA1, X4, X5
	VMOVS       X5, ELEM(Y_PTR)(I*ELEM)
	ADDQ        $2, I
	JMP         rows2

rows1:
	CMPQ        I, I_END
	JAE         done
	MOVQ        I, J
	IMULQ       LDA, J
	ADDQ        I, J
	LEAQ        (A_PTR)(J*ELEM), ROW0
	VMOVS       (ROW0), X12
	VMULS       (X_PTR)(I*ELEM), X12, X12
	VMOVS       (X_PTR)(I*ELEM), X10
	VMULS       ALPHA1, X10, X10
	VBROADCASTS X10, Z10
	ADDQ        $ELEM, ROW0
	LEAQ        ELEM(X_PTR)(I*ELEM), XJ
	LEAQ        ELEM(Y_PTR)(I*ELEM), YJ
	MOVQ        N, COLS
	SUBQ        I, COLS
	DECQ        COLS
	MOVQ        COLS, NEXT
	ANDQ        $(LANES-1), NEXT
	MASK
	VXORPD      Y0, Y0, Y0
	VXORPD      Y1, Y1, Y1
	VXORPD      Y2, Y2, Y2
	VXORPD      Y3, Y3, Y3
	XORQ        J, J
s1_loop:
	LEAQ        (4*LANES)(J), NEXT
	CMPQ        NEXT, COLS
	JA          s1_one
	VMOVUP      (ROW0)(J*ELEM), Z16
	VMOVUP      VEC(ROW0)(J*ELEM), Z17
	VMOVUP      (2*VEC)(ROW0)(J*ELEM), Z18
	VMOVUP      (3*VEC)(ROW0)(J*ELEM), Z19
	VMOVUP      (XJ)(J*ELEM), Z28
	VFMADD231P  Z16, Z28, Z0
	VMOVUP      VEC(XJ)(J*ELEM), Z29
	VFMADD231P  Z17, Z29, Z1
	VMOVUP      (2*VEC)(XJ)(J*ELEM), Z30
	VFMADD231P  Z18, Z30, Z2
	VMOVUP      (3*VEC)(XJ)(J*ELEM), Z31
	VFMADD231P  Z19, Z31, Z3
	VMOVUP      (YJ)(J*ELEM), Z24
	VFMADD231P  Z16, Z10, Z24
	VMOVUP      Z24, (YJ)(J*ELEM)
	VMOVUP      VEC(YJ)(J*ELEM), Z25
	VFMADD231P  Z17, Z10, Z25
	VMOVUP      Z25, VEC(YJ)(J*ELEM)
	VMOVUP      (2*VEC)(YJ)(J*ELEM), Z26
	VFMADD231P  Z18, Z10, Z26
	VMOVUP      Z26, (2*VEC)(YJ)(J*ELEM)
	VMOVUP      (3*VEC)(YJ)(J*ELEM), Z27
	VFMADD231P  Z19, Z10, Z27
	VMOVUP      Z27, (3*VEC)(YJ)(J*ELEM)
	ADDQ        $(4*LANES), J
	JMP         s1_loop

s1_one:
	LEAQ        LANES(J), NEXT
	CMPQ        NEXT, COLS
	JA          s1_mask
	VMOVUP      (ROW0)(J*ELEM), Z16
	VMOVUP      (XJ)(J*ELEM), Z28
	VFMADD231P  Z16, Z28, Z0
	VMOVUP      (YJ)(J*ELEM), Z24
	VFMADD231P  Z16, Z10, Z24
	VMOVUP      Z24, (YJ)(J*ELEM)
	ADDQ        $LANES, J
	JMP         s1_one

s1_mask:
	CMPQ        J, COLS
	JAE         s1_sum
	VMOVUP.Z    (ROW0)(J*ELEM), K1, Z16
	VMOVUP.Z    (XJ)(J*ELEM), K1, Z28
	VFMADD231P  Z16, Z28, Z1
	VMOVUP.Z    (YJ)(J*ELEM), K1, Z24
	VFMADD231P  Z16, Z10, Z24
	VMOVUP      Z24, K1, (YJ)(J*ELEM)

s1_sum:
	VADDP       Z1, Z0, Z0
	VADDP       Z3, Z2, Z2
	VADDP       Z2, Z0, Z0
	HSUMZ(Z0, Y0, X0, Y1, X1)
	VADDS       X12, X0, X0
	VMOVS       (Y_PTR)(I*ELEM), X1
	VFMADD231S  ALPHA1, X0, X1
	VMOVS       X1, (Y_PTR)(I*ELEM)
	INCQ        I
	JMP         rows1

done:
	VZEROUPPER
