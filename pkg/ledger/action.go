package ledger

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// EventKind is what a corporate action did to the ledger.
type EventKind uint8

// The kinds of event.
const (
	// EventSplit: the position's amount times New/Old, the fraction a
	// whole lot cannot hold paid in cash (cash in lieu).
	EventSplit EventKind = iota + 1
	// EventDividend: a cash dividend accrued at its ex-date as a
	// receivable (negative for a short, which owes it).
	EventDividend
	// EventPayment: a receivable settled in cash at its pay date.
	EventPayment
	// EventExchange: the position turned into shares of another asset
	// (a stock merger, with or without cash, or a name change).
	EventExchange
	// EventDistribution: shares of another asset received for the
	// position held, at no cost (a spin-off, a stock dividend of another
	// symbol).
	EventDistribution
	// EventClose: the position closed for cash at a stated price (a cash
	// merger, a delisting, a worthless removal at zero).
	EventClose
)

func (k EventKind) String() string {
	switch k {
	case EventSplit:
		return "split"
	case EventDividend:
		return "dividend"
	case EventPayment:
		return "payment"
	case EventExchange:
		return "exchange"
	case EventDistribution:
		return "distribution"
	case EventClose:
		return "close"
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// Event is the ledger's record of a corporate action's effect: the log
// that, with the transactions, replays the ledger exactly. Amounts are
// signed like positions; Cash is the cash the event moved (cash in lieu,
// merger cash, delisting proceeds, a dividend paid), Receivable the
// change of the receivables (+ accrued, - settled), Realized the P&L it
// realized, Dividend the dividend income it accrued.
type Event[N numeric.Number[N]] struct {
	Time  time.Time
	Kind  EventKind
	Asset market.Asset
	// Before and After are the position's amounts around the event.
	Before, After N
	// Transfer is the other side of an exchange or a distribution (its
	// fields read as the event's: ev.Target, ev.TargetBefore...); nil for
	// the other kinds, which have none. Out of line, so that the events
	// of splits and dividends, nearly all of them, do not carry its room.
	*Transfer[N]
	// New and Old are the ratio of a split, exchange or distribution;
	// Price the per-share value the event used (the dividend, the cash
	// per share of a merger, the delisting price, the price of cash in
	// lieu).
	New, Old   int64
	Price      N
	Cash       N
	Receivable N
	Realized   N
	Dividend   N
	// Seq is the number of transactions in the ledger's log when the
	// event applied: it came after transaction Seq-1 and before
	// transaction Seq (RoundTrips merges the two logs by it).
	Seq int
}

// Transfer is the other asset of an exchange or a distribution event.
type Transfer[N numeric.Number[N]] struct {
	// Target is the other asset, with its amounts around the event and
	// the cost moved onto it.
	Target                    market.Asset
	TargetBefore, TargetAfter N
	CostMoved                 N
	// TargetPrice is the price of a share of Target the event used (for
	// cash in lieu and the cost's allocation).
	TargetPrice N
}

// transfer returns a new Transfer, from the ledger's chunks (which never
// move: the events keep pointers into them).
func (l *Ledger[N]) transfer(t Transfer[N]) *Transfer[N] {
	if len(l.corp.transfers) == cap(l.corp.transfers) {
		l.corp.transfers = make([]Transfer[N], 0, transferChunk)
	}
	l.corp.transfers = append(l.corp.transfers, t)
	return &l.corp.transfers[len(l.corp.transfers)-1]
}

// transferChunk is the number of Transfers the ledger allocates at once.
const transferChunk = 16

// receivable is a dividend accrued and not paid yet: on the position in
// asset id, due at the time due (Unix nanoseconds; noDue when not within
// the run).
type receivable[N numeric.Number[N]] struct {
	id     int
	amount N
	due    int64
}

// corpState is the ledger's state for corporate actions beside its event
// log: the dividends accrued and not paid yet (pending, in the order
// accrued), the earliest time one of them is due (noDue when none is; 0
// before the first Settle, which computes it), and the chunk the next
// Transfers are taken from.
type corpState[N numeric.Number[N]] struct {
	pending   []receivable[N]
	nextDue   int64
	transfers []Transfer[N]
}

// noDue is the due time of a receivable never paid within the run (and
// the ledger's next due time when none is pending).
const noDue = math.MaxInt64

// GrowEvents makes room for n more corporate action events, so that a
// run that knows its actions logs them without growing the log.
func (l *Ledger[N]) GrowEvents(n int) { l.events = slices.Grow(l.events, n) }

// Events returns the corporate action events in the order applied (the
// ledger's own slice: read it, do not modify it).
func (l *Ledger[N]) Events() []Event[N] { return l.events[:len(l.events):len(l.events)] }

// Receivable returns the dividends accrued and not yet paid (negative
// when shorts owe more than longs are owed). It counts in the portfolio
// value.
func (l *Ledger[N]) Receivable() N { return l.recv }

// Dividends returns the dividend income accrued since the start (paid or
// not; negative for dividends owed on shorts).
func (l *Ledger[N]) Dividends() N { return l.dividends }

// Pending returns the number of receivables not yet paid.
func (l *Ledger[N]) Pending() int { return len(l.corp.pending) }

func (l *Ledger[N]) position(a market.Asset) *Position[N] {
	id := a.ID
	if id < 0 {
		panic(fmt.Sprintf("ledger: corporate action on asset ID %d", id))
	}
	if id >= len(l.positions) {
		l.positions = append(l.positions, make([]Position[N], id+1-len(l.positions))...)
	}
	p := &l.positions[id]
	p.Asset = a
	return p
}

// record appends ev to the event log and returns the log's copy of it.
func (l *Ledger[N]) record(ev *Event[N]) *Event[N] {
	ev.Seq = l.ntx
	l.events = append(l.events, *ev)
	return &l.events[len(l.events)-1]
}

// add appends an event of kind on the position in a, of amount before
// and after, to the event log and returns it, for the caller to fill in:
// record without building the event beside the log and copying it (the
// events of dividends and payments, the most frequent, whose arithmetic
// is done before they are logged).
func (l *Ledger[N]) add(kind EventKind, a *market.Asset, amount N, at time.Time) *Event[N] {
	n := len(l.events)
	if n == cap(l.events) {
		l.events = slices.Grow(l.events, 1)
	}
	// The log's room past its length is zero, as make and append leave
	// it: nothing writes there but add and record, which extend the log,
	// and Events hands out the log without that room. Only the fields
	// set are written.
	l.events = l.events[:n+1]
	ev := &l.events[n]
	ev.Time, ev.Kind, ev.Asset, ev.Before, ev.After, ev.Seq = at, kind, *a, amount, amount, l.ntx
	return ev
}

// Split multiplies the position in a by new/old at the open of the
// ex-date. The amount becomes a*new/old truncated toward zero to a whole
// lot; the fraction cut off is paid in cash at the last price (the
// close before the ex-date) times old/new, rounded once to 8 decimals
// half-even, and the share of the cost it carried (Cost*fraction/(a*new/
// old), rounded the same way) is removed, the difference realized. The
// total cost of what is kept is unchanged, so the average cost per share
// is divided by the ratio exactly. The last price becomes last*old/new,
// rounded to 8 decimals half-even. A flat position records an event with
// no effect. It returns the event, the log's own: read it, do not
// modify it.
func (l *Ledger[N]) Split(a market.Asset, newShares, oldShares int64, lot N, at time.Time) *Event[N] {
	if newShares <= 0 || oldShares <= 0 || lot.Sign() <= 0 {
		panic(fmt.Sprintf("ledger: split %d:%d with lot %s", newShares, oldShares, lot))
	}
	p := l.position(a)
	ev := Event[N]{Time: at, Kind: EventSplit, Asset: a, Before: p.Amount, After: p.Amount, New: newShares, Old: oldShares}
	small := newShares <= maxSplitTerm && oldShares <= maxSplitTerm
	if small && p.Amount.IsZero() {
		if !p.LastPrice.IsZero() {
			p.LastPrice = p.LastPrice.MulDiv(numeric.Int[N](oldShares), numeric.Int[N](newShares), decimals, numeric.HalfEven)
		}
		return l.record(&ev)
	}
	if u, scale, ok := p.Amount.Unscaled(); small && ok && scale == 0 && u > -maxSplitShares/newShares && u < maxSplitShares/newShares &&
		lot.Cmp(numeric.Int[N](1)) == 0 {
		l.splitWhole(p, &ev, u)
		return l.record(&ev)
	}
	ratio := big.NewRat(newShares, oldShares)
	inv := big.NewRat(oldShares, newShares)
	if p.Amount.IsZero() {
		if !p.LastPrice.IsZero() {
			p.LastPrice = fromRat[N](new(big.Rat).Mul(exact(p.LastPrice), inv))
		}
		return l.record(&ev)
	}
	q := new(big.Rat).Mul(exact(p.Amount), ratio)
	kept := truncLot(q, exact(lot))
	frac := new(big.Rat).Sub(q, kept)
	price := new(big.Rat).Mul(exact(p.LastPrice), inv)
	ev.Price = fromRat[N](price)
	oldCost, oldValue := p.Cost, p.Value
	if frac.Sign() != 0 {
		cash := fromRat[N](new(big.Rat).Mul(frac, price))
		removed := p.Cost
		if kept.Sign() != 0 {
			removed = fromRat[N](new(big.Rat).Quo(new(big.Rat).Mul(exact(p.Cost), frac), q))
		}
		pnl := cash.Sub(removed)
		l.realize(p, pnl)
		p.Cost = p.Cost.Sub(removed)
		l.cash = l.cash.Add(cash)
		ev.Cash, ev.Realized = cash, pnl
	}
	p.Amount = fromRat[N](kept)
	p.LastPrice = ev.Price
	ev.After = p.Amount
	l.revalue(a.ID, p, oldCost, oldValue)
	return l.record(&ev)
}

// The bounds of Split's whole-share rule: ratio terms up to maxSplitTerm
// and amount*new below maxSplitShares in magnitude, so that every
// operand is a whole number every backend holds (Fixed's limit is about
// 9.2e10). Beyond them, Split computes in math/big.
const (
	maxSplitTerm   = 1_000_000_000
	maxSplitShares = 10_000_000_000
)

// splitWhole applies the split of ev to p, a position of amount whole
// shares (non-zero) in lots of one: Split's rule in the backend's
// arithmetic instead of math/big, with the same digits in Fixed and
// Decimal (MulDiv computes x*y/z exactly and rounds once). With q =
// amount*new, kept = q/old and rem = q%old (toward zero), the fraction
// rem/old of a share is paid at last*old/new, which is rem*last/new, and
// removes the cost Cost*(rem/old)/(q/old) = Cost*rem/q.
func (l *Ledger[N]) splitWhole(p *Position[N], ev *Event[N], amount int64) {
	last := p.LastPrice
	p.LastPrice = last.MulDiv(numeric.Int[N](ev.Old), numeric.Int[N](ev.New), decimals, numeric.HalfEven)
	q := amount * ev.New
	kept, rem := q/ev.Old, q%ev.Old
	oldCost, oldValue := p.Cost, p.Value
	if rem != 0 {
		cash := last.MulDiv(numeric.Int[N](rem), numeric.Int[N](ev.New), decimals, numeric.HalfEven)
		removed := p.Cost
		if kept != 0 {
			removed = p.Cost.MulDiv(numeric.Int[N](rem), numeric.Int[N](q), decimals, numeric.HalfEven)
		}
		pnl := cash.Sub(removed)
		l.realize(p, pnl)
		p.Cost = p.Cost.Sub(removed)
		l.cash = l.cash.Add(cash)
		ev.Cash, ev.Realized = cash, pnl
	}
	p.Amount = numeric.Int[N](kept)
	ev.Price, ev.After = p.LastPrice, p.Amount
	l.revalue(ev.Asset.ID, p, oldCost, oldValue)
}

// revalue sets a position's value after its amount or price changed, and
// keeps the running totals and the list of held assets.
func (l *Ledger[N]) revalue(id int, p *Position[N], oldCost, oldValue N) {
	_ = oldValue
	l.setValue(p, round8(p.Amount, p.LastPrice))
	l.cost = l.cost.Sub(oldCost).Add(p.Cost)
	if p.Amount.IsZero() {
		l.release(id)
	} else {
		l.hold(id)
	}
}

// Dividend accrues a cash dividend of perShare on the position in a at
// its ex-date: Amount*perShare rounded once to 8 decimals half-even,
// added to the receivables and to the dividend income (negative for a
// short, which owes it), to be paid by Settle at due (never within the
// run when due is zero). A flat position records an event with no
// effect. It returns the event, the log's own.
func (l *Ledger[N]) Dividend(a market.Asset, perShare N, due, at time.Time) *Event[N] {
	p := l.position(a)
	if p.Amount.IsZero() {
		ev := l.add(EventDividend, &a, p.Amount, at)
		ev.Price = perShare
		return ev
	}
	amt := round8(p.Amount, perShare)
	l.recv = l.recv.Add(amt)
	l.dividends = l.dividends.Add(amt)
	d := int64(noDue)
	if !due.IsZero() {
		d = due.UnixNano()
	}
	// The receivables are kept in the order of their due times, accrual
	// order among equal ones: an insertion from the end, where pay dates
	// that follow their ex-dates go.
	ps := append(l.corp.pending, receivable[N]{})
	i := len(ps) - 1
	for ; i > 0 && ps[i-1].due > d; i-- {
		ps[i] = ps[i-1]
	}
	ps[i] = receivable[N]{id: a.ID, amount: amt, due: d}
	l.corp.pending, l.corp.nextDue = ps, ps[0].due
	ev := l.add(EventDividend, &a, p.Amount, at)
	ev.Price, ev.Receivable, ev.Dividend = perShare, amt, amt
	return ev
}

// Settle pays every receivable due at or before t: its amount moves from
// the receivables to the cash, exactly, with an EventPayment each, in the
// order of their due times and, among equal ones, of their accrual (the
// order accrued when Settle is called at each due time, as the engine
// does). It returns the payments' events (the log's own), none when
// nothing was due: the receivables are kept by due time, so a session
// with nothing to pay costs a comparison, and one with payments touches
// only them.
func (l *Ledger[N]) Settle(t time.Time) []Event[N] {
	now := t.UnixNano()
	if now < l.corp.nextDue {
		return nil
	}
	start := len(l.events)
	ps := l.corp.pending
	k := 0
	for ; k < len(ps) && ps[k].due <= now; k++ {
		r := &ps[k]
		l.recv = l.recv.Sub(r.amount)
		l.cash = l.cash.Add(r.amount)
		p := &l.positions[r.id] // made by Dividend
		ev := l.add(EventPayment, &p.Asset, p.Amount, t)
		ev.Cash, ev.Receivable = r.amount, r.amount.Neg()
	}
	n := copy(ps, ps[k:])
	clear(ps[n:])
	l.corp.pending, l.corp.nextDue = ps[:n], noDue
	if n > 0 {
		l.corp.nextDue = ps[0].due
	}
	return l.events[start:]
}

// Close closes the position in a at price per share (a cash merger, a
// delisting, zero for a worthless removal): the cash is Amount*price
// rounded once to 8 decimals half-even, and the cash less the cost is
// realized. A flat position records an event with no effect.
func (l *Ledger[N]) Close(a market.Asset, price N, at time.Time) *Event[N] {
	p := l.position(a)
	ev := Event[N]{Time: at, Kind: EventClose, Asset: a, Before: p.Amount, Price: price}
	if p.Amount.IsZero() {
		return l.record(&ev)
	}
	oldCost, oldValue := p.Cost, p.Value
	cash := round8(p.Amount, price)
	pnl := cash.Sub(p.Cost)
	l.cash = l.cash.Add(cash)
	l.realize(p, pnl)
	p.Cost, p.Amount, p.LastPrice = numeric.Zero[N](), numeric.Zero[N](), price
	ev.Cash, ev.Realized = cash, pnl
	l.revalue(a.ID, p, oldCost, oldValue)
	return l.record(&ev)
}

// Exchange turns the position in from into shares of to (a stock merger,
// a name change with 1:1 and no cash): from closes; to receives
// Amount*new/old truncated toward zero to its lot; the fraction cut off
// is paid at toPrice (to's last close: the value of a share of to), and
// cashPerShare*Amount (rounded once to 8 decimals half-even) is paid in
// cash. The cost of from splits between the cash (fraction and cash
// part) and the shares in proportion to their value at toPrice: the cash
// part's cost, Cost*cash/(cash + kept*toPrice) rounded once, is removed
// and the difference realized; the rest of the cost moves onto to. With
// no cash, the whole cost moves and nothing is realized. A position in to
// of the opposite sign is reduced by the shares received, as a fill at
// their average cost.
func (l *Ledger[N]) Exchange(from, to market.Asset, newShares, oldShares int64, cashPerShare, toPrice, lot N, at time.Time) *Event[N] {
	if newShares <= 0 || oldShares <= 0 || lot.Sign() <= 0 || from.ID == to.ID {
		panic(fmt.Sprintf("ledger: exchange %s -> %s %d:%d with lot %s", from, to, newShares, oldShares, lot))
	}
	p := l.position(from)
	t := l.position(to)
	ev := Event[N]{Time: at, Kind: EventExchange, Asset: from, Before: p.Amount, New: newShares, Old: oldShares, Price: cashPerShare,
		Transfer: l.transfer(Transfer[N]{Target: to, TargetBefore: t.Amount, TargetAfter: t.Amount, TargetPrice: toPrice})}
	if p.Amount.IsZero() {
		return l.record(&ev)
	}
	q := new(big.Rat).Mul(exact(p.Amount), big.NewRat(newShares, oldShares))
	kept := truncLot(q, exact(lot))
	frac := new(big.Rat).Sub(q, kept)
	cash := round8(p.Amount, cashPerShare)
	if frac.Sign() != 0 {
		cash = cash.Add(fromRat[N](new(big.Rat).Mul(frac, exact(toPrice))))
	}
	cost := p.Cost
	removed := numeric.Zero[N]()
	if !cash.IsZero() {
		removed = cost
		if kept.Sign() != 0 {
			stock := new(big.Rat).Mul(kept, exact(toPrice))
			total := new(big.Rat).Add(exact(cash), stock)
			if total.Sign() != 0 {
				removed = fromRat[N](new(big.Rat).Quo(new(big.Rat).Mul(exact(cost), exact(cash)), total))
			}
		}
	}
	pnl := cash.Sub(removed)
	oldCost, oldValue := p.Cost, p.Value
	l.cash = l.cash.Add(cash)
	l.realize(p, pnl)
	p.Amount, p.Cost = numeric.Zero[N](), numeric.Zero[N]()
	l.revalue(from.ID, p, oldCost, oldValue)
	moved := cost.Sub(removed)
	l.receive(to, t, fromRat[N](kept), moved, toPrice)
	ev.After, ev.TargetAfter, ev.CostMoved = p.Amount, t.Amount, moved
	ev.Cash, ev.Realized = cash, pnl
	return l.record(&ev)
}

// Distribute gives the holder of from Amount*new/old shares of to,
// truncated toward zero to to's lot, at no cost (a spin-off, a stock
// dividend of another symbol): the position in from keeps its whole
// cost. The fraction cut off is paid at toPrice when to has a price
// (toPrice > 0), and dropped otherwise (a spin-off whose shares have not
// traded yet has no price to pay it at).
func (l *Ledger[N]) Distribute(from, to market.Asset, newShares, oldShares int64, toPrice, lot N, at time.Time) *Event[N] {
	if newShares <= 0 || oldShares <= 0 || lot.Sign() <= 0 || from.ID == to.ID {
		panic(fmt.Sprintf("ledger: distribution %s -> %s %d:%d with lot %s", from, to, newShares, oldShares, lot))
	}
	p := l.position(from)
	t := l.position(to)
	ev := Event[N]{Time: at, Kind: EventDistribution, Asset: from, Before: p.Amount, After: p.Amount, New: newShares, Old: oldShares,
		Transfer: l.transfer(Transfer[N]{Target: to, TargetBefore: t.Amount, TargetAfter: t.Amount, TargetPrice: toPrice})}
	if p.Amount.IsZero() {
		return l.record(&ev)
	}
	q := new(big.Rat).Mul(exact(p.Amount), big.NewRat(newShares, oldShares))
	kept := truncLot(q, exact(lot))
	frac := new(big.Rat).Sub(q, kept)
	if frac.Sign() != 0 && toPrice.Sign() > 0 {
		cash := fromRat[N](new(big.Rat).Mul(frac, exact(toPrice)))
		l.cash = l.cash.Add(cash)
		l.realize(t, cash)
		ev.Cash, ev.Realized = cash, cash
	}
	l.receive(to, t, fromRat[N](kept), numeric.Zero[N](), toPrice)
	ev.TargetAfter = t.Amount
	return l.record(&ev)
}

// receive adds q shares of cost to the position t (in asset a), valued
// at price when price > 0. Same sign or flat: amount and cost add. An
// opposite position is reduced as by a fill whose notional is cost:
// the closed share of t's cost is removed (all of it on a close) and the
// difference realized; past zero, the rest opens at the rest of cost.
func (l *Ledger[N]) receive(a market.Asset, t *Position[N], q, cost, price N) {
	if q.IsZero() && cost.IsZero() {
		return
	}
	oldCost, oldValue := t.Cost, t.Value
	if pnl, ok := receiveInto(t, q, cost); ok {
		l.realize(t, pnl)
	}
	if price.Sign() > 0 {
		t.LastPrice = price
	}
	l.revalue(a.ID, t, oldCost, oldValue)
}

// receiveInto adds q shares of cost to the position t by the rule of
// receive, setting its Amount and Cost, and returns the P&L it realizes
// (ok false, and a zero P&L, when t was flat or of the same sign). It is
// the one rule of receive and of RoundTrips.
func receiveInto[N numeric.Number[N]](t *Position[N], q, cost N) (pnl N, ok bool) {
	amt := t.Amount
	after := amt.Add(q)
	switch {
	case amt.IsZero() || amt.Sign() == q.Sign():
		t.Cost = t.Cost.Add(cost)
	case after.IsZero() || after.Sign() == amt.Sign():
		removed := t.Cost
		if !after.IsZero() {
			removed = mulDiv8(t.Cost, q.Abs(), amt.Abs())
		}
		// Receiving q at cost is buying it back for cost: the closed
		// share realizes -cost less the cost removed.
		pnl, ok = cost.Neg().Sub(removed), true
		t.Cost = t.Cost.Sub(removed)
	default:
		closing := mulDiv8(cost, amt.Neg(), q)
		pnl, ok = closing.Neg().Sub(t.Cost), true
		t.Cost = cost.Sub(closing)
	}
	t.Amount = after
	return pnl, ok
}

// truncLot returns q truncated toward zero to a whole multiple of lot.
func truncLot(q, lot *big.Rat) *big.Rat {
	x := new(big.Rat).Quo(q, lot)
	k := new(big.Int).Quo(x.Num(), x.Denom()) // toward zero
	return new(big.Rat).Mul(new(big.Rat).SetInt(k), lot)
}

// exact returns the decimal value of x ([numeric.TextRat]); it panics
// with a *numeric.ArithmeticError for a Float NaN or infinity.
func exact[N numeric.Number[N]](x N) *big.Rat {
	if r := numeric.TextRat(x); r != nil {
		return r
	}
	panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "corporate action", Operands: []string{x.String()}, Err: numeric.ErrInvalid})
}

// fromRat returns r rounded once to 8 decimals, half-even, as an N. It
// panics with a *numeric.ArithmeticError if N cannot hold it.
func fromRat[N numeric.Number[N]](r *big.Rat) N {
	v, err := numeric.FromRat[N](r, decimals, numeric.HalfEven)
	if err != nil {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "corporate action", Operands: []string{r.FloatString(8)}, Err: numeric.ErrOverflow})
	}
	return v
}
