package roofline

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/samkern/samkern/bench/internal/roofline/internal/gen"
	"github.com/samkern/samkern/internal/genfile"
)

// TestGenerated fails when tight_amd64.s or tight_amd64.go differ from what
// the generator writes (run go generate ./bench/internal/roofline).
func TestGenerated(t *testing.T) {
	files, err := gen.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range genfile.Stale(".", files) {
		t.Errorf("%s differs from the generator's output: run go generate ./bench/internal/roofline", name)
	}
	if len(files) != 2 {
		t.Errorf("generator made %d files, want 2", len(files))
	}
	if gen.Mix != Mix {
		t.Errorf("the generator's Mix is %#x, the package's %#x", uint64(gen.Mix), uint64(Mix))
	}
}

// alignedVec returns n bytes at an Align-aligned address.
func alignedVec(n int) []byte {
	b := make([]byte, n+Align)
	off := int(-uintptr(unsafe.Pointer(&b[0])) % Align)
	return b[off : off+n : off+n]
}

// streamModel is what a stream loop with accumulators of period bytes
// stores: at each byte, the XOR of every source's bytes at the same offset
// modulo period, from the start of the 4 MiB chunk up to that byte's
// period-block, with Mix added to each 64-bit lane once per block (after
// that block's XORs).
// It also returns the accumulators at the end, what the loop leaves in
// sink.
func streamModel(srcs [][]byte, n, period int) (out, acc []byte) {
	out = make([]byte, n)
	acc = make([]byte, period)
	for blk := 0; blk < n; blk += period {
		if blk%streamChunk == 0 {
			clear(acc)
		}
		for _, s := range srcs {
			for j := range period {
				acc[j] ^= s[blk+j]
			}
		}
		for j := 0; j < period; j += 8 {
			w := binary.LittleEndian.Uint64(acc[j:])
			binary.LittleEndian.PutUint64(acc[j:], w+Mix)
		}
		copy(out[blk:], acc)
	}
	return out, acc
}

// TestStream checks every stream loop on every shape against the model:
// with random bytes, any wrong displacement, register or stream shows, in
// the vectors it writes or, for what it reads, in the sink; so does a write
// past a vector's end, in its guard.
// The shapes are the tight loops' and one only the general loops have.
func TestStream(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := []shape{{3, 2, 2}}
	for _, s := range gen.Shapes {
		shapes = append(shapes, shape{s.Reads, s.Inplace, s.Fresh})
	}
	for _, s := range shapes {
		for _, v := range VariantsFor(s.reads, s.inplace, s.fresh) {
			for _, nt := range []bool{false, true} {
				for _, n := range []int{Block, 5 * Block} {
					name := fmt.Sprintf("%v/r=%d,ip=%d,w=%d/nt=%v/n=%d", v, s.reads, s.inplace, s.fresh, nt, n)
					checkStream(t, name, rng, v, s, n, nt)
				}
			}
		}
	}
	// Across a chunk boundary, where each loop is called again.
	for _, v := range VariantsFor(2, 1, 1) {
		checkStream(t, fmt.Sprintf("%v/chunks", v), rng, v, shape{2, 1, 1}, streamChunk+2*Block, true)
	}
}

// guard is the bytes after each vector that no loop may touch.
const guard = Block

func checkStream(t *testing.T, name string, rng *rand.Rand, v Variant, s shape, n int, nt bool) {
	t.Helper()
	vecs := make([][]byte, s.reads+s.fresh)
	full := make([][]byte, len(vecs)) // each vector with its guard
	orig := make([][]byte, len(vecs))
	for i := range vecs {
		full[i] = alignedVec(n + guard)
		for j := range full[i] {
			full[i][j] = byte(rng.Uint32())
		}
		orig[i] = bytes.Clone(full[i])
		vecs[i] = full[i][:n:n]
	}
	clear(sink[:])
	StreamVariant(v, vecs[:s.reads], s.inplace, vecs[s.reads:], nt)
	want, acc := streamModel(orig[:s.reads], n, v.period())
	if !bytes.Equal(sink[:len(acc)], acc) {
		t.Errorf("%s: the sink holds %x..., want the accumulators %x...", name, sink[:8], acc[:8])
	}
	for i, got := range vecs {
		if !bytes.Equal(full[i][n:], orig[i][n:]) {
			t.Errorf("%s: vector %d: the loop wrote past its end", name, i)
		}
		w := want
		if i >= s.inplace && i < s.reads {
			w = orig[i][:n] // read only
		}
		if !bytes.Equal(got, w) {
			j := 0
			for got[j] == w[j] {
				j++
			}
			t.Errorf("%s: vector %d differs first at byte %d: %#x, want %#x", name, i, j, got[j], w[j])
		}
	}
}

// TestStreamArgs checks that bad vectors and a tight loop without the
// shape panic, and that FMA and Loads count their work.
func TestStreamArgs(t *testing.T) {
	panics := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", name)
			}
		}()
		f()
	}
	a, b := alignedVec(Block), alignedVec(2*Block)
	panics("lengths", func() { Stream([][]byte{a, b}, 0, nil, false) })
	panics("block", func() { Stream([][]byte{a[:Block-8]}, 0, nil, false) })
	panics("inplace", func() { Stream([][]byte{a}, 2, nil, false) })
	if NT() {
		panics("alignment", func() { Stream([][]byte{a}, 0, [][]byte{b[8 : 8+Block]}, true) })
	}
	if vs := VariantsFor(1, 0, 0); len(vs) > len(Variants()) {
		panics("shape", func() { StreamVariant(vs[len(vs)-1], [][]byte{a, a, a}, 2, [][]byte{a, a}, false) })
	}
	// Every shape of the generator has its tight loops where the CPU can
	// run them, so TestStream covers them on each kind of machine.
	// A shape with reads has them with and without the prefetch.
	for _, s := range gen.Shapes {
		want := map[string]int{"avx512": 3 + 4, "avx2": 1 + 2, "go": 1}[Kind()]
		if s.Reads > 0 && Kind() != "go" {
			want += want - len(Variants())
		}
		if got := len(VariantsFor(s.Reads, s.Inplace, s.Fresh)); got != want {
			t.Errorf("%s: %d loops for %+v, want %d", Kind(), got, s, want)
		}
	}
	if flops := FMA(10); flops <= 0 {
		t.Errorf("FMA(10) = %v flops", flops)
	}
	buf := alignedVec(16 << 10)
	if n := Loads(buf, 2); n != 2*float64(len(buf)) {
		t.Errorf("Loads = %v bytes", n)
	}
}
