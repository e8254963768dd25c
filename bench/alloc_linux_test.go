//go:build linux

package bench

import (
	"sync"
	"syscall"
	"unsafe"
)

// Vectors of hugeMin bytes and more come from their own mapping advised
// MADV_HUGEPAGE, so they are backed by 2 MiB pages from the first touch.
// Go's heap gets huge pages only when khugepaged collapses it, seconds after
// the fact: the sub-benchmark that ran first on a new vector then paid TLB
// misses the later ones did not, and the order of the impls showed in the
// results (measured: 5.6 against 7.2 GFLOP/s for the same code on a 1024²
// matrix). The mappings are released by releaseVectors.
const hugeMin = 4 << 20

var (
	mapMu sync.Mutex
	maps  [][]byte
)

// allocVec returns a zeroed []T of n elements.
func allocVec[T any](n int) []T {
	var z T
	size := n * int(unsafe.Sizeof(z))
	if size < hugeMin {
		return make([]T, n)
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]T, n)
	}
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE) // advice: without it the vector still works
	mapMu.Lock()
	maps = append(maps, mem)
	mapMu.Unlock()
	return unsafe.Slice((*T)(unsafe.Pointer(&mem[0])), n)
}

// releaseVectors unmaps every vector allocVec mapped; none may be used
// afterwards.
func releaseVectors() {
	mapMu.Lock()
	defer mapMu.Unlock()
	for _, m := range maps {
		_ = syscall.Munmap(m)
	}
	maps = nil
}

// allocKept returns size zeroed bytes from a mapping advised MADV_HUGEPAGE,
// like allocVec's, that releaseVectors does not unmap: the roofline's probe
// vectors (roofline_test.go), kept for the whole run. Mappings are page
// aligned.
func allocKept(size int) []byte {
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		panic(err)
	}
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	return mem
}

// freeKept unmaps memory from allocKept.
func freeKept(mem []byte) { _ = syscall.Munmap(mem) }
