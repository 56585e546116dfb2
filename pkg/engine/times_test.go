package engine

import (
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// calendarData is testData's bars (one asset) on any calendar.
func calendarData(t *testing.T, cal calendar.Calendar, freq market.Frequency, start, end string) *dataportal.Portal[numeric.Fixed] {
	t.Helper()
	clk, err := clock.New(cal, freq, day(start), day(end))
	if err != nil {
		t.Fatal(err)
	}
	cent := numeric.MustParse[numeric.Fixed]("0.01")
	s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: "AA"}}
	for i, ts := range clk.BarTimes() {
		c := numeric.Int[numeric.Fixed](int64(10000 + i)).Mul(cent)
		s.Time = append(s.Time, ts)
		s.Open = append(s.Open, c.Sub(cent))
		s.High = append(s.High, c.Add(cent))
		s.Low = append(s.Low, c.Sub(cent))
		s.Close = append(s.Close, c)
		s.Volume = append(s.Volume, numeric.Int[numeric.Fixed](1000))
	}
	ds := &market.Dataset[numeric.Fixed]{Frequency: freq, Calendar: cal.Name(), Series: []market.Series[numeric.Fixed]{s}}
	p, err := dataportal.New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFillTimes checks when fills, orders and expiries are stamped: at
// the open of the fill's bar under next_open and its close under
// next_close, on real calendars; at the session's date on a calendar of
// dates only, whose internal close (the next midnight) would read as the
// next day.
func TestFillTimes(t *testing.T) {
	dates := []time.Time{day("2005-03-14"), day("2005-03-15"), day("2005-03-16"), day("2005-03-17"), day("2005-03-18")}
	dataCal, err := calendar.FromDates("data", time.UTC, dates)
	if err != nil {
		t.Fatal(err)
	}
	utc := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	cases := []struct {
		name   string
		cal    calendar.Calendar
		freq   market.Frequency
		mode   execution.FillMode
		placed int // the bar the strategy orders at (it fills at the next)
		// created, filled: the stamps of the order (also Context.Now at
		// the placing bar) and of the fill; expired: the stamp of a day
		// order placed at the last bar but one, cancelled at the end of
		// that bar's session.
		created, filled, expired string
	}{
		{"xnys daily next_open", calendar.XNYS(), market.Daily, execution.NextOpen, 1,
			"2005-03-15T21:00:00Z", "2005-03-16T14:30:00Z", "2005-03-17T21:00:00Z"},
		{"xnys daily next_close", calendar.XNYS(), market.Daily, execution.NextClose, 1,
			"2005-03-15T21:00:00Z", "2005-03-16T21:00:00Z", "2005-03-17T21:00:00Z"},
		// Minute bars: bar 3 ends 14:34Z, bar 4 is 14:34-14:35.
		{"xnys minute next_open", calendar.XNYS(), market.Minute, execution.NextOpen, 3,
			"2005-03-14T14:34:00Z", "2005-03-14T14:34:00Z", "2005-03-18T21:00:00Z"},
		{"xnys minute next_close", calendar.XNYS(), market.Minute, execution.NextClose, 3,
			"2005-03-14T14:34:00Z", "2005-03-14T14:35:00Z", "2005-03-18T21:00:00Z"},
		// The last minute of a session fills at the next session's open.
		{"xnys minute across sessions", calendar.XNYS(), market.Minute, execution.NextOpen, 389,
			"2005-03-14T21:00:00Z", "2005-03-15T14:30:00Z", "2005-03-18T21:00:00Z"},
		{"24/7 daily next_open", calendar.TwentyFourSeven(), market.Daily, execution.NextOpen, 1,
			"2005-03-16T00:00:00Z", "2005-03-16T00:00:00Z", "2005-03-18T00:00:00Z"},
		// The data calendar: dates, not hours.
		{"data daily next_open", dataCal, market.Daily, execution.NextOpen, 1,
			"2005-03-15T00:00:00Z", "2005-03-16T00:00:00Z", "2005-03-17T00:00:00Z"},
		{"data daily next_close", dataCal, market.Daily, execution.NextClose, 1,
			"2005-03-15T00:00:00Z", "2005-03-16T00:00:00Z", "2005-03-17T00:00:00Z"},
		// Intraday bars on a data calendar have real times.
		{"data hourly next_open", dataCal, market.Hourly, execution.NextOpen, 1,
			"2005-03-14T02:00:00Z", "2005-03-14T02:00:00Z", "2005-03-19T00:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := calendarData(t, tc.cal, tc.freq, "2005-03-14", "2005-03-18")
			last := p.Clock().NumBars() - 1
			var now time.Time
			var mkt, day *order.Order[numeric.Fixed]
			r := run(t, p, StrategyFunc[numeric.Fixed](func(c *Context[numeric.Fixed]) {
				a := c.Assets()[0]
				switch c.BarIndex() {
				case tc.placed:
					now = c.Now()
					mkt = c.Order(a, numeric.Int[numeric.Fixed](10))
				case last - 1:
					// A day order that cannot fill (a buy limit far
					// below the price), cancelled at the session's end.
					day = c.Submit(order.Request[numeric.Fixed]{Asset: a, Amount: numeric.Int[numeric.Fixed](1),
						Type: order.Limit, LimitPrice: numeric.Int[numeric.Fixed](1), TIF: order.Day})
				}
			}), Config[numeric.Fixed]{Execution: execution.Setup[numeric.Fixed]{Simulator: execution.Simulator[numeric.Fixed]{Mode: tc.mode}}})
			if want := tc.cal == dataCal && tc.freq == market.Daily; r.DatesOnly != want {
				t.Errorf("DatesOnly %v, want %v", r.DatesOnly, want)
			}
			if len(r.Transactions) != 1 {
				t.Fatalf("transactions %v, want one", r.Transactions)
			}
			if got := r.Transactions[0].Time; !got.Equal(utc(tc.filled)) {
				t.Errorf("fill stamped %s, want %s", got.Format(time.RFC3339), tc.filled)
			}
			if !mkt.Created.Equal(utc(tc.created)) || !now.Equal(mkt.Created) {
				t.Errorf("order created %s (Now %s), want %s", mkt.Created.Format(time.RFC3339), now.Format(time.RFC3339), tc.created)
			}
			if !mkt.Updated.Equal(utc(tc.filled)) {
				t.Errorf("order updated %s, want the fill's %s", mkt.Updated.Format(time.RFC3339), tc.filled)
			}
			if day.Status != order.Cancelled || !day.Updated.Equal(utc(tc.expired)) {
				t.Errorf("day order %s, updated %s, want cancelled at %s", day.Status, day.Updated.Format(time.RFC3339), tc.expired)
			}
		})
	}
}
