package cli

import (
	"math/big"
	"testing"
)

func TestDriftRows(t *testing.T) {
	r := func(ss ...string) []*big.Rat {
		out := make([]*big.Rat, len(ss))
		for i, s := range ss {
			out[i] = exactValue(s)
		}
		return out
	}
	ref := &outcome{value: exactValue("100"), curve: r("100", "101", "100")}
	tests := []struct {
		name        string
		o           *outcome
		final, span string
	}{
		{"same", &outcome{value: exactValue("100"), curve: r("100", "101", "100")}, "0", "0"},
		{"drift", &outcome{value: exactValue("100.00000000003"), curve: r("99.99999999995", "101", "100.00000000003")}, "0.00000000003", "0.00000000005"},
		{"below", &outcome{value: exactValue("99.5"), curve: r("100", "100", "100")}, "-0.5", "1"},
		{"beyond 12 decimals", &outcome{value: exactValue("100.0000000000001"), curve: r("100", "101", "100")}, "0", "0"},
		{"nan", &outcome{value: exactValue("NaN"), curve: r("100", "NaN", "100")}, "?", "?"},
		{"shorter", &outcome{value: exactValue("100"), curve: r("100", "101")}, "0", "?"},
	}
	for _, tc := range tests {
		if got := finalDrift(tc.o, ref); got != tc.final {
			t.Errorf("%s: drift of final value %q, want %q", tc.name, got, tc.final)
		}
		if got := curveDrift(tc.o, ref); got != tc.span {
			t.Errorf("%s: max drift of equity %q, want %q", tc.name, got, tc.span)
		}
	}
}

// exactValue reads the decimal text of a value (nil for NaN and the
// infinities).
func exactValue(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil
	}
	return r
}
