package numeric

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestRat checks that Rat is the exact value: for Fixed and Decimal the
// decimal String prints, for Float the binary value big.Rat.SetFloat64
// gives; nil for a Float NaN or infinity; and that the result is a new
// value the caller may modify.
func TestRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for range 10000 {
		x := randFixed(rng)
		if got := x.Rat(); got.Cmp(ratOf(x.String())) != 0 {
			t.Fatalf("fixed %v: Rat %s", x, got.RatString())
		}
		s := randDecimalText(rng)
		d := MustParse[Decimal](s)
		if got := d.Rat(); got.Cmp(ratOf(s)) != 0 {
			t.Fatalf("decimal %s: Rat %s", s, got.RatString())
		}
		f := Float(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20)))
		if got := f.Rat(); got.Cmp(new(big.Rat).SetFloat64(float64(f))) != 0 {
			t.Fatalf("float %v: Rat %s", f, got.RatString())
		}
	}
	if got := Float(0.1).Rat().RatString(); got != "3602879701896397/36028797018963968" {
		t.Errorf("float 0.1: Rat %s", got)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if r := Float(f).Rat(); r != nil {
			t.Errorf("float %v: Rat %v, want nil", f, r)
		}
	}
	if r := (Decimal{}).Rat(); r.Sign() != 0 {
		t.Errorf("zero decimal: Rat %v", r)
	}
	one := Int[Decimal](1)
	one.Rat().SetInt64(5)
	if one.String() != "1" {
		t.Errorf("modifying Rat's result changed the decimal to %v", one)
	}
}

// TestTextRat checks that TextRat is the value of the text String prints,
// on every backend, beyond an int64 coefficient too.
func TestTextRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(37, 38))
	check := func(backend string, got *big.Rat, text string) {
		t.Helper()
		if got == nil || got.Cmp(ratOf(text)) != 0 {
			t.Fatalf("%s %s: TextRat %v", backend, text, got)
		}
	}
	for range 10000 {
		x := randFixed(rng)
		check("fixed", TextRat(x), x.String())
		d := MustParse[Decimal](randDecimalText(rng))
		check("decimal", TextRat(d), d.String())
		f := Float(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(60)-30)))
		check("float", TextRat(f), f.String())
	}
	check("float", TextRat(Float(0.1)), "0.1")
	check("float", TextRat(Float(1e300)), Float(1e300).String())
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		if r := TextRat(Float(f)); r != nil {
			t.Errorf("float %v: TextRat %v, want nil", f, r)
		}
	}
}

// randRat draws a rational with a numerator and denominator of up to 30
// digits, a third of them exact ties (an odd number of half units at a
// random number of decimals).
func randRat(rng *rand.Rand) *big.Rat {
	digits := func(n int) *big.Int {
		v := new(big.Int)
		for range n {
			v.Mul(v, bigTen)
			v.Add(v, big.NewInt(rng.Int64N(10)))
		}
		return v
	}
	var r *big.Rat
	if rng.IntN(3) == 0 {
		d := rng.IntN(19)
		num := new(big.Int).Add(new(big.Int).Lsh(digits(1+rng.IntN(15)), 1), big.NewInt(1))
		r = new(big.Rat).SetFrac(num, new(big.Int).Lsh(pow10Int(d), 1))
	} else {
		den := digits(1 + rng.IntN(30))
		if den.Sign() == 0 {
			den.SetInt64(7)
		}
		r = new(big.Rat).SetFrac(digits(1+rng.IntN(30)), den)
	}
	if rng.IntN(2) == 0 {
		r.Neg(r)
	}
	return r
}

// TestFromRatAgainstRat compares FromRat on every backend with the
// reference rounding: Fixed and Decimal give it exactly (Fixed to at most
// 8 decimals, with ErrOverflow exactly when it is out of range), Float
// gives the double Parse reads from its text.
func TestFromRatAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		r := randRat(rng)
		d, mode := rng.IntN(19), allModes[rng.IntN(len(allModes))]

		want := refRound(r, d, mode)
		dec, err := FromRat[Decimal](r, d, mode)
		if err != nil || decimalRat(dec).Cmp(want) != 0 {
			t.Fatalf("decimal FromRat(%s, %d, %v) = %v, %v; want %s", r.RatString(), d, mode, dec, err, want.FloatString(d))
		}

		fl, err := FromRat[Float](r, d, mode)
		wantFl, perr := Parse[Float](want.FloatString(d))
		if perr != nil || err != nil || fl != wantFl {
			t.Fatalf("float FromRat(%s, %d, %v) = %v, %v; want %v (%v)", r.RatString(), d, mode, fl, err, wantFl, perr)
		}

		wantFx := refRound(r, min(d, FixedDecimals), mode)
		fx, err := FromRat[Fixed](r, d, mode)
		switch {
		case !inFixedRange(wantFx):
			var pe *ParseError
			if !errors.Is(err, ErrOverflow) || !errors.As(err, &pe) || pe.Input != r.RatString() {
				t.Fatalf("fixed FromRat(%s, %d, %v) = %v, %v; want an overflow", r.RatString(), d, mode, fx, err)
			}
		case err != nil || fixedRat(fx).Cmp(wantFx) != 0:
			t.Fatalf("fixed FromRat(%s, %d, %v) = %v, %v; want %s", r.RatString(), d, mode, fx, err, wantFx.FloatString(8))
		case d <= FixedDecimals && fx.String() != dec.String():
			t.Fatalf("FromRat(%s, %d, %v): fixed %v, decimal %v", r.RatString(), d, mode, fx, dec)
		}
	}
}

// TestFromRatRoundTrip checks that FromRat of a value's Rat gives the
// value back, for Fixed, Decimal (up to 18 decimals) and Float.
func TestFromRatRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(35, 36))
	for range 10000 {
		x := randFixed(rng)
		if got, err := FromRat[Fixed](x.Rat(), 8, Down); err != nil || got != x {
			t.Fatalf("fixed %v: %v, %v", x, got, err)
		}
		d := MustParse[Decimal](x.String())
		if got, err := FromRat[Decimal](d.Rat(), 18, Up); err != nil || got.Cmp(d) != 0 {
			t.Fatalf("decimal %v: %v, %v", d, got, err)
		}
		f := MustParse[Float](x.String())
		if got, err := FromRat[Float](ratOf(f.String()), 18, HalfEven); err != nil || got != f {
			t.Fatalf("float %v: %v, %v", f, got, err)
		}
	}
	huge := new(big.Rat).SetFrac(pow10Int(400), big.NewInt(1))
	if _, err := FromRat[Float](huge, 0, HalfEven); !errors.Is(err, ErrOverflow) {
		t.Errorf("float FromRat(1e400): %v, want an overflow", err)
	}
	for _, f := range []func(){
		func() { _, _ = FromRat[Fixed](huge, 19, HalfEven) },
		func() { _, _ = FromRat[Float](huge, -1, HalfEven) },
		func() { _, _ = FromRat[Decimal](huge, 19, HalfEven) },
	} {
		if e := catchAny(f); e == nil || !errors.Is(e, ErrInvalid) || e.Op != "fromrat" {
			t.Errorf("decimals out of range: recovered %v", e)
		}
	}
}
