package calendar

import (
	"fmt"
	"sync"
	"time"
	// The embedded time zone database: America/New_York loads on machines
	// without tzdata (CI containers, scratch images).
	_ "time/tzdata"
)

// The years XNYS covers.
const (
	XNYSMinYear = 1990
	XNYSMaxYear = 2035
)

// XNYS returns the New York Stock Exchange calendar for 1990-2035: sessions
// 09:30-16:00 America/New_York on weekdays that are not holidays, with the
// 13:00 early closes. See the package documentation for the rules.
//
// The sessions are computed once per process, on the first call, and shared
// read-only by every caller; the calendar is safe for concurrent use.
func XNYS() Calendar { return xnysOnce() }

var xnysOnce = sync.OnceValue(func() *table {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		// Cannot happen: time/tzdata embeds the zone.
		panic(fmt.Sprintf("calendar: load America/New_York: %v", err))
	}
	c := &table{name: "XNYS", loc: ny, minYear: XNYSMinYear, maxYear: XNYSMaxYear}
	for y := XNYSMinYear; y <= XNYSMaxYear; y++ {
		days := xnysYear(y)
		for t := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC); t.Year() == y; t = t.AddDate(0, 0, 1) {
			m, d := t.Month(), t.Day()
			st := days[m][d]
			if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || st == closed {
				continue
			}
			closeHour := 16
			switch st {
			case close13:
				closeHour = 13
			case close14:
				closeHour = 14
			}
			c.sessions = append(c.sessions, Session{
				Date:       t,
				Open:       time.Date(y, m, d, 9, 30, 0, 0, ny).UTC(),
				Close:      time.Date(y, m, d, closeHour, 0, 0, 0, ny).UTC(),
				EarlyClose: closeHour != 16,
			})
			c.days = append(c.days, dayFromCivil(y, m, d))
		}
	}
	return c
})

// status is what XNYS does on a weekday.
type status uint8

const (
	regular status = iota // trades 09:30-16:00
	closed                // holiday or special closure
	close13               // early close at 13:00
	close14               // early close at 14:00 (before 1993)
)

// date is a day of a year in the tables below.
type date struct {
	y int
	m time.Month
	d int
}

// xnysSpecialClosures are the unscheduled full-day closures.
var xnysSpecialClosures = [...]date{
	{1994, time.April, 27},     // national day of mourning, President Nixon
	{2001, time.September, 11}, // September 11 attacks: closed through the 14th
	{2001, time.September, 12},
	{2001, time.September, 13},
	{2001, time.September, 14},
	{2004, time.June, 11},    // national day of mourning, President Reagan
	{2007, time.January, 2},  // national day of mourning, President Ford
	{2012, time.October, 29}, // Hurricane Sandy
	{2012, time.October, 30}, // Hurricane Sandy
	{2018, time.December, 5}, // national day of mourning, President G. H. W. Bush
	{2025, time.January, 9},  // national day of mourning, President Carter
}

// xnysSpecialEarlyCloses are the 13:00 closes no yearly rule gives.
var xnysSpecialEarlyCloses = [...]date{
	{1997, time.December, 26}, // Friday after Christmas
	{1999, time.December, 31}, // New Year's Eve before 2000
	{2003, time.December, 26}, // Friday after Christmas
}

// xnysYear returns the status of every day of year y, indexed
// [month][day]; weekends are left to the caller.
func xnysYear(y int) *[13][32]status {
	var s [13][32]status
	at := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	set := func(t time.Time, st status) { s[t.Month()][t.Day()] = st }

	// observe closes a fixed-date holiday, moved to the Friday before when
	// it falls on a Saturday and to the Monday after on a Sunday.
	observe := func(m time.Month, d int) {
		t := at(m, d)
		switch t.Weekday() {
		case time.Saturday:
			t = t.AddDate(0, 0, -1)
		case time.Sunday:
			t = t.AddDate(0, 0, 1)
		}
		set(t, closed)
	}

	// Full holidays (NYSE Rule 7.2).
	// New Year's Day: on a Sunday it is observed on Monday the 2nd; on a
	// Saturday it is not observed at all (the exchange stays open on
	// Friday, December 31 so that no year-end is a holiday).
	switch ny := at(time.January, 1); ny.Weekday() {
	case time.Saturday:
	case time.Sunday:
		set(ny.AddDate(0, 0, 1), closed)
	default:
		set(ny, closed)
	}
	if y >= 1998 {
		set(nthWeekday(y, time.January, time.Monday, 3), closed) // Martin Luther King Jr. Day
	}
	set(nthWeekday(y, time.February, time.Monday, 3), closed) // Washington's Birthday (Presidents' Day)
	set(Easter(y).AddDate(0, 0, -2), closed)                  // Good Friday
	set(lastWeekday(y, time.May, time.Monday), closed)        // Memorial Day
	if y >= 2022 {
		observe(time.June, 19) // Juneteenth National Independence Day
	}
	observe(time.July, 4)                                          // Independence Day
	set(nthWeekday(y, time.September, time.Monday, 1), closed)     // Labor Day
	thanksgiving := nthWeekday(y, time.November, time.Thursday, 4) // Thanksgiving Day
	set(thanksgiving, closed)
	observe(time.December, 25) // Christmas Day

	for _, c := range xnysSpecialClosures {
		if c.y == y {
			set(at(c.m, c.d), closed)
		}
	}

	// Early closes, on weekdays that are not closed.
	early := func(t time.Time, st status) {
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday && s[t.Month()][t.Day()] == regular {
			set(t, st)
		}
	}
	hour := close13
	if y < 1993 {
		hour = close14 // before 1993 the scheduled early closes were at 14:00
	}
	// The day before Independence Day: July 3 on a Monday, Tuesday or
	// Thursday from 1995, and on a Wednesday from 2013. From 1995 to 2012 a
	// Thursday July 4 gave the early close to Friday, July 5 instead.
	if y >= 1995 {
		jul3 := at(time.July, 3)
		switch jul3.Weekday() {
		case time.Monday, time.Tuesday, time.Thursday:
			early(jul3, hour)
		case time.Wednesday:
			if y >= 2013 {
				early(jul3, hour)
			} else {
				early(at(time.July, 5), hour)
			}
		}
	}
	// The day after Thanksgiving, from 1992.
	if y >= 1992 {
		early(thanksgiving.AddDate(0, 0, 1), hour)
	}
	// Christmas Eve, Monday to Thursday (on a Friday it is the observed
	// Christmas holiday).
	early(at(time.December, 24), hour)

	for _, c := range xnysSpecialEarlyCloses {
		if c.y == y {
			early(at(c.m, c.d), close13)
		}
	}
	return &s
}

// nthWeekday returns the n-th (1-based) weekday wd of month m of year y.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	t := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	offset := (int(wd) - int(t.Weekday()) + 7) % 7
	return t.AddDate(0, 0, offset+7*(n-1))
}

// lastWeekday returns the last weekday wd of month m of year y.
func lastWeekday(y int, m time.Month, wd time.Weekday) time.Time {
	t := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) // last day of m
	offset := (int(t.Weekday()) - int(wd) + 7) % 7
	return t.AddDate(0, 0, -offset)
}
