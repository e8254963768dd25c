// Element type float64 for the arm64 kernel bodies (*_arm64.h) that are
// written once for both float types: a body uses the names below, and the
// .s file includes this header (or f32_arm64.h) before it includes the
// body. Including either header replaces the other's definitions.
//
// ARR is the arrangement of a full register (V0.ARR is V0.D2), ELT the
// element of a lane (V0.ELT[1] is V0.D[1]); ELEM is the element's size in
// bytes and LANES the elements in a register; SZ is the size bit of the
// vector floating-point encodings (see neon_arm64.h); the FxxxT names are
// the scalar instructions of this type.

#ifdef ELEM
#include "untype_arm64.h"
#endif

#define ARR   D2
#define ELT   D
#define ELEM  8
#define LOGELEM 3
#define LANES 2
#define SZ    0x00400000

#define FMOVT  FMOVD
#define FMADDT FMADDD
#define FMULT  FMULD
#define FADDT  FADDD
#define FSUBT  FSUBD
#define FDIVT  FDIVD
#define FSQRTT FSQRTD
#define FABST  FABSD
