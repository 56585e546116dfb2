package store

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

var parseScaledTests = []struct {
	in   string
	u    int64
	d    int
	fail bool
}{
	{in: "0", u: 0, d: 0},
	{in: "-0", u: 0, d: 0},
	{in: "1", u: 1, d: 0},
	{in: "100", u: 100, d: 0},
	{in: "1.5", u: 15, d: 1},
	{in: "1.50", u: 15, d: 1},
	{in: "1.", u: 1, d: 0},
	{in: "0.00000001", u: 1, d: 8},
	{in: "-12.345", u: -12345, d: 3},
	{in: "+7.25", u: 725, d: 2},
	{in: "0.000000000000000001", u: 1, d: 18},
	{in: "999999999999999999", u: 999999999999999999, d: 0},
	{in: "123456789.123456789", u: 123456789123456789, d: 9},
	{in: "0000123.4", u: 1234, d: 1},
	{in: "1000000000000000000", fail: true},
	{in: "0.0000000000000000001", fail: true},
	{in: "", fail: true},
	{in: ".", fail: true},
	{in: "-", fail: true},
	{in: "1e5", fail: true},
	{in: "1.2.3", fail: true},
	{in: "NaN", fail: true},
}

func TestParseScaled(t *testing.T) {
	for _, tc := range parseScaledTests {
		u, d, err := parseScaled(tc.in)
		if tc.fail {
			if err == nil {
				t.Errorf("parseScaled(%q) = %d, %d; want an error", tc.in, u, d)
			}
			continue
		}
		if err != nil || u != tc.u || d != tc.d {
			t.Errorf("parseScaled(%q) = %d, %d, %v; want %d, %d", tc.in, u, d, err, tc.u, tc.d)
		}
	}
}

// FuzzParseScaled checks parseScaled against math/big.Rat: whatever it
// accepts has exactly the value of the text, and formatScaled prints it
// back to text of the same value.
func FuzzParseScaled(f *testing.F) {
	for _, tc := range parseScaledTests {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, d, err := parseScaled(s)
		if err != nil {
			return
		}
		want, ok := new(big.Rat).SetString(s)
		if !ok || strings.ContainsAny(s, "eE/") {
			t.Fatalf("parseScaled accepted %q, which is not plain decimal text", s)
		}
		got := new(big.Rat).SetFrac(big.NewInt(u), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil))
		if got.Cmp(want) != 0 {
			t.Fatalf("parseScaled(%q) = %d / 10^%d = %s", s, u, d, got.RatString())
		}
		u2, d2, err := parseScaled(formatScaled(u, d))
		if err != nil || u2 != u || d2 != d {
			t.Fatalf("formatScaled(%d, %d) = %q reads back as %d, %d, %v", u, d, formatScaled(u, d), u2, d2, err)
		}
	})
}

func TestEncodeDecode(t *testing.T) {
	backendtest.Run(t, testEncodeDecodeByName)
}

// testEncodeDecode encodes a column to integers at one scale, checks the
// scale and each unscaled integer against big.Rat, and decodes it back to
// the same canonical text.
//
//penny:backends
func testEncodeDecode[N numeric.Number[N]](t *testing.T) {
	tests := []struct {
		name  string
		in    []string
		scale int
	}{
		{"integers", []string{"1", "20", "300"}, 0},
		{"mixed decimals", []string{"1.5", "2.25", "3"}, 2},
		{"eight decimals", []string{"0.00000001", "1234567.12345678"}, 8},
		{"most digits", []string{"9999999999.99999999", "0.5"}, 8},
		{"zeros", []string{"0", "0"}, 0},
		{"large volume", []string{"123456789012", "5"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			xs := make([]N, len(tc.in))
			for i, s := range tc.in {
				x, err := numeric.Parse[N](s)
				if errors.Is(err, numeric.ErrOverflow) {
					t.Skipf("%s is beyond %s's range", s, numeric.Backend[N]())
				}
				if err != nil {
					t.Fatal(err)
				}
				if x.String() != s {
					t.Skipf("%s is not exact in %s", s, numeric.Backend[N]())
				}
				xs[i] = x
			}
			c, err := encode(xs, nil, "SYM", "open")
			if err != nil {
				t.Fatal(err)
			}
			if c.scale != tc.scale {
				t.Errorf("scale %d, want %d", c.scale, tc.scale)
			}
			for i, s := range tc.in {
				want, _ := new(big.Rat).SetString(s)
				want.Mul(want, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(c.scale)), nil)))
				if !want.IsInt() || want.Num().Int64() != c.unscaled[i] {
					t.Errorf("value %s: unscaled %d, want %s", s, c.unscaled[i], want.RatString())
				}
			}
			back := make([]N, len(xs))
			if err := decode(back, c.unscaled, c.scale, "f", "open", 0); err != nil {
				t.Fatal(err)
			}
			for i := range xs {
				if back[i].Cmp(xs[i]) != 0 || back[i].String() != xs[i].String() {
					t.Errorf("row %d: %s decodes as %s", i, xs[i], back[i])
				}
			}
		})
	}
}

// TestDecodeFloatNearest checks the Float rule on values where a naive
// conversion would be off: the result is the float64 nearest to the
// decimal, as strconv.ParseFloat gives it.
func TestDecodeFloatNearest(t *testing.T) {
	tests := []struct {
		u     int64
		scale int
	}{
		{1, 1}, {3, 1}, {7, 2}, {123456789, 8}, {1<<53 + 1, 3}, {999999999999999999, 18},
		{-999999999999999999, 5}, {9007199254740993, 0}, {1, 18},
	}
	for _, tc := range tests {
		dst := make([]numeric.Float, 1)
		decodeFloat(dst, []int64{tc.u}, tc.scale)
		want, err := numeric.Parse[numeric.Float](formatScaled(tc.u, tc.scale))
		if err != nil {
			t.Fatal(err)
		}
		if dst[0] != want {
			t.Errorf("%d / 10^%d: got %v, want %v", tc.u, tc.scale, dst[0], want)
		}
	}
}

func TestEncodeFloatSpecial(t *testing.T) {
	// 0.1 + 0.2 is not 0.3 in binary: its shortest text has 17 decimals,
	// which leaves no room for a 3-digit integer part in 18 digits.
	a, b := numeric.Float(0.1), numeric.Float(0.2)
	xs := []numeric.Float{a.Add(b), 100}
	_, err := encode(xs, nil, "SYM", "close")
	if !errors.Is(err, errDigits) || !strings.Contains(err.Error(), "SYM: column close, row 1: value 100") {
		t.Errorf("error %v", err)
	}
}
