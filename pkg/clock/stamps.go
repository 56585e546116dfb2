package clock

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// step returns the length of a bar of frequency f, 0 for Daily (one bar per
// session, whatever its length).
func step(f market.Frequency) int64 {
	switch f {
	case market.Daily:
		return 0
	case market.Hourly:
		return int64(time.Hour)
	case market.Minute:
		return int64(time.Minute)
	}
	panic(fmt.Sprintf("clock: unknown frequency %v", f))
}

func validFrequency(f market.Frequency) bool {
	return f == market.Daily || f == market.Hourly || f == market.Minute
}

// CountBars returns the number of bars of frequency f in session s: 1 for
// Daily; for Hourly and Minute the session's length divided by the bar's,
// rounded up (the last bar may be shorter). A regular NYSE session has 390
// minute and 7 hourly bars, an early close 210 and 4.
//
// It panics if f is not Daily, Hourly or Minute, or if s.Open is not before
// s.Close (sessions of package calendar never are).
func CountBars(s calendar.Session, f market.Frequency) int {
	d := int64(s.Close.Sub(s.Open))
	if d <= 0 {
		panic(fmt.Sprintf("clock: session %s opens at %s, not before its close %s",
			s.Date.Format(time.DateOnly), s.Open.Format(time.RFC3339), s.Close.Format(time.RFC3339)))
	}
	st := step(f)
	if st == 0 {
		return 1
	}
	return int((d + st - 1) / st)
}

// AppendBarTimes appends to dst the stamps of the bars of frequency f in
// session s, as Unix nanoseconds UTC, ascending, and returns the extended
// slice. A bar is stamped at the end of its interval: Daily, one bar at the
// close; Hourly and Minute, one bar at the end of each hour or minute
// counted from the open, the last one possibly shorter and ending at the
// close (NYSE hourly: 10:30, 11:30, ..., 15:30, 16:00; minute: 09:31 ..
// 16:00). It panics as CountBars does.
func AppendBarTimes(dst []int64, s calendar.Session, f market.Frequency) []int64 {
	n := CountBars(s, f)
	open, end := s.Open.UnixNano(), s.Close.UnixNano()
	st := step(f)
	for k := 1; k < n; k++ {
		dst = append(dst, open+int64(k)*st)
	}
	return append(dst, end)
}
