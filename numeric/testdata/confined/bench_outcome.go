package bench

import (
	"fmt"
	"math/big"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
)

// outcome is what a run produced that the drift compares, in a form
// common to every backend: exact values as big.Rat (a Float converted
// exactly from its binary value), canonical strings for exact
// comparison, float64 for tolerant ones.
type outcome struct {
	backend  string
	final    *big.Rat
	finalStr string
	sessions []time.Time
	equity   []*big.Rat // portfolio value at each session's end
	equityS  []string
	trades   []trade
}

// trade is one transaction.
type trade struct {
	time                         time.Time
	asset                        int
	symbol                       string
	order                        int64
	amount, price, commission    string  // canonical text (exact for fixed and decimal)
	amountF, priceF, commissionF float64 // nearest float64
}

func (t trade) String() string {
	return fmt.Sprintf("%s %s amount %s at %s, commission %s (order %d)", t.time.UTC().Format(time.RFC3339), t.symbol, t.amount, t.price, t.commission, t.order)
}

// exactRat returns the exact value of x: a Float's binary value, or the
// decimal a Fixed or Decimal prints.
func exactRat[N numeric.Number[N]](x N) *big.Rat {
	if f, ok := any(x).(numeric.Float); ok { // want
		return new(big.Rat).SetFloat64(float64(f)) // nil for NaN or an infinity
	}
	r, ok := new(big.Rat).SetString(x.String())
	if !ok {
		return nil
	}
	return r
}

func newOutcome[N numeric.Number[N]](res *engine.Result[N]) *outcome {
	o := &outcome{
		backend:  res.Backend,
		final:    exactRat(res.Value),
		finalStr: res.Value.String(),
		sessions: make([]time.Time, len(res.Snapshots)),
		equity:   make([]*big.Rat, len(res.Snapshots)),
		equityS:  make([]string, len(res.Snapshots)),
		trades:   make([]trade, len(res.Transactions)),
	}
	for i, s := range res.Snapshots {
		o.sessions[i] = s.Session
		o.equity[i] = exactRat(s.PortfolioValue)
		o.equityS[i] = s.PortfolioValue.String()
	}
	for i, t := range res.Transactions {
		o.trades[i] = trade{
			time: t.Time, asset: t.Asset.ID, symbol: t.Asset.Symbol, order: int64(t.OrderID),
			amount: t.Amount.String(), price: t.Price.String(), commission: t.Commission.String(),
			amountF: t.Amount.Float64(), priceF: t.Price.Float64(), commissionF: t.Commission.Float64(),
		}
	}
	return o
}

// same reports how o2, a later run of the same backend over the same
// data, differs from o: runs are deterministic, so any difference is a
// bug.
func (o *outcome) same(o2 *outcome) error {
	switch {
	case o.finalStr != o2.finalStr:
		return fmt.Errorf("final value %s, then %s", o.finalStr, o2.finalStr)
	case len(o.trades) != len(o2.trades):
		return fmt.Errorf("%d transactions, then %d", len(o.trades), len(o2.trades))
	case len(o.equityS) != len(o2.equityS):
		return fmt.Errorf("%d sessions, then %d", len(o.equityS), len(o2.equityS))
	}
	for i := range o.equityS {
		if o.equityS[i] != o2.equityS[i] {
			return fmt.Errorf("session %d: portfolio value %s, then %s", i, o.equityS[i], o2.equityS[i])
		}
	}
	return nil
}
