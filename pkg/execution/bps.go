package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/order"
)

// Bps charges Bps basis points of each fill's notional.
//
// Rounding: the notional is the ledger's
// ([github.com/pennybt/penny/pkg/ledger.Transaction.Notional]),
// |amount*price| rounded to 8 decimals half-even; the rate Bps/10000 is
// exact when Bps has at most 4 decimals (the config refuses more); the
// commission notional*rate is rounded once to 8 decimals half-even.
type Bps[N numeric.Number[N]] struct {
	Bps N
}

// Charge implements [Commission].
func (m Bps[N]) Charge(_ *order.Order[N], amount, price N) N {
	notional := amount.MulRound(price, 8, numeric.HalfEven).Abs()
	rate := m.Bps.DivRound(numeric.Int[N](10000), 8, numeric.HalfEven)
	return notional.MulRound(rate, 8, numeric.HalfEven)
}
