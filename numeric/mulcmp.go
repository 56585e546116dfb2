package numeric

import (
	"math/big"
	"math/bits"
)

// MulCmp returns the sign of x*y - z*w: -1, 0 or +1 as the product x*y is
// less than, equal to or greater than z*w. The products are exact: two
// 128-bit products, never rounded to 8 decimals as Mul would, and never
// out of range, so MulCmp neither rounds nor panics. It compares ratios
// without dividing (a/b < c/d is a*d < c*b for positive b and d).
func (x Fixed) MulCmp(y, z, w Fixed) int {
	h1, l1 := mulSigned(x, y)
	h2, l2 := mulSigned(z, w)
	// The 128-bit difference: both products are within 2^126 in
	// magnitude, so the high words are within 2^62 and their difference
	// fits. Its sign is that of the high word, or +1 if it is 0 and the
	// low word is not.
	l, borrow := bits.Sub64(l1, l2, 0)
	h := h1 - h2 - int64(borrow)
	return int(h>>63) | int(b2u(h|int64(l) != 0))
}

// mulSigned returns the signed 128-bit product of the raw values of x and
// y as its high word (signed) and low word: the unsigned product's high
// word less y if x < 0 and less x if y < 0 (two's complement).
func mulSigned(x, y Fixed) (int64, uint64) {
	hi, lo := bits.Mul64(uint64(x), uint64(y))
	return int64(hi) - (int64(x)>>63)&int64(y) - (int64(y)>>63)&int64(x), lo
}

// MulCmp returns the sign of x*y - z*w, comparing the float64 products
// (each rounded once, as Mul rounds them): the same as
// x.Mul(y).Cmp(z.Mul(w)).
func (x Float) MulCmp(y, z, w Float) int { return (x * y).Cmp(z * w) }

// MulCmp returns the sign of x*y - z*w, exactly: the products are not
// rounded to 34 digits. Inline values whose products are inline (whole
// coefficients below 2^55) are compared with integers; others with
// big.Rat.
func (x Decimal) MulCmp(y, z, w Decimal) int {
	if x.b == nil && y.b == nil && z.b == nil && w.b == nil {
		if p, ok := inlineProduct(x, y); ok {
			if q, ok := inlineProduct(z, w); ok {
				return p.Cmp(q)
			}
		}
	}
	p := new(big.Rat).Mul(x.Rat(), y.Rat())
	return p.Cmp(new(big.Rat).Mul(z.Rat(), w.Rat()))
}

// inlineProduct returns the exact product of inline x and y in the inline
// form, if it has one there.
func inlineProduct(x, y Decimal) (Decimal, bool) {
	cx, cy := x.coef(), y.coef()
	hi, lo := bits.Mul64(umag(cx), umag(cy))
	s := x.scale() + y.scale()
	if hi != 0 || !scaleFits(s) {
		return Decimal{}, false
	}
	c, ok := signed(lo, (cx^cy) < 0)
	if !ok {
		return Decimal{}, false
	}
	return inline(c, s), true
}
