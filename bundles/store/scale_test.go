package store

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

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

func TestEncodeFloatNotFinite(t *testing.T) {
	xs := []numeric.Float{1, numeric.Float(math.Inf(-1))}
	_, err := encode(xs, nil, "SYM", "low")
	if !errors.Is(err, errNotFinite) || !strings.Contains(err.Error(), "SYM: column low, row 1: value -Inf") {
		t.Errorf("error %v", err)
	}
}
