package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// FromDates returns a "data" calendar: its sessions are the given dates,
// sorted and without duplicates, each from 00:00 to 24:00 (the next day's
// 00:00) in loc. It serves data from markets we have no calendar for (a CSV
// file of daily bars): the sessions are the dates the data has.
//
// Each time is taken as a calendar date, the year, month and day it shows
// in its own location (see [Date]); pass dates parsed in loc, or at 00:00
// UTC. A nil loc means UTC. A session's length is the length of the day in
// loc: 23 or 25 hours on the days daylight saving time starts or ends.
//
// The hours of its sessions are a convention, not a market's: a data
// calendar knows dates only ([DatesOnly] reports true for it).
//
// name is the calendar's name ("data" when empty). Its Sessions answers any
// range within MinYear-MaxYear, with ErrNoSessions when no date falls in it.
// FromDates returns an error for an empty list and for a date outside
// MinYear-MaxYear, naming it. The calendar keeps no reference to dates.
func FromDates(name string, loc *time.Location, dates []time.Time) (Calendar, error) {
	if name == "" {
		name = "data"
	}
	if loc == nil {
		loc = time.UTC
	}
	if len(dates) == 0 {
		return nil, errors.New("calendar " + name + ": no dates to build sessions from")
	}
	c := &table{name: name, loc: loc, minYear: MinYear, maxYear: MaxYear, datesOnly: true}
	c.days = make([]day, len(dates))
	for i, t := range dates {
		if y := t.Year(); y < MinYear || y > MaxYear {
			return nil, fmt.Errorf("calendar %s: dates[%d] = %s is outside the supported years %d-%d",
				name, i, t.Format(time.DateOnly), MinYear, MaxYear)
		}
		c.days[i] = dayOf(t)
	}
	slices.Sort(c.days)
	c.days = slices.Clip(slices.Compact(c.days))
	c.sessions = make([]Session, len(c.days))
	for i, d := range c.days {
		y, m, dd := d.utc().Date()
		c.sessions[i] = Session{
			Date:  d.utc(),
			Open:  time.Date(y, m, dd, 0, 0, 0, 0, loc).UTC(),
			Close: time.Date(y, m, dd+1, 0, 0, 0, 0, loc).UTC(),
		}
	}
	return c, nil
}
