package numeric

import (
	"math/big"
	"math/bits"

	"github.com/ericlagergren/decimal"
)

// Decimal is the arbitrary-precision backend, on
// github.com/ericlagergren/decimal's Big with an explicit context: 34
// significant digits, half-even (decimal.Context128, IEEE 754 decimal128
// precision with a wider exponent range).
//
//   - Add, Sub, Mul and Div round their exact result to 34 significant
//     digits, half-even; with money-sized operands (up to 34 digits) Add,
//     Sub and Mul are exact.
//   - MulRound, DivRound, Quantize and Sqrt round the exact result once.
//   - Parse keeps every digit given, however many.
//   - Division by zero and the square root of a negative panic with an
//     *[ArithmeticError]; so does a result whose exponent leaves the
//     context's range (overflow).
//
// A Decimal is an immutable 16-byte value; the zero value is 0. It has two
// forms. The inline form holds a coefficient c with |c| < 2^55 (16 digits,
// and 17 up to 36028797018963967) and a scale s in -128..127, for the value
// c * 10^-s, with no pointer: Add, Sub, Mul, MulInt, Cmp, Neg, Abs, Sign,
// IsZero, Min, Max, Quantize, MulRound and DivRound on inline values are
// integer arithmetic (128-bit intermediates) and allocate nothing, and so
// do Div, DivInt and Sqrt when the exact result is inline. Every other
// value is held in the big form, a *decimal.Big that no method mutates,
// and operations on it run the library's arithmetic and allocate. Every
// result that fits the inline form takes it, so values move between the
// forms as their digits require, without changing any result. The forms
// are invisible: results are the same digit for digit whichever form the
// operands had.
type Decimal struct {
	w int64        // inline form (b == nil): coefficient<<8 | uint8(scale)
	b *decimal.Big // big form when not nil; never mutated
}

const decimalName = "decimal"

// decimalContext is the context of every Decimal operation on the big
// form.
var decimalContext = decimal.Context{
	Precision:     34,
	RoundingMode:  decimal.ToNearestEven,
	OperatingMode: decimal.GDA,
	MaxScale:      decimal.Context128.MaxScale,
	MinScale:      decimal.Context128.MinScale,
}

// DecimalPrecision is the number of significant digits of Decimal results.
const DecimalPrecision = 34

func newBig() *decimal.Big {
	z := new(decimal.Big)
	z.Context = decimalContext
	return z
}

// DecimalFromBig returns a Decimal equal to b (b is copied, not kept); NaN
// and infinities are an error.
func DecimalFromBig(b *decimal.Big) (Decimal, error) {
	if !b.IsFinite() {
		return Decimal{}, parseError(decimalName, b.String(), ErrSyntax)
	}
	if d, ok := inlineFromBig(b); ok {
		return d, nil
	}
	z := newBig()
	z.Copy(b)
	return Decimal{b: z}, nil
}

// Big returns x as a new *decimal.Big, equal to x in value (its scale may
// differ from the one a Big-only computation would have given: trailing
// zeros are not part of a Decimal's value).
func (x Decimal) Big() *decimal.Big {
	z := newBig()
	if x.b == nil {
		return z.SetMantScale(x.coef(), x.scale())
	}
	return z.Copy(x.b)
}

// big returns x as a *decimal.Big to read, never to modify: the big form's
// Big, or for an inline x, t set to x.
func (x Decimal) big(t *decimal.Big) *decimal.Big {
	if x.b != nil {
		return x.b
	}
	return t.SetMantScale(x.coef(), x.scale())
}

// fromBig returns the Decimal of the result z of an operation: inline when
// it fits, else holding z; a non-finite z panics.
func (x Decimal) fromBig(z *decimal.Big, op string, ys ...Decimal) Decimal {
	if !z.IsFinite() {
		err := ErrInvalid
		if z.IsInf(0) {
			err = ErrOverflow
		}
		panicDecimal(op, err, append([]Decimal{x}, ys...)...)
	}
	if d, ok := inlineFromBig(z); ok {
		return d
	}
	return Decimal{b: z}
}

// Add returns x+y rounded to 34 digits.
func (x Decimal) Add(y Decimal) Decimal {
	if x.b == nil && y.b == nil {
		// Bring the operand of the smaller scale to the larger one, if its
		// magnitude stays below 2^56 there (the sum then fits int64).
		cx, cy, sx := x.w>>8, y.w>>8, x.scale()
		ok := true
		if d := sx - y.scale(); d > 0 {
			cy, ok = scaleUp(cy, d)
		} else if d < 0 {
			cx, ok = scaleUp(cx, -d)
			sx = y.scale()
		}
		if c := cx + cy; ok && c >= decimalMinCoef && c <= decimalMaxCoef {
			return inline(c, sx)
		}
	}
	return x.addBig(y, false)
}

// Sub returns x-y rounded to 34 digits.
func (x Decimal) Sub(y Decimal) Decimal {
	if x.b == nil && y.b == nil {
		cx, cy, sx := x.w>>8, y.w>>8, x.scale()
		ok := true
		if d := sx - y.scale(); d > 0 {
			cy, ok = scaleUp(cy, d)
		} else if d < 0 {
			cx, ok = scaleUp(cx, -d)
			sx = y.scale()
		}
		if c := cx - cy; ok && c >= decimalMinCoef && c <= decimalMaxCoef {
			return inline(c, sx)
		}
	}
	return x.addBig(y, true)
}

// addBig is Add (Sub if sub) when the inline paths do not apply: a big
// operand, or an exact sum beyond the inline coefficient.
func (x Decimal) addBig(y Decimal, sub bool) Decimal {
	var tx, ty decimal.Big
	if sub {
		return x.fromBig(decimalContext.Sub(newBig(), x.big(&tx), y.big(&ty)), "sub", y)
	}
	return x.fromBig(decimalContext.Add(newBig(), x.big(&tx), y.big(&ty)), "add", y)
}

// Mul returns x*y rounded to 34 digits.
func (x Decimal) Mul(y Decimal) Decimal {
	if x.b == nil && y.b == nil {
		cx, cy := x.w>>8, y.w>>8
		hi, lo := bits.Mul64(umag(cx), umag(cy))
		if s := x.scale() + y.scale(); hi == 0 && lo <= decimalMaxCoef && s == int(int8(s)) {
			c := int64(lo)
			if (cx ^ cy) < 0 {
				c = -c
			}
			return inline(c, s)
		}
	}
	return x.mulSlow(y)
}

func (x Decimal) mulSlow(y Decimal) Decimal {
	var tx, ty decimal.Big
	return x.fromBig(decimalContext.Mul(newBig(), x.big(&tx), y.big(&ty)), "mul", y)
}

// MulInt returns x*k rounded to 34 digits (exact for money-sized x).
func (x Decimal) MulInt(k int64) Decimal {
	if x.b == nil {
		if c, ok := inlineMul(x.coef(), k); ok {
			return inline(c, x.scale())
		}
	}
	return x.mulSlow(Decimal{}.FromInt64(k))
}

// DivInt returns x/k rounded half-even to 34 digits; it panics if k is
// zero.
func (x Decimal) DivInt(k int64) Decimal { return x.Div(Decimal{}.FromInt64(k)) }

// Div returns x/y rounded half-even to 34 digits; it panics if y is zero.
//
// The quotient is computed with integers, not with the library's Quo,
// which in the version served here does not always round correctly (1/3
// gives ...3334).
func (x Decimal) Div(y Decimal) Decimal {
	if y.IsZero() {
		panicDecimal("div", ErrDivisionByZero, x, y)
	}
	if x.IsZero() {
		return Decimal{}
	}
	if x.b == nil && y.b == nil {
		cx, cy := x.coef(), y.coef()
		if c, s, ok := inlineDiv(cx, x.scale(), cy, y.scale()); ok {
			return inline(c, s)
		}
		hi, lo, k := div34(umag(cx), umag(cy))
		return x.fromBig(newBig128(hi, lo, (cx^cy) < 0, x.scale()-y.scale()+k), "div", y)
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	// Scale the dividend so that the integer quotient has at least 36
	// digits: x/y = (cx*10^k / cy) * 10^-(sx-sy+k).
	k := 2*(DecimalPrecision+2) + decimalDigits(cy) - decimalDigits(cx)
	k = max(k, 0)
	cx.Mul(cx, pow10Big(k))
	q, r := new(big.Int).QuoRem(cx, cy, new(big.Int))
	// A sticky digit records a non-zero remainder, so that the single
	// half-even rounding to 34 digits is correct.
	q.Mul(q, big.NewInt(10))
	if r.Sign() != 0 {
		if q.Sign() < 0 { // q has at least 36 digits: never zero
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	z := newBig().SetBigMantScale(q, sx-sy+k+1)
	return x.fromBig(decimalContext.Round(z), "div", y)
}

// MulRound returns x*y rounded once to decimals places with mode.
func (x Decimal) MulRound(y Decimal, decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "mulround", x, y)
	if x.b == nil && y.b == nil {
		if c, s, ok := inlineMulRound(x.coef(), x.scale(), y.coef(), y.scale(), decimals, mode); ok {
			return inline(c, s)
		}
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	cx.Mul(cx, cy)
	return x.fromBig(roundBig(cx, sx+sy, decimals, mode), "mulround", y)
}

// DivRound returns x/y rounded once to decimals places with mode; it
// panics if y is zero.
func (x Decimal) DivRound(y Decimal, decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "divround", x, y)
	if y.IsZero() {
		panicDecimal("divround", ErrDivisionByZero, x, y)
	}
	if x.b == nil && y.b == nil {
		if c, ok := inlineDivRound(x.coef(), x.scale(), y.coef(), y.scale(), decimals, mode); ok {
			return inline(c, decimals)
		}
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	// x/y = cx/cy * 10^(sy-sx); scaled to decimals: cx*10^(sy-sx+decimals)/cy.
	if e := sy - sx + decimals; e >= 0 {
		cx.Mul(cx, pow10Big(e))
	} else {
		cy.Mul(cy, pow10Big(-e))
	}
	q, r := new(big.Int).QuoRem(cx, cy, new(big.Int))
	neg := cx.Sign()*cy.Sign() < 0
	r.Abs(r)
	r.Lsh(r, 1)
	q.Abs(q)
	if mode.roundUp(q.Bit(0) == 1, r.CmpAbs(cy), r.Sign() != 0, neg) {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return x.fromBig(newBig().SetBigMantScale(q, decimals), "divround", y)
}

// Quantize returns x rounded to decimals places with mode.
func (x Decimal) Quantize(decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "quantize", x)
	if x.b == nil {
		s := x.scale()
		if s <= decimals {
			return x
		}
		return inline(inlineRound(x.coef(), s-decimals, mode), decimals)
	}
	c, s := x.parts()
	if s <= decimals {
		return x
	}
	return x.fromBig(roundBig(c, s, decimals, mode), "quantize")
}

// Sqrt returns the square root of x rounded half-even to 34 significant
// digits; it panics if x is negative.
func (x Decimal) Sqrt() Decimal {
	switch x.Sign() {
	case -1:
		panicDecimal("sqrt", ErrInvalid, x)
	case 0:
		return Decimal{}
	}
	if x.b == nil {
		if r, s, ok := inlineSqrt(x.coef(), x.scale()); ok {
			return inline(r, s)
		}
		if hi, lo, k, ok := sqrt34(x.coef(), x.scale()); ok {
			return x.fromBig(newBig128(hi, lo, false, k), "sqrt")
		}
	}
	c, s := x.parts()
	// Make the scale even and the coefficient long enough that its integer
	// square root has at least 36 digits.
	if s%2 != 0 {
		c.Mul(c, big.NewInt(10))
		s++
	}
	if n := decimalDigits(c); n < 2*(DecimalPrecision+2) {
		k := (2*(DecimalPrecision+2) - n + 1) / 2
		c.Mul(c, pow10Big(2*k))
		s += 2 * k
	}
	r := new(big.Int).Sqrt(c)
	// A sticky digit records a non-zero remainder, so that the single
	// half-even rounding to 34 digits below is correct.
	sticky := int64(0)
	if new(big.Int).Mul(r, r).Cmp(c) != 0 {
		sticky = 1
	}
	r.Mul(r, big.NewInt(10))
	r.Add(r, big.NewInt(sticky))
	z := newBig().SetBigMantScale(r, s/2+1)
	return x.fromBig(decimalContext.Round(z), "sqrt")
}

// Neg returns -x.
func (x Decimal) Neg() Decimal {
	if x.b == nil && x.w >= (decimalMinCoef+1)<<8 { // coefficient above -2^55
		// The coefficient negated, the scale byte kept (a zero stays
		// zero: it has no sign).
		// ^c<<8 | s, plus 1<<8: -c<<8 | s.
		return Decimal{w: (x.w ^ ^0xff) + 0x100}
	}
	return x.negSlow()
}

func (x Decimal) negSlow() Decimal {
	if x.IsZero() {
		return Decimal{}
	}
	var t decimal.Big
	return x.fromBig(newBig().Neg(x.big(&t)), "neg")
}

// Abs returns |x|.
func (x Decimal) Abs() Decimal {
	if x.b == nil && x.w >= 0 {
		return x
	}
	return x.absSlow()
}

func (x Decimal) absSlow() Decimal {
	if x.Sign() >= 0 {
		return x
	}
	return x.Neg()
}

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x Decimal) Cmp(y Decimal) int {
	if x.b == nil && y.b == nil {
		// Bring both to the larger scale; a coefficient that would pass
		// 2^56 there is larger in magnitude than the other (below 2^55).
		cx, cy := x.w>>8, y.w>>8
		ok := true
		if d := x.scale() - y.scale(); d > 0 {
			if cy, ok = scaleUp(cy, d); !ok {
				return -sign64(y.w >> 8)
			}
		} else if d < 0 {
			if cx, ok = scaleUp(cx, -d); !ok {
				return sign64(x.w >> 8)
			}
		}
		switch {
		case cx < cy:
			return -1
		case cx > cy:
			return 1
		}
		return 0
	}
	var tx, ty decimal.Big
	return x.big(&tx).Cmp(y.big(&ty))
}

// Sign returns -1, 0 or +1 by the sign of x.
func (x Decimal) Sign() int {
	if x.b != nil {
		return x.b.Sign()
	}
	if x.w>>8 > 0 {
		return 1
	}
	return int(x.w >> 63)
}

// IsZero reports whether x is zero.
func (x Decimal) IsZero() bool {
	if x.b == nil {
		return x.w>>8 == 0
	}
	return x.b.Sign() == 0
}

// Min returns the smaller of x and y.
func (x Decimal) Min(y Decimal) Decimal {
	if y.Cmp(x) < 0 {
		return y
	}
	return x
}

// Max returns the larger of x and y.
func (x Decimal) Max(y Decimal) Decimal {
	if y.Cmp(x) > 0 {
		return y
	}
	return x
}

// FromInt64 returns i as a Decimal.
func (Decimal) FromInt64(i int64) Decimal {
	if i >= decimalMinCoef && i <= decimalMaxCoef {
		return Decimal{w: i << 8}
	}
	z := newBig().SetMantScale(i, 0)
	if d, ok := inlineFromBig(z); ok { // 10^18: 1 at scale -18
		return d
	}
	return Decimal{b: z}
}

// parts returns the coefficient and scale of x: x = c * 10^-s. The
// coefficient is a fresh big.Int the caller may modify.
func (x Decimal) parts() (*big.Int, int) {
	if x.b == nil {
		return big.NewInt(x.coef()), x.scale()
	}
	// The Big's own fields: its compact magnitude, or the big.Int that
	// holds the magnitude when the compact one is the inflated marker.
	cp, u := decimal.Raw(x.b)
	var c *big.Int
	if *cp != decimalInflated {
		c = new(big.Int).SetUint64(*cp)
	} else {
		c = new(big.Int).Set(u)
	}
	if x.b.Signbit() {
		c.Neg(c)
	}
	return c, x.b.Scale()
}

// roundBig returns c * 10^-s rounded to d decimals with mode (s > d).
func roundBig(c *big.Int, s, d int, mode RoundingMode) *decimal.Big {
	if s <= d {
		return newBig().SetBigMantScale(c, s)
	}
	div := pow10Big(s - d)
	neg := c.Sign() < 0
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(c), div, new(big.Int))
	r.Lsh(r, 1)
	if mode.roundUp(q.Bit(0) == 1, r.Cmp(div), r.Sign() != 0, neg) {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return newBig().SetBigMantScale(q, d)
}

// decimalDigits returns the number of decimal digits of |c| (1 for 0).
func decimalDigits(c *big.Int) int {
	// 1233/4096 ~ log10(2): n is the count or one off.
	a := new(big.Int).Abs(c)
	n := c.BitLen()*1233>>12 + 1
	switch {
	case n > 1 && a.Cmp(pow10Big(n-1)) < 0:
		n--
	case a.Cmp(pow10Big(n)) >= 0:
		n++
	}
	return n
}

// pow10Big returns 10^n as a fresh big.Int.
func pow10Big(n int) *big.Int {
	if n < len(pow10u) {
		return new(big.Int).SetUint64(pow10u[n])
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

func checkDecimalDecimals(d int, op string, xs ...Decimal) {
	if d < 0 || d > 18 {
		panicDecimal(op, ErrInvalid, xs...)
	}
}

func panicDecimal(op string, err error, xs ...Decimal) {
	ops := make([]string, len(xs))
	for i, x := range xs {
		ops[i] = x.String()
	}
	panic(&ArithmeticError{Backend: decimalName, Op: op, Operands: ops, Err: err})
}
