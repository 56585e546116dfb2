package numeric

import (
	"math"
	"math/big"
	"strconv"

	"gopkg.in/yaml.v3"
)

// maxDecimalExp bounds the exponent of parsed Decimal text, well inside
// the context's range, so that no later operation meets a huge exponent.
const maxDecimalExp = 6000

// String returns x in canonical form: plain decimal, no exponent, no
// trailing fractional zeros ("1.5", "-0.00000001", "100", "0").
func (x Decimal) String() string {
	var buf [decimalTextMax]byte
	return string(x.AppendText(buf[:0]))
}

// AppendText appends the canonical form of x (see [Decimal.String]) to b
// and returns it. For an inline x it allocates nothing when b has room
// for decimalTextMax (160) more bytes, and at most the growth of b
// otherwise; the big form formats its coefficient with math/big.
func (x Decimal) AppendText(b []byte) []byte {
	if x.b == nil {
		return appendInlineText(b, x.coef(), x.scale())
	}
	if x.IsZero() {
		return append(b, '0')
	}
	c, s := x.parts()
	if c.Sign() < 0 {
		b = append(b, '-')
		c.Neg(c)
	}
	digits := c.Append(nil, 10)
	// Trim trailing zeros of the fraction.
	for s > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		s--
	}
	return appendPlain(b, digits, s)
}

// appendPlain appends digits * 10^-s in plain notation: digits followed
// by -s zeros, or with a point s digits from the right (after "0." and
// zeros when s is at least the number of digits).
func appendPlain(b, digits []byte, s int) []byte {
	switch {
	case s <= 0:
		b = append(b, digits...)
		for range -s {
			b = append(b, '0')
		}
	case s >= len(digits):
		b = append(b, '0', '.')
		for range s - len(digits) {
			b = append(b, '0')
		}
		b = append(b, digits...)
	default:
		b = append(b, digits[:len(digits)-s]...)
		b = append(b, '.')
		b = append(b, digits[len(digits)-s:]...)
	}
	return b
}

// Parse reads decimal text exactly, keeping every digit (see [Parse]).
func (Decimal) Parse(s string) (Decimal, error) {
	if v, ok := parseDecimalFast(s); ok {
		return v, nil
	}
	t, ok := scanDecimal(s)
	if !ok {
		return Decimal{}, parseError(decimalName, s, ErrSyntax)
	}
	lo, hi, pow := t.trimmed()
	if lo == hi {
		return Decimal{}, nil
	}
	if hi-lo <= 17 && scaleFits(-pow) {
		var u uint64
		for i := lo; i < hi; i++ {
			u = u*10 + uint64(t.digit(i))
		}
		if c, ok := signed(u, t.neg); ok {
			return inline(c, -pow), nil
		}
	}
	if pow > maxDecimalExp || pow+(hi-lo) < -maxDecimalExp {
		return Decimal{}, parseError(decimalName, s, ErrOverflow)
	}
	buf := make([]byte, 0, hi-lo+1)
	if t.neg {
		buf = append(buf, '-')
	}
	for i := lo; i < hi; i++ {
		buf = append(buf, '0'+t.digit(i))
	}
	c, _ := new(big.Int).SetString(string(buf), 10)
	return Decimal{b: newBig().SetBigMantScale(c, -pow)}, nil
}

// parseDecimalFast reads plain text ([+-]digits[.digits], no exponent)
// of at most 18 digits in one pass into the inline form, and reports
// whether it could.
func parseDecimalFast(s string) (Decimal, bool) {
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		i = 1
	}
	if len(s)-i > 19 || i == len(s) {
		return Decimal{}, false
	}
	var u uint64
	digits, decimals, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			u = u*10 + uint64(c-'0')
			digits++
			if dot {
				decimals++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return Decimal{}, false
		}
	}
	if digits == 0 || digits > 18 {
		return Decimal{}, false
	}
	if u == 0 {
		return Decimal{}, true
	}
	u, z := trimZeros(u) // the trailing zeros off, as Parse keeps none
	c, ok := signed(u, neg)
	decimals -= z
	return inline(c, decimals), ok
}

// decimalTextMax bounds the canonical text of an inline Decimal: a sign,
// "0." and 127 zeros before 17 digits, or 17 digits and 128 zeros.
const decimalTextMax = 160

// appendInlineText appends the canonical text of c * 10^-s.
func appendInlineText(b []byte, c int64, s int) []byte {
	if c == 0 {
		return append(b, '0')
	}
	for s > 0 && c%10 == 0 {
		c /= 10
		s--
	}
	if c < 0 {
		b = append(b, '-')
	}
	var dbuf [20]byte
	return appendPlain(b, strconv.AppendUint(dbuf[:0], umag(c), 10), s)
}

// Float64 returns the float64 nearest to x.
func (x Decimal) Float64() float64 {
	// An integer below 2^53 and a power of ten up to 10^22 are exact in
	// float64, so one division rounds correctly.
	if s := uint8(x.w); x.b == nil && s <= 22 && uint64(x.w>>8+1<<53) < 1<<54 {
		return float64(x.w>>8) / pow10f22[s]
	}
	return x.float64Slow()
}

func (x Decimal) float64Slow() float64 {
	if x.b == nil {
		c, s := x.coef(), x.scale()
		if c > -1<<53 && c < 1<<53 && s < 0 && s >= -22 {
			return float64(c) * pow10f22[-s]
		}
		// strconv rounds correctly; the text "<c>e<-s>" has at most 23
		// bytes, so its string does not leave the stack, and an inline
		// value is far inside float64's range (no error).
		var buf [32]byte
		t := strconv.AppendInt(buf[:0], c, 10)
		t = append(t, 'e')
		t = strconv.AppendInt(t, int64(-s), 10)
		f, _ := strconv.ParseFloat(string(t), 64)
		return f
	}
	f, err := strconv.ParseFloat(x.String(), 64)
	if err != nil && !math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

var pow10f22 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// FromFloat64 converts f by the rule of [FromFloat64]: its shortest
// round-trip decimal (at most 17 digits, so exact in 34).
func (Decimal) FromFloat64(f float64) (Decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}, parseError(decimalName, strconv.FormatFloat(f, 'g', -1, 64), ErrSyntax)
	}
	return Decimal{}.Parse(strconv.FormatFloat(f, 'e', -1, 64))
}

// MarshalText implements [encoding.TextMarshaler] with the canonical form.
func (x Decimal) MarshalText() ([]byte, error) { return x.AppendText(nil), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [Decimal.Parse].
func (x *Decimal) UnmarshalText(b []byte) error {
	v, err := Decimal{}.Parse(string(b))
	if err != nil {
		return err
	}
	*x = v
	return nil
}

// MarshalJSON writes x as a JSON string holding the canonical form.
func (x Decimal) MarshalJSON() ([]byte, error) {
	var buf [decimalTextMax]byte
	return marshalJSONText(x.AppendText(buf[:0])), nil
}

// UnmarshalJSON reads a JSON string or number, exactly.
func (x *Decimal) UnmarshalJSON(b []byte) error { return unmarshalJSONWith(b, x.UnmarshalText) }

// MarshalYAML writes x as a plain YAML number in canonical form.
func (x Decimal) MarshalYAML() (any, error) { return yamlScalar(x.String()), nil }

// UnmarshalYAML reads a YAML scalar exactly with [Decimal.Parse].
func (x *Decimal) UnmarshalYAML(n *yaml.Node) error { return unmarshalYAMLWith(n, x.UnmarshalText) }
