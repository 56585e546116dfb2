package numeric

import "math/big"

// IsFinite reports whether v is a finite number. Only Float holds NaN and
// the infinities; a Fixed is always finite, and so is a Decimal, even one
// beyond float64's range (whose Float64 is an infinity), which is why
// this does not test Float64 alone.
func IsFinite[N Number[N]](v N) bool {
	if f := v.Float64(); f-f == 0 {
		return true
	}
	_, ok := new(big.Rat).SetString(v.String())
	return ok
}
