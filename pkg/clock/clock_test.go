package clock_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func newYork(t testing.TB) *time.Location {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return ny
}

// dataCalendar is a data calendar in New York with the 2024 days daylight
// saving time starts (23 hours) and ends (25 hours), and a regular day.
func dataCalendar(t testing.TB) calendar.Calendar {
	t.Helper()
	c, err := calendar.FromDates("data", newYork(t), []time.Time{date(t, "2024-03-10"), date(t, "2024-03-12"), date(t, "2024-11-03")})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBarTimes checks the stamps of one session for each calendar and
// frequency. Stamps are written in the calendar's location; "+1" marks the
// next day.
func TestBarTimes(t *testing.T) {
	data := dataCalendar(t)
	tests := []struct {
		name  string
		cal   calendar.Calendar
		freq  market.Frequency
		date  string
		count int
		// all the stamps, or the first and last few with "..." between
		stamps string
	}{
		{"xnys/daily", calendar.XNYS(), market.Daily, "2024-07-02", 1, "16:00"},
		{"xnys/hourly", calendar.XNYS(), market.Hourly, "2024-07-02", 7, "10:30 11:30 12:30 13:30 14:30 15:30 16:00"},
		{"xnys/minute", calendar.XNYS(), market.Minute, "2024-07-02", 390, "09:31 09:32 09:33 ... 15:58 15:59 16:00"},
		{"xnys early close/daily", calendar.XNYS(), market.Daily, "2024-07-03", 1, "13:00"},
		{"xnys early close/hourly", calendar.XNYS(), market.Hourly, "2024-07-03", 4, "10:30 11:30 12:30 13:00"},
		{"xnys early close/minute", calendar.XNYS(), market.Minute, "2024-07-03", 210, "09:31 09:32 ... 12:59 13:00"},
		{"xnys 14:00 close/hourly", calendar.XNYS(), market.Hourly, "1990-12-24", 5, "10:30 11:30 12:30 13:30 14:00"},
		{"xnys 14:00 close/minute", calendar.XNYS(), market.Minute, "1990-12-24", 270, "09:31 ... 14:00"},
		{"24/7/daily", calendar.TwentyFourSeven(), market.Daily, "2024-03-10", 1, "00:00+1"},
		{"24/7/hourly", calendar.TwentyFourSeven(), market.Hourly, "2024-03-10", 24, "01:00 02:00 03:00 ... 22:00 23:00 00:00+1"},
		{"24/7/minute", calendar.TwentyFourSeven(), market.Minute, "2024-03-10", 1440, "00:01 00:02 ... 23:59 00:00+1"},
		{"data/daily", data, market.Daily, "2024-03-12", 1, "00:00+1"},
		{"data/hourly", data, market.Hourly, "2024-03-12", 24, "01:00 02:00 ... 23:00 00:00+1"},
		{"data/minute", data, market.Minute, "2024-03-12", 1440, "00:01 ... 00:00+1"},
		// 2024-03-10 in New York has 23 hours: 02:00 does not exist.
		{"data dst start/hourly", data, market.Hourly, "2024-03-10", 23, "01:00 03:00 04:00 ... 23:00 00:00+1"},
		{"data dst start/minute", data, market.Minute, "2024-03-10", 1380, "00:01 ... 01:59 03:00 03:01 ... 00:00+1"},
		// 2024-11-03 has 25 hours: 01:00 comes twice.
		{"data dst end/hourly", data, market.Hourly, "2024-11-03", 25, "01:00 01:00 02:00 03:00 ... 23:00 00:00+1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := date(t, tt.date)
			c, err := clock.New(tt.cal, tt.freq, d, d)
			if err != nil {
				t.Fatal(err)
			}
			bars := c.BarTimes()
			if len(bars) != tt.count || c.NumBars() != tt.count {
				t.Fatalf("%d bars (NumBars %d), want %d", len(bars), c.NumBars(), tt.count)
			}
			if n := clock.CountBars(c.Sessions()[0], tt.freq); n != tt.count {
				t.Errorf("CountBars = %d, want %d", n, tt.count)
			}
			loc := tt.cal.Location()
			show := func(ns int64) string {
				u := time.Unix(0, ns).In(loc)
				s := u.Format("15:04")
				if u.Day() != d.Day() {
					s += "+1"
				}
				return s
			}
			// Each "..." stands for consecutive stamps one bar apart
			// (in UTC) between its neighbours.
			want := strings.Fields(tt.stamps)
			head := slices.Index(want, "...")
			if head < 0 {
				var got []string
				for _, b := range bars {
					got = append(got, show(b))
				}
				if !slices.Equal(got, want) {
					t.Errorf("stamps %q, want %q", got, want)
				}
				return
			}
			// Walk the pattern: fixed stamps match one by one; "..."
			// consumes bars one step apart until the next fixed stamp.
			stepNs := int64(tt.freq.Duration())
			i := 0
			for w := 0; w < len(want); w++ {
				if want[w] != "..." {
					if i >= len(bars) || show(bars[i]) != want[w] {
						t.Fatalf("bar %d: got %s, want %s", i, showAt(bars, i, show), want[w])
					}
					i++
					continue
				}
				next := want[w+1]
				for ; i < len(bars); i++ {
					if bars[i]-bars[i-1] != stepNs {
						t.Fatalf("bar %d at %s is %v after the previous, want %v", i, show(bars[i]), time.Duration(bars[i]-bars[i-1]), tt.freq.Duration())
					}
					if show(bars[i]) == next {
						break
					}
				}
			}
			if i != len(bars) {
				t.Errorf("%d bars left after the pattern", len(bars)-i)
			}
		})
	}
}

func showAt(bars []int64, i int, show func(int64) string) string {
	if i >= len(bars) {
		return "nothing"
	}
	return show(bars[i])
}

// TestCounts checks the bar counts of a whole year: the published 2024 NYSE
// year has 252 sessions, three of them 13:00 closes.
func TestCounts(t *testing.T) {
	tests := []struct {
		freq market.Frequency
		want int
	}{
		{market.Daily, 252},
		{market.Hourly, 249*7 + 3*4},
		{market.Minute, 249*390 + 3*210},
	}
	for _, tt := range tests {
		t.Run("freq="+tt.freq.String(), func(t *testing.T) {
			c, err := clock.New(calendar.XNYS(), tt.freq, date(t, "2024-01-01"), date(t, "2024-12-31"))
			if err != nil {
				t.Fatal(err)
			}
			if c.NumBars() != tt.want {
				t.Errorf("%d bars, want %d", c.NumBars(), tt.want)
			}
		})
	}
}

// TestInvariants walks the schedule of several runs as the engine does
// and checks the ordering rules: sessions in order, each opening at or
// after the previous close; each session's bars after its open and at or
// before its close, the last one at the close; bar times strictly
// increasing; bar indexes running 0..n-1 across sessions; SessionBars,
// CountBars, SessionOf and Index agreeing.
func TestInvariants(t *testing.T) {
	cals := []struct {
		name       string
		cal        calendar.Calendar
		start, end string
	}{
		{"xnys", calendar.XNYS(), "2022-01-01", "2024-12-31"},
		{"24x7", calendar.TwentyFourSeven(), "2024-03-01", "2024-03-31"},
		{"data", dataCalendar(t), "2024-01-01", "2024-12-31"},
	}
	for _, cc := range cals {
		for _, freq := range []market.Frequency{market.Daily, market.Hourly, market.Minute} {
			t.Run("calendar="+cc.name+"/freq="+freq.String(), func(t *testing.T) {
				c, err := clock.New(cc.cal, freq, date(t, cc.start), date(t, cc.end))
				if err != nil {
					t.Fatal(err)
				}
				checkInvariants(t, c)
			})
		}
	}
}

func checkInvariants(t *testing.T, c *clock.Clock) {
	t.Helper()
	sessions, bars := c.Sessions(), c.BarTimes()
	next := 0
	for i, s := range sessions {
		if s.Open.Location() != time.UTC || s.Close.Location() != time.UTC {
			t.Fatalf("session %d (%v to %v) not in UTC", i, s.Open, s.Close)
		}
		if i > 0 && s.Open.Before(sessions[i-1].Close) {
			t.Fatalf("session %d opens at %v, before session %d closes at %v", i, s.Open, i-1, sessions[i-1].Close)
		}
		first, end := c.SessionBars(i)
		if first != next || end <= first {
			t.Fatalf("SessionBars(%d) = %d, %d; next bar is %d", i, first, end, next)
		}
		if n := clock.CountBars(s, c.Frequency()); n != end-first {
			t.Fatalf("session %d: CountBars %d, SessionBars %d..%d", i, n, first, end)
		}
		open, close := s.Open.UnixNano(), s.Close.UnixNano()
		for b := first; b < end; b++ {
			if bars[b] <= open || bars[b] > close {
				t.Fatalf("bar %d at %d outside session %d (%d, %d]", b, bars[b], i, open, close)
			}
			if b > 0 && bars[b] <= bars[b-1] {
				t.Fatalf("bar %d at %d not after bar %d at %d", b, bars[b], b-1, bars[b-1])
			}
			if got := c.SessionOf(b); got != i {
				t.Fatalf("SessionOf(%d) = %d, want %d", b, got, i)
			}
			if k, ok := c.Index(bars[b]); !ok || k != b {
				t.Fatalf("Index(stamp of bar %d) = %d, %t", b, k, ok)
			}
		}
		if bars[end-1] != close {
			t.Fatalf("session %d: last bar at %d, not at the close %v", i, bars[end-1], s.Close)
		}
		next = end
	}
	if next != len(bars) || c.NumBars() != len(bars) {
		t.Fatalf("the sessions' bars end at %d, BarTimes has %d, NumBars says %d", next, len(bars), c.NumBars())
	}
}

func TestAlignIndex(t *testing.T) {
	ny := newYork(t)
	at := func(s string) int64 {
		u, err := time.ParseInLocation("2006-01-02 15:04:05", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return u.UnixNano()
	}
	// Two sessions, 2024-07-02 (16:00 close) and 2024-07-03 (13:00 close),
	// hourly bars 0..6 and 7..10.
	c, err := clock.New(calendar.XNYS(), market.Hourly, date(t, "2024-07-02"), date(t, "2024-07-03"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		t         string
		align     int // -1: none
		index     int // -1: none
		reasoning string
	}{
		{"2024-07-02 09:30:00", -1, -1, "the open itself belongs to no bar"},
		{"2024-07-02 09:30:01", 0, -1, "just after the open"},
		{"2024-07-02 09:31:00", 0, -1, "first minute bar's stamp"},
		{"2024-07-02 10:30:00", 0, 0, "the first hourly stamp"},
		{"2024-07-02 10:31:00", 1, -1, "into the second hour"},
		{"2024-07-02 15:30:00", 5, 5, ""},
		{"2024-07-02 15:59:00", 6, -1, "last, short bar"},
		{"2024-07-02 16:00:00", 6, 6, "the close"},
		{"2024-07-02 16:00:01", -1, -1, "after the close"},
		{"2024-07-03 09:00:00", -1, -1, "before the next open"},
		{"2024-07-03 12:31:00", 10, -1, "early close's short last bar"},
		{"2024-07-03 13:00:00", 10, 10, "early close"},
		{"2024-07-03 14:00:00", -1, -1, "after the early close"},
		{"2024-07-01 12:00:00", -1, -1, "before the run"},
	}
	for _, tt := range tests {
		ts := at(tt.t)
		bar, ok := c.Align(ts)
		if (tt.align >= 0) != ok || (ok && bar != tt.align) {
			t.Errorf("Align(%s) = %d, %t; want %d (%s)", tt.t, bar, ok, tt.align, tt.reasoning)
		}
		bar, ok = c.Index(ts)
		if (tt.index >= 0) != ok || (ok && bar != tt.index) {
			t.Errorf("Index(%s) = %d, %t; want %d", tt.t, bar, ok, tt.index)
		}
	}
	// Every minute stamp of the two sessions aligns to the hourly bar
	// whose stamp is the first at or after it.
	minute, err := clock.New(calendar.XNYS(), market.Minute, date(t, "2024-07-02"), date(t, "2024-07-03"))
	if err != nil {
		t.Fatal(err)
	}
	hourly := c.BarTimes()
	for _, m := range minute.BarTimes() {
		bar, ok := c.Align(m)
		if !ok || hourly[bar] < m || (bar > 0 && hourly[bar-1] >= m) || c.SessionOf(bar) != minute.SessionOf(mustIndex(t, minute, m)) {
			t.Fatalf("minute %v aligned to hourly bar %d, %t", time.Unix(0, m).In(ny), bar, ok)
		}
	}
}

func mustIndex(t *testing.T, c *clock.Clock, ts int64) int {
	t.Helper()
	i, ok := c.Index(ts)
	if !ok {
		t.Fatalf("no bar at %d", ts)
	}
	return i
}

// brokenCalendar returns overlapping or empty sessions, as a faulty
// third-party Calendar might.
type brokenCalendar []calendar.Session

func (brokenCalendar) Name() string             { return "broken" }
func (brokenCalendar) Location() *time.Location { return time.UTC }
func (b brokenCalendar) Sessions(start, end time.Time) ([]calendar.Session, error) {
	return b, nil
}

func TestNewErrors(t *testing.T) {
	d := func(s string) time.Time { return date(t, s) }
	hm := func(day string, h, m int) time.Time {
		return d(day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	tests := []struct {
		name       string
		cal        calendar.Calendar
		freq       market.Frequency
		start, end string
		is         error
		msg        string
	}{
		{"start after end", calendar.XNYS(), market.Minute, "2024-02-01", "2024-01-31", calendar.ErrStartAfterEnd,
			"clock: calendar XNYS: start 2024-02-01 is after end 2024-01-31"},
		{"no sessions", calendar.XNYS(), market.Daily, "2024-12-25", "2024-12-25", calendar.ErrNoSessions,
			"clock: calendar XNYS: no sessions from 2024-12-25 to 2024-12-25"},
		{"out of range", calendar.XNYS(), market.Hourly, "1985-01-01", "1990-12-31", calendar.ErrOutOfRange,
			"clock: calendar XNYS: range 1985-01-01..1990-12-31 is outside the supported years 1990-2035"},
		{"no calendar", nil, market.Daily, "2024-01-01", "2024-01-31", nil, "clock: no calendar"},
		{"bad frequency", calendar.XNYS(), market.Frequency(9), "2024-01-01", "2024-01-31", nil,
			"clock: unknown frequency Frequency(9) (want daily, hourly or minute)"},
		{"empty session", brokenCalendar{{Date: d("2024-01-02"), Open: hm("2024-01-02", 10, 0), Close: hm("2024-01-02", 10, 0)}},
			market.Daily, "2024-01-01", "2024-01-31", nil,
			"clock: calendar broken: session 2024-01-02 opens at 2024-01-02T10:00:00Z, not before its close 2024-01-02T10:00:00Z"},
		{"overlap", brokenCalendar{
			{Date: d("2024-01-02"), Open: hm("2024-01-02", 10, 0), Close: hm("2024-01-02", 16, 0)},
			{Date: d("2024-01-03"), Open: hm("2024-01-02", 15, 0), Close: hm("2024-01-03", 16, 0)}},
			market.Daily, "2024-01-01", "2024-01-31", nil,
			"clock: calendar broken: session 2024-01-03 opens at 2024-01-02T15:00:00Z, before the previous session 2024-01-02 closes at 2024-01-02T16:00:00Z"},
		{"beyond nanoseconds", brokenCalendar{{Date: d("2300-01-02"), Open: hm("2300-01-02", 10, 0), Close: hm("2300-01-02", 16, 0)}},
			market.Daily, "2024-01-01", "2024-01-31", nil,
			"clock: calendar broken: session 2300-01-02 (2300-01-02T10:00:00Z to 2300-01-02T16:00:00Z) is outside the years 1678-2261"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := clock.New(tt.cal, tt.freq, d(tt.start), d(tt.end))
			if err == nil {
				t.Fatalf("New = %d bars, want error", c.NumBars())
			}
			if err.Error() != tt.msg {
				t.Errorf("error %q\n want %q", err, tt.msg)
			}
			if tt.is != nil {
				var re *calendar.RangeError
				if !errors.Is(err, tt.is) || !errors.As(err, &re) {
					t.Errorf("error %q does not unwrap to %v", err, tt.is)
				}
			}
		})
	}
}
