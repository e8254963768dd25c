package kernels_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/guard"
	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// Shapes for the Level-2 tests: every row count around the kernels' row
// blocking (up to 4 rows at a time: none, one block, blocks with every
// leftover, several blocks; full mode adds more) and every column count
// around their column unrolling, three times over, plus some beyond.
var (
	rowSet = func() []int {
		if kernels.FullTests {
			return []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 33}
		}
		return []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 33}
	}()
	colSet = func() []int {
		var c []int
		for i := 0; i <= 67; i++ {
			c = append(c, i)
		}
		return append(c, 95, 96, 97, 127, 128, 129, 191, 192, 193, 255, 256, 257, 385)
	}()
)

// mat2 is one randomly filled Level-2 problem.
type mat2[T ref.Float] struct {
	rows, cols, lda int
	a, x, y, d      []T
	alpha, beta     T
}

func newMat2[T ref.Float](r *rand.Rand, rows, cols, k int) mat2[T] {
	m := mat2[T]{rows: rows, cols: cols, lda: max(1, cols+k%3)}
	n := 0
	if rows > 0 && cols > 0 {
		n = (rows-1)*m.lda + cols
	}
	m.a = aligned[T](n, k%8)
	randVec(r, m.a)
	m.x, m.y, m.d = aligned[T](max(rows, cols), (k+1)%8), aligned[T](max(rows, cols), (k+2)%8), aligned[T](rows, 0)
	randVec(r, m.x)
	randVec(r, m.y)
	randVec(r, m.d)
	m.alpha = T(2*r.Float64() - 1)
	m.beta = []T{0, 1, T(2*r.Float64() - 1)}[k%3]
	return m
}

// level2 describes one matrix kernel for the table-driven tests: run calls
// it on a copy of the problem's output and returns the output; want is the
// exact result; depth the most roundings any term goes through.
type level2[T ref.Float] struct {
	name  string
	run   func(l kernels.Level, m mat2[T]) []T
	want  func(m mat2[T]) []ref.Exact
	depth func(m mat2[T]) int
}

func level2Cases[T ref.Float](
	matVec, matTVec func(kernels.Level, int, int, T, []T, int, []T, T, []T),
	sym func(kernels.Level, int, T, []T, int, []T, T, []T),
	gram func(kernels.Level, int, int, []T, int, []T, []T, []T), suffix string) []level2[T] {
	clone := func(v []T, n int) []T { return roomy(v[:n]) }
	return []level2[T]{
		{"MatVec" + suffix,
			func(l kernels.Level, m mat2[T]) []T {
				y := clone(m.y, m.rows)
				matVec(l, m.rows, m.cols, m.alpha, m.a, m.lda, m.x[:m.cols], m.beta, y)
				return y
			},
			func(m mat2[T]) []ref.Exact {
				return ref.MatVec(m.rows, m.cols, m.alpha, m.a, m.lda, m.x, m.beta, m.y)
			},
			func(m mat2[T]) int { return m.cols + 10 }},
		{"MatTVec" + suffix,
			func(l kernels.Level, m mat2[T]) []T {
				y := clone(m.y, m.cols)
				matTVec(l, m.rows, m.cols, m.alpha, m.a, m.lda, m.x[:m.rows], m.beta, y)
				return y
			},
			func(m mat2[T]) []ref.Exact {
				return ref.MatTVec(m.rows, m.cols, m.alpha, m.a, m.lda, m.x, m.beta, m.y)
			},
			func(m mat2[T]) int { return m.rows + 10 }},
		{"SymMatVec" + suffix,
			func(l kernels.Level, m mat2[T]) []T {
				n := min(m.rows, m.cols)
				y := clone(m.y, n)
				sym(l, n, m.alpha, m.a, m.lda, m.x[:n], m.beta, y)
				return y
			},
			func(m mat2[T]) []ref.Exact {
				n := min(m.rows, m.cols)
				return ref.SymMatVec(n, m.alpha, m.a, m.lda, m.x, m.beta, m.y)
			},
			func(m mat2[T]) int { return min(m.rows, m.cols) + 10 }},
		{"GramVec" + suffix,
			func(l kernels.Level, m mat2[T]) []T {
				out := roomy(make([]T, m.cols))
				for i := range out {
					out[i] = T(math.NaN()) // overwritten, never read
				}
				gram(l, m.rows, m.cols, m.a, m.lda, m.d, m.x[:m.cols], out)
				return out
			},
			func(m mat2[T]) []ref.Exact { return ref.GramVec(m.rows, m.cols, m.a, m.lda, m.d, m.x) },
			func(m mat2[T]) int { return m.rows + m.cols + 12 }},
	}
}

func level2Cases64() []level2[float64] {
	return level2Cases(kernels.Level.MatVec, kernels.Level.MatTVec, kernels.Level.SymMatVec, kernels.Level.GramVec, "")
}

func level2Cases32() []level2[float32] {
	return level2Cases(kernels.Level.MatVec32, kernels.Level.MatTVec32, kernels.Level.SymMatVec32, kernels.Level.GramVec32, "32")
}

// checkLevel2 compares every output with the exact one within γ_depth·Abs
// and demands the room past the output untouched (run's outputs are
// roomy; the inputs of newMat2 are aligned, with room of their own).
func checkLevel2[T ref.Float](c level2[T], got []T, m mat2[T]) error {
	u, eta := ref.Unit[T](), ref.Eta[T]()
	want := c.want(m)
	if len(got) != len(want) {
		return fmt.Errorf("got %d outputs, want %d", len(got), len(want))
	}
	nops := 2 * (m.rows + 2) * (m.cols + 2)
	for i := range want {
		if err := ref.CheckExact(float64(got[i]), want[i], c.depth(m), nops, u, eta); err != nil {
			return fmt.Errorf("output %d: %v", i, err)
		}
	}
	if i := roomChanged(got); i >= 0 {
		return fmt.Errorf("cell %d past the output's length was written (%v)", i, got[len(got)+i])
	}
	return nil
}

func testLevel2[T ref.Float](t *testing.T, cases []level2[T]) {
	for _, l := range levels() {
		for _, c := range cases {
			t.Run(c.name+"/"+l.String(), func(t *testing.T) {
				r := newRand(t, 11)
				k := 0
				for _, rows := range rowSet {
					for _, cols := range colSet {
						if c.name[:3] == "Sym" && rows != cols && !(rows == 33 && cols > 33) {
							continue // square only; rows = 33 runs the larger n
						}
						k++
						m := newMat2[T](r, rows, cols, k)
						if c.name[:3] == "Sym" {
							m = newMat2[T](r, cols, cols, k)
						}
						if err := checkLevel2(c, c.run(l, m), m); err != nil {
							t.Fatalf("%d×%d lda=%d alpha=%v beta=%v: %v", m.rows, m.cols, m.lda, m.alpha, m.beta, err)
						}
					}
				}
			})
		}
	}
}

func TestLevel2_64(t *testing.T) { testLevel2(t, level2Cases64()) }
func TestLevel2_32(t *testing.T) { testLevel2(t, level2Cases32()) }

// TestLevel2Large crosses the wrappers' chunking: row blocks, column blocks
// of MatVec and MatTVec, the triangle's row ranges (380² holds two chunks
// of the upper triangle), GramVec's long rows; full mode adds larger ones.
func TestLevel2Large(t *testing.T) {
	r := newRand(t, 12)
	shapes := [][2]int{{2, 1<<16 + 5}, {1000, 70}, {380, 380}}
	if kernels.FullTests {
		shapes = [][2]int{{3, 1<<16 + 5}, {2000, 70}, {1, 3<<16 + 1}, {600, 600}}
	}
	for _, l := range levels() {
		for k, sh := range shapes {
			m := newMat2[float64](r, sh[0], sh[1], k)
			for _, c := range level2Cases64() {
				if c.name == "SymMatVec" && sh[0] != sh[1] {
					continue
				}
				if !kernels.FullTests && sh[0] == sh[1] && c.name != "SymMatVec" {
					continue // the square shape is there for SymMatVec's row ranges
				}
				if c.name == "GramVec" && sh[0]*sh[1] > 1<<18 {
					m2 := m
					m2.rows = min(m.rows, 2)
					require.NoError(t, checkLevel2(c, c.run(l, m2), m2), "%s %s %v", l, c.name, sh)
					continue
				}
				require.NoError(t, checkLevel2(c, c.run(l, m), m), "%s %s %v", l, c.name, sh)
			}
		}
	}
}

// TestDotPair checks both results like Dot, for every small length and
// offset and some long vectors.
func TestDotPair(t *testing.T) {
	for _, l := range levels() {
		r := newRand(t, 13)
		check := func(n, off int) {
			x, a, b := aligned[float64](n, off), aligned[float64](n, (off+1)%8), aligned[float64](n, (off+5)%8)
			randVec(r, x)
			randVec(r, a)
			randVec(r, b)
			xa, xb := l.DotPair(x, a, b)
			require.NoError(t, ref.CheckDot(xa, x, a, n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64), "%s n=%d x·a", l, n)
			require.NoError(t, ref.CheckDot(xb, x, b, n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64), "%s n=%d x·b", l, n)
			x32, a32, b32 := aligned[float32](n, off), aligned[float32](n, (off+2)%8), aligned[float32](n, (off+3)%8)
			randVec(r, x32)
			randVec(r, a32)
			randVec(r, b32)
			sa, sb := l.DotPair32(x32, a32, b32)
			require.NoError(t, ref.CheckDot(float64(sa), x32, a32, n+8, ref.Unit[float32](), ref.Eta[float32](), math.MaxFloat32), "%s n=%d x·a 32", l, n)
			require.NoError(t, ref.CheckDot(float64(sb), x32, b32, n+8, ref.Unit[float32](), ref.Eta[float32](), math.MaxFloat32), "%s n=%d x·b 32", l, n)
			// Integers: exact, so a skipped element shows.
			intVec(r, x)
			intVec(r, a)
			intVec(r, b)
			xa, xb = l.DotPair(x, a, b)
			assert.Equal(t, ref.Dot(x, a), xa, "%s n=%d integers", l, n)
			assert.Equal(t, ref.Dot(x, b), xb, "%s n=%d integers", l, n)
		}
		for _, n := range smallLengths() {
			check(n, n%8)
		}
		for _, n := range largeLengths() {
			check(n, 3)
		}
		// a and b may be the same slice, or x itself.
		x := []float64{1, 2, 3, 4, 5}
		xa, xb := l.DotPair(x, x, x)
		assert.Equal(t, 55.0, xa)
		assert.Equal(t, 55.0, xb)
		assert.Equal(t, "kernels.DotPair: len(b) = 2 is shorter than len(x) = 5",
			expectPanic(t, func() { l.DotPair(x, x, x[:2]) }))
	}
}

// TestLevel2Special: alpha = 0 reads neither A nor x, beta = 0 does not read
// y, NaN in A or x reaches exactly the outputs it feeds.
func TestLevel2Special(t *testing.T) {
	nan := math.NaN()
	for _, l := range levels() {
		for _, sh := range [][2]int{{1, 1}, {3, 5}, {7, 33}, {17, 9}, {40, 40}} {
			rows, cols := sh[0], sh[1]
			a := make([]float64, rows*cols)
			for i := range a {
				a[i] = nan
			}
			x := make([]float64, max(rows, cols))
			for i := range x {
				x[i] = nan
			}
			y := make([]float64, max(rows, cols))
			for i := range y {
				y[i] = 2
			}
			l.MatVec(rows, cols, 0, a, cols, x[:cols], 0.5, y[:rows])
			assert.Equal(t, 1.0, y[0], "%s MatVec alpha=0 must not read A", l)
			l.MatTVec(rows, cols, 0, a, cols, x[:rows], 0.5, y[:cols])
			assert.Equal(t, 0.5, y[0], "%s MatTVec alpha=0 must not read A", l)
			if rows == cols {
				l.SymMatVec(rows, 0, a, cols, x[:rows], 2, y[:rows])
				assert.Equal(t, 1.0, y[0], "%s SymMatVec alpha=0", l)
			}
			// beta = 0: y full of NaN is overwritten.
			for i := range a {
				a[i] = 1
			}
			for i := range x {
				x[i] = 1
			}
			for i := range y {
				y[i] = nan
			}
			l.MatVec(rows, cols, 1, a, cols, x[:cols], 0, y[:rows])
			for i := range rows {
				assert.Equal(t, float64(cols), y[i], "%s MatVec beta=0 must not read y", l)
			}
			for i := range y {
				y[i] = nan
			}
			l.MatTVec(rows, cols, 1, a, cols, x[:rows], 0, y[:cols])
			for j := range cols {
				assert.Equal(t, float64(rows), y[j], "%s MatTVec beta=0 must not read y", l)
			}
			// One NaN in A: only its row's output (MatVec), its column's
			// (MatTVec) or all (GramVec, through the row's dot product)
			// become NaN; SymMatVec's mirrored case is TestSymMatVecNaN.
			i0, j0 := rows/2, cols/2
			a[i0*cols+j0] = nan
			l.MatVec(rows, cols, 1, a, cols, x[:cols], 0, y[:rows])
			for i := range rows {
				assert.Equal(t, i == i0, math.IsNaN(y[i]), "%s MatVec NaN row %d", l, i)
			}
			l.MatTVec(rows, cols, 1, a, cols, x[:rows], 0, y[:cols])
			for j := range cols {
				assert.Equal(t, j == j0, math.IsNaN(y[j]), "%s MatTVec NaN col %d", l, j)
			}
			d := make([]float64, rows)
			for i := range d {
				d[i] = 1
			}
			out := make([]float64, cols)
			l.GramVec(rows, cols, a, cols, d, x[:cols], out)
			for j := range cols {
				assert.True(t, math.IsNaN(out[j]), "%s GramVec NaN reaches out[%d]", l, j)
			}
		}
	}
}

// TestSymMatVecNaN puts one NaN in the matrix at a time, on the diagonal,
// above it and below it, at places that land in every row block (four, two
// and one rows at a time) and in the vector body and the tail of a row:
// above the diagonal it reaches exactly y[i] (row i's dot product) and y[j]
// (its mirrored update); on the diagonal only y[i]; below it, never read,
// nowhere. float64 and float32, every level.
func TestSymMatVecNaN(t *testing.T) {
	testSymNaN(t, kernels.Level.SymMatVec)
	testSymNaN(t, kernels.Level.SymMatVec32)
}

func testSymNaN[T ref.Float](t *testing.T, sym func(kernels.Level, int, T, []T, int, []T, T, []T)) {
	nan := T(math.NaN())
	for _, l := range levels() {
		for _, n := range []int{2, 3, 5, 7, 9, 17, 40} {
			a, x, y := make([]T, n*n), make([]T, n), make([]T, n)
			for i := range a {
				a[i] = 1
			}
			for i := range x {
				x[i] = 1
			}
			for i0 := range n {
				for _, j0 := range []int{0, 1, i0 - 1, i0, i0 + 1, i0 + 2, n/2 + i0/2, n - 2, n - 1} {
					if j0 < 0 || j0 >= n {
						continue
					}
					a[i0*n+j0] = nan
					sym(l, n, 1, a, n, x, 0, y)
					a[i0*n+j0] = 1
					for i := range n {
						hit := j0 >= i0 && (i == i0 || i == j0)
						if math.IsNaN(float64(y[i])) != hit {
							t.Fatalf("%s n=%d NaN at (%d, %d): y[%d] = %v", l, n, i0, j0, i, y[i])
						}
						if !hit && y[i] != T(n) {
							t.Fatalf("%s n=%d NaN at (%d, %d): y[%d] = %v, want %d", l, n, i0, j0, i, y[i], n)
						}
					}
				}
			}
		}
	}
}

// TestLevel2Panics: bad shapes, strides, short slices and overlaps panic,
// naming the argument.
func TestLevel2Panics(t *testing.T) {
	a, x, y := make([]float64, 12), make([]float64, 4), make([]float64, 4)
	for _, l := range levels() {
		assert.Equal(t, "kernels.MatVec: lda = 3 is less than max(1, cols = 4)",
			expectPanic(t, func() { l.MatVec(3, 4, 1, a, 3, x, 0, y) }))
		assert.Equal(t, "kernels.MatVec: len(a) = 12 is too short for 4×4 with lda = 4 (needs 16)",
			expectPanic(t, func() { l.MatVec(4, 4, 1, a, 4, x, 0, y) }))
		assert.Equal(t, "kernels.MatVec: len(x) = 3 is shorter than cols = 4",
			expectPanic(t, func() { l.MatVec(3, 4, 1, a, 4, x[:3], 0, y) }))
		assert.Equal(t, "kernels.MatVec: len(y) = 2 is shorter than rows = 3",
			expectPanic(t, func() { l.MatVec(3, 4, 1, a, 4, x, 0, y[:2]) }))
		assert.Equal(t, "kernels.MatVec: rows = -1 is negative",
			expectPanic(t, func() { l.MatVec(-1, 4, 1, a, 4, x, 0, y) }))
		assert.Equal(t, "kernels.MatTVec: len(x) = 2 is shorter than rows = 3",
			expectPanic(t, func() { l.MatTVec(3, 4, 1, a, 4, x[:2], 0, y) }))
		assert.Equal(t, "kernels.MatTVec: y overlaps a",
			expectPanic(t, func() { l.MatTVec(2, 4, 1, a, 4, x, 0, a[6:]) }))
		assert.Equal(t, "kernels.MatVec: y overlaps x",
			expectPanic(t, func() { l.MatVec(3, 4, 1, a, 4, x, 0, x[1:]) }))
		assert.Equal(t, "kernels.SymMatVec: lda = 2 is less than max(1, cols = 3)",
			expectPanic(t, func() { l.SymMatVec(3, 1, a, 2, x, 0, y) }))
		assert.Equal(t, "kernels.GramVec: len(d) = 1 is shorter than rows = 3",
			expectPanic(t, func() { l.GramVec(3, 4, a, 4, x[:1], x, y) }))
		assert.Equal(t, "kernels.GramVec: out overlaps v",
			expectPanic(t, func() { l.GramVec(3, 4, a, 4, make([]float64, 3), x, x) }))
		assert.Equal(t, "kernels.MatVec32: len(x) = 1 is shorter than cols = 2",
			expectPanic(t, func() { l.MatVec32(1, 2, 1, make([]float32, 2), 2, make([]float32, 1), 0, make([]float32, 1)) }))
		// Empty shapes are fine with empty slices.
		l.MatVec(0, 0, 1, nil, 1, nil, 0, nil)
		l.MatTVec(0, 5, 1, nil, 5, nil, 1, make([]float64, 5))
		l.GramVec(0, 0, nil, 1, nil, nil, nil)
	}
}

// TestLevel2Guard runs every matrix kernel, float64 and float32, with the
// matrix and every vector it reads or writes flush against a guard page,
// at the start of its buffer and then at the end: a read or write past any
// operand faults. The outputs are checked as in TestLevel2.
func TestLevel2Guard(t *testing.T) {
	testLevel2Guard[float64](t, kernels.Level.MatVec, kernels.Level.MatTVec, kernels.Level.SymMatVec, kernels.Level.GramVec, kernels.Level.DotPair)
	testLevel2Guard[float32](t, kernels.Level.MatVec32, kernels.Level.MatTVec32, kernels.Level.SymMatVec32, kernels.Level.GramVec32, kernels.Level.DotPair32)
}

func testLevel2Guard[T ref.Float](t *testing.T,
	matVec, matTVec func(kernels.Level, int, int, T, []T, int, []T, T, []T),
	sym func(kernels.Level, int, T, []T, int, []T, T, []T),
	gram func(kernels.Level, int, int, []T, int, []T, []T, []T),
	pair func(kernels.Level, []T, []T, []T) (T, T)) {
	r := newRand(t, 14)
	const maxRows, maxCols = 9, 67
	var z T
	size := int(unsafe.Sizeof(z))
	bufs := make([]*guard.Buffer, 4)
	for i := range bufs {
		n := maxCols + 4
		if i == 0 {
			n = maxRows * (maxCols + 2)
		}
		var err error
		bufs[i], err = guard.New(n * size)
		require.NoError(t, err)
		t.Cleanup(func() { _ = bufs[i].Free() })
	}
	u, eta := ref.Unit[T](), ref.Eta[T]()
	check := func(name string, got []T, want []ref.Exact, depth, nops int) {
		t.Helper()
		for i := range want {
			require.NoError(t, ref.CheckExact(float64(got[i]), want[i], depth, nops, u, eta), "%s output %d", name, i)
		}
	}
	rowCounts := []int{1, 3, 4, 5, 9} // one row; leftovers; a block; a block and one; two and one
	if kernels.FullTests {
		rowCounts = []int{1, 2, 3, 4, 5, 8, 9}
	}
	for _, l := range levels() {
		for _, rows := range rowCounts {
			for cols := 0; cols <= maxCols; cols++ {
				for _, tail := range []bool{false, true} {
					// place puts n elements of buffer k at its head or tail
					// (alternating between buffers, so that every pair of
					// neighbours in memory differs).
					place := func(k, n int) []T {
						if tail == (k%2 == 0) {
							return guard.Tail[T](bufs[k], n)
						}
						return guard.Head[T](bufs[k], n)
					}
					m := newMat2[T](r, rows, cols, rows+cols)
					a := place(0, len(m.a))
					copy(a, m.a)
					m.a = a
					what := fmt.Sprintf("%s %d×%d tail=%v", l, rows, cols, tail)
					nops := 4 * (rows + 2) * (cols + 2)

					x, y := place(1, cols), place(2, rows)
					copy(x, m.x)
					copy(y, m.y)
					want := ref.MatVec(rows, cols, m.alpha, m.a, m.lda, x, m.beta, y)
					matVec(l, rows, cols, m.alpha, m.a, m.lda, x, m.beta, y)
					check("MatVec "+what, y, want, cols+10, nops)

					x, y = place(1, rows), place(2, cols)
					copy(x, m.x)
					copy(y, m.y)
					want = ref.MatTVec(rows, cols, m.alpha, m.a, m.lda, x, m.beta, y)
					matTVec(l, rows, cols, m.alpha, m.a, m.lda, x, m.beta, y)
					check("MatTVec "+what, y, want, rows+10, nops)

					if n := min(rows, cols); n > 0 {
						// The leading n×n block, with the same stride.
						x, y = place(1, n), place(2, n)
						copy(x, m.x)
						copy(y, m.y)
						a := place(0, (n-1)*m.lda+n)
						copy(a, m.a)
						want = ref.SymMatVec(n, m.alpha, a, m.lda, x, m.beta, y)
						sym(l, n, m.alpha, a, m.lda, x, m.beta, y)
						check("SymMatVec "+what, y, want, n+10, nops)
						a = place(0, len(m.a))
						copy(a, m.a)
						m.a = a
					}

					d, v, out := place(1, rows), place(2, cols), place(3, cols)
					copy(d, m.d)
					copy(v, m.x)
					want = ref.GramVec(rows, cols, m.a, m.lda, d, v)
					gram(l, rows, cols, m.a, m.lda, d, v, out)
					check("GramVec "+what, out, want, rows+cols+12, nops)

					px, pa, pb := place(1, cols), place(2, cols), place(3, cols)
					copy(px, m.x)
					copy(pa, m.y)
					copy(pb, m.a)
					xa, xb := pair(l, px, pa, pb)
					require.NoError(t, ref.CheckDot(float64(xa), px, pa, cols+8, u, eta, math.MaxFloat64), "DotPair x·a %s", what)
					require.NoError(t, ref.CheckDot(float64(xb), px, pb, cols+8, u, eta, math.MaxFloat64), "DotPair x·b %s", what)
				}
			}
		}
	}
}
