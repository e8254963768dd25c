// Package roofline holds the probes of bench's roofline: tiny loops that do
// one thing each (stream bytes to and from memory, issue FMAs, issue loads)
// with so much independent work that nothing but the resource they measure
// can limit them. bench times them in the same run as the kernels and
// divides each kernel's time by the bound they give (see bench/doc.go).
//
// On amd64 the probes are assembly (probe_amd64.s): AVX2 streams, FMA and
// loads on YMM, and on ZMM where the CPU has AVX-512F. Elsewhere, and with
// the build tags purego or noasm, they are plain Go loops (probe_other.go),
// which measure Go code rather than the machine: there the "bounds" are
// references, not limits, and Kind reports "go".
package roofline

//go:generate go run ./internal/gen/cmd

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Align is the alignment Stream needs of its destinations when nt is set,
// and Block the multiple of which every vector length must be.
const (
	Align = 64
	Block = 512
)

// streamChunk is how many bytes of each vector one assembly call covers:
// assembly cannot be preempted, so long streams are split (a call per 4 MiB
// costs nothing next to the 4 MiB).
const streamChunk = 4 << 20

// Stream reads every vector of srcs once, in one pass, and writes a value
// to the first inplace of them (ordinary stores into lines it has just
// read) and to every vector of dsts, with non-temporal stores if nt (and
// NT reports true) and ordinary ones otherwise. All vectors have the same
// length, a multiple of Block; with nt, dsts must be Align-aligned. The
// vectors' contents are overwritten with garbage. A read-only pass is
// Stream(srcs, 0, nil, false), a write-only one Stream(nil, 0, dsts, nt), a
// copy Stream(src, 0, dst, nt).
func Stream(srcs [][]byte, inplace int, dsts [][]byte, nt bool) {
	StreamVariant(Variants()[0], srcs, inplace, dsts, nt)
}

// Variant is one stream loop: its registers and how many bytes of one
// vector it reads before the next vector's (its run).
type Variant int

const (
	YMM256  Variant = iota // YMM registers, runs of 256 bytes (AVX2)
	ZMM512                 // ZMM, runs of 512 bytes (AVX-512F)
	ZMM256                 // ZMM, runs of 256 bytes, like the kernels' loops
	GoWords                // the Go loop, eight bytes at a time
	// The tight loops (tight_amd64.s): one per shape, every pointer in a
	// register, 256 bytes of every stream per iteration, interleaved by 64
	// or by 256 bytes. VariantsFor says which shapes have them.
	TightZMM64
	TightZMM256
	TightYMM64
	TightYMM256
)

func (v Variant) String() string {
	switch v {
	case YMM256:
		return "ymm256"
	case ZMM512:
		return "zmm512"
	case ZMM256:
		return "zmm256"
	case TightZMM64:
		return "tzmm64"
	case TightZMM256:
		return "tzmm256"
	case TightYMM64:
		return "tymm64"
	case TightYMM256:
		return "tymm256"
	}
	return "go"
}

// period is the number of bytes after which the accumulators of loop v
// repeat (their value at a byte depends on its offset modulo period): what
// a model of the loop needs to predict the bytes it stores.
func (v Variant) period() int {
	switch v {
	case GoWords:
		return 8
	case ZMM512:
		return 512
	}
	return 256
}

// VariantsFor lists the stream loops for a pass that reads nsrc vectors,
// writes back inplace of them and writes ndst fresh ones: Variants, and
// the tight loops where this machine and shape have them.
func VariantsFor(nsrc, inplace, ndst int) []Variant {
	vs := Variants()
	for _, v := range []Variant{TightZMM64, TightZMM256, TightYMM64, TightYMM256} {
		if hasTight(v, shape{nsrc, inplace, ndst}) {
			vs = append(vs, v)
		}
	}
	return vs
}

// shape is a pass's counts: vectors read, written back, written fresh.
type shape struct{ reads, inplace, fresh int }

// StreamVariant is Stream with the loop v, one of VariantsFor the pass's
// shape (it panics on a tight loop the shape lacks). Which is
// fastest depends on the shape: in the first runs on an AVX-512 machine the
// 128-byte YMM loop lost to Dot and DotPair, ZMM512 to DotPair, and YMM256
// won for one read stream; the roofline times them all.
func StreamVariant(v Variant, srcs [][]byte, inplace int, dsts [][]byte, nt bool) {
	n := -1
	for _, v := range append(srcs[:len(srcs):len(srcs)], dsts...) {
		if n >= 0 && len(v) != n {
			panic(fmt.Sprintf("roofline.Stream: vectors of %d and %d bytes", n, len(v)))
		}
		n = len(v)
	}
	if n%Block != 0 {
		panic(fmt.Sprintf("roofline.Stream: %d bytes is not a multiple of %d", n, Block))
	}
	if inplace > len(srcs) {
		panic("roofline.Stream: inplace > len(srcs)")
	}
	if nt {
		for _, d := range dsts {
			if len(d) > 0 && uintptr(unsafe.Pointer(&d[0]))%Align != 0 {
				panic("roofline.Stream: a non-temporal destination is not aligned")
			}
		}
	}
	if v >= TightZMM64 && !hasTight(v, shape{len(srcs), inplace, len(dsts)}) {
		panic(fmt.Sprintf("roofline.Stream: no %v loop for %d sources, %d in place, %d destinations", v, len(srcs), inplace, len(dsts)))
	}
	if n <= 0 {
		return
	}
	for off := 0; off < n; off += streamChunk {
		m := min(streamChunk, n-off)
		stream(v, srcs, inplace, dsts, off, m, nt && NT())
	}
	runtime.KeepAlive(srcs)
	runtime.KeepAlive(dsts)
}

// FMA issues iters rounds of independent fused multiply-adds on the widest
// vectors the probes have (FMAWidth bytes) and returns the float32 flops
// done: two per lane per FMA.
func FMA(iters int) float64 {
	chains, width := fma(iters)
	return float64(iters) * float64(chains) * float64(width/4) * 2
}

// Loads reads buf reps times with independent vector loads of LoadWidth
// bytes and returns the bytes loaded. len(buf) must be a multiple of 512;
// keep it within L1 to measure the load ports.
func Loads(buf []byte, reps int) float64 {
	if len(buf)%512 != 0 {
		panic(fmt.Sprintf("roofline.Loads: %d bytes is not a multiple of 512", len(buf)))
	}
	if len(buf) == 0 || reps <= 0 {
		return 0
	}
	loads(&buf[0], len(buf), reps)
	runtime.KeepAlive(buf)
	return float64(len(buf)) * float64(reps)
}
