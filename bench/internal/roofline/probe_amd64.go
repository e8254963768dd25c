//go:build !purego && !noasm

package roofline

import (
	"fmt"
	"slices"
	"unsafe"

	"github.com/klauspost/cpuid/v2"
)

var (
	hasAVX2   = cpuid.CPU.Supports(cpuid.AVX2, cpuid.FMA3)
	hasAVX512 = hasAVX2 && cpuid.CPU.Supports(cpuid.AVX512F)
)

// Kind names the probes in use: avx512, avx2 or go.
func Kind() string {
	switch {
	case hasAVX512:
		return "avx512"
	case hasAVX2:
		return "avx2"
	}
	return "go"
}

// NT reports whether Stream has non-temporal stores.
func NT() bool { return hasAVX2 }

// FMAWidth and LoadWidth are the vector sizes in bytes of FMA and Loads.
func FMAWidth() int {
	switch {
	case hasAVX512:
		return 64
	case hasAVX2:
		return 32
	}
	return 8
}

// LoadWidth is the size in bytes of one load of Loads.
func LoadWidth() int { return FMAWidth() }

//go:noescape
func stream512sAsm(srcs *uintptr, nsrc int, dsts *uintptr, ndst int, inplace int, nbytes int, nt bool, sink *byte)

//go:noescape
func stream512Asm(srcs *uintptr, nsrc int, dsts *uintptr, ndst int, inplace int, nbytes int, nt bool, sink *byte)

//go:noescape
func streamAsm(srcs *uintptr, nsrc int, dsts *uintptr, ndst int, inplace int, nbytes int, nt bool, sink *byte)

//go:noescape
func fma256(iters int)

//go:noescape
func fma512(iters int)

//go:noescape
func load256(buf *byte, nbytes int, reps int)

//go:noescape
func load512(buf *byte, nbytes int, reps int)

// Variants lists the stream loops Stream can use, the default first.
func Variants() []Variant {
	switch {
	case hasAVX512:
		return []Variant{ZMM256, ZMM512, YMM256}
	case hasAVX2:
		return []Variant{YMM256}
	}
	return []Variant{GoWords}
}

// stream runs the stream loop v over bytes [off, off+m) of each vector.
func stream(v Variant, srcs [][]byte, inplace int, dsts [][]byte, off, m int, nt bool) {
	if !hasAVX2 {
		streamGo(srcs, inplace, dsts, off, m)
		return
	}
	var sb, db [8]uintptr
	s, d := sb[:0], db[:0]
	for _, v := range srcs {
		s = append(s, uintptr(unsafe.Pointer(&v[off])))
	}
	for _, v := range dsts {
		d = append(d, uintptr(unsafe.Pointer(&v[off])))
	}
	if v.tight() {
		p := append(append(s, d...), uintptr(unsafe.Pointer(&sink[0])))
		tightLoops[tightKeyOf(v, shape{len(srcs), inplace, len(dsts)}, nt)](&p[0], m)
		return
	}
	s, d = append(s, 0), append(d, 0) // never empty, so &s[0] is valid
	switch {
	case hasAVX512 && v == ZMM512:
		stream512Asm(&s[0], len(srcs), &d[0], len(dsts), inplace, m, nt, &sink[0])
	case hasAVX512 && v == ZMM256:
		stream512sAsm(&s[0], len(srcs), &d[0], len(dsts), inplace, m, nt, &sink[0])
	default:
		streamAsm(&s[0], len(srcs), &d[0], len(dsts), inplace, m, nt, &sink[0])
	}
}

func fma(iters int) (chains, width int) {
	switch {
	case hasAVX512:
		fma512(iters)
		return 24, 64
	case hasAVX2:
		fma256(iters)
		return 14, 32
	}
	return fmaGo(iters)
}

func loads(buf *byte, nbytes, reps int) {
	switch {
	case hasAVX512:
		load512(buf, nbytes, reps)
	case hasAVX2:
		load256(buf, nbytes, reps)
	default:
		loadsGo(buf, nbytes, reps)
	}
}

// tightKey finds a tight loop: its registers, interleave, prefetch, shape
// and store kind.
type tightKey struct {
	regs       string
	interleave int
	prefetch   bool
	s          shape
	nt         bool
}

func tightKeyOf(v Variant, s shape, nt bool) tightKey {
	k := tightKey{s: s, nt: nt && s.fresh > 0}
	switch v {
	case TightZMM64:
		k.regs, k.interleave = "ZMM", 64
	case TightZMM256:
		k.regs, k.interleave = "ZMM", 256
	case TightYMM64:
		k.regs, k.interleave = "YMM", 64
	case TightYMM256:
		k.regs, k.interleave = "YMM", 256
	case TightZMM64P:
		k.regs, k.interleave, k.prefetch = "ZMM", 64, true
	case TightZMM256P:
		k.regs, k.interleave, k.prefetch = "ZMM", 256, true
	case TightYMM64P:
		k.regs, k.interleave, k.prefetch = "YMM", 64, true
	case TightYMM256P:
		k.regs, k.interleave, k.prefetch = "YMM", 256, true
	default:
		panic(fmt.Sprintf("roofline: %v is not a tight loop", v))
	}
	return k
}

// hasTight reports whether this machine has the tight loop v for shape s.
func hasTight(v Variant, s shape) bool {
	k := tightKeyOf(v, s, false)
	if k.regs == "ZMM" && !hasAVX512 || !hasAVX2 {
		return false
	}
	_, ok := tightLoops[k]
	return ok
}

// tight reports whether v is one of the tight loops (amd64 has them).
func (v Variant) tight() bool { return slices.Contains(tightVariants, v) }
