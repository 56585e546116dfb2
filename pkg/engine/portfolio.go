package engine

import (
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// Cash returns the cash, exact.
func (c *Context[N]) Cash() N { return c.e.ledger.Cash() }

// Position returns the amount held of the asset (signed; zero if none).
func (c *Context[N]) Position(a market.Asset) N {
	if !c.valid(a) {
		var z N
		return z
	}
	return c.e.ledger.Amount(a.ID)
}

// Positions returns the IDs of the assets held, ascending (read-only).
func (c *Context[N]) Positions() []int { return c.e.ledger.Held() }

// PortfolioValue returns cash plus the positions valued at their last
// known closes (at or before the current bar).
func (c *Context[N]) PortfolioValue() N {
	c.e.mark()
	return c.e.ledger.PortfolioValue()
}

// Valuation returns the portfolio valued at the last known closes: cash,
// positions value, long and short exposure, unrealized P&L.
func (c *Context[N]) Valuation() ledger.Valuation[N] {
	c.e.mark()
	return c.e.ledger.Valuation()
}

// mark values the held positions at their last known closes. Closes only
// change from one bar to the next, so it does the work once per bar, and
// only when a value is read (the strategy's PortfolioValue or Valuation,
// a fill in an account whose check reads values, the session's
// snapshot); once the book is marked at a bar, the fill step re-marks
// each asset it trades (see fill).
func (e *Engine[N]) mark() {
	if e.markedAt == e.bar {
		return
	}
	e.markedAt = e.bar
	acted := e.acts.at // nil without corporate actions; UpdatePrice leaves it
	for _, a := range e.ledger.Held() {
		if p, at, ok := e.portal.Last(a); ok && (acted == nil || at > acted[a]) {
			// A close from before the asset's latest action priced the
			// shares before it: the ledger's price, rescaled by the
			// action, stands until the asset's next bar.
			e.ledger.UpdatePrice(a, p)
		}
	}
}

// CanShort reports whether the account allows short positions.
func (c *Context[N]) CanShort() bool { return c.e.ledger.Account().Shorting }
