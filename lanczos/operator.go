package lanczos

import (
	"fmt"

	"github.com/samkern/samkern/kernels"
)

// Operator is a symmetric linear operator on R^n: a Hessian-vector product,
// a matrix, anything that maps v to A·v with A = Aᵀ. The solvers never look
// inside it; they only call Apply, and they count the calls.
type Operator interface {
	// Dim returns n, the length of the vectors the operator acts on.
	Dim() int
	// Apply sets dst = A·v. Both slices have length Dim() and do not
	// overlap; Apply must not keep them after it returns, and must not
	// modify v. The solvers treat a NaN or Inf in dst as an error.
	Apply(dst, v []float64)
}

// SymDense is a dense symmetric n×n matrix as an Operator, multiplied with
// kernels.SymMatVec: only the upper triangle (j ≥ i) of the row-major data
// is read, so the strict lower triangle may hold anything.
type SymDense struct {
	n, stride int
	data      []float64
}

// NewSymDense returns the symmetric matrix whose upper triangle is in
// a[i*lda+j], j ≥ i. It panics if lda < n or a is too short, like
// gonum's mat.NewSymDense. The matrix is not copied.
func NewSymDense(n int, a []float64, lda int) *SymDense {
	if n < 0 {
		panic(fmt.Sprintf("lanczos: NewSymDense: negative n = %d", n))
	}
	if lda < max(1, n) {
		panic(fmt.Sprintf("lanczos: NewSymDense: lda = %d < n = %d", lda, n))
	}
	if n > 0 && len(a) < (n-1)*lda+n {
		panic(fmt.Sprintf("lanczos: NewSymDense: len(a) = %d, need %d for n = %d, lda = %d", len(a), (n-1)*lda+n, n, lda))
	}
	return &SymDense{n: n, stride: lda, data: a}
}

// Dim returns n.
func (s *SymDense) Dim() int { return s.n }

func (s *SymDense) check() error {
	if s == nil {
		return invalid("nil *SymDense")
	}
	return nil
}

// Apply sets dst = A·v.
func (s *SymDense) Apply(dst, v []float64) {
	kernels.SymMatVec(s.n, 1, s.data, s.stride, v, 0, dst)
}

// Func is an Operator given as a function, typically a Hessian-vector
// product: F(dst, v) must set dst = A·v for a symmetric A of dimension N.
// The solvers reject a Func with a nil F or a negative N
// (ErrInvalidArgument) before they call it.
type Func struct {
	N int                    // the dimension
	F func(dst, v []float64) // sets dst = A·v
}

// Dim returns N.
func (f Func) Dim() int { return f.N }

// Apply calls F(dst, v).
func (f Func) Apply(dst, v []float64) { f.F(dst, v) }

func (f Func) check() error {
	return checkFunc("Func", f.N, f.F == nil)
}

// checkFunc reports a function operator the solvers cannot call.
func checkFunc(name string, n int, nilF bool) error {
	if nilF {
		return invalid("%s.F is nil", name)
	}
	if n < 0 {
		return invalid("%s.N = %d < 0", name, n)
	}
	return nil
}

// checker is implemented by the operators of this package that can be
// invalid in ways Dim and Apply cannot report (a nil function, a nil
// matrix): the solvers ask before they apply them, so such an operator
// gives ErrInvalidArgument instead of a nil dereference.
type checker interface{ check() error }

// checkOperator validates op and returns its dimension.
func checkOperator(op Operator) (int, error) {
	if op == nil {
		return 0, invalid("nil operator")
	}
	if c, ok := op.(checker); ok {
		if err := c.check(); err != nil {
			return 0, err
		}
	}
	n := op.Dim()
	if n < 0 {
		return 0, invalid("operator dimension %d < 0", n)
	}
	return n, nil
}

// Diagonal is the diagonal matrix diag(d) as an Operator. Its eigenvalues
// are the entries of d, which makes it the test operator of choice for
// known spectra at any dimension.
type Diagonal []float64

// Dim returns len(d).
func (d Diagonal) Dim() int { return len(d) }

// Apply sets dst[i] = d[i]·v[i].
func (d Diagonal) Apply(dst, v []float64) {
	dst, v = dst[:len(d)], v[:len(d)]
	for i, di := range d {
		dst[i] = di * v[i]
	}
}

// Operator32 is a symmetric operator computed in float32, such as the
// Hessian-vector product of a model that keeps its parameters in float32.
// FromFloat32 makes it an Operator for the solvers, which work in float64.
type Operator32 interface {
	// Dim returns n.
	Dim() int
	// Apply sets dst = A·v, with the contract of Operator.Apply.
	Apply(dst, v []float32)
}

// Func32 is an Operator32 given as a function. As for Func, a nil F or a
// negative N is an ErrInvalidArgument when a solver is given it.
type Func32 struct {
	N int                    // the dimension
	F func(dst, v []float32) // sets dst = A·v
}

// Dim returns N.
func (f Func32) Dim() int { return f.N }

// Apply calls F(dst, v).
func (f Func32) Apply(dst, v []float32) { f.F(dst, v) }

func (f Func32) check() error {
	return checkFunc("Func32", f.N, f.F == nil)
}

// FromFloat32 returns op as an Operator on float64 vectors: each Apply
// rounds v to float32, applies op, and widens the result to float64. The
// solvers keep their basis and arithmetic in float64, so the only float32
// error is op's own, about 2⁻²⁴·‖A‖ relative: ask for tolerances above that
// (1e-5, say), not below. The adapter owns two float32 work vectors of
// length n and must not be used by two solvers at once. A nil op, or one
// the solvers would reject (a Func32 with a nil F), makes the solvers
// return ErrInvalidArgument.
func FromFloat32(op Operator32) Operator {
	f := &float32Op{op: op}
	if op != nil {
		if n := op.Dim(); n > 0 {
			f.v, f.dst = make([]float32, n), make([]float32, n)
		}
	}
	return f
}

// float32Op is the adapter FromFloat32 returns.
type float32Op struct {
	op     Operator32
	v, dst []float32
}

func (f *float32Op) Dim() int {
	if f.op == nil {
		return 0
	}
	return f.op.Dim()
}

func (f *float32Op) check() error {
	if f.op == nil {
		return invalid("FromFloat32 of a nil Operator32")
	}
	if c, ok := f.op.(checker); ok {
		if err := c.check(); err != nil {
			return err
		}
	}
	if n := f.op.Dim(); n != len(f.v) && n > 0 {
		return invalid("the Operator32's dimension changed from %d to %d after FromFloat32", len(f.v), n)
	}
	return nil
}

func (f *float32Op) Apply(dst, v []float64) {
	x := f.v[:len(v)]
	for i, vi := range v {
		x[i] = float32(vi)
	}
	f.op.Apply(f.dst, x)
	for i, yi := range f.dst[:len(dst)] {
		dst[i] = float64(yi)
	}
}
