package ledger

import (
	"fmt"
	"math/big"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// RoundTrip is one position in one asset, from the fill that takes it
// away from zero to the fill that brings it back to zero or through it
// (see the package documentation, "Round trips"). Its P&L is the P&L the
// ledger realized on the asset while it was open, so it is exact in
// Fixed and Decimal and net of the commissions of its fills.
type RoundTrip[N numeric.Number[N]] struct {
	Asset market.Asset
	// Entry is the time of the fill that opened the trip, Exit that of
	// the fill that closed it (zero while Closed is false).
	Entry, Exit time.Time
	// Closed is false for a position still held after the last fill.
	Closed bool
	// Amount is the quantity the trip opened, signed by its direction
	// (> 0 long, < 0 short): the opening fill's amount (for a trip opened
	// by a flip, what the flip left beyond zero) plus every fill that
	// added to the position. A closed trip also closed that much.
	Amount N
	// Cost is what the trip added to the position's cost, signed like
	// Amount: the notionals and commissions of the opening and adding
	// fills (for a trip opened by a flip, the flip's notional less its
	// closing part, as Position.Cost).
	Cost N
	// Commission is the sum of the commissions of the trip's fills. A
	// flip's commission belongs to the trip it closes, as the ledger
	// charges it.
	Commission N
	// PnL is the P&L the ledger realized on the trip's fills and
	// corporate actions: exact in Fixed and Decimal, net of Commission.
	// For a closed trip without actions it is the cash the trip moved,
	// -(sum of its notionals) - Commission, with a flip's closing part as
	// its notional. For an open trip it is what its partial closes
	// realized so far.
	PnL N
	// Dividends is the dividend income accrued on the position while the
	// trip was open (negative for a short, which owes it). It is not in
	// PnL: the ledger counts dividends apart from realized P&L.
	Dividends N
}

// RoundTrips splits a transaction log into round trips by the ledger's
// own rule of average cost: it replays txs, in the order given (the
// order the ledger applied them, as Ledger.Transactions and
// engine.Result.Transactions hold them), through the same position
// arithmetic as Apply, without the cash or the account rules. Per asset
// (by asset ID):
//
//   - a fill on a flat position opens a trip;
//   - a fill in the trip's direction adds to it;
//   - a fill against it that leaves part of the position realizes P&L
//     in the trip, which stays open;
//   - a fill that brings the position to zero closes the trip, and one
//     that takes it through zero closes it (with all of the fill's
//     commission) and opens the next trip, in the other direction, with
//     the rest of the fill.
//
// events are the ledger's corporate action events (Ledger.Events, or
// the events of engine.Result.Actions), in the order applied; nil for a
// run without actions. They are replayed between the transactions by
// their Seq, as the ledger applied them, so that a trip follows its
// position through them instead of seeing a fill it never had:
//
//   - a split keeps the trip open (its Amount is multiplied by the ratio,
//     rounded to 8 decimals half-even when not exact); the P&L of cash in
//     lieu falls in the trip, and a split that leaves nothing (a reverse
//     split of less than a lot, paid in cash) closes it;
//   - a cash merger, a delisting or a worthless removal closes the trip
//     with the P&L it realized;
//   - a stock merger or a name change moves the trip onto the target
//     when the target is flat (its Asset becomes the target, its Amount
//     is multiplied by the ratio); otherwise it closes the trip, and the
//     shares received add to, reduce or flip the target's trip as a fill
//     at the cost moved would;
//   - a distribution (a spin-off, a stock dividend of another symbol)
//     gives the target shares at no cost, as a fill would, and its cash
//     in lieu falls in the trip of the asset held;
//   - a dividend adds to the trip's Dividends; its payment does nothing.
//
// The trips are in the order they were opened; trips still open at the
// end come with Closed false. Every P&L the ledger realizes falls in
// exactly one trip, so in Fixed and Decimal the trips' PnL add up
// exactly to the ledger's Realized; in Float they agree to rounding.
// (In Float, fractional amounts that do not cancel exactly in binary
// leave a residue that the ledger holds as a position, and the trips
// follow it: a crypto position sold in pieces may stay open, or flip into
// a tiny trip, where Fixed and Decimal close it.)
//
// Like Apply, RoundTrips panics on a zero amount or a negative asset ID
// (the ledger never logs one), on events out of order or past the end of
// txs (not the same ledger's), and with a *numeric.ArithmeticError if a
// Fixed value overflows.
func RoundTrips[N numeric.Number[N]](txs []Transaction[N], events []Event[N]) []RoundTrip[N] {
	return AppendRoundTrips(nil, txs, events)
}

// AppendRoundTrips appends the round trips of txs and events (see
// [RoundTrips]) to dst and returns the extended slice: a caller that
// replays many logs passes dst[:0] to reuse its storage.
func AppendRoundTrips[N numeric.Number[N]](dst []RoundTrip[N], txs []Transaction[N], events []Event[N]) []RoundTrip[N] {
	r := tripReplay[N]{trade: tradeFor[N](), round8: round8For[N](), trips: dst}
	// The positions are sized once, to the highest asset ID the log and
	// the events name.
	top := -1
	for i := range txs {
		top = max(top, txs[i].Asset.ID)
	}
	for k := range events {
		top = max(top, events[k].Asset.ID)
		if events[k].Transfer != nil {
			top = max(top, events[k].Target.ID)
		}
	}
	r.grow(top)
	next := 0
	for k := range events {
		ev := &events[k]
		if ev.Seq < next || ev.Seq > len(txs) {
			panic(fmt.Sprintf("ledger: RoundTrips: event %d (%s of %s) at transaction %d, after %d of %d transactions", k, ev.Kind, ev.Asset.Symbol, ev.Seq, next, len(txs)))
		}
		for ; next < ev.Seq; next++ {
			r.fill(txs, next)
		}
		if ev.Before.IsZero() && ev.Asset.ID >= 0 {
			continue // a flat position: the event had no effect (event's first test)
		}
		r.event(ev)
	}
	for ; next < len(txs); next++ {
		r.fill(txs, next)
	}
	return r.trips
}

// tripReplay replays the ledger's positions and follows their trips.
type tripReplay[N numeric.Number[N]] struct {
	trips []RoundTrip[N]
	pos   []Position[N] // indexed by asset ID
	open  []int         // index in trips of the asset's open trip, -1 for none
	// trade and round8, concrete per backend (see kernels)
	trade  func(p *Position[N], tx *Transaction[N], notional N) (N, bool)
	round8 func(x, y N) N
}

// grow makes room for asset ID id (at once: AppendRoundTrips sizes the
// positions to the highest ID before the replay).
func (r *tripReplay[N]) grow(id int) {
	if id < len(r.pos) {
		return
	}
	pos, open := make([]Position[N], id+1), make([]int, id+1)
	copy(pos, r.pos)
	k := copy(open, r.open)
	for i := k; i <= id; i++ {
		open[i] = -1
	}
	r.pos, r.open = pos, open
}

func (r *tripReplay[N]) fill(txs []Transaction[N], i int) {
	tx := &txs[i]
	id := tx.Asset.ID
	if tx.Amount.IsZero() || id < 0 {
		panic(fmt.Sprintf("ledger: RoundTrips: transaction %d of %s asset ID %d", i, tx.Amount, id))
	}
	r.grow(id)
	p := &r.pos[id]
	before := p.Amount
	notional := r.round8(tx.Amount, tx.Price) // tx.Notional()
	pnl, realizes := r.trade(p, tx, notional)
	if before.IsZero() {
		r.start(tx.Asset, tx.Time, tx.Amount, p.Cost, tx.Commission)
		return
	}
	rt := &r.trips[r.open[id]]
	rt.Commission = rt.Commission.Add(tx.Commission)
	if !realizes {
		rt.Amount = rt.Amount.Add(tx.Amount)
		rt.Cost = rt.Cost.Add(notional).Add(tx.Commission)
		return
	}
	r.realized(id, before, pnl, tx.Time, tx.Asset)
}

// start opens a trip on asset a.
func (r *tripReplay[N]) start(a market.Asset, at time.Time, amount, cost, commission N) {
	r.open[a.ID] = len(r.trips)
	r.trips = append(r.trips, RoundTrip[N]{Asset: a, Entry: at, Amount: amount, Cost: cost, Commission: commission})
}

// realized books pnl in the open trip of asset id, whose position was
// before and is now r.pos[id]: the trip closes when the position
// returned to zero or crossed it, and a crossing opens the next trip
// with what is left, at the cost the ledger gives it.
func (r *tripReplay[N]) realized(id int, before, pnl N, at time.Time, a market.Asset) {
	rt := &r.trips[r.open[id]]
	rt.PnL = rt.PnL.Add(pnl)
	p := &r.pos[id]
	if after := p.Amount; after.IsZero() || after.Sign() != before.Sign() {
		rt.Closed, rt.Exit = true, at
		r.open[id] = -1
		if !after.IsZero() {
			r.start(a, at, after, p.Cost, numeric.Zero[N]())
		}
	}
}

// event replays a corporate action event (see RoundTrips).
func (r *tripReplay[N]) event(ev *Event[N]) {
	id, tid := ev.Asset.ID, 0
	if id < 0 {
		panic(fmt.Sprintf("ledger: RoundTrips: %s event of asset ID %d", ev.Kind, id))
	}
	if ev.Before.IsZero() {
		return // a flat position: the event had no effect
	}
	if ev.Kind == EventExchange || ev.Kind == EventDistribution {
		if ev.Transfer == nil || ev.Target.ID < 0 {
			panic(fmt.Sprintf("ledger: RoundTrips: %s event of %s without a target asset", ev.Kind, ev.Asset.Symbol))
		}
		tid = ev.Target.ID
	}
	r.grow(max(id, tid))
	p := &r.pos[id]
	switch ev.Kind {
	case EventDividend:
		rt := &r.trips[r.open[id]]
		rt.Dividends = rt.Dividends.Add(ev.Dividend)
	case EventSplit:
		rt := &r.trips[r.open[id]]
		rt.Amount = scaled(rt.Amount, ev.New, ev.Old)
		p.Amount = ev.After
		// Cash in lieu removed cash - realized of the cost.
		p.Cost = p.Cost.Sub(ev.Cash.Sub(ev.Realized))
		r.realized(id, ev.Before, ev.Realized, ev.Time, ev.Asset)
	case EventClose:
		p.Amount, p.Cost = numeric.Zero[N](), numeric.Zero[N]()
		r.realized(id, ev.Before, ev.Realized, ev.Time, ev.Asset)
	case EventExchange:
		t := &r.pos[ev.Target.ID]
		p.Amount, p.Cost = numeric.Zero[N](), numeric.Zero[N]()
		q := ev.TargetAfter.Sub(ev.TargetBefore)
		if t.Amount.IsZero() && !q.IsZero() {
			// The trip goes on in the target.
			rt := &r.trips[r.open[id]]
			rt.PnL = rt.PnL.Add(ev.Realized)
			rt.Asset, rt.Amount = ev.Target, scaled(rt.Amount, ev.New, ev.Old)
			r.open[ev.Target.ID], r.open[id] = r.open[id], -1
			t.Asset, t.Amount, t.Cost = ev.Target, q, ev.CostMoved
			return
		}
		r.realized(id, ev.Before, ev.Realized, ev.Time, ev.Asset)
		r.receive(ev, t, q, ev.CostMoved)
	case EventDistribution:
		// The cash in lieu is the holder's; the ledger books it on the
		// target.
		rt := &r.trips[r.open[id]]
		rt.PnL = rt.PnL.Add(ev.Realized)
		r.receive(ev, &r.pos[ev.Target.ID], ev.TargetAfter.Sub(ev.TargetBefore), numeric.Zero[N]())
	}
}

// receive gives the target of ev q shares of cost, by the ledger's rule
// (receiveInto): it opens a trip on a flat target, adds to its trip, or
// realizes P&L in it as a fill would.
func (r *tripReplay[N]) receive(ev *Event[N], t *Position[N], q, cost N) {
	if q.IsZero() && cost.IsZero() {
		return
	}
	tid := ev.Target.ID
	before := t.Amount
	t.Asset = ev.Target
	pnl, realizes := receiveInto(t, q, cost)
	switch {
	case before.IsZero():
		r.start(ev.Target, ev.Time, q, t.Cost, numeric.Zero[N]())
	case !realizes:
		rt := &r.trips[r.open[tid]]
		rt.Amount, rt.Cost = rt.Amount.Add(q), rt.Cost.Add(cost)
	default:
		r.realized(tid, before, pnl, ev.Time, ev.Target)
	}
}

// scaled returns x*new/old, rounded once to 8 decimals half-even.
func scaled[N numeric.Number[N]](x N, newShares, oldShares int64) N {
	if newShares == oldShares {
		return x
	}
	if oldShares == 1 {
		return x.MulInt(newShares) // exact: x has at most 8 decimals
	}
	if newShares <= maxSplitTerm && oldShares <= maxSplitTerm {
		// Exact in Fixed and Decimal, rounded once: the digits of the
		// big.Rat rule below.
		return x.MulDiv(numeric.Int[N](newShares), numeric.Int[N](oldShares), decimals, numeric.HalfEven)
	}
	return fromRat[N](new(big.Rat).Mul(exact(x), big.NewRat(newShares, oldShares)))
}
