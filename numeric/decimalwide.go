package numeric

import (
	"math/big"
	"math/bits"

	"github.com/ericlagergren/decimal"
)

// This file computes the 34-digit results of inline operands that are
// not inline themselves (a quotient that does not terminate, such as 1/3)
// with 128-bit integers, and holds them in a Big made with one
// allocation.

// 10^33 and 10^34 as 128-bit integers (hi, lo).
const (
	pow33Hi, pow33Lo = 54210108624275, 4089650035136921600
	pow34Hi, pow34Lo = 542101086242752, 4003012203950112768
)

// digits10 returns the number of decimal digits of u > 0.
func digits10(u uint64) int {
	n := (bits.Len64(u)*1233)>>12 + 1 // 1233/4096 ~ log10(2): n is right or one too many
	if u < pow10u[n-1] {
		n--
	}
	return n
}

// div34 returns a/b (0 < a, b < 2^55) rounded half-even to 34 significant
// digits, as q * 10^-k with 10^33 <= q < 10^34 (q = hi<<64 | lo).
func div34(a, b uint64) (hi, lo uint64, k int) {
	// The integer quotient a*10^k/b lies in (10^33, 10^35) for this k
	// (between 18 and 50); its digits come 19 at a time by long division.
	k = 34 + digits10(b) - digits10(a)
	lo, r := a/b, a%b
	for n := k; n > 0; {
		m := min(n, 19)
		p := pow10u[m]
		h, l := bits.Mul64(r, p)
		var chunk uint64
		chunk, r = bits.Div64(h, l, b) // h < b, as r < b
		hi, lo = mul128(hi, lo, p)
		var c uint64
		lo, c = bits.Add64(lo, chunk, 0)
		hi += c
		n -= m
	}
	var up bool
	if cmp128(hi, lo, pow34Hi, pow34Lo) >= 0 {
		// 35 digits: drop the last one; it and the remainder decide.
		var d uint64
		hi, lo, d = div128by10(hi, lo)
		k--
		up = d > 5 || (d == 5 && (r != 0 || lo&1 == 1))
	} else {
		half := cmpHalf(r, b)
		up = half > 0 || (half == 0 && lo&1 == 1)
	}
	if up {
		var c uint64
		lo, c = bits.Add64(lo, 1, 0)
		hi += c
		if hi == pow34Hi && lo == pow34Lo {
			hi, lo = pow33Hi, pow33Lo
			k--
		}
	}
	return hi, lo, k
}

// mul128 returns (hi, lo) * p, which the caller knows fits 128 bits.
func mul128(hi, lo, p uint64) (uint64, uint64) {
	h, l := bits.Mul64(lo, p)
	return hi*p + h, l
}

// div128by10 returns (hi, lo) / 10 and the remainder.
func div128by10(hi, lo uint64) (qhi, qlo, r uint64) {
	qhi, r = hi/10, hi%10
	qlo, r = bits.Div64(r, lo, 10)
	return qhi, qlo, r
}

// bigWords is a Big and the words of its coefficient, allocated together.
type bigWords struct {
	z decimal.Big
	w [128 / bits.UintSize]big.Word
}

// newBig128 returns the Big (-1 if neg) * (hi<<64 | lo) * 10^-scale with
// one allocation: its coefficient's words live beside it.
func newBig128(hi, lo uint64, neg bool, scale int) *decimal.Big {
	t := new(bigWords)
	z := &t.z
	z.Context = decimalContext
	if bits.UintSize == 64 {
		t.w[0], t.w[1] = big.Word(lo), big.Word(hi)
	} else {
		v := [4]uint64{lo & 0xffffffff, lo >> 32, hi & 0xffffffff, hi >> 32}
		for i := range t.w {
			t.w[i] = big.Word(v[i])
		}
	}
	_, u := decimal.Raw(z)
	u.SetBits(t.w[:])
	if neg {
		u.Neg(u)
	}
	// The Big takes u as its own coefficient: Abs of itself copies nothing.
	return z.SetBigMantScale(u, scale)
}
