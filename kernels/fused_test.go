package kernels_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/guard"
	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// fusedVecs is the state of one fused-kernel test: parameter-sized vectors.
type fusedVecs[T ref.Float] struct{ w, g, saved, m, v []T }

func (f fusedVecs[T]) clone() fusedVecs[T] {
	return fusedVecs[T]{roomy(f.w), roomy(f.g), roomy(f.saved), roomy(f.m), roomy(f.v)}
}

// fusedCase is one fused kernel: run calls it on level l, want runs the
// reference; both mutate the vectors they are given.
type fusedCase[T ref.Float] struct {
	name string
	run  func(l kernels.Level, f fusedVecs[T])
	want func(fused bool, f fusedVecs[T])
}

// Optimizer settings for the tests: lr, momentum, l2, decoupled, nesterov;
// AdamW lr, beta1, beta2, eps, decay, t.
var sgdSettings = []struct {
	lr, mu, l2, dec float64
	nest            bool
}{{0.1, 0.9, 0, 0, false}, {0.05, 0.9, 1e-4, 0, true}, {0.01, 0, 0, 5e-4, false}, {0.3, 0.5, 1e-2, 1e-3, true}}

var adamSettings = []struct {
	lr, b1, b2, eps, dec float64
	t                    int
}{{1e-3, 0.9, 0.999, 1e-8, 0.01, 1}, {3e-4, 0.9, 0.95, 1e-6, 0, 7}, {1e-2, 0.5, 0.9, 1e-3, 0.1, 1000}}

func fusedCases[T ref.Float](
	perturb func(kernels.Level, []T, []T, []T, T),
	sgd func(kernels.Level, []T, []T, []T, []T, float64, float64, float64, float64, bool),
	adam func(kernels.Level, []T, []T, []T, []T, []T, float64, float64, float64, float64, float64, int),
	asam func(kernels.Level, []T, []T, []T, T, T), suffix string) []fusedCase[T] {
	cases := []fusedCase[T]{
		{"PerturbSave" + suffix,
			func(l kernels.Level, f fusedVecs[T]) { perturb(l, f.w, f.g, f.saved, 0.0371) },
			func(fu bool, f fusedVecs[T]) { ref.PerturbSave(f.w, f.g, f.saved, 0.0371, fu) }},
		{"ASAMPerturbSave" + suffix,
			func(l kernels.Level, f fusedVecs[T]) { asam(l, f.w, f.g, f.saved, 0.01, -0.3) },
			func(fu bool, f fusedVecs[T]) { ref.ASAMPerturbSave(f.w, f.g, f.saved, 0.01, -0.3, fu) }},
	}
	for k, s := range sgdSettings {
		cases = append(cases, fusedCase[T]{fmt.Sprintf("SGDRestore%s/%d", suffix, k),
			func(l kernels.Level, f fusedVecs[T]) { sgd(l, f.w, f.saved, f.g, f.m, s.lr, s.mu, s.l2, s.dec, s.nest) },
			func(fu bool, f fusedVecs[T]) {
				ref.SGDRestore(f.w, f.saved, f.g, f.m, s.lr, s.mu, s.l2, s.dec, s.nest, fu)
			}})
	}
	for k, s := range adamSettings {
		cases = append(cases, fusedCase[T]{fmt.Sprintf("AdamWRestore%s/%d", suffix, k),
			func(l kernels.Level, f fusedVecs[T]) {
				adam(l, f.w, f.saved, f.g, f.m, f.v, s.lr, s.b1, s.b2, s.eps, s.dec, s.t)
			},
			func(fu bool, f fusedVecs[T]) {
				ref.AdamWRestore(f.w, f.saved, f.g, f.m, f.v, s.lr, s.b1, s.b2, s.eps, s.dec, s.t, fu)
			}})
	}
	return cases
}

func fusedCases64() []fusedCase[float64] {
	return fusedCases(kernels.Level.PerturbSave, kernels.Level.SGDRestore, kernels.Level.AdamWRestore, kernels.Level.ASAMPerturbSave, "")
}

func fusedCases32() []fusedCase[float32] {
	return fusedCases(kernels.Level.PerturbSave32, kernels.Level.SGDRestore32, kernels.Level.AdamWRestore32, kernels.Level.ASAMPerturbSave32, "32")
}

// newFused fills parameter-like vectors: weights, gradients, momentum, and a
// non-negative second moment.
func newFused[T ref.Float](r *rand.Rand, n, off int) fusedVecs[T] {
	f := fusedVecs[T]{aligned[T](n, off), aligned[T](n, (off+1)%8), aligned[T](n, (off+2)%8), aligned[T](n, (off+3)%8), aligned[T](n, (off+4)%8)}
	for _, x := range [][]T{f.w, f.g, f.saved, f.m} {
		randVec(r, x)
	}
	for i := range f.v {
		f.v[i] = T(math.Ldexp(r.Float64(), -r.IntN(12)))
	}
	return f
}

// diffFused returns a description of the first difference, or "".
func diffFused[T ref.Float](got, want fusedVecs[T]) string {
	names := []string{"w", "g", "saved", "m", "v"}
	for k, pair := range [][2][]T{{got.w, want.w}, {got.g, want.g}, {got.saved, want.saved}, {got.m, want.m}, {got.v, want.v}} {
		if i := firstDiff(pair[0], pair[1]); i >= 0 {
			return fmt.Sprintf("%s[%d] = %v, want %v", names[k], i, pair[0][i], pair[1][i])
		}
		if i := roomChanged(pair[0]); i >= 0 {
			return fmt.Sprintf("%s: cell %d past its length was written (%v)", names[k], i, pair[0][len(pair[0])+i])
		}
	}
	return ""
}

// fusedOffsets returns every offset up to the lengths where the widest
// fused loop (AVX-512 float32: two vectors of 16, then one, then the masked
// tail) has run through all its forms, and two per length beyond, or every
// offset always in full mode. Outside the streaming path (which
// TestStreamingStores covers at every offset and length) the offset
// changes no path of the assembly; it is tested all the same.
func fusedOffsets(n int) []int {
	if n <= 2*32+16+15 {
		return []int{0, 1, 2, 3, 4, 5, 6, 7}
	}
	return offsets(n)
}

// testFused demands the reference's bits in every output for every level,
// every length around the unrolling at every offset from a 64-byte
// boundary, and long vectors.
func testFused[T ref.Float](t *testing.T, cases []fusedCase[T]) {
	for _, l := range levels() {
		for _, c := range cases {
			t.Run(c.name+"/"+l.String(), func(t *testing.T) {
				r := newRand(t, 21)
				check := func(n, off int) {
					f := newFused[T](r, n, off)
					got, want := f.clone(), f.clone()
					c.run(l, got)
					c.want(l.Fused(), want)
					if d := diffFused(got, want); d != "" {
						t.Fatalf("n=%d off=%d: %s", n, off, d)
					}
				}
				for _, n := range smallLengths() {
					for _, off := range fusedOffsets(n) {
						check(n, off)
					}
				}
				for _, n := range largeLengths() {
					check(n, 5)
				}
			})
		}
	}
}

func TestFused64(t *testing.T) { testFused(t, fusedCases64()) }
func TestFused32(t *testing.T) { testFused(t, fusedCases32()) }

// TestASAMSumSq checks Σ((|w|+eta)·g)² like any reduction, against the exact
// sum of the per-element terms as the kernel rounds them.
func TestASAMSumSq(t *testing.T) {
	for _, l := range levels() {
		r := newRand(t, 22)
		for k, n := range append(smallLengths(), largeLengths()...) {
			w, g := aligned[float64](n, k%8), aligned[float64](n, 3)
			randVec(r, w)
			randVec(r, g)
			terms := ref.ASAMTerms(w, g, 0.01)
			got := l.ASAMSumSq(w, g, 0.01)
			require.NoError(t, ref.CheckDot(got, terms, terms, n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64), "%s n=%d", l, n)
			w32, g32 := aligned[float32](n, 1), aligned[float32](n, (k*3)%8)
			randVec(r, w32)
			randVec(r, g32)
			terms = ref.ASAMTerms(w32, g32, 0.01)
			got = l.ASAMSumSq32(w32, g32, 0.01)
			require.NoError(t, ref.CheckDot(got, terms, terms, n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64), "%s n=%d (32)", l, n)
		}
		// A NaN or an infinity in g makes the sum non-finite: the optimizer's
		// check of the gradient relies on it.
		w, g := make([]float64, 70), make([]float64, 70)
		g[69] = math.NaN()
		assert.True(t, math.IsNaN(l.ASAMSumSq(w, g, 0.01)), l.String())
		g[69] = math.Inf(-1)
		assert.True(t, math.IsInf(l.ASAMSumSq(w, g, 0.01), 1), l.String())
	}
}

// TestFusedSpecial: NaN and infinities in the inputs reach the outputs as
// the reference's operation sequence says.
func TestFusedSpecial(t *testing.T) {
	for _, l := range levels() {
		r := newRand(t, 23)
		for k := range 300 {
			n := []int{1, 3, 8, 17, 33, 65, 130}[k%7]
			f := newFused[float64](r, n, k%8)
			for j := 0; j < 1+k%3; j++ {
				vecs := [][]float64{f.w, f.g, f.saved, f.m, f.v}
				x := vecs[r.IntN(len(vecs))]
				x[r.IntN(n)] = specialValues[r.IntN(len(specialValues))]
			}
			for i := range f.v {
				f.v[i] = math.Abs(f.v[i])
			}
			for _, c := range fusedCases64() {
				got, want := f.clone(), f.clone()
				c.run(l, got)
				c.want(l.Fused(), want)
				if d := diffFused(got, want); d != "" {
					t.Fatalf("%s %s n=%d: %s", l, c.name, n, d)
				}
			}
		}
	}
}

// TestFusedPanics: short vectors and overlapping outputs panic, naming them.
func TestFusedPanics(t *testing.T) {
	w, g, s, m, v := make([]float64, 8), make([]float64, 8), make([]float64, 8), make([]float64, 8), make([]float64, 8)
	for _, l := range levels() {
		assert.Equal(t, "kernels.PerturbSave: len(g) = 7 is shorter than len(w) = 8",
			expectPanic(t, func() { l.PerturbSave(w, g[:7], s, 1) }))
		assert.Equal(t, "kernels.PerturbSave: saved overlaps w",
			expectPanic(t, func() { l.PerturbSave(w, g, w, 1) }))
		assert.Equal(t, "kernels.SGDRestore: len(m) = 2 is shorter than len(w) = 8",
			expectPanic(t, func() { l.SGDRestore(w, s, g, m[:2], 0.1, 0.9, 0, 0, false) }))
		assert.Equal(t, "kernels.SGDRestore: w overlaps saved",
			expectPanic(t, func() { l.SGDRestore(w, w, g, m, 0.1, 0.9, 0, 0, false) }))
		assert.Equal(t, "kernels.AdamWRestore: m overlaps v",
			expectPanic(t, func() { l.AdamWRestore(w, s, g, m, m, 1e-3, 0.9, 0.999, 1e-8, 0, 1) }))
		assert.Equal(t, "kernels.AdamWRestore: step t must be at least 1",
			expectPanic(t, func() { l.AdamWRestore(w, s, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 0, 0) }))
		assert.Equal(t, "kernels.ASAMSumSq32: len(g) = 1 is shorter than len(w) = 2",
			expectPanic(t, func() { l.ASAMSumSq32(make([]float32, 2), make([]float32, 1), 0) }))
		// Empty vectors are fine.
		l.PerturbSave(nil, nil, nil, 1)
		l.SGDRestore32(nil, nil, nil, nil, 0.1, 0.9, 0, 0, true)
		assert.Equal(t, 0.0, l.ASAMSumSq(nil, nil, 0.1))
	}
}

// TestFusedGuard runs the fused kernels with every vector flush against a
// guard page, alternately at the start and at the end of its buffer.
func TestFusedGuard(t *testing.T) {
	r := newRand(t, 24)
	bufs := make([]*guard.Buffer, 5)
	for i := range bufs {
		var err error
		bufs[i], err = guard.New((3*maxUnroll + 2) * 8)
		require.NoError(t, err)
		t.Cleanup(func() { _ = bufs[i].Free() })
	}
	place := func(n, k int) []float64 {
		if k%2 == 0 {
			return guard.Head[float64](bufs[k], n)
		}
		return guard.Tail[float64](bufs[k], n)
	}
	place32 := func(n, k int) []float32 {
		if k%2 == 1 {
			return guard.Head[float32](bufs[k], n)
		}
		return guard.Tail[float32](bufs[k], n)
	}
	for _, l := range levels() {
		for _, n := range smallLengths() {
			src := newFused[float64](r, n, 0)
			f := fusedVecs[float64]{place(n, 0), place(n, 1), place(n, 2), place(n, 3), place(n, 4)}
			for _, c := range fusedCases64() {
				for k, x := range [][]float64{src.w, src.g, src.saved, src.m, src.v} {
					copy([][]float64{f.w, f.g, f.saved, f.m, f.v}[k], x)
				}
				want := src.clone()
				c.run(l, f)
				c.want(l.Fused(), want)
				require.Empty(t, diffFused(f, want), "%s %s n=%d", l, c.name, n)
			}
			terms := ref.ASAMTerms(f.w, f.g, 0.5)
			require.NoError(t, ref.CheckDot(l.ASAMSumSq(f.w, f.g, 0.5), terms, terms, n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64),
				"%s ASAMSumSq n=%d", l, n)
			src32 := newFused[float32](r, n, 0)
			f32 := fusedVecs[float32]{place32(n, 0), place32(n, 1), place32(n, 2), place32(n, 3), place32(n, 4)}
			for _, c := range fusedCases32() {
				for k, x := range [][]float32{src32.w, src32.g, src32.saved, src32.m, src32.v} {
					copy([][]float32{f32.w, f32.g, f32.saved, f32.m, f32.v}[k], x)
				}
				want := src32.clone()
				c.run(l, f32)
				c.want(l.Fused(), want)
				require.Empty(t, diffFused(f32, want), "%s %s n=%d", l, c.name, n)
			}
			terms = ref.ASAMTerms(f32.w, f32.g, 0.5)
			require.NoError(t, ref.CheckDot(l.ASAMSumSq32(f32.w, f32.g, 0.5), terms, terms, n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64),
				"%s ASAMSumSq32 n=%d", l, n)
		}
	}
}
