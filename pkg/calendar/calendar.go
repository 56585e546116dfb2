package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Session is one trading session of a calendar.
type Session struct {
	// Date is the session's calendar date, at 00:00 UTC. It is the date of
	// the session in the calendar's own location (2024-01-02 for the NYSE
	// session that opens 2024-01-02 09:30 New York), whatever the UTC date
	// of its open or close.
	Date time.Time
	// Open and Close are the instants trading starts and ends, in UTC.
	// Open < Close always.
	Open, Close time.Time
	// EarlyClose reports a session that closes before the calendar's
	// regular closing time (the NYSE 13:00 closes). It is always false for
	// calendars without a regular closing time (24/7 and data calendars).
	EarlyClose bool
}

// Calendar is a list of trading sessions.
//
// Sessions returns the sessions whose Date is in [start, end], in date
// order. start and end are taken as calendar dates: the year, month and day
// they show in their own location (see [Date]); their clock times are
// ignored. The result is a new slice that the caller owns.
//
// Sessions returns a [*RangeError] when start is after end
// ([ErrStartAfterEnd]), when the range reaches outside the years the
// calendar supports ([ErrOutOfRange]), or when no session falls in it
// ([ErrNoSessions]); the error names the dates.
type Calendar interface {
	// Name is the calendar's name: "XNYS", "24/7", or the name given to
	// FromDates.
	Name() string
	// Location is the time zone the calendar's dates are read in.
	Location() *time.Location
	// Sessions returns the sessions whose dates are in [start, end].
	Sessions(start, end time.Time) ([]Session, error)
}

// DatesOnly reports whether c knows only the dates of its sessions, not
// the hours markets trade in them: true for the data calendars of
// [FromDates], whose sessions run 00:00 to 24:00 by convention, false for
// XNYS and 24/7, whose opens and closes are real instants. A run on such a
// calendar reports what happens in a session of daily bars (a fill, an
// order placed) at the session's date rather than at an hour it does not
// know.
func DatesOnly(c Calendar) bool {
	d, ok := c.(interface{ DatesOnly() bool })
	return ok && d.DatesOnly()
}

// Date returns the calendar date t shows in its own location, as 00:00 UTC
// of that date: the form of [Session.Date] and the reading of the start and
// end of [Calendar.Sessions].
func Date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ByName returns the calendar called name: "XNYS" (also "NYSE") or "24/7".
// Names are matched ignoring case. Data calendars have no name to look up:
// build them from the data with [FromDates].
func ByName(name string) (Calendar, error) {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "XNYS", "NYSE":
		return XNYS(), nil
	case "24/7":
		return TwentyFourSeven(), nil
	case "DATA":
		return nil, fmt.Errorf("calendar: %q is built from the dates of the data (calendar.FromDates), not by name", name)
	}
	return nil, fmt.Errorf("calendar: unknown calendar %q (want XNYS, NYSE or 24/7)", name)
}

// day is a calendar date as a count of days since 1970-01-01.
type day int64

const secondsPerDay = 24 * 60 * 60

// dayOf returns the calendar date t shows in its own location.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return dayFromCivil(y, m, d)
}

func dayFromCivil(y int, m time.Month, d int) day {
	// Midnight UTC is a whole number of days from the epoch, so the
	// division is exact on both sides of 1970.
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// time returns the date as 00:00 UTC.
func (d day) utc() time.Time { return time.Unix(int64(d)*secondsPerDay, 0).UTC() }

// String formats the date as 2006-01-02.
func (d day) String() string { return d.utc().Format(time.DateOnly) }
