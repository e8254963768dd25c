package models

import (
	"fmt"
	"math"

	"github.com/samkern/samkern/internal/check"
)

// Toy is the 4-dimensional example of the paper's Figure 1,
//
//	L(x) = F1(x1)·x3² + F2(x2)·x4²,
//	F1(u) = 3 − exp(−(u−1)²),  F2(u) = 1.5 − exp(−(u−1)²),
//
// so F1 ≥ 2 > 1.5 ≥ F2 ≥ 0.5 everywhere. Its minimizers form the plane
// Γ = {x3 = x4 = 0}, on which the Hessian is diag(0, 0, 2·F1, 2·F2): the
// top eigenvalue is 2·F1, the smallest non-zero one 2·F2 and the trace
// 2·(F1 + F2), whose minimizers along Γ (x1 = 1, x2 = 1, both) tell full-
// batch SAM, GD on the ascent-direction loss and 1-SAM apart. (Coordinates
// are 1-based in this comment and 0-based in the slices.)
//
// As a Sampled objective it has the paper's two data points,
// L_0 = 2·F1(x1)·x3² and L_1 = 2·F2(x2)·x4², whose mean is L; each has a
// rank-one Hessian on Γ. The zero value is ready to use.
type Toy struct{}

// toyBump is exp(−(u−1)²), the part F1 and F2 share, and its first two
// derivatives.
func toyBump(u float64) (e, d1, d2 float64) {
	s := u - 1
	e = math.Exp(-s * s)
	return e, -2 * s * e, (4*s*s - 2) * e
}

// ToyF1 returns F1(u) = 3 − exp(−(u−1)²).
func ToyF1(u float64) float64 { e, _, _ := toyBump(u); return 3 - e }

// ToyF2 returns F2(u) = 1.5 − exp(−(u−1)²).
func ToyF2(u float64) float64 { e, _, _ := toyBump(u); return 1.5 - e }

// ToyStart returns the paper's starting point (−1, −1, 0.05, 0.05), near Γ
// and away from the minimizers of F1 and F2, as a new slice.
func ToyStart() []float64 { return []float64{-1, -1, 0.05, 0.05} }

// Dim returns 4.
func (Toy) Dim() int { return 4 }

// Samples returns 2.
func (Toy) Samples() int { return 2 }

// F1 returns F1(x[0]), the coefficient of x[2]².
func (Toy) F1(x []float64) float64 {
	check.Len1("models.Toy.F1", 4, "x", x)
	return ToyF1(x[0])
}

// F2 returns F2(x[1]), the coefficient of x[3]².
func (Toy) F2(x []float64) float64 {
	check.Len1("models.Toy.F2", 4, "x", x)
	return ToyF2(x[1])
}

// ManifoldEigenvalues returns 2·F1 and 2·F2 at x, the two non-zero
// eigenvalues of the Hessian at the projection (x[0], x[1], 0, 0) of x onto
// Γ: λ1 and the smallest non-zero eigenvalue there; their sum is the trace.
func (t Toy) ManifoldEigenvalues(x []float64) (top, bottom float64) {
	return 2 * t.F1(x), 2 * t.F2(x)
}

// Loss returns L(x).
func (Toy) Loss(x []float64) float64 {
	check.Len1("models.Toy.Loss", 4, "x", x)
	return ToyF1(x[0])*x[2]*x[2] + ToyF2(x[1])*x[3]*x[3]
}

// Grad writes ∇L(x) into g and returns L(x):
// ∂L/∂x1 = F1'(x1)·x3², ∂L/∂x3 = 2·F1(x1)·x3, and likewise for (x2, x4).
func (Toy) Grad(g, x []float64) float64 {
	check.Len2("models.Toy.Grad", 4, "x", x, "g", g)
	e1, d1, _ := toyBump(x[0])
	e2, d2, _ := toyBump(x[1])
	f1, f2 := 3-e1, 1.5-e2
	// F' = −(d/du)exp(−(u−1)²).
	g0 := -d1 * x[2] * x[2]
	g1 := -d2 * x[3] * x[3]
	g2 := 2 * f1 * x[2]
	g3 := 2 * f2 * x[3]
	g[0], g[1], g[2], g[3] = g0, g1, g2, g3
	return f1*x[2]*x[2] + f2*x[3]*x[3]
}

// toyHessian returns the non-zero entries of the Hessian at x: the 2×2
// blocks on coordinates (0, 2) and (1, 3),
//
//	[F1''·x3²  2·F1'·x3]    [F2''·x4²  2·F2'·x4]
//	[2·F1'·x3  2·F1    ]    [2·F2'·x4  2·F2    ].
func toyHessian(x []float64) (h00, h02, h22, h11, h13, h33 float64) {
	e1, d1, dd1 := toyBump(x[0])
	e2, d2, dd2 := toyBump(x[1])
	h00 = -dd1 * x[2] * x[2]
	h02 = -2 * d1 * x[2]
	h22 = 2 * (3 - e1)
	h11 = -dd2 * x[3] * x[3]
	h13 = -2 * d2 * x[3]
	h33 = 2 * (1.5 - e2)
	return
}

// HVP writes H(x)·v into hv from the analytic Hessian (two 2×2 blocks, see
// toyHessian's comment). hv may be the same slice as v.
func (Toy) HVP(hv, x, v []float64) {
	check.Len3("models.Toy.HVP", 4, "x", x, "v", v, "hv", hv)
	h00, h02, h22, h11, h13, h33 := toyHessian(x)
	v0, v1, v2, v3 := v[0], v[1], v[2], v[3]
	hv[0] = h00*v0 + h02*v2
	hv[1] = h11*v1 + h13*v3
	hv[2] = h02*v0 + h22*v2
	hv[3] = h13*v1 + h33*v3
}

// GradSamples writes the gradient of the mean of the listed per-sample
// losses (0: L_0 = 2·F1·x3², 1: L_1 = 2·F2·x4²) into g and returns that
// mean. It panics if idx is empty or holds anything but 0 and 1.
func (Toy) GradSamples(g, x []float64, idx []int) float64 {
	check.Len2("models.Toy.GradSamples", 4, "x", x, "g", g)
	if len(idx) == 0 {
		panic("models.Toy.GradSamples: idx is empty")
	}
	var n0, n1 float64
	for _, k := range idx {
		switch k {
		case 0:
			n0++
		case 1:
			n1++
		default:
			panic(fmt.Sprintf("models.Toy.GradSamples: sample index %d out of range [0, 2)", k))
		}
	}
	// The mean of the listed losses is c0·F1·x3² + c1·F2·x4² with
	// c_i = 2·n_i/|idx|.
	c0, c1 := 2*n0/float64(len(idx)), 2*n1/float64(len(idx))
	e1, d1, _ := toyBump(x[0])
	e2, d2, _ := toyBump(x[1])
	f1, f2 := 3-e1, 1.5-e2
	g0 := -c0 * d1 * x[2] * x[2]
	g1 := -c1 * d2 * x[3] * x[3]
	g2 := 2 * c0 * f1 * x[2]
	g3 := 2 * c1 * f2 * x[3]
	g[0], g[1], g[2], g[3] = g0, g1, g2, g3
	return c0*f1*x[2]*x[2] + c1*f2*x[3]*x[3]
}
