package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// FixedBps moves the price against the trader by Bps basis points (a
// buy pays price*(1 + Bps/10000), a sell gets price*(1 - Bps/10000)) and
// fills the whole remaining quantity, whatever the volume.
//
// Rounding: the rate Bps/10000 is exact when Bps has at most 4 decimals
// (the config refuses more); the price is then rounded once, to 8
// decimals half-even: price ± round(price*rate).
type FixedBps[N numeric.Number[N]] struct {
	Bps N
}

// Fill implements [Slippage].
func (m FixedBps[N]) Fill(o *order.Order[N], _ *market.Bar[N], price, _ N) (N, N) {
	rate := m.Bps.DivRound(numeric.Int[N](10000), 8, numeric.HalfEven)
	slip := price.MulRound(rate, 8, numeric.HalfEven)
	if o.IsBuy() {
		return price.Add(slip), o.Remaining().Abs()
	}
	return price.Sub(slip), o.Remaining().Abs()
}
