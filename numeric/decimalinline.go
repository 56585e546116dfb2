package numeric

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/ericlagergren/decimal"
)

// The inline form of Decimal: a coefficient c with -2^55 <= c < 2^55 and a
// scale s with -128 <= s <= 127, packed into one int64 as c<<8 | uint8(s),
// for the value c * 10^-s. The zero word is 0 at scale 0: Decimal's zero
// value. These functions compute exact results on coefficients and scales
// with 64- and 128-bit integers and report whether the result fits the
// inline form; when it does not, the caller takes the big form's path,
// which gives the same value.

const (
	decimalMaxCoef = 1<<55 - 1
	decimalMinCoef = -1 << 55
	// decimalInflated is the library's marker of a coefficient held in
	// its big.Int (decimal/internal/c.Inflated).
	decimalInflated = math.MaxUint64
)

// inline returns the inline Decimal c * 10^-s; the caller has checked that
// c and s fit.
func inline(c int64, s int) Decimal { return Decimal{w: c<<8 | int64(uint8(s))} }

// coef returns the coefficient of an inline x.
func (x Decimal) coef() int64 { return x.w >> 8 }

// scale returns the scale of an inline x.
func (x Decimal) scale() int { return int(int8(x.w)) }

// umag returns |c| as an unsigned integer, branch-free.
func umag(c int64) uint64 {
	m := c >> 63
	return uint64((c ^ m) - m)
}

// signed returns the inline coefficient of magnitude u with the sign neg,
// and whether it fits.
func signed(u uint64, neg bool) (int64, bool) {
	if u > decimalMaxCoef {
		return 0, false
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}

func scaleFits(s int) bool { return s == int(int8(s)) }

// inlineFromBig returns the finite z in the inline form if its value has
// one: a coefficient that fits, once stripped of trailing zeros if it does
// not as it is, and a scale that fits. A zero whose scale does not fit is
// Decimal's zero value.
func inlineFromBig(z *decimal.Big) (Decimal, bool) {
	s := z.Scale()
	cp, u := decimal.Raw(z)
	m := *cp
	if m == decimalInflated {
		if !u.IsUint64() {
			// Only a coefficient whose trailing zeros leave at most 19
			// digits can fit: 2^k divides it if 10^k does.
			k := z.Precision() - 19
			if k <= 0 || u.TrailingZeroBits() < uint(k) {
				return Decimal{}, false
			}
			q, r := new(big.Int).QuoRem(u, pow10Big(k), new(big.Int))
			if r.Sign() != 0 || !q.IsUint64() {
				return Decimal{}, false
			}
			m, s = q.Uint64(), s-k
		} else {
			m = u.Uint64()
		}
	}
	if m == 0 {
		if !scaleFits(s) {
			s = 0
		}
		return inline(0, s), true
	}
	for m > decimalMaxCoef && m%10 == 0 {
		m /= 10
		s--
	}
	c, ok := signed(m, z.Signbit())
	if !ok || !scaleFits(s) {
		return Decimal{}, false
	}
	return inline(c, s), true
}

// scaleLimit[d] is the largest magnitude whose product by 10^d is below
// 2^56.
var scaleLimit = func() (l [17]uint64) {
	for d := range l {
		l[d] = (1<<56 - 1) / pow10u[d]
	}
	return l
}()

// scaleUp returns c*10^d (d >= 0) if its magnitude is below 2^56: the
// sum of two such values does not overflow int64.
func scaleUp(c int64, d int) (int64, bool) {
	if c == 0 {
		return 0, true
	}
	if d >= len(scaleLimit) || umag(c) > scaleLimit[d] {
		return 0, false
	}
	return c * int64(pow10u[d]), true
}

// inlineMul returns a*b if it fits an inline coefficient.
func inlineMul(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(umag(a), umag(b))
	if hi != 0 {
		return 0, false
	}
	return signed(lo, (a^b) < 0)
}

// sign64 returns -1, 0 or +1 by the sign of c.
func sign64(c int64) int { return int(c>>63) | int(uint64(-c)>>63) }

// inlineRound returns c*10^-k rounded to an integer by mode (k >= 1).
func inlineRound(c int64, k int, mode RoundingMode) int64 {
	a := umag(c)
	var q, r uint64
	half := -1 // a < 2^55 < 10^19/2 when k > 19
	if k <= 19 {
		p := pow10u[k]
		q, r = a/p, a%p
		half = cmpHalf(r, p)
	} else {
		r = a
	}
	if mode.roundUp(q&1 == 1, half, r != 0, c < 0) {
		q++
	}
	if c < 0 {
		return -int64(q)
	}
	return int64(q)
}

// inlineMulRound returns (cx*10^-sx)*(cy*10^-sy) rounded to d decimals by
// mode, as Decimal.MulRound does: at the product's scale when that is at
// most d, else at d.
func inlineMulRound(cx int64, sx int, cy int64, sy int, d int, mode RoundingMode) (int64, int, bool) {
	hi, lo := bits.Mul64(umag(cx), umag(cy))
	neg := (cx^cy) < 0 && (hi|lo) != 0
	s := sx + sy
	if s <= d {
		if hi != 0 || !scaleFits(s) {
			return 0, 0, false
		}
		c, ok := signed(lo, neg)
		return c, s, ok
	}
	k := s - d
	if k > 19 {
		return 0, 0, false
	}
	p := pow10u[k]
	if hi >= p {
		return 0, 0, false
	}
	q, r := bits.Div64(hi, lo, p)
	if mode.roundUp(q&1 == 1, cmpHalf(r, p), r != 0, neg) {
		q++
	}
	c, ok := signed(q, neg)
	return c, d, ok
}

// inlineDivRound returns (cx*10^-sx)/(cy*10^-sy) (cy != 0) rounded to d
// decimals by mode, as the coefficient at scale d.
func inlineDivRound(cx int64, sx int, cy int64, sy int, d int, mode RoundingMode) (int64, bool) {
	a, b := umag(cx), umag(cy)
	neg := cx != 0 && (cx^cy) < 0
	// x/y * 10^d = a*10^e / b.
	var q, r uint64
	half := -1
	if e := sy - sx + d; e >= 0 {
		if e > 19 {
			if a != 0 {
				return 0, false
			}
		} else {
			hi, lo := bits.Mul64(a, pow10u[e])
			if hi >= b {
				return 0, false
			}
			q, r = bits.Div64(hi, lo, b)
			half = cmpHalf(r, b)
		}
	} else {
		// a / (b*10^-e): a divisor beyond 64 bits exceeds 2a.
		r = a
		if -e <= 19 {
			if hi, lo := bits.Mul64(b, pow10u[-e]); hi == 0 {
				q, r = a/lo, a%lo
				half = cmpHalf(r, lo)
			}
		}
	}
	if mode.roundUp(q&1 == 1, half, r != 0, neg) {
		q++
	}
	return signed(q, neg)
}

// inlineDiv returns (cx*10^-sx)/(cy*10^-sy) (cx, cy != 0) when the
// quotient is exact with at most 18 more decimals than sx-sy and fits the
// inline form, at the smallest such scale from sx-sy on.
func inlineDiv(cx int64, sx int, cy int64, sy int) (int64, int, bool) {
	a, b := umag(cx), umag(cy)
	s := sx - sy
	q, r := a/b, a%b
	if r != 0 {
		// The next 18 decimals: r*10^18/b < 10^18, so hi < b.
		hi, lo := bits.Mul64(r, 1e18)
		f, r2 := bits.Div64(hi, lo, b)
		if r2 != 0 {
			return 0, 0, false
		}
		f, z := trimZeros(f) // f != 0, as r != 0: z <= 17
		k := 18 - z
		hi, lo = bits.Mul64(q, pow10u[k])
		var carry uint64
		q, carry = bits.Add64(lo, f, 0)
		if hi|carry != 0 {
			return 0, 0, false
		}
		s += k
	}
	c, ok := signed(q, (cx^cy) < 0)
	if !ok || !scaleFits(s) {
		return 0, 0, false
	}
	return c, s, true
}

// trimZeros returns u > 0 without its trailing decimal zeros, and their
// number, in five tests rather than one per zero.
func trimZeros(u uint64) (uint64, int) {
	z := 0
	if u%1e16 == 0 {
		u /= 1e16
		z += 16
	}
	if u%1e8 == 0 {
		u /= 1e8
		z += 8
	}
	if u%1e4 == 0 {
		u /= 1e4
		z += 4
	}
	if u%100 == 0 {
		u /= 100
		z += 2
	}
	if u%10 == 0 {
		u /= 10
		z++
	}
	return u, z
}

// inlineSqrt returns the square root of c*10^-s (c > 0) when it is exact:
// a whole root of the coefficient, once the scale is made even.
func inlineSqrt(c int64, s int) (int64, int, bool) {
	u := uint64(c)
	if s%2 != 0 {
		u *= 10 // c < 2^55: no overflow
		s++
	}
	r := uint64(math.Sqrt(float64(u)))
	for r*r > u {
		r--
	}
	for (r+1)*(r+1) <= u {
		r++
	}
	if r*r != u {
		return 0, 0, false
	}
	return int64(r), s / 2, true
}
