package numeric

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refTrunc returns q rounded toward zero to a whole multiple of step, and
// whether q is one, with math/big.Rat.
func refTrunc(q, step *big.Rat) (*big.Rat, bool) {
	k := new(big.Rat).Quo(q, step)
	n := new(big.Int).Quo(k.Num(), k.Denom()) // truncated toward zero
	v := new(big.Rat).Mul(new(big.Rat).SetInt(n), step)
	return v, v.Cmp(q) == 0
}

// randStep draws a non-zero step: a lot size, a tick, a whole number or
// any raw value, either sign.
func randStep(rng *rand.Rand) Fixed {
	var s Fixed
	switch rng.IntN(4) {
	case 0:
		s = []Fixed{1, 100, 1e5, 5e7, 1e8, 3e8, 25e6, 1e10}[rng.IntN(8)]
	case 1:
		s = Fixed(rng.Int64N(1e9) + 1)
	case 2:
		s = randFixed(rng)
	default:
		s = Fixed(rng.Int64N(1e4)+1) * FixedScale
	}
	if s == 0 {
		s = 1
	}
	if rng.IntN(5) == 0 && s != MinFixed {
		s = -s
	}
	return s
}

// TestTruncToAgainstRat compares TruncTo and IsMultiple of Fixed and
// Decimal with math/big.Rat on values across Fixed's range (quotients up
// to 2^63, exact multiples included), and checks that the two backends
// agree digit for digit; Decimal also on values beyond Fixed.
func TestTruncToAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	n := 50000
	if testing.Short() {
		n = 5000
	}
	for i := range n {
		q, step := randFixed(rng), randStep(rng)
		if i%3 == 0 { // an exact multiple
			q = step * Fixed(rng.Int64N(1000)-500)
		}
		want, multiple := refTrunc(fixedRat(q), fixedRat(step))
		if got := q.TruncTo(step); fixedRat(got).Cmp(want) != 0 {
			t.Fatalf("fixed TruncTo(%v, %v) = %v, want %s", q, step, got, want.FloatString(8))
		}
		if got := q.IsMultiple(step); got != multiple {
			t.Fatalf("fixed IsMultiple(%v, %v) = %v", q, step, got)
		}
		dq, ds := MustParse[Decimal](q.String()), MustParse[Decimal](step.String())
		if got := dq.TruncTo(ds); got.String() != q.TruncTo(step).String() {
			t.Fatalf("decimal TruncTo(%v, %v) = %v, fixed %v", q, step, got, q.TruncTo(step))
		}
		if got := dq.IsMultiple(ds); got != multiple {
			t.Fatalf("decimal IsMultiple(%v, %v) = %v", q, step, got)
		}
	}
	for range n / 10 {
		qs, ss := randDecimalText(rng), randDecimalText(rng)
		q, step := MustParse[Decimal](qs), MustParse[Decimal](ss)
		want, multiple := refTrunc(ratOf(qs), ratOf(ss))
		if got := q.TruncTo(step); decimalRat(got).Cmp(want) != 0 {
			t.Fatalf("decimal TruncTo(%s, %s) = %v, want %s", qs, ss, got, want.FloatString(40))
		}
		if got := q.IsMultiple(step); got != multiple {
			t.Fatalf("decimal IsMultiple(%s, %s) = %v", qs, ss, got)
		}
	}
}

// TestFloatTruncTo checks Float's documented tolerance: a quotient within
// 1e-9 of a whole number counts as that number, and the result prints with
// the step's decimals.
func TestFloatTruncTo(t *testing.T) {
	tests := []struct {
		q, step, want string
		multiple      bool
	}{
		{"0.3", "0.1", "0.3", true}, // 0.3/0.1 = 2.9999999999999996
		{"12.7", "0.5", "12.5", false},
		{"-12.7", "0.5", "-12.5", false},
		{"12.5", "-0.5", "12.5", true},
		{"0.4", "0.5", "0", false},
		{"1000.12345678", "0.00000001", "1000.12345678", true},
		{"1000.12345678", "0.001", "1000.123", false},
		{"7", "3", "6", false},
		{"0", "3", "0", true},
		{"7.9", "1", "7", false},
		{"-7.9", "1", "-7", false},
		{"2.99999", "1", "2", false},
		{"2.99999999999", "1", "3", true}, // within 1e-9 of 3
		{"1234567.5", "100", "1234500", false},
		{"250000000000000000000", "100000000000000000000", "200000000000000000000", false},
	}
	for _, tt := range tests {
		q, step := MustParse[Float](tt.q), MustParse[Float](tt.step)
		if got := q.TruncTo(step); got.String() != tt.want {
			t.Errorf("TruncTo(%s, %s) = %v, want %s", tt.q, tt.step, got, tt.want)
		}
		if got := q.IsMultiple(step); got != tt.multiple {
			t.Errorf("IsMultiple(%s, %s) = %v, want %v", tt.q, tt.step, got, tt.multiple)
		}
	}
}

// TestTruncToPanics checks that a zero step panics on every backend with
// an ArithmeticError naming the operation.
func TestTruncToPanics(t *testing.T) {
	tests := []struct {
		name, op string
		f        func()
	}{
		{"fixed truncto", "truncto", func() { Fixed(1).TruncTo(0) }},
		{"fixed ismultiple", "ismultiple", func() { Fixed(1).IsMultiple(0) }},
		{"float truncto", "truncto", func() { Float(1).TruncTo(0) }},
		{"float ismultiple", "ismultiple", func() { Float(1).IsMultiple(0) }},
		{"decimal truncto", "truncto", func() { Int[Decimal](1).TruncTo(Decimal{}) }},
		{"decimal ismultiple", "ismultiple", func() { Int[Decimal](1).IsMultiple(Decimal{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if e := catchAny(tt.f); e == nil || !errors.Is(e, ErrDivisionByZero) || e.Op != tt.op {
				t.Errorf("recovered %v, want a %s division by zero", e, tt.op)
			}
		})
	}
}
