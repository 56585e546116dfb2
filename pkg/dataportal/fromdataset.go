package dataportal

import (
	"fmt"
	"sort"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// FromDataset builds the portal of a dataset over its whole range: a clock
// of the dataset's frequency on cal from the date of its first bar to the
// date of its last, then New. With a nil cal, the calendar the dataset
// names (ds.Calendar: "XNYS", "24/7"), or, when it names none or "data",
// the dates of the bars (DataCalendar in ds.TimeZone, UTC by default): the
// calendar for files of markets Penny has no calendar for.
func FromDataset[N numeric.Number[N]](ds *market.Dataset[N], cal calendar.Calendar) (*Portal[N], error) {
	if err := ds.Normalize(); err != nil {
		return nil, err
	}
	var err error
	if cal == nil && ds.Calendar != "" && ds.Calendar != "data" {
		if cal, err = calendar.ByName(ds.Calendar); err != nil {
			return nil, err
		}
	}
	if cal == nil {
		loc := time.UTC
		if ds.TimeZone != "" {
			if loc, err = time.LoadLocation(ds.TimeZone); err != nil {
				return nil, fmt.Errorf("dataportal: the dataset's time zone: %w", err)
			}
		}
		if cal, err = DataCalendar(ds, loc); err != nil {
			return nil, err
		}
	}
	first, last, ok := Span(ds)
	if !ok {
		return nil, fmt.Errorf("dataportal: the dataset has no bars")
	}
	loc := cal.Location()
	clk, err := clock.New(cal, ds.Frequency, calendar.Date(time.Unix(0, first-1).In(loc)), calendar.Date(time.Unix(0, last-1).In(loc)))
	if err != nil {
		return nil, err
	}
	return New(ds, clk)
}

// Span returns the first and last bar stamps of the dataset, false when it
// has no bars.
func Span[N numeric.Number[N]](ds *market.Dataset[N]) (first, last int64, ok bool) {
	for i := range ds.Series {
		s := &ds.Series[i]
		if s.Len() == 0 {
			continue
		}
		if !ok || s.Time[0] < first {
			first = s.Time[0]
		}
		if !ok || s.Time[s.Len()-1] > last {
			last = s.Time[s.Len()-1]
		}
		ok = true
	}
	return first, last, ok
}

// DataCalendar returns the calendar whose sessions are the dates of the
// dataset's bars in loc, each 00:00 to 24:00 (calendar.FromDates). A bar
// belongs to the date of the instant just before its stamp, since it is
// stamped at the end of its interval.
func DataCalendar[N numeric.Number[N]](ds *market.Dataset[N], loc *time.Location) (calendar.Calendar, error) {
	seen := map[time.Time]bool{}
	for i := range ds.Series {
		for _, t := range ds.Series[i].Time {
			seen[calendar.Date(time.Unix(0, t-1).In(loc))] = true
		}
	}
	dates := make([]time.Time, 0, len(seen))
	for d := range seen {
		dates = append(dates, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc))
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	return calendar.FromDates("data", loc, dates)
}
