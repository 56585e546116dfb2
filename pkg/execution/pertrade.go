package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/order"
)

// PerTrade charges Cost once per order, on its first fill (zipline's
// PerTrade).
type PerTrade[N numeric.Number[N]] struct {
	Cost N
}

// Charge implements [Commission].
func (m PerTrade[N]) Charge(o *order.Order[N], _, _ N) N {
	if o.Filled.IsZero() {
		return m.Cost
	}
	var z N
	return z
}
