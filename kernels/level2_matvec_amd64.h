// Body of matVecAVX512, matVec32AVX512 (level2_avx512_amd64.s), matVecAVX2
// and matVec32AVX2 (level2_avx2_amd64.s), which describe it: y =
// alpha·A·x + beta·y. The includer sets the level's header, the element
// type and the registers (and on AVX-512, K1 to the column tail's mask).

rows4:
	CMPQ ROWS, $4
	JB   rows1
	LEAQ (ROW0)(LDA*1), ROW1
	LEAQ (ROW1)(LDA*1), ROW2
	LEAQ (ROW2)(LDA*1), ROW3
#ifdef AVX512
#include "level2_avx512_dot4_amd64.h"
#else
#include "level2_avx2_dot4_amd64.h"
#endif
	// y[i..i+3] = alpha·sums + beta·y[i..i+3], beta·y rounded first.
	VMOVUP     (Y_PTR), Q3
	VMULP      BETA4, Q3, Q3
	VFMADD231P ALPHA4, Q1, Q3
	VMOVUP     Q3, (Y_PTR)
	ADDQ       $(4*ELEM), Y_PTR
	LEAQ       (ROW0)(LDA*4), ROW0
	SUBQ       $4, ROWS
	JMP        rows4

rows1:
	TESTQ ROWS, ROWS
	JZ    done
#ifdef AVX512
#include "level2_avx512_dot1_amd64.h"
#else
#include "level2_avx2_dot1_amd64.h"
#endif
	VMOVS      (Y_PTR), X3
	VMULS      BETA1, X3, X3
	VFMADD231S ALPHA1, X0, X3
	VMOVS      X3, (Y_PTR)
	ADDQ       $ELEM, Y_PTR
	ADDQ       LDA, ROW0
	DECQ       ROWS
	JMP        rows1

done:
	VZEROUPPER
