package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/samkern/samkern/internal/ref"
)

// The summation structure of the reductions' assembly, as their headers
// describe it, written out in Go: which accumulator and lane each term goes
// to, in what order the accumulators are folded and the lanes added, where
// the tail goes. TestSumStructure demands the exact bits of this model from
// every level's assembly, on data whose sum depends on the order, so that a
// wrong accumulator, a loop that ends one block early or a fold in another
// order fails although the result would still be within the error bound of
// a reordered sum (which TestReductions checks for every level, Generic
// included).

// sumPlan is one routine's structure on one level.
type sumPlan struct {
	lanes    int  // elements of the accumulation type per vector
	block    int  // elements per main-loop iteration: block/lanes accumulators
	vec      int  // elements per step of the vector loop (accumulators vec/lanes from 0)
	foldMain bool // AVX-512 Level 1: fold the eight accumulators right after the main loop, only if it ran
	fold     int  // 8: ((0+1)+(2+3))+((4+5)+(6+7)); 4: (0+1)+(2+3), after the vector loop and a masked tail
	masked   bool // the tail goes into accumulator 1 in one masked step; otherwise one element at a time after the lanes are added
	adjacent bool // the lanes are added pairwise from lane 0 up (NEON FADDP); otherwise by halves (AVX)
}

// sumModel returns Σ fma(a(i), b(i)) over n terms in the plan's order, in T.
func sumModel[T float32 | float64](p sumPlan, n int, a, b func(i int) T) T {
	fma := func(x, y, z T) T { return ref.FMA(x, y, z) }
	acc := make([][]T, 8)
	for k := range acc {
		acc[k] = make([]T, p.lanes)
	}
	add := func(dst, src []T) {
		for j := range dst {
			dst[j] += src[j]
		}
	}
	fold8 := func() {
		add(acc[0], acc[1])
		add(acc[2], acc[3])
		add(acc[4], acc[5])
		add(acc[6], acc[7])
		add(acc[0], acc[2])
		add(acc[4], acc[6])
		add(acc[0], acc[4])
	}
	i := 0
	ran := false
	for ; i+p.block <= n; i += p.block {
		for k := range p.block {
			acc[k/p.lanes][k%p.lanes] = fma(a(i+k), b(i+k), acc[k/p.lanes][k%p.lanes])
		}
		ran = true
	}
	if p.foldMain && ran {
		fold8()
		clear(acc[1])
	}
	for ; i+p.vec <= n; i += p.vec {
		for k := range p.vec {
			acc[k/p.lanes][k%p.lanes] = fma(a(i+k), b(i+k), acc[k/p.lanes][k%p.lanes])
		}
	}
	if p.masked {
		for k := 0; i < n; k, i = k+1, i+1 {
			acc[1][k] = fma(a(i), b(i), acc[1][k])
		}
	}
	switch {
	case p.foldMain:
		add(acc[0], acc[1])
	case p.fold == 8:
		fold8()
	default:
		add(acc[0], acc[1])
		add(acc[2], acc[3])
		add(acc[0], acc[2])
	}
	v := acc[0]
	for len(v) > 1 {
		h := len(v) / 2
		w := make([]T, h)
		for j := range w {
			if p.adjacent {
				w[j] = v[2*j] + v[2*j+1]
			} else {
				w[j] = v[j] + v[j+h]
			}
		}
		v = w
	}
	s := v[0]
	for ; i < n; i++ {
		s = fma(a(i), b(i), s)
	}
	return s
}

// sumPlans returns the plans of a routine class on level l, for float64 and
// float32 accumulation, or false where l has none (Generic).
func sumPlans(l Level, class string) (f64, f32 sumPlan, ok bool) {
	var vecBytes int
	switch l {
	case AVX2:
		vecBytes = 32
	case AVX512:
		vecBytes = 64
	case NEON:
		vecBytes = 16
	default:
		return f64, f32, false
	}
	mk := func(lanes int) sumPlan {
		p := sumPlan{lanes: lanes, vec: lanes, adjacent: l == NEON}
		switch class {
		case "reduce": // dot, sumSq: eight accumulators
			p.block, p.fold = 8*lanes, 8
			if l == AVX512 {
				p.foldMain, p.masked = true, true
			}
		case "pair": // dotPair: four per output
			p.block, p.fold = 4*lanes, 4
			p.masked = l == AVX512
		case "asam": // asamSumSq: four accumulators on amd64, eight on NEON
			p.block, p.fold = 4*lanes, 4
			p.masked = l == AVX512
			if l == NEON {
				p.block, p.fold = 8*lanes, 8
			}
		}
		return p
	}
	return mk(vecBytes / 8), mk(vecBytes / 4), true
}

// TestSumStructure checks every reduction of every SIMD level bit for bit
// against its plan, on every default test length.
func TestSumStructure(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 41))
	// Two kinds of data: magnitudes spread over 2^±8, and magnitudes in
	// [1, 2) with random signs, where every term is comparable to the
	// partial sums, so that one rounding more or less (an FMA into another
	// accumulator, a term moved to the tail) shows in the result.
	narrow := false
	vec := func(n int) ([]float64, []float32) {
		x, x32 := make([]float64, n), make([]float32, n)
		for i := range x {
			if narrow {
				x[i] = (1 + r.Float64()) * float64(1-2*r.IntN(2))
			} else {
				x[i] = math.Ldexp(2*r.Float64()-1, r.IntN(17)-8)
			}
			x32[i] = float32(x[i])
		}
		return x, x32
	}
	lengths := []int{}
	for n := 0; n <= 2*64+1; n++ {
		lengths = append(lengths, n)
	}
	for n := 130; n <= 385; n += 5 {
		lengths = append(lengths, n)
	}
	for _, l := range testLevels() {
		p64, p32, ok := sumPlans(l, "reduce")
		if !ok {
			continue
		}
		pp64, pp32, _ := sumPlans(l, "pair")
		pa64, _, _ := sumPlans(l, "asam")
		for k, n := range append(lengths, lengths...) {
			narrow = k >= len(lengths)
			x, x32 := vec(n)
			y, y32 := vec(n)
			b, b32 := vec(n)
			at := func(v []float64) func(int) float64 { return func(i int) float64 { return v[i] } }
			at32 := func(v []float32) func(int) float32 { return func(i int) float32 { return v[i] } }
			wide := func(i int) float64 { return float64(x32[i]) }
			check := func(name string, got, want float64) {
				t.Helper()
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("%s %s n=%d: %v, the plan gives %v", l, name, n, got, want)
				}
			}
			check("dot", l.dot(x, y), sumModel(p64, n, at(x), at(y)))
			check("dot32", float64(l.dot32(x32, y32)), float64(sumModel(p32, n, at32(x32), at32(y32))))
			check("sumSq", l.sumSq(x), sumModel(p64, n, at(x), at(x)))
			check("sumSq32", float64(l.sumSq32(x32)), float64(sumModel(p32, n, at32(x32), at32(x32))))
			// sumSqWide32 accumulates float64: the float64 plan, except
			// NEON's vector loop, which widens four float32 at a time.
			pw := p64
			if l == NEON {
				pw.vec = 4
			}
			check("sumSqWide32", l.sumSqWide32(x32), sumModel(pw, n, wide, wide))
			// sumSqScaled: the squares of x·2⁻⁵⁰⁰, rounded; AVX2's main loop
			// takes four vectors.
			ps := p64
			if l == AVX2 {
				ps.block = 4 * ps.lanes
			}
			sc := func(i int) float64 { return float64(x[i] * 0x1p-500) }
			check("sumSqScaled", l.sumSqScaled(x, 0x1p-500), sumModel(ps, n, sc, sc))
			xa, xb := l.dotPair(x, y, b)
			check("dotPair x·a", xa, sumModel(pp64, n, at(x), at(y)))
			check("dotPair x·b", xb, sumModel(pp64, n, at(x), at(b)))
			xa32, xb32 := l.dotPair32(x32, y32, b32)
			check("dotPair32 x·a", float64(xa32), float64(sumModel(pp32, n, at32(x32), at32(y32))))
			check("dotPair32 x·b", float64(xb32), float64(sumModel(pp32, n, at32(x32), at32(b32))))
			// asamSumSq: the squares of the terms as ref.ASAMTerms rounds
			// them, both types summed in float64; NEON's float32 vector
			// loop takes four at a time.
			ts := ref.ASAMTerms(x, y, 0.01)
			check("asamSumSq", l.asamSumSq(x, y, 0.01), sumModel(pa64, n, at(ts), at(ts)))
			ts32 := ref.ASAMTerms(x32, y32, 0.01)
			pa := pa64
			if l == NEON {
				pa.vec = 4
			}
			check("asamSumSq32", l.asamSumSq32(x32, y32, 0.01), sumModel(pa, n, at(ts32), at(ts32)))
		}
	}
}

// TestLevel2Direct calls the matrix kernels' entry points directly, outside
// the Level methods' blocking, on one problem per shape: another calling
// context than the Level methods (a register the assembly forgets to set
// would hold another stale value here), checked like TestLevel2.
func TestLevel2Direct(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, l := range testLevels() {
		for _, n := range []int{1, 2, 3, 4, 5, 7, 9, 17, 33, 70} {
			a, x, y := make([]float64, n*n), make([]float64, n), make([]float64, n)
			a32, x32, y32 := make([]float32, n*n), make([]float32, n), make([]float32, n)
			for i := range a {
				a[i] = float64(r.IntN(9) - 4)
				a32[i] = float32(a[i])
			}
			for i := range x {
				x[i], y[i] = float64(r.IntN(9)-4), float64(r.IntN(9)-4)
				x32[i], y32[i] = float32(x[i]), float32(y[i])
			}
			// Integer data: every result below is exact on every level.
			want := make([]float64, n)
			for i := range n {
				for j := range n {
					aij := a[min(i, j)*n+max(i, j)]
					want[i] += aij * x[j]
				}
				want[i] = 2*want[i] + y[i]
			}
			got, got32 := append([]float64(nil), y...), append([]float32(nil), y32...)
			scramble()
			l.symMatVec(got, 2, a, n, x, 0, n)
			scramble()
			l.symMatVec32(got32, 2, a32, n, x32, 0, n)
			for i := range n {
				if got[i] != want[i] || float64(got32[i]) != want[i] {
					t.Fatalf("%s symMatVec n=%d: y[%d] = %v (float32 %v), want %v", l, n, i, got[i], got32[i], want[i])
				}
			}
			for i := range n {
				want[i] = 0
				for j := range n {
					want[i] += a[i*n+j] * x[j]
				}
				want[i] = 2*want[i] + 3*y[i]
			}
			got, got32 = append([]float64(nil), y...), append([]float32(nil), y32...)
			scramble()
			l.matVec(got, 2, a, n, x, 3)
			scramble()
			l.matVec32(got32, 2, a32, n, x32, 3)
			for i := range n {
				if got[i] != want[i] || float64(got32[i]) != want[i] {
					t.Fatalf("%s matVec n=%d: y[%d] = %v (float32 %v), want %v", l, n, i, got[i], got32[i], want[i])
				}
			}
			for j := range n {
				want[j] = y[j]
				for i := range n {
					want[j] += 2 * x[i] * a[i*n+j]
				}
			}
			got, got32 = append([]float64(nil), y...), append([]float32(nil), y32...)
			scramble()
			l.matTVec(got, 2, a, n, x)
			scramble()
			l.matTVec32(got32, 2, a32, n, x32)
			for j := range n {
				if got[j] != want[j] || float64(got32[j]) != want[j] {
					t.Fatalf("%s matTVec n=%d: y[%d] = %v (float32 %v), want %v", l, n, j, got[j], got32[j], want[j])
				}
			}
			for j := range n {
				want[j] = 0
			}
			for i := range n {
				var dot float64
				for k := range n {
					dot += a[i*n+k] * x[k]
				}
				for j := range n {
					want[j] += y[i] * dot * a[i*n+j]
				}
			}
			got, got32 = make([]float64, n), make([]float32, n)
			scramble()
			l.gramVec(got, a, n, y, x)
			scramble()
			l.gramVec32(got32, a32, n, y32, x32)
			for j := range n {
				if got[j] != want[j] || float64(got32[j]) != want[j] {
					t.Fatalf("%s gramVec n=%d: out[%d] = %v (float32 %v), want %v", l, n, j, got[j], got32[j], want[j])
				}
			}
		}
	}
}

// scramble leaves values of its own in the registers that the next call's
// argument set-up does not write: called just before an assembly routine,
// it makes a register the routine reads without setting (a mutant's
// mistake) hold garbage instead of whatever the caller happened to leave
// there, which can be the right value by chance.
//
//go:noinline
func scramble() uint64 {
	v := [16]uint64{}
	for i := range v {
		v[i] = uint64(i) * 0x9e3779b97f4a7c15
	}
	return v[0] ^ v[3] ^ v[5] ^ v[7] ^ v[11] ^ v[13] ^ v[15]
}
