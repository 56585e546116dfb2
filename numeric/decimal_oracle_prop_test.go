package numeric

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/ericlagergren/decimal"
)

// The tests of this file check Decimal, in both of its forms, against
// oracleDecimal (the Big-only implementation it replaced): every operation
// must give the same value digit for digit, or panic with the same error.

// decimalOutcome is what an operation gave: a value's canonical text and
// exact value, or the panic it raised.
type decimalOutcome struct {
	text  string
	value *big.Rat // nil when the operation panicked
	panic any
}

func (o decimalOutcome) String() string {
	if o.value == nil {
		return fmt.Sprintf("panic(%v)", o.panic)
	}
	return o.text
}

func newOutcome(f func() Decimal) (o decimalOutcome, v Decimal) {
	defer func() {
		if r := recover(); r != nil {
			o = decimalOutcome{panic: r}
		}
	}()
	v = f()
	return decimalOutcome{text: v.String(), value: bigRat(v.Big())}, v
}

func oracleOutcome(f func() oracleDecimal) (o decimalOutcome, v oracleDecimal) {
	defer func() {
		if r := recover(); r != nil {
			o = decimalOutcome{panic: r}
		}
	}()
	v = f()
	if !v.big().IsFinite() {
		return decimalOutcome{panic: errOracleNonFinite}, v
	}
	return decimalOutcome{text: v.String(), value: bigRat(v.big())}, v
}

// errOracleNonFinite stands for an infinite or NaN oracle result. The
// oracle's Neg and Abs round to 34 digits without checking the result, so
// a value beyond the exponent range, which MulRound, DivRound and Quantize
// can produce without rounding it, became an infinite oracleDecimal there;
// Decimal panics with ErrOverflow instead.
var errOracleNonFinite = errors.New("oracle: non-finite result")

// bigRat returns the exact value of a finite Big.
func bigRat(b *decimal.Big) *big.Rat {
	t := new(decimal.Big).Copy(b)
	s := t.Scale()
	t.SetScale(0)
	c := t.Int(new(big.Int))
	if s <= 0 {
		return new(big.Rat).SetInt(c.Mul(c, pow10Int(-s)))
	}
	return new(big.Rat).SetFrac(c, pow10Int(s))
}

// samePanic reports whether two panic values are the same: equal
// *ArithmeticErrors (backend, operation, operands, condition) or equal
// text.
func samePanic(a, b any) bool {
	ea, oka := a.(*ArithmeticError)
	eb, okb := b.(*ArithmeticError)
	if oka != okb {
		return false
	}
	if !oka {
		return fmt.Sprint(a) == fmt.Sprint(b)
	}
	return ea.Backend == eb.Backend && ea.Op == eb.Op && errors.Is(ea.Err, eb.Err) &&
		strings.Join(ea.Operands, ",") == strings.Join(eb.Operands, ",")
}

func sameOutcome(got, want decimalOutcome) bool {
	if (got.value == nil) != (want.value == nil) {
		return false
	}
	if got.value == nil {
		if want.panic == errOracleNonFinite {
			e, ok := got.panic.(*ArithmeticError)
			return ok && (errors.Is(e, ErrOverflow) || errors.Is(e, ErrInvalid))
		}
		return samePanic(got.panic, want.panic)
	}
	return got.text == want.text && got.value.Cmp(want.value) == 0
}

// checkForm fails if x is held in the big form although its value has an
// inline form.
func checkForm(t testing.TB, what string, x Decimal) {
	t.Helper()
	if x.b != nil {
		if !x.b.IsFinite() {
			t.Fatalf("%s: holds a non-finite Big %v", what, x.b)
		}
		if _, ok := inlineFromBig(x.b); ok {
			t.Fatalf("%s = %v: held as a Big though it fits the inline form", what, x)
		}
	}
}

// decimalPair is a value in both implementations, computed alike.
type decimalPair struct {
	d Decimal
	o oracleDecimal
}

func parsePair(t testing.TB, s string) (decimalPair, bool) {
	t.Helper()
	d, errD := Decimal{}.Parse(s)
	o, errO := oracleDecimal{}.Parse(s)
	if (errD == nil) != (errO == nil) || (errD != nil && errD.Error() != errO.Error()) {
		t.Fatalf("Parse(%q): %v, oracle %v", s, errD, errO)
	}
	if errD != nil {
		return decimalPair{}, false
	}
	if d.String() != o.String() {
		t.Fatalf("Parse(%q) = %s, oracle %s", s, d, o)
	}
	checkForm(t, "Parse("+s+")", d)
	return decimalPair{d, o}, true
}

// compareAll applies every operation to x and y in both implementations,
// fails on the first difference, and returns the results that are values,
// for further operations.
func compareAll(t testing.TB, x, y decimalPair, k int64, d int, mode RoundingMode) []decimalPair {
	t.Helper()
	var out []decimalPair
	step := func(name string, fd func() Decimal, fo func() oracleDecimal) (decimalPair, bool) {
		t.Helper()
		got, vd := newOutcome(fd)
		want, vo := oracleOutcome(fo)
		if !sameOutcome(got, want) {
			t.Fatalf("%s with x=%v y=%v k=%d d=%d mode=%v: got %v, oracle %v", name, sci(x.d), sci(y.d), k, d, mode, short(got.String()), short(want.String()))
		}
		if got.value != nil {
			checkForm(t, name, vd)
			out = append(out, decimalPair{vd, vo})
		}
		return decimalPair{vd, vo}, got.value != nil
	}
	step("add", func() Decimal { return x.d.Add(y.d) }, func() oracleDecimal { return x.o.Add(y.o) })
	step("sub", func() Decimal { return x.d.Sub(y.d) }, func() oracleDecimal { return x.o.Sub(y.o) })
	step("mul", func() Decimal { return x.d.Mul(y.d) }, func() oracleDecimal { return x.o.Mul(y.o) })
	step("mulint", func() Decimal { return x.d.MulInt(k) }, func() oracleDecimal { return x.o.MulInt(k) })
	step("div", func() Decimal { return x.d.Div(y.d) }, func() oracleDecimal { return x.o.Div(y.o) })
	step("divint", func() Decimal { return x.d.DivInt(k) }, func() oracleDecimal { return x.o.DivInt(k) })
	step("mulround", func() Decimal { return x.d.MulRound(y.d, d, mode) }, func() oracleDecimal { return x.o.MulRound(y.o, d, mode) })
	step("divround", func() Decimal { return x.d.DivRound(y.d, d, mode) }, func() oracleDecimal { return x.o.DivRound(y.o, d, mode) })
	step("quantize", func() Decimal { return x.d.Quantize(d, mode) }, func() oracleDecimal { return x.o.Quantize(d, mode) })
	step("sqrt", func() Decimal { return x.d.Sqrt() }, func() oracleDecimal { return x.o.Sqrt() })
	step("neg", func() Decimal { return x.d.Neg() }, func() oracleDecimal { return x.o.Neg() })
	if a, ok := step("abs", func() Decimal { return x.d.Abs() }, func() oracleDecimal { return x.o.Abs() }); ok {
		step("sqrt abs", func() Decimal { return a.d.Sqrt() }, func() oracleDecimal { return a.o.Sqrt() })
	}
	step("min", func() Decimal { return x.d.Min(y.d) }, func() oracleDecimal { return x.o.Min(y.o) })
	step("max", func() Decimal { return x.d.Max(y.d) }, func() oracleDecimal { return x.o.Max(y.o) })
	step("int", func() Decimal { return Decimal{}.FromInt64(k) }, func() oracleDecimal { return oracleDecimal{}.FromInt64(k) })
	if g, w := x.d.Cmp(y.d), x.o.Cmp(y.o); g != w {
		t.Fatalf("Cmp(%v, %v) = %d, oracle %d", x.d, y.d, g, w)
	}
	if g, w := x.d.Sign(), x.o.Sign(); g != w {
		t.Fatalf("Sign(%v) = %d, oracle %d", x.d, g, w)
	}
	if g, w := x.d.IsZero(), x.o.IsZero(); g != w {
		t.Fatalf("IsZero(%v) = %v, oracle %v", x.d, g, w)
	}
	if g, w := x.d.Float64(), x.o.Float64(); math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
		t.Fatalf("Float64(%v) = %v, oracle %v", x.d, g, w)
	}
	if g, w := x.d.String(), x.o.String(); g != w {
		t.Fatalf("String = %s, oracle %s", g, w)
	}
	// The canonical text reads back to the same value (when the oracle's
	// does: neither reads exponents beyond 6000).
	if back, ok := parsePair(t, x.d.String()); ok && (back.d.Cmp(x.d) != 0 || back.d.String() != x.d.String()) {
		t.Fatalf("Parse(String(%v)) = %v", x.d, back.d)
	}
	return out
}

// randDecimalWide draws decimal text over every region the forms meet:
// money-sized values, coefficients at the inline limit (2^55) and at the
// 64-bit one, scales at the inline limits (-128, 127) and beyond, 34- and
// 35-digit values, huge and tiny exponents, and zeros with a scale.
func randDecimalWide(rng *rand.Rand) string {
	sign := ""
	if rng.IntN(2) == 0 {
		sign = "-"
	}
	digits := func(n int) string {
		var b strings.Builder
		for i := range n {
			d := rng.IntN(10)
			if i == 0 && d == 0 {
				d = 1 + rng.IntN(9)
			}
			b.WriteByte(byte('0' + d))
		}
		return b.String()
	}
	exp := func(lo, hi int) string { return "e" + strconv.Itoa(lo+rng.IntN(hi-lo+1)) }
	switch rng.IntN(12) {
	case 0, 1, 2: // money: up to 12 digits, 0-8 decimals
		return sign + digits(1+rng.IntN(12)) + exp(-8, 0)
	case 3: // coefficients near 2^55, 2^63, 2^64, 10^16, 10^17
		bases := []uint64{1 << 55, 1 << 63, math.MaxUint64, 1e16, 1e17, 1e18, 1e19}
		c := new(big.Int).SetUint64(bases[rng.IntN(len(bases))])
		c.Add(c, big.NewInt(int64(rng.IntN(5)-2)))
		if c.Sign() <= 0 {
			c.SetInt64(1)
		}
		return sign + c.String() + exp(-30, 30)
	case 4: // scales at the inline limits
		return sign + digits(1+rng.IntN(17)) + exp(-145, -110)
	case 5:
		return sign + digits(1+rng.IntN(17)) + exp(110, 145)
	case 6: // 30-40 digits: the 34-digit boundary
		return sign + digits(30+rng.IntN(11)) + exp(-40, 10)
	case 7: // huge and tiny exponents
		if rng.IntN(2) == 0 {
			return sign + digits(1+rng.IntN(36)) + exp(5900, 5990)
		}
		return sign + digits(1+rng.IntN(36)) + exp(-6030, -5930)
	case 8: // zeros with a scale
		return sign + "0" + exp(-300, 300)
	case 9: // small values with ties: halves, quarters, eighths
		return sign + strconv.Itoa(rng.IntN(40)) + [...]string{".5", ".25", ".125", ".375", ".05", ".005", "5"}[rng.IntN(7)]
	case 10: // 17-19 digits at money scales
		return sign + digits(17+rng.IntN(3)) + exp(-12, 0)
	}
	return sign + digits(1+rng.IntN(25)) + exp(-40, 40)
}

// decimalInts are the k of MulInt and DivInt.
var decimalInts = []int64{0, 1, -1, 2, 3, 7, 10, 20, 60, 100, 1 << 55, -1 << 55, 1<<55 - 1, math.MaxInt64, math.MinInt64, 1e18}

func randDecimalInt(rng *rand.Rand) int64 {
	if rng.IntN(2) == 0 {
		return decimalInts[rng.IntN(len(decimalInts))]
	}
	return rng.Int64N(2000) - 1000
}

func TestDecimalAgainstOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := 4000
	if testing.Short() {
		n = 400
	}
	var pool []decimalPair
	for range n {
		var x, y decimalPair
		var ok bool
		// Half of the operands are fresh text, half earlier results, so
		// that values of every form meet.
		if len(pool) > 0 && rng.IntN(2) == 0 {
			x = pool[rng.IntN(len(pool))]
		} else if x, ok = parsePair(t, randDecimalWide(rng)); !ok {
			continue
		}
		if len(pool) > 0 && rng.IntN(2) == 0 {
			y = pool[rng.IntN(len(pool))]
		} else if y, ok = parsePair(t, randDecimalWide(rng)); !ok {
			continue
		}
		out := compareAll(t, x, y, randDecimalInt(rng), rng.IntN(19), RoundingMode(rng.IntN(6)))
		for _, r := range out {
			if len(pool) < 2000 {
				pool = append(pool, r)
			} else {
				pool[rng.IntN(len(pool))] = r
			}
		}
	}
}

// TestDecimalBoundaries checks, against the oracle and math/big.Rat, the
// results at the edges of the forms: sums and products that leave the
// inline coefficient, sums of different scales, results with 35
// significant digits (rounded half-even to 34) and ties.
func TestDecimalBoundaries(t *testing.T) {
	tests := []struct {
		op   string
		x, y string
	}{
		{"add", "36028797018963967", "0"},                    // 2^55-1: the largest inline coefficient
		{"add", "36028797018963967", "1"},                    // 2^55: big
		{"sub", "-36028797018963968", "1"},                   // below -2^55
		{"add", "36028797018963967", "-1e-3"},                // rescaled beyond 2^55
		{"add", "1.5", "2.25"},                               // different scales
		{"add", "1e33", "0.5"},                               // 35 digits, tie to even: 1e33
		{"add", "1e33", "1.5"},                               // 35 digits, tie to even: ...002
		{"add", "9999999999999999999999999999999999", "0.5"}, // carries to 35 digits
		{"add", "1", "1e-40"},                                // tiny addend
		{"add", "1e-130", "1e-130"},                          // scale beyond the inline form
		{"sub", "1e127", "1e127"},                            // zero
		{"mul", "36028797018963967", "36028797018963967"},    // beyond 64 bits
		{"mul", "4294967296", "4294967296"},                  // 2^64
		{"mul", "3037000499.97605", "3037000499.97605"},
		{"mul", "99999999999999999", "99999999999999999"},     // 34 digits
		{"mul", "999999999999999999", "999999999999999999"},   // 36 digits: rounded
		{"mul", "1.00000000000000005", "1.00000000000000005"}, // a tie at digit 35
		{"mul", "-1.5", "0"},                                  // negative zero in the oracle
		{"mul", "1e-100", "1e-100"},                           // scale 200: big
		{"mul", "1e6000", "1e6000"},                           // overflow: panics
		{"mul", "1e-6000", "1e-6000"},                         // underflow
		{"div", "1", "3"},
		{"div", "2", "3"},
		{"div", "1", "8"},
		{"div", "1", "1024"},
		{"div", "1", "95367431640625"}, // 5^20: exact at 20 decimals
		{"div", "-7", "2"},
		{"div", "1e-120", "1e120"},
		{"div", "36028797018963967", "0.001"},
		{"div", "0", "5"},
		{"div", "5", "0"},
		{"cmp", "1e-128", "1e127"},
		{"cmp", "36028797018963967", "3.6028797018963967e16"},
		{"cmp", "1.10", "1.1"},
	}
	for _, tc := range tests {
		t.Run(tc.op+"("+tc.x+","+tc.y+")", func(t *testing.T) {
			x, _ := parsePair(t, tc.x)
			y, _ := parsePair(t, tc.y)
			for _, mode := range []RoundingMode{HalfEven, HalfUp, Down, Up, Floor, Ceiling} {
				for _, d := range []int{0, 2, 8, 18} {
					compareAll(t, x, y, 3, d, mode)
				}
			}
			// The exact arithmetic, rounded to 34 digits.
			rx, ry := ratOf(tc.x), ratOf(tc.y)
			var want *big.Rat
			var got Decimal
			var aerr *ArithmeticError
			switch tc.op {
			case "add":
				want = new(big.Rat).Add(rx, ry)
				got, aerr = catchDecimal(func() Decimal { return x.d.Add(y.d) })
			case "sub":
				want = new(big.Rat).Sub(rx, ry)
				got, aerr = catchDecimal(func() Decimal { return x.d.Sub(y.d) })
			case "mul":
				want = new(big.Rat).Mul(rx, ry)
				got, aerr = catchDecimal(func() Decimal { return x.d.Mul(y.d) })
			case "div":
				if ry.Sign() == 0 {
					return
				}
				want = new(big.Rat).Quo(rx, ry)
				got, aerr = catchDecimal(func() Decimal { return x.d.Div(y.d) })
			case "cmp":
				if g, w := x.d.Cmp(y.d), rx.Cmp(ry); g != w {
					t.Fatalf("Cmp = %d, want %d", g, w)
				}
				return
			}
			if aerr != nil || len(want.Num().String()) > 300 || len(want.Denom().String()) > 300 {
				return // overflow or underflow: checked against the oracle only
			}
			if g := decimalRat(got); g.Cmp(refRoundSig(want, 34)) != 0 {
				t.Fatalf("= %v, want %s", got, refRoundSig(want, 34).FloatString(40))
			}
		})
	}
}

// TestDecimalNegativeZero: the oracle yields a negative zero (-1.5 * 0);
// Decimal's zero has no sign. Either way it prints "0", compares equal to
// 0 and gives the same results in later operations.
func TestDecimalNegativeZero(t *testing.T) {
	x, _ := parsePair(t, "-1.5")
	zero, _ := parsePair(t, "0")
	nz := decimalPair{x.d.Mul(zero.d), x.o.Mul(zero.o)}
	if !nz.o.b.Signbit() {
		t.Fatalf("oracle -1.5*0 = %v: not a negative zero", nz.o.b)
	}
	if nz.d.String() != "0" || nz.d.Sign() != 0 || !nz.d.IsZero() || nz.d.Cmp(Decimal{}) != 0 {
		t.Fatalf("-1.5*0 = %v (sign %d)", nz.d, nz.d.Sign())
	}
	for _, s := range []string{"0", "-0", "2.5", "-2.5", "1e-130", "123456789012345678901234567890123456"} {
		y, _ := parsePair(t, s)
		compareAll(t, nz, y, -1, 1, Floor)
		compareAll(t, y, nz, -1, 1, Ceiling)
	}
}

// TestDecimalRoundingErrors: an invalid rounding mode or decimal count
// panics (or not) exactly as in the oracle, in both forms.
func TestDecimalRoundingErrors(t *testing.T) {
	for _, s := range []string{"1.2", "1.234", "-1.235", "123456789012345678901234567890.5"} {
		x, _ := parsePair(t, s)
		y, _ := parsePair(t, "0.3")
		for _, d := range []int{-1, 0, 2, 18, 19} {
			for _, mode := range []RoundingMode{HalfEven, 6, 200} {
				compareAll(t, x, y, 7, d, mode)
			}
		}
	}
}

// TestDecimalForms checks which values are held inline.
func TestDecimalForms(t *testing.T) {
	tests := []struct {
		text   string
		inline bool
	}{
		{"0", true},
		{"123.45", true},
		{"-0.00000001", true},
		{"36028797018963967", true},
		{"-36028797018963967", true},
		{"36028797018963968", false},
		{"1e127", true}, // coefficient 1, scale -127
		{"1e128", true},
		{"1e129", false},
		{"1e-127", true},
		{"1e-128", false},
		{"1.000000000000000000000000000000000000001", false},
	}
	for _, tc := range tests {
		x := MustParse[Decimal](tc.text)
		if (x.b == nil) != tc.inline {
			t.Errorf("Parse(%s): inline %v, want %v", tc.text, x.b == nil, tc.inline)
		}
	}
	// A big result that fits goes inline: (2^55+1) - 2 and 1/2.
	big1 := MustParse[Decimal]("36028797018963969")
	if r := big1.Sub(Int[Decimal](2)); r.b != nil || r.String() != "36028797018963967" {
		t.Errorf("2^55+1-2 = %v, inline %v", r, r.b == nil)
	}
	if r := Int[Decimal](1).Div(Int[Decimal](2)); r.b != nil || r.String() != "0.5" {
		t.Errorf("1/2 = %v, inline %v", r, r.b == nil)
	}
	if r := Int[Decimal](1).Div(Int[Decimal](3)); r.b == nil {
		t.Errorf("1/3 = %v held inline", r)
	}
}

// TestDecimalAllocs checks that arithmetic on inline values allocates
// nothing (a property, not a timing: testing.AllocsPerRun counts).
func TestDecimalAllocs(t *testing.T) {
	x, y := MustParse[Decimal]("1234.56"), MustParse[Decimal]("0.0125")
	var sink Decimal
	var n int
	ops := map[string]func(){
		"add":      func() { sink = x.Add(y) },
		"sub":      func() { sink = x.Sub(y) },
		"mul":      func() { sink = x.Mul(y) },
		"mulint":   func() { sink = x.MulInt(7) },
		"div":      func() { sink = x.Div(y) },
		"divint":   func() { sink = x.DivInt(8) },
		"cmp":      func() { n += x.Cmp(y) },
		"neg":      func() { sink = x.Neg() },
		"abs":      func() { sink = y.Neg().Abs() },
		"min":      func() { sink = x.Min(y) },
		"quantize": func() { sink = x.Quantize(1, HalfEven) },
		"mulround": func() { sink = x.MulRound(y, 2, HalfEven) },
		"divround": func() { sink = x.DivRound(y, 8, Down) },
		"sqrt":     func() { sink = MustParse[Decimal]("2.25").Sqrt() },
		"float64":  func() { n += int(x.Float64()) },
		"parse":    func() { sink, _ = Decimal{}.Parse("-98765.4321") },
	}
	for name, f := range ops {
		if a := testing.AllocsPerRun(100, f); a != 0 {
			t.Errorf("%s allocates %v times per call", name, a)
		}
	}
	// BenchmarkOp's operands: all inline, and add, sub, mul, cmp and
	// quantize of each pair allocate nothing.
	xs, ys := opOperands[Decimal]()
	i := 0
	pair := func() {
		x, y := xs[i&opMask], ys[i&opMask]
		sink = x.Add(y).Sub(y).Mul(y).Quantize(2, HalfEven)
		n += x.Cmp(y)
		i++
	}
	for j := range xs {
		if xs[j].b != nil || ys[j].b != nil {
			t.Fatalf("operand %d not inline: %v, %v", j, xs[j], ys[j])
		}
	}
	if a := testing.AllocsPerRun(len(xs), pair); a != 0 {
		t.Errorf("add, sub, mul, quantize and cmp of BenchmarkOp's operands allocate %v times per pair", a)
	}
	_ = sink
}

// FuzzDecimalOracle checks both forms against the oracle for any two
// texts: parsing, the canonical text and its round trip, and every
// operation.
func FuzzDecimalOracle(f *testing.F) {
	f.Add("1.5", "2.25", int64(3), uint8(2), uint8(0))
	f.Add("36028797018963967", "1", int64(1<<55), uint8(8), uint8(1))
	f.Add("1e33", "0.5", int64(-7), uint8(0), uint8(2))
	f.Add("1e-130", "1e127", int64(0), uint8(18), uint8(3))
	f.Add("123456789012345678901234567890.12345", "-0.000001", int64(math.MinInt64), uint8(4), uint8(4))
	f.Add("-0", "0e-200", int64(60), uint8(1), uint8(5))
	f.Add("1e6000", "1e-6000", int64(2), uint8(3), uint8(0))
	f.Fuzz(func(t *testing.T, a, b string, k int64, d, mode uint8) {
		x, okx := parsePair(t, a)
		y, oky := parsePair(t, b)
		if !okx || !oky {
			return
		}
		for _, v := range []decimalPair{x, y} {
			c := v.d.String()
			back := MustParse[Decimal](c)
			if back.Cmp(v.d) != 0 || back.String() != c {
				t.Fatalf("%q: %s reads back as %s", a, c, back)
			}
		}
		compareAll(t, x, y, k, int(d%20), RoundingMode(mode%7))
	})
}

// sci returns x in the library's scientific notation, short for failure
// messages.
func sci(x Decimal) string {
	form := "inline"
	if x.b != nil {
		form = "big"
	}
	return fmt.Sprintf("%s (%s, scale %d)", x.Big().String(), form, x.Big().Scale())
}

func short(s string) string {
	if len(s) > 120 {
		return s[:60] + "..." + s[len(s)-50:] + fmt.Sprintf(" (%d chars)", len(s))
	}
	return s
}

// randInlineCoef draws a non-zero inline coefficient with 1 to 17 digits,
// or one at the inline limit.
func randInlineCoef(rng *rand.Rand) int64 {
	var c int64
	switch rng.IntN(8) {
	case 0:
		c = decimalMaxCoef - rng.Int64N(1000)
	case 1:
		c = 1 + rng.Int64N(9)
	default:
		c = 1 + rng.Int64N(int64(pow10u[1+rng.IntN(16)]))
	}
	if rng.IntN(2) == 0 {
		c = -c
	}
	return c
}

// TestDecimalDivAgainstOracle checks Div and DivInt of inline operands
// (the exact quotients and the 34-digit ones computed with 128-bit
// integers) against the oracle and math/big.Rat.
func TestDecimalDivAgainstOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := range n {
		x := inline(randInlineCoef(rng), rng.IntN(41)-20)
		y := inline(randInlineCoef(rng), rng.IntN(41)-20)
		if i%4 == 0 { // divisors with few prime factors: exact or periodic quotients
			y = inline(int64([]int{2, 3, 4, 7, 8, 16, 25, 60, 64, 125, 1024, 3125}[rng.IntN(12)]), 0)
		}
		xo, _ := oracleDecimal{}.Parse(x.String())
		yo, _ := oracleDecimal{}.Parse(y.String())
		got, want := x.Div(y), xo.Div(yo)
		if got.String() != want.String() {
			t.Fatalf("%v / %v = %v, oracle %v", x, y, got, want)
		}
		checkForm(t, "div", got)
		if r := refRoundSig(new(big.Rat).Quo(decimalRat(x), decimalRat(y)), 34); decimalRat(got).Cmp(r) != 0 {
			t.Fatalf("%v / %v = %v, want %s", x, y, got, r.FloatString(40))
		}
		k := int64(1 + rng.IntN(100))
		if g, w := x.DivInt(k), xo.DivInt(k); g.String() != w.String() {
			t.Fatalf("%v / %d = %v, oracle %v", x, k, g, w)
		}
	}
}

func TestDigits10(t *testing.T) {
	for _, u := range []uint64{1, 9, 10, 11, 99, 100, 1<<55 - 1, 1e18 - 1, 1e18, 1e19 - 1, 1e19, math.MaxUint64} {
		if got, want := digits10(u), len(strconv.FormatUint(u, 10)); got != want {
			t.Errorf("digits10(%d) = %d, want %d", u, got, want)
		}
	}
	for _, p := range []struct {
		hi, lo uint64
		n      int
	}{{pow33Hi, pow33Lo, 33}, {pow34Hi, pow34Lo, 34}} {
		v := new(big.Int).Lsh(new(big.Int).SetUint64(p.hi), 64)
		v.Or(v, new(big.Int).SetUint64(p.lo))
		if v.Cmp(pow10Int(p.n)) != 0 {
			t.Errorf("10^%d constant = %v", p.n, v)
		}
	}
}

func TestDecimalDigits(t *testing.T) {
	for b := 0; b <= 4000; b++ {
		p := new(big.Int).Lsh(big.NewInt(1), uint(b))
		for _, v := range []*big.Int{p, new(big.Int).Sub(p, big.NewInt(1)), pow10Int(b / 3), new(big.Int).Sub(pow10Int(b/3+1), big.NewInt(1))} {
			want := len(v.String())
			if got := decimalDigits(v); got != want {
				t.Fatalf("decimalDigits(%v) = %d, want %d", v, got, want)
			}
			if got := decimalDigits(new(big.Int).Neg(v)); got != want && v.Sign() != 0 {
				t.Fatalf("decimalDigits(-%v) = %d, want %d", v, got, want)
			}
		}
	}
}

func TestTrimZeros(t *testing.T) {
	for _, u := range []uint64{1, 7, 10, 100, 120, 1e16, 1e17, 1e18, 1e19, 12e18, 123456789e10, math.MaxUint64, 1<<55 - 1} {
		want, wz := u, 0
		for want%10 == 0 {
			want /= 10
			wz++
		}
		if got, z := trimZeros(u); got != want || z != wz {
			t.Errorf("trimZeros(%d) = %d, %d; want %d, %d", u, got, z, want, wz)
		}
	}
}
