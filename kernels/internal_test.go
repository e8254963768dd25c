package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"

	"github.com/samkern/samkern/internal/genfile"
	"github.com/samkern/samkern/internal/guard"
	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels/internal/gen"
)

// TestChoose checks the SAMKERN_ISA rules against simulated CPUs.
func TestChoose(t *testing.T) {
	saveSup, saveOrder := supported, order
	defer func() { supported, order = saveSup, saveOrder }()

	amd64 := []Level{AVX512, AVX2, Generic}
	arm64 := []Level{NEON, Generic}
	cases := []struct {
		order []Level
		sup   []Level
		env   string
		want  Level
	}{
		{amd64, []Level{AVX512, AVX2}, "", AVX512},
		{amd64, []Level{AVX512, AVX2}, "avx2", AVX2},
		{amd64, []Level{AVX512, AVX2}, " AVX2 ", AVX2},
		{amd64, []Level{AVX512, AVX2}, "generic", Generic},
		{amd64, []Level{AVX2}, "", AVX2},
		{amd64, []Level{AVX2}, "avx512", AVX2}, // cannot run: the best below it
		{amd64, nil, "avx512", Generic},        // SandyBridge: AVX but no FMA
		{amd64, nil, "", Generic},
		{amd64, []Level{AVX512, AVX2}, "neon", Generic},    // another architecture's level
		{amd64, []Level{AVX512, AVX2}, "avx-512", Generic}, // unknown
		{arm64, []Level{NEON}, "", NEON},
		{arm64, []Level{NEON}, "avx512", Generic},
		{arm64, []Level{NEON}, "generic", Generic},
		{arm64, []Level{NEON}, "Neon", NEON},
	}
	for _, c := range cases {
		order = c.order
		supported = 1 << Generic
		for _, l := range c.sup {
			supported |= 1 << l
		}
		assert.Equal(t, c.want, choose(c.env), "order=%v sup=%v env=%q", c.order, c.sup, c.env)
	}
}

// TestAsmShortLengths calls every Level-1 kernel of every level directly,
// without the Level methods' checks and their Go path for n ≤ tiny, on
// lengths 0..32 with integer data whose results are exact, every operand
// flush against a guard page at either end of its buffer: the shortest
// vectors reach the assembly here, and its tails must stay inside them.
func TestAsmShortLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var bufs [4]*guard.Buffer
	for i := range bufs {
		var err error
		bufs[i], err = guard.New(64 * 8)
		if err != nil {
			t.Fatal(err)
		}
		defer bufs[i].Free()
	}
	for _, l := range testLevels() {
		for n := 0; n <= 2*16; n++ {
			for _, tail := range []bool{false, true} {
				// place returns n elements at the head or the tail of buffer k.
				place64 := func(k int) []float64 {
					if tail == (k%2 == 0) {
						return guard.Tail[float64](bufs[k], n)
					}
					return guard.Head[float64](bufs[k], n)
				}
				place32 := func(k int) []float32 {
					if tail == (k%2 == 0) {
						return guard.Tail[float32](bufs[k], n)
					}
					return guard.Head[float32](bufs[k], n)
				}
				xs, ys := make([]float64, n), make([]float64, n)
				for i := range xs {
					xs[i], ys[i] = float64(r.IntN(33)-16), float64(r.IntN(33)-16)
				}
				x, y := place64(0), place64(1)
				copy(x, xs)
				copy(y, ys)
				exact := ref.Dot(xs, ys)
				assert.Equal(t, exact, l.dot(x, y), "%s dot n=%d", l, n)
				assert.Equal(t, ref.SumSq(xs), l.sumSq(x), "%s sumSq n=%d", l, n)
				assert.Equal(t, 4*ref.SumSq(xs), l.sumSqScaled(x, 2), "%s sumSqScaled n=%d", l, n)
				d, want := place64(2), make([]float64, n)
				l.axpyTo(d, 0.5, x, y)
				ref.AxpyTo(want, 0.5, xs, ys, l.Fused())
				assert.Equal(t, want, slices.Clone(d), "%s axpyTo n=%d", l, n)
				l.scale(-3, x)
				ref.Scale(-3, xs)
				assert.Equal(t, xs, slices.Clone(x), "%s scale n=%d", l, n)

				x32, y32 := place32(0), place32(1)
				xs32, ys32 := make([]float32, n), make([]float32, n)
				for i := range xs32 {
					xs32[i], ys32[i] = float32(r.IntN(33)-16), float32(r.IntN(33)-16)
				}
				copy(x32, xs32)
				copy(y32, ys32)
				assert.Equal(t, ref.Dot(xs32, ys32), l.dot32(x32, y32), "%s dot32 n=%d", l, n)
				assert.Equal(t, ref.SumSq(xs32), l.sumSq32(x32), "%s sumSq32 n=%d", l, n)
				assert.Equal(t, ref.SumSqWide(xs32), l.sumSqWide32(x32), "%s sumSqWide32 n=%d", l, n)
				d32, want32 := place32(2), make([]float32, n)
				l.axpyTo32(d32, 0.5, x32, y32)
				ref.AxpyTo(want32, 0.5, xs32, ys32, l.Fused())
				assert.Equal(t, want32, slices.Clone(d32), "%s axpyTo32 n=%d", l, n)
				l.scale32(-3, x32)
				ref.Scale(-3, xs32)
				assert.Equal(t, xs32, slices.Clone(x32), "%s scale32 n=%d", l, n)
			}
		}
	}
}

// TestGenerated fails when the dispatch files differ from what the generator
// makes of its table: edit internal/gen and run go generate.
func TestGenerated(t *testing.T) {
	files, err := gen.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range genfile.Stale(".", files) {
		t.Errorf("%s is out of date: run go generate ./kernels", name)
	}
	if len(files) != 4 {
		t.Errorf("generator made %d files, want 4", len(files))
	}
}

// TestStreamingStores runs the fused kernels with and without non-temporal
// stores, in float64 and float32, at every offset of the streamed vector
// from a 64-byte boundary (8 for float64, 16 for float32) and every length
// through two passes of the streaming loop, its one-vector loop and its
// masked tail: the masked head that aligns the streamed vector and the
// loops after it must give the same bits as the plain path, which
// TestFused checks against the reference. (The Level methods only stream
// vectors of streamMin bytes, larger than any test vector.)
func TestStreamingStores(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, l := range testLevels() {
		// float64: the head holds up to 7 elements, the loop 16, the
		// one-vector step 8 and the tail up to 7.
		for n := 0; n <= 7+2*16+8+7+1; n++ {
			for off := range 8 {
				streamCase(t, r, l, n, off, 8)
			}
		}
		// float32: 15, 32, 16 and 15.
		for n := 0; n <= 15+2*32+16+15+1; n++ {
			for off := range 16 {
				streamCase(t, r, l, n, off, 16)
			}
		}
	}
}

// streamCase compares the streamed and the plain path of the four fused
// kernels that stream, placing the streamed vector (saved in the
// perturbations, w in the restores) off elements past a 64-byte boundary.
// lanes is 8 for float64 and 16 for float32.
func streamCase(t *testing.T, r *rand.Rand, l Level, n, off, lanes int) {
	t.Helper()
	if lanes == 8 {
		streamRun(t, r, l, n, off, lanes, func(w, g, s, m, v [][]float64, nt bool) {
			scramble()
			l.perturbSave(w[0], g[0], s[0], 0.25, nt)
			scramble()
			l.asamPerturbSave(w[1], g[1], s[1], 0.01, 0.5, nt)
			scramble()
			sgdRestoreGFirst(l, g[2], w[2], s[2], m[2], nt)
			scramble()
			l.adamWRestore(w[3], s[3], g[3], m[3], v[3], 0.9, 0.1, 0.999, 0.001, 1.2, 1e-8, -0.01, 0.99, nt)
		})
		return
	}
	streamRun(t, r, l, n, off, lanes, func(w, g, s, m, v [][]float32, nt bool) {
		scramble()
		l.perturbSave32(w[0], g[0], s[0], 0.25, nt)
		scramble()
		l.asamPerturbSave32(w[1], g[1], s[1], 0.01, 0.5, nt)
		scramble()
		l.sgdRestore32(w[2], s[2], g[2], m[2], -0.1, 0.9, 1e-4, 0.9, 1, 0.999, nt)
		scramble()
		l.adamWRestore32(w[3], s[3], g[3], m[3], v[3], 0.9, 0.1, 0.999, 0.001, 1.2, 1e-8, -0.01, 0.99, nt)
	})
}

// streamRun makes the vectors of the four kernels (index k: perturbSave,
// asamPerturbSave, sgdRestore, adamWRestore), runs them twice from the
// same inputs and compares every output bit for bit.
func streamRun[T float32 | float64](t *testing.T, r *rand.Rand, l Level, n, off, lanes int,
	run func(w, g, s, m, v [][]T, nt bool)) {
	t.Helper()
	// alignedAt's vectors have guard cells past their ends (checkGuard):
	// a head or a loop that runs past n would show there.
	vec := func(o int) []T { return alignedAt[T](r, n, o, lanes) }
	clone := func(xs [][]T) [][]T {
		out := make([][]T, len(xs))
		for k, x := range xs {
			out[k] = append([]T(nil), x...)
		}
		return out
	}
	// The streamed vector (saved for k < 2, w after) at off, the others
	// elsewhere.
	w, g, s, m, v := make([][]T, 4), make([][]T, 4), make([][]T, 4), make([][]T, 4), make([][]T, 4)
	for k := range 4 {
		wOff, sOff := (off+3)%lanes, off
		if k >= 2 {
			wOff, sOff = off, (off+5)%lanes
		}
		w[k], g[k], s[k], m[k], v[k] = vec(wOff), vec((off+1)%lanes), vec(sOff), vec(2), vec(1)
		for i := range v[k] {
			v[k][i] = T(math.Abs(float64(v[k][i])))
		}
	}
	in := [4][][]T{clone(w), clone(s), clone(m), clone(v)}
	var out [2][4][][]T
	for i, nt := range []bool{false, true} {
		for k := range 4 {
			copy(w[k], in[0][k])
			copy(s[k], in[1][k])
			copy(m[k], in[2][k])
			copy(v[k], in[3][k])
		}
		run(w, g, s, m, v, nt)
		out[i] = [4][][]T{clone(w), clone(s), clone(m), clone(v)}
		what := fmt.Sprintf("%s (%d-byte) n=%d off=%d nt=%v", l, unsafe.Sizeof(T(0)), n, off, nt)
		for k := range 4 {
			for name, x := range map[string][]T{"w": w[k], "g": g[k], "saved": s[k], "m": m[k], "v": v[k]} {
				checkGuard(t, what, fmt.Sprint(name, " of kernel ", k), x)
			}
		}
	}
	names := []string{"w", "saved", "m", "v"}
	kern := []string{"perturbSave", "asamPerturbSave", "sgdRestore", "adamWRestore"}
	for o := range 4 {
		for k := range 4 {
			a, b := out[0][o][k], out[1][o][k]
			for i := range a {
				if !sameBitsT(a[i], b[i]) {
					t.Fatalf("%s %s (%d-byte) n=%d off=%d: %s[%d] = %v streamed, %v not",
						l, kern[k], unsafe.Sizeof(a[0]), n, off, names[o], i, b[i], a[i])
				}
			}
		}
	}
}

// sgdRestoreGFirst calls l.sgdRestore with g passed to it in registers
// (first), so that no scratch register is left holding g's pointer when the
// assembly starts: the argument set-up of a direct call did, which hid a
// mutant that read g through such a register.
//
//go:noinline
func sgdRestoreGFirst(l Level, g, w, s, m []float64, nt bool) {
	l.sgdRestore(w, s, g, m, -0.1, 0.9, 1e-4, 0.9, 1, 0.999, nt)
}

// alignedAt returns n random elements starting off elements past a
// 64-byte boundary. The cells past them, up to the slice's capacity, hold
// tailGuard: checkGuard finds a kernel that ran past n.
func alignedAt[T float32 | float64](r *rand.Rand, n, off, lanes int) []T {
	b := make([]T, n+3*lanes)
	for i := range b {
		b[i] = T(tailGuard)
	}
	skip := int((64 - uintptr(unsafe.Pointer(&b[0]))%64) % 64 / unsafe.Sizeof(b[0]))
	x := b[skip+off : skip+off+n]
	for i := range x {
		x[i] = T(r.Float64()*2 - 1)
	}
	return x
}

// tailGuard fills the cells past the vectors of alignedAt.
var tailGuard = math.Inf(-1)

// checkGuard fails the test if a guard cell past x (alignedAt's) changed.
func checkGuard[T float32 | float64](t *testing.T, what, name string, x []T) {
	t.Helper()
	for i, v := range x[len(x):cap(x)] {
		if !sameBitsT(v, T(tailGuard)) {
			t.Fatalf("%s: %s's guard cell %d past its end was written (%v)", what, name, i, v)
		}
	}
}

// sameBitsT reports whether a and b have the same bits, or are both NaN.
func sameBitsT[T float32 | float64](a, b T) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	return a == b && math.Signbit(float64(a)) == math.Signbit(float64(b))
}

// TestKernelsReport: every exported kernel is listed once; a kernel
// reports level l exactly when every private kernel it runs has assembly on
// l, and Generic otherwise, as a table with some assembly taken away shows
// (the state while a group had no assembly on a level yet); and where this
// build reports assembly for the multiply-adds, they round once, as only
// the assembly does.
func TestKernelsReport(t *testing.T) {
	for _, l := range testLevels() {
		seen := map[string]bool{}
		for _, k := range l.Kernels() {
			assert.False(t, seen[k.Name], "%s listed twice", k.Name)
			seen[k.Name] = true
		}
		assert.Len(t, seen, len(kernelTable))
		for _, k := range kernelTable {
			for _, p := range k.parts {
				_, ok := asmKernels[p]
				assert.True(t, ok, "%s: unknown kernel %q", k.name, p)
			}
		}
	}

	saved := asmKernels
	defer func() { asmKernels = saved }()
	asmKernels = map[string][]Level{}
	for k, v := range saved {
		asmKernels[k] = v
	}
	asmKernels["matVec"] = nil                      // no assembly anywhere
	asmKernels["dot32"] = []Level{AVX2}             // on one level only
	asmKernels["sumSqScaled"] = []Level{AVX2, NEON} // Norm needs it and sumSq
	first := map[string]string{}
	for _, k := range kernelTable {
		first[k.name] = k.parts[0]
	}
	want := func(name string, l Level) Level {
		has := slices.Contains(saved[first[name]], l)
		switch {
		case l == Generic, name == "MatVec":
			return Generic
		case name == "Dot32":
			has = l == AVX2
		case name == "Norm":
			has = has && (l == AVX2 || l == NEON)
		}
		if has {
			return l
		}
		return Generic
	}
	for _, l := range []Level{Generic, AVX2, AVX512, NEON} {
		for _, k := range l.Kernels() {
			assert.Equal(t, want(k.Name, l), k.Level, "%s on %s with a reduced table", k.Name, l)
		}
	}
	asmKernels = saved

	// Behaviour: a = 1+2⁻³⁰ times b = 1−2⁻³⁰ is 1−2⁻⁶⁰, which rounds to 1
	// unless it is fused with the addition of −1.
	x := make([]float64, 16)
	y := make([]float64, 16)
	for i := range x {
		x[i], y[i] = 1-0x1p-30, -1
	}
	for _, l := range testLevels() {
		for _, k := range l.Kernels() {
			if k.Name != "AxpyTo" {
				continue
			}
			d := make([]float64, 16)
			l.AxpyTo(d, 1+0x1p-30, x, y)
			if k.Level == Generic {
				assert.Equal(t, 0.0, d[0], "%s reports Generic for AxpyTo: two roundings", l)
			} else {
				assert.Equal(t, -0x1p-60, d[0], "%s reports assembly for AxpyTo: one rounding", l)
			}
		}
	}
}
