package numeric

import (
	"fmt"
	"math/big"
)

// Number is the constraint every numeric backend satisfies and that the
// engine is written over: a type parameter N of Penny's generic code is
// always instantiated as Number[N]. Values are immutable; every method has a
// value receiver and returns a new value.
//
// Rounding: Add, Sub, Neg, Abs, Cmp, Min and Max are exact (or panic with an
// [ArithmeticError] on overflow). Mul, Div and Sqrt round to the backend's
// precision by its documented rule (half-even for Fixed and Decimal, IEEE 754
// for Float). MulRound, DivRound, MulDiv and Quantize round once, to the
// given number of decimals, by the given mode. TruncTo, IsMultiple, Rat and
// Unscaled are exact in Fixed and Decimal.
//
// The constructors FromInt64, FromFloat64, Parse and FromRat ignore their
// receiver: call them on the zero value, or through [Int], [FromFloat64],
// [Parse] and [FromRat].
type Number[T any] interface {
	Add(y T) T
	Sub(y T) T
	Mul(y T) T
	// MulInt returns x*k, exactly (Fixed and Decimal; Float rounds).
	// Cheaper than Mul by a whole number in Fixed: no rounding division.
	MulInt(k int64) T
	Div(y T) T
	// DivInt returns x/k rounded by the backend's rule, like Div by a
	// whole number (cheaper in Fixed: no 128-bit division). It panics if
	// k is zero.
	DivInt(k int64) T
	// MulRound returns x*y rounded once to decimals places with mode.
	MulRound(y T, decimals int, mode RoundingMode) T
	// DivRound returns x/y rounded once to decimals places with mode.
	DivRound(y T, decimals int, mode RoundingMode) T
	Neg() T
	Abs() T
	Sqrt() T
	Cmp(y T) int
	// MulCmp returns the sign of x*y - z*w with the products exact
	// (Fixed and Decimal; Float compares its rounded products, as
	// x.Mul(y).Cmp(z.Mul(w))): a ratio comparison without a division,
	// and in Fixed without Mul's rounding division either.
	MulCmp(y, z, w T) int
	Sign() int
	IsZero() bool
	Min(y T) T
	Max(y T) T
	// Quantize rounds x to decimals places with mode.
	Quantize(decimals int, mode RoundingMode) T
	// MulDiv returns x*y/z computed exactly and rounded once to
	// decimals places with mode (Float: in float64, then Quantize). It
	// panics if z is zero or the result overflows.
	MulDiv(y, z T, decimals int, mode RoundingMode) T
	// TruncTo returns x rounded toward zero to a whole multiple of step,
	// exactly whatever x/step (Float: see [Float.TruncTo]). It panics if
	// step is zero.
	TruncTo(step T) T
	// IsMultiple reports whether x is a whole multiple of step (Float:
	// to 1e-9 relative). It panics if step is zero.
	IsMultiple(step T) bool
	// Rat returns the exact value of x as a new big.Rat (a Float's
	// binary value), or nil if x is not finite.
	Rat() *big.Rat
	// Unscaled returns u and scale >= 0 with x = u * 10^-scale, scale as
	// small as it can be; ok is false when u does not fit an int64 or x
	// is not finite. Float gives the decimal String prints.
	Unscaled() (u int64, scale int, ok bool)
	// Float64 returns the nearest float64 (the only lossy conversion).
	Float64() float64
	// String returns the canonical decimal text: plain notation, no
	// exponent, no trailing fractional zeros, "0" for zero. Parse reads it
	// back to the same value.
	String() string
	MarshalText() ([]byte, error)

	FromInt64(i int64) T
	FromFloat64(f float64) (T, error)
	Parse(s string) (T, error)
	// FromRat returns r rounded once to decimals places with mode (see
	// [FromRat]).
	FromRat(r *big.Rat, decimals int, mode RoundingMode) (T, error)
}

// Zero returns the zero value of N, which is 0 for every backend.
func Zero[N Number[N]]() N {
	var z N
	return z
}

// Int returns i as an N. It panics with an [ArithmeticError] if i is out of
// N's range (Fixed holds integers up to 92233720368).
func Int[N Number[N]](i int64) N {
	var z N
	return z.FromInt64(i)
}

// Parse reads decimal text exactly into N, never through float64. It
// accepts an optional sign, digits with an optional decimal point and an
// optional exponent ("1.25", "-0.5", "1.2e-05"). It rejects NaN, infinities,
// empty or malformed text ([ErrSyntax]), more decimals than N holds exactly
// ([ErrPrecision]), and values beyond N's range ([ErrOverflow]).
func Parse[N Number[N]](s string) (N, error) {
	var z N
	return z.Parse(s)
}

// MustParse is Parse for constants in code: it panics if s is not valid.
func MustParse[N Number[N]](s string) N {
	v, err := Parse[N](s)
	if err != nil {
		panic(err)
	}
	return v
}

// FromFloat64 converts f to N by the documented rule: f is first written as
// the shortest decimal that reads back as the same float64
// (strconv.FormatFloat(f, 'e', -1, 64)), and that decimal is then rounded to
// N's precision half-even. NaN and infinities are an error.
func FromFloat64[N Number[N]](f float64) (N, error) {
	var z N
	return z.FromFloat64(f)
}

// Backend returns the name of N's backend in the registry ([Backends]):
// "float", "fixed" or "decimal" (or the Go type name of any other
// implementation).
func Backend[N Number[N]]() string {
	var z N
	switch any(z).(type) {
	case Float:
		return floatName
	case Fixed:
		return fixedName
	case Decimal:
		return decimalName
	}
	return fmt.Sprintf("%T", z)
}

// Sum returns the exact (for Fixed and Decimal) sum of xs.
func Sum[N Number[N]](xs []N) N {
	var s N
	for _, x := range xs {
		s = s.Add(x)
	}
	return s
}
