package bench

import (
	"encoding/json"
	"fmt"
	"math"
)

// Real is a float64 that survives JSON when it is not finite: NaN and the
// infinities are written as the strings "NaN", "Infinity" and
// "-Infinity" (as pkg/metrics writes them), which encoding/json cannot
// write as numbers.
type Real float64

// MarshalJSON writes a number, or a string for NaN and the infinities.
func (r Real) MarshalJSON() ([]byte, error) {
	switch f := float64(r); {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Infinity"`), nil
	}
	return json.Marshal(float64(r))
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Real) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		switch s {
		case "NaN":
			*r = Real(math.NaN())
		case "Infinity":
			*r = Real(math.Inf(1))
		case "-Infinity":
			*r = Real(math.Inf(-1))
		default:
			return fmt.Errorf("bench: %q is not a number", s)
		}
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*r = Real(f)
	return nil
}
