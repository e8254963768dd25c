package kernels

// Helpers for the argument checks that the generated Level methods write out
// inline. The panics live in functions that are never inlined, off the hot
// path.

import (
	"strconv"
	"unsafe"
)

// panicShort reports a companion slice shorter than the n elements the
// kernel works on, naming the function and both lengths.
//
//go:noinline
func panicShort(fn, arg string, got, n int) {
	panic("kernels." + fn + ": len(" + arg + ") = " + strconv.Itoa(got) +
		" is shorter than len(x) = " + strconv.Itoa(n))
}

// overlap reports whether a and b share memory without being the very same
// slice. Identical slices are fine for element-wise kernels, which read each
// element before writing it; a shifted overlap would make the result depend
// on the order in which the SIMD code loads and stores. Pure arithmetic, so
// the checks that use it inline.
func overlap[T float32 | float64](a, b []T) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	pa := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
	pb := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	size := unsafe.Sizeof(a[0])
	return pa != pb && pa < pb+uintptr(len(b))*size && pb < pa+uintptr(len(a))*size
}

// panicOverlap reports a shifted overlap between dst and src.
//
//go:noinline
func panicOverlap(fn, dstName, srcName string) {
	panic("kernels." + fn + ": " + dstName + " and " + srcName + " overlap without being the same slice")
}

// failAxpy panics for Axpy's bad arguments: a short y or an overlap.
//
//go:noinline
func failAxpy[T float32 | float64](fn string, x, y []T) {
	if len(y) < len(x) {
		panicShort(fn, "y", len(y), len(x))
	}
	panicOverlap(fn, "y", "x")
}

// failAxpyTo panics for AxpyTo's bad arguments.
//
//go:noinline
func failAxpyTo[T float32 | float64](fn string, dst, x, y []T) {
	n := len(x)
	switch {
	case len(dst) < n:
		panicShort(fn, "dst", len(dst), n)
	case len(y) < n:
		panicShort(fn, "y", len(y), n)
	case overlap(dst[:n], x):
		panicOverlap(fn, "dst", "x")
	}
	panicOverlap(fn, "dst", "y")
}

// checkMatrix panics unless rows, cols ≥ 0, ld ≥ max(1, cols) and the slice
// holds the matrix, naming the argument as gonum does.
func checkMatrix(fn, name, ldName string, rows, cols, n, ld int) {
	switch {
	case rows < 0:
		panic("kernels." + fn + ": rows = " + strconv.Itoa(rows) + " is negative")
	case cols < 0:
		panic("kernels." + fn + ": cols = " + strconv.Itoa(cols) + " is negative")
	case ld < max(1, cols):
		panic("kernels." + fn + ": " + ldName + " = " + strconv.Itoa(ld) + " is less than max(1, cols = " + strconv.Itoa(cols) + ")")
	case rows > 0 && cols > 0 && n < (rows-1)*ld+cols:
		panic("kernels." + fn + ": len(" + name + ") = " + strconv.Itoa(n) + " is too short for " +
			strconv.Itoa(rows) + "×" + strconv.Itoa(cols) + " with " + ldName + " = " + strconv.Itoa(ld) +
			" (needs " + strconv.Itoa((rows-1)*ld+cols) + ")")
	}
}

// checkVec panics when a vector is shorter than the dimension it must match.
func checkVec(fn, name string, n int, dimName string, dim int) {
	if n < dim {
		panic("kernels." + fn + ": len(" + name + ") = " + strconv.Itoa(n) + " is shorter than " +
			dimName + " = " + strconv.Itoa(dim))
	}
}

// checkNoOverlap panics when an output shares any memory with an input;
// matrix-vector kernels read inputs after writing outputs, so not even the
// very same slice is allowed.
func checkNoOverlap[T float32 | float64](fn, dstName, srcName string, dst, src []T) {
	if len(dst) == 0 || len(src) == 0 {
		return
	}
	pd := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	ps := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	size := unsafe.Sizeof(dst[0])
	if pd < ps+uintptr(len(src))*size && ps < pd+uintptr(len(dst))*size {
		panic("kernels." + fn + ": " + dstName + " overlaps " + srcName)
	}
}
