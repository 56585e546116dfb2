package ledger_test

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

func TestRoundTrips(t *testing.T) {
	backendtest.Run(t, testRoundTripsByName)
}

// testRoundTrips works through a log by hand:
//
//	d1 AAPL +10 @100 c1, d2 +10 @110 c1: cost 1000+1+1100+1 = 2102.
//	d2 MSFT +1 @50.
//	d3 AAPL -15 @120 c1.5: removes 2102*15/20 = 1576.5 of the cost,
//	  realizes 1800-1.5-1576.5 = 222; cost left 525.5. The trip stays open.
//	d4 MSFT -1 @40: closes, -10.
//	d5 AAPL -10 @90 c1: flips. Closes 5 at 90 (450), realizes
//	  450-1-525.5 = -76.5: the trip made 222-76.5 = 145.5, which is its
//	  cash, -1001-1101+1798.5+450-1. Opens a short of 5, cost -900+450.
//	d6 AAPL +5 @80 c0.5: closes the short, -400-0.5+450 = 49.5.
//	d6 NVDA +3 @33.33 c0.01: cost 100.
//	d7 NVDA -1 @35: removes 100/3 = 33.33333333 (8 decimals, half-even),
//	  realizes 1.66666667; the trip is still open at the end.
//
// The trips' P&L add up to the ledger's realized P&L, 186.66666667.
//
//penny:backends
func testRoundTrips[N numeric.Number[N]](t *testing.T) {
	aapl := market.Asset{ID: 2, Symbol: "AAPL"}
	msft := market.Asset{ID: 3, Symbol: "MSFT"}
	d := func(i int) time.Time { return day0.AddDate(0, 0, i) }
	at := func(day int, a market.Asset, amount, price, commission string) ledger.Transaction[N] {
		x := tx[N](t, a, amount, price, commission)
		x.Time = d(day)
		return x
	}
	log := []ledger.Transaction[N]{
		at(1, aapl, "10", "100", "1"),
		at(2, aapl, "10", "110", "1"),
		at(2, msft, "1", "50", "0"),
		at(3, aapl, "-15", "120", "1.5"),
		at(4, msft, "-1", "40", "0"),
		at(5, aapl, "-10", "90", "1"),
		at(6, aapl, "5", "80", "0.5"),
		at(6, nvda, "3", "33.33", "0.01"),
		at(7, nvda, "-1", "35", "0"),
	}
	l := ledger.New(num[N](t, "100000"), ledger.Account[N]{Shorting: true})
	for _, x := range log {
		l.Apply(x)
	}
	type want struct {
		asset                         market.Asset
		entry, exit                   int // days; exit 0 for open
		amount, cost, commission, pnl string
	}
	wants := []want{
		{aapl, 1, 5, "20", "2102", "4.5", "145.5"},
		{msft, 2, 4, "1", "50", "0", "-10"},
		{aapl, 5, 6, "-5", "-450", "0.5", "49.5"},
		{nvda, 6, 0, "3", "100", "0.01", "1.66666667"},
	}
	got := ledger.RoundTrips(l.Transactions(), l.Events())
	if len(got) != len(wants) {
		t.Fatalf("%d round trips, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		exit := time.Time{}
		if w.exit > 0 {
			exit = d(w.exit)
		}
		if g.Asset != w.asset || !g.Entry.Equal(d(w.entry)) || !g.Exit.Equal(exit) || g.Closed != (w.exit > 0) {
			t.Errorf("trip %d: %s %v..%v closed %v, want %s %v..%v", i, g.Asset.Symbol, g.Entry, g.Exit, g.Closed, w.asset.Symbol, d(w.entry), exit)
		}
		for _, f := range []struct {
			name string
			got  N
			want string
		}{{"Amount", g.Amount, w.amount}, {"Cost", g.Cost, w.cost}, {"Commission", g.Commission, w.commission}, {"PnL", g.PnL, w.pnl}} {
			if !same(t, f.got, f.want) {
				t.Errorf("trip %d (%s): %s = %s, want %s", i, g.Asset.Symbol, f.name, f.got, f.want)
			}
		}
	}
	if !same(t, l.Realized(), "186.66666667") {
		t.Errorf("ledger realized %s, want 186.66666667", l.Realized())
	}
	// AppendRoundTrips leaves what dst holds and numbers nothing from 0.
	prefix := []ledger.RoundTrip[N]{got[3]}
	app := ledger.AppendRoundTrips(prefix, l.Transactions(), l.Events())
	if len(app) != 1+len(got) || fmt.Sprint(app[0]) != fmt.Sprint(got[3]) || fmt.Sprint(app[1:]) != fmt.Sprint(got) {
		t.Errorf("AppendRoundTrips after one trip gave %d trips, want that trip and the %d of RoundTrips", len(app), len(got))
	}
	if got := ledger.RoundTrips[N](nil, nil); len(got) != 0 {
		t.Errorf("no transactions: %d trips", len(got))
	}
}

// TestRoundTripsAllocs replays a log of 50 assets, each bought and
// sold once, into a dst with room for its trips: the replay allocates its
// positions once, two allocations (positions and open trips), not one
// step of growth per new asset. Float and Fixed, whose arithmetic
// allocates nothing.
func TestRoundTripsAllocs(t *testing.T) {
	t.Run("float", testRoundTripsAllocs[numeric.Float])
	t.Run("fixed", testRoundTripsAllocs[numeric.Fixed])
}

func testRoundTripsAllocs[N numeric.Number[N]](t *testing.T) {
	var log []ledger.Transaction[N]
	for id := range 50 {
		a := market.Asset{ID: id, Symbol: fmt.Sprint("A", id)}
		log = append(log, tx[N](t, a, "10", "100", "1"))
	}
	for id := range 50 {
		a := market.Asset{ID: id, Symbol: fmt.Sprint("A", id)}
		log = append(log, tx[N](t, a, "-10", "101", "1"))
	}
	dst := make([]ledger.RoundTrip[N], 0, 50)
	var trips []ledger.RoundTrip[N]
	allocs := testing.AllocsPerRun(100, func() { trips = ledger.AppendRoundTrips(dst[:0], log, nil) })
	if len(trips) != 50 || !trips[49].Closed || trips[49].Asset.ID != 49 || !same(t, trips[49].PnL, "8") {
		t.Fatalf("%d trips, the last %+v; want 50, the last of asset 49 closed with P&L 8", len(trips), trips[len(trips)-1])
	}
	if allocs != 2 {
		t.Errorf("AppendRoundTrips allocated %v times, want 2 (positions and open trips, once)", allocs)
	}
}

func TestRoundTripsPanic(t *testing.T) {
	for _, bad := range []ledger.Transaction[numeric.Fixed]{
		tx[numeric.Fixed](t, orcl, "0", "10", "0"),
		tx[numeric.Fixed](t, market.Asset{ID: -1, Symbol: "X"}, "1", "10", "0"),
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "transaction 1") {
					t.Errorf("%v: recovered %v, want a panic naming transaction 1", bad, r)
				}
			}()
			ledger.RoundTrips([]ledger.Transaction[numeric.Fixed]{tx[numeric.Fixed](t, orcl, "1", "10", "0"), bad}, nil)
		}()
	}
}

// refTrip is a round trip recomputed with big.Rat.
type refTrip struct {
	asset                    int
	entry, exit              time.Time
	closed                   bool
	amount, cost, commission *big.Rat
	pnl                      *big.Rat
	cash                     *big.Rat // the cash the trip moved, from the notionals
}

// refTrips applies one fill to ref (the ledger recomputed with big.Rat,
// rat_test.go) and follows the round trips of the definition in the
// package documentation: it opens a trip when the position leaves zero,
// closes it when the position returns to zero or crosses it. Each
// trip's P&L is the change of the position's realized P&L in ref while
// the trip is open; its cash is counted separately from the rounded
// notionals.
type refTrips struct {
	ref   *refLedger
	trips []*refTrip
	open  map[int]*refTrip
}

func (r *refTrips) apply(at time.Time, asset int, q, p, c *big.Rat) {
	ps := &r.ref.pos[asset]
	before := new(big.Rat).Set(ps.amount)
	realized := new(big.Rat).Set(ps.realized)
	cost := new(big.Rat).Set(ps.cost)
	r.ref.apply(asset, q, p, c)
	after := ps.amount
	notional := r8(new(big.Rat).Mul(q, p))
	neg := func(x *big.Rat) *big.Rat { return new(big.Rat).Neg(x) }
	if before.Sign() == 0 {
		t := &refTrip{asset: asset, entry: at, amount: new(big.Rat).Set(q), cost: new(big.Rat).Set(ps.cost),
			commission: new(big.Rat).Set(c), pnl: new(big.Rat), cash: neg(new(big.Rat).Add(notional, c))}
		r.trips = append(r.trips, t)
		r.open[asset] = t
		return
	}
	t := r.open[asset]
	t.commission.Add(t.commission, c)
	t.pnl.Add(t.pnl, new(big.Rat).Sub(ps.realized, realized))
	if before.Sign() == q.Sign() {
		t.amount.Add(t.amount, q)
		t.cost.Add(t.cost, new(big.Rat).Sub(ps.cost, cost))
	}
	if after.Sign() == before.Sign() {
		t.cash.Sub(t.cash, new(big.Rat).Add(notional, c))
		return
	}
	// Closed, at zero or through it.
	closing := notional
	if after.Sign() != 0 {
		closing = r8(new(big.Rat).Mul(neg(before), p))
	}
	t.cash.Sub(t.cash, new(big.Rat).Add(closing, c))
	t.closed, t.exit = true, at
	delete(r.open, asset)
	if after.Sign() != 0 {
		opening := new(big.Rat).Sub(notional, closing)
		n := &refTrip{asset: asset, entry: at, amount: new(big.Rat).Set(after), cost: new(big.Rat).Set(ps.cost),
			commission: new(big.Rat), pnl: new(big.Rat), cash: neg(opening)}
		r.trips = append(r.trips, n)
		r.open[asset] = n
	}
}

// flatten appends to ops a closing fill for every position ops leave
// open.
func flatten(ops []op) []op {
	held := make([]*big.Rat, len(ratAssets))
	last := make([]string, len(ratAssets))
	for i := range held {
		held[i], last[i] = new(big.Rat), "1"
	}
	for _, o := range ops {
		last[o.asset] = o.price
		if !o.mark {
			a, _ := new(big.Rat).SetString(o.amount)
			held[o.asset].Add(held[o.asset], a)
		}
	}
	for i, h := range held {
		if h.Sign() != 0 {
			ops = append(ops, op{asset: i, amount: ratText(new(big.Rat).Neg(h)), price: last[i], commission: "0.5"})
		}
	}
	return ops
}

// TestRoundTripsAgainstBigRat checks the round trips of random logs
// (opens, adds, partial closes, closes, flips, commissions, fractional
// crypto amounts) on every backend. In Fixed and Decimal every trip is
// identical to its big.Rat recomputation, the P&L of the trips adds up
// to the ledger's realized P&L exactly (in total and per asset), and a
// closed trip's P&L equals the cash it moved; when the log ends flat,
// the trips' P&L is the change of the cash. In Float the sums agree with
// the ledger's to a relative 1e-9.
func TestRoundTripsAgainstBigRat(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		ops := randomOps(seed, 3000)
		if seed%2 == 0 {
			ops = flatten(ops)
		}
		name := fmt.Sprintf("seed=%d", seed)
		t.Run(name+"/backend=fixed", func(t *testing.T) { testTripsRat[numeric.Fixed](t, ops, seed%2 == 0) })
		t.Run(name+"/backend=decimal", func(t *testing.T) { testTripsRat[numeric.Decimal](t, ops, seed%2 == 0) })
		t.Run(name+"/backend=float", func(t *testing.T) { testTripsFloat(t, ops) })
	}
}

// stamp is the time of step i of a random log.
func stamp(i int) time.Time { return day0.Add(time.Duration(i) * time.Minute) }

// applyOps applies ops to a new Ledger[N] with a distinct time per step.
func applyOps[N numeric.Number[N]](t testing.TB, ops []op, each func(step int, tx ledger.Transaction[N])) *ledger.Ledger[N] {
	l := ledger.New(num[N](t, ratCash), ledger.Account[N]{Shorting: true})
	for i, o := range ops {
		if o.mark {
			l.UpdatePrice(o.asset, num[N](t, o.price))
			continue
		}
		x := ledger.Transaction[N]{Time: stamp(i), Asset: ratAssets[o.asset], Amount: num[N](t, o.amount),
			Price: num[N](t, o.price), Commission: num[N](t, o.commission)}
		l.Apply(x)
		if each != nil {
			each(i, x)
		}
	}
	return l
}

func testTripsRat[N numeric.Number[N]](t *testing.T, ops []op, flat bool) {
	ref := &refTrips{ref: newRef(parseRat(t, ratCash), len(ratAssets)), open: map[int]*refTrip{}}
	l := applyOps(t, ops, func(step int, x ledger.Transaction[N]) {
		ref.apply(x.Time, x.Asset.ID, parseRat(t, x.Amount.String()), parseRat(t, x.Price.String()), parseRat(t, x.Commission.String()))
	})
	got := ledger.RoundTrips(l.Transactions(), l.Events())
	if len(got) != len(ref.trips) {
		t.Fatalf("%d round trips, big.Rat finds %d", len(got), len(ref.trips))
	}
	closed := 0
	for i, w := range ref.trips {
		g := got[i]
		if g.Asset.ID != w.asset || !g.Entry.Equal(w.entry) || !g.Exit.Equal(w.exit) || g.Closed != w.closed {
			t.Fatalf("trip %d: asset %d %v..%v closed %v, big.Rat: asset %d %v..%v closed %v",
				i, g.Asset.ID, g.Entry, g.Exit, g.Closed, w.asset, w.entry, w.exit, w.closed)
		}
		for _, f := range []struct {
			name string
			got  N
			want *big.Rat
		}{{"Amount", g.Amount, w.amount}, {"Cost", g.Cost, w.cost}, {"Commission", g.Commission, w.commission}, {"PnL", g.PnL, w.pnl}} {
			if f.got.String() != ratText(f.want) {
				t.Fatalf("trip %d (asset %d, %v): %s = %s, big.Rat says %s", i, w.asset, w.entry, f.name, f.got, ratText(f.want))
			}
		}
		if w.closed {
			closed++
			if w.pnl.Cmp(w.cash) != 0 {
				t.Fatalf("trip %d: P&L %s, but it moved %s of cash", i, ratText(w.pnl), ratText(w.cash))
			}
		}
	}

	// The trips' P&L add up to the ledger's realized P&L, per asset and
	// in total.
	total := numeric.Zero[N]()
	perAsset := make([]N, len(ratAssets))
	for _, g := range got {
		total = total.Add(g.PnL)
		perAsset[g.Asset.ID] = perAsset[g.Asset.ID].Add(g.PnL)
	}
	if total.Cmp(l.Realized()) != 0 {
		t.Errorf("the trips' P&L add up to %s, the ledger realized %s", total, l.Realized())
	}
	for i := range ratAssets {
		if p := l.Position(i); perAsset[i].Cmp(p.Realized) != 0 {
			t.Errorf("asset %d: the trips' P&L add up to %s, the position realized %s", i, perAsset[i], p.Realized)
		}
	}
	if flat {
		if closed != len(got) {
			t.Errorf("the log ends flat but %d of %d trips are open", len(got)-closed, len(got))
		}
		if moved := l.Cash().Sub(l.StartingCash()); total.Cmp(moved) != 0 {
			t.Errorf("the log ends flat: the trips' P&L %s, the cash moved %s", total, moved)
		}
	}
	t.Logf("%d fills, %d round trips (%d closed), realized %s: identical to big.Rat", l.NumTransactions(), len(got), closed, l.Realized())
}

func testTripsFloat(t *testing.T, ops []op) {
	l := applyOps[numeric.Float](t, ops, nil)
	got := ledger.RoundTrips(l.Transactions(), l.Events())
	var total float64
	perAsset := make([]float64, len(ratAssets))
	for _, g := range got {
		total += g.PnL.Float64()
		perAsset[g.Asset.ID] += g.PnL.Float64()
	}
	// Relative to the capital traded: the P&L sums cancel.
	scale := num[numeric.Float](t, ratCash).Float64()
	if d := math.Abs(total - l.Realized().Float64()); d > 1e-9*scale {
		t.Errorf("the trips' P&L add up to %v, the ledger realized %v", total, l.Realized())
	}
	for i := range ratAssets {
		if d := math.Abs(perAsset[i] - l.Position(i).Realized.Float64()); d > 1e-9*scale {
			t.Errorf("asset %d: the trips' P&L add up to %v, the position realized %v", i, perAsset[i], l.Position(i).Realized)
		}
	}
	t.Logf("%d fills, %d round trips, realized %v, trips %v", l.NumTransactions(), len(got), l.Realized(), total)
}
