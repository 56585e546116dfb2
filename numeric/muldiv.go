package numeric

import (
	"math/big"
	"math/bits"

	"github.com/ericlagergren/decimal"
)

// MulDiv returns x*y/z rounded once to decimals places (0..18) with mode:
// the exact 128-bit product x*y divided by z, with no intermediate
// rounding. With decimals >= 8 it rounds to 8 decimals by mode. It panics
// if z is zero, if decimals is out of range, or if the result overflows.
func (x Fixed) MulDiv(y, z Fixed, decimals int, mode RoundingMode) Fixed {
	checkDecimals(decimals, "muldiv", x, y, z)
	uz := mag(z)
	if uz == 0 {
		panicFixed("muldiv", ErrDivisionByZero, x, y, z)
	}
	// (x/1e8)(y/1e8)/(z/1e8) has the raw value x*y/z.
	hi, lo := bits.Mul64(mag(x), mag(y))
	if hi >= uz { // the quotient needs more than 64 bits
		panicFixed("muldiv", ErrOverflow, x, y, z)
	}
	q, r := bits.Div64(hi, lo, uz)
	neg := (x ^ y ^ z) < 0
	if decimals >= FixedDecimals {
		if mode.roundUp(q&1 == 1, cmpHalf(r, uz), r != 0, neg) {
			q++
		}
		return rescale(q, FixedDecimals, neg, "muldiv", x, y, z)
	}
	// The exact quotient in raw units is q + r/uz; in units of 10^-d it
	// is Q + (R + r/uz)/m with m = 10^(8-d), Q = q/m, R = q%m. As m is
	// even and R whole, the fraction is below a half when 2R < m, a half
	// when 2R == m and r == 0, and above otherwise.
	m := pow10u[FixedDecimals-decimals]
	qd, rd := q/m, q%m
	half := 1
	switch t := 2 * rd; {
	case t < m:
		half = -1
	case t == m && r == 0:
		half = 0
	}
	if mode.roundUp(qd&1 == 1, half, rd != 0 || r != 0, neg) {
		qd++
	}
	return rescale(qd, decimals, neg, "muldiv", x, y, z)
}

// MulDiv returns x*y/z evaluated in float64 (the product, then the
// quotient, each rounded to the nearest double), then rounded to decimals
// places with mode by [Float.Quantize]. It panics if z is zero.
func (x Float) MulDiv(y, z Float, decimals int, mode RoundingMode) Float {
	if z == 0 || decimals < 0 || decimals > 18 {
		err := ErrDivisionByZero
		if z != 0 {
			err = ErrInvalid
		}
		panicFloat("muldiv", err, x, y, z)
	}
	return (x * y / z).Quantize(decimals, mode)
}

// MulDiv returns x*y/z computed exactly and rounded once to decimals
// places (0..18) with mode; the result keeps every digit (no 34-digit
// rounding). Inline operands use 128-bit integers when the scaled
// product and the quotient fit, math/big otherwise. It panics if z is
// zero or decimals is out of range.
func (x Decimal) MulDiv(y, z Decimal, decimals int, mode RoundingMode) Decimal {
	checkDecimalDecimals(decimals, "muldiv", x, y, z)
	if z.IsZero() {
		panicDecimal("muldiv", ErrDivisionByZero, x, y, z)
	}
	if x.b == nil && y.b == nil && z.b == nil {
		if c, ok := inlineMulDiv(x.coef(), y.coef(), z.coef(), z.scale()-x.scale()-y.scale()+decimals, mode); ok {
			return inline(c, decimals)
		}
	}
	cx, sx := x.parts()
	cy, sy := y.parts()
	cz, sz := z.parts()
	// x*y/z = cx*cy/cz * 10^(sz-sx-sy); scaled to decimals places:
	// cx*cy*10^(sz-sx-sy+decimals) / cz.
	cx.Mul(cx, cy)
	if e := sz - sx - sy + decimals; e >= 0 {
		cx.Mul(cx, pow10Big(e))
	} else {
		cz.Mul(cz, pow10Big(-e))
	}
	return x.fromBig(quoRound(cx, cz, decimals, mode), "muldiv", y, z)
}

// inlineMulDiv returns cx*cy*10^e / cz rounded to a whole number by mode,
// if the scaled product fits 128 bits, the divisor 64, and the result an
// inline coefficient (cz != 0).
func inlineMulDiv(cx, cy, cz int64, e int, mode RoundingMode) (int64, bool) {
	hi, lo := bits.Mul64(umag(cx), umag(cy)) // below 2^110
	den := umag(cz)
	switch {
	case e > 19 || e < -19:
		return 0, false
	case e > 0:
		p := pow10u[e]
		h1, l1 := bits.Mul64(lo, p)
		h2, l2 := bits.Mul64(hi, p)
		var c uint64
		hi, c = bits.Add64(h1, l2, 0)
		if h2 != 0 || c != 0 {
			return 0, false
		}
		lo = l1
	case e < 0:
		dh, dl := bits.Mul64(den, pow10u[-e])
		if dh != 0 {
			return 0, false
		}
		den = dl
	}
	if hi >= den {
		return 0, false // the quotient needs more than 64 bits
	}
	q, r := bits.Div64(hi, lo, den)
	neg := (cx^cy^cz) < 0 && cx != 0 && cy != 0
	if mode.roundUp(q&1 == 1, cmpHalf(r, den), r != 0, neg) {
		q++
	}
	return signed(q, neg)
}

// quoRound returns num/den rounded to a whole number with mode, as the
// Decimal coefficient of a value with the given scale. den must not be
// zero; num and den may be modified.
func quoRound(num, den *big.Int, scale int, mode RoundingMode) *decimal.Big {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	neg := num.Sign()*den.Sign() < 0
	r.Abs(r)
	r.Lsh(r, 1)
	q.Abs(q)
	if mode.roundUp(q.Bit(0) == 1, r.CmpAbs(den), r.Sign() != 0, neg) {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return newBig().SetBigMantScale(q, scale)
}
