package execution

import (
	"math"
	"math/big"

	"github.com/pennybt/penny/numeric"
)

// impactPrice returns price*(1 ± k*(total/volume)^2), + for a buy and -
// for a sell, rounded once to 8 decimals half-even from the exact value.
// The value is first estimated in float64; numeric.RoundEstimate rounds
// the estimate when the rounding is certain (Fixed, most of the time) or
// is the backend's arithmetic (Float), and otherwise the value is
// computed exactly (Decimal, and Fixed near a half unit): with 128-bit
// integers when the operands' coefficients allow, which allocates
// nothing, else with math/big.
// It panics with a *numeric.ArithmeticError if the result does not fit N.
//
//penny:specialize
func impactPrice[N numeric.Number[N]](price, k, total, volume N, buy bool) N {
	est, tol := impactEstimate(price, k, total, volume, buy)
	if v, ok := numeric.RoundEstimate[N](est, tol, 8, numeric.HalfEven); ok {
		return v
	}
	return impactExact(price, k, total, volume, buy)
}

// impactEstimate returns the float64 estimate of the impact price and its
// relative error bound. Each operand's conversion and each operation
// rounds once (2^-53 relative); about ten such roundings, with the error
// of f = k*share^2 magnified by |f|/|1 ± f| in 1 ± f, give a relative
// error below 1.2e-15*(1+|f|)/|1 ± f|: the bound returned is 1e-14 times
// that factor (infinite when 1 ± f is zero, so that the price is then
// computed exactly).
//
//penny:specialize
func impactEstimate[N numeric.Number[N]](price, k, total, volume N, buy bool) (est, tol float64) {
	share := total.Float64() / volume.Float64()
	f := k.Float64() * share * share
	if !buy {
		f = -f
	}
	return price.Float64() * (1 + f), 1e-14 * (1 + math.Abs(f)) / math.Abs(1+f)
}

// impactExact is impactPrice computed exactly: with 64- and 128-bit
// integers (impactWide) when they hold the operands, else the rational
// from impactRat rounded once by numeric.FromRat.
func impactExact[N numeric.Number[N]](price, k, total, volume N, buy bool) N {
	var v N
	var err error
	if u, ok := impactWide(price, k, total, volume, buy); ok {
		var dst [1]N
		src := [1]int64{u}
		_, err = numeric.FromUnscaled(dst[:], src[:], impactDecimals)
		v = dst[0]
	} else {
		v, err = numeric.FromRat[N](impactRat(price, k, total, volume, buy), impactDecimals, numeric.HalfEven)
	}
	if err != nil {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "volume_share",
			Operands: []string{price.String(), k.String(), total.String(), volume.String()}, Err: numeric.ErrOverflow})
	}
	return v
}

// impactRat returns price*(1 ± k*(total/volume)^2) exactly. With each
// operand x = cx * 10^-sx (numeric.Number.Unscaled):
//
//	f = k t^2 / v^2 = ck ct^2 10^(2sv-sk-2st) / cv^2 = fn / fd
//	price (1 ± f) = cp (fd ± fn) / (fd 10^sp)
//
// in big integers; an operand whose coefficient does not fit an int64
// takes its exact value from numeric.Number.Rat instead. (Float never
// gets here: its estimate is its result.)
func impactRat[N numeric.Number[N]](price, k, total, volume N, buy bool) *big.Rat {
	cp, sp, okp := price.Unscaled()
	ck, sk, okk := k.Unscaled()
	ct, st, okt := total.Unscaled()
	cv, sv, okv := volume.Unscaled()
	if !okp || !okk || !okt || !okv {
		share := new(big.Rat).Quo(total.Rat(), volume.Rat())
		f := share.Mul(share, share)
		f.Mul(f, k.Rat())
		if !buy {
			f.Neg(f)
		}
		f.Add(f, big.NewRat(1, 1))
		return f.Mul(f, price.Rat())
	}
	fn := big.NewInt(ct)
	fn.Mul(fn, fn)
	fn.Mul(fn, big.NewInt(ck))
	fd := big.NewInt(cv)
	fd.Mul(fd, fd)
	switch e := 2*sv - sk - 2*st; {
	case e > 0:
		fn.Mul(fn, pow10(e))
	case e < 0:
		fd.Mul(fd, pow10(-e))
	}
	if buy {
		fn.Add(fd, fn)
	} else {
		fn.Sub(fd, fn)
	}
	fn.Mul(fn, big.NewInt(cp))
	fd.Mul(fd, pow10(sp))
	return new(big.Rat).SetFrac(fn, fd)
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
