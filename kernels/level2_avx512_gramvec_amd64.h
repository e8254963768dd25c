// Body of gramVecAVX512 and gramVec32AVX512 (level2_avx512_amd64.s, which
// describes it): out += Σ_i d[i]·(row i · v)·(row i), four rows at a time:
// their dot products with v (X_PTR here) sharing the loads of v, then their
// updates of out (Y_PTR) sharing its loads and stores, while the rows are
// still in cache. The includer sets the element type and the registers,
// and K1 to the column tail's mask.

#define PREFETCH_AHEAD

rows4:
	CMPQ ROWS, $4
	JB   rows1
	LEAQ (ROW0)(LDA*1), ROW1
	LEAQ (ROW1)(LDA*1), ROW2
	LEAQ (ROW2)(LDA*1), ROW3
	// AHEAD walks the rows two blocks ahead: the dot pass prefetches them
	// at the pace it reads its own, because the update pass loads nothing
	// new from memory and the hardware prefetcher alone let the stream run
	// dry (about 20% of the time out of cache). A prefetch never faults,
	// so running past the end of X is harmless.
	LEAQ (ROW0)(LDA*8), AHEAD
#include "level2_avx512_dot4_amd64.h"
	// c_r = d[i+r]·(row i+r · v), rounded, broadcast into Z10..Z13.
	VMULP (D_PTR), Q1, Q1
#ifdef FLOAT32
	VBROADCASTSS X1, Z10
	VPERMILPS    $0x55, X1, X2
	VBROADCASTSS X2, Z11
	VPERMILPS    $0xaa, X1, X2
	VBROADCASTSS X2, Z12
	VPERMILPS    $0xff, X1, X2
	VBROADCASTSS X2, Z13
#else
	VBROADCASTSD X1, Z10
	VPERMILPD    $1, X1, X2
	VBROADCASTSD X2, Z11
	VEXTRACTF128 $1, Y1, X2
	VBROADCASTSD X2, Z12
	VPERMILPD    $1, X2, X2
	VBROADCASTSD X2, Z13
#endif
#include "level2_avx512_axpy4_amd64.h"
	ADDQ $(4*ELEM), D_PTR
	LEAQ (ROW0)(LDA*4), ROW0
	SUBQ $4, ROWS
	JMP  rows4

rows1:
	TESTQ ROWS, ROWS
	JZ    done
#include "level2_avx512_dot1_amd64.h"
	VMULS       (D_PTR), X0, X0
	VBROADCASTS X0, Z10
#include "level2_avx512_axpy1_amd64.h"
	ADDQ        $ELEM, D_PTR
	ADDQ        LDA, ROW0
	DECQ        ROWS
	JMP         rows1

done:
	VZEROUPPER

#undef PREFETCH_AHEAD
