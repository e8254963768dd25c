// Package gen writes the tight stream probes of package roofline
// (tight_amd64.s and tight_amd64.go): one loop per pass shape, register
// width, interleave and store kind, with every stream's pointer in its own
// register and no branch but the loop's. `go generate ./bench/internal/roofline`
// writes them (through ./internal/gen/cmd); TestGenerated in package roofline
// fails when the files on disk differ from what Files returns.
//
// Why: the general stream loops (stream_amd64.h) walk arrays of pointers
// with a branch per stream per block. In cache they are fast enough, but at
// memory speed one core's bandwidth depends on how many lines it keeps in
// flight, and a kernel's loop, which does none of that walking, read one
// vector from memory up to 12% faster than the general probe: the "bound"
// was not one. A tight loop per shape does no more per line than the
// kernels do.
package gen

import (
	"bytes"
	"fmt"
	"go/format"
)

// Shape is one pass: Reads vectors read (the first Inplace of them written
// back), Fresh vectors written without being read.
type Shape struct{ Reads, Inplace, Fresh int }

// Shapes are the passes that have tight loops: those of bench's kernels
// and of BenchmarkRoofline (bench refuses a bound for a shape without
// them). At most len(ptrRegs) vectors each.
var Shapes = []Shape{
	{1, 0, 0}, {2, 0, 0}, {3, 0, 0}, // reductions
	{1, 1, 0}, {2, 1, 0}, {2, 0, 1}, // Scale, Axpy, AxpyTo
	{2, 1, 1}, {3, 1, 1}, {4, 2, 1}, // PerturbSave, SGDRestore, AdamWRestore
	{0, 0, 1}, {1, 0, 1}, // write, copy
	// The variants' kernels with the gradient cleared (bench counts it as
	// read only): Perturb and ASAMPerturb, SGDStep, AdamWStep, FSAMPerturb.
	{2, 1, 2}, {4, 1, 1}, {5, 2, 1}, {3, 1, 2},
}

// reg is a register width: its name, bytes, XOR, store and
// non-temporal store.
type reg struct {
	name, prefix        string
	width               int
	xor, store, ntStore string
	mixReg              int // holds the Weyl constant in every lane
}

var regs = []reg{
	{"ZMM", "Z", 64, "VPXORQ", "VMOVDQU64", "VMOVNTDQ", 31},
	{"YMM", "Y", 32, "VPXOR", "VMOVDQU", "VMOVNTDQ", 15},
}

// Mix is roofline.Mix (the odd constant 2^64 over the golden ratio), added
// to every 64-bit lane of the accumulators once per iteration, before they
// are stored; roofline.Mix says why. TestGenerated checks that the two are
// equal.
const Mix = 0x9E3779B97F4A7C15

// mixBits is Mix as the assembler's signed 64-bit immediate.
const mixBits = Mix - 1<<64

// Iter is the bytes of every stream one iteration covers; Interleaves the
// bytes of one stream read (and then written) before the next stream's.
const Iter = 256

var Interleaves = []int{64, 256}

// Prefetch is how far ahead of the loop the prefetching loops ask for the
// read streams' lines: a PREFETCHT0 for each line a slice of the
// interleave reads, next to that stream's loads. The AVX2 kernels'
// streaming loops prefetch as far ahead (STREAM_AHEAD in
// kernels/avx2_amd64.h): on a Zen 3 it took SGDStep32 over 16M elements
// from 1.13× to 0.96–1.07× of the probes without prefetch, and a bound
// must try what the kernels do.
const Prefetch = 1024

// ptrRegs hold the streams' pointers: the read vectors, then the fresh.
var ptrRegs = []string{"R8", "R9", "R10", "R11", "R12", "R13"}

// Name is the assembly function of one tight loop (pf: it prefetches).
func Name(r reg, il int, s Shape, nt, pf bool) string {
	n := fmt.Sprintf("tight%s%dR%dI%dW%d", r.prefix, il, s.Reads, s.Inplace, s.Fresh)
	if pf {
		n += "P"
	}
	if nt {
		n += "NT"
	}
	return n
}

// loop writes one function.
func loop(b *bytes.Buffer, r reg, il int, s Shape, nt, pf bool) {
	name := Name(r, il, s, nt, pf)
	accs := Iter / r.width
	fmt.Fprintf(b, "\n// func %s(ptrs *uintptr, nbytes int)\nTEXT ·%s(SB), NOSPLIT, $0-16\n", name, name)
	fmt.Fprintf(b, "\tMOVQ ptrs+0(FP), SI\n\tMOVQ nbytes+8(FP), DX\n")
	for i := range s.Reads + s.Fresh {
		fmt.Fprintf(b, "\tMOVQ %d(SI), %s\n", 8*i, ptrRegs[i])
	}
	for a := range accs {
		fmt.Fprintf(b, "\t%s %s%d, %s%d, %s%d\n", r.xor, r.prefix, a, r.prefix, a, r.prefix, a)
	}
	// The Weyl step every stored register gets once per iteration (see
	// Mix in package roofline).
	fmt.Fprintf(b, "\tMOVQ $%d, CX\n\tMOVQ CX, X15\n\tVPBROADCASTQ X15, %s%d\n", mixBits, r.prefix, r.mixReg)
	fmt.Fprintf(b, "\tXORQ AX, AX\n\nloop:\n")
	for c := 0; c < Iter; c += il {
		for i := range s.Reads {
			// As the kernels do: each stream's prefetches next to its loads.
			for o := c; pf && o < c+il; o += 64 {
				fmt.Fprintf(b, "\tPREFETCHT0 %d(%s)(AX*1)\n", Prefetch+o, ptrRegs[i])
			}
			for o := c; o < c+il; o += r.width {
				fmt.Fprintf(b, "\t%s %d(%s)(AX*1), %s%d, %s%d\n", r.xor, o, ptrRegs[i], r.prefix, o/r.width, r.prefix, o/r.width)
			}
		}
		for o := c; o < c+il; o += r.width {
			fmt.Fprintf(b, "\tVPADDQ %s%d, %s%d, %s%d\n", r.prefix, r.mixReg, r.prefix, o/r.width, r.prefix, o/r.width)
		}
		store := func(p, op string) {
			for o := c; o < c+il; o += r.width {
				fmt.Fprintf(b, "\t%s %s%d, %d(%s)(AX*1)\n", op, r.prefix, o/r.width, o, p)
			}
		}
		for i := range s.Inplace {
			store(ptrRegs[i], r.store)
		}
		for i := range s.Fresh {
			op := r.store
			if nt {
				op = r.ntStore
			}
			store(ptrRegs[s.Reads+i], op)
		}
	}
	fmt.Fprintf(b, "\tADDQ $%d, AX\n\tCMPQ AX, DX\n\tJB   loop\n", Iter)
	fmt.Fprintf(b, "\tMOVQ %d(SI), SI\n", 8*(s.Reads+s.Fresh))
	for a := range accs {
		fmt.Fprintf(b, "\t%s %s%d, %d(SI)\n", r.store, r.prefix, a, a*r.width)
	}
	if nt {
		fmt.Fprintf(b, "\tSFENCE\n")
	}
	fmt.Fprintf(b, "\tVZEROUPPER\n\tRET\n")
}

// Files returns the generated files by name.
func Files() (map[string][]byte, error) {
	var s, g bytes.Buffer
	s.WriteString(`// Code generated by ./internal/gen; DO NOT EDIT.

//go:build !purego && !noasm

#include "textflag.h"

// The tight stream probes (internal/gen says why). Each reads and writes
// the streams of one shape in iterations of 256 bytes of every stream:
// per slice of the interleave's bytes, XOR it of every read vector into
// the accumulators (one per register of the 256 bytes, as the general
// loops; in the loops named ...P each stream's loads follow a PREFETCHT0
// of its lines of the slice, Prefetch bytes ahead), add the Weyl constant
// to each of their 64-bit lanes (Mix in roofline.go), then store them into
// the slice of the in-place vectors and of the fresh ones; at the end,
// store the accumulators to the sink (so that a test sees what a
// read-only pass loaded). ptrs holds the vectors'
// addresses (the read ones, then the fresh), then the sink's (256 bytes);
// nbytes is a positive multiple of 256.
`)
	g.WriteString(`// Code generated by ./internal/gen; DO NOT EDIT.

//go:build !purego && !noasm

package roofline

`)
	var table bytes.Buffer
	for _, r := range regs {
		for _, il := range Interleaves {
			for _, sh := range Shapes {
				for _, pf := range []bool{false, true} {
					if pf && sh.Reads == 0 {
						continue
					}
					for _, nt := range []bool{false, true} {
						if nt && sh.Fresh == 0 {
							continue
						}
						loop(&s, r, il, sh, nt, pf)
						name := Name(r, il, sh, nt, pf)
						fmt.Fprintf(&g, "//go:noescape\nfunc %s(ptrs *uintptr, nbytes int)\n\n", name)
						fmt.Fprintf(&table, "\t{%q, %d, %v, shape{%d, %d, %d}, %v}: %s,\n", r.name, il, pf, sh.Reads, sh.Inplace, sh.Fresh, nt, name)
					}
				}
			}
		}
	}
	g.WriteString("// tightLoops are the loops above by register width, interleave, prefetch,\n// shape and store kind.\nvar tightLoops = map[tightKey]func(ptrs *uintptr, nbytes int){\n")
	g.Write(table.Bytes())
	g.WriteString("}\n")
	src, err := format.Source(g.Bytes())
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"tight_amd64.s": s.Bytes(), "tight_amd64.go": src}, nil
}
