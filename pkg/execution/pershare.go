package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/order"
)

// PerShare is zipline's PerShare commission: Cost per share (or unit)
// traded, with a minimum of Min per order. The first fill of an order
// pays at least Min; later fills pay nothing until the order's total at
// Cost per share exceeds Min, then top the total up to it, so that an
// order pays max(Min, Cost*|filled|) in all, however it fills.
//
// Rounding: Cost*|quantity| is rounded once to 8 decimals half-even.
type PerShare[N numeric.Number[N]] struct {
	Cost N
	Min  N
}

// Charge implements [Commission].
func (m PerShare[N]) Charge(o *order.Order[N], amount, price N) N {
	return perShareFor[N]()(m, o, amount, price)
}

// perShare is PerShare's Charge, concrete per backend.
//
//penny:specialize
func perShare[N numeric.Number[N]](m PerShare[N], o *order.Order[N], amount, _ N) N {
	if o.Filled.IsZero() {
		return m.Cost.MulRound(amount.Abs(), 8, numeric.HalfEven).Max(m.Min)
	}
	var zero N
	total := m.Cost.MulRound(o.Filled.Add(amount).Abs(), 8, numeric.HalfEven)
	if total.Cmp(m.Min) < 0 {
		return zero
	}
	return total.Sub(o.Commission).Max(zero)
}
