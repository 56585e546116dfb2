package engine

import (
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Context is the strategy's view of the run at the current bar: time,
// data up to and including the current bar (never later), the portfolio,
// and the order entry points. The engine owns it; a strategy must not
// keep it past the call it was given in.
type Context[N numeric.Number[N]] struct {
	e *Engine[N]
}

// Now returns the current time: the current bar's stamp (the end of its
// interval: the moment its close is known), or the session's open in
// BeforeTradingStart and its close in OnSessionEnd. In a daily run on a
// calendar of dates only (a data calendar, see calendar.DatesOnly), it is
// the session's date at 00:00 UTC throughout the session: such a calendar
// has no hours. Orders placed are stamped Now.
func (c *Context[N]) Now() time.Time { return c.e.reported(c.e.now) }

// Session returns the current session.
func (c *Context[N]) Session() calendar.Session { return c.e.sessions[c.e.session] }

// BarIndex returns the index of the current bar in the run (0 for the
// first), -1 before the first bar.
func (c *Context[N]) BarIndex() int { return c.e.bar }

// Frequency returns the run's bar frequency.
func (c *Context[N]) Frequency() market.Frequency { return c.e.portal.Clock().Frequency() }

// Assets returns the universe in ID order (symbol order). Do not modify.
func (c *Context[N]) Assets() []market.Asset { return c.e.portal.Assets() }

// Lookup returns the asset with the given symbol.
func (c *Context[N]) Lookup(symbol string) (market.Asset, bool) {
	a, ok := c.e.symbols[symbol]
	if !ok {
		return market.Asset{}, false
	}
	return c.e.portal.Assets()[a], true
}

// HasBar reports whether the asset has a bar at the current bar. An asset
// trades only at bars where it has one.
func (c *Context[N]) HasBar(a market.Asset) bool { return c.valid(a) && c.e.portal.HasBar(a.ID) }

// Current returns the asset's bar at the current bar, if it has one.
func (c *Context[N]) Current(a market.Asset) (market.Bar[N], bool) {
	if !c.valid(a) {
		return market.Bar[N]{}, false
	}
	return c.e.portal.Current(a.ID)
}

// Field returns one field of the asset's bar at the current bar, if it has
// one; cheaper than Current.
func (c *Context[N]) Field(a market.Asset, f market.Field) (N, bool) {
	if !c.valid(a) {
		var z N
		return z, false
	}
	return c.e.portal.Field(a.ID, f)
}

// Price returns the asset's last known close at or before the current bar
// (possibly stale), for valuation and sizing.
func (c *Context[N]) Price(a market.Asset) (N, bool) {
	if !c.valid(a) {
		var z N
		return z, false
	}
	p, _, ok := c.e.portal.Last(a.ID)
	return p, ok
}

// History returns the last n values of field f of the asset, ending at its
// latest bar at or before the current bar (fewer than n early in the run).
// The slice is a read-only view; it cannot be extended past the current
// bar.
func (c *Context[N]) History(a market.Asset, f market.Field, n int) []N {
	if !c.valid(a) {
		return nil
	}
	return c.e.portal.History(a.ID, f, n)
}

// Record appends value to the custom series name at the current time,
// in the current session. Series are returned in the Result, in the
// order of their first value; package report writes the last value of
// each series at each session's end in daily.csv and plots it.
func (c *Context[N]) Record(name string, value N) {
	s, ok := c.e.records[name]
	if !ok {
		s = &Series[N]{Name: name}
		c.e.records[name] = s
		c.e.recordOrder = append(c.e.recordOrder, name)
	}
	s.Time = append(s.Time, c.e.now)
	s.Session = append(s.Session, c.e.session)
	s.Value = append(s.Value, value)
}

// Schedule registers fn to run on the sessions picked by date, at the
// moment picked by tm (see TimeRule), after the strategy's OnBar for that
// bar. Functions run in the order they were registered. Call it from
// Init; a function registered later takes effect from the next session.
func (c *Context[N]) Schedule(fn func(*Context[N]), date DateRule, tm TimeRule) {
	if c.e.schedules == nil {
		// The sessions' positions in their weeks and months are needed
		// only by scheduled functions: a run without any (every run of a
		// sweep of most strategies) does not compute them.
		c.e.days = newSessionDays(c.e.portal.Clock().Calendar(), c.e.sessions)
	}
	c.e.schedules = append(c.e.schedules, scheduled[N]{fn: fn, date: date, tm: tm})
}

// Logf writes a message to the run's logger, at debug level, with the
// current time.
func (c *Context[N]) Logf(format string, args ...any) {
	c.e.logf(format, args...)
}

func (c *Context[N]) valid(a market.Asset) bool {
	return uint(a.ID) < uint(len(c.e.portal.Assets()))
}
