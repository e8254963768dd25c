// Body of matTVecAVX512, matTVec32AVX512 (level2_avx512_amd64.s),
// matTVecAVX2 and matTVec32AVX2 (level2_avx2_amd64.s), which describe it:
// y += alpha·Aᵀ·x, four rows per pass over y. The includer sets the
// level's header, the element type and the registers (and on AVX-512, K1
// to the column tail's mask).

rows4:
	CMPQ        ROWS, $4
	JB          rows1
	LEAQ        (ROW0)(LDA*1), ROW1
	LEAQ        (ROW1)(LDA*1), ROW2
	LEAQ        (ROW2)(LDA*1), ROW3
	// c_r = alpha·x[i+r], rounded, broadcast into VR10..VR13.
	VMOVS       (X_PTR), X10
	VMULS       ALPHA1, X10, X10
	VBROADCASTS X10, VR10
	VMOVS       ELEM(X_PTR), X11
	VMULS       ALPHA1, X11, X11
	VBROADCASTS X11, VR11
	VMOVS       (2*ELEM)(X_PTR), X12
	VMULS       ALPHA1, X12, X12
	VBROADCASTS X12, VR12
	VMOVS       (3*ELEM)(X_PTR), X13
	VMULS       ALPHA1, X13, X13
	VBROADCASTS X13, VR13
#ifdef AVX512
#include "level2_avx512_axpy4_amd64.h"
#else
#include "level2_avx2_axpy4_amd64.h"
#endif
	ADDQ        $(4*ELEM), X_PTR
	LEAQ        (ROW0)(LDA*4), ROW0
	SUBQ        $4, ROWS
	JMP         rows4

rows1:
	TESTQ       ROWS, ROWS
	JZ          done
	VMOVS       (X_PTR), X10
	VMULS       ALPHA1, X10, X10
	VBROADCASTS X10, VR10
#ifdef AVX512
#include "level2_avx512_axpy1_amd64.h"
#else
#include "level2_avx2_axpy1_amd64.h"
#endif
	ADDQ        $ELEM, X_PTR
	ADDQ        LDA, ROW0
	DECQ        ROWS
	JMP         rows1

done:
	VZEROUPPER
