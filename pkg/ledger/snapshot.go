package ledger

import (
	"math"
	"slices"
	"time"

	"github.com/pennybt/penny/numeric"
)

// Snapshot is the ledger at the end of a session.
type Snapshot[N numeric.Number[N]] struct {
	Session        time.Time // the session (as the engine names it)
	PortfolioValue N
	Cash           N
	// Receivable is the dividends accrued and not yet paid, counted in
	// PortfolioValue; Dividends the dividend income accrued during the
	// session (at its ex-dates).
	Receivable     N
	Dividends      N
	PositionsValue N
	// PnL is PortfolioValue less that of the previous snapshot (the
	// starting cash for the first), exact.
	PnL N
	// Return is PortfolioValue / previous PortfolioValue - 1, computed
	// in float64 from the exact values (IEEE: a previous value of zero
	// gives an infinity or NaN).
	Return float64
	// GrossLeverage is Gross / PortfolioValue and NetLeverage
	// PositionsValue / PortfolioValue, in float64; with no exposure they
	// are 0, and with exposure but a portfolio value <= 0, infinite
	// (signed like the exposure).
	GrossLeverage, NetLeverage float64
	Positions                  int
	Long, Short                N // long (>= 0) and short (<= 0) exposure
	Realized                   N // realized P&L since the start
	Unrealized                 N // unrealized P&L of the positions held
	// The costs and the trading of the session, over the transactions
	// applied since the previous snapshot, exact in Fixed and Decimal:
	// Commission is the sum of their commissions, Slippage of their
	// Transaction.Slippage, Traded of their |Notional()|.
	Commission, Slippage, Traded N
}

// Snapshot values the ledger at the end of a session, records the
// snapshot and returns it. Call it once per session, after the
// session-end prices have been set with UpdatePrice or MarkToMarket.
func (l *Ledger[N]) Snapshot(session time.Time) Snapshot[N] {
	l.resum()
	v := l.Valuation()
	s := Snapshot[N]{
		Session:        session,
		PortfolioValue: v.PortfolioValue,
		Cash:           v.Cash,
		Receivable:     v.Receivable,
		Dividends:      l.dividends.Sub(l.lastDiv),
		PositionsValue: v.PositionsValue,
		PnL:            v.PortfolioValue.Sub(l.lastValue),
		Return:         v.PortfolioValue.Float64()/l.lastValue.Float64() - 1,
		GrossLeverage:  leverage(v.Gross, v.PortfolioValue),
		NetLeverage:    leverage(v.PositionsValue, v.PortfolioValue),
		Positions:      v.Positions,
		Long:           v.Long,
		Short:          v.Short,
		Realized:       l.realized,
		Unrealized:     v.Unrealized,
		Commission:     l.session.commission,
		Slippage:       l.session.slippage,
		Traded:         l.session.traded,
	}
	l.lastValue = v.PortfolioValue
	l.lastDiv = l.dividends
	l.session = sessionSums[N]{}
	l.snaps = append(l.snaps, s)
	return s
}

// GrowSnapshots makes room for n more snapshots, so that a run that
// knows its sessions (the engine reserves one per session) takes them
// without growing the slice, as GrowEvents does for the events.
func (l *Ledger[N]) GrowSnapshots(n int) {
	l.snaps = slices.Grow(l.snaps, n)
}

// Snapshots returns the snapshots taken, in order. The slice is the
// ledger's own: read it, do not modify it.
func (l *Ledger[N]) Snapshots() []Snapshot[N] { return l.snaps }

func leverage[N numeric.Number[N]](exposure, value N) float64 {
	switch {
	case exposure.IsZero():
		return 0
	case value.Sign() <= 0:
		return math.Inf(exposure.Sign())
	}
	return exposure.Float64() / value.Float64()
}
