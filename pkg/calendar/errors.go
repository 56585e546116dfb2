package calendar

import (
	"errors"
	"fmt"
	"time"
)

// The reasons a [RangeError] gives.
var (
	// ErrStartAfterEnd: the start date of the range is after its end date.
	ErrStartAfterEnd = errors.New("start after end")
	// ErrOutOfRange: the range reaches outside the years the calendar
	// supports (XNYS: 1990-2035).
	ErrOutOfRange = errors.New("outside the supported years")
	// ErrNoSessions: no session falls in the range.
	ErrNoSessions = errors.New("no sessions")
)

// RangeError reports a range of dates that Sessions cannot answer. It
// unwraps to its reason, so errors.Is(err, calendar.ErrNoSessions) works.
type RangeError struct {
	Calendar string
	// Start and End are the calendar dates asked for, at 00:00 UTC.
	Start, End time.Time
	// MinYear and MaxYear are the years the calendar supports (set for
	// ErrOutOfRange).
	MinYear, MaxYear int
	// Err is ErrStartAfterEnd, ErrOutOfRange or ErrNoSessions.
	Err error
}

func (e *RangeError) Error() string {
	s, t := e.Start.Format(time.DateOnly), e.End.Format(time.DateOnly)
	switch e.Err {
	case ErrStartAfterEnd:
		return fmt.Sprintf("calendar %s: start %s is after end %s", e.Calendar, s, t)
	case ErrOutOfRange:
		return fmt.Sprintf("calendar %s: range %s..%s is outside the supported years %d-%d", e.Calendar, s, t, e.MinYear, e.MaxYear)
	case ErrNoSessions:
		return fmt.Sprintf("calendar %s: no sessions from %s to %s", e.Calendar, s, t)
	}
	return fmt.Sprintf("calendar %s: range %s..%s: %v", e.Calendar, s, t, e.Err)
}

func (e *RangeError) Unwrap() error { return e.Err }

// checkRange validates [start, end] against the supported years
// [minYear, maxYear] of a calendar.
func checkRange(name string, start, end day, minYear, maxYear int) error {
	if start > end {
		return rangeError(name, start, end, ErrStartAfterEnd)
	}
	if start < dayFromCivil(minYear, time.January, 1) || end > dayFromCivil(maxYear, time.December, 31) {
		e := rangeError(name, start, end, ErrOutOfRange)
		e.MinYear, e.MaxYear = minYear, maxYear
		return e
	}
	return nil
}

func rangeError(name string, start, end day, err error) *RangeError {
	return &RangeError{Calendar: name, Start: start.utc(), End: end.utc(), Err: err}
}
