package execution

import (
	"math"
	"math/big"
	"strings"

	"github.com/pennybt/penny/numeric"
)

// impactPrice returns price*(1 ± k*(total/volume)^2), + for a buy and -
// for a sell, rounded once to 8 decimals half-even from the exact value
// (big integers) in Fixed, Decimal and any other backend, and evaluated
// in float64 (then rounded the same way) in Float. It panics with a
// *numeric.ArithmeticError if the result does not fit N.
func impactPrice[N numeric.Number[N]](price, k, total, volume N, buy bool) N {
	if f, ok := any(price).(numeric.Float); ok { // want
		share := total.Float64() / volume.Float64()
		impact := k.Float64() * share * share
		if !buy {
			impact = -impact
		}
		v := numeric.Float(float64(f) * (1 + impact))
		return any(v.Quantize(8, numeric.HalfEven)).(N)
	}
	if fx, ok := any(price).(numeric.Fixed); ok { // want
		if r, ok := impactFixedFast(fx, k.Float64(), total.Float64(), volume.Float64(), buy); ok {
			return any(r).(N)
		}
	}
	return impactExact(price, k, total, volume, buy)
}

// impactExact is impactPrice computed with big integers.
func impactExact[N numeric.Number[N]](price, k, total, volume N, buy bool) N {
	// With x = cx * 10^-sx for each operand:
	//   f = k t^2 / v^2 = (ck ct^2 10^(2sv)) / (cv^2 10^(sk+2st)) = fn/fd
	//   price*(1 ± f) * 10^8 = cp (fd ± fn) 10^(8-sp) / fd
	cp, sp := coefficient(price)
	ck, sk := coefficient(k)
	ct, st := coefficient(total)
	cv, sv := coefficient(volume)
	fn := new(big.Int).Mul(ct, ct)
	fn.Mul(fn, ck)
	fd := new(big.Int).Mul(cv, cv)
	scale(fn, fd, 2*sv-sk-2*st)
	num := new(big.Int)
	if buy {
		num.Add(fd, fn)
	} else {
		num.Sub(fd, fn)
	}
	num.Mul(num, cp)
	scale(num, fd, 8-sp)
	r := quoHalfEven(num, fd)
	if _, ok := any(price).(numeric.Fixed); ok && r.IsInt64() { // want
		return any(numeric.FixedFromRaw(r.Int64())).(N)
	}
	v, err := numeric.Parse[N](decimalText(r, 8))
	if err != nil {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "volume_share",
			Operands: []string{price.String(), k.String(), total.String(), volume.String()}, Err: numeric.ErrOverflow})
	}
	return v
}

// coefficient returns c and s with x = c * 10^-s, exactly: from the raw
// integer for Fixed, from the canonical text otherwise.
func coefficient[N numeric.Number[N]](x N) (*big.Int, int) {
	if f, ok := any(x).(numeric.Fixed); ok { // want
		return big.NewInt(f.Raw()), numeric.FixedDecimals
	}
	s := x.String()
	whole, frac, _ := strings.Cut(s, ".")
	c, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "volume_share", Operands: []string{s}, Err: numeric.ErrInvalid})
	}
	return c, len(frac)
}

// scale multiplies num by 10^e if e > 0, else den by 10^-e.
func scale(num, den *big.Int, e int) {
	switch {
	case e > 0:
		num.Mul(num, pow10(e))
	case e < 0:
		den.Mul(den, pow10(-e))
	}
}

// pow10 returns 10^e; do not modify the result.
func pow10(e int) *big.Int {
	if e < len(powers) {
		return powers[e]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil)
}

// powers holds 10^0..10^39, read-only.
var powers = func() []*big.Int {
	p := make([]*big.Int, 40)
	p[0] = big.NewInt(1)
	for i := 1; i < len(p); i++ {
		p[i] = new(big.Int).Mul(p[i-1], big.NewInt(10))
	}
	return p
}()

// quoHalfEven returns num/den (den > 0) rounded to an integer, half-even.
func quoHalfEven(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int)) // truncated toward zero
	r.Abs(r).Lsh(r, 1)
	if c := r.Cmp(den); c > 0 || (c == 0 && q.Bit(0) == 1) {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// decimalText writes q * 10^-d as decimal text.
func decimalText(q *big.Int, d int) string {
	s := new(big.Int).Abs(q).String()
	if len(s) <= d {
		s = strings.Repeat("0", d-len(s)+1) + s
	}
	s = s[:len(s)-d] + "." + s[len(s)-d:]
	if q.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// impactFixedFast is impactPrice's fast path for Fixed: it evaluates the
// price in raw units (1e-8) in float64 and returns it rounded half-even
// when that rounding is certain, false otherwise (the caller then computes
// it exactly). The float64 value is within a relative 1e-14 of the exact
// one (a handful of correctly rounded operations on operands converted
// with one rounding each, about 1e-15), so unless it lies within that
// distance of a half unit, rounding it gives the exact result's rounding.
func impactFixedFast(price numeric.Fixed, k, total, volume float64, buy bool) (numeric.Fixed, bool) {
	share := total / volume
	f := k * share * share
	if !buy {
		f = -f
	}
	v := float64(price.Raw()) * (1 + f)
	bound := math.Abs(v)*1e-14 + 1e-9
	if bound >= 0.25 || v >= math.MaxInt64/2 || v <= 0 {
		return 0, false
	}
	fl := math.Floor(v)
	if d := v - fl - 0.5; d > -bound && d < bound {
		return 0, false // too close to a half unit to round from the estimate
	}
	return numeric.FixedFromRaw(int64(math.RoundToEven(v))), true
}
