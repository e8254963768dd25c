package ref

import (
	"math"
	"math/big"
	"math/bits"
)

// Acc is an exact accumulator for sums of products of floating-point
// numbers: a fixed-point number wide enough for any product of up to three
// float64 (a "long accumulator" in Kulisch's sense). Adding a term costs a
// few integer additions instead of a multi-thousand-bit big.Float addition,
// which is what makes exact references cheap enough for every test length.
//
// The value is Σ limb[i]·2^(limbBits·(base+i) + accMinExp): a window of
// limbs over a fixed-point number that runs from below the least
// significant bit of any product of four float64 to above the largest, so
// that a typical sum, a few hundred bits wide, costs a few words. Limbs hold
// limbBits bits each but are int64, so carries can be deferred: every
// addition adds less than 2^limbBits in magnitude to a limb, and the limbs
// are normalised before maxAdds additions could overflow one.
type Acc struct {
	limb []int64
	base int // absolute index of limb[0]
	adds int // additions since the last normalisation
}

const (
	limbBits = 32
	// accMinExp is below the least significant bit of any product of four
	// float64 (GramVec's d·x·x·v): each factor's significand has 53 bits
	// above 2^-1074, and splitting a product into float64 pieces reaches
	// 2^-160 below its leading bit.
	accMinExp = -4*(1074+53) - 256
	maxAdds   = 1 << (62 - limbBits - 2) // each add changes a limb by < 2^32
)

// Reset empties a, keeping its memory. The zero Acc is empty.
func (a *Acc) Reset() {
	a.limb, a.base, a.adds = a.limb[:0], 0, 0
}

// window makes limbs i..i+n-1 (absolute) part of a's window.
func (a *Acc) window(i, n int) {
	if len(a.limb) == 0 {
		a.base = i
		a.limb = append(a.limb[:0], 0, 0, 0)[:n]
		return
	}
	if i < a.base {
		grow := a.base - i
		a.limb = append(make([]int64, grow, grow+len(a.limb)+n), a.limb...)
		a.base = i
	}
	if end := i + n - a.base; end > len(a.limb) {
		a.limb = append(a.limb, make([]int64, end-len(a.limb))...)
	}
}

// addScaled adds x·2^exp exactly; x must be finite.
func (a *Acc) addScaled(x float64, exp int) {
	if x == 0 {
		return
	}
	// x = m·2^(e-1075) with m the significand as an integer.
	b := math.Float64bits(x)
	e := int(b>>52) & 0x7ff
	m := int64(b & (1<<52 - 1))
	if e == 0 {
		e = 1 // subnormal: no implicit bit
	} else {
		m |= 1 << 52
	}
	if b>>63 != 0 {
		m = -m
	}
	pos := e - 1075 + exp - accMinExp // bit position of m's least significant bit
	if pos < 0 {
		panic("ref.Acc: term below the accumulator's range")
	}
	i, s := pos/limbBits, uint(pos%limbBits)
	// m·2^s spans at most 53+31 = 84 bits: three limbs. The magnitude is
	// split (the low bits of m<<s are right even where the shift overflows)
	// and the sign applied to each part.
	neg := m < 0
	if neg {
		m = -m
	}
	const mask = 1<<limbBits - 1
	p0 := (m << s) & mask
	p1 := (m >> (limbBits - s)) & mask
	p2 := m >> (2*limbBits - s) // 0 for s = 0: Go shifts past the width give 0
	if neg {
		p0, p1, p2 = -p0, -p1, -p2
	}
	a.window(i, 3)
	l := a.limb[i-a.base:]
	l[0] += p0
	l[1] += p1
	l[2] += p2
	if a.adds++; a.adds >= maxAdds {
		a.normalize()
	}
}

// normalize propagates the carries so that every limb but the top one is
// in [0, 2^limbBits).
func (a *Acc) normalize() {
	var carry int64
	for i, v := range a.limb {
		v += carry
		a.limb[i] = v & (1<<limbBits - 1)
		carry = v >> limbBits // arithmetic shift: floor division
	}
	if carry != 0 {
		a.limb = append(a.limb, carry)
	}
	a.adds = 0
}

// frexp is math.Frexp, by bit manipulation for normal numbers.
func frexp(x float64) (float64, int) {
	b := math.Float64bits(x)
	e := int(b>>52) & 0x7ff
	if e == 0 || e == 0x7ff {
		return math.Frexp(x) // zero, subnormal (or not finite)
	}
	return math.Float64frombits(b&^(0x7ff<<52) | 1022<<52), e - 1022
}

// AddProd adds x·y exactly (x and y finite).
func (a *Acc) AddProd(x, y float64) { a.addProd(x, y, 0) }

// AddProdAbs adds |x·y| exactly.
func (a *Acc) AddProdAbs(x, y float64) { a.addProd(math.Abs(x), math.Abs(y), 0) }

// addProd adds x·y·2^exp. The significands are multiplied in [0.25, 1),
// where the rounding error of their product is a float64 exactly (TwoProduct
// by FMA cannot underflow there), and the exponents are added apart.
func (a *Acc) addProd(x, y float64, exp int) {
	mx, ex := frexp(x)
	my, ey := frexp(y)
	p := mx * my
	if p == 0 {
		return
	}
	e := math.FMA(mx, my, -p)
	a.addScaled(p, ex+ey+exp)
	a.addScaled(e, ex+ey+exp)
}

// AddProd3 adds x·y·z exactly.
func (a *Acc) AddProd3(x, y, z float64) { a.addProd3(x, y, z, 0) }

// AddProd3Abs adds |x·y·z| exactly.
func (a *Acc) AddProd3Abs(x, y, z float64) {
	a.addProd3(math.Abs(x), math.Abs(y), math.Abs(z), 0)
}

// addProd3 adds x·y·z·2^exp: x·y = p+e exactly, then z·p and z·e are each
// split the same way, four float64 pieces in all.
func (a *Acc) addProd3(x, y, z float64, exp int) {
	mx, ex := frexp(x)
	my, ey := frexp(y)
	mz, ez := frexp(z)
	p := mx * my
	if p == 0 || mz == 0 {
		return
	}
	e := math.FMA(mx, my, -p)
	p1 := mz * p
	e1 := math.FMA(mz, p, -p1)
	p2 := mz * e
	e2 := math.FMA(mz, e, -p2)
	k := ex + ey + ez + exp
	a.addScaled(p1, k)
	a.addScaled(e1, k)
	a.addScaled(p2, k)
	a.addScaled(e2, k)
}

// addProdPieces adds x·Σ pcs exactly (x finite).
func (a *Acc) addProdPieces(x float64, pcs []piece) {
	for _, pc := range pcs {
		a.addProd(x, pc.m, pc.e)
	}
}

// addScaledPieces adds x·y·Σ pcs exactly (x, y finite), for nested sums
// such as GramVec's Σ_i d_i·x_ij·(row i · v), where pcs is the expansion of
// the inner sum.
func (a *Acc) addScaledPieces(x, y float64, pcs []piece) {
	for _, pc := range pcs {
		a.addProd3(x, y, pc.m, pc.e)
	}
}

// Int returns the value as m·2^e with m an integer.
func (a *Acc) Int() (*big.Int, int) {
	a.normalize()
	// After normalising, every limb is in [0, 2^limbBits) but the top one,
	// which carries the sign: negate a copy of a negative value so that all
	// limbs are digits, and pack them into words.
	l := a.limb
	neg := len(l) > 0 && l[len(l)-1] < 0
	if neg {
		c := Acc{limb: make([]int64, len(l))}
		for i, v := range l {
			c.limb[i] = -v
		}
		c.normalize()
		l = c.limb
	}
	per := bits.UintSize / limbBits
	words := make([]big.Word, (len(l)+per-1)/per)
	for i, v := range l {
		words[i/per] |= big.Word(v) << (limbBits * (i % per))
	}
	m := new(big.Int).SetBits(words)
	if neg {
		m.Neg(m)
	}
	return m, a.base*limbBits + accMinExp
}

// Float returns the value as a big.Float, exactly.
func (a *Acc) Float() *big.Float {
	m, e := a.Int()
	f := new(big.Float).SetPrec(uint(max(64, m.BitLen()))).SetInt(m)
	return f.SetMantExp(f, e)
}

// piece is m·2^e.
type piece struct {
	m float64
	e int
}

// expansion returns pieces whose exact sum is the value of a, largest
// first, one per 53 bits of a's extent at most.
func (a *Acc) expansion() []piece {
	v := a.Float()
	v.SetPrec(v.Prec() + 64)
	var out []piece
	mant := new(big.Float)
	for v.Sign() != 0 {
		e := v.MantExp(mant)   // v = mant·2^e, 0.5 ≤ |mant| < 1
		m, _ := mant.Float64() // the nearest float64: never under- or overflows
		out = append(out, piece{m, e})
		v.Sub(v, new(big.Float).SetMantExp(big.NewFloat(m), e)) // exact
	}
	return out
}
