// Removes the element-type definitions of f64_amd64.h or f32_amd64.h, so
// that the other can be included.

#undef ELEM
#ifdef FLOAT32
#undef FLOAT32
#endif
#undef LOGELEM
#undef LANES
#undef VMOVUP
#undef VMOVNTP
#undef VMOVS
#undef MOVS
#undef VBROADCASTS
#undef VADDP
#undef VADDS
#undef VMULP
#undef VMULS
#undef VDIVP
#undef VDIVS
#undef VSQRTP
#undef VSQRTS
#undef VANDP
#undef VHADDP
#undef VUNPCKLP
#undef VFMADD231P
#undef VFMADD231S
#undef VFMADD213P
#undef VFMADD213S
#undef HADD_X0
