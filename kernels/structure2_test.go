package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/samkern/samkern/internal/guard"
	"github.com/samkern/samkern/internal/ref"
)

// Every product in these models is converted explicitly (T(a*b)): Go may
// fuse a product with a later addition into an FMA otherwise (it does on
// arm64), which would be another order than the assembly's.

// The summation structure of the matrix kernels, as their headers
// describe it: how each row's dot product is accumulated (dot4 inside a
// block of four rows, dot1 for a leftover row), the order of the updates of
// y, and SymMatVec's corners. TestLevel2Structure demands these bits from
// every SIMD level, as TestSumStructure does for the Level-1 reductions.

// vecLanes is the number of T in one vector of level l.
func vecLanes[T float32 | float64](l Level) int {
	var z T
	b := map[Level]int{AVX2: 32, AVX512: 64, NEON: 16}[l]
	if _, ok := any(z).(float32); ok {
		return b / 4
	}
	return b / 8
}

func fmaT[T float32 | float64](a, b, c T) T { return ref.FMA(a, b, c) }

// pairTree adds neighbouring lanes, then neighbouring pairs, ... (VHADD,
// FADDP); halfTree adds the upper half to the lower half until one lane
// is left (VEXTRACT and add).
func pairTree[T float32 | float64](v []T) T {
	for len(v) > 1 {
		w := make([]T, len(v)/2)
		for j := range w {
			w[j] = v[2*j] + v[2*j+1]
		}
		v = w
	}
	return v[0]
}

func halfTree[T float32 | float64](v []T) T {
	for len(v) > 1 {
		h := len(v) / 2
		w := make([]T, h)
		for j := range w {
			w[j] = v[j] + v[j+h]
		}
		v = w
	}
	return v[0]
}

// accumulate adds fma(x[j], r[j]) for j in [j0, j0+len(acc)) lane-wise.
func accumulate[T float32 | float64](acc, x, r []T, j0 int) {
	for k := range acc {
		acc[k] = fmaT(x[j0+k], r[j0+k], acc[k])
	}
}

// rowDot is the dot product of row r with x as the level computes it in a
// block of four rows (block) or for a single row.
func rowDot[T float32 | float64](l Level, r, x []T, block bool) T {
	n, L := len(r), vecLanes[T](l)
	acc := make([][]T, 4)
	for k := range acc {
		acc[k] = make([]T, L)
	}
	j := 0
	switch l {
	case AVX2, AVX512:
		for ; j+2*L <= n; j += 2 * L {
			accumulate(acc[0], x, r, j)
			accumulate(acc[1], x, r, j+L)
		}
		if j+L <= n {
			accumulate(acc[0], x, r, j)
			j += L
		}
		var t T
		if l == AVX512 { // the masked tail into the second accumulator
			for k := 0; j < n; j, k = j+1, k+1 {
				acc[1][k] = fmaT(x[j], r[j], acc[1][k])
			}
		} else if block { // AVX2's scalar tail of a block: an accumulator of its own
			for ; j < n; j++ {
				t = fmaT(x[j], r[j], t)
			}
		}
		for k := range acc[0] {
			acc[0][k] += acc[1][k]
		}
		var s T
		switch {
		case block && l == AVX512:
			h := make([]T, L/2)
			for k := range h {
				h[k] = acc[0][k] + acc[0][k+L/2]
			}
			s = pairTree(h)
		case block:
			s = pairTree(acc[0]) + t
		default:
			s = halfTree(acc[0])
		}
		for ; j < n; j++ { // AVX2's single row: the tail after the lanes
			s = fmaT(x[j], r[j], s)
		}
		return s
	}
	// NEON: four registers per iteration, then one at a time into the
	// first; a block's tail on lane 0 of the second accumulator, a single
	// row's after the lanes.
	for ; j+4*L <= n; j += 4 * L {
		for k := range 4 {
			accumulate(acc[k], x, r, j+k*L)
		}
	}
	for ; j+L <= n; j += L {
		accumulate(acc[0], x, r, j)
	}
	if block {
		for ; j < n; j++ {
			acc[1][0] = fmaT(x[j], r[j], acc[1][0])
		}
	}
	v := make([]T, L)
	for k := range v {
		v[k] = (acc[0][k] + acc[1][k]) + (acc[2][k] + acc[3][k])
	}
	s := pairTree(v)
	for ; j < n; j++ {
		s = fmaT(x[j], r[j], s)
	}
	return s
}

// symModel is SymMatVec's y += alpha·A·x over rows i0..i1-1 as level l
// computes it (one row at a time, after AVX2's blocks of four or
// AVX-512's of four and two).
func symModel[T float32 | float64](l Level, y []T, alpha T, a []T, lda int, x []T, i0, i1 int) {
	n := len(x)
	L := vecLanes[T](l)
	A := func(i, j int) T { return a[min(i, j)*lda+max(i, j)] }
	// corner4 is row i+r's part of the 4×4 corner of the block at i
	// (level2_symmatvec_corner4_amd64.h): a product, then three FMAs.
	corner4 := func(i, r int) T {
		c := T(A(i+r, i) * x[i])
		for cc := 1; cc < 4; cc++ {
			c = fmaT(A(i+r, i+cc), x[i+cc], c)
		}
		return c
	}
	i := i0
	if l == AVX2 {
		// One vector of the four rows per step, then the scalar tail into
		// accumulators of its own; y gets the rows' terms in row order.
		for ; i+4 <= i1; i += 4 {
			var c, t [4]T
			for r := range 4 {
				c[r] = T(alpha * x[i+r])
			}
			acc := make([][]T, 4)
			for r := range acc {
				acc[r] = make([]T, L)
			}
			j := i + 4
			for ; j+L <= n; j += L {
				for r := range 4 {
					accumulate(acc[r], x, a[(i+r)*lda:], j)
				}
				for k := range L {
					for r := range 4 {
						y[j+k] = fmaT(A(i+r, j+k), c[r], y[j+k])
					}
				}
			}
			for ; j < n; j++ {
				for r := range 4 {
					t[r] = fmaT(x[j], A(i+r, j), t[r])
					y[j] = fmaT(A(i+r, j), c[r], y[j])
				}
			}
			for r := range 4 {
				y[i+r] = fmaT(alpha, (pairTree(acc[r])+t[r])+corner4(i, r), y[i+r])
			}
		}
	}
	if l == AVX512 {
		for ; i+4 <= i1; i += 4 {
			var c [4]T
			for r := range 4 {
				c[r] = T(alpha * x[i+r])
			}
			acc := make([][]T, 8)
			for k := range acc {
				acc[k] = make([]T, L)
			}
			j := i + 4
			step := func(vec int, j int, masked int) {
				for r := range 4 {
					for k := 0; k < L && (masked < 0 || k < masked); k++ {
						acc[2*r+vec][k] = fmaT(A(i+r, j+k), x[j+k], acc[2*r+vec][k])
					}
				}
				for k := 0; k < L && (masked < 0 || k < masked); k++ {
					for r := range 4 {
						y[j+k] = fmaT(A(i+r, j+k), c[r], y[j+k])
					}
				}
			}
			for ; j+2*L <= n; j += 2 * L {
				step(0, j, -1)
				step(1, j+L, -1)
			}
			if j+L <= n {
				step(0, j, -1)
				j += L
			}
			if j < n {
				step(1, j, n-j)
			}
			var sums [4]T
			for r := range 4 {
				h := make([]T, L/2)
				for k := range h {
					h[k] = (acc[2*r][k] + acc[2*r+1][k]) + (acc[2*r][k+L/2] + acc[2*r+1][k+L/2])
				}
				sums[r] = pairTree(h)
				y[i+r] = fmaT(alpha, sums[r]+corner4(i, r), y[i+r])
			}
		}
		for ; i+2 <= i1; i += 2 {
			c0, c1 := T(alpha*x[i]), T(alpha*x[i+1])
			corner0 := fmaT(A(i, i+1), x[i+1], T(A(i, i)*x[i]))
			corner1 := fmaT(A(i, i+1), x[i], T(A(i+1, i+1)*x[i+1]))
			acc := make([][]T, 8)
			for k := range acc {
				acc[k] = make([]T, L)
			}
			j := i + 2
			step := func(v, j, masked int) {
				for k := 0; k < L && (masked < 0 || k < masked); k++ {
					acc[v][k] = fmaT(A(i, j+k), x[j+k], acc[v][k])
					acc[4+v][k] = fmaT(A(i+1, j+k), x[j+k], acc[4+v][k])
					y[j+k] = fmaT(A(i, j+k), c0, y[j+k])
					y[j+k] = fmaT(A(i+1, j+k), c1, y[j+k])
				}
			}
			for ; j+4*L <= n; j += 4 * L {
				for v := range 4 {
					step(v, j+v*L, -1)
				}
			}
			for ; j+L <= n; j += L {
				step(0, j, -1)
			}
			if j < n {
				step(1, j, n-j)
			}
			for r, corner := range []T{corner0, corner1} {
				v := make([]T, L)
				for k := range v {
					v[k] = (acc[4*r][k] + acc[4*r+1][k]) + (acc[4*r+2][k] + acc[4*r+3][k])
				}
				y[i+r] = fmaT(alpha, halfTree(v)+corner, y[i+r])
			}
		}
	}
	for ; i < i1; i++ {
		diag := T(A(i, i) * x[i])
		c := T(alpha * x[i])
		acc := make([][]T, 4)
		for k := range acc {
			acc[k] = make([]T, L)
		}
		j := i + 1
		step := func(v, j, masked int) {
			for k := 0; k < L && (masked < 0 || k < masked); k++ {
				acc[v][k] = fmaT(A(i, j+k), x[j+k], acc[v][k])
				y[j+k] = fmaT(A(i, j+k), c, y[j+k])
			}
		}
		for ; j+4*L <= n; j += 4 * L {
			for v := range 4 {
				step(v, j+v*L, -1)
			}
		}
		for ; j+L <= n; j += L {
			step(0, j, -1)
		}
		var t T
		if l == AVX512 && j < n {
			step(1, j, n-j)
			j = n
		}
		for ; j < n; j++ { // AVX2: into a scalar of its own; NEON: below
			if l == AVX2 {
				t = fmaT(A(i, j), x[j], t)
				y[j] = fmaT(A(i, j), c, y[j])
			} else {
				break
			}
		}
		v := make([]T, L)
		for k := range v {
			v[k] = (acc[0][k] + acc[1][k]) + (acc[2][k] + acc[3][k])
		}
		var s T
		switch l {
		case NEON:
			s = pairTree(v)
			for ; j < n; j++ {
				s = fmaT(A(i, j), x[j], s)
				y[j] = fmaT(A(i, j), c, y[j])
			}
			s += diag
		default:
			s = halfTree(v) + t + diag
		}
		y[i] = fmaT(alpha, s, y[i])
	}
}

func TestLevel2Structure(t *testing.T) {
	testLevel2Structure[float64](t)
	testLevel2Structure[float32](t)
}

func testLevel2Structure[T float32 | float64](t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	val := func() T { return T((1 + r.Float64()) * float64(1-2*r.IntN(2))) }
	for _, l := range testLevels() {
		if l == Generic {
			continue
		}
		for _, rows := range []int{1, 2, 3, 4, 5, 7, 9} {
			for cols := 1; cols <= 4*vecLanes[T](l)+3; cols++ {
				lda := cols + 1
				a, x, y, d := make([]T, rows*lda), make([]T, max(rows, cols)), make([]T, max(rows, cols)), make([]T, rows)
				for _, v := range [][]T{a, x, y, d} {
					for i := range v {
						v[i] = val()
					}
				}
				alpha, beta := val(), val()
				same := func(name string, got, want []T) {
					t.Helper()
					for i := range want {
						if math.Float64bits(float64(got[i])) != math.Float64bits(float64(want[i])) {
							t.Fatalf("%s %s %d×%d: [%d] = %v, the model gives %v", l, name, rows, cols, i, got[i], want[i])
						}
					}
				}
				// matVec: four-row blocks, then single rows.
				want := make([]T, rows)
				for i := range rows {
					s := rowDot(l, a[i*lda:i*lda+cols], x[:cols], i < rows/4*4)
					want[i] = fmaT(alpha, s, T(beta*y[i]))
				}
				got := append([]T(nil), y[:rows]...)
				scramble()
				switch g := any(got).(type) {
				case []float64:
					l.matVec(g, float64(alpha), any(a).([]float64), lda, any(x[:cols]).([]float64), float64(beta))
				case []float32:
					l.matVec32(g, float32(alpha), any(a).([]float32), lda, any(x[:cols]).([]float32), float32(beta))
				}
				same("matVec", got, want)
				// matTVec: the rows' updates of each y[j] in row order.
				want = append([]T(nil), y[:cols]...)
				for i := range rows {
					c := T(alpha * x[i])
					for j := range cols {
						want[j] = fmaT(a[i*lda+j], c, want[j])
					}
				}
				got = append([]T(nil), y[:cols]...)
				scramble()
				switch g := any(got).(type) {
				case []float64:
					l.matTVec(g, float64(alpha), any(a).([]float64), lda, any(x[:rows]).([]float64))
				case []float32:
					l.matTVec32(g, float32(alpha), any(a).([]float32), lda, any(x[:rows]).([]float32))
				}
				same("matTVec", got, want)
				// gramVec: c_i = d_i·(row i · v), then the updates in row order.
				want = make([]T, cols)
				for i := range rows {
					c := T(d[i] * rowDot(l, a[i*lda:i*lda+cols], x[:cols], i < rows/4*4))
					for j := range cols {
						want[j] = fmaT(a[i*lda+j], c, want[j])
					}
				}
				got = make([]T, cols)
				scramble()
				switch g := any(got).(type) {
				case []float64:
					l.gramVec(g, any(a).([]float64), lda, any(d).([]float64), any(x[:cols]).([]float64))
				case []float32:
					l.gramVec32(g, any(a).([]float32), lda, any(d).([]float32), any(x[:cols]).([]float32))
				}
				same("gramVec", got, want)
				// symMatVec on a cols×cols matrix (stride lda), rows
				// [i0, i0+rows) of it (the Level method's row ranges), so
				// that every block kind meets long passes.
				for _, i0 := range []int{0, 1, 2} {
					n := cols + i0 + rows
					if i0+rows > n {
						continue
					}
					slda := n + 1
					sa, sx := make([]T, n*slda), make([]T, n)
					for _, v := range [][]T{sa, sx} {
						for i := range v {
							v[i] = val()
						}
					}
					sy := make([]T, n)
					for i := range sy {
						sy[i] = val()
					}
					want = append([]T(nil), sy...)
					symModel(l, want, alpha, sa, slda, sx, i0, i0+rows)
					got = append([]T(nil), sy...)
					scramble()
					switch g := any(got).(type) {
					case []float64:
						l.symMatVec(g, float64(alpha), any(sa).([]float64), slda, any(sx).([]float64), i0, i0+rows)
					case []float32:
						l.symMatVec32(g, float32(alpha), any(sa).([]float32), slda, any(sx).([]float32), i0, i0+rows)
					}
					same("symMatVec", got, want)
				}
			}
		}
	}
}

// TestSymMatVecRangesGuard runs the private SymMatVec kernels on row ranges
// (the Level method's blocks of the triangle, so that AVX-512's two-row and
// one-row blocks meet long passes) with the matrix and both vectors flush
// against guard pages, and demands the model's bits.
func TestSymMatVecRangesGuard(t *testing.T) {
	testSymRangesGuard[float64](t)
	testSymRangesGuard[float32](t)
}

func testSymRangesGuard[T float32 | float64](t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	const maxN = 40
	var z T
	size := int(unsafe.Sizeof(z))
	var bufs [3]*guard.Buffer
	for k := range bufs {
		var err error
		if bufs[k], err = guard.New(maxN * maxN * size); err != nil {
			t.Fatal(err)
		}
		defer bufs[k].Free()
	}
	for _, l := range testLevels() {
		if l == Generic {
			continue
		}
		for n := 1; n <= maxN; n++ {
			for _, span := range []int{1, 2, 3, 5, 6, 7} {
				for _, i0 := range []int{0, n / 3} {
					i1 := min(n, i0+span)
					if i0 >= i1 {
						continue
					}
					a, x, y := guard.Tail[T](bufs[0], n*n), guard.Tail[T](bufs[1], n), guard.Head[T](bufs[2], n)
					for _, v := range [][]T{a, x, y} {
						for i := range v {
							v[i] = T((1 + r.Float64()) * float64(1-2*r.IntN(2)))
						}
					}
					alpha := T(0.75)
					want := append([]T(nil), y...)
					symModel(l, want, alpha, a, n, x, i0, i1)
					switch g := any(y).(type) {
					case []float64:
						l.symMatVec(g, float64(alpha), any(a).([]float64), n, any(x).([]float64), i0, i1)
					case []float32:
						l.symMatVec32(g, float32(alpha), any(a).([]float32), n, any(x).([]float32), i0, i1)
					}
					for i := range want {
						if math.Float64bits(float64(y[i])) != math.Float64bits(float64(want[i])) {
							t.Fatalf("%s symMatVec (%d-byte) n=%d rows %d..%d: y[%d] = %v, the model gives %v", l, size, n, i0, i1, i, y[i], want[i])
						}
					}
				}
			}
		}
	}
}
