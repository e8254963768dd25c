package gonumblas_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/blas"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/kernels/gonumblas"
)

// TestLevel checks which level each value runs on: the zero value follows
// kernels.Active(), ForLevel pins its argument and refuses a level the CPU
// cannot run.
func TestLevel(t *testing.T) {
	assert.Equal(t, kernels.Active(), gonumblas.Implementation{}.Level())
	for _, l := range kernels.Levels() {
		assert.Equal(t, l, gonumblas.ForLevel(l).Level())
	}
	bad := kernels.Level(200)
	require.False(t, bad.Supported())
	assert.PanicsWithValue(t, "gonumblas: level Level(200) is not supported on this CPU",
		func() { gonumblas.ForLevel(bad) })
}

// TestZeroValueRunsActive checks that the zero value's results are the
// bits of the package-level kernels (which run kernels.Active()).
func TestZeroValueRunsActive(t *testing.T) {
	r := newRand(1)
	var impl gonumblas.Implementation
	x, y := randVals[float64](r, 300), randVals[float64](r, 300)
	assert.True(t, sameBits(kernels.Dot(x, y), impl.Ddot(300, x, 1, y, 1)))
	assert.True(t, sameBits(kernels.Norm(x), impl.Dnrm2(300, x, 1)))
	a := randVals[float64](r, 20*15)
	want, got := append([]float64(nil), y[:20]...), append([]float64(nil), y[:20]...)
	kernels.MatVec(20, 15, 0.5, a, 15, x, 2, want)
	impl.Dgemv(blas.NoTrans, 20, 15, 0.5, a, 15, x, 1, 2, got, 1)
	assert.Equal(t, -1, sameSlice(want, got))
	x32, y32 := randVals[float32](r, 300), randVals[float32](r, 300)
	assert.True(t, sameBits(kernels.Dot32(x32, y32), impl.Sdot(300, x32, 1, y32, 1)))
	assert.True(t, sameBits(kernels.Norm32(x32), impl.Snrm2(300, x32, 1)))
}

// TestRouting checks that the calls the package documents as accelerated run
// the kernels of the pinned level, bit for bit, on every level: Dot, Axpy
// (also with x and y the same slice), Scale, Norm, MatVec, MatTVec (Trans
// and ConjTrans) and SymMatVec, with a row stride larger than the row and
// vectors longer than needed.
func TestRouting(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testRouting(t, prec64) })
	t.Run("f32", func(t *testing.T) { testRouting(t, prec32) })
}

func testRouting[T ref.Float](t *testing.T, p precision[T]) {
	for _, l := range kernels.Levels() {
		t.Run(l.String(), func(t *testing.T) {
			ours, k := p.ours(gonumblas.ForLevel(l)), p.kernels(l)
			r := newRand(2)
			const n, m, lda = 203, 37, 211
			x, y := randVals[T](r, n+5), randVals[T](r, n+5)
			a := randVals[T](r, (m-1)*lda+n)
			clone := func(v []T) []T { return append([]T(nil), v...) }

			assert.True(t, sameBits(k.dot(x[:n], y[:n]), ours.dot(n, x, 1, y, 1)), "dot")
			assert.True(t, sameBits(k.norm(x[:n]), ours.nrm2(n, x, 1)), "nrm2")

			want, got := clone(y), clone(y)
			k.axpy(0.75, x[:n], want[:n])
			ours.axpy(n, 0.75, x, 1, got, 1)
			assert.Equal(t, -1, sameSlice(want, got), "axpy")

			want, got = clone(x), clone(x)
			k.axpy(-1.5, want[:n], want[:n])
			ours.axpy(n, -1.5, got, 1, got, 1)
			assert.Equal(t, -1, sameSlice(want, got), "axpy, x and y the same slice")

			want, got = clone(x), clone(x)
			k.scale(-0.375, want[:n])
			ours.scal(n, -0.375, got, 1)
			assert.Equal(t, -1, sameSlice(want, got), "scal")

			for _, beta := range []T{0, 1, -0.5} {
				want, got = clone(y), clone(y)
				k.matVec(m, n, 1.25, a, lda, x[:n], beta, want[:m])
				ours.gemv(blas.NoTrans, m, n, 1.25, a, lda, x, 1, beta, got, 1)
				assert.Equal(t, -1, sameSlice(want, got), "gemv NoTrans beta=%v", beta)

				for _, tA := range []blas.Transpose{blas.Trans, blas.ConjTrans} {
					want, got = clone(y), clone(y)
					k.matTVec(m, n, 1.25, a, lda, x[:m], beta, want[:n])
					ours.gemv(tA, m, n, 1.25, a, lda, x, 1, beta, got, 1)
					assert.Equal(t, -1, sameSlice(want, got), "gemv %c beta=%v", tA, beta)
				}

				want, got = clone(y), clone(y)
				k.symMatVec(m, 1.25, a, lda, x[:m], beta, want[:m])
				ours.symv(blas.Upper, m, 1.25, a, lda, x, 1, beta, got, 1)
				assert.Equal(t, -1, sameSlice(want, got), "symv beta=%v", beta)
			}
		})
	}
}

// incPairs are the increments the differential tests use: unit (the
// kernels), and non-unit and negative ones (gonum's code).
var incPairs = [][2]int{{1, 1}, {2, 1}, {1, -1}, {-3, 2}}

// gemvShapes are m×n shapes around the kernels' blocking, including empty
// ones (gonum's quick return).
var gemvShapes = [][2]int{{0, 0}, {0, 3}, {4, 0}, {1, 1}, {1, 9}, {9, 1}, {3, 5}, {8, 8}, {17, 33}, {33, 17}, {5, 130}}

// TestGemvAgainstGonum compares Dgemv and Sgemv with gonum's on every level,
// for every transpose, shape, row stride, increment pair and alpha, beta in
// {0, 1, other}, with NaN in y when beta = 0 (it must not be read). Calls
// that gonumblas documents as delegated must give gonum's bits; accelerated
// ones must be within the kernels' bound γ_{k+10}·Σ|terms| of the exact
// value (k the length of the dot products or axpy sweeps: n for NoTrans, m
// for Trans; the 10 covers alpha, beta, the final add and the kernels'
// accumulator folding, as in the kernels' own tests) and within
// (γ_{k+10} + γ_{k+3})·Σ|terms| of gonum's (gonum's terms go through a product, k−1
// additions, alpha, beta and the final add). Neither a nor x may change, and
// nothing of y outside its increments or beyond its ends.
func TestGemvAgainstGonum(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testGemv(t, prec64) })
	t.Run("f32", func(t *testing.T) { testGemv(t, prec32) })
}

func testGemv[T ref.Float](t *testing.T, p precision[T]) {
	for _, l := range kernels.Levels() {
		t.Run(l.String(), func(t *testing.T) {
			ours := p.ours(gonumblas.ForLevel(l))
			r := newRand(3)
			for _, sh := range gemvShapes {
				for _, extra := range []int{0, 3} {
					for _, inc := range incPairs {
						for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans, blas.ConjTrans} {
							for _, ab := range [][2]T{{0, 1}, {0, 0}, {0, -1.5}, {1, 0}, {1, 1}, {-0.75, 0}, {-0.75, -1.5}} {
								c := gemvCase[T]{tA: tA, m: sh[0], n: sh[1], lda: max(1, sh[1]+extra),
									alpha: ab[0], beta: ab[1], incX: inc[0], incY: inc[1]}
								c.fill(r)
								if err := c.check(ours, p.native); err != nil {
									t.Fatalf("%v: %v", c, err)
								}
							}
						}
					}
				}
			}
		})
	}
}

// TestGemvLarge crosses the kernels' chunking (about 65536 matrix elements a
// call) through Dgemv, Sgemv, Dsymv and Ssymv. The exact reference would be
// slow at this size (the tests also run under emulation), so the outputs
// are compared with gonum's only, within (γ_{k+10} + γ_{k+3})·Σ|terms|, the
// sum of both bounds of TestGemvAgainstGonum, with Σ|terms| summed in
// float64 and enlarged by its own rounding bound γ_{k+2} (float64).
func TestGemvLarge(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testGemvLarge(t, prec64) })
	t.Run("f32", func(t *testing.T) { testGemvLarge(t, prec32) })
}

func testGemvLarge[T ref.Float](t *testing.T, p precision[T]) {
	r := newRand(4)
	const m, n, lda = 260, 261, 263
	a, x, y := randVals[T](r, (m-1)*lda+n), randVals[T](r, n), randVals[T](r, n)
	// The triangle of an ns×ns matrix holds more than 65536 elements.
	const ns, ldas = 380, 381
	as, xs, ys := randVals[T](r, (ns-1)*ldas+ns), randVals[T](r, ns), randVals[T](r, ns)
	alpha, beta := T(0.5), T(-1)
	near := func(what string, ours, nat []T, abs []float64, k int) {
		t.Helper()
		u := ref.Unit[T]()
		g := (ref.Gamma(k+10, u) + ref.Gamma(k+3, u)) * (1 + ref.Gamma(k+2, ref.Unit[float64]()))
		for i := range abs {
			require.LessOrEqual(t, math.Abs(float64(ours[i])-float64(nat[i])), g*abs[i], "%s [%d]", what, i)
		}
	}
	for _, l := range kernels.Levels() {
		ours := p.ours(gonumblas.ForLevel(l))
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			lenY, k := m, n
			if tA == blas.Trans {
				lenY, k = n, m
			}
			yo, yn := append([]T(nil), y[:lenY]...), append([]T(nil), y[:lenY]...)
			ours.gemv(tA, m, n, alpha, a, lda, x, 1, beta, yo, 1)
			p.native.gemv(tA, m, n, alpha, a, lda, x, 1, beta, yn, 1)
			abs := make([]float64, lenY)
			for i := range m {
				for j := range n {
					v := math.Abs(float64(alpha) * float64(a[i*lda+j]))
					if tA == blas.NoTrans {
						abs[i] += v * math.Abs(float64(x[j]))
					} else {
						abs[j] += v * math.Abs(float64(x[i]))
					}
				}
			}
			for i := range abs {
				abs[i] += math.Abs(float64(beta) * float64(y[i]))
			}
			near(fmt.Sprintf("%s gemv %c", l, tA), yo, yn, abs, k)
		}
		yo, yn := append([]T(nil), ys...), append([]T(nil), ys...)
		ours.symv(blas.Upper, ns, alpha, as, ldas, xs, 1, beta, yo, 1)
		p.native.symv(blas.Upper, ns, alpha, as, ldas, xs, 1, beta, yn, 1)
		abs := make([]float64, ns)
		for i := range ns {
			abs[i] = math.Abs(float64(beta) * float64(ys[i]))
			for j := range ns {
				aij := as[min(i, j)*ldas+max(i, j)]
				abs[i] += math.Abs(float64(alpha) * float64(aij) * float64(xs[j]))
			}
		}
		near(fmt.Sprintf("%s symv", l), yo, yn, abs, ns)
	}
}

// gemvCase is one gemv call.
type gemvCase[T ref.Float] struct {
	tA          blas.Transpose
	m, n, lda   int
	alpha, beta T
	incX, incY  int
	a, xv, yv   []T // the matrix, and x and y's logical elements
	x, y        []T // x and y as BLAS vectors
	lenX, lenY  int
}

func (c gemvCase[T]) String() string {
	return fmt.Sprintf("gemv %c m=%d n=%d lda=%d alpha=%v beta=%v incX=%d incY=%d",
		c.tA, c.m, c.n, c.lda, c.alpha, c.beta, c.incX, c.incY)
}

func (c *gemvCase[T]) fill(r *rand.Rand) {
	c.lenX, c.lenY = c.n, c.m
	if c.tA != blas.NoTrans {
		c.lenX, c.lenY = c.m, c.n
	}
	c.a = randVals[T](r, max(0, (c.m-1)*c.lda+c.n))
	c.xv, c.yv = randVals[T](r, c.lenX), randVals[T](r, c.lenY)
	if c.beta == 0 {
		for i := range c.yv {
			c.yv[i] = T(math.NaN())
		}
	}
	c.x, c.y = scatter(c.xv, c.incX, 3), scatter(c.yv, c.incY, 5)
}

// check runs the call through ours and gonum's and compares; see
// TestGemvAgainstGonum.
func (c *gemvCase[T]) check(ours, nat routines[T]) error {
	a, x := append([]T(nil), c.a...), append([]T(nil), c.x...)
	yBuf, y := guarded(c.y)
	yNat := append([]T(nil), c.y...)
	ours.gemv(c.tA, c.m, c.n, c.alpha, a, c.lda, x, c.incX, c.beta, y, c.incY)
	nat.gemv(c.tA, c.m, c.n, c.alpha, c.a, c.lda, c.x, c.incX, c.beta, yNat, c.incY)
	if i := sameSlice(a, c.a); i >= 0 {
		return fmt.Errorf("a[%d] changed", i)
	}
	if i := sameSlice(x, c.x); i >= 0 {
		return fmt.Errorf("x[%d] changed", i)
	}
	if err := checkGuards(yBuf); err != nil {
		return err
	}
	accel := c.incX == 1 && c.incY == 1 && c.m > 0 && c.n > 0
	if !accel {
		if i := sameSlice(y, yNat); i >= 0 {
			return fmt.Errorf("delegated call: y[%d] = %v, gonum's %v", i, y[i], yNat[i])
		}
		return nil
	}
	var want []ref.Exact
	k := c.n
	if c.tA == blas.NoTrans {
		want = ref.MatVec(c.m, c.n, c.alpha, c.a, c.lda, c.xv, c.beta, c.yv)
	} else {
		want = ref.MatTVec(c.m, c.n, c.alpha, c.a, c.lda, c.xv, c.beta, c.yv)
		k = c.m
	}
	got, gotNat := gather(y, c.lenY, c.incY), gather(yNat, c.lenY, c.incY)
	for i := range want {
		if err := closeTo(got[i], gotNat[i], want[i], k+10, k+3, 4*(k+2)); err != nil {
			return fmt.Errorf("y[%d]: %v", i, err)
		}
	}
	return nil
}

// TestSymvAgainstGonum compares Dsymv and Ssymv with gonum's like
// TestGemvAgainstGonum, for both triangles: Upper with unit increments runs
// SymMatVec (bound with k = n), everything else must give gonum's bits. The
// triangle that is not referenced holds NaN.
func TestSymvAgainstGonum(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testSymv(t, prec64) })
	t.Run("f32", func(t *testing.T) { testSymv(t, prec32) })
}

func testSymv[T ref.Float](t *testing.T, p precision[T]) {
	for _, l := range kernels.Levels() {
		t.Run(l.String(), func(t *testing.T) {
			ours := p.ours(gonumblas.ForLevel(l))
			r := newRand(5)
			for _, n := range []int{0, 1, 2, 3, 7, 8, 9, 16, 17, 33, 64} {
				for _, extra := range []int{0, 3} {
					for _, inc := range incPairs {
						for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
							for _, ab := range [][2]T{{0, 1}, {0, 0}, {0, -1.5}, {1, 0}, {1, 1}, {-0.75, 0}, {-0.75, -1.5}} {
								c := symvCase[T]{ul: ul, n: n, lda: max(1, n+extra),
									alpha: ab[0], beta: ab[1], incX: inc[0], incY: inc[1]}
								c.fill(r)
								if err := c.check(ours, p.native); err != nil {
									t.Fatalf("%v: %v", c, err)
								}
							}
						}
					}
				}
			}
		})
	}
}

// symvCase is one symv call.
type symvCase[T ref.Float] struct {
	ul          blas.Uplo
	n, lda      int
	alpha, beta T
	incX, incY  int
	a, xv, yv   []T
	x, y        []T
}

func (c symvCase[T]) String() string {
	return fmt.Sprintf("symv %c n=%d lda=%d alpha=%v beta=%v incX=%d incY=%d",
		c.ul, c.n, c.lda, c.alpha, c.beta, c.incX, c.incY)
}

func (c *symvCase[T]) fill(r *rand.Rand) {
	c.a = randVals[T](r, max(0, (c.n-1)*c.lda+c.n))
	for i := range c.n {
		for j := range c.n {
			if (c.ul == blas.Upper && j < i) || (c.ul == blas.Lower && j > i) {
				c.a[i*c.lda+j] = T(math.NaN()) // never referenced
			}
		}
	}
	c.xv, c.yv = randVals[T](r, c.n), randVals[T](r, c.n)
	if c.beta == 0 {
		for i := range c.yv {
			c.yv[i] = T(math.NaN())
		}
	}
	c.x, c.y = scatter(c.xv, c.incX, 3), scatter(c.yv, c.incY, 5)
}

func (c *symvCase[T]) check(ours, nat routines[T]) error {
	a, x := append([]T(nil), c.a...), append([]T(nil), c.x...)
	yBuf, y := guarded(c.y)
	yNat := append([]T(nil), c.y...)
	ours.symv(c.ul, c.n, c.alpha, a, c.lda, x, c.incX, c.beta, y, c.incY)
	nat.symv(c.ul, c.n, c.alpha, c.a, c.lda, c.x, c.incX, c.beta, yNat, c.incY)
	if i := sameSlice(a, c.a); i >= 0 {
		return fmt.Errorf("a[%d] changed", i)
	}
	if i := sameSlice(x, c.x); i >= 0 {
		return fmt.Errorf("x[%d] changed", i)
	}
	if err := checkGuards(yBuf); err != nil {
		return err
	}
	if !(c.ul == blas.Upper && c.incX == 1 && c.incY == 1 && c.n > 0) {
		if i := sameSlice(y, yNat); i >= 0 {
			return fmt.Errorf("delegated call: y[%d] = %v, gonum's %v", i, y[i], yNat[i])
		}
		return nil
	}
	want := ref.SymMatVec(c.n, c.alpha, c.a, c.lda, c.xv, c.beta, c.yv)
	for i := range want {
		if err := closeTo(y[i], yNat[i], want[i], c.n+10, c.n+3, 4*(c.n+2)); err != nil {
			return fmt.Errorf("y[%d]: %v", i, err)
		}
	}
	return nil
}

// TestLevel1AgainstGonum compares Ddot, Daxpy, Dscal, Dnrm2 and their
// float32 twins with gonum's on every level, for lengths around the
// kernels' unrolling and every increment pair. Delegated calls must give
// gonum's bits. Accelerated ones: dot within γ_{n+8}·Σ|x_i·y_i| of the exact
// value and (γ_{n+8} + γ_n)·Σ|x_i·y_i| of gonum's; axpy, one or two
// roundings of alpha·x_i + y_i in either, within 2·γ_2·(|alpha·x_i| + |y_i|)
// of gonum's; scal, one rounding in both, gonum's bits; nrm2 within the
// kernels' norm bound of the exact norm (ref.CheckNorm; the float32 sum is
// accumulated in float64).
func TestLevel1AgainstGonum(t *testing.T) {
	t.Run("f64", func(t *testing.T) { testLevel1(t, prec64, ref.Unit[float64]()) })
	t.Run("f32", func(t *testing.T) { testLevel1(t, prec32, ref.Unit[float64]()) })
}

func testLevel1[T ref.Float](t *testing.T, p precision[T], uSum float64) {
	u := ref.Unit[T]()
	for _, l := range kernels.Levels() {
		t.Run(l.String(), func(t *testing.T) {
			ours := p.ours(gonumblas.ForLevel(l))
			r := newRand(6)
			for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257, 1000} {
				for _, inc := range incPairs {
					accel := inc[0] == 1 && inc[1] == 1 && n > 0
					xv, yv := randVals[T](r, n), randVals[T](r, n)
					x, y := scatter(xv, inc[0], 3), scatter(yv, inc[1], 5)
					name := fmt.Sprintf("n=%d incX=%d incY=%d", n, inc[0], inc[1])

					got, nat := ours.dot(n, x, inc[0], y, inc[1]), p.native.dot(n, x, inc[0], y, inc[1])
					if accel {
						sum, abs := ref.ExactDot(xv, yv)
						require.NoError(t, closeTo(got, nat, ref.Exact{Sum: sum, Abs: abs}, n+8, n, 2*n), "dot %s", name)
					} else {
						require.True(t, sameBits(got, nat), "dot %s: got %v, gonum's %v", name, got, nat)
					}

					for _, alpha := range []T{0, 1, -0.75} {
						yBuf, yo := guarded(y)
						yn := append([]T(nil), y...)
						ours.axpy(n, alpha, x, inc[0], yo, inc[1])
						p.native.axpy(n, alpha, x, inc[0], yn, inc[1])
						require.NoError(t, checkGuards(yBuf), "axpy %s", name)
						if !accel || alpha == 0 {
							require.Equal(t, -1, sameSlice(yo, yn), "axpy %s alpha=%v", name, alpha)
							continue
						}
						for i := range n {
							j := index(i, n, inc[1])
							bound := 2 * ref.Gamma(2, u) * (math.Abs(float64(alpha)*float64(xv[i])) + math.Abs(float64(yv[i])))
							require.LessOrEqual(t, math.Abs(float64(yo[j])-float64(yn[j])), bound,
								"axpy %s alpha=%v [%d]", name, alpha, i)
						}
					}

					for _, alpha := range []T{0, 1, -0.75} {
						xBuf, xo := guarded(x)
						xn := append([]T(nil), x...)
						ours.scal(n, alpha, xo, inc[0])
						p.native.scal(n, alpha, xn, inc[0])
						require.NoError(t, checkGuards(xBuf), "scal %s", name)
						require.Equal(t, -1, sameSlice(xo, xn), "scal %s alpha=%v", name, alpha)
					}

					got, nat = ours.nrm2(n, x, inc[0]), p.native.nrm2(n, x, inc[0])
					if inc[0] == 1 && n >= 2 {
						require.NoError(t, ref.CheckNorm(float64(got), xv, ref.NormRel(n, uSum), u, p.absExp, p.max), "nrm2 %s", name)
					} else {
						require.True(t, sameBits(got, nat), "nrm2 %s: got %v, gonum's %v", name, got, nat)
					}
				}
			}
		})
	}
}
