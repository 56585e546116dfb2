package engine

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Orders placed at the current bar can fill at a later bar only (see
// package execution for the fill rules). Every entry point returns the
// order placed: open, or rejected with a reason (zero quantity, unknown
// asset, bad prices, no bar left in the run). The sizing entry points
// (OrderValue, OrderPercent, OrderTarget...) return nil when there is
// nothing to order (a zero quantity after rounding to whole lots).
//
// Orders are good till cancelled unless submitted with TIF Day; they
// are sized in whole lots of the asset (see order.Lot).

// Order places a market order for amount (signed: > 0 buys, < 0 sells).
func (c *Context[N]) Order(a market.Asset, amount N) *order.Order[N] {
	return c.Submit(order.Request[N]{Asset: a, Amount: amount, Type: order.Market})
}

// OrderLimit places a limit order: a buy fills at limit or lower, a sell
// at limit or higher.
func (c *Context[N]) OrderLimit(a market.Asset, amount, limit N) *order.Order[N] {
	return c.Submit(order.Request[N]{Asset: a, Amount: amount, Type: order.Limit, LimitPrice: limit})
}

// OrderStop places a stop order: it becomes a market order once the price
// reaches stop (rises to it for a buy, falls to it for a sell).
func (c *Context[N]) OrderStop(a market.Asset, amount, stop N) *order.Order[N] {
	return c.Submit(order.Request[N]{Asset: a, Amount: amount, Type: order.Stop, StopPrice: stop})
}

// OrderStopLimit places a stop-limit order: a limit order at limit that
// becomes active once the price reaches stop.
func (c *Context[N]) OrderStopLimit(a market.Asset, amount, stop, limit N) *order.Order[N] {
	return c.Submit(order.Request[N]{Asset: a, Amount: amount, Type: order.StopLimit, StopPrice: stop, LimitPrice: limit})
}

// Submit places the order described by r (any type and time in force).
func (c *Context[N]) Submit(r order.Request[N]) *order.Order[N] {
	e := c.e
	known := c.valid(r.Asset) && e.portal.Assets()[r.Asset.ID].Symbol == r.Asset.Symbol
	if known {
		r.Asset = e.portal.Assets()[r.Asset.ID]
	}
	return e.book.Place(r, order.Placement{
		Time:       c.Now(),
		Bar:        e.bar,
		KnownAsset: known,
		AfterEnd:   e.bar >= e.lastBar,
	})
}

// OrderValue orders value worth of the asset at its last known price
// (signed: a negative value sells), in whole lots rounded toward zero.
func (c *Context[N]) OrderValue(a market.Asset, value N) *order.Order[N] {
	amount, ok := c.amountFor(a, value)
	if !ok || amount.IsZero() {
		return nil
	}
	return c.Order(a, amount)
}

// OrderPercent orders the fraction pct (0.1 for 10%) of the portfolio
// value of the asset (signed: a negative fraction sells).
func (c *Context[N]) OrderPercent(a market.Asset, pct N) *order.Order[N] {
	return c.OrderValue(a, c.percentValue(pct))
}

// OrderTarget orders what it takes to hold target units of the asset,
// counting the open orders of the asset as if filled (so that calling it
// on every bar does not order twice).
func (c *Context[N]) OrderTarget(a market.Asset, target N) *order.Order[N] {
	if !c.valid(a) {
		return c.Order(a, target) // rejected as unknown
	}
	delta := target.Sub(c.Position(a)).Sub(c.pending(a))
	if delta.IsZero() {
		return nil
	}
	return c.Order(a, delta)
}

// OrderTargetValue orders what it takes to hold value worth of the asset
// at its last known price (whole lots, toward zero), counting open orders.
func (c *Context[N]) OrderTargetValue(a market.Asset, value N) *order.Order[N] {
	target, ok := c.amountFor(a, value)
	if !ok {
		return nil
	}
	return c.OrderTarget(a, target)
}

// OrderTargetPercent orders what it takes to hold the fraction pct of the
// portfolio value in the asset, counting open orders.
func (c *Context[N]) OrderTargetPercent(a market.Asset, pct N) *order.Order[N] {
	return c.OrderTargetValue(a, c.percentValue(pct))
}

// OpenOrders returns the open orders, in placement order (read-only,
// valid until the next order or bar).
func (c *Context[N]) OpenOrders() []*order.Order[N] { return c.e.book.Open() }

// Cancel cancels an open order; it reports whether there was one to cancel.
func (c *Context[N]) Cancel(id order.ID) bool {
	return c.e.book.Cancel(id, "cancelled by the strategy", c.Now())
}

// amountFor returns the signed amount of a worth value at its last known
// price, in whole lots toward zero; false when the asset is unknown or has
// no price yet.
func (c *Context[N]) amountFor(a market.Asset, value N) (N, bool) {
	var z N
	if !c.valid(a) {
		return z, false
	}
	price, ok := c.Price(a)
	if !ok || price.Sign() <= 0 {
		return z, false
	}
	q := order.Quantity(value.Abs(), price, c.e.lots[a.ID])
	if value.Sign() < 0 {
		q = q.Neg()
	}
	return q, true
}

// percentValue returns pct of the portfolio value, rounded to 8 decimals
// half-even.
func (c *Context[N]) percentValue(pct N) N {
	return c.PortfolioValue().MulRound(pct, numeric.FixedDecimals, numeric.HalfEven)
}

// pending returns the remaining signed amount of the asset's open orders.
func (c *Context[N]) pending(a market.Asset) N {
	var s N
	for _, o := range c.e.book.Open() {
		if o.Asset.ID == a.ID {
			s = s.Add(o.Remaining())
		}
	}
	return s
}
