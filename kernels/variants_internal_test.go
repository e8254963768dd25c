package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/samkern/samkern/internal/ref"
)

// TestVariantFlags pins the bits of flags that the assembly
// (variants_*.s) defines as FL_* constants of its own.
func TestVariantFlags(t *testing.T) {
	got := [...]int{flZeroG, flZeroG2, flG2, flC, flKeep, flNT2}
	want := [...]int{1, 2, 4, 8, 16, 32}
	if got != want {
		t.Fatalf("flags = %v, want %v (change variants_*.s with them)", got, want)
	}
}

// TestVariantStreaming runs the private variant kernels that stream with
// and without nt, with every combination of their flags, in float64 and
// float32, at every offset of the streamed vector from a 64-byte boundary
// and every length through two passes of the streaming loop, its
// one-vector step and its masked tail (as TestStreamingStores does for the
// fused kernels): every output must have the reference's bits. The second
// streamed vector (flNT2) has the first one's alignment when it is
// streamed and another one when it is not.
func TestVariantStreaming(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, l := range testLevels() {
		for n := 0; n <= 7+2*16+8+7+1; n++ {
			for off := range 8 {
				variantStream[float64](t, r, l, n, off, 8)
				stepStream[float64](t, r, l, n, off, 8)
			}
		}
		for n := 0; n <= 15+2*32+16+15+1; n++ {
			for off := range 16 {
				variantStream[float32](t, r, l, n, off, 16)
				stepStream[float32](t, r, l, n, off, 16)
			}
		}
	}
}

func variantStream[T float32 | float64](t *testing.T, r *rand.Rand, l Level, n, off, lanes int) {
	t.Helper()
	perturbStream[T](t, r, l, n, off, lanes, false)
	perturbStream[T](t, r, l, n, off, lanes, true)
	fsamStream[T](t, r, l, n, off, lanes)
}

// fsamStream is variantStream for fsamPerturb: saved streamed with nt,
// next too with flNT2 (then at saved's alignment), g zeroed or not.
func fsamStream[T float32 | float64](t *testing.T, r *rand.Rand, l Level, n, off, lanes int) {
	t.Helper()
	for _, flags := range []int{0, flZeroG, flNT2, flNT2 | flZeroG} {
		for _, nt := range []bool{false, true} {
			nextOff := (off + 3) % lanes
			if flags&flNT2 != 0 {
				if !nt {
					continue
				}
				nextOff = off
			}
			w, g := alignedAt[T](r, n, (off+5)%lanes, lanes), alignedAt[T](r, n, (off+1)%lanes, lanes)
			m, saved, next := alignedAt[T](r, n, (off+2)%lanes, lanes), alignedAt[T](r, n, off, lanes), alignedAt[T](r, n, nextOff, lanes)
			ww, wg, wm, ws, wn := clone(w), clone(g), clone(m), clone(saved), clone(next)
			s, sigma, lambda := T(0.043), T(0.9), T(0.85)
			ref.FSAMPerturb(ww, wg, wm, ws, wn, s, sigma, lambda, flags&flZeroG != 0, l.Fused())
			scramble()
			switch x := any(w).(type) {
			case []float64:
				l.fsamPerturb(x, any(g).([]float64), any(m).([]float64), any(saved).([]float64), any(next).([]float64),
					float64(s), -float64(sigma), float64(lambda), 1-float64(lambda), flags, nt)
			case []float32:
				l.fsamPerturb32(x, any(g).([]float32), any(m).([]float32), any(saved).([]float32), any(next).([]float32),
					float32(s), -float32(sigma), float32(lambda), 1-float32(lambda), flags, nt)
			}
			what := fmt.Sprintf("%s fsamPerturb (%d-byte) flags=%#x nt=%v n=%d off=%d", l, unsafe.Sizeof(s), flags, nt, n, off)
			for _, p := range [][3]any{{"w", w, ww}, {"g", g, wg}, {"m", m, wm}, {"saved", saved, ws}, {"next", next, wn}} {
				a, b := p[1].([]T), p[2].([]T)
				checkGuard(t, what, p[0].(string), a)
				for i := range a {
					if !sameBitsT(a[i], b[i]) {
						t.Fatalf("%s: %s[%d] = %v, want %v", what, p[0], i, a[i], b[i])
					}
				}
			}
		}
	}
}

// perturbStream is variantStream for perturb (asam false) or asamPerturb.
func perturbStream[T float32 | float64](t *testing.T, r *rand.Rand, l Level, n, off, lanes int, asam bool) {
	t.Helper()
	for _, flags := range []int{0, flZeroG, flKeep, flKeep | flZeroG, flKeep | flNT2, flKeep | flNT2 | flZeroG} {
		for _, nt := range []bool{false, true} {
			keepOff := (off + 3) % lanes
			if flags&flNT2 != 0 {
				if !nt {
					continue
				}
				keepOff = off
			}
			w, g := alignedAt[T](r, n, (off+5)%lanes, lanes), alignedAt[T](r, n, (off+1)%lanes, lanes)
			saved, keep := alignedAt[T](r, n, off, lanes), alignedAt[T](r, n, keepOff, lanes)
			var k []T
			if flags&flKeep != 0 {
				k = keep
			}
			s := T(0.37)
			ww, wg, ws, wk := clone(w), clone(g), clone(saved), clone(keep)
			var wkeep []T
			if k != nil {
				wkeep = wk
			}
			if asam {
				ref.ASAMPerturb(ww, wg, ws, wkeep, 0.01, s, flags&flZeroG != 0, l.Fused())
			} else {
				ref.Perturb(ww, wg, ws, wkeep, s, flags&flZeroG != 0, l.Fused())
			}
			scramble()
			switch x := any(w).(type) {
			case []float64:
				if asam {
					l.asamPerturb(x, any(g).([]float64), any(saved).([]float64), any(k).([]float64), 0.01, float64(s), flags, nt)
				} else {
					l.perturb(x, any(g).([]float64), any(saved).([]float64), any(k).([]float64), float64(s), flags, nt)
				}
			case []float32:
				if asam {
					l.asamPerturb32(x, any(g).([]float32), any(saved).([]float32), any(k).([]float32), 0.01, float32(s), flags, nt)
				} else {
					l.perturb32(x, any(g).([]float32), any(saved).([]float32), any(k).([]float32), float32(s), flags, nt)
				}
			}
			what := fmt.Sprintf("%s perturb (asam %v, %d-byte) flags=%#x nt=%v n=%d off=%d", l, asam, unsafe.Sizeof(s), flags, nt, n, off)
			for _, p := range [][3]any{{"w", w, ww}, {"g", g, wg}, {"saved", saved, ws}, {"keep", keep, wk}} {
				a, b := p[1].([]T), p[2].([]T)
				checkGuard(t, what, p[0].(string), a)
				for i := range a {
					if !sameBitsT(a[i], b[i]) {
						t.Fatalf("%s: %s[%d] = %v, want %v", what, p[0], i, a[i], b[i])
					}
				}
			}
		}
	}
}

func clone[T any](x []T) []T { return append([]T(nil), x...) }

// stepStream runs sgdStep and adamWStep with every valid combination of its flags on w
// off elements past a 64-byte boundary, with nt and without (whose bits
// TestVariants checks against the reference): the vectors must agree bit
// for bit and both sums be Σ m² within the bound of a reordered sum.
func stepStream[T float32 | float64](t *testing.T, r *rand.Rand, l Level, n, off, lanes int) {
	t.Helper()
	for _, adam := range []bool{false, true} {
		kern := "sgdStep"
		if adam {
			kern = "adamWStep"
		}
		stepStreamOne[T](t, r, l, n, off, lanes, adam, kern)
	}
}

func stepStreamOne[T float32 | float64](t *testing.T, r *rand.Rand, l Level, n, off, lanes int, adam bool, kern string) {
	t.Helper()
	for _, flags := range []int{0, flZeroG, flG2, flG2 | flZeroG, flG2 | flZeroG2, flG2 | flZeroG | flZeroG2,
		flG2 | flC, flG2 | flC | flZeroG, flG2 | flC | flZeroG2, flG2 | flC | flZeroG | flZeroG2} {
		var in [6][]T // w, saved, g, g2, m, v
		for k := range in {
			in[k] = alignedAt[T](r, n, (off+3*k)%lanes, lanes)
		}
		for i := range in[5] {
			in[5][i] = T(math.Abs(float64(in[5][i])))
		}
		var out [2][6][]T
		var sums [2]float64
		for j, nt := range []bool{false, true} {
			var v [6][]T
			for k := range v {
				v[k] = alignedAt[T](r, n, (off+3*k)%lanes, lanes)
				copy(v[k], in[k])
			}
			scramble()
			switch x := any(v).(type) {
			case [6][]float64:
				if adam {
					sums[j] = l.adamWStep(x[0], x[1], x[2], x[3], x[4], x[5], 0.9, -0.3, 0.05, 0.9, 0.1, 0.999, 0.001, 1.2, 1e-8, -0.01, 0.99, flags, nt)
				} else {
					sums[j] = l.sgdStep(x[0], x[1], x[2], x[3], x[4], 0.9, -0.3, 0.05, -0.1, 0.9, 1e-3, 0.9, 1, 0.999, flags, nt)
				}
			case [6][]float32:
				if adam {
					sums[j] = l.adamWStep32(x[0], x[1], x[2], x[3], x[4], x[5], 0.9, -0.3, 0.05, 0.9, 0.1, 0.999, 0.001, 1.2, 1e-8, -0.01, 0.99, flags, nt)
				} else {
					sums[j] = l.sgdStep32(x[0], x[1], x[2], x[3], x[4], 0.9, -0.3, 0.05, -0.1, 0.9, 1e-3, 0.9, 1, 0.999, flags, nt)
				}
			}
			out[j] = v
		}
		what := fmt.Sprintf("%s %s (%d-byte) flags=%#x n=%d off=%d", l, kern, unsafe.Sizeof(in[0][:1][0]), flags, n, off)
		for k := range out[0] {
			checkGuard(t, what+" nt=false", fmt.Sprint("vector ", k), out[0][k])
			checkGuard(t, what+" nt=true", fmt.Sprint("vector ", k), out[1][k])
			for i := range out[0][k] {
				if !sameBitsT(out[0][k][i], out[1][k][i]) {
					t.Fatalf("%s: vector %d [%d] = %v streamed, %v not", what, k, i, out[1][k][i], out[0][k][i])
				}
			}
		}
		for j := range sums {
			if err := ref.CheckDot(sums[j], out[j][4], out[j][4], n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s nt=%v: sum: %v", what, j == 1, err)
			}
		}
	}
}
