// Body of symMatVecAVX2 and symMatVec32AVX2 (level2_avx2_amd64.s, which
// describes it): rows I..I_END of the upper triangle's part of alpha·A·x
// added to y, four rows at a time while four remain, then one at a time.
// The includer sets the element type and the registers.

	VBROADCASTS ALPHA1, ALPHA4

	// Four rows: one pass over the four rows' segments from column i+4
	// makes their dot products with x (row r in Y(2r), SUM4's registers)
	// and adds their four contributions alpha·x[i+r]·A[i+r][j] (Y10..Y13)
	// to y with one load and store of y (Y9); one vector per iteration
	// (two would need eight accumulators and more registers than AVX2
	// has), then one element at a time. Then the 4×4 corner on the
	// diagonal, scalar (upper triangle only). Against one row at a time
	// this loads x and y once per four rows and keeps four rows' streams
	// in flight.
rows4:
	LEAQ        4(I), NEXT
	CMPQ        NEXT, I_END
	JA          row
	MOVQ        I, J
	IMULQ       LDA, J
	ADDQ        I, J
	LEAQ        (A_PTR)(J*ELEM), ROW0
	LEAQ        (ROW0)(LDA*ELEM), ROW1
	LEAQ        (ROW1)(LDA*ELEM), ROW2
	LEAQ        (ROW2)(LDA*ELEM), ROW3
	VMOVS       0(X_PTR)(I*ELEM), X4
	VMULS       ALPHA1, X4, X4
	VBROADCASTS X4, Y10
	VMOVS       ELEM(X_PTR)(I*ELEM), X4
	VMULS       ALPHA1, X4, X4
	VBROADCASTS X4, Y11
	VMOVS       (2*ELEM)(X_PTR)(I*ELEM), X4
	VMULS       ALPHA1, X4, X4
	VBROADCASTS X4, Y12
	VMOVS       (3*ELEM)(X_PTR)(I*ELEM), X4
	VMULS       ALPHA1, X4, X4
	VBROADCASTS X4, Y13
	ADDQ        $(4*ELEM), ROW0
	ADDQ        $(4*ELEM), ROW1
	ADDQ        $(4*ELEM), ROW2
	ADDQ        $(4*ELEM), ROW3
	MOVQ        N, COLS
	SUBQ        I, COLS
	SUBQ        $4, COLS
	// X_PTR and Y_PTR now point at x[i+4] and y[i+4], the pass's start;
	// they are reloaded from the arguments below.
	LEAQ        (4*ELEM)(X_PTR)(I*ELEM), X_PTR
	LEAQ        (4*ELEM)(Y_PTR)(I*ELEM), Y_PTR
	VXORPD      Y0, Y0, Y0
	VXORPD      Y2, Y2, Y2
	VXORPD      Y4, Y4, Y4
	VXORPD      Y6, Y6, Y6
	XORQ        J, J
s4_loop:
	LEAQ        LANES(J), NEXT
	CMPQ        NEXT, COLS
	JA          s4_sum
	VMOVUP      (X_PTR)(J*ELEM), Y8
	VMOVUP      (ROW0)(J*ELEM), Y1
	VMOVUP      (ROW1)(J*ELEM), Y3
	VMOVUP      (ROW2)(J*ELEM), Y5
	VMOVUP      (ROW3)(J*ELEM), Y7
	VFMADD231P  Y1, Y8, Y0
	VFMADD231P  Y3, Y8, Y2
	VFMADD231P  Y5, Y8, Y4
	VFMADD231P  Y7, Y8, Y6
	VMOVUP      (Y_PTR)(J*ELEM), Y9
	VFMADD231P  Y1, Y10, Y9
	VFMADD231P  Y3, Y11, Y9
	VFMADD231P  Y5, Y12, Y9
	VFMADD231P  Y7, Y13, Y9
	VMOVUP      Y9, (Y_PTR)(J*ELEM)
	ADDQ        $LANES, J
	JMP         s4_loop

s4_sum:
	// The four rows' lanes into Q1 (SUM4); then X4..X7 become the tail's
	// scalar accumulators, zeroed (lane 0 still holds SUM4's scratch and
	// the rows' loads, and PACK4 reads lane 0 only).
	SUM4
	VXORPD      Y4, Y4, Y4
	VXORPD      Y5, Y5, Y5
	VXORPD      Y6, Y6, Y6
	VXORPD      Y7, Y7, Y7
s4_tail:
	CMPQ        J, COLS
	JAE         s4_corner
	VMOVS       (X_PTR)(J*ELEM), X8
	VMOVS       (Y_PTR)(J*ELEM), X9
	VMOVS       (ROW0)(J*ELEM), X2
	VFMADD231S  X2, X8, X4
	VFMADD231S  X2, X10, X9
	VMOVS       (ROW1)(J*ELEM), X2
	VFMADD231S  X2, X8, X5
	VFMADD231S  X2, X11, X9
	VMOVS       (ROW2)(J*ELEM), X2
	VFMADD231S  X2, X8, X6
	VFMADD231S  X2, X12, X9
	VMOVS       (ROW3)(J*ELEM), X2
	VFMADD231S  X2, X8, X7
	VFMADD231S  X2, X13, X9
	VMOVS       X9, (Y_PTR)(J*ELEM)
	INCQ        J
	JMP         s4_tail

s4_corner:
	PACK4(X4, X5, X6, X7, Q4)
	VADDP       Q4, Q1, Q1
#include "level2_symmatvec_corner4_amd64.h"

	// One row at a time.
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
