package numeric

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxDecimalExp bounds the exponent of parsed Decimal text, well inside
// the context's range, so that no later operation meets a huge exponent.
const maxDecimalExp = 6000

// String returns x in canonical form: plain decimal, no exponent, no
// trailing fractional zeros ("1.5", "-0.00000001", "100", "0").
func (x Decimal) String() string {
	if x.IsZero() {
		return "0"
	}
	c, s := x.parts()
	neg := c.Sign() < 0
	digits := new(big.Int).Abs(c).String()
	// Trim trailing zeros of the fraction.
	for s > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		s--
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case s <= 0:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", -s))
	case s >= len(digits):
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", s-len(digits)))
		b.WriteString(digits)
	default:
		b.WriteString(digits[:len(digits)-s])
		b.WriteByte('.')
		b.WriteString(digits[len(digits)-s:])
	}
	return b.String()
}

// Parse reads decimal text exactly, keeping every digit (see [Parse]).
func (Decimal) Parse(s string) (Decimal, error) {
	t, ok := scanDecimal(s)
	if !ok {
		return Decimal{}, parseError(decimalName, s, ErrSyntax)
	}
	lo, hi, pow := t.trimmed()
	if lo == hi {
		return Decimal{}, nil
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
	return Decimal{newBig().SetBigMantScale(c, -pow)}, nil
}

// FromFloat64 converts f by the rule of [FromFloat64]: its shortest
// round-trip decimal (at most 17 digits, so exact in 34).
func (Decimal) FromFloat64(f float64) (Decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}, parseError(decimalName, strconv.FormatFloat(f, 'g', -1, 64), ErrSyntax)
	}
	return Decimal{}.Parse(strconv.FormatFloat(f, 'e', -1, 64))
}

// MarshalText implements [encoding.TextMarshaler] with the canonical form.
func (x Decimal) MarshalText() ([]byte, error) { return []byte(x.String()), nil }

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
func (x Decimal) MarshalJSON() ([]byte, error) { return marshalJSONText([]byte(x.String())), nil }

// UnmarshalJSON reads a JSON string or number, exactly.
func (x *Decimal) UnmarshalJSON(b []byte) error { return unmarshalJSONWith(b, x.UnmarshalText) }

// MarshalYAML writes x as a plain YAML number in canonical form.
func (x Decimal) MarshalYAML() (any, error) { return yamlScalar(x.String()), nil }

// UnmarshalYAML reads a YAML scalar exactly with [Decimal.Parse].
func (x *Decimal) UnmarshalYAML(n *yaml.Node) error { return unmarshalYAMLWith(n, x.UnmarshalText) }
