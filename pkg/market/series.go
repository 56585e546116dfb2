package market

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
)

// Series is one asset's bars in columns, sorted by time: row i is the bar
// stamped Time[i] (Unix nanoseconds, UTC, end of the interval). All columns
// have the same length.
type Series[N numeric.Number[N]] struct {
	Asset  Asset
	Time   []int64
	Open   []N
	High   []N
	Low    []N
	Close  []N
	Volume []N
}

// Len returns the number of bars.
func (s *Series[N]) Len() int { return len(s.Time) }

// Append adds a bar at the end (no check: see Validate).
func (s *Series[N]) Append(b Bar[N]) {
	s.Time = append(s.Time, b.Time)
	s.Open = append(s.Open, b.Open)
	s.High = append(s.High, b.High)
	s.Low = append(s.Low, b.Low)
	s.Close = append(s.Close, b.Close)
	s.Volume = append(s.Volume, b.Volume)
}

// Bar returns row i as a Bar.
func (s *Series[N]) Bar(i int) Bar[N] {
	return Bar[N]{
		Time: s.Time[i],
		Open: s.Open[i], High: s.High[i], Low: s.Low[i], Close: s.Close[i], Volume: s.Volume[i],
	}
}

// Column returns the column of field f.
func (s *Series[N]) Column(f Field) []N {
	switch f {
	case Open:
		return s.Open
	case High:
		return s.High
	case Low:
		return s.Low
	case Volume:
		return s.Volume
	}
	return s.Close
}

// BarError reports a bar that breaks a rule of Validate. It names the
// asset, the bar's timestamp, the field and the value at fault.
type BarError struct {
	Symbol string
	Row    int       // 0-based index in the series
	Time   time.Time // the bar's stamp
	Field  string    // "time", "open", "high", "low", "close", "volume"
	Value  string    // the offending value as text
	Reason string
}

func (e *BarError) Error() string {
	return fmt.Sprintf("%s: bar %d at %s: %s %s: %s", e.Symbol, e.Row, e.Time.Format(time.RFC3339), e.Field, e.Value, e.Reason)
}

// Validate checks the series: columns of equal length, timestamps strictly
// increasing (no duplicates), finite positive prices (zero is a vendor's
// placeholder, never a trade, for every asset class) and a finite
// non-negative volume (Float NaN or infinities are refused), low <= open,
// close <= high. The first violation is returned as a *BarError.
func (s *Series[N]) Validate() error {
	n := len(s.Time)
	if len(s.Open) != n || len(s.High) != n || len(s.Low) != n || len(s.Close) != n || len(s.Volume) != n {
		return fmt.Errorf("%s: columns of different lengths (time %d, open %d, high %d, low %d, close %d, volume %d)",
			s.Asset.Symbol, n, len(s.Open), len(s.High), len(s.Low), len(s.Close), len(s.Volume))
	}
	for i := range n {
		if err := s.validateRow(i); err != nil {
			return err
		}
	}
	return nil
}

func (s *Series[N]) validateRow(i int) error {
	bad := func(field, value, reason string) error {
		return &BarError{Symbol: s.Asset.Symbol, Row: i, Time: time.Unix(0, s.Time[i]).UTC(), Field: field, Value: value, Reason: reason}
	}
	if i > 0 {
		switch {
		case s.Time[i] == s.Time[i-1]:
			return bad("time", time.Unix(0, s.Time[i]).UTC().Format(time.RFC3339), "duplicate timestamp")
		case s.Time[i] < s.Time[i-1]:
			return bad("time", time.Unix(0, s.Time[i]).UTC().Format(time.RFC3339),
				"timestamps not increasing (previous bar is "+time.Unix(0, s.Time[i-1]).UTC().Format(time.RFC3339)+")")
		}
	}
	for _, f := range Fields() {
		v := s.Column(f)[i]
		if !finite(v) {
			return bad(f.String(), v.String(), "not a finite number")
		}
		if f != Volume && v.Sign() <= 0 {
			return bad(f.String(), v.String(), "zero or below (a price must be positive)")
		}
		if v.Sign() < 0 {
			return bad(f.String(), v.String(), "negative")
		}
	}
	o, h, l, c := s.Open[i], s.High[i], s.Low[i], s.Close[i]
	switch {
	case h.Cmp(l) < 0:
		return bad("high", h.String(), "below low "+l.String())
	case o.Cmp(l) < 0 || o.Cmp(h) > 0:
		return bad("open", o.String(), "outside [low, high] = ["+l.String()+", "+h.String()+"]")
	case c.Cmp(l) < 0 || c.Cmp(h) > 0:
		return bad("close", c.String(), "outside [low, high] = ["+l.String()+", "+h.String()+"]")
	}
	return nil
}

// finite reports whether v is a finite number (only Float can be NaN or
// infinite).
func finite[N numeric.Number[N]](v N) bool { return numeric.IsFinite(v) }
