package jsonfloat

import (
	"fmt"
	"math"
	"strconv"
)

// Float is a float64 whose JSON form carries NaN and the infinities as the
// strings "NaN", "Infinity" and "-Infinity". Finite values are JSON
// numbers, the shortest text that reads back to the same float64.
type Float float64

// MarshalJSON writes a number, or a string for NaN and the infinities.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Infinity"`), nil
	}
	return appendNumber(make([]byte, 0, 24), v), nil
}

// appendNumber appends the JSON number encoding/json writes for the
// finite v (its float64 encoder, without the encoder: a sweep writes
// thousands of summaries): the shortest text that reads back, in
// exponent form below 1e-6 and from 1e21, with no leading zero in the
// exponent.
func appendNumber(b []byte, v float64) []byte {
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 is e-7
		b = b[:n-1]
	}
	return b
}

// UnmarshalJSON reads what MarshalJSON writes: a JSON number within the
// range of a float64, or one of the strings "NaN", "Infinity" and
// "-Infinity" exactly. Anything else, null included, is an error.
func (f *Float) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*f = Float(math.NaN())
		return nil
	case `"Infinity"`:
		*f = Float(math.Inf(1))
		return nil
	case `"-Infinity"`:
		*f = Float(math.Inf(-1))
		return nil
	}
	// encoding/json hands over valid JSON only: a value that starts with
	// a digit or a minus sign is a number.
	if len(b) == 0 || b[0] != '-' && (b[0] < '0' || b[0] > '9') {
		return fmt.Errorf("want a number, \"NaN\", \"Infinity\" or \"-Infinity\", got %s", b)
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("number %s out of range", b)
	}
	*f = Float(v)
	return nil
}
