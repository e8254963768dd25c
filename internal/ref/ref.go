// Package ref holds the reference implementations and the exact arithmetic
// that samkern's kernels are verified against: the plain loops a reader can
// check by eye, sums computed exactly with math/big, and the rounding-error
// bounds that a reordered floating-point sum must stay within.
//
// It is internal: the tests of kernels, fuzz, sam and lanczos share it.
package ref

import (
	"fmt"
	"math"
	"math/big"
)

// Float is either floating-point type.
type Float interface{ ~float32 | ~float64 }

// Unit returns the unit roundoff u of T: 2⁻⁵³ for float64, 2⁻²⁴ for float32.
func Unit[T Float]() float64 {
	var z T
	if _, ok := any(z).(float32); ok {
		return 0x1p-24
	}
	return 0x1p-53
}

// Eta returns the smallest positive subnormal of T, the absolute error one
// operation can make when its result underflows (at most half of it).
func Eta[T Float]() float64 {
	var z T
	if _, ok := any(z).(float32); ok {
		return 0x1p-149
	}
	return 0x1p-1074
}

// Gamma returns γ_k = k·u/(1−k·u), the classical bound on the relative error
// of a computation in which no term passes through more than k roundings
// (Higham, Accuracy and Stability of Numerical Algorithms, §3.1). It is +Inf
// when k·u ≥ 1, where no relative bound exists.
func Gamma(k int, u float64) float64 {
	ku := float64(k) * u
	if ku >= 1 {
		return math.Inf(1)
	}
	return ku / (1 - ku)
}

// Dot is the reference dot product: products rounded to T, summed in order.
func Dot[T Float](x, y []T) T {
	var s T
	for i := range x {
		s += T(x[i] * y[i])
	}
	return s
}

// SumSq is the reference sum of squares, in order, in T.
func SumSq[T Float](x []T) T { return Dot(x, x) }

// SumSqWide is the reference sum of squares of float32 entries in float64.
func SumSqWide(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return s
}

// AxpyTo is the reference dst[i] = alpha*x[i] + y[i]. With fused the sum is
// rounded once (math.FMA), otherwise the product and the sum each round.
func AxpyTo[T Float](dst []T, alpha T, x, y []T, fused bool) {
	for i := range x {
		if fused {
			dst[i] = FMA(alpha, x[i], y[i])
		} else {
			dst[i] = T(alpha*x[i]) + y[i]
		}
	}
}

// FMA returns a*b+c rounded once to T. For float32 the float64 product of
// two float32 is exact and one float64 rounding of the sum followed by a
// float32 rounding could double-round, so the sum is done exactly in
// math/big instead.
func FMA[T Float](a, b, c T) T {
	if _, ok := any(a).(float32); !ok {
		return T(math.FMA(float64(a), float64(b), float64(c)))
	}
	p := float64(a) * float64(b) // exact
	if math.IsNaN(p) || math.IsInf(p, 0) || math.IsNaN(float64(c)) || math.IsInf(float64(c), 0) {
		return T(p + float64(c))
	}
	// p+c rounded to float64 (s) and then to float32 is the one rounding of
	// p+c unless s is exactly halfway between two float32 and p+c is not:
	// the float32 midpoints are float64 numbers, so p+c, within half a
	// float64 ulp of s, lies on the same side of every other midpoint as s.
	// Away from the subnormal and overflow ranges a midpoint has the bit
	// pattern 1000... below the float32 significand; there, and at the
	// ranges' edges, math/big decides.
	if s := p + float64(c); s != 0 {
		z := s - p
		exact := (p-(s-z))+(float64(c)-z) == 0
		if a := math.Abs(s); exact || (a > 0x1p-125 && a < 0x1p127 && math.Float64bits(s)&(1<<29-1) != 1<<28) {
			return T(s)
		}
	}
	s := new(big.Float).SetPrec(1000).SetFloat64(p)
	s.Add(s, new(big.Float).SetFloat64(float64(c)))
	f, _ := s.Float32()
	if f == 0 {
		// Exact zero: IEEE gives +0 for a sum of opposite signs, -0 when
		// both addends are -0.
		return T(p + float64(c))
	}
	return T(f)
}

// Scale is the reference x[i] *= alpha.
func Scale[T Float](alpha T, x []T) {
	for i := range x {
		x[i] *= alpha
	}
}

// exactPrec is wide enough for a sum of float64 products to be exact: the
// products span exponents −2148..2046 with 106-bit significands, plus
// headroom for up to 2⁶⁴ terms.
const exactPrec = 4400

// ExactDot returns Σ x_i·y_i and Σ |x_i·y_i| exactly. It panics on a
// non-finite entry: callers classify special values first.
func ExactDot[T Float](x, y []T) (sum, abs *big.Float) {
	var s, a Acc
	for i := range x {
		p, q := float64(x[i]), float64(y[i])
		if math.IsNaN(p) || math.IsInf(p, 0) || math.IsNaN(q) || math.IsInf(q, 0) {
			panic(fmt.Sprintf("ref.ExactDot: non-finite entry %d: %v, %v", i, p, q))
		}
		s.AddProd(p, q)
		a.AddProdAbs(p, q)
	}
	return s.Float(), a.Float()
}

// Finite reports whether every entry of every slice is finite.
func Finite[T Float](xs ...[]T) bool {
	for _, x := range xs {
		for _, v := range x {
			f := float64(v)
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return false
			}
		}
	}
	return true
}

// SumBound returns the bound on |computed − exact| for any summation order of
// n products (or squares) in which no term passes through more than depth
// roundings: γ_depth·abs + n·eta, where abs = Σ|x_i·y_i| and the second term
// covers underflow (each of at most 2n operations errs by at most eta/2 when
// its result is subnormal). kernels' reductions use depth = n + 8: a term
// meets at most n additions plus the folding of accumulators and chunks.
func SumBound(abs *big.Float, n, depth int, u, eta float64) *big.Float {
	g := Gamma(depth, u)
	if math.IsInf(g, 1) {
		return new(big.Float).SetInf(false)
	}
	b := new(big.Float).SetPrec(exactPrec).Mul(abs, big.NewFloat(g))
	return b.Add(b, big.NewFloat(float64(n)*eta))
}

// CheckSum returns an error when got is farther than bound from exact. A
// non-finite got always fails: callers only use it where the exact value and
// every partial sum are far from overflow.
func CheckSum(got float64, exact, bound *big.Float) error {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		return fmt.Errorf("got %v, exact %.17g", got, exact)
	}
	d := new(big.Float).SetPrec(max(exactPrec, exact.Prec()+64)).SetFloat64(got)
	d.Sub(d, exact)
	d.Abs(d)
	if d.Cmp(bound) > 0 {
		df, _ := d.Float64()
		bf, _ := bound.Float64()
		ef, _ := exact.Float64()
		return fmt.Errorf("got %.17g, exact %.17g: error %.3g exceeds bound %.3g", got, ef, df, bf)
	}
	return nil
}

// SpecialDot classifies the dot product of x and y when some entry is not
// finite and no finite product or partial sum overflows: NaN when a NaN
// enters, when 0 meets ±Inf, or when +Inf and −Inf products meet; otherwise
// the signed infinity. ok is false when every product is finite.
func SpecialDot[T Float](x, y []T) (v float64, ok bool) {
	pos, neg, nan := false, false, false
	for i := range x {
		a, b := float64(x[i]), float64(y[i])
		if !math.IsInf(a, 0) && !math.IsInf(b, 0) && !math.IsNaN(a) && !math.IsNaN(b) {
			continue
		}
		p := a * b
		switch {
		case math.IsNaN(p):
			nan = true
		case p > 0:
			pos = true
		default:
			neg = true
		}
	}
	switch {
	case nan || (pos && neg):
		return math.NaN(), true
	case pos:
		return math.Inf(1), true
	case neg:
		return math.Inf(-1), true
	}
	return 0, false
}

// ExactNorm returns sqrt(Σ x_i²) computed exactly and rounded to 4400 bits.
func ExactNorm[T Float](x []T) *big.Float {
	s, _ := ExactDot(x, x)
	return s.SetPrec(exactPrec).Sqrt(s)
}

// NormBound bounds |computed − exact| for a norm computed as the square root
// of a sum of squares with relative error at most rel (γ for the sum plus the
// underflow share) followed by one rounding of unit u: with
// s = S(1+δ), |δ| ≤ rel ≤ 1/2, sqrt(1+δ) lies in [1 − rel/2 − rel²/2,
// 1 + rel/2], and the rounding adds (1+u); 2^absExp is the absolute error of
// a result rounded into the subnormal range (half its spacing), given as an
// exponent because 2⁻¹⁰⁷⁵ is not a float64.
func NormBound(norm *big.Float, rel, u float64, absExp int) *big.Float {
	r := rel/2 + rel*rel/2 + u*(1+rel/2+rel*rel/2)
	b := new(big.Float).SetPrec(exactPrec).Mul(norm, big.NewFloat(r))
	return b.Add(b, new(big.Float).SetMantExp(big.NewFloat(1), absExp))
}

// CheckDot checks a computed Σ x_i·y_i (got, converted to float64) against
// the exact value, for a kernel whose terms pass through at most depth
// roundings of unit u (eta: the accumulation type's smallest subnormal,
// max: its largest finite value). The rules:
//   - non-finite input: SpecialDot's NaN must be NaN; its ±Inf must be that
//     infinity, or NaN if finite products could also overflow (then the
//     order of the additions decides);
//   - finite input and finite got: within SumBound of the exact sum (a
//     finite result means no partial sum overflowed, so the bound holds);
//   - finite input and non-finite got: only if Σ|x_i·y_i| ≥ max/2, where a
//     partial sum in some order can overflow.
func CheckDot[T Float](got float64, x, y []T, depth int, u, eta, max float64) error {
	fx, fy := make([]T, 0, len(x)), make([]T, 0, len(y))
	for i := range x {
		if Finite(x[i:i+1], y[i:i+1]) {
			fx, fy = append(fx, x[i]), append(fy, y[i])
		}
	}
	exact, abs := ExactDot(fx, fy)
	overflow := abs.Cmp(big.NewFloat(max/2)) >= 0
	if len(fx) < len(x) {
		want, _ := SpecialDot(x, y)
		switch {
		case math.IsNaN(want) && !math.IsNaN(got):
			return fmt.Errorf("got %v, want NaN", got)
		case math.IsNaN(want) || got == want:
			return nil
		case overflow && math.IsNaN(got):
			return nil
		}
		return fmt.Errorf("got %v, want %v", got, want)
	}
	if math.IsNaN(got) || math.IsInf(got, 0) {
		if overflow {
			return nil
		}
		ef, _ := exact.Float64()
		return fmt.Errorf("got %v for finite input that cannot overflow (exact %.17g)", got, ef)
	}
	return checkBound(got, exact, abs, Gamma(depth, u), func() *big.Float {
		return SumBound(abs, len(x), depth, u, eta)
	})
}

// CheckNorm checks a computed Euclidean norm: NaN if any entry is NaN, else
// +Inf if any is infinite, else within NormBound of the exact norm, where
// rel is the sum of squares' relative error bound, u the final rounding's
// unit, absExp the exponent of the absolute error of a subnormal result, and
// max the largest finite value of the result type (a norm beyond it must be
// +Inf; one within the bound of it may be either).
func CheckNorm[T Float](got float64, x []T, rel, u float64, absExp int, max float64) error {
	for _, v := range x {
		if math.IsNaN(float64(v)) {
			if !math.IsNaN(got) {
				return fmt.Errorf("got %v, want NaN", got)
			}
			return nil
		}
	}
	if !Finite(x) {
		if !math.IsInf(got, 1) {
			return fmt.Errorf("got %v, want +Inf", got)
		}
		return nil
	}
	exact := ExactNorm(x)
	bound := NormBound(exact, rel, u, absExp)
	if math.IsInf(got, 1) {
		// +Inf is right when the largest value the bound allows lies past
		// max: a result that rounds beyond the format's range is +Inf.
		lim := new(big.Float).SetPrec(exactPrec).Add(exact, bound)
		if lim.Cmp(big.NewFloat(max)) > 0 {
			return nil
		}
		ef, _ := exact.Float64()
		return fmt.Errorf("got +Inf for a norm %.17g that is representable with its error bound", ef)
	}
	return CheckSum(got, exact, bound)
}

// NormRel is the relative error bound of a sum of n squares accumulated with
// unit u, for CheckNorm: γ_{n+8} plus the share of underflow, n·2⁻¹⁰⁷⁴
// against a scaled sum of at least 2⁻⁹⁴⁸ (kernels.Norm keeps its sums there).
func NormRel(n int, u float64) float64 {
	return Gamma(n+8, u) + float64(n)*0x1p-1074/0x1p-948
}

// Exact is an exact value and the exact sum of the magnitudes of the terms
// that make it up, the quantity rounding-error bounds scale with.
type Exact struct {
	Sum, Abs *big.Float
}

// exactOf converts a pair of accumulators.
func exactOf(sum, abs *Acc) Exact { return Exact{sum.Float(), abs.Float()} }

// MatVec returns alpha·A·x + beta·y exactly, element by element, for a
// rows×cols row-major A with stride lda (beta = 0 ignores y).
func MatVec[T Float](rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T) []Exact {
	out := make([]Exact, rows)
	var s, abs Acc
	for i := range out {
		s.Reset()
		abs.Reset()
		if alpha != 0 {
			for j := range cols {
				s.AddProd3(float64(alpha), float64(a[i*lda+j]), float64(x[j]))
				abs.AddProd3Abs(float64(alpha), float64(a[i*lda+j]), float64(x[j]))
			}
		}
		if beta != 0 {
			s.AddProd(float64(beta), float64(y[i]))
			abs.AddProdAbs(float64(beta), float64(y[i]))
		}
		out[i] = exactOf(&s, &abs)
	}
	return out
}

// MatTVec returns alpha·Aᵀ·x + beta·y exactly.
func MatTVec[T Float](rows, cols int, alpha T, a []T, lda int, x []T, beta T, y []T) []Exact {
	out := make([]Exact, cols)
	var s, abs Acc
	for j := range out {
		s.Reset()
		abs.Reset()
		if alpha != 0 {
			for i := range rows {
				s.AddProd3(float64(alpha), float64(a[i*lda+j]), float64(x[i]))
				abs.AddProd3Abs(float64(alpha), float64(a[i*lda+j]), float64(x[i]))
			}
		}
		if beta != 0 {
			s.AddProd(float64(beta), float64(y[j]))
			abs.AddProdAbs(float64(beta), float64(y[j]))
		}
		out[j] = exactOf(&s, &abs)
	}
	return out
}

// SymMatVec returns alpha·A·x + beta·y exactly for the symmetric A whose
// upper triangle is stored (the lower one is never read).
func SymMatVec[T Float](n int, alpha T, a []T, lda int, x []T, beta T, y []T) []Exact {
	out := make([]Exact, n)
	var s, abs Acc
	for i := range out {
		s.Reset()
		abs.Reset()
		if alpha != 0 {
			for j := range n {
				aij := a[i*lda+j]
				if j < i {
					aij = a[j*lda+i]
				}
				s.AddProd3(float64(alpha), float64(aij), float64(x[j]))
				abs.AddProd3Abs(float64(alpha), float64(aij), float64(x[j]))
			}
		}
		if beta != 0 {
			s.AddProd(float64(beta), float64(y[i]))
			abs.AddProdAbs(float64(beta), float64(y[i]))
		}
		out[i] = exactOf(&s, &abs)
	}
	return out
}

// GramVec returns Xᵀ·diag(d)·X·v exactly for a rows×cols X with stride ldx;
// Abs is Σ_i |d_i|·(Σ_k |X_ik·v_k|)·|X_ij|.
func GramVec[T Float](rows, cols int, x []T, ldx int, d, v []T) []Exact {
	sums, abss := make([]Acc, cols), make([]Acc, cols)
	var t, tAbs, u, uAbs Acc
	for i := range rows {
		t.Reset()
		tAbs.Reset()
		for k := range cols {
			t.AddProd(float64(x[i*ldx+k]), float64(v[k]))
			tAbs.AddProdAbs(float64(x[i*ldx+k]), float64(v[k]))
		}
		// u = d_i·(row i · v), exactly, as a few float64 pieces; then each
		// output adds X_ij·u.
		di := float64(d[i])
		u.Reset()
		uAbs.Reset()
		u.addProdPieces(di, t.expansion())
		uAbs.addProdPieces(math.Abs(di), tAbs.expansion())
		up, upAbs := u.expansion(), uAbs.expansion()
		for j := range cols {
			xij := float64(x[i*ldx+j])
			sums[j].addProdPieces(xij, up)
			abss[j].addProdPieces(math.Abs(xij), upAbs)
		}
	}
	out := make([]Exact, cols)
	for j := range out {
		out[j] = exactOf(&sums[j], &abss[j])
	}
	return out
}

// CheckExact checks a computed value against an exact one whose terms each
// passed through at most depth roundings of unit u, over nops operations
// that may each underflow by eta/2 (so the bound is γ_depth·Abs + nops·eta/2).
func CheckExact(got float64, e Exact, depth, nops int, u, eta float64) error {
	g := Gamma(depth, u)
	return checkBound(got, e.Sum, e.Abs, g, func() *big.Float {
		if math.IsInf(g, 1) {
			return new(big.Float).SetInf(false)
		}
		b := new(big.Float).SetPrec(e.Abs.Prec()+64).Mul(e.Abs, big.NewFloat(g))
		return b.Add(b, big.NewFloat(float64(nops)*eta/2))
	})
}

// checkBound is CheckSum against a bound of at least g·abs (bound computes
// it exactly), settled at 64 bits with directed rounding where it can be: the
// error rounded up against the bound rounded down. Only a near tie, or a
// failure, pays for the exact arithmetic, whose wide alignments (an eta of
// 2^-1074 beside an abs near 1) dominated the tests' time.
func checkBound(got float64, exact, abs *big.Float, g float64, bound func() *big.Float) error {
	if !math.IsNaN(got) && !math.IsInf(got, 0) && !math.IsInf(g, 0) {
		up := new(big.Float).SetPrec(64).SetMode(big.AwayFromZero).Sub(new(big.Float).SetFloat64(got), exact)
		// g·abs alone, rounded down, is below the bound (add ≥ 0 is left out:
		// aligning it costs a shift across the whole exponent range).
		down := new(big.Float).SetPrec(64).SetMode(big.ToZero).Mul(abs, big.NewFloat(g))
		if up.Abs(up).Cmp(down) <= 0 {
			return nil
		}
	}
	return CheckSum(got, exact, bound())
}

// fma is a·b+c rounded once when fused, else rounded after the product and
// after the sum, the two roundings kernels' Generic level makes.
func fma[T Float](a, b, c T, fused bool) T {
	if fused {
		return FMA(a, b, c)
	}
	return T(a*b) + c
}

// PerturbSave is the reference of kernels.PerturbSave.
func PerturbSave[T Float](w, g, saved []T, s T, fused bool) {
	for i := range w {
		saved[i] = w[i]
		w[i] = fma(s, g[i], w[i], fused)
	}
}

// SGDRestore is the reference of kernels.SGDRestore, from its documented
// formulas, with the options turned into coefficients as documented.
func SGDRestore[T Float](w, saved, g, m []T, lr, momentum, l2, decoupled float64, nesterov, fused bool) {
	cm, cg := 1.0, 0.0
	if nesterov {
		cm, cg = momentum, 1
	}
	nlr, mu, l2t, cmt, cgt, keep := T(-lr), T(momentum), T(l2), T(cm), T(cg), T(1-lr*decoupled)
	for i := range w {
		s := saved[i]
		gg := fma(l2t, s, g[i], fused)
		m[i] = fma(mu, m[i], gg, fused)
		u := fma(cmt, m[i], T(cgt*gg), fused)
		w[i] = fma(nlr, u, T(keep*s), fused)
	}
}

// AdamWRestore is the reference of kernels.AdamWRestore.
func AdamWRestore[T Float](w, saved, g, m, v []T, lr, beta1, beta2, eps, decay float64, t int, fused bool) {
	bc1 := 1 - math.Pow(beta1, float64(t))
	bc2 := 1 - math.Pow(beta2, float64(t))
	b1, omb1, b2, omb2 := T(beta1), T(1-beta1), T(beta2), T(1-beta2)
	rc2, e, step, keep := T(1/math.Sqrt(bc2)), T(eps), T(-lr/bc1), T(1-lr*decay)
	for i := range w {
		gi := g[i]
		m[i] = fma(b1, m[i], T(omb1*gi), fused)
		v[i] = fma(b2, v[i], T(T(omb2*gi)*gi), fused)
		den := fma(T(math.Sqrt(float64(v[i]))), rc2, e, fused)
		w[i] = fma(step, T(m[i]/den), T(keep*saved[i]), fused)
	}
}

// ASAMPerturbSave is the reference of kernels.ASAMPerturbSave.
func ASAMPerturbSave[T Float](w, g, saved []T, eta, s T, fused bool) {
	for i := range w {
		saved[i] = w[i]
		t := T(math.Abs(float64(w[i]))) + eta
		w[i] = fma(s, T(T(t*t)*g[i]), w[i], fused)
	}
}

// ASAMTerms returns the per-element t_i = (|w_i|+eta)·g_i of kernels.ASAMSumSq
// as the kernel rounds them (in T for float64; exactly in float64 from
// float32(|w|+eta) for float32), so Σ t_i² can be checked with CheckDot.
func ASAMTerms[T Float](w, g []T, eta T) []float64 {
	out := make([]float64, len(w))
	for i := range w {
		a := T(math.Abs(float64(w[i]))) + eta
		if _, ok := any(eta).(float32); ok {
			out[i] = float64(a) * float64(g[i])
		} else {
			out[i] = float64(a * g[i])
		}
	}
	return out
}
