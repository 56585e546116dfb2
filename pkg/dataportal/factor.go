package dataportal

import (
	"math/big"
	"math/bits"
)

// factor is an exact positive rational factor of an adjustment: num/den
// in lowest terms while both fit an int64 (the factors of splits, and
// their products, nearly always), math/big beyond (big then holds it).
// mul replaces a factor's value, with a new big.Rat when in math/big: it
// never changes the big.Rat it held, so factors may share one.
type factor struct {
	num, den int64
	big      *big.Rat
}

// one is the factor 1.
func one() factor { return factor{num: 1, den: 1} }

// ratio returns the factor num/den (both positive), reduced.
func ratio(num, den int64) factor {
	g := gcd(num, den)
	return factor{num: num / g, den: den / g}
}

// fromRat returns the factor r (positive).
func fromRat(r *big.Rat) factor {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return factor{num: r.Num().Int64(), den: r.Denom().Int64()} // a Rat is in lowest terms
	}
	return factor{big: new(big.Rat).Set(r)}
}

func (f factor) isOne() bool { return f.big == nil && f.num == f.den }

// rat returns the factor as a new big.Rat.
func (f factor) rat() *big.Rat {
	if f.big != nil {
		return new(big.Rat).Set(f.big)
	}
	return big.NewRat(f.num, f.den)
}

// mul multiplies f by g, exactly: in int64 (cross-reduced first) when the
// product fits, in math/big otherwise.
func (f *factor) mul(g factor) {
	if f.big == nil && g.big == nil {
		a, b := gcd(f.num, g.den), gcd(g.num, f.den)
		n1, d2, n2, d1 := f.num/a, g.den/a, g.num/b, f.den/b
		if n, ok := mul64(n1, n2); ok {
			if d, ok := mul64(d1, d2); ok {
				f.num, f.den = n, d
				return
			}
		}
	}
	r := f.rat()
	r.Mul(r, g.rat())
	*f = fromRat(r)
}

// mul64 returns a*b for positive a, b, and whether it fits an int64.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > 1<<63-1 {
		return 0, false
	}
	return int64(lo), true
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
