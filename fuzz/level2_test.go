package fuzz

import (
	"math"
	"testing"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// The Level-2 targets read the fuzzer's bytes as IEEE bit patterns too, but
// fold every value into magnitudes 2^-32..2^32 (keeping sign and
// significand): the products and sums then cannot overflow or underflow, so
// every output has an exact reference and a γ bound. Special values in
// matrices are covered by the kernels tests (TestLevel2Special).

// tame folds v's exponent into [-32, 32); non-finite values become 1.
func tame(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	if v == 0 {
		return v
	}
	frac, exp := math.Frexp(v)
	return math.Ldexp(frac, ((exp%64)+64)%64-32)
}

// problem decodes a Level-2 problem: a rows×cols matrix with stride lda,
// and vectors x, y, d long enough for either orientation.
type problem[T ref.Float] struct {
	rows, cols, lda int
	a, x, y, d      []T
}

func decodeProblem[T ref.Float](data []byte, shape uint16) problem[T] {
	p := problem[T]{rows: int(shape & 31), cols: int(shape>>5) % 80}
	p.lda = max(1, p.cols+int(shape>>12)%3)
	v := decode[T](data, uint8(shape>>14))
	next := func(n int) []T {
		out := make([]T, n)
		for i := range out {
			if len(v) > 0 {
				out[i] = T(tame(float64(v[i%len(v)])))
				v = v[1:]
			} else {
				out[i] = T(float64(i%7) - 3)
			}
		}
		return out
	}
	na := 0
	if p.rows > 0 && p.cols > 0 {
		na = (p.rows-1)*p.lda + p.cols
	}
	m := max(p.rows, p.cols)
	p.a, p.x, p.y, p.d = next(na), next(m), next(m), next(p.rows)
	return p
}

func checkAll[T ref.Float](t *testing.T, name string, got []T, want []ref.Exact, depth, nops int) {
	t.Helper()
	for i := range want {
		if err := ref.CheckExact(float64(got[i]), want[i], depth, nops, ref.Unit[T](), ref.Eta[T]()); err != nil {
			t.Fatalf("%s: output %d: %v", name, i, err)
		}
	}
}

type l2funcs[T ref.Float] struct {
	matVec, matTVec func(kernels.Level, int, int, T, []T, int, []T, T, []T)
	sym             func(kernels.Level, int, T, []T, int, []T, T, []T)
	gram            func(kernels.Level, int, int, []T, int, []T, []T, []T)
	pair            func(kernels.Level, []T, []T, []T) (T, T)
}

var (
	l2f64 = l2funcs[float64]{kernels.Level.MatVec, kernels.Level.MatTVec, kernels.Level.SymMatVec, kernels.Level.GramVec, kernels.Level.DotPair}
	l2f32 = l2funcs[float32]{kernels.Level.MatVec32, kernels.Level.MatTVec32, kernels.Level.SymMatVec32, kernels.Level.GramVec32, kernels.Level.DotPair32}
)

func fuzzMatVec[T ref.Float](f *testing.F, fs l2funcs[T], trans bool) {
	f.Fuzz(func(t *testing.T, data []byte, shape uint16, alpha, beta float64) {
		p := decodeProblem[T](data, shape)
		al, be := T(tame(alpha)), T(tame(beta))
		if shape&(1<<15) != 0 {
			be = 0 // beta = 0 must not read y
		}
		nops := 2 * (p.rows + 2) * (p.cols + 2)
		for _, l := range kernels.Levels() {
			if trans {
				y := append([]T(nil), p.y[:p.cols]...)
				fs.matTVec(l, p.rows, p.cols, al, p.a, p.lda, p.x[:p.rows], be, y)
				checkAll(t, l.String(), y, ref.MatTVec(p.rows, p.cols, al, p.a, p.lda, p.x, be, p.y), p.rows+10, nops)
			} else {
				y := append([]T(nil), p.y[:p.rows]...)
				fs.matVec(l, p.rows, p.cols, al, p.a, p.lda, p.x[:p.cols], be, y)
				checkAll(t, l.String(), y, ref.MatVec(p.rows, p.cols, al, p.a, p.lda, p.x, be, p.y), p.cols+10, nops)
			}
		}
	})
}

func FuzzMatVec(f *testing.F)    { fuzzMatVec(f, l2f64, false) }
func FuzzMatVec32(f *testing.F)  { fuzzMatVec(f, l2f32, false) }
func FuzzMatTVec(f *testing.F)   { fuzzMatVec(f, l2f64, true) }
func FuzzMatTVec32(f *testing.F) { fuzzMatVec(f, l2f32, true) }

func fuzzSym[T ref.Float](f *testing.F, fs l2funcs[T]) {
	f.Fuzz(func(t *testing.T, data []byte, shape uint16, alpha, beta float64) {
		p := decodeProblem[T](data, shape)
		n := min(p.rows, p.cols)
		al, be := T(tame(alpha)), T(tame(beta))
		for _, l := range kernels.Levels() {
			y := append([]T(nil), p.y[:n]...)
			fs.sym(l, n, al, p.a, p.lda, p.x[:n], be, y)
			checkAll(t, l.String(), y, ref.SymMatVec(n, al, p.a, p.lda, p.x, be, p.y), n+10, 2*(n+2)*(n+2))
		}
	})
}

func FuzzSymMatVec(f *testing.F)   { fuzzSym(f, l2f64) }
func FuzzSymMatVec32(f *testing.F) { fuzzSym(f, l2f32) }

func fuzzGram[T ref.Float](f *testing.F, fs l2funcs[T]) {
	f.Fuzz(func(t *testing.T, data []byte, shape uint16) {
		p := decodeProblem[T](data, shape)
		for _, l := range kernels.Levels() {
			out := make([]T, p.cols)
			fs.gram(l, p.rows, p.cols, p.a, p.lda, p.d, p.x[:p.cols], out)
			checkAll(t, l.String(), out, ref.GramVec(p.rows, p.cols, p.a, p.lda, p.d, p.x), p.rows+p.cols+12, 2*(p.rows+2)*(p.cols+2))
		}
	})
}

func FuzzGramVec(f *testing.F)   { fuzzGram(f, l2f64) }
func FuzzGramVec32(f *testing.F) { fuzzGram(f, l2f32) }

func fuzzPair[T ref.Float](f *testing.F, fs l2funcs[T]) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		v := decode[T](data, off)
		n := len(v) / 3
		x, a, b := v[:n], v[n:2*n], v[2*n:3*n]
		u, eta, max := limits[T]()
		for _, l := range kernels.Levels() {
			xa, xb := fs.pair(l, x, a, b)
			if err := ref.CheckDot(float64(xa), x, a, n+8, u, eta, max); err != nil {
				t.Fatalf("%s x·a n=%d: %v", l, n, err)
			}
			if err := ref.CheckDot(float64(xb), x, b, n+8, u, eta, max); err != nil {
				t.Fatalf("%s x·b n=%d: %v", l, n, err)
			}
		}
	})
}

func FuzzDotPair(f *testing.F)   { fuzzPair(f, l2f64) }
func FuzzDotPair32(f *testing.F) { fuzzPair(f, l2f32) }
