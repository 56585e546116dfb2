package report

import (
	"time"
)

// dateTick is a label on a time axis at a session index.
type dateTick struct {
	Index int
	Label string
}

// dateUnits are the calendar units a time axis may be labelled in, from
// the coarsest: a unit's key changes at each of its boundaries.
var dateUnits = []struct {
	key    func(time.Time) int
	layout string
}{
	{func(t time.Time) int { return t.Year() }, "2006"},
	{func(t time.Time) int { return t.Year()*12 + int(t.Month()) }, "Jan 2006"},
	{func(t time.Time) int { return t.Year()*400 + t.YearDay() }, "Jan 2"},
}

// dateTicks labels a time axis over the session dates: at the first
// session and at each session that starts a new year, month or day (the
// coarsest unit that gives at least 4 labels), keeping every k-th to
// stay within maxTicks.
func dateTicks(dates []time.Time, maxTicks int) []dateTick {
	if len(dates) == 0 {
		return nil
	}
	var ticks []dateTick
	for _, u := range dateUnits {
		ticks = ticks[:0]
		for i, d := range dates {
			if i == 0 || u.key(d) != u.key(dates[i-1]) {
				ticks = append(ticks, dateTick{i, d.Format(u.layout)})
			}
		}
		if len(ticks) >= 4 {
			break
		}
	}
	if k := (len(ticks) + maxTicks - 1) / maxTicks; k > 1 {
		kept := ticks[:0]
		for i := 0; i < len(ticks); i += k {
			kept = append(kept, ticks[i])
		}
		ticks = kept
	}
	return ticks
}
