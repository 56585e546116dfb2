package execution

import (
	"math/bits"

	"github.com/pennybt/penny/numeric"
)

// impactDecimals is the number of decimals the impact price is rounded to.
const impactDecimals = 8

// impactWide is impactExact without math/big: the exact value
// price*(1 ± k*(total/volume)^2) rounded once half-even to 8 decimals,
// computed with 64- and 128-bit integers from the operands' coefficients
// (numeric.Number.Unscaled), as integer units of 10^-8. ok is false when
// an operand's coefficient does not fit an int64 or an intermediate does
// not fit its width; the caller then computes with math/big, which gives
// the same result.
//
// With x = cx * 10^-sx for each operand and e = 2sv - sk - 2st:
//
//	price (1 ± f) 10^8 = cp (fd ± fn) 10^(8-sp) / fd,
//	fn = ck ct^2 10^max(e,0),  fd = cv^2 10^max(-e,0)
//
// and the division by fd (times 10^(sp-8) when sp > 8) must have a
// 64-bit divisor.
func impactWide[N numeric.Number[N]](price, k, total, volume N, buy bool) (units int64, ok bool) {
	cp, sp, okp := price.Unscaled()
	ck, sk, okk := k.Unscaled()
	ct, st, okt := total.Unscaled()
	cv, sv, okv := volume.Unscaled()
	if !okp || !okk || !okt || !okv || cv == 0 {
		return 0, false
	}
	// fn and fd, 128-bit magnitudes.
	fn, ok := mul128(u128{lo: mag(ct)}, mag(ct))
	if !ok {
		return 0, false
	}
	if fn, ok = mul128(fn, mag(ck)); !ok {
		return 0, false
	}
	fd, _ := mul128(u128{lo: mag(cv)}, mag(cv)) // below 2^126
	e := 2*sv - sk - 2*st
	if e > 0 {
		fn, ok = mulPow10(fn, e)
	} else if e < 0 {
		fd, ok = mulPow10(fd, -e)
	}
	if !ok {
		return 0, false
	}
	// num = fd ± fn, signed: f is added for a buy with k >= 0.
	var num u128
	numNeg := false
	if buy == (ck >= 0) {
		var carry uint64
		num.lo, carry = bits.Add64(fd.lo, fn.lo, 0)
		num.hi, carry = bits.Add64(fd.hi, fn.hi, carry)
		if carry != 0 {
			return 0, false
		}
	} else if fd.less(fn) {
		num, numNeg = fn.sub(fd), true
	} else {
		num = fd.sub(fn)
	}
	// price (1 ± f) 10^8 = cp num 10^(8-sp) / (cv^2 10^max(-e,0)): the
	// numerator n and the divisor div, the powers of ten cancelled.
	n, ok := mul128(num, mag(cp))
	if !ok {
		return 0, false
	}
	div, _ := mul128(u128{lo: mag(cv)}, mag(cv))
	if x := impactDecimals - sp - max(-e, 0); x > 0 {
		n, ok = mulPow10(n, x)
	} else if x < 0 {
		div, ok = mulPow10(div, -x)
	}
	if !ok {
		return 0, false
	}
	q, r, ok := div128(n, div)
	if !ok || q >= 1<<62 {
		return 0, false
	}
	// Half-even: up when the remainder is above half the divisor, or
	// exactly half and the quotient odd.
	if h := div.sub(r); h.less(r) || (h == r && q&1 == 1) {
		q++
	}
	if (cp < 0) != numNeg {
		return -int64(q), true
	}
	return int64(q), true
}

// u128 is an unsigned 128-bit integer.
type u128 struct{ hi, lo uint64 }

// mul128 returns a*b and whether it fits 128 bits.
func mul128(a u128, b uint64) (u128, bool) {
	hh, hl := bits.Mul64(a.hi, b)
	lh, ll := bits.Mul64(a.lo, b)
	hi, carry := bits.Add64(hl, lh, 0)
	return u128{hi, ll}, hh == 0 && carry == 0
}

// div128 returns n/d (d != 0) and its remainder, when the quotient fits
// 64 bits (ok false otherwise).
func div128(n, d u128) (q uint64, r u128, ok bool) {
	if d.hi == 0 {
		if n.hi >= d.lo {
			return 0, r, false
		}
		q, rem := bits.Div64(n.hi, n.lo, d.lo)
		return q, u128{lo: rem}, true
	}
	// A divisor of more than 64 bits: the quotient is below 2^64.
	// Estimate it from the divisor's top 64 bits, normalized, and the
	// numerator halved (Hacker's Delight, divlu2), then correct by one.
	s := uint(bits.LeadingZeros64(d.hi))
	d1 := d.hi<<s | d.lo>>(64-s)
	if s == 0 {
		d1 = d.hi
	}
	q1, _ := bits.Div64(n.hi>>1, n.hi<<63|n.lo>>1, d1)
	q = q1 >> (63 - s)
	if q != 0 {
		q--
	}
	qd, _ := mul128(d, q) // at most n
	r = n.sub(qd)
	if !r.less(d) {
		q++
		r = r.sub(d)
	}
	return q, r, true
}

// mulPow10 returns a*10^e (e > 0) and whether it fits 128 bits.
func mulPow10(a u128, e int) (u128, bool) {
	for ; e > 19; e -= 19 {
		var ok bool
		if a, ok = mul128(a, pow10u64[19]); !ok {
			return a, false
		}
	}
	return mul128(a, pow10u64[e])
}

func (a u128) less(b u128) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

// sub returns a-b (a >= b).
func (a u128) sub(b u128) u128 {
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, borrow)
	return u128{hi, lo}
}

// mag returns |c| as an unsigned integer (math.MinInt64 included).
func mag(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

// pow10u64 holds 10^0..10^19.
var pow10u64 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()
