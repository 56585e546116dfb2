package numeric

import (
	"math"
	"strconv"
)

// Float is the float64 backend: IEEE 754 binary64 arithmetic, the speed
// baseline. It is not exact: decimal prices such as 0.1 are approximated,
// and results drift; the bench measures how far. Division by zero and the
// square root of a negative panic with an [ArithmeticError] (they would
// otherwise yield Inf or NaN, a silent wrong value); overflow to infinity is
// not checked.
type Float float64

const floatName = "float"

// Add returns x+y.
func (x Float) Add(y Float) Float { return x + y }

// Sub returns x-y.
func (x Float) Sub(y Float) Float { return x - y }

// Mul returns x*y.
func (x Float) Mul(y Float) Float { return x * y }

// MulInt returns x*k.
func (x Float) MulInt(k int64) Float { return x * Float(k) }

// DivInt returns x/k; it panics if k is zero.
func (x Float) DivInt(k int64) Float {
	if k == 0 {
		floatDivByZero(x)
	}
	return x / Float(k)
}

// Div returns x/y; it panics if y is zero.
func (x Float) Div(y Float) Float {
	if y == 0 {
		floatDivByZero(x)
	}
	return x / y
}

//go:noinline
func floatDivByZero(x Float) { panicFloat("div", ErrDivisionByZero, x, 0) }

// MulRound returns x*y rounded to decimals places with mode (in binary
// floating point, so only approximately).
func (x Float) MulRound(y Float, decimals int, mode RoundingMode) Float {
	if decimals == 8 && mode == HalfEven {
		// The ledger's rounding of every notional and position value:
		// Quantize's arithmetic for this case, without its call and
		// switch.
		return Float(math.RoundToEven(float64(x*y)*pow10f[8]) / pow10f[8])
	}
	return (x * y).Quantize(decimals, mode)
}

// DivRound returns x/y rounded to decimals places with mode.
func (x Float) DivRound(y Float, decimals int, mode RoundingMode) Float {
	return x.Div(y).Quantize(decimals, mode)
}

// Neg returns -x.
func (x Float) Neg() Float { return -x }

// Abs returns |x|.
func (x Float) Abs() Float { return Float(math.Abs(float64(x))) }

// Sqrt returns the square root of x; it panics if x is negative.
func (x Float) Sqrt() Float {
	if x < 0 {
		panicFloat("sqrt", ErrInvalid, x)
	}
	return Float(math.Sqrt(float64(x)))
}

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x Float) Cmp(y Float) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// Sign returns -1, 0 or +1 by the sign of x.
func (x Float) Sign() int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// IsZero reports whether x is zero.
func (x Float) IsZero() bool { return x == 0 }

// Min returns the smaller of x and y.
func (x Float) Min(y Float) Float {
	if y < x {
		return y
	}
	return x
}

// Max returns the larger of x and y.
func (x Float) Max(y Float) Float {
	if y > x {
		return y
	}
	return x
}

// Quantize rounds x to decimals places (0..18) with mode. The scaling by a
// power of ten is done in binary floating point: the result is the float64
// nearest to a decimal with that many places, not that decimal.
func (x Float) Quantize(decimals int, mode RoundingMode) Float {
	if decimals < 0 || decimals > 18 {
		panicFloat("quantize", ErrInvalid, x)
	}
	p := pow10f[decimals]
	v := float64(x) * p
	var r float64
	switch mode {
	case HalfEven:
		r = math.RoundToEven(v)
	case HalfUp:
		r = math.Round(v)
	case Down:
		r = math.Trunc(v)
	case Up:
		if v < 0 {
			r = math.Floor(v)
		} else {
			r = math.Ceil(v)
		}
	case Floor:
		r = math.Floor(v)
	case Ceiling:
		r = math.Ceil(v)
	default:
		panicFloat("quantize", ErrInvalid, x)
	}
	return Float(r / p)
}

var pow10f = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// Float64 returns x.
func (x Float) Float64() float64 { return float64(x) }

// String returns the shortest decimal that reads back as x, in plain
// notation ("0.1", "123456789", "-0.000001").
func (x Float) String() string {
	if x == 0 {
		return "0" // also for -0
	}
	return strconv.FormatFloat(float64(x), 'f', -1, 64)
}

// FromInt64 returns i as a Float (rounded to nearest beyond 2^53).
func (Float) FromInt64(i int64) Float { return Float(i) }

// FromFloat64 returns f; NaN and infinities are an error.
func (Float) FromFloat64(f float64) (Float, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, parseError(floatName, strconv.FormatFloat(f, 'g', -1, 64), ErrSyntax)
	}
	return Float(f), nil
}

// Parse reads decimal text (see [Parse]) as the nearest float64.
func (Float) Parse(s string) (Float, error) {
	if !isDecimalSyntax(s) {
		return 0, parseError(floatName, s, ErrSyntax)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, parseError(floatName, s, ErrOverflow)
	}
	return Float(f), nil
}

func panicFloat(op string, err error, xs ...Float) {
	ops := make([]string, len(xs))
	for i, x := range xs {
		ops[i] = x.String()
	}
	panic(&ArithmeticError{Backend: floatName, Op: op, Operands: ops, Err: err})
}
