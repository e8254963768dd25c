// Body of matVecNEON and matVec32NEON (level2_neon_arm64.s, which
// describes it): y = alpha·A·x + beta·y. The includer sets the element
// type and the registers.

	VDUP        V30.ELT[0], V30.ARR
	VDUP        V31.ELT[0], V31.ARR

rows4:
	CMP         $4, ROWS
	BLT         rows1
#include "level2_neon_dot4_arm64.h"
	// y[i..i+3] = alpha·r + beta·y.
#ifdef FLOAT32
	VLD1        (Y_PTR), [V16.S4]
#else
	VLD1        (Y_PTR), [V16.D2, V17.D2]
#endif
	WORD        $(0x6e3fde10|SZ) // fmul v16.T, v16.T, v31.T
#ifndef FLOAT32
	WORD        $0x6e7fde31 // fmul v17.2d, v17.2d, v31.2d
#endif
	VFMLA       V30.ARR, V0.ARR, V16.ARR
#ifdef FLOAT32
	VST1.P      [V16.S4], 16(Y_PTR)
#else
	VFMLA       V30.D2, V8.D2, V17.D2
	VST1.P      [V16.D2, V17.D2], 32(Y_PTR)
#endif
	ADD         LDA<<2, A_ROW, A_ROW
	SUB         $4, ROWS
	B           rows4

rows1:
	// Leftover rows one at a time.
	CBZ         ROWS, done
#include "level2_neon_dot1_arm64.h"
	FMOVT       (Y_PTR), F16
	FMULT       F31, F16, F16
	FMADDT      F30, F16, F0, F16
	FMOVT.P     F16, ELEM(Y_PTR)
	ADD         LDA, A_ROW, A_ROW
	SUB         $1, ROWS
	B           rows1

done:
