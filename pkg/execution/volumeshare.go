package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// VolumeShare is zipline's VolumeShareSlippage. At most VolumeLimit (a
// fraction in (0, 1]) of a bar's volume fills, across all the orders in
// the asset at that bar; an order gets what is left, in whole lots, and
// the rest of it stays open (a partial fill). A bar with zero volume
// fills nothing. The price moves against the trader by
//
//	impact = PriceImpact * share^2 * price,  share = total/volume
//
// where total is the volume filled at the bar so far, this fill
// included (zipline's simulated_impact; its cap of share at VolumeLimit
// never binds, as total <= VolumeLimit*volume by construction).
//
// Rounding: the limit VolumeLimit*volume is cut to 8 decimals toward
// zero, then the quantity to whole lots toward zero; the price
// price*(1 ± PriceImpact*share^2) is computed exactly (big integers)
// and rounded once to 8 decimals, half-even. In Float the same formula is
// evaluated in float64.
//
// zipline's defaults are VolumeLimit 0.025 and PriceImpact 0.1; the
// zero value fills nothing.
type VolumeShare[N numeric.Number[N]] struct {
	VolumeLimit N
	PriceImpact N
}

// FillsByVolume implements [VolumeModel]: true.
func (VolumeShare[N]) FillsByVolume() bool { return true }

// Fill implements [Slippage].
func (m VolumeShare[N]) Fill(o *order.Order[N], bar *market.Bar[N], price, used N) (N, N) {
	return volumeShareFor[N]()(m, o, bar, price, used)
}

// volumeShare is VolumeShare's Fill, concrete per backend.
//
//penny:specialize
func volumeShare[N numeric.Number[N]](m VolumeShare[N], o *order.Order[N], bar *market.Bar[N], price, used N) (N, N) {
	var zero N
	if bar.Volume.Sign() <= 0 || m.VolumeLimit.Sign() <= 0 {
		return price, zero
	}
	avail := m.VolumeLimit.MulRound(bar.Volume, 8, numeric.Down).Sub(used)
	if avail.Sign() <= 0 {
		return price, zero
	}
	qty := o.Amount.Sub(o.Filled).Abs()
	if qty.Cmp(avail) > 0 {
		qty = avail
		if o.Lot.Sign() > 0 {
			qty = order.TruncLot(qty, o.Lot)
		}
		if qty.Sign() <= 0 {
			return price, zero
		}
	}
	total := used.Add(qty)
	return impactPrice(price, m.PriceImpact, total, bar.Volume, o.Amount.Sign() > 0), qty
}
