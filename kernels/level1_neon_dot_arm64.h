// Body of dotNEON and dot32NEON (level1_neon_arm64.s, which describes it):
// F0 = Σ x[i]·y[i] over N elements. The includer sets the element type,
// X_PTR, Y_PTR and N.

	ZERO8
	CMP         $(8*LANES), N
	BLT         vec

loop:
	// Eight registers: x in V16..V23, y in V24..V31, one FMA per
	// accumulator.
	VLD1.P      64(X_PTR), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(X_PTR), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VLD1.P      64(Y_PTR), [V24.ARR, V25.ARR, V26.ARR, V27.ARR]
	VLD1.P      64(Y_PTR), [V28.ARR, V29.ARR, V30.ARR, V31.ARR]
	VFMLA       V16.ARR, V24.ARR, V0.ARR
	VFMLA       V17.ARR, V25.ARR, V1.ARR
	VFMLA       V18.ARR, V26.ARR, V2.ARR
	VFMLA       V19.ARR, V27.ARR, V3.ARR
	VFMLA       V20.ARR, V28.ARR, V4.ARR
	VFMLA       V21.ARR, V29.ARR, V5.ARR
	VFMLA       V22.ARR, V30.ARR, V6.ARR
	VFMLA       V23.ARR, V31.ARR, V7.ARR
	SUB         $(8*LANES), N
	CMP         $(8*LANES), N
	BGE         loop

vec:
	// Whole registers left: one at a time into V0.
	CMP         $LANES, N
	BLT         reduce
	VLD1.P      16(X_PTR), [V16.ARR]
	VLD1.P      16(Y_PTR), [V24.ARR]
	VFMLA       V16.ARR, V24.ARR, V0.ARR
	SUB         $LANES, N
	B           vec

reduce:
#include "neon_fold8_arm64.h"

tail:
	// Less than one register: F0 += x·y, one rounding each.
	CBZ         N, done
	FMOVT.P     ELEM(X_PTR), F16
	FMOVT.P     ELEM(Y_PTR), F24
	FMADDT      F24, F0, F16, F0
	SUB         $1, N
	B           tail

done:
