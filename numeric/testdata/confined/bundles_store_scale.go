package store

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/ericlagergren/decimal"

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

var pow10f = [...]float64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// errDigits is the cause of a value refused for too many digits.
var errDigits = fmt.Errorf("more than %d significant digits at the column's scale", MaxDigits)

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
// value exactly (the most decimals any value has). It fails when a value
// needs more than MaxDigits digits at that scale. dst is reused if large
// enough.
func encode[N numeric.Number[N]](xs []N, dst []int64, where, column string) (scaled, error) {
	if cap(dst) < len(xs) {
		dst = make([]int64, len(xs))
	}
	dst = dst[:len(xs)]
	if v, ok := any(xs).([]numeric.Fixed); ok { // want
		return encodeFixed(v, dst, where, column)
	}
	// Every other backend gives each value's coefficient and decimals
	// exactly: Float through its shortest round-trip text, Decimal from its
	// coefficient and scale, any other through its canonical text.
	decs := make([]int8, len(xs))
	scale := 0
	var buf []byte
	for i, x := range xs {
		var (
			u   int64
			d   int
			err error
		)
		switch v := any(x).(type) {
		case numeric.Float: // want
			buf = strconv.AppendFloat(buf[:0], float64(v), 'f', -1, 64)
			u, d, err = parseScaled(buf)
		case numeric.Decimal: // want
			u, d, err = decimalParts(v)
		default:
			u, d, err = parseScaled(x.String())
		}
		if err != nil {
			return scaled{}, &ValueError{File: where, Column: column, Row: i, Value: x.String(), Err: err}
		}
		dst[i], decs[i] = u, int8(d)
		scale = max(scale, d)
	}
	for i, u := range dst {
		k := scale - int(decs[i])
		if k == 0 {
			continue
		}
		if u > maxUnscaled/pow10i[k] || u < -maxUnscaled/pow10i[k] {
			return scaled{}, &ValueError{File: where, Column: column, Row: i, Value: xs[i].String(),
				Err: fmt.Errorf("%w (%d decimals, as other values of the column have)", errDigits, scale)}
		}
		dst[i] = u * pow10i[k]
	}
	return scaled{dst, scale}, nil
}

// decimalParts returns the coefficient and decimals of x, without
// trailing fractional zeros: x = u / 10^d.
func decimalParts(x numeric.Decimal) (u int64, d int, err error) {
	b := x.Big() // a copy, free to modify
	d = b.Scale()
	b.SetScale(0)
	u, ok := b.Int64()
	if !ok || u > maxUnscaled || u < -maxUnscaled {
		return 0, 0, errDigits
	}
	for ; d < 0; d++ {
		if u > maxUnscaled/10 || u < -maxUnscaled/10 {
			return 0, 0, errDigits
		}
		u *= 10
	}
	for d > 0 && u%10 == 0 {
		u /= 10
		d--
	}
	if d > MaxDigits {
		return 0, 0, errDigits
	}
	return u, d, nil
}

// encodeFixed is encode for Fixed: the raw integers are already at scale
// 8, and are divided down to the smallest scale with no remainder.
func encodeFixed(xs []numeric.Fixed, dst []int64, where, column string) (scaled, error) {
	scale := 0
	for _, x := range xs {
		r := x.Raw()
		for scale < numeric.FixedDecimals && r%pow10i[numeric.FixedDecimals-scale] != 0 {
			scale++
		}
	}
	div := pow10i[numeric.FixedDecimals-scale]
	for i, x := range xs {
		u := x.Raw() / div
		if u > maxUnscaled || u < -maxUnscaled {
			return scaled{}, &ValueError{File: where, Column: column, Row: i, Value: x.String(),
				Err: fmt.Errorf("%w (%d decimals, as other values of the column have)", errDigits, scale)}
		}
		dst[i] = u
	}
	return scaled{dst, scale}, nil
}

// parseScaled reads plain decimal text ([-]digits[.digits], as the
// canonical String of every backend prints) as an integer u and a number
// of decimals d, value = u / 10^d, with trailing fractional zeros dropped.
// It fails on other syntax and on more than MaxDigits significant digits.
func parseScaled[T string | []byte](s T) (u int64, d int, err error) {
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		i++
	}
	// Trim trailing fractional zeros, and the point if nothing follows.
	end := len(s)
	if dot := indexByte(s[i:], '.'); dot >= 0 {
		for end > i+dot+1 && s[end-1] == '0' {
			end--
		}
		if end == i+dot+1 {
			end--
		}
	}
	digits, sig, dot := 0, 0, false
	for ; i < end; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if dot {
				d++
			}
			if u == 0 && c == '0' {
				continue // leading zeros are not significant
			}
			sig++
			if sig > MaxDigits {
				return 0, 0, errDigits
			}
			u = u*10 + int64(c-'0')
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, numeric.ErrSyntax
		}
	}
	if digits == 0 {
		return 0, 0, numeric.ErrSyntax
	}
	if d > MaxDigits {
		return 0, 0, errDigits
	}
	if neg {
		u = -u
	}
	return u, d, nil
}

func indexByte[T string | []byte](s T, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// formatScaled returns the decimal text of u / 10^scale.
func formatScaled(u int64, scale int) string {
	neg := u < 0
	var mag uint64
	if neg {
		mag = uint64(-(u + 1)) + 1
	} else {
		mag = uint64(u)
	}
	digits := strconv.FormatUint(mag, 10)
	if scale > 0 {
		for len(digits) <= scale {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// errFixedDecimals is the cause of a column that Fixed cannot hold.
var errFixedDecimals = errors.New("more decimals than Fixed holds (8): load this bundle with the decimal backend")

// decode converts a column of integers at scale into dst, exactly for
// Fixed and Decimal and to the nearest float64 for Float:
//
//   - Fixed: raw = u * 10^(8-scale); a value with more than 8 decimals or
//     beyond Fixed's range is an error.
//   - Float: the float64 nearest to u / 10^scale. When |u| <= 2^53 and
//     scale <= 22 both operands of float64(u) / 10^scale are exact, so the
//     single IEEE division rounds correctly; otherwise the decimal text is
//     converted by strconv.ParseFloat, also correctly rounded. Either way
//     the result equals numeric.Parse[Float] of the value's text.
//   - Decimal: the decimal with coefficient u and scale, exactly.
//   - any other backend: numeric.Parse of the value's text.
//
// start is the row of src[0] in the file, for error messages.
func decode[N numeric.Number[N]](dst []N, src []int64, scale int, file, column string, start int) error {
	switch d := any(dst).(type) {
	case []numeric.Fixed: // want
		return decodeFixed(d, src, scale, file, column, start)
	case []numeric.Float: // want
		decodeFloat(d, src, scale)
		return nil
	case []numeric.Decimal: // want
		for i, u := range src {
			d[i], _ = numeric.DecimalFromBig(new(decimal.Big).SetMantScale(u, scale))
		}
		return nil
	}
	for i, u := range src {
		v, err := numeric.Parse[N](formatScaled(u, scale))
		if err != nil {
			return &ValueError{File: file, Column: column, Row: start + i, Value: formatScaled(u, scale), Err: err}
		}
		dst[i] = v
	}
	return nil
}

func decodeFixed(dst []numeric.Fixed, src []int64, scale int, file, column string, start int) error {
	if scale > numeric.FixedDecimals {
		div := pow10i[scale-numeric.FixedDecimals]
		for i, u := range src {
			if u%div != 0 {
				return &ValueError{File: file, Column: column, Row: start + i, Value: formatScaled(u, scale), Err: errFixedDecimals}
			}
			dst[i] = numeric.FixedFromRaw(u / div)
		}
		return nil
	}
	if scale == numeric.FixedDecimals {
		for i, u := range src {
			dst[i] = numeric.FixedFromRaw(u)
		}
		return nil
	}
	m := pow10i[numeric.FixedDecimals-scale]
	lim := math.MaxInt64 / m
	for i, u := range src {
		if u > lim || u < -lim {
			return &ValueError{File: file, Column: column, Row: start + i, Value: formatScaled(u, scale),
				Err: fmt.Errorf("%w: beyond Fixed's range", numeric.ErrOverflow)}
		}
		dst[i] = numeric.FixedFromRaw(u * m)
	}
	return nil
}

func decodeFloat(dst []numeric.Float, src []int64, scale int) {
	p := pow10f[min(scale, len(pow10f)-1)]
	for i, u := range src {
		if u <= 1<<53 && u >= -(1<<53) && scale < len(pow10f) {
			dst[i] = numeric.Float(float64(u) / p)
			continue
		}
		f, _ := strconv.ParseFloat(formatScaled(u, scale), 64)
		dst[i] = numeric.Float(f)
	}
}
