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

// HADD_X0 adds the lanes of X0 into its lane 0. Clobbers X1.
#define HADD_X0 \
	VPERMILPS $0x0e, X0, X1 \
	VADDPS    X1, X0, X0    \
	VPERMILPS $0x01, X0, X1 \
	VADDSS    X1, X0, X0
