package numeric

import "fmt"

// RoundingMode names how a value is rounded to fewer decimals, by
// [Number.Quantize], [Number.MulRound] and [Number.DivRound]. The zero
// value is HalfEven, the rule every implicit rounding in Penny follows.
type RoundingMode uint8

const (
	// HalfEven rounds to the nearest value; ties go to the even neighbour
	// (banker's rounding, IEEE 754 roundTiesToEven). The default.
	HalfEven RoundingMode = iota
	// HalfUp rounds to the nearest value; ties go away from zero
	// (the schoolbook rule many brokers quote).
	HalfUp
	// Down rounds toward zero (truncation): lot sizes, shares affordable.
	Down
	// Up rounds away from zero.
	Up
	// Floor rounds toward negative infinity.
	Floor
	// Ceiling rounds toward positive infinity: fees charged to the trader.
	Ceiling
)

var roundingNames = [...]string{"half_even", "half_up", "down", "up", "floor", "ceiling"}

// String returns the mode's name as written in configs: half_even,
// half_up, down, up, floor, ceiling.
func (m RoundingMode) String() string {
	if int(m) < len(roundingNames) {
		return roundingNames[m]
	}
	return fmt.Sprintf("RoundingMode(%d)", uint8(m))
}

// ParseRoundingMode reads a mode by its name (see [RoundingMode.String]);
// "ceil" is accepted for Ceiling.
func ParseRoundingMode(s string) (RoundingMode, error) {
	for i, n := range roundingNames {
		if s == n {
			return RoundingMode(i), nil
		}
	}
	if s == "ceil" {
		return Ceiling, nil
	}
	return 0, fmt.Errorf("numeric: unknown rounding mode %q (want half_even, half_up, down, up, floor or ceiling)", s)
}

// MarshalText implements [encoding.TextMarshaler].
func (m RoundingMode) MarshalText() ([]byte, error) {
	if int(m) >= len(roundingNames) {
		return nil, fmt.Errorf("numeric: invalid rounding mode %d", uint8(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *RoundingMode) UnmarshalText(b []byte) error {
	v, err := ParseRoundingMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// roundUp reports whether a truncated magnitude q must be incremented by one
// unit, given how the discarded remainder compares with half a unit (half:
// -1 below, 0 exactly, +1 above), whether any remainder exists (inexact),
// and the sign of the value. It is the single rounding rule that every
// backend applies after an exact truncation.
func (m RoundingMode) roundUp(qOdd bool, half int, inexact, neg bool) bool {
	if !inexact {
		return false
	}
	switch m {
	case HalfEven:
		return half > 0 || (half == 0 && qOdd)
	case HalfUp:
		return half >= 0
	case Down:
		return false
	case Up:
		return true
	case Floor:
		return neg
	case Ceiling:
		return !neg
	}
	panic(fmt.Sprintf("numeric: invalid rounding mode %d", uint8(m)))
}
