// Body of the stream probes (probe_amd64.s, which describes them): per
// block of BLOCK bytes at offset AX, XOR the block of each of the R9
// sources into the registers, add roofline.Mix to each of their 64-bit
// lanes (MIXES), store the registers to the block of the
// first R11 sources, then to the block of each of the R10 destinations
// (VMOVNTDQ if R12, else the plain store), then the next block; at the
// end, store the registers to sink (so that a test sees what a read-only
// pass loaded). The
// includer defines ZERO (clear the registers, load the Weyl constant),
// XORS(p), MIXES, STORES(p) and
// NTSTORES(p) (one block at (p)(AX*1)) and BLOCK.
// Registers: SI the sources' pointer array, DI the destinations', R9, R10,
// R11 their counts, DX nbytes, R12 nt, AX the offset, CX the stream, R8 its
// pointer.

	MOVQ    srcs+0(FP), SI
	MOVQ    nsrc+8(FP), R9
	MOVQ    dsts+16(FP), DI
	MOVQ    ndst+24(FP), R10
	MOVQ    inplace+32(FP), R11
	MOVQ    nbytes+40(FP), DX
	MOVBLZX nt+48(FP), R12
	XORQ    AX, AX
	ZERO

block:
	CMPQ AX, DX
	JAE  done
	XORQ CX, CX

read:
	CMPQ CX, R9
	JAE  inplace
	MOVQ (SI)(CX*8), R8
	XORS(R8)
	INCQ CX
	JMP  read

inplace:
	MIXES
	XORQ CX, CX

inplaceLoop:
	CMPQ CX, R11
	JAE  fresh
	MOVQ (SI)(CX*8), R8
	STORES(R8)
	INCQ CX
	JMP  inplaceLoop

fresh:
	XORQ  CX, CX
	TESTQ R12, R12
	JNZ   freshNT

freshPlain:
	CMPQ CX, R10
	JAE  next
	MOVQ (DI)(CX*8), R8
	STORES(R8)
	INCQ CX
	JMP  freshPlain

freshNT:
	CMPQ CX, R10
	JAE  next
	MOVQ (DI)(CX*8), R8
	NTSTORES(R8)
	INCQ CX
	JMP  freshNT

next:
	ADDQ $BLOCK, AX
	JMP  block

done:
	MOVQ  sink+56(FP), R8
	XORQ  AX, AX
	STORES(R8)
	SFENCE
	VZEROUPPER
	RET
