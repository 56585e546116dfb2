package order

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// ID identifies an order within a run. A [Book] numbers its orders 1, 2,
// 3... in placement order; 0 is no order.
type ID int64

// String returns the decimal number.
func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }

// Order is one instruction to trade an asset, and its state. Amounts are
// signed: a positive Amount buys, a negative one sells; Filled has the
// sign of Amount and never exceeds it in magnitude.
//
// Orders are created by [New] (or [Book.Place]) and change state only
// through [Order.Fill], [Order.Cancel] and [Order.Reject], which refuse
// illegal transitions by panicking; the simulator also sets Triggered.
// The other fields are read-only for users of the package.
type Order[N numeric.Number[N]] struct {
	ID     ID
	Asset  market.Asset
	Amount N // signed quantity ordered: > 0 buy, < 0 sell
	Filled N // signed quantity filled so far, same sign as Amount
	Type   Type
	// LimitPrice is the limit of Limit and StopLimit orders, zero for
	// the others.
	LimitPrice N
	// StopPrice is the trigger of Stop and StopLimit orders, zero for
	// the others.
	StopPrice N
	TIF       TimeInForce
	Status    Status
	// Reason says why the order was rejected or cancelled; for an order
	// still open at the end of a run, why it did not fill when its price
	// was reached (see [Order.Unfilled]); "" otherwise.
	Reason string
	// Created is the time of the bar at which the order was placed.
	Created time.Time
	// Updated is the time of the last fill, cancellation or rejection
	// (Created until then).
	Updated time.Time
	// PlacedBar is the engine's bar index at placement: the order may
	// fill only at a later bar (no look-ahead).
	PlacedBar int
	// Triggered records that the stop price of a Stop or StopLimit order
	// has been reached; from then on a Stop trades as a market order and
	// a StopLimit as a limit order.
	Triggered bool
	// Lot is the asset's quantity increment (see [Lot]); Amount is a
	// multiple of it.
	Lot N
	// Commission is the total commission charged on the fills so far.
	Commission N
	// Notional is the signed sum of the fills' amount*price, each
	// rounded to 8 decimals half-even (the cash the fills moved, before
	// commission, with the opposite sign).
	Notional N
	// Fills counts the fills.
	Fills int
	// Starved counts the bars at which the order's price was reached but
	// its slippage model filled nothing for lack of volume (a bar of zero
	// volume, the bar's share taken by earlier orders, less than a lot
	// left); the simulator sets it.
	Starved int
}

// Remaining returns the signed quantity not filled: Amount - Filled (zero
// once Filled; what was left unfilled once Cancelled).
func (o *Order[N]) Remaining() N { return o.Amount.Sub(o.Filled) }

// IsOpen reports whether the order can still fill (Open or
// PartiallyFilled).
func (o *Order[N]) IsOpen() bool { return o.Status.IsOpen() }

// IsBuy reports whether the order buys (Amount > 0).
func (o *Order[N]) IsBuy() bool { return o.Amount.Sign() > 0 }

// AvgPrice returns the average fill price, Notional / Filled rounded to 8
// decimals half-even, or zero when nothing has filled.
func (o *Order[N]) AvgPrice() N {
	if o.Filled.IsZero() {
		var z N
		return z
	}
	return o.Notional.DivRound(o.Filled, 8, numeric.HalfEven)
}

// Fill records a fill of amount (signed like Amount, 0 < |amount| <=
// |Remaining()|) at price, charging commission, at time at. The status
// becomes Filled when nothing remains, PartiallyFilled otherwise.
//
// Fill panics if the order is not open, if amount is zero, of the wrong
// sign or larger than what remains: those are bugs of the caller, not
// business outcomes (the simulator never produces them).
func (o *Order[N]) Fill(amount, price, commission N, at time.Time) {
	if !o.IsOpen() {
		panic(fmt.Sprintf("order: fill of %s order %d", o.Status, o.ID))
	}
	fillFor[N]()(o, amount, price, commission)
	o.Updated = at
}

// fill is Fill's arithmetic on an open order, concrete per backend (see
// internal/specialize).
//
//penny:specialize
func fill[N numeric.Number[N]](o *Order[N], amount, price, commission N) {
	if amount.IsZero() || amount.Sign() != o.Amount.Sign() {
		panic(fmt.Sprintf("order: fill of %s on order %d for %s: zero or of the wrong sign", amount, o.ID, o.Amount))
	}
	rem := o.Amount.Sub(o.Filled)
	if amount.Abs().Cmp(rem.Abs()) > 0 {
		panic(fmt.Sprintf("order: fill of %s on order %d exceeds the remaining %s", amount, o.ID, rem))
	}
	o.Filled = o.Filled.Add(amount)
	o.Notional = o.Notional.Add(amount.MulRound(price, 8, numeric.HalfEven))
	o.Commission = o.Commission.Add(commission)
	o.Fills++
	if amount.Cmp(rem) == 0 {
		o.Status = Filled
	} else {
		o.Status = PartiallyFilled
	}
}

// Cancel stops an open order at time at, keeping what has filled, with
// the reason given. It panics if the order is not open (cancelling a
// filled or rejected order is a bug; [Book.Cancel] checks first and
// reports false instead) or the reason is empty (an order never ends
// without saying why).
func (o *Order[N]) Cancel(reason string, at time.Time) {
	if !o.IsOpen() {
		panic(fmt.Sprintf("order: cancel of %s order %d", o.Status, o.ID))
	}
	if reason == "" {
		panic(fmt.Sprintf("order: cancel of order %d without a reason", o.ID))
	}
	o.Status = Cancelled
	o.Reason = reason
	o.Updated = at
}

// Reject refuses an open order at time at with the reason given, as the
// engine does when a fill breaks an account rule. An order with nothing
// filled becomes Rejected; a partially filled one becomes Cancelled (its
// fills stand), with the same reason. Reject panics if the order is not
// open or the reason is empty (an order is never rejected without one).
func (o *Order[N]) Reject(reason string, at time.Time) {
	if !o.IsOpen() {
		panic(fmt.Sprintf("order: reject of %s order %d", o.Status, o.ID))
	}
	if reason == "" {
		panic(fmt.Sprintf("order: reject of order %d without a reason", o.ID))
	}
	if o.Filled.IsZero() {
		o.Status = Rejected
	} else {
		o.Status = Cancelled
	}
	o.Reason = reason
	o.Updated = at
}

// Unfilled records why an order still open at the end of a run did not
// fill (the engine calls it for an order starved of volume). It panics if
// the order is not open or reason is empty.
func (o *Order[N]) Unfilled(reason string) {
	if !o.IsOpen() || reason == "" {
		panic(fmt.Sprintf("order: unfilled note %q on %s order %d", reason, o.Status, o.ID))
	}
	o.Reason = reason
}

// String describes the order for logs and error messages, e.g.
// "order 3: buy 10 ORCL limit 12.5 gtc, partially_filled 4" (4 filled),
// "order 4: sell 5 ORCL stop 9.5 day, cancelled (day order expired at
// session end)".
func (o *Order[N]) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "order %d: ", o.ID)
	side, amount := "buy", o.Amount
	if o.Amount.Sign() < 0 {
		side, amount = "sell", o.Amount.Neg()
	}
	fmt.Fprintf(&b, "%s %s %s", side, amount, o.Asset.Symbol)
	if !o.Type.hasStop() && !o.Type.hasLimit() {
		fmt.Fprintf(&b, " %s", o.Type)
	}
	if o.Type.hasStop() {
		fmt.Fprintf(&b, " stop %s", o.StopPrice)
	}
	if o.Type.hasLimit() {
		fmt.Fprintf(&b, " limit %s", o.LimitPrice)
	}
	fmt.Fprintf(&b, " %s, %s", o.TIF, o.Status)
	if !o.Filled.IsZero() {
		fmt.Fprintf(&b, " %s", o.Filled.Abs())
	}
	if o.Reason != "" {
		fmt.Fprintf(&b, " (%s)", o.Reason)
	}
	return b.String()
}
