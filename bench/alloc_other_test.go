//go:build !linux

package bench

import "unsafe"

// allocVec returns a zeroed []T of n elements (huge pages are a Linux
// refinement; see alloc_linux_test.go).
func allocVec[T any](n int) []T { return make([]T, n) }

// releaseVectors has nothing to release.
func releaseVectors() {}

// allocKept returns size zeroed bytes aligned to 4096, kept for the whole
// run (roofline_test.go).
func allocKept(size int) []byte {
	const align = 4096
	mem := make([]byte, size+align)
	off := align - int(uintptr(unsafe.Pointer(&mem[0]))%align)
	return mem[off : off+size]
}

// freeKept drops memory from allocKept (the garbage collector frees it).
func freeKept([]byte) {}
