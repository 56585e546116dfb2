package calendar_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

// FuzzSessions asks XNYS and 24/7 for arbitrary ranges (days from
// 1990-01-01, possibly negative or past 2035) and checks that the answer is
// either a RangeError of a known reason or the right sessions: in order,
// inside the range, opening before closing, in UTC, and the same as
// filtering the whole table.
func FuzzSessions(f *testing.F) {
	for _, seed := range [][2]int{{0, 0}, {0, 30}, {-5, 10}, {12000, 5000}, {16800, 2}, {30, -3}, {0, 16800}} {
		f.Add(seed[0], seed[1])
	}
	base := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	all, err := calendar.XNYS().Sessions(base, time.Date(2035, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, from, length int) {
		if from < -100000 || from > 100000 || length < -100000 || length > 100000 {
			t.Skip()
		}
		start := base.AddDate(0, 0, from)
		end := start.AddDate(0, 0, length)
		for _, cal := range []calendar.Calendar{calendar.XNYS(), calendar.TwentyFourSeven()} {
			got, err := cal.Sessions(start, end)
			if err != nil {
				var re *calendar.RangeError
				if !errors.As(err, &re) || !(errors.Is(err, calendar.ErrStartAfterEnd) || errors.Is(err, calendar.ErrOutOfRange) || errors.Is(err, calendar.ErrNoSessions)) {
					t.Fatalf("%s: Sessions(%v, %v): unexpected error %v", cal.Name(), start, end, err)
				}
				if length >= 0 && cal.Name() == "24/7" && !errors.Is(err, calendar.ErrOutOfRange) {
					t.Fatalf("24/7: Sessions(%v, %v): %v", start, end, err)
				}
				continue
			}
			if length < 0 {
				t.Fatalf("%s: Sessions(%v, %v) = %d sessions for start after end", cal.Name(), start, end, len(got))
			}
			for i, s := range got {
				if s.Date.Before(start) || s.Date.After(end) || !s.Open.Before(s.Close) || (i > 0 && !s.Date.After(got[i-1].Date)) ||
					s.Open.Location() != time.UTC || s.Close.Location() != time.UTC {
					t.Fatalf("%s: Sessions(%v, %v): bad session %d %+v", cal.Name(), start, end, i, s)
				}
			}
			if cal.Name() == "24/7" {
				if len(got) != length+1 {
					t.Fatalf("24/7: %d sessions in %d days", len(got), length+1)
				}
				continue
			}
			n := 0
			for _, s := range all {
				if !s.Date.Before(start) && !s.Date.After(end) {
					if s != got[n] {
						t.Fatalf("XNYS: Sessions(%v, %v)[%d] = %+v, want %+v", start, end, n, got[n], s)
					}
					n++
				}
			}
			if n != len(got) {
				t.Fatalf("XNYS: Sessions(%v, %v) = %d sessions, want %d", start, end, len(got), n)
			}
		}
	})
}
