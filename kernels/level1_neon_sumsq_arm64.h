// Body of sumSqNEON and sumSq32NEON (level1_neon_arm64.s, which describes
// it): F0 = Σ x[i]² over N elements. The includer sets the element type,
// X_PTR and N.

	ZERO8
	CMP         $(8*LANES), N
	BLT         vec

loop:
	VLD1.P      64(X_PTR), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]
	VLD1.P      64(X_PTR), [V20.ARR, V21.ARR, V22.ARR, V23.ARR]
	VFMLA       V16.ARR, V16.ARR, V0.ARR
	VFMLA       V17.ARR, V17.ARR, V1.ARR
	VFMLA       V18.ARR, V18.ARR, V2.ARR
	VFMLA       V19.ARR, V19.ARR, V3.ARR
	VFMLA       V20.ARR, V20.ARR, V4.ARR
	VFMLA       V21.ARR, V21.ARR, V5.ARR
	VFMLA       V22.ARR, V22.ARR, V6.ARR
	VFMLA       V23.ARR, V23.ARR, V7.ARR
	SUB         $(8*LANES), N
	CMP         $(8*LANES), N
	BGE         loop

vec:
	CMP         $LANES, N
	BLT         reduce
	VLD1.P      16(X_PTR), [V16.ARR]
	VFMLA       V16.ARR, V16.ARR, V0.ARR
	SUB         $LANES, N
	B           vec

reduce:
#include "neon_fold8_arm64.h"

tail:
	CBZ         N, done
	FMOVT.P     ELEM(X_PTR), F16
	FMADDT      F16, F0, F16, F0
	SUB         $1, N
	B           tail

done:
