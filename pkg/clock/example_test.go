package clock_test

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// The hourly schedule of the NYSE's early close on the day before
// Independence Day 2024, in New York time: the open, the bars, the close,
// in the order the engine walks them.
func Example() {
	cal := calendar.XNYS()
	day := time.Date(2024, time.July, 3, 0, 0, 0, 0, time.UTC)
	c, err := clock.New(cal, market.Hourly, day, day)
	if err != nil {
		fmt.Println(err)
		return
	}
	ny := cal.Location()
	for i, s := range c.Sessions() {
		fmt.Println(s.Open.In(ny).Format("15:04"), "open")
		first, end := c.SessionBars(i)
		for k := first; k < end; k++ {
			fmt.Println(time.Unix(0, c.BarTimes()[k]).In(ny).Format("15:04"), "bar", k)
		}
		fmt.Println(s.Close.In(ny).Format("15:04"), "close")
	}
	fmt.Println(c.NumBars(), "bars")
	// Output:
	// 09:30 open
	// 10:30 bar 0
	// 11:30 bar 1
	// 12:30 bar 2
	// 13:00 bar 3
	// 13:00 close
	// 4 bars
}

// Align maps the stamp of a minute bar to the hourly bar that holds it.
func ExampleClock_Align() {
	ny := calendar.XNYS().Location()
	day := time.Date(2024, time.July, 2, 0, 0, 0, 0, time.UTC)
	c, err := clock.New(calendar.XNYS(), market.Hourly, day, day)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, hm := range []string{"09:30", "09:31", "10:30", "10:31", "15:59", "16:00", "16:01"} {
		t, _ := time.ParseInLocation("2006-01-02 15:04", "2024-07-02 "+hm, ny)
		if bar, ok := c.Align(t.UnixNano()); ok {
			fmt.Println(hm, "-> bar", bar, "stamped", time.Unix(0, c.BarTimes()[bar]).In(ny).Format("15:04"))
		} else {
			fmt.Println(hm, "-> no bar")
		}
	}
	// Output:
	// 09:30 -> no bar
	// 09:31 -> bar 0 stamped 10:30
	// 10:30 -> bar 0 stamped 10:30
	// 10:31 -> bar 1 stamped 11:30
	// 15:59 -> bar 6 stamped 16:00
	// 16:00 -> bar 6 stamped 16:00
	// 16:01 -> no bar
}
