// Package kernels provides the vector and matrix kernels that sharpness-aware
// training spends its time in (dot products, axpys, norms, matrix-vector and
// Hessian-vector products, fused optimizer updates) as hand-written assembly
// for AVX2+FMA and AVX-512 on amd64 and NEON on arm64, with a pure-Go level
// for every other machine.
//
// # Levels and dispatch
//
// At start-up the package picks the best instruction-set level the CPU runs
// (cpuid): avx512 > avx2 (needs AVX2 and FMA3) > generic on amd64, neon >
// generic on arm64. The environment variable SAMKERN_ISA caps it (a level
// the CPU cannot run falls to the best one below it; an unknown name gives
// generic); ISA reports what runs. The build tags purego and noasm compile
// pure Go only. Every level is also callable directly through the methods of
// Level, as in kernels.AVX2.Dot(x, y), which is how the tests compare each
// one with the reference.
//
// # Conventions
//
// Vectors are slices; a kernel works on len(x) elements, and a companion
// slice that is shorter panics with a message naming the function and both
// lengths. Longer companions are fine; their extra elements are neither read
// nor written. Each function says what may alias. Reductions reorder their
// sums and are accurate to γ_{n+8}·Σ|terms| (γ_k = k·u/(1−k·u)); element-wise
// kernels round once per element with a fused multiply-add on the SIMD levels
// and twice on Generic, which gives the same bits on every machine. NaN and
// Inf propagate as in a plain loop. Long vectors are cut into 65536-element
// chunks, between which the goroutine can be preempted (the runtime cannot
// preempt assembly).
package kernels
