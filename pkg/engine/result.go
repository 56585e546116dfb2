package engine

import (
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Result is everything a run produced.
type Result[N numeric.Number[N]] struct {
	Backend   string // "float", "fixed" or "decimal"
	Frequency market.Frequency
	// DatesOnly reports a daily run on a calendar of dates only (a data
	// calendar): its fills and orders are stamped at their sessions'
	// dates, which have no time of day (see the package doc, "Times").
	DatesOnly bool
	Sessions  []calendar.Session
	Assets    []market.Asset
	// Capital is the starting cash; Cash and Value the ending cash and
	// portfolio value (positions at their last closes).
	Capital, Cash, Value N
	// Snapshots has one entry per session, from the ledger.
	Snapshots    []ledger.Snapshot[N]
	Transactions []ledger.Transaction[N]
	// Dividends is the dividend income accrued (paid or not, negative
	// when owed on shorts); Receivable the part not paid by the end,
	// counted in Value.
	Dividends, Receivable N
	// Actions lists every effect of a corporate action, in order.
	Actions []ActionRecord[N]
	events  []ledger.Event[N] // the ledger's, for Events
	// Warnings lists what the run did with its input and says so (an
	// action moved to the next session, left out, ...).
	Warnings []string
	// Orders holds every order placed, in placement order, with its final
	// status and reason.
	Orders []order.Order[N]
	// Records holds the series the strategy recorded, in order of first use.
	Records []Series[N]
	// Benchmark holds the benchmark asset's close-to-close return per
	// session (NaN where it has no close yet), when Config.Benchmark is set.
	Benchmark       []float64
	BenchmarkSymbol string
	// Bars is the number of bars of the run; AssetBars the number of
	// asset-bars (bars of data) replayed.
	Bars, AssetBars int
	Elapsed         time.Duration

	kept *kept[N] // a run given a Scratch: its storage, for Reclaim
}

// Events returns the ledger events of the corporate actions applied, in
// order (Actions' events, the ledger's own log): with Transactions, the
// log that ledger.RoundTrips follows. Read it, do not modify it.
func (r *Result[N]) Events() []ledger.Event[N] { return r.events }

// Returns returns the session returns from the snapshots.
func (r *Result[N]) Returns() []float64 {
	out := make([]float64, len(r.Snapshots))
	for i, s := range r.Snapshots {
		out[i] = s.Return
	}
	return out
}

// Starved returns the number of orders left open at the end whose price
// was reached at bars that had no volume left for them (see
// order.Order.Starved): orders that could not fill for lack of volume.
func (r *Result[N]) Starved() int {
	n := 0
	for i := range r.Orders {
		if r.Orders[i].IsOpen() && r.Orders[i].Starved > 0 {
			n++
		}
	}
	return n
}

// Counts returns the order counts: placed, filled, rejected, cancelled.
func (r *Result[N]) Counts() (placed, filled, rejected, cancelled int) {
	for i := range r.Orders {
		switch r.Orders[i].Status {
		case order.Filled:
			filled++
		case order.Rejected:
			rejected++
		case order.Cancelled:
			cancelled++
		}
	}
	return len(r.Orders), filled, rejected, cancelled
}

// Series is a custom series recorded with Context.Record: values, their
// times (Unix nanoseconds, the bar's stamp) and the index in
// Result.Sessions of the session each was recorded in (0 for a value
// recorded in Init). The three slices have the same length.
type Series[N numeric.Number[N]] struct {
	Name    string
	Time    []int64
	Session []int
	Value   []N
}

// ActionCounts returns the number of corporate actions applied, by type
// name (a dividend counts once, at its ex-date).
func (r *Result[N]) ActionCounts() map[string]int {
	// By type, then a map entry per type, not per action.
	var n [corpaction.WorthlessRemoval + 1]int
	m := map[string]int{}
	for i := range r.Actions {
		a := &r.Actions[i]
		switch t := a.Action.Type; {
		case a.Event.Kind == ledger.EventPayment:
		case int(t) < len(n):
			n[t]++
		default:
			m[t.String()]++
		}
	}
	for t, c := range n {
		if c > 0 {
			m[corpaction.Type(t).String()] = c
		}
	}
	return m
}
