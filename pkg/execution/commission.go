package execution

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/order"
)

// Commission decides what a fill costs the trader. Charge returns the
// commission for a fill of amount (signed like the order) at price, given
// the order as it stands before the fill (o.Filled and o.Commission do
// not include it yet): that is how a model charges a minimum per order
// once. A negative commission is a rebate. Penny's models round to 8
// decimals half-even.
type Commission[N numeric.Number[N]] interface {
	Charge(o *order.Order[N], amount, price N) N
}

// CommissionFunc adapts a function to [Commission].
type CommissionFunc[N numeric.Number[N]] func(o *order.Order[N], amount, price N) N

// Charge calls f.
func (f CommissionFunc[N]) Charge(o *order.Order[N], amount, price N) N { return f(o, amount, price) }

// NoCommission charges nothing.
type NoCommission[N numeric.Number[N]] struct{}

// Charge returns zero.
func (NoCommission[N]) Charge(*order.Order[N], N, N) N {
	var z N
	return z
}
