package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Slippage decides what an order really gets at a bar, given the price
// the matching rules chose. Fill returns the fill price and the unsigned
// quantity filled (0 for none, at most |o.Remaining()|). used is the
// volume of this bar already filled for earlier orders in the same asset.
// A model returns prices rounded to 8 decimals (half-even for Penny's
// models) and quantities in whole lots of the asset (o.Lot).
type Slippage[N numeric.Number[N]] interface {
	Fill(o *order.Order[N], bar *market.Bar[N], price, used N) (fillPrice, qty N)
}

// VolumeModel is implemented by slippage models that fill a share of each
// bar's volume, and so nothing on a bar of zero volume: the engine warns
// when such a model meets data with zero-volume bars.
type VolumeModel interface {
	FillsByVolume() bool
}

// SlippageFunc adapts a function to [Slippage].
type SlippageFunc[N numeric.Number[N]] func(o *order.Order[N], bar *market.Bar[N], price, used N) (N, N)

// Fill calls f.
func (f SlippageFunc[N]) Fill(o *order.Order[N], bar *market.Bar[N], price, used N) (N, N) {
	return f(o, bar, price, used)
}

// NoSlippage fills the whole remaining quantity at the price given,
// whatever the volume (a bar with zero volume fills too).
type NoSlippage[N numeric.Number[N]] struct{}

// Fill returns price and |o.Remaining()|.
func (NoSlippage[N]) Fill(o *order.Order[N], _ *market.Bar[N], price, _ N) (N, N) {
	return price, o.Remaining().Abs()
}
