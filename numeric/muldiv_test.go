package numeric

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
)

var allModes = []RoundingMode{HalfEven, HalfUp, Down, Up, Floor, Ceiling}

// catchAny runs f and returns the ArithmeticError it panicked with, if any.
func catchAny(f func()) (aerr *ArithmeticError) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := Recover(r)
			if !ok {
				panic(r)
			}
			aerr = e
		}
	}()
	f()
	return nil
}

// TestFixedMulDivAgainstRat compares Fixed.MulDiv with x*y/z computed with
// math/big.Rat and rounded by the reference rule, on operands across the
// whole range (so that overflow is met), on ties at every number of
// decimals, and for every mode: the result must equal the reference, and
// overflow must be reported exactly when the reference is out of range.
func TestFixedMulDivAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := 100000
	if testing.Short() {
		n = 10000
	}
	for i := range n {
		x, y, z := randFixed(rng), randFixed(rng), randFixed(rng)
		d := rng.IntN(11) // 9 and 10 round like 8
		switch i % 4 {
		case 1: // |y| <= |z|: the ledger's partial close, never overflows
			z = Fixed(1 + rng.Int64N(1e12))
			y = Fixed(rng.Int64N(int64(z) + 1))
			if rng.IntN(2) == 0 {
				y = -y
			}
		case 2: // an exact tie at 8 decimals: odd/2 raw units
			x, y, z = Fixed(2*rng.Int64N(1e6)+1), 1, 2
			if rng.IntN(2) == 0 {
				z = -2
			}
		case 3: // a tie at fewer decimals: x*y/z = x exactly, x ending in 5
			d = rng.IntN(FixedDecimals)
			m := int64(pow10u[FixedDecimals-d])
			x = Fixed(rng.Int64N(1e9)*m + m/2)
			y = Fixed(rng.Int64N(1e9) + 1)
			z = y
		}
		if z == 0 {
			continue
		}
		mode := allModes[rng.IntN(len(allModes))]
		exact := new(big.Rat).Mul(fixedRat(x), fixedRat(y))
		exact.Quo(exact, fixedRat(z))
		want := refRound(exact, min(d, FixedDecimals), mode)
		var got Fixed
		aerr := catchAny(func() { got = x.MulDiv(y, z, d, mode) })
		if !inFixedRange(want) {
			if aerr == nil || !errors.Is(aerr, ErrOverflow) || aerr.Op != "muldiv" || len(aerr.Operands) != 3 {
				t.Fatalf("MulDiv(%v, %v, %v, %d, %v) = %v (%v), want a muldiv overflow (exact %s)", x, y, z, d, mode, got, aerr, want.FloatString(8))
			}
			continue
		}
		if aerr != nil || fixedRat(got).Cmp(want) != 0 {
			t.Fatalf("MulDiv(%v, %v, %v, %d, %v) = %v (%v), want %s", x, y, z, d, mode, got, aerr, want.FloatString(8))
		}
	}
}

// TestDecimalMulDivAgainstRat compares Decimal.MulDiv with math/big.Rat on
// values of up to 40 digits and scales from -10 to 30, and checks that
// Fixed and Decimal agree digit for digit wherever Fixed holds the
// operands and the result.
func TestDecimalMulDivAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		xs, ys, zs := randDecimalText(rng), randDecimalText(rng), randDecimalText(rng)
		if i%3 == 0 { // money-sized, where Fixed can take part
			xs, ys, zs = randFixed(rng).String(), randFixed(rng).String(), randFixed(rng).String()
		}
		x, y, z := MustParse[Decimal](xs), MustParse[Decimal](ys), MustParse[Decimal](zs)
		if z.IsZero() {
			continue
		}
		d := rng.IntN(19)
		mode := allModes[rng.IntN(len(allModes))]
		exact := new(big.Rat).Mul(ratOf(xs), ratOf(ys))
		exact.Quo(exact, ratOf(zs))
		want := refRound(exact, d, mode)
		var got Decimal
		if aerr := catchAny(func() { got = x.MulDiv(y, z, d, mode) }); aerr != nil {
			t.Fatalf("MulDiv(%s, %s, %s, %d, %v) panicked: %v", xs, ys, zs, d, mode, aerr)
		}
		if decimalRat(got).Cmp(want) != 0 {
			t.Fatalf("MulDiv(%s, %s, %s, %d, %v) = %v, want %s", xs, ys, zs, d, mode, got, want.FloatString(d))
		}
		fx, errX := Parse[Fixed](xs)
		fy, errY := Parse[Fixed](ys)
		fz, errZ := Parse[Fixed](zs)
		if errX != nil || errY != nil || errZ != nil || d > FixedDecimals || !inFixedRange(want) {
			continue
		}
		if f := fx.MulDiv(fy, fz, d, mode); f.String() != got.String() {
			t.Fatalf("MulDiv(%s, %s, %s, %d, %v): fixed %v, decimal %v", xs, ys, zs, d, mode, f, got)
		}
	}
}

// TestFloatMulDiv checks Float's documented rule: the float64 product and
// quotient, then Quantize.
func TestFloatMulDiv(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for range 10000 {
		x, y, z := Float(rng.NormFloat64()*1e4), Float(rng.NormFloat64()*1e3), Float(rng.NormFloat64()*1e3)
		d, mode := rng.IntN(19), allModes[rng.IntN(len(allModes))]
		if got, want := x.MulDiv(y, z, d, mode), Float(float64(x)*float64(y)/float64(z)).Quantize(d, mode); got != want {
			t.Fatalf("MulDiv(%v, %v, %v, %d, %v) = %v, want %v", x, y, z, d, mode, got, want)
		}
	}
	// 3*1/7 = 0.428571428571... -> 0.42857143
	if got := Float(3).MulDiv(1, 7, 8, HalfEven); got != 0.42857143 {
		t.Errorf("3*1/7 to 8 decimals = %v", got)
	}
}

// TestMulDivPanics checks, on every backend, that a zero divisor and a
// decimal count out of range panic with an ArithmeticError naming muldiv
// and its operands, and that a Fixed overflow does.
func TestMulDivPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		err  error
	}{
		{"fixed by zero", func() { Fixed(2).MulDiv(2, 0, 8, HalfEven) }, ErrDivisionByZero},
		{"fixed overflow", func() { MaxFixed.MulDiv(Int[Fixed](2), Int[Fixed](1), 8, HalfEven) }, ErrOverflow},
		{"fixed overflow at fewer decimals", func() { MaxFixed.MulDiv(Int[Fixed](1), Int[Fixed](1), 0, Up) }, ErrOverflow},
		{"fixed quotient beyond 64 bits", func() { MaxFixed.MulDiv(MaxFixed, 1, 8, Down) }, ErrOverflow},
		{"fixed decimals", func() { Fixed(2).MulDiv(2, 1, 19, HalfEven) }, ErrInvalid},
		{"float by zero", func() { Float(2).MulDiv(2, 0, 8, HalfEven) }, ErrDivisionByZero},
		{"decimal by zero", func() { Int[Decimal](2).MulDiv(Int[Decimal](2), Decimal{}, 8, HalfEven) }, ErrDivisionByZero},
		{"decimal decimals", func() { Int[Decimal](2).MulDiv(Int[Decimal](2), Int[Decimal](1), -1, HalfEven) }, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := catchAny(tt.f)
			if e == nil || !errors.Is(e, tt.err) || e.Op != "muldiv" || len(e.Operands) != 3 {
				t.Errorf("recovered %v, want a muldiv %v naming 3 operands", e, tt.err)
			}
		})
	}
}
