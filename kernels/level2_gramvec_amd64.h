// Body of gramVecAVX512, gramVec32AVX512 (level2_avx512_amd64.s),
// gramVecAVX2 and gramVec32AVX2 (level2_avx2_amd64.s), which describe it:
// out += Σ_i d[i]·(row i · v)·(row i), four rows at a time: their dot
// products with v (X_PTR here) sharing the loads of v, then their updates
// of out (Y_PTR) sharing its loads and stores, while the rows are still
// in cache. The includer sets the level's header, the element type and
// the registers (and on AVX-512, K1 to the column tail's mask).

#define PREFETCH_AHEAD

rows4:
	CMPQ ROWS, $4
	JB   rows1
	LEAQ (ROW0)(LDA*1), ROW1
	LEAQ (ROW1)(LDA*1), ROW2
	LEAQ (ROW2)(LDA*1), ROW3
	// With PREFETCH_AHEAD the dot pass sets AHEAD to the rows two blocks
	// ahead and prefetches them at the pace it reads its own, because the
	// update pass loads nothing new from memory and the hardware
	// prefetcher alone let the stream run dry (about 20% of the time out
	// of cache). A prefetch never faults, so running past the end of X is
	// harmless.
#ifdef AVX512
#include "level2_avx512_dot4_amd64.h"
	// c_r = d[i+r]·(row i+r · v), rounded, broadcast into VR10..VR13.
	VMULP  (D_PTR), Q1, Q1
#else
#include "level2_avx2_dot4_amd64.h"
	VMOVUP (D_PTR), Q2
	VMULP  Q2, Q1, Q1
#endif
	SPREAD4(VR10, VR11, VR12, VR13)
#ifdef AVX512
#include "level2_avx512_axpy4_amd64.h"
#else
#include "level2_avx2_axpy4_amd64.h"
#endif
	ADDQ $(4*ELEM), D_PTR
	LEAQ (ROW0)(LDA*4), ROW0
	SUBQ $4, ROWS
	JMP  rows4

rows1:
	TESTQ ROWS, ROWS
	JZ    done
#ifdef AVX512
#include "level2_avx512_dot1_amd64.h"
	VMULS       (D_PTR), X0, X0
#else
#include "level2_avx2_dot1_amd64.h"
	VMOVS       (D_PTR), X2
	VMULS       X2, X0, X0
#endif
	VBROADCASTS X0, VR10
#ifdef AVX512
#include "level2_avx512_axpy1_amd64.h"
#else
#include "level2_avx2_axpy1_amd64.h"
#endif
	ADDQ        $ELEM, D_PTR
	ADDQ        LDA, ROW0
	DECQ        ROWS
	JMP         rows1

done:
	VZEROUPPER

#undef PREFETCH_AHEAD
