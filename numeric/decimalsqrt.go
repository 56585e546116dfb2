package numeric

import (
	"math"
	"math/bits"
)

// This file computes the 34-digit square root of an inline value whose
// root is not exact with 64-, 128- and 256-bit integers: Zimmermann's
// Karatsuba square root (Paul Zimmermann, "Karatsuba Square Root", INRIA
// RR-3805, 1999) on four 64-bit limbs, with no allocation but the
// result's.

// sqrt34 returns the square root of c * 10^-s (c > 0, below 2^55) rounded
// half-even to 34 significant digits as q * 10^-k with
// 10^33 <= q < 10^34 (q = hi<<64 | lo), and ok; ok is false in the rare
// case the 256-bit root steps out of its fast path (the caller then
// computes the root with math/big). The root must not be exact (inlineSqrt
// has tried that): an irrational root is never at a rounding midpoint.
func sqrt34(c int64, s int) (hi, lo uint64, k int, ok bool) {
	u := uint64(c)
	if s%2 != 0 {
		u *= 10 // below 2^59
		s++
	}
	// C = u * 10^(2m) has 69 or 70 digits, so that its root has 35.
	m := (69 - digits10(u) + 1) / 2
	var n [4]uint64 // C, least significant limb first
	n[0] = u
	for e := 2 * m; e > 0; {
		d := min(e, 19)
		mulLimbs(&n, pow10u[d])
		e -= d
	}
	// Normalize: shift left by an even 2t so that the top limb is at
	// least 2^62; the root of the shifted number, shifted right by t, is
	// the root of C.
	t := bits.LeadingZeros64(n[3]) / 2
	shlLimbs(&n, uint(2*t))
	rhi, rlo, ok := sqrtRem256(n)
	if !ok {
		return 0, 0, 0, false
	}
	rlo = rlo>>uint(t) | rhi<<uint(64-t) // rhi<<64 is 0 when t == 0
	rhi >>= uint(t)
	// The root has 35 digits; drop the last, rounding up from 5 (the
	// root is irrational: no ties).
	var d uint64
	hi, lo, d = div128by10(rhi, rlo)
	k = m + s/2 - 1
	if d >= 5 {
		var carry uint64
		lo, carry = bits.Add64(lo, 1, 0)
		hi += carry
		if hi == pow34Hi && lo == pow34Lo {
			hi, lo = pow33Hi, pow33Lo
			k--
		}
	}
	return hi, lo, k, true
}

// mulLimbs sets n to n*p; the product must fit 256 bits.
func mulLimbs(n *[4]uint64, p uint64) {
	var carry uint64
	for i := range n {
		h, l := bits.Mul64(n[i], p)
		var c uint64
		n[i], c = bits.Add64(l, carry, 0)
		carry = h + c
	}
}

// shlLimbs shifts n left by sh < 64 bits; the result must fit 256 bits.
func shlLimbs(n *[4]uint64, sh uint) {
	if sh == 0 {
		return
	}
	for i := len(n) - 1; i > 0; i-- {
		n[i] = n[i]<<sh | n[i-1]>>(64-sh)
	}
	n[0] <<= sh
}

// sqrtRem128 returns s = floor(sqrt(hi<<64 | lo)) and the remainder
// r = N - s^2 (0 <= r <= 2s, so r may need 65 bits: rhi is its top bit),
// for hi >= 2^62.
func sqrtRem128(hi, lo uint64) (s, rhi, rlo uint64) {
	// A float64 estimate, then one Newton step from above, then exact
	// correction by the 128-bit square.
	f := math.Sqrt(float64(hi)*0x1p64 + float64(lo))
	s = math.MaxUint64
	if f < 0x1p64 {
		s = uint64(f)
	}
	if s <= hi { // sqrt(N) > hi: start above it, so that N/s fits 64 bits
		s = max(hi+1, hi) // hi+1 wraps to 0 for hi = 2^64-1, whose root is 2^64-1
	}
	if s > hi {
		q, _ := bits.Div64(hi, lo, s)
		sum, carry := bits.Add64(s, q, 0)
		s = sum>>1 | carry<<63
	}
	for {
		h, l := bits.Mul64(s, s)
		if cmp128(h, l, hi, lo) <= 0 {
			break
		}
		s--
	}
	for s != math.MaxUint64 {
		h, l := bits.Mul64(s+1, s+1)
		if cmp128(h, l, hi, lo) > 0 {
			break
		}
		s++
	}
	h, l := bits.Mul64(s, s)
	var b uint64
	rlo, b = bits.Sub64(lo, l, 0)
	rhi, _ = bits.Sub64(hi, h, b)
	return s, rhi, rlo
}

// sqrtRem256 returns floor(sqrt(N)) (hi, lo) for N = n[3..0] with
// n[3] >= 2^62, by one step of the Karatsuba square root:
//
//	(s', r') = SqrtRem(n3*B + n2)
//	(q, u)   = DivRem(r'*B + n1, 2s')
//	s = s'*B + q;  r = u*B + n0 - q^2;  if r < 0 { s-- }
//
// with B = 2^64. It reports false when q would be B (r' = 2s').
func sqrtRem256(n [4]uint64) (hi, lo uint64, ok bool) {
	sp, rphi, rplo := sqrtRem128(n[3], n[2])
	// r'*B + n1 = 2*(r'*B/2 + n1/2) + (n1&1), divided by 2s' as
	// (r'*B/2 + n1/2) by s' (s' >= 2^63): the same quotient.
	numHi := rphi<<63 | rplo>>1 // r' < 2^65
	numLo := rplo<<63 | n[1]>>1
	if numHi >= sp {
		return 0, 0, false
	}
	q, rh := bits.Div64(numHi, numLo, sp)
	// u = 2*rh + (n1&1) < 2s', up to 65 bits.
	uhi := rh >> 63
	ulo := rh<<1 | n[1]&1
	// r = u*B + n0 - q^2 < 0 exactly when u*B + n0 < q^2, which needs
	// u < B (uhi == 0).
	qh, ql := bits.Mul64(q, q)
	if uhi == 0 && cmp128(ulo, n[0], qh, ql) < 0 {
		var b uint64
		q, b = bits.Sub64(q, 1, 0)
		sp -= b
	}
	return sp, q, true
}
