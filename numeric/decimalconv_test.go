package numeric

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

// The conversions of Decimal (Parse, String, AppendText, Float64) checked
// against the Big-only oracle (the same text and errors) and math/big.Rat
// (the exact value; the nearest float64).

// checkDecimalText checks the conversions of the text s: Parse gives the
// oracle's value or error, in the inline form when the value has one;
// String and AppendText print the oracle's canonical text; the value is
// the exact rational s denotes; Float64 is the float64 nearest to it.
func checkDecimalText(t testing.TB, s string) {
	t.Helper()
	d, err := Decimal{}.Parse(s)
	o, errO := oracleDecimal{}.Parse(s)
	if (err == nil) != (errO == nil) {
		t.Fatalf("Parse(%q): %v, oracle %v", s, err, errO)
	}
	if err != nil {
		for _, kind := range []error{ErrSyntax, ErrOverflow, ErrPrecision} {
			if errors.Is(err, kind) != errors.Is(errO, kind) {
				t.Fatalf("Parse(%q): %v, oracle %v", s, err, errO)
			}
		}
		if err.Error() != errO.Error() {
			t.Fatalf("Parse(%q): %q, oracle %q", s, err, errO)
		}
		return
	}
	checkForm(t, "Parse("+s+")", d)
	text := d.String()
	if want := o.String(); text != want {
		t.Fatalf("Parse(%q).String() = %s, oracle %s", s, short(text), short(want))
	}
	if got := string(d.AppendText([]byte("x="))); got != "x="+text {
		t.Fatalf("AppendText of %q = %s, want x=%s", s, short(got), short(text))
	}
	// A zero is read with any exponent, which big.Rat would compute (or
	// refuse beyond int64); every other value's exponent is within 6000.
	exact := new(big.Rat)
	if !d.IsZero() {
		var ok bool
		if exact, ok = new(big.Rat).SetString(s); !ok {
			t.Fatalf("big.Rat does not read %q, Parse does: %s", s, short(text))
		}
	}
	if v := ratOf(text); v.Cmp(exact) != 0 {
		t.Fatalf("Parse(%q) printed %s, value %s", s, short(text), exact.FloatString(20))
	}
	want, _ := exact.Float64()
	if got := d.Float64(); got != want || (got != 0 && math.Float64bits(got) != math.Float64bits(want)) {
		t.Fatalf("Float64(%q) = %v, nearest %v", s, got, want)
	}
	if got, wo := d.Float64(), o.Float64(); math.Float64bits(got) != math.Float64bits(wo) {
		t.Fatalf("Float64(%q) = %v, oracle %v", s, got, wo)
	}
	if back, err := (Decimal{}).Parse(text); err != nil || back != d && back.Cmp(d) != 0 {
		t.Fatalf("Parse(String(%q)) = %v, %v", s, back, err)
	}
}

// inlineText returns the text of c * 10^-s in one of the forms Parse
// reads: plain, scientific, or with extra zeros.
func inlineText(rng *rand.Rand, c int64, s int) string {
	switch rng.IntN(4) {
	case 0:
		return strconv.FormatInt(c, 10) + "e" + strconv.Itoa(-s)
	case 1:
		return strconv.FormatInt(c, 10) + "00E" + strconv.Itoa(-s-2)
	}
	return inline(c, s).String()
}

// TestDecimalConvAgainstRat checks the conversions on inline values of
// every scale, coefficients at the limits of float64's exact integers
// (2^53) and of the inline form (2^55), and on text of every region the
// forms meet.
func TestDecimalConvAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		c := randInlineCoef(rng)
		switch rng.IntN(4) {
		case 0:
			c = 1<<53 + rng.Int64N(64) - 32
		case 1:
			c = decimalMaxCoef - rng.Int64N(16)
		}
		if rng.IntN(2) == 0 {
			c = -c
		}
		s := rng.IntN(256) - 128
		if rng.IntN(2) == 0 {
			s = rng.IntN(50) - 25
		}
		checkDecimalText(t, inlineText(rng, c, s))
		checkDecimalText(t, randDecimalWide(rng))
	}
	for _, s := range []string{"0", "-0", "0e-300", "1e-128", "-1e-127", "36028797018963967e127",
		"-36028797018963968", "9007199254740993", "9007199254740993e-22", "9007199254740993e-23",
		"1.7976931348623157e308", "1e309", "-1e-400", "4.9e-324", "2.4703282292062328e-324",
		"0.1", "1e23", "8.98846567431158e307", "123456789012345678901234567890.5"} {
		checkDecimalText(t, s)
	}
}

// TestDecimalConvAllocs checks that the conversions of inline values
// allocate nothing: Parse of text whose value is inline (plain or with an
// exponent), AppendText into a buffer with room, and Float64.
func TestDecimalConvAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	buf := make([]byte, 0, decimalTextMax)
	var sink Decimal
	var f float64
	for range 200 {
		c, s := randInlineCoef(rng), rng.IntN(256)-128
		x := inline(c, s)
		text := inlineText(rng, c, s)
		if a := testing.AllocsPerRun(10, func() { sink, _ = Decimal{}.Parse(text) }); a != 0 {
			t.Errorf("Parse(%q) allocates %v times", text, a)
		}
		if sink.Cmp(x) != 0 {
			t.Fatalf("Parse(%q) = %v, want %v", text, sink, x)
		}
		if a := testing.AllocsPerRun(10, func() { buf = x.AppendText(buf[:0]) }); a != 0 {
			t.Errorf("AppendText(%v) allocates %v times", x, a)
		}
		if a := testing.AllocsPerRun(10, func() { f = x.Float64() }); a != 0 {
			t.Errorf("Float64(%v) allocates %v times", x, a)
		}
	}
	_, _ = sink, f
}

// FuzzDecimalText checks the conversions of any text against the oracle
// and math/big.Rat (see checkDecimalText).
func FuzzDecimalText(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.5", "abc", "", "1.2.3", "NaN", "1e-05", ".5", "5.", "+7",
		"36028797018963967", "36028797018963968", "1e127", "1e128", "1e-128", "0.000000001e-120",
		"9007199254740993e-30", "123456789012345678901234567890123456", "1e6001", "1e-6040", "00012.3400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDecimalText(t, s)
	})
}
