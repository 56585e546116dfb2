package execution_test

import (
	"fmt"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

var benchConfigs = []struct{ name, yaml string }{
	{"none", ""},
	{"per_share", "commission: {model: per_share, cost: 0.005, min: 1}"},
	{"volume_share+per_share", "slippage: {model: volume_share}\ncommission: {model: per_share, cost: 0.005, min: 1}"},
}

// benchFill measures the whole life of a market order: Place, Match at
// the next bar, ledger Check and Apply, Order.Fill. Buys and sells of 10
// assets alternate; every 4096 orders start a new book and ledger, so
// that the logs stay the size of a real run's.
func benchFill[N numeric.Number[N]](yaml string) func(*testing.B) {
	return func(b *testing.B) {
		cfg, err := execution.ParseConfig([]byte(yaml))
		if err != nil {
			b.Fatal(err)
		}
		exec, err := execution.New[N](cfg)
		if err != nil {
			b.Fatal(err)
		}
		assets := make([]market.Asset, 10)
		for i := range assets {
			assets[i] = market.Asset{ID: i, Symbol: fmt.Sprintf("A%d", i)}
		}
		bars := []market.Bar[N]{*bar[N](b, "37.45", "37.9", "37.4", "37.8", "1000000"), *bar[N](b, "37.85", "38", "37.6", "37.7", "900000")}
		amounts := []N{num[N](b, "100"), num[N](b, "-100")}
		cash := num[N](b, "10000000")
		var book order.Book[N]
		var usage execution.Usage[N]
		l := ledger.New(cash, exec.Account)
		i := 0
		for b.Loop() {
			o := book.Place(order.Request[N]{Asset: assets[(i/2)%len(assets)], Amount: amounts[i%2]},
				order.Placement{Bar: i, KnownAsset: true})
			bi := i + 1
			br := &bars[i%2]
			f, ok := exec.Simulator.Match(o, br, bi, usage.Used(o.Asset.ID, bi))
			if !ok {
				b.Fatal("no fill")
			}
			if ok, reason := l.Check(f); !ok {
				b.Fatal(reason)
			}
			l.Apply(f)
			o.Fill(f.Amount, f.Price, f.Commission, f.Time)
			usage.Add(o.Asset.ID, bi, f.Amount)
			i++
			if i%4096 == 0 {
				book = order.Book[N]{}
				l = ledger.New(cash, exec.Account)
			}
		}
	}
}

func BenchmarkFill(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run("models="+c.name+"/backend=float", benchFill[numeric.Float](c.yaml))
		b.Run("models="+c.name+"/backend=fixed", benchFill[numeric.Fixed](c.yaml))
		b.Run("models="+c.name+"/backend=decimal", benchFill[numeric.Decimal](c.yaml))
	}
}

// benchMatchMiss measures the per-bar cost of an open order that does
// not fill: a buy limit below the bar's low.
func benchMatchMiss[N numeric.Number[N]](b *testing.B) {
	var sim execution.Simulator[N]
	o := newOrder[N](b, orcl, "100", order.Limit, "30", "")
	br := bar[N](b, "37.45", "37.9", "37.4", "37.8", "1000000")
	var used N
	for b.Loop() {
		if _, ok := sim.Match(o, br, 1, used); ok {
			b.Fatal("filled")
		}
	}
}

func BenchmarkMatchMiss(b *testing.B) {
	b.Run("backend=float", benchMatchMiss[numeric.Float])
	b.Run("backend=fixed", benchMatchMiss[numeric.Fixed])
	b.Run("backend=decimal", benchMatchMiss[numeric.Decimal])
}
