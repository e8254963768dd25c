// Body of gramVecNEON and gramVec32NEON (level2_neon_arm64.s, which
// describes it): out += Σ_i d[i]·(row i · v)·(row i). The includer sets
// the element type and the registers.

rows4:
	CMP         $4, ROWS
	BLT         rows1
#include "level2_neon_dot4_arm64.h"
	// s_r = d[i+r]·dot_r, broadcast to V26..V29.
#ifdef FLOAT32
	VLD1.P      16(D_PTR), [V24.S4]
#else
	VLD1.P      32(D_PTR), [V24.D2, V25.D2]
#endif
	WORD        $(0x6e20df18|SZ) // fmul v24.T, v24.T, v0.T
#ifndef FLOAT32
	WORD        $0x6e68df39 // fmul v25.2d, v25.2d, v8.2d
#endif
#include "level2_neon_axpy4_arm64.h"
	ADD         LDA<<2, A_ROW, A_ROW
	SUB         $4, ROWS
	B           rows4

rows1:
	CBZ         ROWS, done
#include "level2_neon_dot1_arm64.h"
	FMOVT.P     ELEM(D_PTR), F24
	FMULT       F24, F0, F26
#include "level2_neon_axpy1_arm64.h"
	ADD         LDA, A_ROW, A_ROW
	SUB         $1, ROWS
	B           rows1

done:
