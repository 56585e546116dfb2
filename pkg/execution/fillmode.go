package execution

import (
	"fmt"
	"strconv"
)

// FillMode is the price of the bar a market order fills at. The zero
// value is NextOpen.
type FillMode uint8

const (
	// NextOpen fills market orders at the open of the first bar after
	// the one they were placed in, as backtrader does; limit and stop
	// orders trigger on that bar's open, high and low.
	NextOpen FillMode = iota
	// NextClose fills market orders at the close of the first bar after
	// placement, as zipline does; limit and stop orders trigger on that
	// bar's close only.
	NextClose
)

var fillModeNames = []string{"next_open", "next_close"}

// String returns "next_open" or "next_close".
func (m FillMode) String() string {
	if int(m) < len(fillModeNames) {
		return fillModeNames[m]
	}
	return "FillMode(" + strconv.Itoa(int(m)) + ")"
}

// ParseFillMode reads "next_open" or "next_close".
func ParseFillMode(s string) (FillMode, error) {
	for i, n := range fillModeNames {
		if s == n {
			return FillMode(i), nil
		}
	}
	return 0, fmt.Errorf("execution: unknown fill mode %q (want next_open or next_close)", s)
}

// MarshalText implements [encoding.TextMarshaler].
func (m FillMode) MarshalText() ([]byte, error) {
	if int(m) >= len(fillModeNames) {
		return nil, fmt.Errorf("execution: invalid fill mode %d", uint8(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (m *FillMode) UnmarshalText(b []byte) error {
	v, err := ParseFillMode(string(b))
	if err == nil {
		*m = v
	}
	return err
}
