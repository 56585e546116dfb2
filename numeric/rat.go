package numeric

import (
	"math"
	"math/big"
)

// FromRat returns the exact rational r rounded once to decimals places
// (0..18) with mode, as an N: the way to bring a value computed exactly
// with math/big back into a backend.
//
//   - Fixed rounds to min(decimals, 8) places; a result beyond its range
//     is an error (ErrOverflow).
//   - Decimal keeps every digit of the rounded value.
//   - Float returns the float64 nearest to the rounded value (the value
//     Parse gives for its text); beyond float64's range is ErrOverflow.
//
// The error is a *ParseError whose input is r written as a fraction. It
// panics if decimals is out of range.
func FromRat[N Number[N]](r *big.Rat, decimals int, mode RoundingMode) (N, error) {
	var z N
	return z.FromRat(r, decimals, mode)
}

// TextRat returns the exact value of the decimal x prints (String) as a
// new big.Rat, or nil if x is not finite. For Fixed and Decimal it is x's
// value, as [Number.Rat] gives it; for Float it is the shortest decimal
// that reads back as x (0.1 is 1/10), not x's binary value: the value
// code that treats every backend as decimal reads, as [Number.Unscaled]
// does.
func TextRat[N Number[N]](x N) *big.Rat {
	if u, s, ok := x.Unscaled(); ok {
		return new(big.Rat).SetFrac(big.NewInt(u), pow10Big(s))
	}
	if x.Rat() == nil {
		return nil
	}
	r, _ := new(big.Rat).SetString(x.String())
	return r
}

// Rat returns x as a new big.Rat, exactly.
func (x Fixed) Rat() *big.Rat { return big.NewRat(int64(x), FixedScale) }

// Rat returns the exact binary value of x as a new big.Rat (0.1 is
// 3602879701896397/36028797018963968), or nil if x is NaN or infinite.
func (x Float) Rat() *big.Rat { return new(big.Rat).SetFloat64(float64(x)) }

// Rat returns x as a new big.Rat, exactly.
func (x Decimal) Rat() *big.Rat {
	c, s := x.parts()
	if s <= 0 {
		return new(big.Rat).SetInt(c.Mul(c, pow10Big(-s)))
	}
	return new(big.Rat).SetFrac(c, pow10Big(s))
}

// FromRat returns r rounded once to min(decimals, 8) places with mode;
// see [FromRat].
func (Fixed) FromRat(r *big.Rat, decimals int, mode RoundingMode) (Fixed, error) {
	if decimals < 0 || decimals > 18 {
		panicFixed("fromrat", ErrInvalid)
	}
	d := min(decimals, FixedDecimals)
	q := roundRat(r, d, mode)
	// raw = q * 10^(8-d), which must fit an int64.
	q.Mul(q, big.NewInt(int64(pow10u[FixedDecimals-d])))
	if !q.IsInt64() {
		return 0, parseError(fixedName, r.RatString(), ErrOverflow)
	}
	return Fixed(q.Int64()), nil
}

// FromRat returns the float64 nearest to r rounded once to decimals
// places with mode; see [FromRat].
func (Float) FromRat(r *big.Rat, decimals int, mode RoundingMode) (Float, error) {
	if decimals < 0 || decimals > 18 {
		panicFloat("fromrat", ErrInvalid)
	}
	q := roundRat(r, decimals, mode)
	f, _ := new(big.Rat).SetFrac(q, pow10Big(decimals)).Float64()
	if math.IsInf(f, 0) {
		return 0, parseError(floatName, r.RatString(), ErrOverflow)
	}
	return Float(f), nil
}

// FromRat returns r rounded once to decimals places with mode, every
// digit kept; see [FromRat].
func (Decimal) FromRat(r *big.Rat, decimals int, mode RoundingMode) (Decimal, error) {
	if decimals < 0 || decimals > 18 {
		panicDecimal("fromrat", ErrInvalid)
	}
	return Decimal{}.fromBig(newBig().SetBigMantScale(roundRat(r, decimals, mode), decimals), "fromrat"), nil
}

// roundRat returns r*10^d rounded to a whole number with mode.
func roundRat(r *big.Rat, d int, mode RoundingMode) *big.Int {
	num := new(big.Int).Mul(r.Num(), pow10Big(d))
	den := r.Denom() // positive
	q, m := num.QuoRem(num, den, new(big.Int))
	neg := r.Sign() < 0
	m.Abs(m)
	m.Lsh(m, 1)
	odd := q.Bit(0) == 1
	if mode.roundUp(odd, m.Cmp(den), m.Sign() != 0, neg) {
		if neg {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}
