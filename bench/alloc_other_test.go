//go:build !linux

package bench

// allocVec returns a zeroed []T of n elements (huge pages are a Linux
// refinement; see alloc_linux_test.go).
func allocVec[T any](n int) []T { return make([]T, n) }

// releaseVectors has nothing to release.
func releaseVectors() {}
