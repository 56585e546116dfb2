package numeric

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestFixedMulCmpAgainstRat checks Fixed.MulCmp against big.Rat on values
// across the whole range (products up to 2^126, of every sign), on equal
// products written differently, and at the extremes.
func TestFixedMulCmpAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	check := func(x, y, z, w Fixed) {
		t.Helper()
		want := new(big.Rat).Mul(fixedRat(x), fixedRat(y)).Cmp(new(big.Rat).Mul(fixedRat(z), fixedRat(w)))
		if got := x.MulCmp(y, z, w); got != want {
			t.Fatalf("MulCmp(%v, %v, %v, %v) = %d, want %d", x, y, z, w, got, want)
		}
	}
	for range 100000 {
		x, y, z, w := randFixed(rng), randFixed(rng), randFixed(rng), randFixed(rng)
		check(x, y, z, w)
		check(x, y, y, x) // equal products
		check(x, y, -x, -y)
		check(x, y, x, y+1)
		if k := rng.Int64N(7) + 1; x%Fixed(k) == 0 && y <= MaxFixed/Fixed(k) && y >= MinFixed/Fixed(k) {
			check(x, y, x/Fixed(k), y*Fixed(k)) // equal, split differently
		}
	}
	ext := []Fixed{MinFixed, MinFixed + 1, -1, 0, 1, MaxFixed - 1, MaxFixed}
	for _, x := range ext {
		for _, y := range ext {
			for _, z := range ext {
				for _, w := range ext {
					check(x, y, z, w)
				}
			}
		}
	}
}

// TestDecimalMulCmpAgainstRat checks Decimal.MulCmp against big.Rat in
// both forms (inline operands with inline products, products that leave
// the inline form, big operands beyond 34 digits).
func TestDecimalMulCmpAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	for range 20000 {
		var v [4]Decimal
		for i := range v {
			s := randDecimalWide(rng)
			if rng.IntN(2) == 0 {
				s = randDecimalText(rng)
			}
			d, err := Parse[Decimal](s)
			for err != nil { // beyond Decimal's exponent range
				d, err = Parse[Decimal](randDecimalText(rng))
			}
			v[i] = d
		}
		if rng.IntN(4) == 0 {
			v[2], v[3] = v[1], v[0] // equal products
		}
		x, y, z, w := v[0], v[1], v[2], v[3]
		want := new(big.Rat).Mul(decimalRat(x), decimalRat(y)).Cmp(new(big.Rat).Mul(decimalRat(z), decimalRat(w)))
		if got := x.MulCmp(y, z, w); got != want {
			t.Fatalf("MulCmp(%v, %v, %v, %v) = %d, want %d", x, y, z, w, got, want)
		}
	}
}

// TestFloatMulCmpIsMulThenCmp checks that Float.MulCmp compares the
// products as Mul rounds them.
func TestFloatMulCmpIsMulThenCmp(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 29))
	for range 20000 {
		x, y := Float(rng.NormFloat64()*1e3), Float(rng.NormFloat64())
		z, w := Float(rng.NormFloat64()*1e3), Float(rng.NormFloat64())
		if rng.IntN(3) == 0 {
			z, w = y, x
		}
		if got, want := x.MulCmp(y, z, w), x.Mul(y).Cmp(z.Mul(w)); got != want {
			t.Fatalf("MulCmp(%v, %v, %v, %v) = %d, want %d", x, y, z, w, got, want)
		}
	}
	if got := Float(math.Inf(1)).MulCmp(1, 1, 1); got != 1 {
		t.Fatalf("MulCmp(+Inf, 1, 1, 1) = %d", got)
	}
}
