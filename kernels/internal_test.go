package kernels

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"

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

// TestAsmShortLengths calls every kernel of every level directly, without the
// Level methods' checks, on lengths 0..32 with integer data whose results are
// exact.
func TestAsmShortLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, l := range testLevels() {
		for n := 0; n <= 2*16; n++ {
			x, y := make([]float64, n), make([]float64, n)
			x32, y32 := make([]float32, n), make([]float32, n)
			for i := range x {
				x[i], y[i] = float64(r.IntN(33)-16), float64(r.IntN(33)-16)
				x32[i], y32[i] = float32(x[i]), float32(y[i])
			}
			exact := ref.Dot(x, y)
			assert.Equal(t, exact, l.dot(x, y), "%s dot n=%d", l, n)
			assert.Equal(t, float32(exact), l.dot32(x32, y32), "%s dot32 n=%d", l, n)
			assert.Equal(t, ref.SumSq(x), l.sumSq(x), "%s sumSq n=%d", l, n)
			assert.Equal(t, ref.SumSq(x32), l.sumSq32(x32), "%s sumSq32 n=%d", l, n)
			assert.Equal(t, ref.SumSq(x), l.sumSqWide32(x32), "%s sumSqWide32 n=%d", l, n)
			assert.Equal(t, 4*ref.SumSq(x), l.sumSqScaled(x, 2), "%s sumSqScaled n=%d", l, n)

			d, want := make([]float64, n), make([]float64, n)
			l.axpyTo(d, 0.5, x, y)
			ref.AxpyTo(want, 0.5, x, y, l.Fused())
			assert.Equal(t, want, d, "%s axpyTo n=%d", l, n)
			d32, want32 := make([]float32, n), make([]float32, n)
			l.axpyTo32(d32, 0.5, x32, y32)
			ref.AxpyTo(want32, 0.5, x32, y32, l.Fused())
			assert.Equal(t, want32, d32, "%s axpyTo32 n=%d", l, n)
			s := make([]float64, n)
			copy(s, x)
			l.scale(-3, s)
			ref.Scale(-3, x)
			assert.Equal(t, x, s, "%s scale n=%d", l, n)
			s32 := make([]float32, n)
			copy(s32, x32)
			l.scale32(-3, s32)
			ref.Scale(-3, x32)
			assert.Equal(t, x32, s32, "%s scale32 n=%d", l, n)
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
	for name, want := range files {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s is out of date: run go generate ./kernels", name)
		}
	}
	if len(files) != 4 {
		t.Errorf("generator made %d files, want 4", len(files))
	}
}

// TestStreamingStores runs the fused kernels with and without non-temporal
// stores on every short length and alignment: the masked head that aligns
// the streamed vector and the loop after it must give the same bits as the
// plain path. (The Level methods only stream vectors of streamMin bytes.)
func TestStreamingStores(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	vec := func(n, off int) []float64 {
		b := make([]float64, n+off+8)
		for i := range b {
			b[i] = r.Float64()*2 - 1
		}
		return b[off : off+n]
	}
	vec32 := func(n, off int) []float32 {
		b := make([]float32, n+off+16)
		for i := range b {
			b[i] = float32(r.Float64()*2 - 1)
		}
		return b[off : off+n]
	}
	for _, l := range testLevels() {
		for n := 0; n <= 200; n++ {
			for off := range 8 {
				w, g, s, m, v := vec(n, off), vec(n, (off+3)%8), vec(n, (off+5)%8), vec(n, 1), vec(n, 2)
				for i := range v {
					v[i] = math.Abs(v[i])
				}
				run := func(nt bool) [][]float64 {
					c := func(x []float64) []float64 { return append([]float64(nil), x...) }
					w1, s1, m1, v1, w2, s2, w3, m3 := c(w), c(s), c(m), c(v), c(w), c(s), c(w), c(m)
					l.perturbSave(w1, g, s1, 0.25, nt)
					l.asamPerturbSave(w2, g, s2, 0.01, 0.5, nt)
					l.sgdRestore(w3, s, g, m3, -0.1, 0.9, 1e-4, 0.9, 1, 0.999, nt)
					w4 := c(w)
					l.adamWRestore(w4, s, g, m1, v1, 0.9, 0.1, 0.999, 0.001, 1.2, 1e-8, -0.01, 0.99, nt)
					return [][]float64{w1, s1, w2, s2, w3, m3, w4, m1, v1}
				}
				a, b := run(false), run(true)
				for k := range a {
					if i := firstDiffBits(a[k], b[k]); i >= 0 {
						t.Fatalf("%s n=%d off=%d output %d element %d: %v streamed, %v not", l, n, off, k, i, b[k][i], a[k][i])
					}
				}
				w32, g32, s32 := vec32(n, off), vec32(n, (off+7)%16), vec32(n, 0)
				p1, q1, p2, q2 := append([]float32(nil), w32...), append([]float32(nil), s32...), append([]float32(nil), w32...), append([]float32(nil), s32...)
				l.perturbSave32(p1, g32, q1, 0.25, false)
				l.perturbSave32(p2, g32, q2, 0.25, true)
				assert.Equal(t, p1, p2, "%s n=%d off=%d perturbSave32 w", l, n, off)
				assert.Equal(t, q1, q2, "%s n=%d off=%d perturbSave32 saved", l, n, off)
			}
		}
	}
}

func firstDiffBits(a, b []float64) int {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestKernelsReport: every exported kernel is listed once, and on a level
// the report says assembly for it only where the dispatch really calls it.
func TestKernelsReport(t *testing.T) {
	for _, l := range testLevels() {
		seen := map[string]bool{}
		for _, k := range l.Kernels() {
			assert.False(t, seen[k.Name], "%s listed twice", k.Name)
			seen[k.Name] = true
			assert.True(t, k.Level == l || k.Level == Generic, "%s on %s runs %s", k.Name, l, k.Level)
		}
		assert.Len(t, seen, len(kernelTable))
		// Every private kernel the table names exists in the generated map.
		for _, k := range kernelTable {
			for _, p := range k.parts {
				_, ok := asmKernels[p]
				assert.True(t, ok, "%s: unknown kernel %q", k.name, p)
			}
		}
	}
	if AVX512.Supported() {
		for _, k := range AVX512.Kernels() {
			assert.Equal(t, AVX512, k.Level, "%s has AVX-512 assembly", k.Name)
		}
	}
	for _, k := range Generic.Kernels() {
		assert.Equal(t, Generic, k.Level)
	}
}
