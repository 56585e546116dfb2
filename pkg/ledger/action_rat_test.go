package ledger_test

// Corporate actions recomputed with math/big.Rat: random fills, marks,
// splits, dividends, payments, exchanges, distributions and closes on a
// ledger of every exact backend; the reference replays the ledger's own
// transaction and event logs by the documented rules and must find the
// same digits after every step.

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

type actRef struct {
	*refLedger
	recv, dividends *big.Rat
	pending         []struct {
		amount *big.Rat
		due    time.Time
	}
}

func lotOf(i int) *big.Rat {
	if ratAssets[i].Class == 1 {
		return big.NewRat(1, 1e8)
	}
	return big.NewRat(1, 1)
}

func trunc(q, lot *big.Rat) *big.Rat {
	x := new(big.Rat).Quo(q, lot)
	k := new(big.Int).Quo(x.Num(), x.Denom())
	return new(big.Rat).Mul(new(big.Rat).SetInt(k), lot)
}

func (r *actRef) setAmount(i int, a *big.Rat) { r.pos[i].amount = a }

// receive mirrors Ledger.receive.
func (r *actRef) receive(i int, q, cost, price *big.Rat) {
	if q.Sign() == 0 && cost.Sign() == 0 {
		return
	}
	ps := &r.pos[i]
	a := ps.amount
	after := new(big.Rat).Add(a, q)
	realize := func(x *big.Rat) { ps.realized.Add(ps.realized, x); r.realized.Add(r.realized, x) }
	switch {
	case a.Sign() == 0 || a.Sign() == q.Sign():
		ps.cost = new(big.Rat).Add(ps.cost, cost)
	case after.Sign() == 0 || after.Sign() == a.Sign():
		removed := new(big.Rat).Set(ps.cost)
		if after.Sign() != 0 {
			removed = r8(new(big.Rat).Quo(new(big.Rat).Mul(ps.cost, new(big.Rat).Abs(q)), new(big.Rat).Abs(a)))
		}
		realize(new(big.Rat).Sub(new(big.Rat).Neg(cost), removed))
		ps.cost = new(big.Rat).Sub(ps.cost, removed)
	default:
		closing := r8(new(big.Rat).Quo(new(big.Rat).Mul(cost, new(big.Rat).Neg(a)), q))
		realize(new(big.Rat).Sub(new(big.Rat).Neg(closing), ps.cost))
		ps.cost = new(big.Rat).Sub(cost, closing)
	}
	ps.amount = after
	if price.Sign() > 0 {
		ps.last = new(big.Rat).Set(price)
	}
}

// event replays one event of the ledger's log.
func (r *actRef) event(t *testing.T, ev ledger.Event[numeric.Decimal]) {
	rt := func(x numeric.Decimal) *big.Rat { return parseRat(t, x.String()) }
	i := ev.Asset.ID
	ps := &r.pos[i]
	realize := func(p *refPosition, x *big.Rat) { p.realized.Add(p.realized, x); r.realized.Add(r.realized, x) }
	switch ev.Kind {
	case ledger.EventSplit:
		inv := big.NewRat(ev.Old, ev.New)
		price := new(big.Rat).Mul(ps.last, inv)
		if ps.amount.Sign() != 0 {
			q := new(big.Rat).Mul(ps.amount, big.NewRat(ev.New, ev.Old))
			kept := trunc(q, lotOf(i))
			frac := new(big.Rat).Sub(q, kept)
			if frac.Sign() != 0 {
				cash := r8(new(big.Rat).Mul(frac, price))
				removed := new(big.Rat).Set(ps.cost)
				if kept.Sign() != 0 {
					removed = r8(new(big.Rat).Quo(new(big.Rat).Mul(ps.cost, frac), q))
				}
				realize(ps, new(big.Rat).Sub(cash, removed))
				ps.cost = new(big.Rat).Sub(ps.cost, removed)
				r.cash.Add(r.cash, cash)
			}
			ps.amount = kept
		}
		ps.last = r8(price)
	case ledger.EventDividend:
		if ps.amount.Sign() != 0 {
			amt := r8(new(big.Rat).Mul(ps.amount, rt(ev.Price)))
			r.recv.Add(r.recv, amt)
			r.dividends.Add(r.dividends, amt)
			r.pending = append(r.pending, struct {
				amount *big.Rat
				due    time.Time
			}{amt, ev.Time.Add(48 * time.Hour)})
		}
	case ledger.EventPayment:
		p := r.pending[0]
		r.pending = r.pending[1:]
		r.recv.Sub(r.recv, p.amount)
		r.cash.Add(r.cash, p.amount)
	case ledger.EventClose:
		if ps.amount.Sign() != 0 {
			cash := r8(new(big.Rat).Mul(ps.amount, rt(ev.Price)))
			realize(ps, new(big.Rat).Sub(cash, ps.cost))
			r.cash.Add(r.cash, cash)
			ps.amount, ps.cost, ps.last = new(big.Rat), new(big.Rat), rt(ev.Price)
		}
	case ledger.EventExchange:
		if ps.amount.Sign() == 0 {
			return
		}
		to := ev.Target.ID
		tp := rt(ev.TargetPrice)
		q := new(big.Rat).Mul(ps.amount, big.NewRat(ev.New, ev.Old))
		kept := trunc(q, lotOf(to))
		frac := new(big.Rat).Sub(q, kept)
		cash := r8(new(big.Rat).Mul(ps.amount, rt(ev.Price)))
		if frac.Sign() != 0 {
			cash.Add(cash, r8(new(big.Rat).Mul(frac, tp)))
		}
		removed := new(big.Rat)
		if cash.Sign() != 0 {
			removed.Set(ps.cost)
			if kept.Sign() != 0 {
				total := new(big.Rat).Add(cash, new(big.Rat).Mul(kept, tp))
				if total.Sign() != 0 {
					removed = r8(new(big.Rat).Quo(new(big.Rat).Mul(ps.cost, cash), total))
				}
			}
		}
		realize(ps, new(big.Rat).Sub(cash, removed))
		r.cash.Add(r.cash, cash)
		moved := new(big.Rat).Sub(ps.cost, removed)
		ps.amount, ps.cost = new(big.Rat), new(big.Rat)
		r.receive(to, kept, moved, tp)
	case ledger.EventDistribution:
		if ps.amount.Sign() == 0 {
			return
		}
		to := ev.Target.ID
		tp := rt(ev.TargetPrice)
		q := new(big.Rat).Mul(ps.amount, big.NewRat(ev.New, ev.Old))
		kept := trunc(q, lotOf(to))
		frac := new(big.Rat).Sub(q, kept)
		if frac.Sign() != 0 && tp.Sign() > 0 {
			cash := r8(new(big.Rat).Mul(frac, tp))
			r.cash.Add(r.cash, cash)
			realize(&r.pos[to], cash)
		}
		r.receive(to, kept, new(big.Rat), tp)
	}
}

func TestActionsAgainstBigRat(t *testing.T) {
	backendtest.RunExact(t, testActionsRatByName)
}

//penny:backends
func testActionsRat[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 0x5eed))
	l := ledger.New(num[N](t, ratCash), ledger.Account[N]{Shorting: true})
	ref := &actRef{refLedger: newRef(parseRat(t, ratCash), len(ratAssets)), recv: new(big.Rat), dividends: new(big.Rat)}
	d := func(x N) numeric.Decimal { return numeric.MustParse[numeric.Decimal](x.String()) }
	now := day0
	price := func() string { return fmt.Sprintf("%.4f", 1+rng.Float64()*300) }
	nTx, nEv := 0, 0
	lot1 := func(crypto bool) N {
		if crypto {
			return num[N](t, "0.5")
		}
		return num[N](t, "5")
	}
	counts := map[ledger.EventKind]int{}
	for i := range ratAssets { // every position exists from the start
		l.Apply(ledger.Transaction[N]{Time: now, Asset: ratAssets[i], Amount: lot1(ratAssets[i].Class == 1), Price: num[N](t, "10")})
	}
	for step := range 6000 {
		now = now.Add(24 * time.Hour)
		mark := ""
		i := rng.IntN(len(ratAssets))
		lot := num[N](t, lotOf(i).FloatString(8))
		switch k := rng.IntN(20); {
		case k < 8: // fill
			q := fmt.Sprint(1 + rng.IntN(500))
			if ratAssets[i].Class == 1 {
				q = fmt.Sprintf("%.8f", rng.Float64()*5+1e-8)
			}
			if rng.IntN(2) == 0 {
				q = "-" + q
			}
			l.Apply(ledger.Transaction[N]{Time: now, Asset: ratAssets[i], Amount: num[N](t, q), Price: num[N](t, price()), Commission: num[N](t, "1.25")})
		case k < 10:
			mark = price()
			l.UpdatePrice(i, num[N](t, mark))
		case k < 12:
			// Forward or reverse as keeps amounts and prices in range.
			n, o := []int64{2, 3, 5, 7, 4}[rng.IntN(5)], []int64{1, 2, 3, 4}[rng.IntN(4)]
			if big.NewRat(1, 1).Abs(ref.pos[i].amount).Cmp(big.NewRat(2000, 1)) > 0 || ref.pos[i].last.Cmp(big.NewRat(5, 1)) < 0 {
				n, o = o, n*3
			}
			l.Split(ratAssets[i], n, o, lot, now)
		case k < 15:
			l.Dividend(ratAssets[i], num[N](t, fmt.Sprintf("%.4f", rng.Float64()*2)), now.Add(48*time.Hour), now)
		case k < 16:
			l.Close(ratAssets[i], num[N](t, price()), now)
		case k < 18:
			j := (i + 1 + rng.IntN(len(ratAssets)-1)) % len(ratAssets)
			cash := "0"
			if rng.IntN(2) == 0 {
				cash = fmt.Sprintf("%.2f", rng.Float64()*20)
			}
			l.Exchange(ratAssets[i], ratAssets[j], int64(1+rng.IntN(5)), int64(1+rng.IntN(4)), num[N](t, cash), num[N](t, price()), num[N](t, lotOf(j).FloatString(8)), now)
		default:
			j := (i + 1 + rng.IntN(len(ratAssets)-1)) % len(ratAssets)
			tp := price()
			if rng.IntN(3) == 0 {
				tp = "0"
			}
			l.Distribute(ratAssets[i], ratAssets[j], int64(1+rng.IntN(3)), int64(1+rng.IntN(7)), num[N](t, tp), num[N](t, lotOf(j).FloatString(8)), now)
		}
		l.Settle(now)
		// Replay what the ledger logged, in order: transactions and
		// events do not interleave within a step.
		for _, tx := range l.Transactions()[nTx:] {
			ref.apply(tx.Asset.ID, parseRat(t, tx.Amount.String()), parseRat(t, tx.Price.String()), parseRat(t, tx.Commission.String()))
		}
		nTx = l.NumTransactions()
		for _, ev := range l.Events()[nEv:] {
			counts[ev.Kind]++
			in := ledger.Event[numeric.Decimal]{Time: ev.Time, Kind: ev.Kind, Asset: ev.Asset, New: ev.New, Old: ev.Old, Price: d(ev.Price)}
			if ev.Transfer != nil {
				in.Transfer = &ledger.Transfer[numeric.Decimal]{Target: ev.Target, TargetPrice: d(ev.TargetPrice)}
			}
			ref.event(t, in)
		}
		nEv = len(l.Events())
		if mark != "" { // a mark is not logged: mirror it
			ref.pos[i].last = parseRat(t, mark)
		}
		eq := func(what string, got N, want *big.Rat) {
			t.Helper()
			if got.String() != ratText(want) {
				t.Fatalf("step %d: %s = %s, big.Rat says %s", step, what, got, ratText(want))
			}
		}
		eq("cash", l.Cash(), ref.cash)
		eq("realized", l.Realized(), ref.realized)
		eq("receivable", l.Receivable(), ref.recv)
		eq("dividends", l.Dividends(), ref.dividends)
		for a := range ratAssets {
			p := l.Position(a)
			eq(fmt.Sprintf("asset %d amount", a), p.Amount, ref.pos[a].amount)
			eq(fmt.Sprintf("asset %d cost", a), p.Cost, ref.pos[a].cost)
			eq(fmt.Sprintf("asset %d realized", a), p.Realized, ref.pos[a].realized)
			eq(fmt.Sprintf("asset %d value", a), p.Value, ref.value(a))
		}
		pv := new(big.Rat).Add(ref.portfolioValue(), ref.recv)
		eq("portfolio value", l.PortfolioValue(), pv)
		v := l.Valuation()
		if got := l.StartingCash().Add(l.Realized()).Add(v.Unrealized).Add(l.Dividends()); got.Cmp(v.PortfolioValue) != 0 {
			t.Fatalf("step %d: start + realized + unrealized + dividends = %s, portfolio value %s", step, got, v.PortfolioValue)
		}
	}
	for _, k := range []ledger.EventKind{ledger.EventSplit, ledger.EventDividend, ledger.EventPayment, ledger.EventExchange, ledger.EventDistribution, ledger.EventClose} {
		if counts[k] < 50 {
			t.Errorf("only %d %s events", counts[k], k)
		}
	}
	t.Logf("%d fills and %d events (%v): identical to big.Rat", l.NumTransactions(), len(l.Events()), counts)
}
