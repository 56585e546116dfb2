package engine

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/order"
)

// ActionRecord is one effect of a corporate action on the run: the
// action, the ledger event it made (a dividend makes two: its accrual at
// the ex-date and its payment), and what it did to the open orders.
type ActionRecord[N numeric.Number[N]] struct {
	// Action points into the run's schedule, which runs over the same
	// data share: read it, do not modify it.
	Action *corpaction.Action[N]
	// Event points into the ledger's event log (Result.Events): read it,
	// do not modify it.
	Event *ledger.Event[N]
	// Rescaled and Cancelled count the open orders of the asset the
	// action rescaled (a split) or cancelled (a merger, name change or
	// delisting).
	Rescaled, Cancelled int
}

// actions is the engine's state for corporate actions.
type actions[N numeric.Number[N]] struct {
	sched *corpaction.Schedule[N]
	next  int
	// at[a] is the time of asset a's latest action (the open of its
	// ex-date session): a close stamped before it is stale for valuation
	// (a split already changed the shares it priced). Nil when the run
	// has no actions.
	at      []int64
	records []ActionRecord[N]
	// pending mirrors the ledger's receivables paid within the run, in
	// the order accrued (the order Ledger.Settle pays them in): the
	// dividend each is of, for its payment's record.
	pending []pendingPay
	// nextDue is the earliest due time in pending (noDue when empty).
	nextDue int64
}

// noDue is the nextDue of no pending payment.
const noDue = math.MaxInt64

type pendingPay struct {
	due  int64 // the open of the pay session
	item int   // index in sched.Items
}

// setupActions resolves the config's actions onto the run (or takes the
// schedule resolved beforehand) and sizes the records.
func (e *Engine[N]) setupActions() error {
	sc := e.cfg.Schedule
	assets := e.portal.Assets()
	if sc == nil {
		if len(e.cfg.Actions) == 0 {
			return nil
		}
		symbols := make([]string, len(assets))
		for i, a := range assets {
			symbols[i] = a.Symbol
		}
		dates := make([]time.Time, len(e.sessions))
		for i, s := range e.sessions {
			dates[i] = s.Date
		}
		var err error
		if sc, err = corpaction.Resolve(e.cfg.Actions, symbols, dates); err != nil {
			return err
		}
	}
	if len(sc.Assets) != len(assets) {
		return fmt.Errorf("corporate actions: the schedule is of %d assets, the data has %d", len(sc.Assets), len(assets))
	}
	if n := len(sc.Items); n > 0 && sc.Items[n-1].Session >= len(e.sessions) {
		return fmt.Errorf("corporate actions: the schedule reaches session %d, the run has %d", sc.Items[n-1].Session, len(e.sessions))
	}
	if len(sc.Items) == 0 && len(sc.Warnings) == 0 {
		return nil
	}
	for _, w := range sc.Warnings {
		e.cfg.Logger.Warn("corporate action: " + w.String())
		e.warnings = append(e.warnings, w.String())
	}
	// Every action makes one record, and a dividend paid within the run
	// one more: the records and the ledger's events are sized once.
	n := len(sc.Items)
	for i := range sc.Items {
		if it := &sc.Items[i]; it.Type == corpaction.CashDividend && it.PaySession >= 0 {
			n++
		}
	}
	e.acts = actions[N]{sched: sc, at: make([]int64, len(assets)), records: make([]ActionRecord[N], 0, n), nextDue: noDue}
	e.ledger.GrowEvents(n)
	for i := range e.acts.at {
		e.acts.at[i] = -1 << 63
	}
	return nil
}

// applyActions applies the actions of session s at its open, before any
// fill, then pays the receivables due.
func (e *Engine[N]) applyActions(s int) {
	items := e.acts.sched.Items
	if e.acts.next >= len(items) || items[e.acts.next].Session != s {
		return // most sessions
	}
	open := e.sessions[s].Open
	for e.acts.next < len(items) && items[e.acts.next].Session == s {
		e.applyAction(&items[e.acts.next], open)
		e.acts.next++
	}
}

func (e *Engine[N]) settle(s int) {
	if e.acts.nextDue > e.sessions[s].Open.UnixNano() {
		return // nothing due yet: most sessions
	}
	open := e.sessions[s].Open
	paid := e.ledger.Settle(open)
	// The ledger pays its receivables due by now by due time, then in
	// the order accrued: the pending list's order, whose first
	// len(paid) are these.
	ps := e.acts.pending
	if len(paid) > len(ps) || len(paid) < len(ps) && ps[len(paid)].due <= open.UnixNano() {
		panic(fmt.Sprintf("engine: the ledger paid %d receivables at %s, the engine expected others", len(paid), open))
	}
	for k := range paid {
		if p := ps[k]; p.due > open.UnixNano() || paid[k].Asset.ID != e.acts.sched.Items[p.item].Asset {
			panic(fmt.Sprintf("engine: the ledger paid %d receivables at %s, the engine expected others", len(paid), open))
		}
		e.acts.records = append(e.acts.records, ActionRecord[N]{Action: &e.acts.sched.Items[ps[k].item].Action, Event: &paid[k]})
	}
	n := copy(ps, ps[len(paid):])
	e.acts.pending, e.acts.nextDue = ps[:n], noDue
	if n > 0 {
		e.acts.nextDue = ps[0].due
	}
}

func (e *Engine[N]) applyAction(it *corpaction.Scheduled[N], now time.Time) {
	assets := e.portal.Assets()
	a := assets[it.Asset]
	rec := ActionRecord[N]{Action: &it.Action}
	e.acts.at[it.Asset] = e.now // now's, the session's open
	last := func(id int) N {
		p, _, ok := e.portal.Last(id)
		if !ok {
			return numeric.Zero[N]()
		}
		return p
	}
	switch { // the most frequent first (the types are disjoint)
	case it.Type == corpaction.CashDividend:
		var due time.Time
		if it.PaySession >= 0 {
			due = e.sessions[it.PaySession].Open
		}
		rec.Event = e.ledger.Dividend(a, it.Amount, due, now)
		if !rec.Event.Before.IsZero() && !due.IsZero() { // the ledger accrued a receivable
			// In the ledger's order: by due time, accrual order among
			// equal ones.
			d := due.UnixNano()
			ps := append(e.acts.pending, pendingPay{})
			i := len(ps) - 1
			for ; i > 0 && ps[i-1].due > d; i-- {
				ps[i] = ps[i-1]
			}
			ps[i] = pendingPay{due: d, item: e.acts.next}
			e.acts.pending, e.acts.nextDue = ps, ps[0].due
		}
		if e.cfg.Adjust == dataportal.AdjustAll {
			if prev := last(it.Asset); prev.Cmp(it.Amount) > 0 {
				pr, _ := new(big.Rat).SetString(prev.String())
				am, _ := new(big.Rat).SetString(it.Amount.String())
				e.portal.AddAdjustment(it.Asset, new(big.Rat).Quo(new(big.Rat).Sub(pr, am), pr), nil)
			} else {
				e.warnings = append(e.warnings, fmt.Sprintf("%s: %s: not adjusted for: the close before it, %s, is not above the dividend", it.Origin, it.Action, prev))
			}
		}
	case it.IsSplitLike():
		r := it.SplitRatio()
		rec.Event = e.ledger.Split(a, r.New, r.Old, e.lots[it.Asset], now)
		rec.Rescaled, rec.Cancelled = e.rescaleOrders(it.Asset, r, now)
		if e.cfg.Adjust != dataportal.AdjustRaw && !r.IsUnit() {
			e.portal.AddSplit(it.Asset, r.New, r.Old)
		}
	case it.Type == corpaction.StockDividend, it.Type == corpaction.SpinOff:
		t := assets[it.Target]
		rec.Event = e.ledger.Distribute(a, t, it.Ratio.New, it.Ratio.Old, last(it.Target), e.lots[it.Target], now)
	case it.Type == corpaction.MergerStock, it.Type == corpaction.MergerStockAndCash, it.Type == corpaction.NameChange:
		t := assets[it.Target]
		r := it.Ratio
		if it.Type == corpaction.NameChange {
			r = corpaction.Ratio{New: 1, Old: 1}
		}
		rec.Event = e.ledger.Exchange(a, t, r.New, r.Old, it.Amount, last(it.Target), e.lots[it.Target], now)
		reason := fmt.Sprintf("%s: %s into %s", it.Type, a.Symbol, t.Symbol)
		if it.Type == corpaction.NameChange {
			reason = fmt.Sprintf("name change: %s is now %s", a.Symbol, t.Symbol)
		}
		rec.Cancelled = e.cancelOrders(it.Asset, reason, now)
	default: // merger_cash, delisting, worthless_removal
		rec.Event = e.ledger.Close(a, it.Amount, now)
		rec.Cancelled = e.cancelOrders(it.Asset, fmt.Sprintf("%s of %s at %s", it.Type, a.Symbol, it.Amount), now)
	}
	e.acts.records = append(e.acts.records, rec)
}

// cancelOrders cancels the open orders of asset a with reason.
func (e *Engine[N]) cancelOrders(a int, reason string, now time.Time) int {
	n := 0
	for _, o := range e.book.Open() {
		if o.Asset.ID == a && o.IsOpen() {
			o.Cancel(reason, now)
			n++
		}
	}
	return n
}

// rescaleOrders rescales the open orders of asset a for a split of r, as
// zipline does: the amounts ordered and filled times the ratio, truncated
// toward zero to the lot; limit and stop prices divided by it, rounded
// half-even to the decimals of the price or of the asset's tick size (2
// when it has none), whichever are more. An order left with less than a
// lot to fill is cancelled.
func (e *Engine[N]) rescaleOrders(a int, r corpaction.Ratio, now time.Time) (rescaled, cancelled int) {
	lot := e.lots[a]
	for _, o := range e.book.Open() {
		if o.Asset.ID != a || !o.IsOpen() {
			continue
		}
		filled := mulRatio(o.Filled, r, lot)
		rem := mulRatio(o.Remaining(), r, lot)
		o.Filled, o.Amount = filled, filled.Add(rem)
		if o.Type == order.Limit || o.Type == order.StopLimit {
			o.LimitPrice = divPrice(o.LimitPrice, r, o.Asset.TickSize)
		}
		if o.Type == order.Stop || o.Type == order.StopLimit {
			o.StopPrice = divPrice(o.StopPrice, r, o.Asset.TickSize)
		}
		o.Updated = now
		if rem.IsZero() {
			o.Cancel(fmt.Sprintf("split %s left less than a lot to fill", r), now)
			cancelled++
			continue
		}
		rescaled++
	}
	return rescaled, cancelled
}

// mulRatio returns x*r truncated toward zero to a multiple of lot. With
// ratio terms up to a billion and a lot of at most 8 decimals, in the
// backend's arithmetic: x*new/old truncated to 8 decimals (MulDiv, exact
// in Fixed and Decimal), then to the lot (TruncTo), the same as truncating
// the exact product to the lot, as every multiple of the lot is one of
// 1e-8; in math/big otherwise.
func mulRatio[N numeric.Number[N]](x N, r corpaction.Ratio, lot N) N {
	if r.New <= 1e9 && r.Old <= 1e9 && lot.Quantize(8, numeric.Down).Cmp(lot) == 0 {
		return x.MulDiv(numeric.Int[N](r.New), numeric.Int[N](r.Old), 8, numeric.Down).TruncTo(lot)
	}
	q := new(big.Rat).Mul(ratOf(x), r.Rat())
	l := ratOf(lot)
	k := new(big.Rat).Quo(q, l)
	n := new(big.Int).Quo(k.Num(), k.Denom())
	return numeric.MustParse[N](new(big.Rat).Mul(new(big.Rat).SetInt(n), l).FloatString(8))
}

// divPrice returns p/r rounded half-even to the decimals of p or of tick
// (2 without one), whichever are more.
func divPrice[N numeric.Number[N]](p N, r corpaction.Ratio, tick string) N {
	d := max(decimalsOf(p.String()), 2)
	if tick != "" {
		d = max(decimalsOf(p.String()), decimalsOf(tick))
	}
	return p.MulInt(r.Old).DivRound(numeric.Int[N](r.New), d, numeric.HalfEven)
}

func decimalsOf(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(strings.TrimRight(frac, "0"))
	}
	return 0
}

func ratOf[N numeric.Number[N]](x N) *big.Rat {
	r, ok := new(big.Rat).SetString(x.String())
	if !ok {
		panic(fmt.Sprintf("engine: %q is not a decimal", x.String()))
	}
	return r
}
