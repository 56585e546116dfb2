package numeric

import "math"

// RoundEstimate rounds a value known only through a float64 estimate,
// when that is safe: it is the fast path of a value that code otherwise
// computes exactly with math/big and rounds with [FromRat]. The caller
// promises that the exact value v lies within tol*|est| of est. By
// backend:
//
//   - Fixed returns v rounded to min(decimals, 8) places with mode, ok,
//     when every value within that distance rounds to the same result
//     (the margin also covers this function's own scaling of est); ok is
//     false when a rounding boundary (a half unit for HalfEven and HalfUp,
//     a whole unit otherwise) is that close, when tol or est is not
//     finite, and when the result would be beyond about 4.6e10.
//   - Float returns Float(est).Quantize(decimals, mode), always ok: Float
//     evaluates in float64, so the estimate is its result.
//   - Decimal, the reference, and any other backend never round from a
//     float: ok is false.
//
// decimals must be in 0..18. So for Fixed the result is exactly the
// exact computation's whenever ok, and a caller's fast path cannot change
// a Fixed result (given a correct tol).
func RoundEstimate[N Number[N]](est, tol float64, decimals int, mode RoundingMode) (N, bool) {
	var z N
	switch p := any(&z).(type) {
	case *Fixed:
		v, ok := fixedRoundEstimate(est, tol, decimals, mode)
		*p = v
		return z, ok
	case *Float:
		*p = Float(est).Quantize(decimals, mode)
		return z, true
	}
	return z, false
}

func fixedRoundEstimate(est, tol float64, decimals int, mode RoundingMode) (Fixed, bool) {
	if decimals < 0 || decimals > 18 {
		panicFixed("roundestimate", ErrInvalid)
	}
	d := min(decimals, FixedDecimals)
	v := est * pow10f[d] // in units of 10^-d; one more rounding, 2^-53 relative
	// The distance to the exact value, in units, with room for the
	// scaling above and an absolute margin near zero.
	bound := math.Abs(v)*(tol+0x1p-52) + 1e-9
	if !(bound < 0.25) || !(math.Abs(v) < 0x1p62) { // also NaN
		return 0, false
	}
	var r float64
	switch mode {
	case HalfEven, HalfUp:
		// Safe unless v is within bound of a half unit; then every
		// candidate rounds to the integer nearest v.
		if h := v - math.Floor(v) - 0.5; h > -bound && h < bound {
			return 0, false
		}
		r = math.Round(v)
	case Down, Up, Floor, Ceiling:
		// Safe unless v is within bound of a whole unit.
		if n := math.Round(v); math.Abs(v-n) < bound {
			return 0, false
		}
		switch {
		case mode == Down:
			r = math.Trunc(v)
		case mode == Floor, mode == Up && v < 0:
			r = math.Floor(v)
		default:
			r = math.Ceil(v)
		}
	default:
		panicFixed("roundestimate", ErrInvalid)
	}
	// |r| < 2^62, and r * 10^(8-d) must fit the range.
	q := int64(r)
	if lim := fixedUnitLimits[d]; q > lim || q < -lim {
		return 0, false
	}
	return Fixed(q * int64(pow10u[FixedDecimals-d])), true
}

// fixedUnitLimits[d] is the largest number of units of 10^-d in Fixed's
// range.
var fixedUnitLimits = [FixedDecimals + 1]int64{
	math.MaxInt64 / 100_000_000, math.MaxInt64 / 10_000_000, math.MaxInt64 / 1_000_000,
	math.MaxInt64 / 100_000, math.MaxInt64 / 10_000, math.MaxInt64 / 1_000,
	math.MaxInt64 / 100, math.MaxInt64 / 10, math.MaxInt64,
}
