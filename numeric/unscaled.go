package numeric

import (
	"math"
	"math/big"
	"strconv"

	"github.com/ericlagergren/decimal"
)

// Unscaled returns u and scale with x = u * 10^-scale, scale in 0..8 as
// small as it can be (1.50 is 15, 1). ok is always true.
func (x Fixed) Unscaled() (u int64, scale int, ok bool) {
	u = int64(x)
	if u%FixedScale == 0 {
		return u / FixedScale, 0, true
	}
	// Fewer than 8 trailing zeros: strip 4, then 2, then 1, as they go.
	scale = FixedDecimals
	if u%10_000 == 0 {
		u, scale = u/10_000, scale-4
	}
	if u%100 == 0 {
		u, scale = u/100, scale-2
	}
	if u%10 == 0 {
		u, scale = u/10, scale-1
	}
	return u, scale, true
}

// Unscaled returns u and scale with u * 10^-scale the shortest decimal
// that reads back as x (the digits String prints, not x's binary value:
// see [Float.Rat]), scale >= 0 as small as it can be. ok is false for NaN,
// infinities and values whose u does not fit an int64 (from about 9.2e18).
func (x Float) Unscaled() (u int64, scale int, ok bool) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, 0, false
	}
	if f == 0 {
		return 0, 0, true
	}
	// d.ddde±x: at most 17 significant digits, none of them trailing zeros.
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	i, neg := 0, false
	if b[0] == '-' {
		neg, i = true, 1
	}
	var m uint64
	digits := 0
	for ; b[i] != 'e'; i++ {
		if c := b[i]; c != '.' {
			m = m*10 + uint64(c-'0')
			digits++
		}
	}
	// e±dd or e±ddd
	exp := 0
	for _, c := range b[i+2:] {
		exp = exp*10 + int(c-'0')
	}
	if b[i+1] == '-' {
		exp = -exp
	}
	// x = m * 10^(exp - digits + 1).
	scale = digits - 1 - exp
	for ; scale < 0; scale++ {
		if m > math.MaxUint64/10 {
			return 0, 0, false
		}
		m *= 10
	}
	u, ok = int64Of(m, neg)
	return u, scale, ok
}

// Unscaled returns u and scale with x = u * 10^-scale, scale >= 0 as
// small as it can be. ok is false when u does not fit an int64.
func (x Decimal) Unscaled() (u int64, scale int, ok bool) {
	if x.b == nil {
		c := x.coef()
		return unscaledOf(umag(c), c < 0, x.scale())
	}
	compact, inflated := decimal.Raw(x.b)
	switch {
	case *compact != decimalInflated:
		return unscaledOf(*compact, x.b.Signbit(), x.b.Scale())
	case inflated.IsUint64():
		return unscaledOf(inflated.Uint64(), x.b.Signbit(), x.b.Scale())
	}
	return unscaledBig(x)
}

// unscaledOf returns the u and scale of ±m * 10^-s with no trailing
// fractional zeros and a scale >= 0, and whether u fits an int64.
func unscaledOf(m uint64, neg bool, s int) (int64, int, bool) {
	if m == 0 {
		return 0, 0, true
	}
	for ; s < 0; s++ {
		if m > math.MaxUint64/10 {
			return 0, 0, false
		}
		m *= 10
	}
	for s > 0 && m%10 == 0 {
		m /= 10
		s--
	}
	u, ok := int64Of(m, neg)
	return u, s, ok
}

// unscaledBig is Decimal.Unscaled for a coefficient beyond 64 bits, which
// fits an int64 only once trailing zeros are dropped.
func unscaledBig(x Decimal) (int64, int, bool) {
	c, s := x.parts()
	ten, r := big.NewInt(10), new(big.Int)
	for s > 0 {
		q, m := new(big.Int).QuoRem(c, ten, r)
		if m.Sign() != 0 {
			break
		}
		c, s = q, s-1
	}
	if s < 0 || !c.IsInt64() {
		return 0, 0, false // a negative scale only grows the coefficient
	}
	return c.Int64(), s, true
}

// int64Of returns m with the sign neg as an int64, and whether it fits.
func int64Of(m uint64, neg bool) (int64, bool) {
	switch {
	case neg && m <= 1<<63:
		return -int64(m), true
	case !neg && m <= math.MaxInt64:
		return int64(m), true
	}
	return 0, false
}

// FromUnscaled sets dst[i] to src[i] * 10^-scale for every i (dst must be
// at least as long as src), and returns len(src); on an error, it returns
// the index of the first value N cannot hold, and the error, a *ParseError
// naming the value (dst[:index] is set). scale must be in 0..18.
//
//   - Fixed: exact. A value with a non-zero digit beyond the 8th decimal is
//     ErrPrecision; a value beyond Fixed's range is ErrOverflow.
//   - Float: the float64 nearest to the value, the one Parse gives for its
//     text (one correctly rounded division when |src[i]| <= 2^53).
//   - Decimal: exact; values with |src[i]| < 2^55 take the inline form
//     and allocate nothing.
//   - any other backend: Parse of the value's text.
//
// It is the bulk inverse of [Number.Unscaled], written for columns: the
// loops are concrete per backend. It panics if scale is out of range.
func FromUnscaled[N Number[N]](dst []N, src []int64, scale int) (int, error) {
	if scale < 0 || scale > 18 {
		panic(&ArithmeticError{Backend: Backend[N](), Op: "fromunscaled", Operands: []string{strconv.Itoa(scale)}, Err: ErrInvalid})
	}
	dst = dst[:len(src)]
	switch d := any(dst).(type) {
	case []Fixed:
		return fixedFromUnscaled(d, src, scale)
	case []Float:
		floatFromUnscaled(d, src, scale)
		return len(src), nil
	case []Decimal:
		decimalFromUnscaled(d, src, scale)
		return len(src), nil
	}
	var buf []byte
	for i, u := range src {
		buf = appendUnscaled(buf[:0], u, scale)
		v, err := Parse[N](string(buf))
		if err != nil {
			return i, err
		}
		dst[i] = v
	}
	return len(src), nil
}

func fixedFromUnscaled(dst []Fixed, src []int64, scale int) (int, error) {
	switch {
	case scale > FixedDecimals:
		div := int64(pow10u[scale-FixedDecimals])
		for i, u := range src {
			if u%div != 0 {
				return i, unscaledError(fixedName, u, scale, ErrPrecision)
			}
			dst[i] = Fixed(u / div)
		}
	case scale == FixedDecimals:
		for i, u := range src {
			dst[i] = Fixed(u)
		}
	default:
		m := int64(pow10u[FixedDecimals-scale])
		lim := math.MaxInt64 / m
		for i, u := range src {
			if u > lim || u < -lim {
				return i, unscaledError(fixedName, u, scale, ErrOverflow)
			}
			dst[i] = Fixed(u * m)
		}
	}
	return len(src), nil
}

func floatFromUnscaled(dst []Float, src []int64, scale int) {
	p := pow10f[scale]
	for i, u := range src {
		if u <= 1<<53 && u >= -(1<<53) {
			// Both operands are exact: one correctly rounded division.
			dst[i] = Float(float64(u) / p)
			continue
		}
		var buf [24]byte
		f, _ := strconv.ParseFloat(string(appendUnscaled(buf[:0], u, scale)), 64)
		dst[i] = Float(f)
	}
}

func decimalFromUnscaled(dst []Decimal, src []int64, scale int) {
	for i, u := range src {
		if -decimalMaxCoef <= u && u <= decimalMaxCoef {
			dst[i] = inline(u, scale) // scale <= 18 fits
			continue
		}
		dst[i] = Decimal{}.fromBig(newBig().SetMantScale(u, scale), "fromunscaled")
	}
}

// ToUnscaled writes src as integers at one scale, the smallest that holds
// every value exactly (the most decimals a value has): dst[i] * 10^-scale
// is src[i] ([Number.Unscaled]; for Float, the decimal it prints). Every
// integer must have at most digits digits (digits in 1..18, else it
// panics). It returns the scale, len(src) and ok; or ok false and the
// index n of the first value that has no such integer alone (not finite,
// more than digits digits or decimals), or if every value has one, of
// the first whose integer at the common scale (then the scale returned)
// has too many digits. dst must be at least as long as src.
//
// It is the bulk form of Unscaled, written for columns (the store): Fixed
// derives the scale from its raw integers in one pass and divides them
// in another.
func ToUnscaled[N Number[N]](dst []int64, src []N, digits int) (scale, n int, ok bool) {
	if digits < 1 || digits > 18 {
		panic(&ArithmeticError{Backend: Backend[N](), Op: "tounscaled", Operands: []string{strconv.Itoa(digits)}, Err: ErrInvalid})
	}
	limit := int64(pow10u[digits] - 1)
	dst = dst[:len(src)]
	if xs, ok := any(src).([]Fixed); ok {
		return fixedToUnscaled(dst, xs, digits, limit)
	}
	decs := make([]int8, len(src))
	for i, x := range src {
		u, d, ok := x.Unscaled()
		if !ok || d > digits || u > limit || u < -limit {
			return scale, i, false
		}
		dst[i], decs[i] = u, int8(d)
		scale = max(scale, d)
	}
	for i, u := range dst {
		k := scale - int(decs[i])
		if k == 0 {
			continue
		}
		m := int64(pow10u[k])
		if u > limit/m || u < -limit/m {
			return scale, i, false
		}
		dst[i] = u * m
	}
	return scale, len(src), true
}

func fixedToUnscaled(dst []int64, xs []Fixed, digits int, limit int64) (scale, n int, ok bool) {
	for _, x := range xs {
		for scale < FixedDecimals && int64(x)%int64(pow10u[FixedDecimals-scale]) != 0 {
			scale++
		}
	}
	if scale > digits {
		return scale, fixedToUnscaledFault(xs, scale, digits, limit), false
	}
	div := int64(pow10u[FixedDecimals-scale])
	for i, x := range xs {
		u := int64(x) / div
		if u > limit || u < -limit {
			return scale, fixedToUnscaledFault(xs, scale, digits, limit), false
		}
		dst[i] = u
	}
	return scale, len(xs), true
}

// fixedToUnscaledFault returns the index ToUnscaled reports for a column
// that does not fit: the first value that does not fit alone, else the
// first that does not at the common scale.
func fixedToUnscaledFault(xs []Fixed, scale, digits int, limit int64) int {
	for i, x := range xs {
		if u, d, _ := x.Unscaled(); d > digits || u > limit || u < -limit {
			return i
		}
	}
	div := int64(pow10u[FixedDecimals-scale])
	for i, x := range xs {
		if u := int64(x) / div; u > limit || u < -limit {
			return i
		}
	}
	panic("numeric: fixedToUnscaledFault of a column that fits")
}

// unscaledError returns the *ParseError of u * 10^-scale.
//
//go:noinline
func unscaledError(backend string, u int64, scale int, err error) *ParseError {
	return parseError(backend, string(appendUnscaled(nil, u, scale)), err)
}

// appendUnscaled appends the plain decimal text of u * 10^-scale
// (scale >= 0) to b.
func appendUnscaled(b []byte, u int64, scale int) []byte {
	var digits [20]byte
	m := uint64(u)
	if u < 0 {
		b = append(b, '-')
		m = -m
	}
	ds := strconv.AppendUint(digits[:0], m, 10)
	if scale == 0 {
		return append(b, ds...)
	}
	if len(ds) <= scale {
		b = append(b, '0', '.')
		for range scale - len(ds) {
			b = append(b, '0')
		}
		return append(b, ds...)
	}
	b = append(b, ds[:len(ds)-scale]...)
	b = append(b, '.')
	return append(b, ds[len(ds)-scale:]...)
}
