// Element type float64 for the amd64 kernel bodies (*_amd64.h) that are
// written once for both float types: a body uses the names below, and the
// .s file includes this header (or f32_amd64.h) before it includes the
// body. Including either header replaces the other's definitions.
//
// ELEM and LOGELEM are the element's size in bytes and its log2; LANES is
// the number of elements in one vector of VEC bytes (VEC: 32 on AVX2, 64
// on AVX-512, from the ISA's header). The instruction names are the
// packed (P) and scalar (S) forms without their type suffix.

#ifdef ELEM
#include "untype_amd64.h"
#endif

#define ELEM    8
#define LOGELEM 3
#define LANES   (VEC/8)

#define VMOVUP      VMOVUPD
#define VMOVNTP     VMOVNTPD
#define VMOVS       VMOVSD
#define MOVS        MOVSD
#define VBROADCASTS VBROADCASTSD
#define VADDP       VADDPD
#define VADDS       VADDSD
#define VSUBP       VSUBPD
#define VSUBS       VSUBSD
#define VMULP       VMULPD
#define VMULS       VMULSD
#define VDIVP       VDIVPD
#define VDIVS       VDIVSD
#define VSQRTP      VSQRTPD
#define VSQRTS      VSQRTSD
#define VANDP       VANDPD
#define VHADDP      VHADDPD
#define VUNPCKLP    VUNPCKLPD
#define VFMADD231P  VFMADD231PD
#define VFMADD231S  VFMADD231SD
#define VFMADD213P  VFMADD213PD
#define VFMADD213S  VFMADD213SD
#define VPSRLE      VPSRLQ // logical shift of each element
#define VPANDE      VPANDQ // AVX-512 AND of each element

// HADDX(x, t) adds the lanes of the XMM x into its lane 0, clobbering t;
// HADD_X0 is HADDX(X0, X1).
#define HADDX(x, t) \
	VPERMILPD $1, x, t \
	VADDSD    t, x, x

#define HADD_X0 HADDX(X0, X1)

// SUM4 adds the lanes of each of Y0, Y2, Y4 and Y6 (four rows' partial
// sums, halved already) into lane r of Q1: VHADDPD pairs them, the two
// VPERM2F128 bring row r's halves together.
#define SUM4 \
	VHADDPD    Y2, Y0, Y0       \
	VHADDPD    Y6, Y4, Y4       \
	VPERM2F128 $0x20, Y4, Y0, Y1 \
	VPERM2F128 $0x31, Y4, Y0, Y3 \
	VADDPD     Y3, Y1, Y1

// PACK4(a, b, c, d, q) packs the lanes 0 of the XMMs a, b, c, d into the
// four elements of q (Qn of a).
#define PACK4(a, b, c, d, q) \
	VUNPCKLPD   b, a, a \
	VUNPCKLPD   d, c, c \
	VINSERTF128 $1, c, q, q

// SPREAD4(a, b, c, d) broadcasts the four elements of Q1 into the vectors
// a, b, c and d (YMM or ZMM), clobbering X2.
#define SPREAD4(a, b, c, d) \
	VBROADCASTSD X1, a        \
	VPERMILPD    $1, X1, X2   \
	VBROADCASTSD X2, b        \
	VEXTRACTF128 $1, Y1, X2   \
	VBROADCASTSD X2, c        \
	VPERMILPD    $1, X2, X2   \
	VBROADCASTSD X2, d

// Qn is the register that holds four elements: Yn for float64, Xn for
// float32.
#define Q0 Y0
#define Q1 Y1
#define Q2 Y2
#define Q3 Y3
#define Q4 Y4
#define Q5 Y5
#define Q6 Y6
#define Q7 Y7
#define Q8 Y8
#define Q9 Y9
#define Q10 Y10
#define Q11 Y11
#define Q12 Y12
#define Q13 Y13
#define Q14 Y14
#define Q15 Y15
