package ledger

import (
	"math/big"
	"math/bits"

	"github.com/pennybt/penny/numeric"
)

// decimals is the number of decimals every amount of money the ledger
// derives by a product or a quotient is rounded to, half-even: the
// precision of Fixed, so that Fixed and Decimal agree digit for digit.
const decimals = 8

// round8 is the ledger's one rounding rule for a product: x*y rounded
// once to 8 decimals, half-even.
func round8[N numeric.Number[N]](x, y N) N { return x.MulRound(y, decimals, numeric.HalfEven) }

// mulDiv returns x*y/z computed exactly and rounded once to 8 decimals,
// half-even. It is the ledger's one rounding rule for a quotient. z must
// not be zero. Fixed uses 128-bit integers, Float float64 arithmetic,
// and every other backend (Decimal) exact rationals (math/big). It
// panics with a *numeric.ArithmeticError if the result overflows N.
func mulDiv[N numeric.Number[N]](x, y, z N) N {
	switch xv := any(x).(type) {
	case numeric.Fixed: // want
		return any(mulDivFixed(xv, any(y).(numeric.Fixed), any(z).(numeric.Fixed))).(N) // want
	case numeric.Float: // want
		v := xv * any(y).(numeric.Float) / any(z).(numeric.Float) // want
		return any(v.Quantize(decimals, numeric.HalfEven)).(N)
	}
	return mulDivRat(x, y, z)
}

// mulDivFixed computes x*y/z on the raw integers: (x/1e8)(y/1e8)/(z/1e8)
// has raw value x*y/z.
func mulDivFixed(x, y, z numeric.Fixed) numeric.Fixed {
	neg := (x.Sign() < 0) != (y.Sign() < 0) != (z.Sign() < 0)
	ux, uy, uz := magnitude(x.Raw()), magnitude(y.Raw()), magnitude(z.Raw())
	if uz == 0 {
		panic(&numeric.ArithmeticError{Backend: "fixed", Op: "muldiv", Operands: []string{x.String(), y.String(), z.String()}, Err: numeric.ErrDivisionByZero})
	}
	hi, lo := bits.Mul64(ux, uy)
	if hi >= uz {
		overflow("fixed", x, y, z)
	}
	q, r := bits.Div64(hi, lo, uz)
	// Half-even: round up if r > uz/2, or r == uz/2 and q is odd. r < uz
	// <= 2^63, so 2r does not overflow.
	if 2*r > uz || (2*r == uz && q&1 == 1) {
		q++
	}
	if q > 1<<63-1 {
		overflow("fixed", x, y, z)
	}
	v := int64(q)
	if neg {
		v = -v
	}
	return numeric.FixedFromRaw(v)
}

func magnitude(r int64) uint64 {
	if r < 0 {
		return uint64(-r) // -MinInt64 wraps to 2^63, the right magnitude
	}
	return uint64(r)
}

// mulDivRat computes x*y/z with exact rationals.
func mulDivRat[N numeric.Number[N]](x, y, z N) N {
	rz := rat(z)
	if rz.Sign() == 0 {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "muldiv", Operands: []string{x.String(), y.String(), z.String()}, Err: numeric.ErrDivisionByZero})
	}
	r := new(big.Rat).Mul(rat(x), rat(y))
	r.Quo(r, rz)
	v, err := numeric.Parse[N](roundRat8(r))
	if err != nil {
		overflow(numeric.Backend[N](), x, y, z)
	}
	return v
}

// rat returns x as an exact big.Rat, read from its canonical text.
func rat[N numeric.Number[N]](x N) *big.Rat {
	r, ok := new(big.Rat).SetString(x.String())
	if !ok {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "muldiv", Operands: []string{x.String()}, Err: numeric.ErrInvalid})
	}
	return r
}

// roundRat8 returns r rounded to 8 decimals, half-even, as decimal text
// with exactly 8 decimals ("-12.50000000").
func roundRat8(r *big.Rat) string {
	scaled := new(big.Rat).Mul(r, big.NewRat(100_000_000, 1))
	num, den := scaled.Num(), scaled.Denom()
	q, rem := new(big.Int).QuoRem(new(big.Int).Abs(num), den, new(big.Int))
	rem.Lsh(rem, 1)
	if c := rem.Cmp(den); c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(1))
	}
	s := q.String()
	for len(s) < 9 {
		s = "0" + s
	}
	s = s[:len(s)-8] + "." + s[len(s)-8:]
	if num.Sign() < 0 && q.Sign() != 0 {
		s = "-" + s
	}
	return s
}

func overflow[N numeric.Number[N]](backend string, xs ...N) {
	ops := make([]string, len(xs))
	for i, x := range xs {
		ops[i] = x.String()
	}
	panic(&numeric.ArithmeticError{Backend: backend, Op: "muldiv", Operands: ops, Err: numeric.ErrOverflow})
}
