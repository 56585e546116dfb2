package calendar_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustData(t testing.TB, name string, loc *time.Location, dates ...string) calendar.Calendar {
	t.Helper()
	ts := make([]time.Time, len(dates))
	for i, s := range dates {
		ts[i] = day(t, s)
	}
	c, err := calendar.FromDates(name, loc, ts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSessionsErrors(t *testing.T) {
	data := mustData(t, "", nil, "2006-01-02", "2006-01-03", "2006-01-09")
	tests := []struct {
		name       string
		cal        calendar.Calendar
		start, end string
		want       error
		msg        string
	}{
		{"xnys start after end", calendar.XNYS(), "2024-02-01", "2024-01-31", calendar.ErrStartAfterEnd,
			"calendar XNYS: start 2024-02-01 is after end 2024-01-31"},
		{"xnys before 1990", calendar.XNYS(), "1989-12-29", "1990-01-05", calendar.ErrOutOfRange,
			"calendar XNYS: range 1989-12-29..1990-01-05 is outside the supported years 1990-2035"},
		{"xnys after 2035", calendar.XNYS(), "2035-12-01", "2036-01-02", calendar.ErrOutOfRange,
			"calendar XNYS: range 2035-12-01..2036-01-02 is outside the supported years 1990-2035"},
		{"xnys holiday", calendar.XNYS(), "2024-12-25", "2024-12-25", calendar.ErrNoSessions,
			"calendar XNYS: no sessions from 2024-12-25 to 2024-12-25"},
		{"xnys weekend", calendar.XNYS(), "2024-03-09", "2024-03-10", calendar.ErrNoSessions,
			"calendar XNYS: no sessions from 2024-03-09 to 2024-03-10"},
		{"xnys september 2001", calendar.XNYS(), "2001-09-11", "2001-09-16", calendar.ErrNoSessions,
			"calendar XNYS: no sessions from 2001-09-11 to 2001-09-16"},
		{"24/7 start after end", calendar.TwentyFourSeven(), "2024-01-02", "2024-01-01", calendar.ErrStartAfterEnd,
			"calendar 24/7: start 2024-01-02 is after end 2024-01-01"},
		{"24/7 out of range", calendar.TwentyFourSeven(), "1600-01-01", "1700-01-01", calendar.ErrOutOfRange,
			"calendar 24/7: range 1600-01-01..1700-01-01 is outside the supported years 1678-2261"},
		{"data gap", data, "2006-01-04", "2006-01-08", calendar.ErrNoSessions,
			"calendar data: no sessions from 2006-01-04 to 2006-01-08"},
		{"data before", data, "2005-01-01", "2005-12-31", calendar.ErrNoSessions,
			"calendar data: no sessions from 2005-01-01 to 2005-12-31"},
		{"data start after end", data, "2006-01-03", "2006-01-02", calendar.ErrStartAfterEnd,
			"calendar data: start 2006-01-03 is after end 2006-01-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.cal.Sessions(day(t, tt.start), day(t, tt.end))
			if err == nil {
				t.Fatalf("Sessions(%s, %s) = %d sessions, want error", tt.start, tt.end, len(s))
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %q", err, tt.want)
			}
			var re *calendar.RangeError
			if !errors.As(err, &re) || !re.Start.Equal(day(t, tt.start)) || !re.End.Equal(day(t, tt.end)) || re.Calendar != tt.cal.Name() {
				t.Errorf("error %#v does not carry the calendar and dates", err)
			}
			if err.Error() != tt.msg {
				t.Errorf("error %q, want %q", err, tt.msg)
			}
			if s != nil {
				t.Errorf("sessions %v with an error", s)
			}
		})
	}
}

// TestSessionsCalendarDates checks that start and end are read as the
// calendar dates they show in their own location, clock time ignored.
func TestSessionsCalendarDates(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// 23:00 New York on 2024-01-02 is 2024-01-03 in UTC; 00:30 Tokyo on
	// 2024-01-04 is 2024-01-03 in UTC.
	tokyo := time.FixedZone("JST", 9*3600)
	start := time.Date(2024, 1, 2, 23, 0, 0, 0, ny)
	end := time.Date(2024, 1, 4, 0, 30, 0, 0, tokyo)
	for _, cal := range []calendar.Calendar{calendar.XNYS(), calendar.TwentyFourSeven()} {
		s, err := cal.Sessions(start, end)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range s {
			got = append(got, x.Date.Format(time.DateOnly))
		}
		if want := "2024-01-02 2024-01-03 2024-01-04"; strings.Join(got, " ") != want {
			t.Errorf("%s: sessions %v, want %s", cal.Name(), got, want)
		}
	}
	if got := calendar.Date(start); !got.Equal(day(t, "2024-01-02")) || got.Location() != time.UTC {
		t.Errorf("Date(%v) = %v, want 2024-01-02 00:00 UTC", start, got)
	}
}

func TestTwentyFourSeven(t *testing.T) {
	cal := calendar.TwentyFourSeven()
	if cal.Name() != "24/7" || cal.Location() != time.UTC {
		t.Errorf("name %q location %v", cal.Name(), cal.Location())
	}
	// A leap year, across the US daylight saving changes: every UTC day,
	// 24 hours each.
	s, err := cal.Sessions(day(t, "2024-01-01"), day(t, "2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 366 {
		t.Fatalf("%d sessions in 2024, want 366", len(s))
	}
	for i, x := range s {
		want := day(t, "2024-01-01").AddDate(0, 0, i)
		if !x.Date.Equal(want) || !x.Open.Equal(want) || !x.Close.Equal(want.AddDate(0, 0, 1)) || x.EarlyClose {
			t.Errorf("session %d = %+v, want %s 00:00 to the next day 00:00 UTC", i, x, want.Format(time.DateOnly))
		}
	}
}

func TestFromDates(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// Unsorted, duplicated, one given as a time of day in New York that is
	// the next day in UTC; 2024-03-10 has 23 hours in New York, 2024-11-03
	// has 25.
	dates := []time.Time{
		day(t, "2024-11-03"), day(t, "2024-03-10"), day(t, "2024-01-02"),
		time.Date(2024, 1, 2, 21, 0, 0, 0, ny), day(t, "2024-03-10"),
	}
	cal, err := calendar.FromDates("mydata", ny, dates)
	if err != nil {
		t.Fatal(err)
	}
	if cal.Name() != "mydata" || cal.Location() != ny {
		t.Errorf("name %q location %v", cal.Name(), cal.Location())
	}
	s, err := cal.Sessions(day(t, "2024-01-01"), day(t, "2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		date        string
		open, close string // UTC
	}{
		{"2024-01-02", "2024-01-02T05:00:00Z", "2024-01-03T05:00:00Z"},
		{"2024-03-10", "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"},
		{"2024-11-03", "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"},
	}
	if len(s) != len(want) {
		t.Fatalf("%d sessions %v, want %d", len(s), s, len(want))
	}
	for i, w := range want {
		if got := s[i].Date.Format(time.DateOnly); got != w.date {
			t.Errorf("session %d date %s, want %s", i, got, w.date)
		}
		if got := s[i].Open.Format(time.RFC3339); got != w.open {
			t.Errorf("session %s open %s, want %s", w.date, got, w.open)
		}
		if got := s[i].Close.Format(time.RFC3339); got != w.close {
			t.Errorf("session %s close %s, want %s", w.date, got, w.close)
		}
	}
	// Changing the caller's slice afterwards changes nothing.
	dates[0] = day(t, "2024-06-06")
	if s2, _ := cal.Sessions(day(t, "2024-01-01"), day(t, "2024-12-31")); len(s2) != 3 || !s2[2].Date.Equal(day(t, "2024-11-03")) {
		t.Errorf("calendar follows the caller's slice: %v", s2)
	}
}

func TestFromDatesErrors(t *testing.T) {
	tests := []struct {
		name  string
		dates []time.Time
		msg   string
	}{
		{"none", nil, "calendar x: no dates to build sessions from"},
		{"too early", []time.Time{day(t, "2024-01-02"), day(t, "1600-01-02")},
			"calendar x: dates[1] = 1600-01-02 is outside the supported years 1678-2261"},
		{"too late", []time.Time{day(t, "2262-01-01")},
			"calendar x: dates[0] = 2262-01-01 is outside the supported years 1678-2261"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := calendar.FromDates("x", time.UTC, tt.dates)
			if err == nil || err.Error() != tt.msg {
				t.Fatalf("FromDates = %v, %v; want error %q", c, err, tt.msg)
			}
		})
	}
}

func TestByName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"XNYS", "XNYS"}, {"NYSE", "XNYS"}, {"xnys", "XNYS"}, {" nyse ", "XNYS"}, {"24/7", "24/7"},
	} {
		c, err := calendar.ByName(tt.name)
		if err != nil || c.Name() != tt.want {
			t.Errorf("ByName(%q) = %v, %v; want %s", tt.name, c, err, tt.want)
		}
	}
	for _, tt := range []struct{ name, msg string }{
		{"LSE", `calendar: unknown calendar "LSE" (want XNYS, NYSE or 24/7)`},
		{"", `calendar: unknown calendar "" (want XNYS, NYSE or 24/7)`},
		{"data", `calendar: "data" is built from the dates of the data (calendar.FromDates), not by name`},
	} {
		if c, err := calendar.ByName(tt.name); err == nil || err.Error() != tt.msg {
			t.Errorf("ByName(%q) = %v, %v; want error %q", tt.name, c, err, tt.msg)
		}
	}
}

func TestSessionsAllocs(t *testing.T) {
	data := mustData(t, "", nil, "2006-01-02", "2006-01-03", "2006-01-09")
	for _, tt := range []struct {
		cal        calendar.Calendar
		start, end string
	}{
		{calendar.XNYS(), "2024-01-01", "2024-12-31"},
		{calendar.TwentyFourSeven(), "2024-01-01", "2024-12-31"},
		{data, "2006-01-01", "2006-12-31"},
	} {
		start, end := day(t, tt.start), day(t, tt.end)
		if n := testing.AllocsPerRun(100, func() { _, _ = tt.cal.Sessions(start, end) }); n != 1 {
			t.Errorf("%s: Sessions makes %v allocations, want 1 (the result)", tt.cal.Name(), n)
		}
	}
}

// TestSessionsSubranges checks that every range of a calendar gives the
// same sessions as filtering its whole list: searching is not off by one.
func TestSessionsSubranges(t *testing.T) {
	cal := calendar.XNYS()
	all, err := cal.Sessions(day(t, "2024-11-01"), day(t, "2025-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	for s := day(t, "2024-11-01"); s.Before(day(t, "2025-02-01")); s = s.AddDate(0, 0, 1) {
		for e := s; e.Before(day(t, "2025-02-01")); e = e.AddDate(0, 0, 1) {
			var want []calendar.Session
			for _, x := range all {
				if !x.Date.Before(s) && !x.Date.After(e) {
					want = append(want, x)
				}
			}
			got, err := cal.Sessions(s, e)
			if len(want) == 0 {
				if !errors.Is(err, calendar.ErrNoSessions) {
					t.Fatalf("Sessions(%s, %s) = %v, %v; want ErrNoSessions", s.Format(time.DateOnly), e.Format(time.DateOnly), got, err)
				}
				continue
			}
			if err != nil || len(got) != len(want) || !got[0].Date.Equal(want[0].Date) || !got[len(got)-1].Date.Equal(want[len(want)-1].Date) {
				t.Fatalf("Sessions(%s, %s) = %d sessions, %v; want %d", s.Format(time.DateOnly), e.Format(time.DateOnly), len(got), err, len(want))
			}
		}
	}
}

func TestXNYSConcurrent(t *testing.T) {
	done := make(chan int)
	for range 4 {
		go func() {
			s, err := calendar.XNYS().Sessions(day(t, "2024-01-01"), day(t, "2024-12-31"))
			if err != nil {
				t.Error(err)
			}
			done <- len(s)
		}()
	}
	for range 4 {
		if n := <-done; n != 252 {
			t.Errorf("%d sessions in 2024, want 252", n)
		}
	}
}

func TestDatesOnly(t *testing.T) {
	for _, tc := range []struct {
		cal  calendar.Calendar
		want bool
	}{
		{calendar.XNYS(), false},
		{calendar.TwentyFourSeven(), false},
		{mustData(t, "data", time.UTC, "2024-01-02"), true},
		{nil, false},
	} {
		if got := calendar.DatesOnly(tc.cal); got != tc.want {
			t.Errorf("DatesOnly(%v) = %v, want %v", tc.cal, got, tc.want)
		}
	}
}
