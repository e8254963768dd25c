package lanczos

import (
	"math"
	"math/rand/v2"

	"github.com/samkern/samkern/kernels"
)

// This file holds the vector work the solvers share: Gram–Schmidt against a
// basis kept as the rows of a row-major matrix (one contiguous n-vector per
// row, so kernels.MatVec and MatTVec stream it), normalization, and random
// vectors.

// dgks is the Daniel–Gragg–Kaufman–Stewart threshold: a Gram–Schmidt pass
// that leaves less than this fraction of the norm it started with has lost
// digits to cancellation, and the result gets another pass. 1/√2 is
// ARPACK's choice (dsaitr).
const dgks = 0.7071067811865476

// orthogonalize makes w orthogonal to the first rows rows of v (row stride n)
// by classical Gram–Schmidt applied twice: c = V·w, w −= Vᵀ·c, and again.
// A third pass runs only when the second removed most of what was left
// (DGKS), which happens when w was almost in the span. It adds the
// projection coefficients of all passes to c[:rows] (c2 is scratch of twice
// that length) and returns ‖w‖ after the last pass.
//
// For long vectors the passes are memory-bound (each reads the whole
// basis), so the first pass's update and the second pass's coefficients
// are computed together, one cache-sized block of columns at a time:
// three reads of the basis instead of four.
func orthogonalize(v []float64, n, rows int, w, c, c2 []float64) float64 {
	clear(c[:rows])
	if rows == 0 {
		return kernels.Norm(w)
	}
	basis := v[:rows*n]
	c1, acc := c2[:rows], c2[rows:2*rows]
	kernels.MatVec(rows, n, 1, basis, n, w, 0, c1)
	copy(c, c1)
	// acc ← V·(w − Vᵀc1), block by block while the block is in cache.
	bc := blockCols(rows)
	clear(acc)
	for c0 := 0; c0 < n; c0 += bc {
		cw := min(bc, n-c0)
		kernels.MatTVec(rows, cw, -1, basis[c0:], n, c1, 1, w[c0:c0+cw])
		kernels.MatVec(rows, cw, 1, basis[c0:], n, w[c0:c0+cw], 1, acc)
	}
	prev := kernels.Norm(w)
	copy(c1, acc)
	for pass := 1; ; pass++ {
		kernels.MatTVec(rows, n, -1, basis, n, c1, 1, w)
		for i, x := range c1 {
			c[i] += x
		}
		nrm := kernels.Norm(w)
		// Two passes always; a third (and last) only if the second lost
		// more than the DGKS fraction.
		if pass >= 2 || nrm >= dgks*prev {
			return nrm
		}
		prev = nrm
		kernels.MatVec(rows, n, 1, basis, n, w, 0, c1)
	}
}

// scaleTo divides x by nrm = ‖x‖ > 0 so that it has unit norm, also when
// 1/nrm would overflow (nrm subnormal).
func scaleTo(x []float64, nrm float64) {
	if inv := 1 / nrm; !math.IsInf(inv, 0) {
		kernels.Scale(inv, x)
		return
	}
	kernels.Scale(0x1p600, x)
	kernels.Scale(1/(nrm*0x1p600), x)
}

// newRand returns the generator for seed; stream separates the uses of one
// seed (start vector, probes) so they do not share random numbers.
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^stream))
}

// gaussian fills x with independent standard normal numbers: a random
// direction with no preferred axis, whatever the operator's eigenbasis.
func gaussian(r *rand.Rand, x []float64) {
	for i := range x {
		x[i] = r.NormFloat64()
	}
}

// blockCols is the number of columns of a rows-row block of the basis that
// fits in about 256 KiB, the L2-sized piece combine works on.
func blockCols(rows int) int {
	return max(64, (32768/max(1, rows))&^7)
}

// combineCols is the number of columns of a rows-row block of the basis
// that fits in about 32 KiB, the L1-sized piece combine works on: each of
// the len(dst) outputs of a block reads the whole block again, so it pays
// to keep it in the fastest cache. Measured at n = 50000 with 10, 21 and
// 41 rows, 32 KiB blocks ran the rotation of the restart 1.5 to 1.9 times
// as fast as the 256 KiB of blockCols.
func combineCols(rows int) int {
	return max(64, (4096/max(1, rows))&^7)
}

// combine sets dst[i] = Σ_r yt[i*rows+r]·V_r for i < len(dst), where V_r
// are the first rows rows of v (row stride n). It works on one block of
// columns at a time, computed into tmp (at least len(dst)·combineCols(rows)
// elements; the blocks shrink to fit a smaller tmp) and then copied
// out, so dst may be V's own rows: the thick restart rotates the basis in
// place without an n×basis copy.
func combine(v []float64, n, rows int, yt []float64, dst [][]float64, tmp []float64) {
	l := len(dst)
	if l == 0 {
		return
	}
	bc := max(1, min(combineCols(rows), len(tmp)/l))
	for c0 := 0; c0 < n; c0 += bc {
		cw := min(bc, n-c0)
		for i := range l {
			kernels.MatTVec(rows, cw, 1, v[c0:], n, yt[i*rows:(i+1)*rows], 0, tmp[i*cw:(i+1)*cw])
		}
		for i := range l {
			copy(dst[i][c0:c0+cw], tmp[i*cw:(i+1)*cw])
		}
	}
}
