package market

import (
	"fmt"
	"time"
)

// Frequency is the interval of a bar.
type Frequency uint8

const (
	// Daily bars: one per session, stamped at the session's close.
	Daily Frequency = iota
	// Hourly bars: stamped at the end of each hour of a session, the last
	// one possibly shorter and stamped at the close.
	Hourly
	// Minute bars: stamped at the end of each minute of a session.
	Minute
)

// String returns "daily", "hourly" or "minute".
func (f Frequency) String() string {
	switch f {
	case Daily:
		return "daily"
	case Hourly:
		return "hourly"
	case Minute:
		return "minute"
	}
	return fmt.Sprintf("Frequency(%d)", uint8(f))
}

// ParseFrequency reads "daily", "hourly" or "minute" (also "1d", "1h",
// "1m", "day", "hour").
func ParseFrequency(s string) (Frequency, error) {
	switch s {
	case "daily", "day", "1d":
		return Daily, nil
	case "hourly", "hour", "1h":
		return Hourly, nil
	case "minute", "1m", "1min":
		return Minute, nil
	}
	return 0, fmt.Errorf("market: unknown frequency %q (want daily, hourly or minute)", s)
}

// Duration returns the nominal length of a bar: 24h, 1h or 1m.
func (f Frequency) Duration() time.Duration {
	switch f {
	case Hourly:
		return time.Hour
	case Minute:
		return time.Minute
	}
	return 24 * time.Hour
}

// MarshalText implements encoding.TextMarshaler.
func (f Frequency) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Frequency) UnmarshalText(b []byte) error {
	v, err := ParseFrequency(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}
