package numeric

import (
	"errors"
	"testing"
)

// FuzzParse checks, for any text: no backend panics; every accepted value
// prints canonically and reads back to the same value; Fixed and Decimal
// agree digit for digit whenever Fixed accepts; Fixed refuses only with a
// precision or range error what Decimal accepts.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.5", "abc", "", "1.2.3", "NaN", "Inf", "1e-05", ".5", "5.",
		"92233720368.54775807", "92233720368.54775808", "0.000000001", "-1E+3", "1e", "0x1", "00012.3400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fx, errFixed := Parse[Fixed](s)
		dx, errDec := Parse[Decimal](s)
		fl, errFloat := Parse[Float](s)
		if errFixed == nil {
			if back := MustParse[Fixed](fx.String()); back != fx {
				t.Fatalf("fixed %q: %s reads back as %s", s, fx, back)
			}
			if errDec != nil || dx.String() != fx.String() {
				t.Fatalf("%q: fixed %s, decimal %v %v", s, fx, dx, errDec)
			}
		}
		if errDec == nil {
			c := dx.String()
			back := MustParse[Decimal](c)
			if back.Cmp(dx) != 0 || back.String() != c {
				t.Fatalf("decimal %q: %s reads back as %s", s, c, back)
			}
			if errFixed != nil && !errors.Is(errFixed, ErrPrecision) && !errors.Is(errFixed, ErrOverflow) {
				t.Fatalf("%q: decimal accepts, fixed refuses with %v", s, errFixed)
			}
		} else if errFixed == nil || (errFloat == nil && !errors.Is(errDec, ErrOverflow)) {
			t.Fatalf("%q: decimal refuses (%v), fixed %v, float %v", s, errDec, errFixed, errFloat)
		}
		if errFloat == nil {
			if back := MustParse[Float](fl.String()); back != fl {
				t.Fatalf("float %q: %s reads back as %s", s, fl, back)
			}
		}
	})
}
