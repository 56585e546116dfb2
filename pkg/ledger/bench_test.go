package ledger_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// benchApply measures Check + Apply per fill: round trips of buys, a
// partial sale and a close over 10 assets, in a margin account with
// shorting (so Check values the book). A run of 4096 fills starts from a
// new ledger, so that the transaction log stays the size of a real run's.
func benchApply[N numeric.Number[N]](b *testing.B) {
	assets := make([]market.Asset, 10)
	for i := range assets {
		assets[i] = market.Asset{ID: i, Symbol: fmt.Sprintf("A%d", i)}
	}
	acct := ledger.Account[N]{Shorting: true, MaxLeverage: num[N](b, "2")}
	cash := num[N](b, "10000000")
	l := ledger.New(cash, acct)
	amounts := []N{num[N](b, "100"), num[N](b, "50"), num[N](b, "-30"), num[N](b, "-120")}
	prices := []N{num[N](b, "37.45"), num[N](b, "37.5"), num[N](b, "38.01"), num[N](b, "36.99")}
	commission := num[N](b, "1")
	i := 0
	for b.Loop() {
		k := i % len(amounts)
		t := ledger.Transaction[N]{Time: time.Time{}, Asset: assets[(i/len(amounts))%len(assets)],
			Amount: amounts[k], Price: prices[k], Commission: commission}
		if ok, reason := l.Check(t); !ok {
			b.Fatal(reason)
		}
		l.Apply(t)
		i++
		if i%4096 == 0 {
			l = ledger.New(cash, acct)
		}
	}
}

func BenchmarkApply(b *testing.B) {
	b.Run("backend=float", benchApply[numeric.Float])
	b.Run("backend=fixed", benchApply[numeric.Fixed])
	b.Run("backend=decimal", benchApply[numeric.Decimal])
}

// benchMark measures mark-to-market: per bar, UpdatePrice for each of the
// positions held, then one Valuation. It reports ns per asset-bar.
func benchMark[N numeric.Number[N]](positions int) func(*testing.B) {
	return func(b *testing.B) {
		l := ledger.New(num[N](b, "100000000"), ledger.Account[N]{Shorting: true})
		for i := range positions {
			amount := "100"
			if i%3 == 0 {
				amount = "-100"
			}
			l.Apply(tx[N](b, market.Asset{ID: i * 7, Symbol: "A"}, amount, "10", "0"))
		}
		held := l.Held()
		prices := [2]N{num[N](b, "10.01"), num[N](b, "9.99")}
		var v ledger.Valuation[N]
		bar := 0
		for b.Loop() {
			p := prices[bar&1]
			for _, id := range held {
				l.UpdatePrice(id, p)
			}
			v = l.Valuation()
			bar++
		}
		if v.Positions != positions {
			b.Fatal(v.Positions)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*positions), "ns/asset-bar")
	}
}

func BenchmarkMarkToMarket(b *testing.B) {
	for _, p := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("positions=%d/backend=float", p), benchMark[numeric.Float](p))
		b.Run(fmt.Sprintf("positions=%d/backend=fixed", p), benchMark[numeric.Fixed](p))
		b.Run(fmt.Sprintf("positions=%d/backend=decimal", p), benchMark[numeric.Decimal](p))
	}
}

// TestMarkToMarketAllocs checks that mark-to-market allocates nothing in
// Float and Fixed.
func TestMarkToMarketAllocs(t *testing.T) {
	t.Run("backend=float", testMarkAllocs[numeric.Float])
	t.Run("backend=fixed", testMarkAllocs[numeric.Fixed])
}

func testMarkAllocs[N numeric.Number[N]](t *testing.T) {
	l := ledger.New(num[N](t, "1000000"), ledger.Account[N]{Shorting: true})
	for i := range 20 {
		l.Apply(tx[N](t, market.Asset{ID: i, Symbol: "A"}, "-10", "10", "0"))
	}
	p := num[N](t, "10.5")
	price := func(int) (N, bool) { return p, true }
	allocs := testing.AllocsPerRun(100, func() {
		l.MarkToMarket(price)
		l.UpdatePrice(3, p)
		_ = l.Valuation()
		_ = l.PortfolioValue()
		if ok, _ := l.Check(tx[N](t, market.Asset{ID: 3, Symbol: "A"}, "-1", "10", "0")); !ok {
			t.Fatal("refused")
		}
	})
	if allocs != 0 {
		t.Errorf("mark-to-market, valuation and Check allocate %v times", allocs)
	}
}

// benchRoundTrips measures RoundTrips over a log of 4096 fills on 10
// assets: opens, adds, partial closes, closes and flips.
func benchRoundTrips[N numeric.Number[N]](b *testing.B) {
	assets := make([]market.Asset, 10)
	for i := range assets {
		assets[i] = market.Asset{ID: i, Symbol: fmt.Sprintf("A%d", i)}
	}
	amounts := []string{"100", "50", "-30", "-120", "-40", "200", "-160"}
	prices := []string{"37.45", "37.5", "38.01", "36.99", "37.2", "36.8", "38.4"}
	l := ledger.New(num[N](b, "100000000"), ledger.Account[N]{Shorting: true})
	for i := range 4096 {
		k := i % len(amounts)
		l.Apply(tx[N](b, assets[(i/len(amounts))%len(assets)], amounts[k], prices[k], "1"))
	}
	txs := l.Transactions()
	for b.Loop() {
		ledger.RoundTrips(txs, nil)
	}
}

func BenchmarkRoundTrips(b *testing.B) {
	b.Run("backend=float", benchRoundTrips[numeric.Float])
	b.Run("backend=fixed", benchRoundTrips[numeric.Fixed])
	b.Run("backend=decimal", benchRoundTrips[numeric.Decimal])
}
