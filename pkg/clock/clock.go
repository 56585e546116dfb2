package clock

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Clock is the schedule of one run: the sessions of a calendar between two
// dates and the bars of a frequency in them, all computed by New. It is
// immutable and safe for concurrent use.
type Clock struct {
	cal      calendar.Calendar
	freq     market.Frequency
	sessions []calendar.Session
	bars     []int64 // every bar stamp, Unix nanoseconds UTC, ascending
	first    []int   // first[i] is session i's first bar; first[len(sessions)] = len(bars)
}

// New returns the clock of the sessions of cal whose dates are in
// [start, end] (calendar dates, see calendar.Calendar) with bars of
// frequency freq.
//
// It returns an error when cal is nil, freq is not Daily, Hourly or Minute,
// the calendar rejects the range (start after end, outside its years, no
// session: the error names the dates and unwraps to a *calendar.RangeError),
// or the calendar's sessions are out of order (each must open before it
// closes and not before the previous close).
func New(cal calendar.Calendar, freq market.Frequency, start, end time.Time) (*Clock, error) {
	if cal == nil {
		return nil, errors.New("clock: no calendar")
	}
	if !validFrequency(freq) {
		return nil, fmt.Errorf("clock: unknown frequency %v (want daily, hourly or minute)", freq)
	}
	sessions, err := cal.Sessions(start, end)
	if err != nil {
		return nil, fmt.Errorf("clock: %w", err)
	}
	if err := checkSessions(cal.Name(), sessions); err != nil {
		return nil, err
	}
	c := &Clock{cal: cal, freq: freq, sessions: sessions, first: make([]int, len(sessions)+1)}
	n := 0
	for i, s := range sessions {
		c.first[i] = n
		n += CountBars(s, freq)
	}
	c.first[len(sessions)] = n
	c.bars = make([]int64, 0, n)
	for _, s := range sessions {
		c.bars = AppendBarTimes(c.bars, s, freq)
	}
	return c, nil
}

// checkSessions verifies what the clock relies on: every session opens
// before it closes and not before the previous one closed, within the years
// Unix nanoseconds reach. The calendars of package calendar always pass.
func checkSessions(name string, sessions []calendar.Session) error {
	for i, s := range sessions {
		switch {
		case s.Open.Year() < calendar.MinYear || s.Close.Year() > calendar.MaxYear:
			return fmt.Errorf("clock: calendar %s: session %s (%s to %s) is outside the years %d-%d",
				name, s.Date.Format(time.DateOnly), s.Open.Format(time.RFC3339), s.Close.Format(time.RFC3339), calendar.MinYear, calendar.MaxYear)
		case !s.Open.Before(s.Close):
			return fmt.Errorf("clock: calendar %s: session %s opens at %s, not before its close %s",
				name, s.Date.Format(time.DateOnly), s.Open.Format(time.RFC3339), s.Close.Format(time.RFC3339))
		case i > 0 && s.Open.Before(sessions[i-1].Close):
			p := sessions[i-1]
			return fmt.Errorf("clock: calendar %s: session %s opens at %s, before the previous session %s closes at %s",
				name, s.Date.Format(time.DateOnly), s.Open.Format(time.RFC3339), p.Date.Format(time.DateOnly), p.Close.Format(time.RFC3339))
		}
	}
	return nil
}

// Calendar returns the clock's calendar.
func (c *Clock) Calendar() calendar.Calendar { return c.cal }

// Frequency returns the frequency of the clock's bars.
func (c *Clock) Frequency() market.Frequency { return c.freq }

// Sessions returns the sessions of the run, in order (at least one). The
// slice is the clock's own: do not modify it.
func (c *Clock) Sessions() []calendar.Session { return c.sessions }

// BarTimes returns the stamps of every bar of the run, Unix nanoseconds
// UTC, strictly ascending; bar i of the run is stamped BarTimes()[i]. The
// slice is the clock's own, computed once by New: do not modify it.
func (c *Clock) BarTimes() []int64 { return c.bars }

// NumBars returns the number of bars of the run, len(BarTimes()).
func (c *Clock) NumBars() int { return len(c.bars) }

// SessionBars returns the bars of session i as the half-open range
// [first, end) of bar indexes. It panics if i is not a session index.
func (c *Clock) SessionBars(i int) (first, end int) { return c.first[i], c.first[i+1] }

// SessionOf returns the index of the session bar belongs to. It panics if
// bar is not a bar index.
func (c *Clock) SessionOf(bar int) int {
	if bar < 0 || bar >= len(c.bars) {
		panic(fmt.Sprintf("clock: bar %d out of range [0, %d)", bar, len(c.bars)))
	}
	// The last session whose first bar is at or before bar.
	i, found := slices.BinarySearch(c.first, bar)
	if !found {
		i--
	}
	return i
}

// Index returns the index of the bar stamped exactly t (Unix nanoseconds),
// and whether there is one: a source's bar that Index does not find lies
// off the calendar's sessions or off the frequency's grid.
func (c *Clock) Index(t int64) (bar int, ok bool) {
	if bar, ok = slices.BinarySearch(c.bars, t); !ok {
		return 0, false
	}
	return bar, true
}

// Align returns the index of the bar whose interval holds the instant t
// (Unix nanoseconds), and whether there is one. Bar i covers the instants
// after the previous bar's stamp (or after its session's open, for a
// session's first bar) up to and including its own stamp: Align(t) is the
// first bar stamped at or after t in the session whose (open, close] holds
// t. Since bars are stamped at their end, Align maps the stamp of a finer
// bar to the coarser bar that contains it (a minute bar stamped 10:00 to the
// hourly bar stamped 10:30); that is the rule for aggregating bars. t at or
// before a session's open, or after its close, has no bar.
func (c *Clock) Align(t int64) (bar int, ok bool) {
	bar, _ = slices.BinarySearch(c.bars, t)
	if bar == len(c.bars) {
		return 0, false
	}
	if t <= c.sessions[c.SessionOf(bar)].Open.UnixNano() {
		return 0, false
	}
	return bar, true
}
