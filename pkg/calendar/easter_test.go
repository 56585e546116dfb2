package calendar_test

import (
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

func TestEasterPublished(t *testing.T) {
	// Dates from published Easter tables, including the earliest and
	// latest possible dates.
	for _, want := range []string{
		"1818-03-22", "1943-04-25", "1990-04-15", "2000-04-23", "2008-03-23", "2011-04-24",
		"2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25", "2285-03-22",
	} {
		d, err := time.Parse(time.DateOnly, want)
		if err != nil {
			t.Fatal(err)
		}
		if got := calendar.Easter(d.Year()); !got.Equal(d) {
			t.Errorf("Easter(%d) = %s, want %s", d.Year(), got.Format(time.DateOnly), want)
		}
	}
}

// gaussEaster is Gauss's Easter algorithm with its two exceptions, an
// independent derivation to check Easter against.
func gaussEaster(y int) time.Time {
	a, b, c := y%19, y%4, y%7
	k := y / 100
	p := (13 + 8*k) / 25
	q := k / 4
	m := (15 - p + k - q) % 30
	n := (4 + k - q) % 7
	d := (19*a + m) % 30
	e := (2*b + 4*c + 6*d + n) % 7
	switch {
	case d == 29 && e == 6:
		return time.Date(y, time.April, 19, 0, 0, 0, 0, time.UTC)
	case d == 28 && e == 6 && (11*m+11)%30 < 19:
		return time.Date(y, time.April, 18, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.March, 22+d+e, 0, 0, 0, 0, time.UTC)
}

func TestEasterGauss(t *testing.T) {
	for y := 1583; y <= 4099; y++ {
		got, want := calendar.Easter(y), gaussEaster(y)
		if !got.Equal(want) {
			t.Fatalf("Easter(%d) = %s, Gauss gives %s", y, got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		if got.Weekday() != time.Sunday {
			t.Fatalf("Easter(%d) = %s is a %s", y, got.Format(time.DateOnly), got.Weekday())
		}
	}
}
