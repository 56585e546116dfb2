package store

import (
	"errors"
	"fmt"

	"github.com/pennybt/penny/numeric"
)

// MaxDigits is the most significant digits a stored column holds: Parquet
// DECIMAL on INT64 has a precision of at most 18. A value whose digits at
// its column's scale exceed it is refused by Write.
const MaxDigits = 18

// maxUnscaled is the largest magnitude of an unscaled value, 10^18 - 1.
const maxUnscaled = 999_999_999_999_999_999

var pow10i = [...]int64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
}

// errDigits is the cause of a value refused for too many digits.
var errDigits = fmt.Errorf("more than %d significant digits at the column's scale", MaxDigits)

// errNotFinite is the cause of a Float NaN or infinity refused by Write.
var errNotFinite = errors.New("not a finite number")

// ValueError reports a value that cannot be stored or loaded: it names the
// file (or symbol), the column, the row and the value.
type ValueError struct {
	File   string // file path, or the symbol when writing
	Column string
	Row    int
	Value  string
	Err    error
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("%s: column %s, row %d: value %s: %v", e.File, e.Column, e.Row, e.Value, e.Err)
}

func (e *ValueError) Unwrap() error { return e.Err }

// scaled is a column of decimal values as integers at one scale: value i
// is unscaled[i] / 10^scale.
type scaled struct {
	unscaled []int64
	scale    int
}

// encode writes xs as integers at the smallest scale that holds every
// value exactly (the most decimals any value has), with
// numeric.ToUnscaled (for Float, each value's shortest round-trip text).
// It fails when a value needs more than MaxDigits digits at that scale.
// dst is reused if large enough.
func encode[N numeric.Number[N]](xs []N, dst []int64, where, column string) (scaled, error) {
	if cap(dst) < len(xs) {
		dst = make([]int64, len(xs))
	}
	dst = dst[:len(xs)]
	scale, i, ok := numeric.ToUnscaled(dst, xs, MaxDigits)
	if ok {
		return scaled{dst, scale}, nil
	}
	x := xs[i]
	err := errDigits
	switch u, d, ok := x.Unscaled(); {
	case x.Rat() == nil:
		err = errNotFinite
	case ok && d <= MaxDigits && u <= maxUnscaled && u >= -maxUnscaled: // too long only at the column's scale
		err = fmt.Errorf("%w (%d decimals, as other values of the column have)", errDigits, scale)
	}
	return scaled{}, &ValueError{File: where, Column: column, Row: i, Value: x.String(), Err: err}
}

// decode converts a column of integers at scale into dst with
// [numeric.FromUnscaled]: exactly for Fixed and Decimal, to the nearest
// float64 for Float. A value the backend cannot hold (in Fixed, more than
// 8 decimals or beyond its range) is a *ValueError. start is the row of
// src[0] in the file, for error messages.
func decode[N numeric.Number[N]](dst []N, src []int64, scale int, file, column string, start int) error {
	i, err := numeric.FromUnscaled(dst, src, scale)
	if err == nil {
		return nil
	}
	value, cause := fmt.Sprint(src[i], "e-", scale), err
	if pe, ok := errors.AsType[*numeric.ParseError](err); ok {
		value, cause = pe.Input, pe.Err
	}
	return &ValueError{File: file, Column: column, Row: start + i, Value: value,
		Err: fmt.Errorf("%w for the %s backend: load this bundle with the decimal backend", cause, numeric.Backend[N]())}
}
