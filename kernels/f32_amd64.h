// Element type float32 for the amd64 kernel bodies: see f64_amd64.h.

#ifdef ELEM
#include "untype_amd64.h"
#endif

// FLOAT32 is defined for float32 bodies, for the few steps that differ.
#define FLOAT32

#define ELEM    4
#define LOGELEM 2
#define LANES   (VEC/4)

#define VMOVUP      VMOVUPS
#define VMOVNTP     VMOVNTPS
#define VMOVS       VMOVSS
#define MOVS        MOVSS
#define VBROADCASTS VBROADCASTSS
#define VADDP       VADDPS
#define VADDS       VADDSS
#define VSUBP       VSUBPS
#define VSUBS       VSUBSS
#define VMULP       VMULPS
#define VMULS       VMULSS
#define VDIVP       VDIVPS
#define VDIVS       VDIVSS
#define VSQRTP      VSQRTPS
#define VSQRTS      VSQRTSS
#define VANDP       VANDPS
#define VHADDP      VHADDPS
#define VUNPCKLP    VUNPCKLPS
#define VFMADD231P  VFMADD231PS
#define VFMADD231S  VFMADD231SS
#define VFMADD213P  VFMADD213PS
#define VFMADD213S  VFMADD213SS
#define VPSRLE      VPSRLD // logical shift of each element
#define VPANDE      VPANDD // AVX-512 AND of each element

// HADDX(x, t) adds the lanes of the XMM x into its lane 0, clobbering t;
// HADD_X0 is HADDX(X0, X1).
#define HADDX(x, t) \
	VPERMILPS $0x0e, x, t \
	VADDPS    t, x, x     \
	VPERMILPS $0x01, x, t \
	VADDSS    t, x, x

#define HADD_X0 HADDX(X0, X1)

// SUM4 adds the lanes of each of Y0, Y2, Y4 and Y6 (four rows' partial
// sums, halved already) into lane r of Q1 (X1): three VHADDPS and the
// halves.
#define SUM4 \
	VHADDPS      Y2, Y0, Y0 \
	VHADDPS      Y6, Y4, Y4 \
	VHADDPS      Y4, Y0, Y0 \
	VEXTRACTF128 $1, Y0, X1 \
	VADDPS       X1, X0, X1

// PACK4(a, b, c, d, q) packs the lanes 0 of the XMMs a, b, c, d into the
// four elements of q (Qn of a, the XMM a itself).
#define PACK4(a, b, c, d, q) \
	VUNPCKLPS b, a, a \
	VUNPCKLPS d, c, c \
	VMOVLHPS  c, a, a

// SPREAD4(a, b, c, d) broadcasts the four elements of Q1 into the vectors
// a, b, c and d (YMM or ZMM), clobbering X2.
#define SPREAD4(a, b, c, d) \
	VBROADCASTSS X1, a         \
	VPERMILPS    $0x55, X1, X2 \
	VBROADCASTSS X2, b         \
	VPERMILPS    $0xaa, X1, X2 \
	VBROADCASTSS X2, c         \
	VPERMILPS    $0xff, X1, X2 \
	VBROADCASTSS X2, d

// Qn is the register that holds four elements: Yn for float64, Xn for
// float32.
#define Q0 X0
#define Q1 X1
#define Q2 X2
#define Q3 X3
#define Q4 X4
#define Q5 X5
#define Q6 X6
#define Q7 X7
#define Q8 X8
#define Q9 X9
#define Q10 X10
#define Q11 X11
#define Q12 X12
#define Q13 X13
#define Q14 X14
#define Q15 X15
