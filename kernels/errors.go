package kernels

import (
	"strconv"
	"unsafe"
)

// panicShort reports a companion slice shorter than the n elements the
// kernel works on, naming the function and both lengths.
func panicShort(fn, arg string, got, n int) {
	panic("kernels." + fn + ": len(" + arg + ") = " + strconv.Itoa(got) +
		" is shorter than len(x) = " + strconv.Itoa(n))
}

// checkAlias panics when dst and src share memory without being the very
// same slice. Identical slices are fine for element-wise kernels, which read
// each element before writing it; a shifted overlap would make the result
// depend on the order in which the SIMD code loads and stores. The slices
// have equal length here.
func checkAlias[T float32 | float64](fn, dstName, srcName string, dst, src []T) {
	if len(dst) == 0 || len(src) == 0 {
		return
	}
	d := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	s := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	if d == s {
		return
	}
	size := unsafe.Sizeof(dst[0])
	if d < s+uintptr(len(src))*size && s < d+uintptr(len(dst))*size {
		panic("kernels." + fn + ": " + dstName + " and " + srcName +
			" overlap without being the same slice")
	}
}
