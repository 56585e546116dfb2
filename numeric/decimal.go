package numeric

import (
	"math"
	"math/big"
	"strconv"

	"github.com/ericlagergren/decimal"
)

// Decimal is the arbitrary-precision reference backend, on
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
// A Decimal is an immutable value holding a pointer to a Big that no method
// mutates; the zero value is 0. Every arithmetic result allocates a new
// Big: Decimal is the exactness reference, not the fast path.
type Decimal struct{ b *decimal.Big }

const decimalName = "decimal"

// decimalContext is the context of every Decimal operation.
var decimalContext = decimal.Context{
	Precision:     34,
	RoundingMode:  decimal.ToNearestEven,
	OperatingMode: decimal.GDA,
	MaxScale:      decimal.Context128.MaxScale,
	MinScale:      decimal.Context128.MinScale,
}

// DecimalPrecision is the number of significant digits of Decimal results.
const DecimalPrecision = 34

var zeroBig decimal.Big

func (x Decimal) big() *decimal.Big {
	if x.b == nil {
		return &zeroBig
	}
	return x.b
}

func newBig() *decimal.Big {
	z := new(decimal.Big)
	z.Context = decimalContext
	return z
}

// DecimalFromBig returns a Decimal holding a copy of b; NaN and infinities
// are an error.
func DecimalFromBig(b *decimal.Big) (Decimal, error) {
	if !b.IsFinite() {
		return Decimal{}, parseError(decimalName, b.String(), ErrSyntax)
	}
	z := newBig()
	z.Copy(b)
	return Decimal{z}, nil
}

// Big returns a copy of x as a *decimal.Big.
func (x Decimal) Big() *decimal.Big {
	z := newBig()
	return z.Copy(x.big())
}

func (x Decimal) check(z *decimal.Big, op string, ys ...Decimal) Decimal {
	if !z.IsFinite() {
		err := ErrInvalid
		if z.IsInf(0) {
			err = ErrOverflow
		}
		panicDecimal(op, err, append([]Decimal{x}, ys...)...)
	}
	return Decimal{z}
}

// Add returns x+y rounded to 34 digits.
func (x Decimal) Add(y Decimal) Decimal {
	return x.check(decimalContext.Add(newBig(), x.big(), y.big()), "add", y)
}

// Sub returns x-y rounded to 34 digits.
func (x Decimal) Sub(y Decimal) Decimal {
	return x.check(decimalContext.Sub(newBig(), x.big(), y.big()), "sub", y)
}

// Mul returns x*y rounded to 34 digits.
func (x Decimal) Mul(y Decimal) Decimal {
	return x.check(decimalContext.Mul(newBig(), x.big(), y.big()), "mul", y)
}

// MulInt returns x*k rounded to 34 digits (exact for money-sized x).
func (x Decimal) MulInt(k int64) Decimal { return x.Mul(Decimal{}.FromInt64(k)) }

// DivInt returns x/k rounded half-even to 34 digits; it panics if k is
// zero.
func (x Decimal) DivInt(k int64) Decimal { return x.Div(Decimal{}.FromInt64(k)) }

// Div returns x/y rounded half-even to 34 digits; it panics if y is zero.
//
// The quotient is computed with big.Int, not with the library's Quo, which
// in the version served here does not always round correctly (1/3 gives
// ...3334).
func (x Decimal) Div(y Decimal) Decimal {
	if y.IsZero() {
		panicDecimal("div", ErrDivisionByZero, x, y)
	}
	if x.IsZero() {
		return Decimal{}
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	// Scale the dividend so that the integer quotient has at least 36
	// digits: x/y = (cx*10^k / cy) * 10^-(sx-sy+k).
	k := 2*(DecimalPrecision+2) + len(cy.String()) - len(cx.String())
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
	return x.check(decimalContext.Round(z), "div", y)
}

// MulRound returns x*y rounded once to decimals places with mode.
func (x Decimal) MulRound(y Decimal, decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "mulround", x, y)
	cx, sx := x.parts()
	cy, sy := y.parts()
	cx.Mul(cx, cy)
	return x.check(roundBig(cx, sx+sy, decimals, mode), "mulround", y)
}

// DivRound returns x/y rounded once to decimals places with mode; it
// panics if y is zero.
func (x Decimal) DivRound(y Decimal, decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "divround", x, y)
	if y.IsZero() {
		panicDecimal("divround", ErrDivisionByZero, x, y)
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
	return x.check(newBig().SetBigMantScale(q, decimals), "divround", y)
}

// Quantize returns x rounded to decimals places with mode.
func (x Decimal) Quantize(decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "quantize", x)
	c, s := x.parts()
	if s <= decimals {
		return x
	}
	return x.check(roundBig(c, s, decimals, mode), "quantize")
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
	c, s := x.parts()
	// Make the scale even and the coefficient long enough that its integer
	// square root has at least 36 digits.
	if s%2 != 0 {
		c.Mul(c, big.NewInt(10))
		s++
	}
	if n := len(c.String()); n < 2*(DecimalPrecision+2) {
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
	return x.check(decimalContext.Round(z), "sqrt")
}

// Neg returns -x.
func (x Decimal) Neg() Decimal {
	if x.IsZero() {
		return Decimal{}
	}
	return Decimal{newBig().Neg(x.big())}
}

// Abs returns |x|.
func (x Decimal) Abs() Decimal {
	if x.Sign() >= 0 {
		return x
	}
	return x.Neg()
}

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x Decimal) Cmp(y Decimal) int { return x.big().Cmp(y.big()) }

// Sign returns -1, 0 or +1 by the sign of x.
func (x Decimal) Sign() int { return x.big().Sign() }

// IsZero reports whether x is zero.
func (x Decimal) IsZero() bool { return x.big().Sign() == 0 }

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

// Float64 returns the float64 nearest to x.
func (x Decimal) Float64() float64 {
	f, err := strconv.ParseFloat(x.String(), 64)
	if err != nil && !math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

// FromInt64 returns i as a Decimal.
func (Decimal) FromInt64(i int64) Decimal {
	if i == 0 {
		return Decimal{}
	}
	return Decimal{newBig().SetMantScale(i, 0)}
}

// parts returns the coefficient and scale of x: x = c * 10^-s. The
// coefficient is a fresh big.Int the caller may modify.
func (x Decimal) parts() (*big.Int, int) {
	b := x.big()
	t := new(decimal.Big).Copy(b)
	t.SetScale(0)
	return t.Int(new(big.Int)), b.Scale()
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

func pow10Big(n int) *big.Int {
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
