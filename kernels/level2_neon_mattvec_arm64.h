// Body of matTVecNEON and matTVec32NEON (level2_neon_arm64.s, which
// describes it): y += alpha·Aᵀ·x, four rows per pass over y. The includer
// sets the element type and the registers.

	VDUP        V30.ELT[0], V30.ARR

rows4:
	CMP         $4, ROWS
	BLT         rows1
	// s_r = alpha·x[i+r], broadcast to V26..V29.
#ifdef FLOAT32
	VLD1.P      16(X_PTR), [V24.S4]
#else
	VLD1.P      32(X_PTR), [V24.D2, V25.D2]
#endif
	WORD        $(0x6e3edf18|SZ) // fmul v24.T, v24.T, v30.T
#ifndef FLOAT32
	WORD        $0x6e7edf39 // fmul v25.2d, v25.2d, v30.2d
#endif
#include "level2_neon_axpy4_arm64.h"
	ADD         LDA<<2, A_ROW, A_ROW
	SUB         $4, ROWS
	B           rows4

rows1:
	CBZ         ROWS, done
	FMOVT.P     ELEM(X_PTR), F26
	FMULT       F30, F26, F26
#include "level2_neon_axpy1_arm64.h"
	ADD         LDA, A_ROW, A_ROW
	SUB         $1, ROWS
	B           rows1

done:
