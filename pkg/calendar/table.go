package calendar

import (
	"slices"
	"time"
)

// table is a calendar whose sessions are computed once and kept sorted:
// XNYS and the data calendars. It is immutable after construction and safe
// for concurrent use.
type table struct {
	name     string
	loc      *time.Location
	sessions []Session
	days     []day // days[i] is the date of sessions[i]
	// minYear and maxYear bound the dates Sessions accepts.
	minYear, maxYear int
	// datesOnly marks a data calendar: its sessions stand for dates, not
	// for hours of trading (see DatesOnly).
	datesOnly bool
}

func (c *table) Name() string             { return c.name }
func (c *table) Location() *time.Location { return c.loc }

// DatesOnly reports whether the calendar knows the dates of its sessions
// but not their hours: true for the data calendars of FromDates.
func (c *table) DatesOnly() bool { return c.datesOnly }

// Sessions finds the range by two binary searches over the dates and
// copies it: one allocation, the result.
func (c *table) Sessions(start, end time.Time) ([]Session, error) {
	s, e := dayOf(start), dayOf(end)
	if err := checkRange(c.name, s, e, c.minYear, c.maxYear); err != nil {
		return nil, err
	}
	i, _ := slices.BinarySearch(c.days, s)
	j, found := slices.BinarySearch(c.days[i:], e)
	j += i
	if found {
		j++
	}
	if i == j {
		return nil, rangeError(c.name, s, e, ErrNoSessions)
	}
	return slices.Clone(c.sessions[i:j]), nil
}
