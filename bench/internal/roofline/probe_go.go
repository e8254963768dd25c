package roofline

import (
	"math"
	"runtime"
	"unsafe"
)

// The pure-Go probes: the fallbacks of the assembly ones, and what other
// architectures use. They measure Go loops, not the machine's limits.

// streamGo is stream in Go over bytes [off, off+m) of each vector, eight
// bytes at a time, ordinary stores only.
func streamGo(srcs [][]byte, inplace int, dsts [][]byte, off, m int) {
	words := func(v []byte) []uint64 {
		return unsafe.Slice((*uint64)(unsafe.Pointer(&v[off])), m/8)
	}
	s := make([][]uint64, len(srcs))
	for i, v := range srcs {
		s[i] = words(v)
	}
	d := make([][]uint64, len(dsts))
	for i, v := range dsts {
		d[i] = words(v)
	}
	var acc uint64
	for i := range m / 8 {
		for _, v := range s {
			acc ^= v[i]
		}
		acc += Mix
		for _, v := range s[:inplace] {
			v[i] = acc
		}
		for _, v := range d {
			v[i] = acc
		}
	}
	*(*uint64)(unsafe.Pointer(&sink[0])) = acc // the loads are not dead, and a test sees them
}

// fmaGo is fma in Go: eight independent float64 math.FMA chains.
func fmaGo(iters int) (chains, width int) {
	var a0, a1, a2, a3, a4, a5, a6, a7 float64
	const x, y = 0, 0
	for range iters {
		a0 = math.FMA(x, y, a0)
		a1 = math.FMA(x, y, a1)
		a2 = math.FMA(x, y, a2)
		a3 = math.FMA(x, y, a3)
		a4 = math.FMA(x, y, a4)
		a5 = math.FMA(x, y, a5)
		a6 = math.FMA(x, y, a6)
		a7 = math.FMA(x, y, a7)
	}
	runtime.KeepAlive(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7)
	return 8, 8
}

// loadsGo is loads in Go: eight-byte loads XORed into four accumulators.
func loadsGo(buf *byte, nbytes, reps int) {
	w := unsafe.Slice((*uint64)(unsafe.Pointer(buf)), nbytes/8)
	var a0, a1, a2, a3 uint64
	for range reps {
		for i := 0; i+4 <= len(w); i += 4 {
			a0 ^= w[i]
			a1 ^= w[i+1]
			a2 ^= w[i+2]
			a3 ^= w[i+3]
		}
	}
	runtime.KeepAlive(a0 ^ a1 ^ a2 ^ a3)
}
