package execution

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Simulator matches open orders against bars: it decides whether an
// order fills at a bar, at what price (the matching rules of the package
// documentation, then Slippage) and for how much (Slippage), and what it
// costs (Commission). The zero value fills at the next open, with no
// slippage and no commission. A Simulator keeps no state between calls
// (Penny's models keep none either).
type Simulator[N numeric.Number[N]] struct {
	Mode       FillMode
	Slippage   Slippage[N]   // nil: NoSlippage
	Commission Commission[N] // nil: NoCommission
}

// Match tries order o against bar, the bar of o's asset at the engine's
// bar index barIndex; used is the volume of that bar already filled for
// earlier orders in the asset (see [Usage]). It returns the fill and
// true, or false if o does not fill at this bar.
//
// The fill's Reference is the price the matching rules chose, before
// Slippage moved it (and before a limit brought it back): what the
// report counts slippage against (ledger.Transaction.Slippage).
//
// Match never fills at or before the bar the order was placed in
// (barIndex <= o.PlacedBar: no look-ahead), nor an order that is not
// open, nor with a nil bar (an asset without a bar does not trade). It
// records on o that a stop price was reached (o.Triggered), even when
// nothing fills, and counts the bars at which the price was reached but
// Slippage filled nothing for lack of volume (o.Starved); it changes
// nothing else: the engine checks the fill
// with the ledger, applies it, and calls o.Fill.
//
// A limit order never fills at a price worse than its limit: a price
// that slippage moved beyond the limit is brought back to it. Match
// panics (a bug of the model) if the slippage model returns more than
// remains to fill.
func (s *Simulator[N]) Match(o *order.Order[N], bar *market.Bar[N], barIndex int, used N) (Fill[N], bool) {
	if bar == nil || barIndex <= o.PlacedBar || !o.IsOpen() {
		return Fill[N]{}, false
	}
	return matchFor[N]()(s, o, bar, used)
}

// match is Match on an open order placed before bar, concrete per backend
// (a method call on a type parameter goes through a dictionary and is
// never inlined; see internal/specialize).
//
//penny:specialize
func match[N numeric.Number[N]](s *Simulator[N], o *order.Order[N], bar *market.Bar[N], used N) (Fill[N], bool) {
	var price N
	var ok bool
	if s.Mode == NextClose {
		price, ok = matchClose(o, bar)
	} else {
		price, ok = matchOpen(o, bar)
	}
	if !ok {
		return Fill[N]{}, false
	}
	reference := price
	remaining := o.Amount.Sub(o.Filled).Abs()
	qty := remaining
	if s.Slippage != nil {
		// Penny's own models are called directly, as concrete code; any
		// other through the interface.
		switch m := s.Slippage.(type) {
		case VolumeShare[N]:
			price, qty = volumeShare(m, o, bar, price, used)
		case NoSlippage[N]:
			// The whole remaining quantity at the price.
		default:
			price, qty = s.Slippage.Fill(o, bar, price, used)
		}
		if qty.Sign() <= 0 {
			o.Starved++
			return Fill[N]{}, false
		}
		if qty.Cmp(remaining) > 0 {
			panic(fmt.Sprintf("execution: slippage model %T filled %s of %s, which has %s remaining", s.Slippage, qty, o, remaining))
		}
	}
	buy := o.Amount.Sign() > 0
	if o.Type == order.Limit || o.Type == order.StopLimit {
		if buy {
			price = price.Min(o.LimitPrice)
		} else {
			price = price.Max(o.LimitPrice)
		}
	}
	amount := qty
	if !buy {
		amount = qty.Neg()
	}
	f := Fill[N]{Time: time.Unix(0, bar.Time).UTC(), Asset: o.Asset, Amount: amount, Price: price, OrderID: o.ID, Reference: reference}
	switch m := s.Commission.(type) {
	case nil, NoCommission[N]:
	case PerShare[N]:
		f.Commission = perShare(m, o, amount, price)
	default:
		f.Commission = s.Commission.Charge(o, amount, price)
	}
	return f, true
}

// Matcher returns a function that does what s.Match does, with the
// simulator's code for N's backend looked up once instead of at every
// call: for a loop that matches many orders, as the engine's.
func (s *Simulator[N]) Matcher() func(o *order.Order[N], bar *market.Bar[N], barIndex int, used N) (Fill[N], bool) {
	k := matchFor[N]()
	return func(o *order.Order[N], bar *market.Bar[N], barIndex int, used N) (Fill[N], bool) {
		if bar == nil || barIndex <= o.PlacedBar || !o.IsOpen() {
			return Fill[N]{}, false
		}
		return k(s, o, bar, used)
	}
}

// FillsByVolume reports whether the simulator's slippage model fills a
// share of each bar's volume (a [VolumeModel]), and so fills nothing on a
// bar of zero volume.
func (s *Simulator[N]) FillsByVolume() bool {
	m, ok := s.Slippage.(VolumeModel)
	return ok && m.FillsByVolume()
}

// matchOpen applies backtrader's rules on the bar's open, high, low and
// close, and returns the price the order fills at, if any.
//
//penny:specialize
func matchOpen[N numeric.Number[N]](o *order.Order[N], b *market.Bar[N]) (N, bool) {
	buy := o.Amount.Sign() > 0
	switch o.Type {
	case order.Market:
		return b.Open, true
	case order.Limit:
		return limitOpen(buy, o.LimitPrice, b)
	case order.Stop:
		if o.Triggered {
			return b.Open, true
		}
		s := o.StopPrice
		switch {
		case buy && b.Open.Cmp(s) >= 0, !buy && b.Open.Cmp(s) <= 0:
			// The open gapped through the stop: fill at the open.
			o.Triggered = true
			return b.Open, true
		case buy && b.High.Cmp(s) >= 0, !buy && b.Low.Cmp(s) <= 0:
			o.Triggered = true
			return s, true
		}
	case order.StopLimit:
		if o.Triggered {
			return limitOpen(buy, o.LimitPrice, b)
		}
		s, l := o.StopPrice, o.LimitPrice
		switch {
		case buy && b.Open.Cmp(s) >= 0, !buy && b.Open.Cmp(s) <= 0:
			// Triggered at the open: a limit order for the whole bar.
			o.Triggered = true
			return limitOpen(buy, l, b)
		case buy && b.High.Cmp(s) >= 0:
			o.Triggered = true
			if l.Cmp(s) >= 0 {
				return s, true
			}
			// The limit is below the stop: it fills only if the bar went
			// up to the stop first and then down through the limit, which
			// a falling bar closing at or below the limit suggests.
			if b.Open.Cmp(b.Close) > 0 && b.Close.Cmp(l) <= 0 {
				return l, true
			}
		case !buy && b.Low.Cmp(s) <= 0:
			o.Triggered = true
			if l.Cmp(s) <= 0 {
				return s, true
			}
			if b.Open.Cmp(b.Close) < 0 && b.Close.Cmp(l) >= 0 {
				return l, true
			}
		}
	}
	var z N
	return z, false
}

// limitOpen is backtrader's limit rule: a buy limit fills at the open if
// the open is at or below the limit, else at the limit if the low
// reaches it; a sell limit mirrors it with the high.
//
//penny:specialize
func limitOpen[N numeric.Number[N]](buy bool, l N, b *market.Bar[N]) (N, bool) {
	switch {
	case buy && b.Open.Cmp(l) <= 0, !buy && b.Open.Cmp(l) >= 0:
		return b.Open, true
	case buy && b.Low.Cmp(l) <= 0, !buy && b.High.Cmp(l) >= 0:
		return l, true
	}
	var z N
	return z, false
}

// matchClose applies zipline's rules on the bar's close only.
//
//penny:specialize
func matchClose[N numeric.Number[N]](o *order.Order[N], b *market.Bar[N]) (N, bool) {
	buy := o.Amount.Sign() > 0
	c := b.Close
	if o.Type == order.Stop || o.Type == order.StopLimit {
		if !o.Triggered {
			s := o.StopPrice
			if buy && c.Cmp(s) < 0 || !buy && c.Cmp(s) > 0 {
				var z N
				return z, false
			}
			o.Triggered = true
		}
	}
	if o.Type == order.Limit || o.Type == order.StopLimit {
		l := o.LimitPrice
		if buy && c.Cmp(l) > 0 || !buy && c.Cmp(l) < 0 {
			var z N
			return z, false
		}
	}
	return c, true
}
