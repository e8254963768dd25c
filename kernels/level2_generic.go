package kernels

// The Generic level's Level-2 kernels, written once for both float types:
// the references of the Level-2 assembly. As in level1_generic.go, every
// product is rounded explicitly, so these give the same bits on every
// machine; each row's dot product is dotG's. The shapes come from the
// slices: the Level methods in level2.go have cut them (rows = len(y) or
// len(d), and so on).

// axpyG computes y += alpha*x, rounding the product and the sum.
func axpyG[T float32 | float64](alpha T, x, y []T) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += T(alpha * v)
	}
}

// matVecG: y[i] = alpha·(row i · x) + beta·y[i]; beta = 0 does not read y.
func matVecG[T float32 | float64](y []T, alpha T, a []T, lda int, x []T, beta T) {
	cols := len(x)
	for i := range y {
		r := T(alpha * dotG(a[i*lda:i*lda+cols], x))
		if beta == 0 {
			y[i] = r
		} else {
			y[i] = r + T(beta*y[i])
		}
	}
}

// matTVecG: y += alpha·x[i]·(row i) for each row.
func matTVecG[T float32 | float64](y []T, alpha T, a []T, lda int, x []T) {
	cols := len(y)
	for i, xi := range x {
		axpyG(T(alpha*xi), a[i*lda:i*lda+cols], y)
	}
}

// symMatVecG adds rows i0..i1 of the upper triangle's contribution:
// y[i] += alpha·(A[i][i:]·x[i:]) and y[j] += alpha·x[i]·A[i][j] for j > i.
func symMatVecG[T float32 | float64](y []T, alpha T, a []T, lda int, x []T, i0, i1 int) {
	n := len(x)
	for i := i0; i < i1; i++ {
		row := a[i*lda+i : i*lda+n]
		t := T(row[0] * x[i])
		if n-i > 1 {
			t += dotG(row[1:], x[i+1:])
			axpyG(T(alpha*x[i]), row[1:], y[i+1:])
		}
		y[i] += T(alpha * t)
	}
}

// dotPairG returns x·a and x·b with two accumulators each.
func dotPairG[T float32 | float64](x, a, b []T) (T, T) {
	a, b = a[:len(x)], b[:len(x)]
	var a0, a1, b0, b1 T
	i := 0
	for ; i+2 <= len(x); i += 2 {
		a0 += T(x[i] * a[i])
		b0 += T(x[i] * b[i])
		a1 += T(x[i+1] * a[i+1])
		b1 += T(x[i+1] * b[i+1])
	}
	sa, sb := a0+a1, b0+b1
	if i < len(x) {
		sa += T(x[i] * a[i])
		sb += T(x[i] * b[i])
	}
	return sa, sb
}

// gramVecG adds Σ_i d[i]·(row i · v)·(row i) to out.
func gramVecG[T float32 | float64](out, x []T, ldx int, d, v []T) {
	cols := len(v)
	for i, di := range d {
		row := x[i*ldx : i*ldx+cols]
		axpyG(T(di*dotG(row, v)), row, out)
	}
}

func matVecGeneric(y []float64, alpha float64, a []float64, lda int, x []float64, beta float64) {
	matVecG(y, alpha, a, lda, x, beta)
}

func matVec32Generic(y []float32, alpha float32, a []float32, lda int, x []float32, beta float32) {
	matVecG(y, alpha, a, lda, x, beta)
}

func matTVecGeneric(y []float64, alpha float64, a []float64, lda int, x []float64) {
	matTVecG(y, alpha, a, lda, x)
}

func matTVec32Generic(y []float32, alpha float32, a []float32, lda int, x []float32) {
	matTVecG(y, alpha, a, lda, x)
}

func symMatVecGeneric(y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int) {
	symMatVecG(y, alpha, a, lda, x, i0, i1)
}

func symMatVec32Generic(y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int) {
	symMatVecG(y, alpha, a, lda, x, i0, i1)
}

func dotPairGeneric(x, a, b []float64) (float64, float64)   { return dotPairG(x, a, b) }
func dotPair32Generic(x, a, b []float32) (float32, float32) { return dotPairG(x, a, b) }

func gramVecGeneric(out, x []float64, ldx int, d, v []float64)   { gramVecG(out, x, ldx, d, v) }
func gramVec32Generic(out, x []float32, ldx int, d, v []float32) { gramVecG(out, x, ldx, d, v) }
