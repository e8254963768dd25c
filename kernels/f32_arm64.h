// Element type float32 for the arm64 kernel bodies: see f64_arm64.h.

#ifdef ELEM
#include "untype_arm64.h"
#endif

// FLOAT32 is defined for float32 bodies, for the few steps that differ.
#define FLOAT32

#define ARR   S4
#define ELT   S
#define ELEM  4
#define LOGELEM 2
#define LANES 4
#define SZ    0

#define FMOVT  FMOVS
#define FMADDT FMADDS
#define FMULT  FMULS
#define FADDT  FADDS
#define FSUBT  FSUBS
#define FDIVT  FDIVS
#define FSQRTT FSQRTS
#define FABST  FABSS
