// Package numtest holds the helpers of the models' and Hessian tools'
// tests: plain loops, written independently of the code under test, and the
// error bounds the tolerances come from. Only tests import it.
package numtest

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// U is the unit roundoff of float64, U32 that of float32.
const (
	U   = 0x1p-53
	U32 = 0x1p-24
)

// Gamma is γ_k = k·u/(1 − k·u), the classic bound on the relative error of
// a k-term sum or dot product (Higham, Accuracy and Stability, §3.1).
func Gamma(k int) float64 { return float64(k) * U / (1 - float64(k)*U) }

// Rand returns a generator seeded with seed, the same stream for every
// test that asks for one seed.
func Rand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x0b5e)) }

// Vec returns n Gaussian numbers times scale.
func Vec(r *rand.Rand, n int, scale float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = scale * r.NormFloat64()
	}
	return x
}

// Dot returns xᵀy, summed in order.
func Dot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

// Norm returns ‖x‖ by Dot, which the tests' small values cannot overflow.
func Norm(x []float64) float64 { return math.Sqrt(Dot(x, x)) }

// Abs returns |x| element by element.
func Abs(x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = math.Abs(v)
	}
	return y
}

// MatVec returns A·v for a dense n×n matrix given as rows.
func MatVec(a [][]float64, v []float64) []float64 {
	y := make([]float64, len(a))
	for i, row := range a {
		y[i] = Dot(row, v)
	}
	return y
}

// AbsMatVec returns |A|·|v|, the scale of the rounding error of A·v.
func AbsMatVec(a [][]float64, v []float64) []float64 {
	y := make([]float64, len(a))
	for i, row := range a {
		for j, x := range row {
			y[i] += math.Abs(x) * math.Abs(v[j])
		}
	}
	return y
}

// Frobenius returns ‖A‖_F, an upper bound on ‖A‖₂.
func Frobenius(a [][]float64) float64 {
	var s float64
	for _, row := range a {
		s += Dot(row, row)
	}
	return math.Sqrt(s)
}

// Dense assembles the n×n matrix whose column j is hvp(e_j).
func Dense(n int, hvp func(hv, v []float64)) [][]float64 {
	cols := make([][]float64, n)
	e := make([]float64, n)
	for j := range cols {
		clear(e)
		e[j] = 1
		cols[j] = make([]float64, n)
		hvp(cols[j], e)
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

// FDGrad returns the central-difference gradient of loss at w and the
// step used for each coordinate: h_i = u^(1/3)·max(1, |w_i|), with the
// denominator the difference of the two rounded points, so that rounding
// w_i ± h_i costs nothing. Its error in coordinate i is at most
// (h_i²/6)·|∂³L/∂w_i³| + ε_L/h_i, ε_L the error of one loss evaluation.
func FDGrad(loss func([]float64) float64, w []float64) (fd, h []float64) {
	n := len(w)
	fd, h = make([]float64, n), make([]float64, n)
	p := append([]float64(nil), w...)
	for i := range w {
		h[i] = math.Cbrt(U) * math.Max(1, math.Abs(w[i]))
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

// CheckGrad compares a gradient with the central difference of the loss:
// |fd_i − g_i| ≤ (h_i²/6)·t3[i] + epsL/h_i + epsG[i], where t3[i] bounds
// |∂³L/∂w_i³| near w (nil: zero, for quadratic losses), epsL bounds the
// error of a loss evaluation and epsG[i] that of g_i.
func CheckGrad(t *testing.T, name string, loss func([]float64) float64, w, g []float64, t3 []float64, epsL float64, epsG []float64) {
	t.Helper()
	fd, h := FDGrad(loss, w)
	for i := range w {
		tol := epsL/h[i] + epsG[i]
		if t3 != nil {
			tol += h[i] * h[i] / 6 * t3[i]
		}
		require.LessOrEqualf(t, math.Abs(fd[i]-g[i]), tol, "%s: ∂L/∂w_%d = %g, finite difference %g", name, i, g[i], fd[i])
	}
}

// CheckVec requires |got_i − want_i| ≤ tol_i for every i.
func CheckVec(t *testing.T, name string, got, want, tol []float64) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		require.LessOrEqualf(t, math.Abs(got[i]-want[i]), tol[i], "%s: component %d: got %.17g, want %.17g", name, i, got[i], want[i])
	}
}

// CheckNorm requires ‖got − want‖ ≤ tol.
func CheckNorm(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	require.Len(t, got, len(want))
	d := make([]float64, len(got))
	for i := range d {
		d[i] = got[i] - want[i]
	}
	require.LessOrEqualf(t, Norm(d), tol, "%s: ‖got − want‖ with ‖want‖ = %g", name, Norm(want))
}

// Sigmoid is 1/(1 + e^−t), written plainly: the data in the tests keep
// |t| well below the range where this loses accuracy.
func Sigmoid(t float64) float64 { return 1 / (1 + math.Exp(-t)) }

// FDHVPTol is the error bound of the central-difference Hessian-vector
// product documented in package hessian, for a direction of norm normV:
// ‖v‖·((h²/6)·T + (ε_g + u·‖H‖·(‖w‖ + h))/h), plus the rounding of the
// result (u per component, so u·‖Hv‖ in the norm, doubled for the exact
// product it is compared with).
func FDHVPTol(u, normV, h, t4, epsG, normH, normW, normHv float64) float64 {
	return normV*(h*h/6*t4+(epsG+u*normH*(normW+h))/h) + 2*u*normHv
}

// Sub returns x − y.
func Sub(x, y []float64) []float64 {
	z := make([]float64, len(x))
	for i := range z {
		z[i] = x[i] - y[i]
	}
	return z
}

// The second and third derivatives of σ, which are the third and fourth of
// log(1 + e^t), are at most 1/(6√3) and 1/8 in absolute value on the whole
// line.
const (
	Sigma2Max = 0.09623
	Sigma3Max = 0.125
)

// ToyF and its derivatives, written from F(u) = a − exp(−(u−1)²):
// F′ = 2s·e, F″ = (2 − 4s²)·e with s = u − 1, e = exp(−s²).
func ToyF(a, u float64) (f, f1, f2 float64) {
	s := u - 1
	e := math.Exp(-s * s)
	return a - e, 2 * s * e, (2 - 4*s*s) * e
}
