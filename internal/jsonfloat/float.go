package jsonfloat

import (
	"encoding/json"
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
	return json.Marshal(v)
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
