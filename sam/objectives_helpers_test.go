package sam_test

// Helpers for the objectives' and sharpness measures' tests: plain loops,
// written independently of the code under test, and the error bounds the
// tolerances come from. Names start with "ob" so that they cannot collide
// with the optimizer tests' helpers.

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// obU is the unit roundoff of float64, obU32 that of float32.
const (
	obU   = 0x1p-53
	obU32 = 0x1p-24
)

// obGamma is γ_k = k·u/(1 − k·u), the classic bound on the relative error of
// a k-term sum or dot product (Higham, Accuracy and Stability, §3.1).
func obGamma(k int) float64 { return float64(k) * obU / (1 - float64(k)*obU) }

func obRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x0b5e)) }

func obVec(r *rand.Rand, n int, scale float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = scale * r.NormFloat64()
	}
	return x
}

func obDot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func obNorm(x []float64) float64 { return math.Sqrt(obDot(x, x)) }

func obAbs(x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = math.Abs(v)
	}
	return y
}

// obMatVec returns A·v for a dense n×n matrix given as rows.
func obMatVec(a [][]float64, v []float64) []float64 {
	y := make([]float64, len(a))
	for i, row := range a {
		y[i] = obDot(row, v)
	}
	return y
}

// obAbsMatVec returns |A|·|v|, the scale of the rounding error of A·v.
func obAbsMatVec(a [][]float64, v []float64) []float64 {
	y := make([]float64, len(a))
	for i, row := range a {
		for j, x := range row {
			y[i] += math.Abs(x) * math.Abs(v[j])
		}
	}
	return y
}

// obFrobenius returns ‖A‖_F, an upper bound on ‖A‖₂.
func obFrobenius(a [][]float64) float64 {
	var s float64
	for _, row := range a {
		s += obDot(row, row)
	}
	return math.Sqrt(s)
}

// obDense assembles the n×n matrix whose column j is hvp(e_j).
func obDense(n int, hvp func(v, hv []float64)) [][]float64 {
	cols := make([][]float64, n)
	e := make([]float64, n)
	for j := range cols {
		clear(e)
		e[j] = 1
		cols[j] = make([]float64, n)
		hvp(e, cols[j])
	}
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		for j := range a[i] {
			a[i][j] = cols[j][i]
		}
	}
	return a
}

// obFDGrad returns the central-difference gradient of loss at w and the
// step used for each coordinate: h_i = u^(1/3)·max(1, |w_i|), with the
// denominator the difference of the two rounded points, so that rounding
// w_i ± h_i costs nothing. Its error in coordinate i is at most
// (h_i²/6)·|∂³L/∂w_i³| + ε_L/h_i, ε_L the error of one loss evaluation.
func obFDGrad(loss func([]float64) float64, w []float64) (fd, h []float64) {
	n := len(w)
	fd, h = make([]float64, n), make([]float64, n)
	p := append([]float64(nil), w...)
	for i := range w {
		h[i] = math.Cbrt(obU) * math.Max(1, math.Abs(w[i]))
		wp, wm := w[i]+h[i], w[i]-h[i]
		p[i] = wp
		lp := loss(p)
		p[i] = wm
		lm := loss(p)
		p[i] = w[i]
		fd[i] = (lp - lm) / (wp - wm)
	}
	return fd, h
}

// obCheckGrad compares a gradient with the central difference of the loss:
// |fd_i − g_i| ≤ (h_i²/6)·t3[i] + epsL/h_i + epsG[i], where t3[i] bounds
// |∂³L/∂w_i³| near w (nil: zero, for quadratic losses), epsL bounds the
// error of a loss evaluation and epsG[i] that of g_i.
func obCheckGrad(t *testing.T, name string, loss func([]float64) float64, w, g []float64, t3 []float64, epsL float64, epsG []float64) {
	t.Helper()
	fd, h := obFDGrad(loss, w)
	for i := range w {
		tol := epsL/h[i] + epsG[i]
		if t3 != nil {
			tol += h[i] * h[i] / 6 * t3[i]
		}
		require.LessOrEqualf(t, math.Abs(fd[i]-g[i]), tol, "%s: ∂L/∂w_%d = %g, finite difference %g", name, i, g[i], fd[i])
	}
}

// obCheckVec requires |got_i − want_i| ≤ tol_i for every i.
func obCheckVec(t *testing.T, name string, got, want, tol []float64) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		require.LessOrEqualf(t, math.Abs(got[i]-want[i]), tol[i], "%s: component %d: got %.17g, want %.17g", name, i, got[i], want[i])
	}
}

// obCheckNorm requires ‖got − want‖ ≤ tol.
func obCheckNorm(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	require.Len(t, got, len(want))
	d := make([]float64, len(got))
	for i := range d {
		d[i] = got[i] - want[i]
	}
	require.LessOrEqualf(t, obNorm(d), tol, "%s: ‖got − want‖ with ‖want‖ = %g", name, obNorm(want))
}

// obSigmoid is 1/(1 + e^−t), written plainly: the data in the tests keep
// |t| well below the range where this loses accuracy.
func obSigmoid(t float64) float64 { return 1 / (1 + math.Exp(-t)) }
