package numeric

import (
	"math"
	"math/bits"
	"strconv"
)

// String returns x in canonical form: plain decimal, no trailing
// fractional zeros ("1.5", "-0.00000001", "100", "0").
func (x Fixed) String() string {
	var buf [24]byte
	return string(x.AppendText(buf[:0]))
}

// AppendText appends the canonical form of x to b and returns it; it does
// not allocate when b has room for 22 more bytes.
func (x Fixed) AppendText(b []byte) []byte {
	u := mag(x)
	if x < 0 {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, u/FixedScale, 10)
	f := u % FixedScale
	if f == 0 {
		return b
	}
	var frac [FixedDecimals]byte
	for i := FixedDecimals - 1; i >= 0; i-- {
		frac[i] = byte('0' + f%10)
		f /= 10
	}
	n := FixedDecimals
	for frac[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, frac[:n]...)
}

// Parse reads decimal text exactly (see [Parse]); text with a non-zero
// digit beyond the 8th decimal is an error (ErrPrecision), as is a value
// outside [MinFixed, MaxFixed] (ErrOverflow).
func (Fixed) Parse(s string) (Fixed, error) {
	// Fast path: plain text with at most 18 digits and 8 decimals.
	if v, ok := parseFixedFast(s); ok {
		return v, nil
	}
	return parseFixed(s, HalfEven, true)
}

// FromFloat64 converts f by the rule of [FromFloat64]: its shortest
// round-trip decimal, rounded half-even to 8 decimals.
func (Fixed) FromFloat64(f float64) (Fixed, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, parseError(fixedName, strconv.FormatFloat(f, 'g', -1, 64), ErrSyntax)
	}
	var buf [32]byte
	return parseFixed(string(strconv.AppendFloat(buf[:0], f, 'e', -1, 64)), HalfEven, false)
}

func parseFixedFast(s string) (Fixed, bool) {
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		i = 1
	}
	if len(s)-i > 19 || i == len(s) {
		return 0, false
	}
	var v uint64
	digits, decimals, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			v = v*10 + uint64(c-'0')
			digits++
			if dot {
				decimals++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || decimals > FixedDecimals || digits-decimals > 11 {
		return 0, false
	}
	// At most 11 integer digits and 8 decimals: v*10^(8-decimals) < 1e19,
	// but may exceed MaxInt64; leave that to the careful path.
	v *= pow10u[FixedDecimals-decimals]
	if v > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return Fixed(-int64(v)), true
	}
	return Fixed(v), true
}

// parseFixed is the general parser: exponents, any number of digits, and
// either strict refusal (strict) or rounding with mode of extra decimals.
func parseFixed(s string, mode RoundingMode, strict bool) (Fixed, error) {
	t, ok := scanDecimal(s)
	if !ok {
		return 0, parseError(fixedName, s, ErrSyntax)
	}
	lo, hi, pow := t.trimmed()
	if lo == hi {
		return 0, nil
	}
	// value = digits[lo:hi] * 10^pow; raw = digits * 10^(pow+8).
	shift := pow + FixedDecimals
	keep := hi - lo // digits kept
	half, inexact := -1, false
	if shift < 0 {
		if strict {
			return 0, parseError(fixedName, s, ErrPrecision)
		}
		keep += shift
		inexact = true // trailing zeros were trimmed: the dropped part is non-zero
		if keep >= 0 {
			switch d0 := t.digit(lo + keep); {
			case d0 > 5, d0 == 5 && lo+keep+1 < hi:
				half = 1
			case d0 == 5:
				half = 0
			}
		}
		shift = 0
	}
	if keep > 19 {
		return 0, parseError(fixedName, s, ErrOverflow)
	}
	var q uint64
	for i := range max(keep, 0) {
		d := uint64(t.digit(lo + i))
		h, l := bits.Mul64(q, 10)
		l, c := bits.Add64(l, d, 0)
		if h != 0 || c != 0 {
			return 0, parseError(fixedName, s, ErrOverflow)
		}
		q = l
	}
	if mode.roundUp(q&1 == 1, half, inexact, t.neg) {
		q++
	}
	if shift > 19 {
		return 0, parseError(fixedName, s, ErrOverflow)
	}
	hiw, v := bits.Mul64(q, pow10u[shift])
	if hiw != 0 || (t.neg && v > 1<<63) || (!t.neg && v > math.MaxInt64) {
		return 0, parseError(fixedName, s, ErrOverflow)
	}
	if t.neg {
		return Fixed(-int64(v)), nil
	}
	return Fixed(v), nil
}

// MarshalText implements [encoding.TextMarshaler] with the canonical form.
func (x Fixed) MarshalText() ([]byte, error) { return x.AppendText(nil), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [Fixed.Parse].
func (x *Fixed) UnmarshalText(b []byte) error {
	v, err := Fixed(0).Parse(string(b))
	if err != nil {
		return err
	}
	*x = v
	return nil
}

// MarshalJSON writes x as a JSON string holding the canonical form, so
// that no JSON reader turns it into a float.
func (x Fixed) MarshalJSON() ([]byte, error) { return marshalJSONText(x.AppendText(nil)), nil }

// UnmarshalJSON reads a JSON string or a JSON number, exactly.
func (x *Fixed) UnmarshalJSON(b []byte) error { return unmarshalJSONWith(b, x.UnmarshalText) }

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// parseFloatExact returns the float64 nearest to valid decimal text.
func parseFloatExact(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
