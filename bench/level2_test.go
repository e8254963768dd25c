package bench

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/blas"

	"github.com/samkern/samkern/kernels"
)

// gemvFunc is y = alpha·A·x + beta·y (or Aᵀ) on a rows×cols row-major A with
// row stride lda: the signature of kernels.MatVec and kernels.MatTVec.
type gemvFunc[T float] func(rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T)

// symvFunc is y = alpha·S·x + beta·y for the symmetric S whose upper
// triangle is stored: the signature of kernels.SymMatVec.
type symvFunc[T float] func(n int, alpha T, a []T, lda int, x []T, beta T, y []T)

// gramFunc is out = Xᵀ·diag(d)·X·v: the signature of kernels.GramVec.
type gramFunc[T float] func(rows, cols int, x []T, ldx int, d, v, out []T)

// dotPairFunc returns x·a and x·b: the signature of kernels.DotPair.
type dotPairFunc[T float] func(x, a, b []T) (T, T)

// impl2 is one implementation of the Level-2 operations. A nil field means
// the implementation does not have that operation (a composition, for
// instance, has only the operation it composes), and its sub-benchmark is
// left out.
type impl2 struct {
	name string

	matVec    gemvFunc[float64]
	matTVec   gemvFunc[float64]
	symMatVec symvFunc[float64]
	gramVec   gramFunc[float64]
	dotPair   dotPairFunc[float64]

	matVec32    gemvFunc[float32]
	matTVec32   gemvFunc[float32]
	symMatVec32 symvFunc[float32]
	gramVec32   gramFunc[float32]
	dotPair32   dotPairFunc[float32]
}

// extraImpls2 are Level-2 peers that only some builds or files add:
// gonumblas_test.go adds samkern's gonum drop-in, openblas_test.go OpenBLAS.
var extraImpls2 []*impl2

// impls2 returns every Level-2 implementation in the column order of the
// tables: for each samkern level best first, the level and its two-call
// compositions, then gonum's and the extra peers.
func impls2() []*impl2 {
	var list []*impl2
	for _, l := range kernels.Levels() {
		list = append(list, levelImpl2(l), levelGramComposed(l), levelDotPairComposed(l))
	}
	list = append(list, gonumImpl2(), gonumGramComposed(), gonumDotPairComposed())
	return append(list, extraImpls2...)
}

// levelImpl2 calls samkern's level l directly.
func levelImpl2(l kernels.Level) *impl2 {
	return &impl2{
		name:        l.String(),
		matVec:      l.MatVec,
		matTVec:     l.MatTVec,
		symMatVec:   l.SymMatVec,
		gramVec:     l.GramVec,
		dotPair:     l.DotPair,
		matVec32:    l.MatVec32,
		matTVec32:   l.MatTVec32,
		symMatVec32: l.SymMatVec32,
		gramVec32:   l.GramVec32,
		dotPair32:   l.DotPair32,
	}
}

// levelGramComposed is GramVec as a user of level l would write it without
// the fused kernel: t = X·v (MatVec), t[i] *= d[i], out = Xᵀ·t (MatTVec),
// two passes over X.
func levelGramComposed(l kernels.Level) *impl2 {
	return &impl2{
		name:      l.String() + ":matvec+mattvec",
		gramVec:   composeGram(l.MatVec, l.MatTVec),
		gramVec32: composeGram(l.MatVec32, l.MatTVec32),
	}
}

// levelDotPairComposed is DotPair as two Dot calls on level l: two passes
// over x.
func levelDotPairComposed(l kernels.Level) *impl2 {
	return &impl2{
		name:      l.String() + ":2dot",
		dotPair:   composeDotPair(l.Dot),
		dotPair32: composeDotPair(l.Dot32),
	}
}

// composeGram returns GramVec composed of a matrix-vector product, a scaling
// by d in a plain loop (rows elements, small beside the rows×cols matrix
// passes) and a transposed product. The temporary vector is kept between
// calls, so the loop does not allocate; the benchmarks are sequential.
func composeGram[T float](matVec, matTVec gemvFunc[T]) gramFunc[T] {
	var t []T
	return func(rows, cols int, x []T, ldx int, d, v, out []T) {
		if cap(t) < rows {
			t = make([]T, rows)
		}
		t = t[:rows]
		matVec(rows, cols, 1, x, ldx, v, 0, t)
		for i := range t {
			t[i] *= d[i]
		}
		matTVec(rows, cols, 1, x, ldx, t, 0, out)
	}
}

// composeDotPair returns DotPair as two dot products.
func composeDotPair[T float](dot func(x, y []T) T) dotPairFunc[T] {
	return func(x, a, b []T) (T, T) { return dot(x, a), dot(x, b) }
}

// gonumImpl2 is gonum's native BLAS: Dgemv NoTrans and Trans, Dsymv Upper
// and the float32 twins, called as the concrete type with unit increments.
// gonum has neither GramVec nor DotPair; see the compositions.
func gonumImpl2() *impl2 {
	g := gonumNative
	return &impl2{
		name: "gonum",
		matVec: func(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
			g.Dgemv(blas.NoTrans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		matTVec: func(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
			g.Dgemv(blas.Trans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		symMatVec: func(n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
			g.Dsymv(blas.Upper, n, alpha, a, lda, x, 1, beta, y, 1)
		},
		matVec32: func(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
			g.Sgemv(blas.NoTrans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		matTVec32: func(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
			g.Sgemv(blas.Trans, rows, cols, alpha, a, lda, x, 1, beta, y, 1)
		},
		symMatVec32: func(n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
			g.Ssymv(blas.Upper, n, alpha, a, lda, x, 1, beta, y, 1)
		},
	}
}

// gonumGramComposed is GramVec from two gonum Dgemv (Sgemv) calls.
func gonumGramComposed() *impl2 {
	g := gonumImpl2()
	return &impl2{
		name:      "gonum:gemv+gemv",
		gramVec:   composeGram(g.matVec, g.matTVec),
		gramVec32: composeGram(g.matVec32, g.matTVec32),
	}
}

// gonumDotPairComposed is DotPair from two gonum Ddot (Sdot) calls.
func gonumDotPairComposed() *impl2 {
	g := gonumImpl()
	return &impl2{
		name:      "gonum:2dot",
		dotPair:   composeDotPair(g.dot),
		dotPair32: composeDotPair(g.dot32),
	}
}

// matSizes are the n of the n×n matrix benchmarks: 64 (32 KiB of float64,
// L1 and L2), 256 (512 KiB, L2), 1024 (8 MiB, beyond L2) and 4096 (128
// MiB, memory-bound).
var matSizes = []size{{"64", 64}, {"256", 256}, {"1024", 1024}, {"4096", 4096}}

// gramShapes are the rows×cols of the GramVec benchmarks: X of 2 MiB
// (float64; in L2), 39 MiB (the out-of-cache size, beyond L2) and
// 391 MiB (beyond any cache of this machine, whose L3 is reported as 300 MiB).
var gramShapes = [][2]int{{1000, 256}, {20000, 256}, {200000, 256}}

// dotPairSizes are the lengths of the DotPair benchmarks: three vectors of
// 48 KiB (float64; L1 and L2), 768 KiB (L2), 24 MiB and 384 MiB (memory).
var dotPairSizes = []size{{"2048", 2048}, {"32768", 32768}, {"1M", 1 << 20}, {"16M", 1 << 24}}

// runImpls2 runs the sub-benchmark impl=<name> for every Level-2
// implementation for which loop returns a benchmark loop. One operation
// reads bytes bytes (the matrix, or the vectors) and does flops floating-
// point operations; it reports MB/s, GFLOP/s and x-bound, its time over
// c's bound on elems elements (the matrix's, or the vectors').
func runImpls2(b *testing.B, bytes int, flops float64, c cost, elems int, loop func(p *impl2) func(b *testing.B)) {
	for _, p := range impls2() {
		run := loop(p)
		if run == nil {
			continue
		}
		b.Run("impl="+p.name, func(b *testing.B) {
			if check := implCheck[peerOf(p.name)]; check != nil {
				if err := check(); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(bytes))
			run(b)
			reportGFLOPs(b, flops)
			reportBound(b, c, elems)
		})
	}
}

// peerOf returns the implementation an impl name belongs to: the part before
// a colon ("openblas" for "openblas:2dot").
func peerOf(name string) string {
	for i := range len(name) {
		if name[i] == ':' {
			return name[:i]
		}
	}
	return name
}

// reportGFLOPs reports the floating-point operations per nanosecond, which
// is GFLOP/s, for flops operations per iteration.
func reportGFLOPs(b *testing.B, flops float64) {
	if ns := b.Elapsed().Nanoseconds(); ns > 0 {
		b.ReportMetric(flops*float64(b.N)/float64(ns), "GFLOP/s")
	}
}

// forMatSizes runs body as the sub-benchmark n=<size> for each matrix size;
// the data are allocated inside body, so a filtered-out size allocates
// nothing.
func forMatSizes(b *testing.B, body func(b *testing.B, n int)) {
	for _, s := range matSizes {
		b.Run("n="+s.name, func(b *testing.B) { body(b, s.n) })
		releaseVectors()
	}
}

// BenchmarkMatVec measures y = A·x (alpha = 1, beta = 0) for an n×n
// row-major A with row stride n: samkern's MatVec on each level, gonum's
// Dgemv NoTrans, gonumblas's Dgemv and OpenBLAS's cblas_dgemv(CblasRowMajor,
// CblasNoTrans). It reads the matrix once (SetBytes: n²·size; x and y are
// small beside it) and does 2n² flops.
func BenchmarkMatVec(b *testing.B) {
	b.Run("f64", func(b *testing.B) { benchGemv(b, func(p *impl2) gemvFunc[float64] { return p.matVec }) })
	b.Run("f32", func(b *testing.B) { benchGemv(b, func(p *impl2) gemvFunc[float32] { return p.matVec32 }) })
}

// BenchmarkMatTVec measures y = Aᵀ·x (alpha = 1, beta = 0) like
// BenchmarkMatVec: samkern's MatTVec, Dgemv Trans, cblas_dgemv(CblasRowMajor,
// CblasTrans).
func BenchmarkMatTVec(b *testing.B) {
	b.Run("f64", func(b *testing.B) { benchGemv(b, func(p *impl2) gemvFunc[float64] { return p.matTVec }) })
	b.Run("f32", func(b *testing.B) { benchGemv(b, func(p *impl2) gemvFunc[float32] { return p.matTVec32 }) })
}

// benchGemv benchmarks a square gemv of T for each size and impl.
func benchGemv[T float](b *testing.B, op func(*impl2) gemvFunc[T]) {
	forMatSizes(b, func(b *testing.B, n int) {
		a, x, y := randVec[T](n*n, 1), randVec[T](n, 2), randVec[T](n, 3)
		c := cost{passes: []streams{passRead1}, elem: elemSize[T](), fmas: 1}
		runImpls2(b, n*n*elemSize[T](), 2*float64(n)*float64(n), c, n*n, func(p *impl2) func(*testing.B) {
			f := op(p)
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				for range b.N {
					f(n, n, 1, a, n, x, 0, y)
				}
			}
		})
	})
}

// BenchmarkSymMatVec measures y = S·x (alpha = 1, beta = 0) for the n×n
// symmetric S stored in the upper triangle of a row-major array with row
// stride n: samkern's SymMatVec, gonum's Dsymv Upper, gonumblas's Dsymv and
// cblas_dsymv(CblasRowMajor, CblasUpper). It reads one triangle (SetBytes:
// n(n+1)/2·size) and does 2n² flops.
func BenchmarkSymMatVec(b *testing.B) {
	b.Run("f64", func(b *testing.B) { benchSymv(b, func(p *impl2) symvFunc[float64] { return p.symMatVec }) })
	b.Run("f32", func(b *testing.B) { benchSymv(b, func(p *impl2) symvFunc[float32] { return p.symMatVec32 }) })
}

// benchSymv benchmarks a symv of T for each size and impl.
func benchSymv[T float](b *testing.B, op func(*impl2) symvFunc[T]) {
	forMatSizes(b, func(b *testing.B, n int) {
		a, x, y := randVec[T](n*n, 1), randVec[T](n, 2), randVec[T](n, 3)
		// The triangle's n(n+1)/2 elements, each used twice (two FMAs).
		c := cost{passes: []streams{passRead1}, elem: elemSize[T](), fmas: 2}
		runImpls2(b, n*(n+1)/2*elemSize[T](), 2*float64(n)*float64(n), c, n*(n+1)/2, func(p *impl2) func(*testing.B) {
			f := op(p)
			if f == nil {
				return nil
			}
			return func(b *testing.B) {
				for range b.N {
					f(n, 1, a, n, x, 0, y)
				}
			}
		})
	})
}

// BenchmarkGramVec measures out = Xᵀ·diag(d)·X·v for a rows×cols X with row
// stride cols: samkern's GramVec (one pass over X) against its compositions
// MatVec, scale by d, MatTVec on the same level (impl=avx512:matvec+mattvec),
// and the same with gonum's and OpenBLAS's gemv (impl=gonum:gemv+gemv,
// openblas:gemv+gemv): two passes over X. SetBytes is the matrix once
// (rows·cols·size), what the operation must read; flops are 4·rows·cols.
// Names: BenchmarkGramVec/f64/rows=20000/cols=256/impl=avx512.
func BenchmarkGramVec(b *testing.B) {
	b.Run("f64", func(b *testing.B) { benchGram(b, func(p *impl2) gramFunc[float64] { return p.gramVec }) })
	b.Run("f32", func(b *testing.B) { benchGram(b, func(p *impl2) gramFunc[float32] { return p.gramVec32 }) })
}

// benchGram benchmarks GramVec of T for each shape and impl. d is in [0, 1),
// like logistic regression's p(1−p) weights.
func benchGram[T float](b *testing.B, op func(*impl2) gramFunc[T]) {
	for _, sh := range gramShapes {
		rows, cols := sh[0], sh[1]
		b.Run(fmt.Sprintf("rows=%d/cols=%d", rows, cols), func(b *testing.B) {
			x, d, v, out := randVec[T](rows*cols, 1), randVec[T](rows, 2), randVec[T](cols, 3), randVec[T](cols, 4)
			for i := range d {
				d[i] = d[i] * d[i]
			}
			c := cost{passes: []streams{passRead1}, elem: elemSize[T](), fmas: 2}
			runImpls2(b, rows*cols*elemSize[T](), 4*float64(rows)*float64(cols), c, rows*cols, func(p *impl2) func(*testing.B) {
				f := op(p)
				if f == nil {
					return nil
				}
				return func(b *testing.B) {
					for range b.N {
						f(rows, cols, x, cols, d, v, out)
					}
				}
			})
		})
	}
}

// BenchmarkDotPair measures x·a and x·b: samkern's DotPair (one pass over x)
// against two Dot calls on the same level (impl=avx512:2dot) and two calls
// of gonum's and OpenBLAS's dot (impl=gonum:2dot, openblas:2dot; OpenBLAS's
// two in one cgo call). SetBytes is the three vectors (3n·size), read once
// by DotPair; flops are 4n; elem/ns counts n per operation as in the
// Level-1 tables.
func BenchmarkDotPair(b *testing.B) {
	b.Run("f64", func(b *testing.B) { benchDotPair(b, func(p *impl2) dotPairFunc[float64] { return p.dotPair }) })
	b.Run("f32", func(b *testing.B) { benchDotPair(b, func(p *impl2) dotPairFunc[float32] { return p.dotPair32 }) })
}

// benchDotPair benchmarks DotPair of T for each size and impl.
func benchDotPair[T float](b *testing.B, op func(*impl2) dotPairFunc[T]) {
	for _, s := range dotPairSizes {
		b.Run("n="+s.name, func(b *testing.B) {
			n := s.n
			x, a, c := randVec[T](n, 1), randVec[T](n, 2), randVec[T](n, 3)
			cst := cost{passes: []streams{passRead3}, elem: elemSize[T](), fmas: 2}
			runImpls2(b, 3*n*elemSize[T](), 4*float64(n), cst, n, func(p *impl2) func(*testing.B) {
				f := op(p)
				if f == nil {
					return nil
				}
				return func(b *testing.B) {
					var s T
					for range b.N {
						xa, xc := f(x, a, c)
						s += xa + xc
					}
					sink = float64(s)
					reportElemPerNs(b, n)
				}
			})
		})
	}
}

// TestImpls2Agree checks that every Level-2 implementation the benchmarks
// call computes the operation it is benchmarked as, against samkern's
// Generic level, like TestImplsAgree: it catches a binding with the wrong
// transpose, triangle or stride before its numbers are published. Errors are
// measured against the sum of the magnitudes of the terms; the tolerances
// are loose, this is not an accuracy test.
func TestImpls2Agree(t *testing.T) {
	ref := levelImpl2(kernels.Generic)
	for _, p := range impls2() {
		t.Run(p.name, func(t *testing.T) {
			checkImpl2(t, p.name, ref.matVec, p.matVec, ref.matTVec, p.matTVec, ref.symMatVec, p.symMatVec,
				ref.gramVec, p.gramVec, ref.dotPair, p.dotPair, 1e-12)
			checkImpl2(t, p.name, ref.matVec32, p.matVec32, ref.matTVec32, p.matTVec32, ref.symMatVec32, p.symMatVec32,
				ref.gramVec32, p.gramVec32, ref.dotPair32, p.dotPair32, 1e-4)
		})
	}
}

// checkImpl2 compares each operation that got has with want's: y = 0.75·A·x
// − 0.5·y and its transpose on a 37×53 matrix with row stride 59, symv on a
// 35×35 one, GramVec on 61×37 with stride 40, DotPair on 1000 and 70000
// elements (beyond the kernels' 65536-element chunks).
func checkImpl2[T float](t *testing.T, name string, wantMV, gotMV, wantMTV, gotMTV gemvFunc[T], wantSym, gotSym symvFunc[T],
	wantGram, gotGram gramFunc[T], wantPair, gotPair dotPairFunc[T], tol float64) {
	t.Helper()
	const rows, cols, lda = 37, 53, 59
	a, x, y := randVec[T]((rows-1)*lda+cols, 1), randVec[T](max(rows, cols), 2), randVec[T](max(rows, cols), 3)
	// Entries are in [-1, 1]: k terms and beta·y are at most k + 1 in
	// magnitude.
	near := func(op string, got, want []T, k int) {
		t.Helper()
		for i := range want {
			if !assert.InDelta(t, want[i], got[i], tol*float64(k+1), "%s %s [%d]", name, op, i) {
				return
			}
		}
	}
	clone := func(v []T, n int) []T { return append([]T(nil), v[:n]...) }
	if gotMV != nil {
		got, want := clone(y, rows), clone(y, rows)
		gotMV(rows, cols, 0.75, a, lda, x[:cols], -0.5, got)
		wantMV(rows, cols, 0.75, a, lda, x[:cols], -0.5, want)
		near("MatVec", got, want, cols)
	}
	if gotMTV != nil {
		got, want := clone(y, cols), clone(y, cols)
		gotMTV(rows, cols, 0.75, a, lda, x[:rows], -0.5, got)
		wantMTV(rows, cols, 0.75, a, lda, x[:rows], -0.5, want)
		near("MatTVec", got, want, rows)
	}
	if gotSym != nil {
		const n = 35
		got, want := clone(y, n), clone(y, n)
		gotSym(n, 0.75, a, lda, x[:n], -0.5, got)
		wantSym(n, 0.75, a, lda, x[:n], -0.5, want)
		near("SymMatVec", got, want, n)
	}
	if gotGram != nil {
		const gr, gc, ldg = 61, 37, 40
		g, d := randVec[T]((gr-1)*ldg+gc, 4), randVec[T](gr, 5)
		got, want := make([]T, gc), make([]T, gc)
		gotGram(gr, gc, g, ldg, d, x[:gc], got)
		wantGram(gr, gc, g, ldg, d, x[:gc], want)
		near("GramVec", got, want, gr*gc)
	}
	if gotPair != nil {
		for _, n := range []int{1000, 70000} {
			u, v, w := randVec[T](n, 6), randVec[T](n, 7), randVec[T](n, 8)
			ga, gb := gotPair(u, v, w)
			wa, wb := wantPair(u, v, w)
			near(fmt.Sprintf("DotPair n=%d", n), []T{ga, gb}, []T{wa, wb}, n)
		}
	}
}
