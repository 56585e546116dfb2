package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// A dataset stamps each bar at the end of its interval (package market);
// a bars file holds what a reader of the data expects instead, the bar's
// label: the session's date for a daily bar, the start of its interval
// for an hourly or minute one. Converting takes the sessions of the
// bundle's calendar; this file has the conversions.

// sessionTable is the sessions of a bundle's calendar over a range of
// dates, for converting stamps to labels and back.
type sessionTable struct {
	name string
	freq market.Frequency
	step int64 // the bar's length in nanoseconds; 0 for daily
	// days, opens and closes are the sessions' dates (days since
	// 1970-01-01), opens and closes (Unix nanoseconds).
	days, opens, closes []int64
}

// bundleCalendar returns the calendar a bundle's bars follow: XNYS or 24/7
// by name, or for "data" (and "") a calendar of every day, 00:00 to 24:00
// in the zone tz (UTC when empty), which has the sessions of any data
// calendar on the dates it has.
func bundleCalendar(name, tz string) (calendar.Calendar, *time.Location, error) {
	if name != "" && !strings.EqualFold(name, "data") {
		cal, err := calendar.ByName(name)
		if err != nil {
			return nil, nil, err
		}
		return cal, cal.Location(), nil
	}
	loc := time.UTC
	if tz != "" {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			return nil, nil, fmt.Errorf("time zone %q: %w", tz, err)
		}
	}
	return nil, loc, nil
}

// newSessionTable returns the sessions of calendar name (zone tz for a
// data calendar) whose dates are in [from, to] (calendar dates), for bars
// of frequency freq.
func newSessionTable(name, tz string, freq market.Frequency, from, to time.Time) (*sessionTable, error) {
	cal, loc, err := bundleCalendar(name, tz)
	if err != nil {
		return nil, err
	}
	if cal == nil {
		var dates []time.Time
		for d := calendar.Date(from); !d.After(to); d = d.AddDate(0, 0, 1) {
			dates = append(dates, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc))
		}
		if cal, err = calendar.FromDates("data", loc, dates); err != nil {
			return nil, err
		}
	}
	ss, err := cal.Sessions(from, to)
	if err != nil && !errors.Is(err, calendar.ErrNoSessions) {
		return nil, err
	}
	t := &sessionTable{name: cal.Name(), freq: freq, step: int64(freq.Duration()),
		days: make([]int64, len(ss)), opens: make([]int64, len(ss)), closes: make([]int64, len(ss))}
	if freq == market.Daily {
		t.step = 0
	}
	for i, s := range ss {
		t.days[i], t.opens[i], t.closes[i] = s.Date.Unix()/secondsPerDay, s.Open.UnixNano(), s.Close.UnixNano()
	}
	return t, nil
}

const secondsPerDay = 24 * 60 * 60

// labelTime returns a label as a time: a date at 00:00 UTC for daily
// bars, the instant otherwise.
func (t *sessionTable) labelTime(l int64) time.Time {
	if t.step == 0 {
		return time.Unix(l*secondsPerDay, 0).UTC()
	}
	return time.Unix(0, l).UTC()
}

// stampDate returns the calendar date, in loc, of the bar stamped at the
// end of its interval at end: the date of the instant just before.
func stampDate(end int64, loc *time.Location) time.Time {
	return calendar.Date(time.Unix(0, end-1).In(loc))
}

var (
	errOffSessions = errors.New("not in a session of the calendar")
	errOffGrid     = errors.New("not on the calendar's bar grid")
)

// labels converts the end-of-interval stamps of one series to labels,
// appending them to dst: days since 1970-01-01 of each session's date for
// daily bars (each must be stamped at its session's close), the start of
// each bar for intraday ones (each must end on the grid of its session).
// A stamp off the sessions or off the grid is a *ValueError naming where
// (symbol), the row and the stamp.
func (t *sessionTable) labels(dst, times []int64, where string) ([]int64, error) {
	j := 0
	for i, end := range times {
		for j < len(t.closes) && t.closes[j] < end {
			j++
		}
		if j == len(t.closes) || end <= t.opens[j] {
			return dst, t.offCalendar(where, i, end, errOffSessions)
		}
		open, close := t.opens[j], t.closes[j]
		if t.step == 0 {
			if end != close {
				return dst, t.offCalendar(where, i, end, errOffGrid)
			}
			dst = append(dst, t.days[j])
			continue
		}
		start := open + (end-open-1)/t.step*t.step
		if min(start+t.step, close) != end {
			return dst, t.offCalendar(where, i, end, errOffGrid)
		}
		dst = append(dst, start)
	}
	return dst, nil
}

// offCalendar is the error for row i of where, stamped end.
func (t *sessionTable) offCalendar(where string, i int, end int64, err error) error {
	return &ValueError{File: where, Column: colTime, Row: i, Value: time.Unix(0, end).UTC().Format(time.RFC3339Nano),
		Err: fmt.Errorf("%w (%s, %s bars)", err, t.name, t.freq)}
}

// ends converts labels back to end-of-interval stamps in place: a session
// date to its close, a bar's start to its end (its start plus the bar's
// length, cut at the session's close). A label in no session is an error
// (the file does not match its manifest's calendar).
func (t *sessionTable) ends(labels []int64) error {
	if len(labels) == 0 {
		return nil
	}
	j := t.find(labels[0]) // files may start after the bundle's first session
	if t.step == 0 {
		for i, l := range labels {
			for j < len(t.days) && t.days[j] < l {
				j++
			}
			if j == len(t.days) || t.days[j] != l {
				return fmt.Errorf("row %d: %s is not a session of the %s calendar", i, time.Unix(l*secondsPerDay, 0).UTC().Format(time.DateOnly), t.name)
			}
			labels[i] = t.closes[j]
		}
		return nil
	}
	for i, l := range labels {
		for j < len(t.closes) && t.closes[j] <= l {
			j++
		}
		if j == len(t.closes) || l < t.opens[j] {
			return fmt.Errorf("row %d: %s is in no session of the %s calendar", i, time.Unix(0, l).UTC().Format(time.RFC3339Nano), t.name)
		}
		labels[i] = min(l+t.step, t.closes[j])
	}
	return nil
}

// find returns the index of the first session that can hold label l.
func (t *sessionTable) find(l int64) int {
	if t.step == 0 {
		return sort.Search(len(t.days), func(i int) bool { return t.days[i] >= l })
	}
	return sort.Search(len(t.closes), func(i int) bool { return t.closes[i] > l })
}
