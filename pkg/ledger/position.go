package ledger

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Position is the ledger's record of one asset. Amount is signed (> 0
// long, < 0 short). Cost is the total cost of the amount held, signed
// like it: the notionals of the fills that opened it, plus their
// commissions, less the cost removed by partial closes (average cost, as
// zipline; see the package documentation). LastPrice is the price the
// position is valued at, Value its market value. Realized is the P&L
// realized on the asset since the start of the run; it survives the
// position going flat.
type Position[N numeric.Number[N]] struct {
	Asset     market.Asset
	Amount    N
	Cost      N
	LastPrice N
	// Value is Amount*LastPrice rounded to 8 decimals half-even.
	Value    N
	Realized N
}

// CostBasis returns the average cost per unit, Cost/Amount rounded to 8
// decimals half-even, or zero when flat. It is for display: the ledger
// keeps the exact total Cost.
func (p *Position[N]) CostBasis() N {
	if p.Amount.IsZero() {
		var z N
		return z
	}
	return p.Cost.DivRound(p.Amount, decimals, numeric.HalfEven)
}

// Unrealized returns the unrealized P&L, Value - Cost.
func (p *Position[N]) Unrealized() N { return p.Value.Sub(p.Cost) }
