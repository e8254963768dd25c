package kernels

// Level-2 kernels: matrix-vector products on row-major matrices, the fused
// two-way dot product and the Gram (Gauss-Newton) product. A matrix is a
// slice a with a row stride lda ≥ max(1, cols): element (i, j) is
// a[i*lda+j], and a must hold (rows−1)·lda + cols elements. As in BLAS,
// alpha = 0 reads neither the matrix nor x, and beta = 0 writes y without
// reading it (NaN in y does not survive); otherwise NaN and Inf propagate.
// y must not overlap the matrix or x. Long calls are cut into pieces of
// about 65536 matrix elements (see chunk) so the goroutine can be preempted.

// MatVec computes y = alpha·A·x + beta·y for the rows×cols matrix A in a with
// row stride lda; x holds cols elements, y rows. Each y[i] is a dot product
// of a row with x, accurate like Dot.
func MatVec(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	active.MatVec(rows, cols, alpha, a, lda, x, beta, y)
}

// MatVec32 is MatVec for float32, accumulating in float32.
func MatVec32(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	active.MatVec32(rows, cols, alpha, a, lda, x, beta, y)
}

// MatTVec computes y = alpha·Aᵀ·x + beta·y for the rows×cols matrix A in a
// with row stride lda; x holds rows elements, y cols. It reads A row by row
// (no transpose is formed): y accumulates alpha·x[i] times row i.
func MatTVec(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	active.MatTVec(rows, cols, alpha, a, lda, x, beta, y)
}

// MatTVec32 is MatTVec for float32.
func MatTVec32(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	active.MatTVec32(rows, cols, alpha, a, lda, x, beta, y)
}

// SymMatVec computes y = alpha·A·x + beta·y for the n×n symmetric matrix A
// whose upper triangle (j ≥ i, row-major, BLAS Uplo = Upper) is in a with row
// stride lda; the strict lower triangle is never read, so it may hold
// anything. It reads half the matrix of MatVec: each stored row is used for a
// dot product with x and, mirrored, for an update of y.
func SymMatVec(n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	active.SymMatVec(n, alpha, a, lda, x, beta, y)
}

// SymMatVec32 is SymMatVec for float32.
func SymMatVec32(n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	active.SymMatVec32(n, alpha, a, lda, x, beta, y)
}

// DotPair returns x·a and x·b in one pass over x, for evaluating a linear
// model at w and at w + s·g at once. a and b need len(x) elements; all three
// are only read and may overlap freely. Each result is accurate like Dot.
func DotPair(x, a, b []float64) (xa, xb float64) { return active.DotPair(x, a, b) }

// DotPair32 is DotPair for float32.
func DotPair32(x, a, b []float32) (xa, xb float32) { return active.DotPair32(x, a, b) }

// GramVec computes out = Xᵀ·diag(d)·X·v for the rows×cols matrix X in x with
// row stride ldx, the Gauss-Newton or Hessian-vector product of least
// squares (d = 1) and logistic regression (d = p(1−p)). d holds rows
// elements, v and out cols. Each row is read from memory once: its dot
// product with v, times d[i], is added back along the same row while it is
// in cache, so the product costs one pass over X instead of MatVec's plus
// MatTVec's two. out is overwritten and must not overlap x, d or v.
func GramVec(rows, cols int, x []float64, ldx int, d, v, out []float64) {
	active.GramVec(rows, cols, x, ldx, d, v, out)
}

// GramVec32 is GramVec for float32.
func GramVec32(rows, cols int, x []float32, ldx int, d, v, out []float32) {
	active.GramVec32(rows, cols, x, ldx, d, v, out)
}

// MatVec is the package-level MatVec on level l.
func (l Level) MatVec(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	matVec(l, "MatVec", rows, cols, alpha, a, lda, x, beta, y, l.matVec, l.Scale)
}

// MatVec32 is the package-level MatVec32 on level l.
func (l Level) MatVec32(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	matVec(l, "MatVec32", rows, cols, alpha, a, lda, x, beta, y, l.matVec32, l.Scale32)
}

// MatTVec is the package-level MatTVec on level l.
func (l Level) MatTVec(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	matTVec(l, "MatTVec", rows, cols, alpha, a, lda, x, beta, y, l.matTVec, l.Scale)
}

// MatTVec32 is the package-level MatTVec32 on level l.
func (l Level) MatTVec32(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	matTVec(l, "MatTVec32", rows, cols, alpha, a, lda, x, beta, y, l.matTVec32, l.Scale32)
}

// SymMatVec is the package-level SymMatVec on level l.
func (l Level) SymMatVec(n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	symMatVec(l, "SymMatVec", n, alpha, a, lda, x, beta, y, l.symMatVec, l.Scale)
}

// SymMatVec32 is the package-level SymMatVec32 on level l.
func (l Level) SymMatVec32(n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	symMatVec(l, "SymMatVec32", n, alpha, a, lda, x, beta, y, l.symMatVec32, l.Scale32)
}

// DotPair is the package-level DotPair on level l.
func (l Level) DotPair(x, a, b []float64) (xa, xb float64) {
	return dotPair(l, "DotPair", x, a, b, l.dotPair)
}

// DotPair32 is the package-level DotPair32 on level l.
func (l Level) DotPair32(x, a, b []float32) (xa, xb float32) {
	return dotPair(l, "DotPair32", x, a, b, l.dotPair32)
}

// GramVec is the package-level GramVec on level l.
func (l Level) GramVec(rows, cols int, x []float64, ldx int, d, v, out []float64) {
	gramVec(l, "GramVec", rows, cols, x, ldx, d, v, out, l.gramVec, l.Dot, l.Axpy)
}

// GramVec32 is the package-level GramVec32 on level l.
func (l Level) GramVec32(rows, cols int, x []float32, ldx int, d, v, out []float32) {
	gramVec(l, "GramVec32", rows, cols, x, ldx, d, v, out, l.gramVec32, l.Dot32, l.Axpy32)
}

// rowsPerCall returns how many rows of cols elements one assembly call may
// take: about chunk elements, at least one row.
func rowsPerCall(cols int) int { return max(1, chunk/max(1, cols)) }

// matVec checks MatVec's arguments and runs the kernel over row blocks, and
// over column blocks when one row is longer than a chunk (later blocks add
// to y with beta = 1).
func matVec[T float32 | float64](l Level, fn string, rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T,
	kern func(y []T, alpha T, a []T, lda int, x []T, beta T), scale func(T, []T)) {
	checkMatrix(fn, "a", "lda", rows, cols, len(a), lda)
	checkVec(fn, "x", len(x), "cols", cols)
	checkVec(fn, "y", len(y), "rows", rows)
	x, y = x[:cols], y[:rows]
	checkNoOverlap(fn, "y", "x", y, x)
	checkNoOverlap(fn, "y", "a", y, matrixSpan(a, rows, cols, lda))
	l.mustSupport()
	if rows == 0 {
		return
	}
	if alpha == 0 || cols == 0 {
		scaleOrZero(beta, y, scale)
		return
	}
	if beta == 0 {
		clear(y) // the kernels compute alpha·r + beta·y: y must not hold NaN
	}
	for j0 := 0; j0 < cols; j0 += chunk {
		j1 := min(j0+chunk, cols)
		b := beta
		if j0 > 0 {
			b = 1
		}
		step := rowsPerCall(j1 - j0)
		for i0 := 0; i0 < rows; i0 += step {
			i1 := min(i0+step, rows)
			kern(y[i0:i1], alpha, a[i0*lda+j0:], lda, x[j0:j1], b)
		}
	}
}

// matTVec checks MatTVec's arguments, applies beta, and runs the kernel over
// row blocks (each adds to y) and independent column blocks.
func matTVec[T float32 | float64](l Level, fn string, rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T,
	kern func(y []T, alpha T, a []T, lda int, x []T), scale func(T, []T)) {
	checkMatrix(fn, "a", "lda", rows, cols, len(a), lda)
	checkVec(fn, "x", len(x), "rows", rows)
	checkVec(fn, "y", len(y), "cols", cols)
	x, y = x[:rows], y[:cols]
	checkNoOverlap(fn, "y", "x", y, x)
	checkNoOverlap(fn, "y", "a", y, matrixSpan(a, rows, cols, lda))
	l.mustSupport()
	scaleOrZero(beta, y, scale)
	if alpha == 0 || rows == 0 || cols == 0 {
		return
	}
	for j0 := 0; j0 < cols; j0 += chunk {
		j1 := min(j0+chunk, cols)
		step := rowsPerCall(j1 - j0)
		for i0 := 0; i0 < rows; i0 += step {
			i1 := min(i0+step, rows)
			kern(y[j0:j1], alpha, a[i0*lda+j0:], lda, x[i0:i1])
		}
	}
}

// symMatVec checks SymMatVec's arguments, applies beta, and runs the kernel
// over blocks of rows of the upper triangle holding about a chunk each.
func symMatVec[T float32 | float64](l Level, fn string, n int, alpha T, a []T, lda int, x []T, beta T, y []T,
	kern func(y []T, alpha T, a []T, lda int, x []T, i0, i1 int), scale func(T, []T)) {
	checkMatrix(fn, "a", "lda", n, n, len(a), lda)
	checkVec(fn, "x", len(x), "n", n)
	checkVec(fn, "y", len(y), "n", n)
	x, y = x[:n], y[:n]
	checkNoOverlap(fn, "y", "x", y, x)
	checkNoOverlap(fn, "y", "a", y, matrixSpan(a, n, n, lda))
	l.mustSupport()
	scaleOrZero(beta, y, scale)
	if alpha == 0 || n == 0 {
		return
	}
	for i0 := 0; i0 < n; {
		// Row i holds n−i stored elements; take rows until about a chunk.
		i1, work := i0, 0
		for i1 < n && (i1 == i0 || work+n-i1 <= chunk) {
			work += n - i1
			i1++
		}
		kern(y, alpha, a, lda, x, i0, i1)
		i0 = i1
	}
}

// dotPair checks DotPair's arguments and sums the kernel over chunks.
func dotPair[T float32 | float64](l Level, fn string, x, a, b []T, kern func(x, a, b []T) (T, T)) (T, T) {
	n := len(x)
	if len(a) < n {
		panicShort(fn, "a", len(a), n)
	}
	if len(b) < n {
		panicShort(fn, "b", len(b), n)
	}
	l.mustSupport()
	var sa, sb T
	for i := 0; i < n; i += chunk {
		j := min(i+chunk, n)
		pa, pb := kern(x[i:j], a[i:j], b[i:j])
		sa += pa
		sb += pb
	}
	return sa, sb
}

// gramVec checks GramVec's arguments, zeroes out and runs the kernel over
// row blocks. A row longer than a chunk goes through Dot and Axpy instead,
// which cut it themselves.
func gramVec[T float32 | float64](l Level, fn string, rows, cols int, x []T, ldx int, d, v, out []T,
	kern func(out, x []T, ldx int, d, v []T), dot func(x, y []T) T, axpy func(T, []T, []T)) {
	checkMatrix(fn, "x", "ldx", rows, cols, len(x), ldx)
	checkVec(fn, "d", len(d), "rows", rows)
	checkVec(fn, "v", len(v), "cols", cols)
	checkVec(fn, "out", len(out), "cols", cols)
	d, v, out = d[:rows], v[:cols], out[:cols]
	span := matrixSpan(x, rows, cols, ldx)
	checkNoOverlap(fn, "out", "x", out, span)
	checkNoOverlap(fn, "out", "d", out, d)
	checkNoOverlap(fn, "out", "v", out, v)
	l.mustSupport()
	clear(out)
	if rows == 0 || cols == 0 {
		return
	}
	if cols > chunk {
		for i := range rows {
			row := x[i*ldx : i*ldx+cols]
			axpy(d[i]*dot(row, v), row, out)
		}
		return
	}
	step := rowsPerCall(cols)
	for i0 := 0; i0 < rows; i0 += step {
		i1 := min(i0+step, rows)
		kern(out, x[i0*ldx:], ldx, d[i0:i1], v)
	}
}

// scaleOrZero sets y = beta·y, writing zeros when beta is 0 (y is not read)
// and doing nothing when beta is 1.
func scaleOrZero[T float32 | float64](beta T, y []T, scale func(T, []T)) {
	switch beta {
	case 1:
	case 0:
		clear(y)
	default:
		scale(beta, y)
	}
}

// matrixSpan returns the part of a that a rows×cols matrix with stride lda
// occupies, for the overlap checks.
func matrixSpan[T any](a []T, rows, cols, lda int) []T {
	if rows == 0 || cols == 0 {
		return nil
	}
	return a[:(rows-1)*lda+cols]
}
