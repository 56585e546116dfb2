package ledger_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

func TestRoundTripsThroughActions(t *testing.T) {
	backendtest.Run(t, testRoundTripsThroughActionsByName)
}

// testRoundTripsThroughActions works through actions by hand:
//
//	d1 A +10 @100 c1: cost 1001. d2 A splits 2:1: 20 shares, cost 1001.
//	d3 A -20 @55 c1: closes the trip, 1100-1-1001 = 98, no flip.
//	d4 B +3 @10: cost 30. d5 B splits 3:2: 4.5 shares, 4 kept, 0.5 paid
//	  at 10*2/3 (3.33333333), removing 30*0.5/4.5 = 3.33333333 of the
//	  cost: realizes 0. The trip's Amount is 4.5.
//	d6 B dividend 0.5 a share: 2 accrued in the trip.
//	d7 B merges into C (flat) 1:2 with no cash: 2 shares of C at the cost
//	  26.66666667; the trip goes on as C.
//	d8 C -2 @20: closes it, 40-26.66666667 = 13.33333333; its Amount is
//	  4.5*1/2 = 2.25 (2 sold, 0.25 of B's paid in lieu at the split).
//	d9 A +5 @10, d10 A delisted at 1: 5-50 = -45, closed by the delisting.
//
//penny:backends
func testRoundTripsThroughActions[N numeric.Number[N]](t *testing.T) {
	a := market.Asset{ID: 0, Symbol: "A"}
	b := market.Asset{ID: 1, Symbol: "B"}
	c := market.Asset{ID: 2, Symbol: "C"}
	d := func(i int) time.Time { return day0.AddDate(0, 0, i) }
	at := func(day int, as market.Asset, amount, price, commission string) ledger.Transaction[N] {
		x := tx[N](t, as, amount, price, commission)
		x.Time = d(day)
		return x
	}
	one := num[N](t, "1")
	l := ledger.New(num[N](t, "100000"), ledger.Account[N]{})
	l.Apply(at(1, a, "10", "100", "1"))
	l.Split(a, 2, 1, one, d(2))
	l.Apply(at(3, a, "-20", "55", "1"))
	l.Apply(at(4, b, "3", "10", "0"))
	l.Split(b, 3, 2, one, d(5))
	l.Dividend(b, num[N](t, "0.5"), d(9), d(6))
	l.Exchange(b, c, 1, 2, num[N](t, "0"), num[N](t, "20"), one, d(7))
	l.Apply(at(8, c, "-2", "20", "0"))
	l.Apply(at(9, a, "5", "10", "0"))
	l.Close(a, one, d(10))

	got := ledger.RoundTrips(l.Transactions(), l.Events())
	type want struct {
		asset                   market.Asset
		entry, exit             int
		amount, cost, pnl, divs string
	}
	wants := []want{
		{a, 1, 3, "20", "1001", "98", "0"},
		{c, 4, 8, "2.25", "30", "13.33333333", "2"},
		{a, 9, 10, "5", "50", "-45", "0"},
	}
	if len(got) != len(wants) {
		t.Fatalf("%d trips, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		if g.Asset != w.asset || !g.Entry.Equal(d(w.entry)) || !g.Exit.Equal(d(w.exit)) || !g.Closed {
			t.Errorf("trip %d: %s %v..%v closed %v, want %s", i, g.Asset.Symbol, g.Entry, g.Exit, g.Closed, w.asset.Symbol)
		}
		for _, f := range []struct {
			name string
			got  N
			want string
		}{{"Amount", g.Amount, w.amount}, {"Cost", g.Cost, w.cost}, {"PnL", g.PnL, w.pnl}, {"Dividends", g.Dividends, w.divs}} {
			if !same(t, f.got, f.want) {
				t.Errorf("trip %d (%s): %s = %s, want %s", i, g.Asset.Symbol, f.name, f.got, f.want)
			}
		}
	}
	if !same(t, l.Realized(), "66.33333333") {
		t.Errorf("ledger realized %s", l.Realized())
	}
	// Without the events, the split looks like a flip into a short.
	if trips := ledger.RoundTrips(l.Transactions(), nil); len(trips) < 4 || trips[0].Amount.String() != "10" {
		t.Errorf("transactions only: %+v", trips)
	}
}

func TestRoundTripsActionsProperty(t *testing.T) {
	backendtest.Run(t, testRoundTripsActionsPropertyByName)
}

// testRoundTripsActionsProperty: random fills, splits, dividends,
// payments, exchanges, distributions and closes, several to a day and in
// any order. After every day the round trips of the two logs hold:
// their P&L adds up to the ledger's realized P&L (exactly in Fixed and
// Decimal), their dividends to its dividend income; the open trips are
// the positions held, one each, of the same sign; a closed trip ended
// no earlier than it began.
//
//penny:backends
func testRoundTripsActionsProperty[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 0x7a11))
	l := ledger.New(num[N](t, "10000000"), ledger.Account[N]{Shorting: true})
	price := func() N { return num[N](t, fmt.Sprintf("%.2f", 1+rng.Float64()*300)) }
	lot := func(i int) N {
		if ratAssets[i].Class == 1 {
			return num[N](t, "0.00000001")
		}
		return num[N](t, "1")
	}
	now := day0
	for i := range ratAssets {
		l.Apply(ledger.Transaction[N]{Time: now, Asset: ratAssets[i], Amount: num[N](t, "10"), Price: num[N](t, "10")})
	}
	exact := numeric.Backend[N]() != "float"
	for day := range 800 {
		now = now.Add(24 * time.Hour)
		for range 1 + rng.IntN(4) {
			i := rng.IntN(len(ratAssets))
			j := (i + 1 + rng.IntN(len(ratAssets)-1)) % len(ratAssets)
			switch k := rng.IntN(20); {
			case k < 9:
				q := fmt.Sprint(1 + rng.IntN(300))
				if ratAssets[i].Class == 1 {
					q = fmt.Sprintf("%.8f", rng.Float64()*5+1e-8)
				}
				if rng.IntN(2) == 0 {
					q = "-" + q
				}
				l.Apply(ledger.Transaction[N]{Time: now, Asset: ratAssets[i], Amount: num[N](t, q), Price: price(), Commission: num[N](t, "0.75")})
			case k < 12:
				n, o := []int64{2, 3, 3, 1, 1}[rng.IntN(5)], []int64{1, 2, 1, 4, 3}[rng.IntN(5)]
				if l.Position(i).Amount.Abs().Float64() > 5000 {
					n, o = 1, 4
				}
				l.Split(ratAssets[i], n, o, lot(i), now)
			case k < 15:
				l.Dividend(ratAssets[i], num[N](t, fmt.Sprintf("%.3f", rng.Float64())), now.Add(72*time.Hour), now)
			case k < 16:
				l.Close(ratAssets[i], price(), now)
			case k < 18:
				cash := "0"
				if rng.IntN(2) == 0 {
					cash = fmt.Sprintf("%.2f", rng.Float64()*20)
				}
				l.Exchange(ratAssets[i], ratAssets[j], int64(1+rng.IntN(4)), int64(1+rng.IntN(3)), num[N](t, cash), price(), lot(j), now)
			default:
				l.Distribute(ratAssets[i], ratAssets[j], int64(1+rng.IntN(3)), int64(1+rng.IntN(5)), price(), lot(j), now)
			}
			l.Settle(now)
		}
		trips := ledger.RoundTrips(l.Transactions(), l.Events())
		pnl, divs := numeric.Zero[N](), numeric.Zero[N]()
		open := map[int]int{}
		for k, rt := range trips {
			pnl, divs = pnl.Add(rt.PnL), divs.Add(rt.Dividends)
			if rt.Closed {
				if rt.Exit.Before(rt.Entry) {
					t.Fatalf("day %d: trip %d exits %v before its entry %v", day, k, rt.Exit, rt.Entry)
				}
				continue
			}
			open[rt.Asset.ID]++
			if rt.Amount.Sign() != l.Position(rt.Asset.ID).Amount.Sign() {
				t.Fatalf("day %d: open trip %d of %s has amount %s, the position %s", day, k, rt.Asset.Symbol, rt.Amount, l.Position(rt.Asset.ID).Amount)
			}
		}
		for i := range ratAssets {
			if held := !l.Position(i).Amount.IsZero(); held && open[i] != 1 || !held && open[i] != 0 {
				t.Fatalf("day %d: asset %d holds %s with %d open trips", day, i, l.Position(i).Amount, open[i])
			}
		}
		check := func(what string, got, want N) {
			t.Helper()
			if exact && got.Cmp(want) != 0 || !exact && math.Abs(got.Float64()-want.Float64()) > 1e-6*math.Max(1, math.Abs(want.Float64())) {
				t.Fatalf("day %d: the trips' %s %s, the ledger's %s", day, what, got, want)
			}
		}
		check("P&L", pnl, l.Realized())
		check("dividends", divs, l.Dividends())
	}
	counts := map[ledger.EventKind]int{}
	for _, ev := range l.Events() {
		counts[ev.Kind]++
	}
	if counts[ledger.EventSplit] < 100 || counts[ledger.EventExchange] < 50 || counts[ledger.EventDistribution] < 50 {
		t.Errorf("events %v: too few of a kind", counts)
	}
	// The reference P&L: every realized amount of the logs, by big.Rat.
	sum := new(big.Rat)
	for _, rt := range ledger.RoundTrips(l.Transactions(), l.Events()) {
		r, _ := new(big.Rat).SetString(rt.PnL.String())
		sum.Add(sum, r)
	}
	if want, _ := new(big.Rat).SetString(l.Realized().String()); exact && sum.Cmp(want) != 0 {
		t.Errorf("sum of the trips %s, realized %s", sum.FloatString(8), want.FloatString(8))
	}
}
