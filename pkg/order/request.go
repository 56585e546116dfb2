package order

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Request is what a strategy asks for. Its zero TIF is GTC and its zero
// Type is Market. LimitPrice is given for Limit and StopLimit orders
// only, StopPrice for Stop and StopLimit orders only.
type Request[N numeric.Number[N]] struct {
	Asset      market.Asset
	Amount     N // signed: > 0 buy, < 0 sell
	Type       Type
	LimitPrice N
	StopPrice  N
	TIF        TimeInForce
}

// Placement is what the engine knows when a request arrives.
type Placement struct {
	// Time is the time of the current bar (the order's Created).
	Time time.Time
	// Bar is the engine's current bar index (the order's PlacedBar).
	Bar int
	// KnownAsset reports that the asset is in the run's universe. Its
	// zero value rejects: say so explicitly.
	KnownAsset bool
	// AfterEnd reports that no bar remains at which the order could fill.
	AfterEnd bool
}

// Reasons for which orders are rejected or cancelled by this package.
const (
	ReasonDayExpired = "day order expired at session end"
	ReasonCancelled  = "cancelled by the strategy"
)

// New validates r and returns the order it makes, with id, placed as p
// says: an Open order, or a Rejected one whose Reason says why. Rejected
// are: an unknown asset, an order after the end of the data, an invalid
// type or time in force, a zero, NaN or infinite amount, an amount that
// is not a whole number of lots (see [Lot]), a limit price on a Market or
// Stop order, a stop price on a Market or Limit order, a limit or stop
// price that is zero, negative, NaN or infinite, and an asset whose lot
// size is invalid. New never panics on the request's values.
func New[N numeric.Number[N]](id ID, r Request[N], p Placement) Order[N] {
	return newOrder(id, r, p, nil)
}

// newOrder is New, with the lot sizes from lots (nil: parsed).
func newOrder[N numeric.Number[N]](id ID, r Request[N], p Placement, lots *lotCache[N]) Order[N] {
	o := Order[N]{
		ID:         id,
		Asset:      r.Asset,
		Amount:     r.Amount,
		Type:       r.Type,
		LimitPrice: r.LimitPrice,
		StopPrice:  r.StopPrice,
		TIF:        r.TIF,
		Status:     Open,
		Created:    p.Time,
		Updated:    p.Time,
		PlacedBar:  p.Bar,
	}
	if reason := o.validate(p, lots); reason != "" {
		o.Status = Rejected
		o.Reason = reason
	}
	return o
}

// validate returns why the new order o is refused, or "". It also sets
// o.Lot, taken from lots.
func (o *Order[N]) validate(p Placement, lots *lotCache[N]) string {
	sym := o.Asset.Symbol
	switch {
	case !p.KnownAsset:
		return fmt.Sprintf("unknown asset %q", sym)
	case p.AfterEnd:
		return "placed after the end of the data: no bar remains to fill it"
	case !o.Type.valid():
		return fmt.Sprintf("invalid order type %s", o.Type)
	case !o.TIF.valid():
		return fmt.Sprintf("invalid time in force %s", o.TIF)
	case !finite(o.Amount):
		return fmt.Sprintf("amount %s is not a finite number", o.Amount)
	case o.Amount.IsZero():
		return "zero quantity"
	}
	if r := checkPrice("limit", o.Type, o.Type.hasLimit(), o.LimitPrice); r != "" {
		return r
	}
	if r := checkPrice("stop", o.Type, o.Type.hasStop(), o.StopPrice); r != "" {
		return r
	}
	lot, err := lots.lot(o.Asset)
	if err != nil {
		return fmt.Sprintf("asset %s has an invalid lot size %q", sym, o.Asset.LotSize)
	}
	o.Lot = lot
	if !o.Amount.IsMultiple(lot) {
		return fmt.Sprintf("amount %s of %s is not a whole number of lots of %s", o.Amount, sym, lot)
	}
	return ""
}

// checkPrice checks the limit or stop price v of an order of type t that
// carries it (want) or must not.
func checkPrice[N numeric.Number[N]](name string, t Type, want bool, v N) string {
	switch {
	case !finite(v):
		return fmt.Sprintf("%s price %s is not a finite number", name, v)
	case !want && !v.IsZero():
		return fmt.Sprintf("a %s order takes no %s price (got %s)", t, name, v)
	case want && v.Sign() <= 0:
		return fmt.Sprintf("%s price must be positive, got %s", name, v)
	}
	return ""
}

// finite reports whether v is a finite number (only Float can be NaN or
// infinite; a Decimal beyond float64's range is finite).
func finite[N numeric.Number[N]](v N) bool { return numeric.IsFinite(v) }
