package ledger

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// testMulDiv compares mulDiv with math/big.Rat on random operands and on
// ties, for an exact backend.
func testMulDiv[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	text := func(max int64) string {
		s := fmt.Sprintf("%d.%08d", rng.Int64N(max), rng.Int64N(1e8))
		if rng.IntN(2) == 0 {
			s = "-" + s
		}
		return s
	}
	cases := [][3]string{
		{"2.00000001", "1", "2"},  // 1.000000005: tie, rounds to even 1.00000000
		{"2.00000003", "1", "2"},  // 1.000000015: tie, rounds to even 1.00000002
		{"-2.00000001", "1", "2"}, // symmetric
		{"3.00000001", "1", "3"},  // 1.0000000033 -> 1
		{"92233720368", "1", "1"}, // large, exact
		{"1", "0.00000001", "3"},  // 3.3e-9 -> 0
		{"1", "0.00000002", "3"},  // 6.7e-9 -> 0.00000001
	}
	for range 5000 {
		cases = append(cases, [3]string{text(1e9), text(1e4), text(1e4)})
	}
	for _, c := range cases {
		x, y, z := numeric.MustParse[N](c[0]), numeric.MustParse[N](c[1]), numeric.MustParse[N](c[2])
		if z.IsZero() {
			continue
		}
		want := new(big.Rat).Mul(rat(x), rat(y))
		want.Quo(want, rat(z))
		w := roundRat8(want)
		if numeric.Backend[N]() == "fixed" && new(big.Rat).Abs(want).Cmp(big.NewRat(9e10, 1)) > 0 {
			continue // beyond Fixed's range: see TestMulDivPanics
		}
		if got := mulDiv(x, y, z); got.Cmp(numeric.MustParse[N](w)) != 0 {
			t.Fatalf("mulDiv(%s, %s, %s) = %s, want %s", c[0], c[1], c[2], got, w)
		}
	}
}

func TestMulDiv(t *testing.T) {
	t.Run("backend=fixed", func(t *testing.T) {
		// Keep the random operands within Fixed's range.
		testMulDivFixedRange(t)
	})
	t.Run("backend=decimal", testMulDiv[numeric.Decimal])
	t.Run("backend=float", func(t *testing.T) {
		// 3*1/7 = 0.428571428571... -> 0.42857143
		got := mulDiv(numeric.Float(3), 1, 7)
		if got != 0.42857143 {
			t.Errorf("mulDiv float = %v", got)
		}
	})
}

func testMulDivFixedRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		// |x*y/z| <= |x| when |y| <= |z|, as in a partial close.
		x := numeric.FixedFromRaw(rng.Int64() >> rng.IntN(40))
		z := numeric.FixedFromRaw(1 + rng.Int64N(1e12))
		y := numeric.FixedFromRaw(rng.Int64N(z.Raw() + 1))
		if rng.IntN(2) == 0 {
			y = y.Neg()
		}
		want := new(big.Rat).Mul(rat(x), rat(y))
		want.Quo(want, rat(z))
		w := roundRat8(want)
		if got := mulDiv(x, y, z); got.Cmp(numeric.MustParse[numeric.Fixed](w)) != 0 {
			t.Fatalf("mulDiv(%s, %s, %s) = %s, want %s", x, y, z, got, w)
		}
		// Decimal computes the same digits from the same text.
		xd, yd, zd := numeric.MustParse[numeric.Decimal](x.String()), numeric.MustParse[numeric.Decimal](y.String()), numeric.MustParse[numeric.Decimal](z.String())
		if got := mulDiv(xd, yd, zd); got.String() != numeric.MustParse[numeric.Fixed](w).String() {
			t.Fatalf("decimal mulDiv(%s, %s, %s) = %s, want %s", x, y, z, got, w)
		}
	}
	testMulDiv[numeric.Fixed](t)
}

func TestMulDivPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		err  error
	}{
		{"fixed overflow", func() { mulDiv(numeric.MaxFixed, numeric.Int[numeric.Fixed](2), numeric.Int[numeric.Fixed](1)) }, numeric.ErrOverflow},
		{"fixed by zero", func() { mulDiv(numeric.Int[numeric.Fixed](2), 2, 0) }, numeric.ErrDivisionByZero},
		{"decimal by zero", func() { mulDiv(numeric.Int[numeric.Decimal](2), numeric.Int[numeric.Decimal](2), numeric.Decimal{}) }, numeric.ErrDivisionByZero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				e, ok := numeric.Recover(recover())
				if !ok || !errors.Is(e, tt.err) || e.Op != "muldiv" {
					t.Errorf("recovered %v, want a muldiv %v", e, tt.err)
				}
			}()
			tt.f()
		})
	}
}
