package calendar

import "time"

// The years the 24/7 and data calendars cover: those whose instants fit in
// int64 Unix nanoseconds (1677-09-21 to 2262-04-11), the form bar stamps
// take in the engine.
const (
	MinYear = 1678
	MaxYear = 2261
)

// TwentyFourSeven returns the "24/7" calendar of markets that never close
// (crypto): one session per UTC day, from 00:00 to 24:00 UTC (the next
// day's 00:00), for the years MinYear-MaxYear. Its sessions are computed on
// each call: one allocation, the result.
func TwentyFourSeven() Calendar { return allDay{} }

type allDay struct{}

func (allDay) Name() string             { return "24/7" }
func (allDay) Location() *time.Location { return time.UTC }

func (allDay) Sessions(start, end time.Time) ([]Session, error) {
	s, e := dayOf(start), dayOf(end)
	if err := checkRange("24/7", s, e, MinYear, MaxYear); err != nil {
		return nil, err
	}
	out := make([]Session, e-s+1)
	for i := range out {
		open := (s + day(i)).utc()
		out[i] = Session{Date: open, Open: open, Close: open.Add(24 * time.Hour)}
	}
	return out, nil
}
