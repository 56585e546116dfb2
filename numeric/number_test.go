package numeric

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// The tests in this file run the same table against every backend through
// the Number constraint, as the engine uses them.

// forEachBackend runs test on every backend of the registry, in its order,
// as sub-tests named backend=<name>: what internal/backendtest does for the
// other packages (it imports numeric, so numeric's own tests cannot use it).
// byName is the dispatcher go generate writes for a test function marked
// //penny:backends.
func forEachBackend(t *testing.T, byName func(name string) (func(*testing.T), bool)) {
	t.Helper()
	for _, b := range Backends() {
		test, ok := byName(b.Name)
		if !ok {
			t.Errorf("no test for backend %s: run go generate", b.Name)
			continue
		}
		t.Run("backend="+b.Name, test)
	}
}

func TestArithmeticTable(t *testing.T) { forEachBackend(t, testArithmeticByName) }

//penny:backends
func testArithmetic[N Number[N]](t *testing.T) {
	b, err := LookupBackend(Backend[N]())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		op   func(x, y N) N
		x, y string
		want string
	}{
		{"add", N.Add, "0.1", "0.2", "0.3"},
		{"add negative", N.Add, "-12.5", "2.25", "-10.25"},
		{"sub", N.Sub, "100.01", "0.02", "99.99"},
		{"mul", N.Mul, "123.45", "100", "12345"},
		{"mul fraction", N.Mul, "1.5", "-2.25", "-3.375"},
		{"mulint", func(x, _ N) N { return x.MulInt(-3) }, "1.25", "0", "-3.75"},
		{"divint", func(x, _ N) N { return x.DivInt(-4) }, "1", "0", "-0.25"},
		{"div", N.Div, "1", "8", "0.125"},
		{"div negative", N.Div, "-10", "4", "-2.5"},
		{"min", N.Min, "3", "-4", "-4"},
		{"max", N.Max, "3", "-4", "3"},
		{"mulround half even", func(x, y N) N { return x.MulRound(y, 2, HalfEven) }, "0.125", "1", "0.12"},
		{"mulround half up", func(x, y N) N { return x.MulRound(y, 2, HalfUp) }, "0.125", "1", "0.13"},
		{"divround down", func(x, y N) N { return x.DivRound(y, 0, Down) }, "1000", "33.33", "30"},
		{"divround up", func(x, y N) N { return x.DivRound(y, 0, Up) }, "1000", "33.33", "31"},
		{"quantize floor", func(x, _ N) N { return x.Quantize(1, Floor) }, "-1.25", "0", "-1.3"},
		{"quantize ceiling", func(x, _ N) N { return x.Quantize(1, Ceiling) }, "-1.25", "0", "-1.2"},
		{"quantize down", func(x, _ N) N { return x.Quantize(1, Down) }, "-1.29", "0", "-1.2"},
		{"quantize up", func(x, _ N) N { return x.Quantize(1, Up) }, "1.21", "0", "1.3"},
		{"neg", func(x, _ N) N { return x.Neg() }, "1.5", "0", "-1.5"},
		{"abs", func(x, _ N) N { return x.Abs() }, "-1.5", "0", "1.5"},
		{"sqrt", func(x, _ N) N { return x.Sqrt() }, "2.25", "0", "1.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, y := MustParse[N](tc.x), MustParse[N](tc.y)
			got := tc.op(x, y)
			if b.Exact {
				if got.String() != tc.want {
					t.Fatalf("%s(%s, %s) = %s, want %s", tc.name, tc.x, tc.y, got, tc.want)
				}
				return
			}
			want := MustParse[N](tc.want).Float64()
			if math.Abs(got.Float64()-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Fatalf("%s(%s, %s) = %s, want %s", tc.name, tc.x, tc.y, got, tc.want)
			}
		})
	}

	t.Run("cmp sign zero", func(t *testing.T) {
		a, c := MustParse[N]("-0.5"), MustParse[N]("0.25")
		if a.Cmp(c) != -1 || c.Cmp(a) != 1 || a.Cmp(a) != 0 {
			t.Fatalf("Cmp wrong for %v, %v", a, c)
		}
		if a.Sign() != -1 || c.Sign() != 1 || Zero[N]().Sign() != 0 {
			t.Fatal("Sign wrong")
		}
		if !Zero[N]().IsZero() || a.IsZero() || !Int[N](0).IsZero() {
			t.Fatal("IsZero wrong")
		}
	})
	t.Run("conversions", func(t *testing.T) {
		if got := Int[N](-42).String(); got != "-42" {
			t.Fatalf("Int(-42) = %s", got)
		}
		if got := MustParse[N]("0.5").Float64(); got != 0.5 {
			t.Fatalf("Float64 = %v", got)
		}
		v, err := FromFloat64[N](0.1)
		if err != nil || v.String() != "0.1" {
			t.Fatalf("FromFloat64(0.1) = %v, %v; want 0.1 (shortest round-trip decimal)", v, err)
		}
		if _, err := FromFloat64[N](math.NaN()); !errors.Is(err, ErrSyntax) {
			t.Fatalf("FromFloat64(NaN) error = %v", err)
		}
		if _, err := FromFloat64[N](math.Inf(-1)); !errors.Is(err, ErrSyntax) {
			t.Fatalf("FromFloat64(-Inf) error = %v", err)
		}
		if Backend[N]() != b.Name {
			t.Fatalf("Backend = %s", Backend[N]())
		}
	})
	t.Run("division by zero panics", func(t *testing.T) {
		defer func() {
			e, ok := Recover(recover())
			if !ok || !errors.Is(e, ErrDivisionByZero) || e.Backend != b.Name {
				t.Fatalf("recovered %v", e)
			}
		}()
		_ = Int[N](1).Div(Zero[N]())
	})
}

func TestParseBadInput(t *testing.T) {
	// errOK in an override column means: this backend accepts the text.
	errOK := errors.New("ok")
	tests := []struct {
		in    string
		err   error
		fixed error // the Fixed error when it differs
		dec   error // the Decimal error when it differs
	}{
		{"abc", ErrSyntax, nil, nil},
		{"", ErrSyntax, nil, nil},
		{"1.2.3", ErrSyntax, nil, nil},
		{"NaN", ErrSyntax, nil, nil},
		{"nan", ErrSyntax, nil, nil},
		{"Inf", ErrSyntax, nil, nil},
		{"-Infinity", ErrSyntax, nil, nil},
		{"+", ErrSyntax, nil, nil},
		{"-", ErrSyntax, nil, nil},
		{".", ErrSyntax, nil, nil},
		{"1e", ErrSyntax, nil, nil},
		{"1e+", ErrSyntax, nil, nil},
		{"0x10", ErrSyntax, nil, nil},
		{" 1", ErrSyntax, nil, nil},
		{"1 ", ErrSyntax, nil, nil},
		{"1_000", ErrSyntax, nil, nil},
		{"1,5", ErrSyntax, nil, nil},
		{"--1", ErrSyntax, nil, nil},
		{"0.000000001", nil, ErrPrecision, nil},
		{"1.123456789", nil, ErrPrecision, nil},
		{"92233720368.54775808", nil, ErrOverflow, nil},
		{"-92233720368.54775809", nil, ErrOverflow, nil},
		{"1e11", nil, ErrOverflow, nil},
		{"1e400", ErrOverflow, nil, errOK},
		{"1e9999", ErrOverflow, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			check := func(backend string, err, want error) {
				t.Helper()
				if want == nil || want == errOK {
					if err != nil {
						t.Fatalf("%s: Parse(%q) error %v, want success", backend, tc.in, err)
					}
					return
				}
				var pe *ParseError
				if !errors.Is(err, want) || !errors.As(err, &pe) || pe.Backend != backend || pe.Input != tc.in {
					t.Fatalf("%s: Parse(%q) error %v, want %v naming the backend and input", backend, tc.in, err, want)
				}
			}
			_, err := Parse[Float](tc.in)
			check("float", err, tc.err)
			_, err = Parse[Decimal](tc.in)
			want := tc.err
			if tc.dec != nil {
				want = tc.dec
			}
			check("decimal", err, want)
			want = tc.err
			if tc.fixed != nil {
				want = tc.fixed
			}
			_, err = Parse[Fixed](tc.in)
			check("fixed", err, want)
		})
	}
}

func TestParseFormatCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"+1", "1"},
		{"1.50", "1.5"},
		{"001.000", "1"},
		{".5", "0.5"},
		{"5.", "5"},
		{"-0.00000001", "-0.00000001"},
		{"1.2e-05", "0.000012"},
		{"1.5E3", "1500"},
		{"12345678901.12345678", "12345678901.12345678"},
		{"92233720368.54775807", "92233720368.54775807"},
		{"-92233720368.54775808", "-92233720368.54775808"},
		{"0.000000010000", "0.00000001"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			for _, got := range []string{MustParse[Fixed](tc.in).String(), MustParse[Decimal](tc.in).String()} {
				if got != tc.want {
					t.Fatalf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
				}
			}
			f := MustParse[Float](tc.in)
			if back := MustParse[Float](f.String()); back != f {
				t.Fatalf("Float %q does not round-trip: %s", tc.in, f)
			}
		})
	}
}

func TestFixedFromFloat64Rounds(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"},
		{1.0 / 3, "0.33333333"},
		{2.0 / 3, "0.66666667"},
		{0.000000005, "0"},          // tie -> even
		{0.000000015, "0.00000002"}, // tie -> even
		{-123.456, "-123.456"},
		{1e-300, "0"},
	}
	for _, tc := range tests {
		got, err := FromFloat64[Fixed](tc.f)
		if err != nil || got.String() != tc.want {
			t.Errorf("FromFloat64[Fixed](%v) = %v, %v; want %s", tc.f, got, err, tc.want)
		}
	}
	if _, err := FromFloat64[Fixed](1e11); !errors.Is(err, ErrOverflow) {
		t.Errorf("FromFloat64[Fixed](1e11) error = %v, want overflow", err)
	}
}

func TestFixedFloat64Nearest(t *testing.T) {
	for _, s := range []string{"0.1", "92233720368.54775807", "-12345678.87654321", "0.00000001", "9007199.25474099"} {
		if got, want := MustParse[Fixed](s).Float64(), MustParse[Float](s).Float64(); got != want {
			t.Errorf("Fixed(%s).Float64() = %v, want %v (nearest)", s, got, want)
		}
	}
}

func TestFixedIntEdges(t *testing.T) {
	if _, e := catchFixed(func() Fixed { return MinFixed.DivInt(-1) }); e == nil || e.Op != "divint" || !errors.Is(e, ErrOverflow) {
		t.Fatalf("MinFixed.DivInt(-1): %v", e)
	}
	if _, e := catchFixed(func() Fixed { return Fixed(1).DivInt(0) }); e == nil || !errors.Is(e, ErrDivisionByZero) {
		t.Fatalf("DivInt(0): %v", e)
	}
	if _, e := catchFixed(func() Fixed { return MaxFixed.MulInt(2) }); e == nil || e.Op != "mulint" {
		t.Fatalf("MaxFixed.MulInt(2): %v", e)
	}
	if got := Fixed(5).DivInt(2); got != 2 { // 0.00000005/2 = 0.000000025 -> 0.00000002 (even)
		t.Fatalf("half-even DivInt: %v", got)
	}
	if got := Fixed(7).DivInt(2); got != 4 { // 0.000000035 -> 0.00000004 (even)
		t.Fatalf("half-even DivInt: %v", got)
	}
}

func TestIsFinite(t *testing.T) {
	if !IsFinite(MustParse[Decimal]("5e400")) || !IsFinite(MaxFixed) || !IsFinite(MustParse[Float]("1e308")) {
		t.Fatal("a finite value reported infinite")
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if IsFinite(Float(f)) {
			t.Fatalf("%v reported finite", f)
		}
	}
}

func TestAbbrev(t *testing.T) {
	for in, want := range map[string]string{
		"12.5": "12.5", "10000000000000000000": "10000000000000000000",
		"1" + strings.Repeat("0", 400): "1e+400", "-12345678" + strings.Repeat("0", 30) + ".5": "-1.234567e+37",
	} {
		if got := Abbrev(in); got != want {
			t.Errorf("Abbrev(%.30s...) = %s, want %s", in, got, want)
		}
	}
}
