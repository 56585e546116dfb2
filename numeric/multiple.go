package numeric

import (
	"math"
	"math/big"
	"math/bits"
	"strings"
)

// TruncTo returns x rounded toward zero to a whole multiple of step
// (the sign of step is ignored), exactly: the raw remainder is dropped.
// It panics if step is zero.
func (x Fixed) TruncTo(step Fixed) Fixed {
	if step == 0 {
		panicFixed("truncto", ErrDivisionByZero, x, step)
	}
	return x - x%step // Go defines MinFixed % -1 as 0
}

// IsMultiple reports whether x is a whole multiple of step, exactly. It
// panics if step is zero.
func (x Fixed) IsMultiple(step Fixed) bool {
	if step == 0 {
		panicFixed("ismultiple", ErrDivisionByZero, x, step)
	}
	return x%step == 0
}

// TruncTo returns x rounded toward zero to a whole multiple of step, in
// float64: a quotient x/step within 1e-9 (relative) of a whole number is
// taken as that number (so that 0.3 is 3 steps of 0.1, not 2), and the
// product is rounded (half-even) to the decimals step prints with (at
// most 18). It panics if step is zero.
func (x Float) TruncTo(step Float) Float {
	if step == 0 {
		panicFloat("truncto", ErrDivisionByZero, x, step)
	}
	k := float64(x) / float64(step)
	if r := math.Round(k); math.Abs(k-r) <= 1e-9*math.Max(1, math.Abs(k)) {
		k = r
	}
	v := Float(math.Trunc(k) * float64(step))
	if s := float64(step); s == math.Trunc(s) {
		// A whole step (a lot of 1 share) prints without decimals:
		// nothing to round, and no need to format it to see so.
		return v
	}
	if _, frac, ok := strings.Cut(step.String(), "."); ok && len(frac) <= 18 {
		v = v.Quantize(len(frac), HalfEven)
	}
	return v
}

// IsMultiple reports whether x is within 1e-9 (relative to x) of a whole
// multiple of step. It panics if step is zero.
func (x Float) IsMultiple(step Float) bool {
	if step == 0 {
		panicFloat("ismultiple", ErrDivisionByZero, x, step)
	}
	l, f := float64(step), float64(x)
	d := math.Round(f/l)*l - f
	return math.Abs(d) <= 1e-9*math.Abs(f)
}

// TruncTo returns x rounded toward zero to a whole multiple of step,
// exactly, with every digit kept: on the coefficients at the larger of
// the two scales (64-bit integers for inline values that fit, math/big
// otherwise). It panics if step is zero.
func (x Decimal) TruncTo(step Decimal) Decimal {
	if step.IsZero() {
		panicDecimal("truncto", ErrDivisionByZero, x, step)
	}
	if x.b == nil && step.b == nil {
		if cq, cl, s, ok := inlineAlign(x.coef(), x.scale(), step.coef(), step.scale()); ok {
			if c, ok := signed(umag(cq-cq%cl), cq < 0); ok {
				return inline(c, s)
			}
		}
	}
	q, l, s := alignedParts(x, step)
	q.Quo(q, l) // truncated toward zero
	q.Mul(q, l)
	return x.fromBig(newBig().SetBigMantScale(q, s), "truncto", step)
}

// IsMultiple reports whether x is a whole multiple of step, exactly. It
// panics if step is zero.
func (x Decimal) IsMultiple(step Decimal) bool {
	if step.IsZero() {
		panicDecimal("ismultiple", ErrDivisionByZero, x, step)
	}
	if x.b == nil && step.b == nil {
		if cq, cl, _, ok := inlineAlign(x.coef(), x.scale(), step.coef(), step.scale()); ok {
			return cq%cl == 0
		}
	}
	q, l, _ := alignedParts(x, step)
	return q.Rem(q, l).Sign() == 0
}

// inlineAlign returns the inline coefficients cx and cy at the larger of
// their scales, s, and whether both fit an int64 there.
func inlineAlign(cx int64, sx int, cy int64, sy int) (ax, ay int64, s int, ok bool) {
	s = max(sx, sy)
	ax, okx := mulPow10(cx, s-sx)
	ay, oky := mulPow10(cy, s-sy)
	return ax, ay, s, okx && oky
}

// mulPow10 returns c*10^k (k >= 0) and whether it fits an int64.
func mulPow10(c int64, k int) (int64, bool) {
	if k == 0 || c == 0 {
		return c, true
	}
	if k > 18 {
		return 0, false
	}
	hi, lo := bits.Mul64(umag(c), pow10u[k])
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

// alignedParts returns the coefficients of x and y at their common scale
// s, the larger of theirs: x = cx * 10^-s, y = cy * 10^-s.
func alignedParts(x, y Decimal) (cx, cy *big.Int, s int) {
	cx, sx := x.parts()
	cy, sy := y.parts()
	s = max(sx, sy)
	if sx < s {
		cx.Mul(cx, pow10Big(s-sx))
	}
	if sy < s {
		cy.Mul(cy, pow10Big(s-sy))
	}
	return cx, cy, s
}
