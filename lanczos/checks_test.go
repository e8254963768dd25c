package lanczos

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/kernels"
)

// perturbed returns the operator S + eps·G for the symmetric S of m and a
// fixed antisymmetric G with standard normal entries: symmetric but for
// eps, with ‖A − Aᵀ‖_F = 2·eps·‖G‖_F. It also returns that relative
// asymmetry ‖A − Aᵀ‖_F / ‖A‖_F, computed by plain loops.
func perturbed(m *symMatrix, eps float64, seed uint64) (Operator, float64) {
	n := m.n
	g := randomSymmetric(n, seed)
	for i := range n {
		g[i*n+i] = 0
		for j := range i {
			g[i*n+j] = -g[i*n+j]
		}
	}
	var asym, norm float64
	for i := range n {
		for j := range n {
			a := m.a[i*n+j] + eps*g[i*n+j]
			d := 2 * eps * g[i*n+j]
			asym += d * d
			norm += a * a
		}
	}
	op := Func{N: n, F: func(dst, v []float64) {
		for i := range n {
			var s float64
			for j, aij := range m.a[i*n : (i+1)*n] {
				s += (aij + eps*g[i*n+j]) * v[j]
			}
			dst[i] = s
		}
	}}
	return op, math.Sqrt(asym / norm)
}

// counted counts the applications of op.
type counted struct {
	Operator
	calls int
}

func (c *counted) Apply(dst, v []float64) { c.calls++; c.Operator.Apply(dst, v) }

// A non-symmetric operator (asymmetry 2e-6 relative) lets the Lanczos
// estimates reach Tol = 1e-10, since they only see the recurrence, but not
// the residuals recomputed with the operator: Eigs must say so
// (ResidualFloor, with the floor it measured) after a few dozen
// applications, not report an exhausted budget.
func TestEigsResidualFloor(t *testing.T) {
	const n, tol, budget = 200, 1e-10, 2000
	m := newSymMatrix(t, n, randomSymmetric(n, 31))
	op, _ := perturbed(m, 1e-6, 32)
	res, err := Eigs(bg, op, 3, &Options{Tol: tol, MaxOps: budget})
	var nc *NoConvergenceError
	require.ErrorAs(t, err, &nc)
	require.NotNil(t, res)
	assert.Equal(t, ResidualFloor, nc.Reason)
	assert.Equal(t, budget, nc.MaxOps)
	assert.Equal(t, res.Ops, nc.Ops)
	assert.Less(t, nc.Ops, budget/10, "it stops when the estimates pass, not at the budget")
	assert.Equal(t, tol, nc.Tol)
	assert.Equal(t, res.Scale, nc.Scale)
	floor, estimate := math.Inf(1), 0.0
	for i, c := range res.Converged {
		if !c {
			floor = min(floor, res.Residuals[i]/res.Scale)
		}
	}
	assert.Equal(t, floor, nc.Floor, "the smallest failing recomputed residual, relative")
	// The estimates passed Tol; the recomputed residuals are far above it
	// (the perturbation is 1e-6 relative, four orders above Tol).
	estimate = nc.Estimate
	assert.Greater(t, estimate, 0.0)
	assert.LessOrEqual(t, estimate, tol)
	assert.Greater(t, nc.Floor, 1e3*tol)
	assert.Contains(t, err.Error(), "noisy")
	assert.Contains(t, err.Error(), "not symmetric")
	assert.Len(t, nc.Values, len(nc.Residuals))

	// The same operator with the symmetry check stops after 2
	// applications instead, naming the asymmetry.
	c := &counted{Operator: op}
	res, err = Eigs(bg, c, 3, &Options{Tol: tol, MaxOps: budget, CheckSymmetry: true})
	assert.Nil(t, res)
	var ae *AsymmetryError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 2, c.calls)
}

// The budget case keeps its meaning and says so.
func TestEigsBudgetReason(t *testing.T) {
	m := newSymMatrix(t, 300, randomSymmetric(300, 1))
	_, err := Eigs(bg, m.operator(), 5, &Options{Tol: 1e-10, MaxOps: 100})
	var nc *NoConvergenceError
	require.ErrorAs(t, err, &nc)
	assert.Equal(t, BudgetExhausted, nc.Reason)
	assert.Equal(t, 100, nc.MaxOps)
	assert.Equal(t, 0.0, nc.Floor)
	assert.Equal(t, 0.0, nc.Estimate)
	assert.Contains(t, err.Error(), "budget of 100")
	assert.Equal(t, "BudgetExhausted", nc.Reason.String())
	assert.Equal(t, "ResidualFloor", ResidualFloor.String())
}

// Symmetric operators computed in floating point pass the check with no
// allowance: the rounding bound of the two dot products covers their
// products' rounding too. Wide magnitudes, cancellation and both dense
// and sparse products, over many probe pairs.
func TestCheckSymmetryPassesSymmetric(t *testing.T) {
	const n = 400
	wide := randomSymmetric(n, 41)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range n {
		for j := i; j < n; j++ {
			s := math.Pow(10, 16*r.Float64()-8) // 1e-8 .. 1e8
			wide[i*n+j] *= s
			wide[j*n+i] = wide[i*n+j]
		}
	}
	d := make(Diagonal, 5000)
	for i := range d {
		d[i] = math.Pow(10, 20*r.Float64()-10) * float64(1-2*(i%2))
	}
	ops := map[string]Operator{
		"random":    plainSymMatrix(n, randomSymmetric(n, 42)).operator(),
		"wide":      plainSymMatrix(n, wide).operator(),
		"laplacian": pathLaplacian(20000),
		"diagonal":  d,
	}
	for name, op := range ops {
		nn := op.Dim()
		u, v, w := make([]float64, nn), make([]float64, nn), make([]float64, nn)
		for seed := range uint64(30) {
			k, err := checkSymmetry(bg, op, nn, 0, seed, u, v, w)
			require.NoError(t, err, "%s seed %d", name, seed)
			require.Equal(t, 2, k)
		}
	}
}

// The check is invisible for a symmetric operator except for its 2
// applications: the iteration that follows is the same, bit for bit.
func TestCheckSymmetryEigs(t *testing.T) {
	m := newSymMatrix(t, 150, randomSymmetric(150, 43))
	plain, err := Eigs(bg, m.operator(), 3, &Options{Tol: 1e-10, Seed: 5})
	require.NoError(t, err)
	first := 0
	checked, err := Eigs(bg, m.operator(), 3, &Options{Tol: 1e-10, Seed: 5, CheckSymmetry: true, Progress: func(p Progress) {
		if first == 0 {
			first = p.Ops
		}
	}})
	require.NoError(t, err)
	assert.Equal(t, plain.Values, checked.Values)
	assert.Equal(t, plain.Ops+2, checked.Ops)
	assert.Equal(t, 3, first, "the first Lanczos step is the third application")

	// MaxOps must leave room for the check.
	_, err = Eigs(bg, m.operator(), 3, &Options{MaxOps: 5, CheckSymmetry: true})
	assert.ErrorIs(t, err, ErrInvalidArgument)
}

// A perturbation of relative size ρ fails the check when the call's
// tolerance is below ρ and passes when it is well above; the reported
// Asymmetry estimates ρ (one sample: within a factor of 10 here).
func TestCheckSymmetryAllowance(t *testing.T) {
	const n = 200
	m := newSymMatrix(t, n, randomSymmetric(n, 44))
	op, rho := perturbed(m, 1e-4, 45)
	// ‖G‖_F ≈ ‖S‖_F ≈ n for standard normal entries, so ρ ≈ 2·eps.
	require.InEpsilon(t, 2e-4, rho, 0.05)

	_, err := Eigs(bg, op, 2, &Options{Tol: 1e-8, CheckSymmetry: true})
	var ae *AsymmetryError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, ErrNotSymmetric)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	assert.Greater(t, math.Abs(ae.UAV-ae.VAU), ae.Bound)
	assert.Equal(t, 1e-8, ae.Allowed)
	assert.Equal(t, 2, ae.Ops)
	assert.Greater(t, ae.Asymmetry, rho/10)
	assert.Less(t, ae.Asymmetry, rho*10)

	// 0.1 is 700 times ρ: no single probe pair comes near that.
	_, err = Eigs(bg, op, 2, &Options{Tol: 0.1, CheckSymmetry: true})
	assert.NoError(t, err)

	for _, e := range estimators {
		_, err := e.f(bg, op, &TraceOptions{MaxOps: 60, Sketch: 10, CheckSymmetry: true})
		assert.ErrorAs(t, err, &ae, e.name)
		r, err := e.f(bg, op, &TraceOptions{MaxOps: 60, Sketch: 10, CheckSymmetry: true, RelTol: 0.1})
		assert.NoError(t, err, e.name)
		assert.Equal(t, 60, r.Ops, "%s: the check's 2 applications count", e.name)
	}
	d, err := SpectralDensity(bg, op, &DensityOptions{Probes: 2, Steps: 10, CheckSymmetry: true})
	assert.ErrorAs(t, err, &ae)
	assert.Nil(t, d)
}

// A float32 operator is symmetric to float32 rounding: the check accepts
// it at a tolerance above that (Eigs at 1e-5) and refuses it where only
// float64 rounding is allowed (the trace with RelTol 0).
func TestCheckSymmetryFloat32(t *testing.T) {
	const n = 150
	a32 := make([]float32, n*n)
	for i, x := range randomSymmetric(n, 46) {
		a32[i] = float32(x)
	}
	op := FromFloat32(Func32{N: n, F: func(dst, v []float32) { kernels.SymMatVec32(n, 1, a32, n, v, 0, dst) }})
	_, err := Eigs(bg, op, 2, &Options{Tol: 1e-5, CheckSymmetry: true})
	assert.NoError(t, err)
	_, err = Hutchinson(bg, op, &TraceOptions{MaxOps: 20, CheckSymmetry: true})
	assert.ErrorIs(t, err, ErrNotSymmetric)
}

// The check's own failures: NaN from the operator, and cancellation.
func TestCheckSymmetryErrors(t *testing.T) {
	m := newSymMatrix(t, 50, randomSymmetric(50, 47))
	_, err := Eigs(bg, poisoned(m.operator(), 1, math.NaN()), 2, &Options{CheckSymmetry: true})
	assert.ErrorIs(t, err, ErrNonFinite)
	for _, e := range estimators {
		r, err := e.f(bg, poisoned(m.operator(), 2, math.Inf(1)), &TraceOptions{MaxOps: 60, Sketch: 5, CheckSymmetry: true})
		assert.ErrorIs(t, err, ErrNonFinite, e.name)
		assert.True(t, math.IsNaN(r.Estimate), e.name)
	}
	_, err = SpectralDensity(bg, poisoned(m.operator(), 2, math.NaN()), &DensityOptions{CheckSymmetry: true})
	assert.ErrorIs(t, err, ErrNonFinite)

	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	op := Func{N: 50, F: func(dst, v []float64) { m.operator().Apply(dst, v); cancel() }}
	res, err := Eigs(ctx, op, 2, &Options{CheckSymmetry: true})
	assert.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, res)
	assert.Equal(t, 1, res.Ops)
	assert.Empty(t, res.Values)
}

// Estimators stopped early return an estimate that is one (from the
// samples taken) or NaN, never 0. A = c·I makes every Rademacher sample
// exactly c·n, so the value to expect is known whatever the probes.
func TestTraceCancelEstimates(t *testing.T) {
	const n, c = 64, 2.5
	d := make(Diagonal, n)
	for i := range d {
		d[i] = c
	}
	// cancelAt cancels the context during the call-th application.
	cancelAt := func(call int) (context.Context, Operator) {
		ctx, cancel := context.WithCancel(bg)
		calls := 0
		return ctx, Func{N: n, F: func(dst, v []float64) {
			d.Apply(dst, v)
			if calls++; calls == call {
				cancel()
			}
		}}
	}
	opts := &TraceOptions{MaxOps: 100, Sketch: 10}
	for _, call := range []int{3, 10, 15, 20} { // in the sketch (1–10), in tr(QᵀAQ) (11–20)
		ctx, op := cancelAt(call)
		r, err := HutchPlusPlus(ctx, op, opts)
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, call, r.Ops)
		assert.Equal(t, min(call, 10), r.Probes, "call %d: the sketch's samples", call)
		assert.Equal(t, 0, r.Rank)
		assert.Equal(t, c*n, r.Estimate, "call %d", call)
	}
	// Cancelled after the first deflated sample: the Hutch++ estimate,
	// tr(QᵀAQ) = 10c plus one sample c·‖(I−QQᵀ)g‖² = c·(n − gᵀQQᵀg), where
	// gᵀQQᵀg has mean 10 and variance below 2·10: within 5 standard
	// deviations.
	ctx, op := cancelAt(21)
	r, err := HutchPlusPlus(ctx, op, opts)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 10, r.Rank)
	assert.Equal(t, 1, r.Probes)
	assert.InDelta(t, c*n, r.Estimate, 5*c*math.Sqrt(20))

	// Before any application: no estimate at all.
	ctx, cancel := context.WithCancel(bg)
	cancel()
	for _, e := range estimators {
		r, err := e.f(ctx, d, opts)
		require.ErrorIs(t, err, context.Canceled, e.name)
		assert.True(t, math.IsNaN(r.Estimate), e.name)
		assert.True(t, math.IsInf(r.StdErr, 1), e.name)
		assert.Equal(t, 0, r.Ops, e.name)
	}
	ctx, op = cancelAt(4)
	r, err = Hutchinson(ctx, op, opts)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, c*n, r.Estimate)
	assert.Equal(t, 4, r.Probes)

	// Invalid arguments and NaN give NaN, not 0.
	for _, e := range estimators {
		r, err := e.f(bg, d, &TraceOptions{MaxOps: -1})
		require.ErrorIs(t, err, ErrInvalidArgument)
		assert.True(t, math.IsNaN(r.Estimate), e.name)
		r, err = e.f(bg, poisoned(d, 2, math.NaN()), opts)
		require.ErrorIs(t, err, ErrNonFinite)
		assert.True(t, math.IsNaN(r.Estimate), e.name)
	}
}

// A density cancelled before its first probe finished estimates nothing:
// Eval and Range say NaN instead of a density of 0.
func TestDensityCancelledEmpty(t *testing.T) {
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	calls := 0
	dg := Diagonal{1, 2, 3, 4, 5, 6, 7, 8}
	op := Func{N: 8, F: func(dst, v []float64) {
		dg.Apply(dst, v)
		if calls++; calls == 3 {
			cancel()
		}
	}}
	d, err := SpectralDensity(ctx, op, nil)
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, d)
	assert.Empty(t, d.Nodes)
	assert.Equal(t, 3, d.Ops)
	for _, y := range d.Eval([]float64{0, 4, 9}, 0.5) {
		assert.True(t, math.IsNaN(y))
	}
	lo, hi := d.Range()
	assert.True(t, math.IsNaN(lo) && math.IsNaN(hi))
}

// Operators that cannot be applied are invalid arguments for every
// solver, not nil dereferences.
func TestInvalidOperators(t *testing.T) {
	f := func(dst, v []float64) { copy(dst, v) }
	f32 := func(dst, v []float32) { copy(dst, v) }
	var nilSym *SymDense
	cases := map[string]Operator{
		"Func nil F":            Func{N: 10},
		"Func N<0":              Func{N: -3, F: f},
		"FromFloat32 nil":       FromFloat32(nil),
		"FromFloat32 nil F":     FromFloat32(Func32{N: 10}),
		"FromFloat32 N<0":       FromFloat32(Func32{N: -1, F: f32}),
		"nil *SymDense":         nilSym,
		"Func zero dimension":   Func{N: 0, F: f},
		"Diagonal of length 0:": Diagonal{},
	}
	for name, op := range cases {
		assert.NotPanics(t, func() {
			_, err := Eigs(bg, op, 1, nil)
			assert.ErrorIs(t, err, ErrInvalidArgument, "Eigs %s", name)
			for _, e := range estimators {
				r, err := e.f(bg, op, nil)
				assert.ErrorIs(t, err, ErrInvalidArgument, "%s %s", e.name, name)
				assert.True(t, math.IsNaN(r.Estimate))
			}
			_, err = SpectralDensity(bg, op, nil)
			assert.ErrorIs(t, err, ErrInvalidArgument, "SpectralDensity %s", name)
		}, name)
	}
	// The errors name what is wrong.
	_, err := Eigs(bg, Func{N: 10}, 1, nil)
	assert.ErrorContains(t, err, "Func.F is nil")
	_, err = Eigs(bg, FromFloat32(Func32{N: -1, F: f32}), 1, nil)
	assert.ErrorContains(t, err, "Func32.N = -1")
}

// errors.As finds the typed errors through wrapping, as a caller that
// adds context would.
func TestErrorsWrap(t *testing.T) {
	m := newSymMatrix(t, 100, randomSymmetric(100, 48))
	op, _ := perturbed(m, 1e-3, 49)
	_, err := Eigs(bg, op, 2, &Options{CheckSymmetry: true})
	wrapped := errors.Join(errors.New("sam: top eigenpair"), err)
	var ae *AsymmetryError
	assert.ErrorAs(t, wrapped, &ae)
	assert.ErrorIs(t, wrapped, ErrNotSymmetric)
	assert.True(t, slices.Contains(ae.Unwrap(), ErrInvalidArgument))
}
