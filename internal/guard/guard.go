//go:build unix

// Package guard provides memory with inaccessible pages on both sides, so a
// kernel that reads or writes even one byte outside the slices it was given
// dies with SIGSEGV instead of passing its test by luck. Slices are placed
// flush against the leading or the trailing guard page.
package guard

import (
	"fmt"
	"syscall"
	"unsafe"
)

// Buffer is an mmap'd region: a PROT_NONE page, data pages, a PROT_NONE page.
type Buffer struct {
	mem  []byte // the whole mapping
	data []byte // the accessible pages between the guards
}

// New maps a buffer whose accessible part holds at least size bytes.
func New(size int) (*Buffer, error) {
	page := syscall.Getpagesize()
	dataLen := (size + page - 1) / page * page
	if dataLen == 0 {
		dataLen = page
	}
	mem, err := syscall.Mmap(-1, 0, dataLen+2*page, syscall.PROT_NONE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil, fmt.Errorf("guard: mmap: %w", err)
	}
	data := mem[page : page+dataLen]
	if err := syscall.Mprotect(data, syscall.PROT_READ|syscall.PROT_WRITE); err != nil {
		_ = syscall.Munmap(mem)
		return nil, fmt.Errorf("guard: mprotect: %w", err)
	}
	return &Buffer{mem: mem, data: data}, nil
}

// Free unmaps the buffer; slices taken from it must not be used afterwards.
func (b *Buffer) Free() error { return syscall.Munmap(b.mem) }

// Bytes returns the accessible part.
func (b *Buffer) Bytes() []byte { return b.data }

// Head returns n elements of T starting at the first accessible byte, flush
// against the leading guard page.
func Head[T any](b *Buffer, n int) []T {
	var z T
	if n*int(unsafe.Sizeof(z)) > len(b.data) {
		panic("guard.Head: buffer too small")
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b.data[0])), n)[:n:n]
}

// Tail returns n elements of T ending at the last accessible byte, flush
// against the trailing guard page.
func Tail[T any](b *Buffer, n int) []T {
	var z T
	size := int(unsafe.Sizeof(z))
	if n*size > len(b.data) {
		panic("guard.Tail: buffer too small")
	}
	if n == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b.data[len(b.data)-size])), 1)[:0:0]
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b.data[len(b.data)-n*size])), n)
}
