package ledger_test

import (
	"fmt"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

func TestSplitRules(t *testing.T) {
	backendtest.Run(t, testSplitRulesByName)
}

// testSplitRules: Split's whole-share rule (the backend's MulDiv) gives
// the digits of its math/big rule, which a ratio with terms above a
// billion takes: the same split as new*k:old*k, on long, short and flat
// positions with a last price, with cash in lieu or none, and the round
// trips replayed through them (RoundTrips' scaling has the same two
// rules). Fixed and Decimal digit for digit, Float within 1e-9.
//
//penny:backends
func testSplitRules[N numeric.Number[N]](t *testing.T) {
	assets := []market.Asset{{ID: 0, Symbol: "A"}, {ID: 1, Symbol: "B"}, {ID: 2, Symbol: "C"}, {ID: 3, Symbol: "D"}}
	fills := []struct {
		asset                     int
		amount, price, commission string
	}{
		{0, "7", "101.37", "1"}, {1, "-13", "45.83", "1.5"}, {2, "5", "19.99", "0"}, {2, "-5", "20.01", "0"}, {3, "1001", "3.33", "2"},
	}
	ratios := [][2]int64{{3, 2}, {1, 10}, {5, 4}, {2, 1}, {7, 3}}
	const k = 1_000_000_007 // the ratio's terms times k are above maxSplitTerm
	run := func(scale int64) (*ledger.Ledger[N], []ledger.Event[N]) {
		l := ledger.New(num[N](t, "100000"), ledger.Account[N]{})
		for i, f := range fills {
			x := tx[N](t, assets[f.asset], f.amount, f.price, f.commission)
			x.Time = day0.AddDate(0, 0, i)
			l.Apply(x)
		}
		one := numeric.Int[N](1)
		for i, r := range ratios {
			for _, a := range assets {
				l.Split(a, r[0]*scale, r[1]*scale, one, day0.AddDate(0, 0, 10+i))
			}
		}
		return l, l.Events()
	}
	fast, fev := run(1)
	slow, sev := run(k)
	eq := func(what string, got, want N) {
		t.Helper()
		if !same[N](t, got, want.String()) {
			t.Errorf("%s: %s by the whole-share rule, %s by math/big", what, got, want)
		}
	}
	if len(fev) != len(sev) {
		t.Fatalf("%d events, %d by math/big", len(fev), len(sev))
	}
	paid := 0
	for i := range fev {
		f, s := fev[i], sev[i]
		what := fmt.Sprintf("event %d (%s %d:%d)", i, f.Asset.Symbol, f.New, f.Old/k)
		eq(what+" after", f.After, s.After)
		eq(what+" price", f.Price, s.Price)
		eq(what+" cash", f.Cash, s.Cash)
		eq(what+" realized", f.Realized, s.Realized)
		if !f.Cash.IsZero() {
			paid++
		}
	}
	if paid == 0 {
		t.Error("no split paid cash in lieu: the test does not reach the fraction")
	}
	eq("cash", fast.Cash(), slow.Cash())
	eq("realized", fast.Realized(), slow.Realized())
	for _, a := range assets {
		fp, sp := fast.Position(a.ID), slow.Position(a.ID)
		eq(a.Symbol+" amount", fp.Amount, sp.Amount)
		eq(a.Symbol+" cost", fp.Cost, sp.Cost)
		eq(a.Symbol+" last price", fp.LastPrice, sp.LastPrice)
	}
	ft, st := ledger.RoundTrips(fast.Transactions(), fev), ledger.RoundTrips(slow.Transactions(), sev)
	if len(ft) != len(st) {
		t.Fatalf("%d round trips, %d by math/big", len(ft), len(st))
	}
	for i := range ft {
		eq(fmt.Sprintf("trip %d amount", i), ft[i].Amount, st[i].Amount)
		eq(fmt.Sprintf("trip %d P&L", i), ft[i].PnL, st[i].PnL)
		eq(fmt.Sprintf("trip %d cost", i), ft[i].Cost, st[i].Cost)
	}
}
