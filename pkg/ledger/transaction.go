package ledger

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Transaction is one fill: Amount of Asset traded at Price, at Time, for
// the order OrderID, with Commission charged. Amount is signed (> 0
// bought, < 0 sold); Commission is what the trader paid (negative for a
// rebate).
//
// Reference is the price the fill would have had without slippage: the
// price the matching rules chose from the bar (its open or close, or the
// order's limit or stop price) before the slippage model moved it
// (execution.Simulator sets it). It is zero when unknown (a transaction
// made by hand), and then the fill has no slippage (see Slippage). The
// ledger's cash and positions never read it.
type Transaction[N numeric.Number[N]] struct {
	Time       time.Time
	Asset      market.Asset
	Amount     N
	Price      N
	Commission N
	OrderID    order.ID
	Reference  N
}

// Notional returns Amount*Price rounded once to 8 decimals, half-even:
// the signed cash the trade moves before commission (the ledger's cash
// changes by -Notional() - Commission). This is the one point where a
// trade's value is rounded.
func (t Transaction[N]) Notional() N { return round8(t.Amount, t.Price) }

// Slippage returns what the fill cost beyond its reference price:
// Notional() less Amount*Reference rounded the same way (once to 8
// decimals, half-even), the cash the fill moved beyond what the same
// fill at the reference price would have moved. It is positive for a
// cost (a buy above the reference, a sell below it), negative for an
// improvement, exact in Fixed and Decimal, and zero when Reference is
// zero (unknown).
func (t Transaction[N]) Slippage() N {
	if t.Reference.IsZero() {
		return t.Reference
	}
	return t.Notional().Sub(round8(t.Amount, t.Reference))
}

// String describes the transaction, e.g. "2014-01-03 buy 10 ORCL at
// 37.5, commission 1 (order 4)".
func (t Transaction[N]) String() string {
	side, amount := "buy", t.Amount
	if t.Amount.Sign() < 0 {
		side, amount = "sell", t.Amount.Neg()
	}
	return fmt.Sprintf("%s %s %s %s at %s, commission %s (order %d)",
		t.Time.Format(time.RFC3339), side, amount, t.Asset.Symbol, t.Price, t.Commission, t.OrderID)
}
