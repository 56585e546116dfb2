package numeric

// This file holds the test oracle of Decimal: the Big-only implementation
// that Decimal had before its inline form, kept verbatim (renamed) so that
// every operation of Decimal can be checked against it digit for digit.
// Every oracleDecimal result is a *decimal.Big under the same 34-digit,
// half-even context; nothing here is used by the package itself.

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/ericlagergren/decimal"
)

// oracleDecimal is the former Decimal: the arbitrary-precision reference backend, on
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
// An oracleDecimal is an immutable value holding a pointer to a Big that
// no method mutates; the zero value is 0. Every arithmetic result
// allocates a new Big.
type oracleDecimal struct{ b *decimal.Big }

// oracleContext is the context of every oracleDecimal operation.
var oracleContext = decimal.Context{
	Precision:     34,
	RoundingMode:  decimal.ToNearestEven,
	OperatingMode: decimal.GDA,
	MaxScale:      decimal.Context128.MaxScale,
	MinScale:      decimal.Context128.MinScale,
}

var oracleZeroBig decimal.Big

func (x oracleDecimal) big() *decimal.Big {
	if x.b == nil {
		return &oracleZeroBig
	}
	return x.b
}

func oracleNewBig() *decimal.Big {
	z := new(decimal.Big)
	z.Context = oracleContext
	return z
}

func (x oracleDecimal) check(z *decimal.Big, op string, ys ...oracleDecimal) oracleDecimal {
	if !z.IsFinite() {
		err := ErrInvalid
		if z.IsInf(0) {
			err = ErrOverflow
		}
		oraclePanic(op, err, append([]oracleDecimal{x}, ys...)...)
	}
	return oracleDecimal{z}
}

// Add returns x+y rounded to 34 digits.
func (x oracleDecimal) Add(y oracleDecimal) oracleDecimal {
	return x.check(oracleContext.Add(oracleNewBig(), x.big(), y.big()), "add", y)
}

// Sub returns x-y rounded to 34 digits.
func (x oracleDecimal) Sub(y oracleDecimal) oracleDecimal {
	return x.check(oracleContext.Sub(oracleNewBig(), x.big(), y.big()), "sub", y)
}

// Mul returns x*y rounded to 34 digits.
func (x oracleDecimal) Mul(y oracleDecimal) oracleDecimal {
	return x.check(oracleContext.Mul(oracleNewBig(), x.big(), y.big()), "mul", y)
}

// MulInt returns x*k rounded to 34 digits (exact for money-sized x).
func (x oracleDecimal) MulInt(k int64) oracleDecimal { return x.Mul(oracleDecimal{}.FromInt64(k)) }

// DivInt returns x/k rounded half-even to 34 digits; it panics if k is
// zero.
func (x oracleDecimal) DivInt(k int64) oracleDecimal { return x.Div(oracleDecimal{}.FromInt64(k)) }

// Div returns x/y rounded half-even to 34 digits; it panics if y is zero.
//
// The quotient is computed with big.Int, not with the library's Quo, which
// in the version served here does not always round correctly (1/3 gives
// ...3334).
func (x oracleDecimal) Div(y oracleDecimal) oracleDecimal {
	if y.IsZero() {
		oraclePanic("div", ErrDivisionByZero, x, y)
	}
	if x.IsZero() {
		return oracleDecimal{}
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	// Scale the dividend so that the integer quotient has at least 36
	// digits: x/y = (cx*10^k / cy) * 10^-(sx-sy+k).
	k := 2*(DecimalPrecision+2) + len(cy.String()) - len(cx.String())
	k = max(k, 0)
	cx.Mul(cx, oraclePow10(k))
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
	z := oracleNewBig().SetBigMantScale(q, sx-sy+k+1)
	return x.check(oracleContext.Round(z), "div", y)
}

// MulRound returns x*y rounded once to decimals places with mode.
func (x oracleDecimal) MulRound(y oracleDecimal, decimals int, mode RoundingMode) oracleDecimal {
	oracleCheckDecimals(decimals, "mulround", x, y)
	cx, sx := x.parts()
	cy, sy := y.parts()
	cx.Mul(cx, cy)
	return x.check(oracleRoundBig(cx, sx+sy, decimals, mode), "mulround", y)
}

// DivRound returns x/y rounded once to decimals places with mode; it
// panics if y is zero.
func (x oracleDecimal) DivRound(y oracleDecimal, decimals int, mode RoundingMode) oracleDecimal {
	oracleCheckDecimals(decimals, "divround", x, y)
	if y.IsZero() {
		oraclePanic("divround", ErrDivisionByZero, x, y)
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	// x/y = cx/cy * 10^(sy-sx); scaled to decimals: cx*10^(sy-sx+decimals)/cy.
	if e := sy - sx + decimals; e >= 0 {
		cx.Mul(cx, oraclePow10(e))
	} else {
		cy.Mul(cy, oraclePow10(-e))
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
	return x.check(oracleNewBig().SetBigMantScale(q, decimals), "divround", y)
}

// Quantize returns x rounded to decimals places with mode.
func (x oracleDecimal) Quantize(decimals int, mode RoundingMode) oracleDecimal {
	oracleCheckDecimals(decimals, "quantize", x)
	c, s := x.parts()
	if s <= decimals {
		return x
	}
	return x.check(oracleRoundBig(c, s, decimals, mode), "quantize")
}

// Sqrt returns the square root of x rounded half-even to 34 significant
// digits; it panics if x is negative.
func (x oracleDecimal) Sqrt() oracleDecimal {
	switch x.Sign() {
	case -1:
		oraclePanic("sqrt", ErrInvalid, x)
	case 0:
		return oracleDecimal{}
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
		c.Mul(c, oraclePow10(2*k))
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
	z := oracleNewBig().SetBigMantScale(r, s/2+1)
	return x.check(oracleContext.Round(z), "sqrt")
}

// Neg returns -x.
func (x oracleDecimal) Neg() oracleDecimal {
	if x.IsZero() {
		return oracleDecimal{}
	}
	return oracleDecimal{oracleNewBig().Neg(x.big())}
}

// Abs returns |x|.
func (x oracleDecimal) Abs() oracleDecimal {
	if x.Sign() >= 0 {
		return x
	}
	return x.Neg()
}

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x oracleDecimal) Cmp(y oracleDecimal) int { return x.big().Cmp(y.big()) }

// Sign returns -1, 0 or +1 by the sign of x.
func (x oracleDecimal) Sign() int { return x.big().Sign() }

// IsZero reports whether x is zero.
func (x oracleDecimal) IsZero() bool { return x.big().Sign() == 0 }

// Min returns the smaller of x and y.
func (x oracleDecimal) Min(y oracleDecimal) oracleDecimal {
	if y.Cmp(x) < 0 {
		return y
	}
	return x
}

// Max returns the larger of x and y.
func (x oracleDecimal) Max(y oracleDecimal) oracleDecimal {
	if y.Cmp(x) > 0 {
		return y
	}
	return x
}

// Float64 returns the float64 nearest to x.
func (x oracleDecimal) Float64() float64 {
	f, err := strconv.ParseFloat(x.String(), 64)
	if err != nil && !math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

// FromInt64 returns i as an oracleDecimal.
func (oracleDecimal) FromInt64(i int64) oracleDecimal {
	if i == 0 {
		return oracleDecimal{}
	}
	return oracleDecimal{oracleNewBig().SetMantScale(i, 0)}
}

// parts returns the coefficient and scale of x: x = c * 10^-s. The
// coefficient is a fresh big.Int the caller may modify.
func (x oracleDecimal) parts() (*big.Int, int) {
	b := x.big()
	t := new(decimal.Big).Copy(b)
	t.SetScale(0)
	return t.Int(new(big.Int)), b.Scale()
}

// oracleRoundBig returns c * 10^-s rounded to d decimals with mode (s > d).
func oracleRoundBig(c *big.Int, s, d int, mode RoundingMode) *decimal.Big {
	if s <= d {
		return oracleNewBig().SetBigMantScale(c, s)
	}
	div := oraclePow10(s - d)
	neg := c.Sign() < 0
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(c), div, new(big.Int))
	r.Lsh(r, 1)
	if mode.roundUp(q.Bit(0) == 1, r.Cmp(div), r.Sign() != 0, neg) {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return oracleNewBig().SetBigMantScale(q, d)
}

func oraclePow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

func oracleCheckDecimals(d int, op string, xs ...oracleDecimal) {
	if d < 0 || d > 18 {
		oraclePanic(op, ErrInvalid, xs...)
	}
}

func oraclePanic(op string, err error, xs ...oracleDecimal) {
	ops := make([]string, len(xs))
	for i, x := range xs {
		ops[i] = x.String()
	}
	panic(&ArithmeticError{Backend: decimalName, Op: op, Operands: ops, Err: err})
}

// String returns x in canonical form: plain decimal, no exponent, no
// trailing fractional zeros ("1.5", "-0.00000001", "100", "0").
func (x oracleDecimal) String() string {
	if x.IsZero() {
		return "0"
	}
	c, s := x.parts()
	neg := c.Sign() < 0
	digits := new(big.Int).Abs(c).String()
	// Trim trailing zeros of the fraction.
	for s > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		s--
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case s <= 0:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", -s))
	case s >= len(digits):
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", s-len(digits)))
		b.WriteString(digits)
	default:
		b.WriteString(digits[:len(digits)-s])
		b.WriteByte('.')
		b.WriteString(digits[len(digits)-s:])
	}
	return b.String()
}

// Parse reads decimal text exactly, keeping every digit (see [Parse]).
func (oracleDecimal) Parse(s string) (oracleDecimal, error) {
	t, ok := scanDecimal(s)
	if !ok {
		return oracleDecimal{}, parseError(decimalName, s, ErrSyntax)
	}
	lo, hi, pow := t.trimmed()
	if lo == hi {
		return oracleDecimal{}, nil
	}
	if pow > maxDecimalExp || pow+(hi-lo) < -maxDecimalExp {
		return oracleDecimal{}, parseError(decimalName, s, ErrOverflow)
	}
	buf := make([]byte, 0, hi-lo+1)
	if t.neg {
		buf = append(buf, '-')
	}
	for i := lo; i < hi; i++ {
		buf = append(buf, '0'+t.digit(i))
	}
	c, _ := new(big.Int).SetString(string(buf), 10)
	return oracleDecimal{oracleNewBig().SetBigMantScale(c, -pow)}, nil
}
