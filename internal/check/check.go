// Package check holds the argument checks and scratch pools that the
// objectives and Hessian tools share. Their methods panic, naming the
// function and the argument, when a slice is shorter than the dimension, as
// the kernels do: a short slice is a programming error, not runtime input.
package check

import (
	"math"
	"strconv"
	"sync"
	"unsafe"
)

// Short panics for a slice argument shorter than the n elements the
// function fn (qualified by its package, "models.Quadratic.Loss") works on.
//
//go:noinline
func Short(fn, arg string, got, n int) {
	panic(fn + ": len(" + arg + ") = " + strconv.Itoa(got) +
		" is shorter than the dimension " + strconv.Itoa(n))
}

// Len1 panics unless len(a) >= n.
func Len1[T any](fn string, n int, an string, a []T) {
	if len(a) < n {
		Short(fn, an, len(a), n)
	}
}

// Len2 panics unless both slices hold at least n elements.
func Len2[T any](fn string, n int, an string, a []T, bn string, b []T) {
	Len1(fn, n, an, a)
	Len1(fn, n, bn, b)
}

// Len3 panics unless all three slices hold at least n elements.
func Len3[T any](fn string, n int, an string, a []T, bn string, b []T, cn string, c []T) {
	Len2(fn, n, an, a, bn, b)
	Len1(fn, n, cn, c)
}

// Finite reports whether every element of x is finite.
func Finite[T float32 | float64](x []T) bool {
	for _, v := range x {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// Scratch is a pool of vectors of one length N, so that methods of values
// shared between goroutines need neither locks nor an allocation per call.
type Scratch[T any] struct {
	N    int
	pool sync.Pool
}

// Get returns a vector of length N with arbitrary contents.
func (s *Scratch[T]) Get() *[]T {
	if p, ok := s.pool.Get().(*[]T); ok {
		return p
	}
	v := make([]T, s.N)
	return &v
}

// Put returns a vector obtained from Get.
func (s *Scratch[T]) Put(p *[]T) { s.pool.Put(p) }

// Overlap reports whether the elements of a and b share memory. Empty
// slices overlap nothing.
func Overlap[T any](a, b []T) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	var z T
	size := uintptr(unsafe.Sizeof(z))
	a0, b0 := uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&b[0]))
	return a0 < b0+uintptr(len(b))*size && b0 < a0+uintptr(len(a))*size
}
