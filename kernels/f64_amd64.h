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

// HADD_X0 adds the lanes of X0 into its lane 0. Clobbers X1.
#define HADD_X0 \
	VPERMILPD $1, X0, X1 \
	VADDSD    X1, X0, X0
