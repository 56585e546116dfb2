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
type Transaction[N numeric.Number[N]] struct {
	Time       time.Time
	Asset      market.Asset
	Amount     N
	Price      N
	Commission N
	OrderID    order.ID
}

// Notional returns Amount*Price rounded once to 8 decimals, half-even:
// the signed cash the trade moves before commission (the ledger's cash
// changes by -Notional() - Commission). This is the one point where a
// trade's value is rounded.
func (t Transaction[N]) Notional() N { return round8(t.Amount, t.Price) }

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
