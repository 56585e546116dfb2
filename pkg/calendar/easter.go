package calendar

import "time"

// Easter returns the date of Easter Sunday in the Gregorian calendar for
// year y (y >= 1583), at 00:00 UTC.
//
// It uses the anonymous Gregorian algorithm (published in Nature in 1876,
// given by Jean Meeus, Astronomical Algorithms, 2nd ed., 1998, chapter 8):
// integer arithmetic only, valid for every Gregorian year. a is the year's
// place in the 19-year Metonic cycle, b..g correct for leap centuries and
// the lunar orbit, h is the epact-derived day of the paschal full moon and
// l the days from it to the next Sunday; m corrects the rare late cases.
// Good Friday, an NYSE holiday, is two days before.
func Easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return time.Date(y, time.Month(n/31), n%31+1, 0, 0, 0, 0, time.UTC)
}
