// Removes the element-type definitions of f64_arm64.h or f32_arm64.h, so
// that the other can be included.

#ifdef FLOAT32
#undef FLOAT32
#endif
#undef ARR
#undef ELT
#undef ELEM
#undef LOGELEM
#undef LANES
#undef SZ
#undef FMOVT
#undef FMADDT
#undef FMULT
#undef FADDT
#undef FSUBT
#undef FDIVT
#undef FSQRTT
#undef FABST
