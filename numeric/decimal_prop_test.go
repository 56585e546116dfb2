package numeric

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func catchDecimal(f func() Decimal) (v Decimal, aerr *ArithmeticError) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := Recover(r)
			if !ok {
				panic(r)
			}
			aerr = e
		}
	}()
	return f(), nil
}

// randDecimalText draws decimal text with up to 40 significant digits and
// a scale between -10 and 30.
func randDecimalText(rng *rand.Rand) string {
	n := 1 + rng.IntN(40)
	if rng.IntN(3) == 0 {
		n = 1 + rng.IntN(12) // money-sized
	}
	var b strings.Builder
	if rng.IntN(2) == 0 {
		b.WriteByte('-')
	}
	for i := range n {
		d := rng.IntN(10)
		if i == 0 && d == 0 {
			d = 1 + rng.IntN(9)
		}
		b.WriteByte(byte('0' + d))
	}
	b.WriteString("e")
	b.WriteString(itoa(int64(rng.IntN(41) - 30)))
	return b.String()
}

func decimalRat(x Decimal) *big.Rat { return ratOf(x.String()) }

func TestDecimalPropertyAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 5000
	if testing.Short() {
		n = 500
	}
	check := func(op string, x, y Decimal, got Decimal, aerr *ArithmeticError, want *big.Rat) {
		t.Helper()
		if aerr != nil {
			t.Fatalf("%s(%v, %v) panicked: %v", op, x, y, aerr)
		}
		if g := decimalRat(got); g.Cmp(want) != 0 {
			t.Fatalf("%s(%v, %v) = %v, want %s", op, x, y, got, want.FloatString(40))
		}
	}
	for range n {
		xs, ys := randDecimalText(rng), randDecimalText(rng)
		x, err := Decimal{}.Parse(xs)
		if err != nil {
			t.Fatal(err)
		}
		y, err := Decimal{}.Parse(ys)
		if err != nil {
			t.Fatal(err)
		}
		rx, ry := ratOf(xs), ratOf(ys)
		if decimalRat(x).Cmp(rx) != 0 {
			t.Fatalf("Parse(%s) = %v: not exact", xs, x)
		}
		if x.Cmp(y) != rx.Cmp(ry) {
			t.Fatalf("Cmp(%v, %v) = %d, want %d", x, y, x.Cmp(y), rx.Cmp(ry))
		}
		g, e := catchDecimal(func() Decimal { return x.Add(y) })
		check("add", x, y, g, e, refRoundSig(new(big.Rat).Add(rx, ry), 34))
		g, e = catchDecimal(func() Decimal { return x.Sub(y) })
		check("sub", x, y, g, e, refRoundSig(new(big.Rat).Sub(rx, ry), 34))
		g, e = catchDecimal(func() Decimal { return x.Mul(y) })
		check("mul", x, y, g, e, refRoundSig(new(big.Rat).Mul(rx, ry), 34))
		g, e = catchDecimal(func() Decimal { return x.Div(y) })
		check("div", x, y, g, e, refRoundSig(new(big.Rat).Quo(rx, ry), 34))
		mode := RoundingMode(rng.IntN(6))
		d := rng.IntN(19)
		g, e = catchDecimal(func() Decimal { return x.MulRound(y, d, mode) })
		check("mulround", x, y, g, e, refRound(new(big.Rat).Mul(rx, ry), d, mode))
		g, e = catchDecimal(func() Decimal { return x.DivRound(y, d, mode) })
		check("divround", x, y, g, e, refRound(new(big.Rat).Quo(rx, ry), d, mode))
		g, e = catchDecimal(func() Decimal { return x.Quantize(d, mode) })
		check("quantize", x, y, g, e, refRound(rx, d, mode))
		checkDecimalSqrt(t, x.Abs())
	}
}

// checkDecimalSqrt checks that r = Sqrt(x) is x's root rounded to 34
// significant digits: |r - sqrt(x)| <= ulp/2 where ulp is the unit in the
// 34th digit of r.
func checkDecimalSqrt(t *testing.T, x Decimal) {
	t.Helper()
	r := x.Sqrt()
	rr := decimalRat(r)
	rx := decimalRat(x)
	if rx.Sign() == 0 {
		if rr.Sign() != 0 {
			t.Fatalf("Sqrt(0) = %v", r)
		}
		return
	}
	c, s := r.parts()
	if digits := len(new(big.Int).Abs(c).String()); digits > 34 {
		t.Fatalf("Sqrt(%v) = %v has %d digits", x, r, digits)
	}
	// ulp of r at 34 significant digits.
	e := len(new(big.Int).Abs(c).String()) - s // r = 0.ddd * 10^e
	ulp := new(big.Rat).SetInt(pow10Int(0))
	if k := e - 34; k >= 0 {
		ulp.SetInt(pow10Int(k))
	} else {
		ulp.SetFrac(big.NewInt(1), pow10Int(-k))
	}
	half := new(big.Rat).Quo(ulp, big.NewRat(2, 1))
	lo := new(big.Rat).Sub(rr, half)
	hi := new(big.Rat).Add(rr, half)
	if (lo.Sign() > 0 && new(big.Rat).Mul(lo, lo).Cmp(rx) > 0) || new(big.Rat).Mul(hi, hi).Cmp(rx) < 0 {
		t.Fatalf("Sqrt(%v) = %v is not correctly rounded", x, r)
	}
}

func TestDecimalEdges(t *testing.T) {
	one := Decimal{}.FromInt64(1)
	tests := []struct {
		name string
		f    func() Decimal
		want string
		err  error
	}{
		{"div by zero", func() Decimal { return one.Div(Decimal{}) }, "", ErrDivisionByZero},
		{"divround by zero", func() Decimal { return one.DivRound(Decimal{}, 2, HalfEven) }, "", ErrDivisionByZero},
		{"sqrt negative", func() Decimal { return one.Neg().Sqrt() }, "", ErrInvalid},
		{"third", func() Decimal { return one.Div(Decimal{}.FromInt64(3)) }, "0." + strings.Repeat("3", 34), nil},
		{"zero value", func() Decimal { return Decimal{}.Add(Decimal{}) }, "0", nil},
		{"neg zero", func() Decimal { return Decimal{}.Neg() }, "0", nil},
		{"sqrt 2", func() Decimal { return Decimal{}.FromInt64(2).Sqrt() }, "1.414213562373095048801688724209698", nil},
		{"quantize half up", func() Decimal { return MustParse[Decimal]("2.5").Quantize(0, HalfUp) }, "3", nil},
		{"quantize half even", func() Decimal { return MustParse[Decimal]("2.5").Quantize(0, HalfEven) }, "2", nil},
		{"keeps digits", func() Decimal { return MustParse[Decimal]("1.000000000000000000000000000000000000001") }, "1.000000000000000000000000000000000000001", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, aerr := catchDecimal(tc.f)
			if tc.err != nil {
				if aerr == nil || !errors.Is(aerr, tc.err) || aerr.Backend != "decimal" {
					t.Fatalf("got %v, %v; want panic %v", got, aerr, tc.err)
				}
				return
			}
			if aerr != nil || got.String() != tc.want {
				t.Fatalf("got %v, %v; want %s", got, aerr, tc.want)
			}
		})
	}
}
