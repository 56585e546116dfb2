package execution

import (
	"fmt"
	"strconv"
	"time"
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

// At returns when an order fills at a bar that opened at open and closed
// at close: the open under NextOpen, the close under NextClose. Limit and
// stop orders that trigger inside the bar are stamped the same way: a bar
// does not say when in its interval a price was reached.
func (m FillMode) At(open, close time.Time) time.Time {
	if m == NextClose {
		return close
	}
	return open
}

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
