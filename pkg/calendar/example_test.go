package calendar_test

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

func ExampleXNYS() {
	cal := calendar.XNYS()
	start := time.Date(2024, time.November, 27, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, time.December, 2, 0, 0, 0, 0, time.UTC)
	sessions, err := cal.Sessions(start, end)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range sessions {
		fmt.Println(s.Date.Format("Mon 2006-01-02"),
			s.Open.In(cal.Location()).Format("15:04"), "-", s.Close.In(cal.Location()).Format("15:04"),
			"early:", s.EarlyClose)
	}
	// Thanksgiving is a holiday.
	_, err = cal.Sessions(time.Date(2024, time.November, 28, 0, 0, 0, 0, time.UTC), time.Date(2024, time.November, 28, 0, 0, 0, 0, time.UTC))
	fmt.Println(err)
	// Output:
	// Wed 2024-11-27 09:30 - 16:00 early: false
	// Fri 2024-11-29 09:30 - 13:00 early: true
	// Mon 2024-12-02 09:30 - 16:00 early: false
	// calendar XNYS: no sessions from 2024-11-28 to 2024-11-28
}

func ExampleFromDates() {
	dates := []time.Time{
		time.Date(2006, 1, 3, 0, 0, 0, 0, time.UTC),
		time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC),
		time.Date(2006, 1, 3, 0, 0, 0, 0, time.UTC),
	}
	cal, err := calendar.FromDates("", time.UTC, dates)
	if err != nil {
		fmt.Println(err)
		return
	}
	sessions, _ := cal.Sessions(time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2006, 1, 31, 0, 0, 0, 0, time.UTC))
	for _, s := range sessions {
		fmt.Println(cal.Name(), s.Open.Format(time.RFC3339), s.Close.Format(time.RFC3339))
	}
	// Output:
	// data 2006-01-02T00:00:00Z 2006-01-03T00:00:00Z
	// data 2006-01-03T00:00:00Z 2006-01-04T00:00:00Z
}
