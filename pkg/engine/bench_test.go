package engine

import (
	"fmt"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// BenchmarkLoop measures the loop over 100 assets x 1 year of minute bars
// (about 9.8M asset-bars) with an empty strategy and with one that reads
// each asset's current close and a 20-bar history window, and over 10
// assets x 1 year with one that trades (see trader). Run:
//
//	go test -run '^$' -bench Loop -benchmem ./pkg/engine/
//
// ns/asset-bar is the figure to read; allocs/op counts a whole run. The
// trading runs also report fills/op, and their allocations per run must
// not grow with the fills (compare months=1 with months=12).
func BenchmarkLoop(b *testing.B) {
	b.Run("strategy=empty/backend=float", benchLoop[numeric.Float]("empty"))
	b.Run("strategy=empty/backend=fixed", benchLoop[numeric.Fixed]("empty"))
	b.Run("strategy=empty/backend=decimal", benchLoop[numeric.Decimal]("empty"))
	b.Run("strategy=read/backend=float", benchLoop[numeric.Float]("read"))
	b.Run("strategy=read/backend=fixed", benchLoop[numeric.Fixed]("read"))
	b.Run("strategy=read/backend=decimal", benchLoop[numeric.Decimal]("read"))
	for _, months := range []int{1, 12} {
		m := fmt.Sprintf("/months=%d", months)
		b.Run("strategy=trade/backend=float"+m, benchTrade[numeric.Float](months))
		b.Run("strategy=trade/backend=fixed"+m, benchTrade[numeric.Fixed](months))
	}
}

func benchLoop[N numeric.Number[N]](strategy string) func(b *testing.B) {
	return func(b *testing.B) {
		end := "2024-12-31"
		if numeric.Backend[N]() == "decimal" {
			end = "2024-01-31" // a month: Decimal holds each value in its own Big
		}
		p := testData[N](b, market.Minute, "2024-01-02", end, 100, false)
		var s Strategy[N] = StrategyFunc[N](func(*Context[N]) {})
		if strategy == "read" {
			s = &reader[N]{}
		}
		var r *Result[N]
		for b.Loop() {
			// A fresh cursor per run: it only moves forward.
			r = run(b, p.Clone(), s, Config[N]{})
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(r.AssetBars), "ns/asset-bar")
	}
}

// benchTrade runs trader over 10 assets and the given number of months
// of minute bars (see tradeRun).
func benchTrade[N numeric.Number[N]](months int) func(b *testing.B) {
	return func(b *testing.B) {
		backtest := tradeRun[N](b, months)
		b.ReportAllocs()
		var r *Result[N]
		for b.Loop() {
			r = backtest()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(r.AssetBars), "ns/asset-bar")
		b.ReportMetric(float64(len(r.Transactions)), "fills/op")
	}
}

// tradeRun returns a function that runs trader over 10 assets and the
// given number of months of minute bars from 2024-01-02, with the minute
// config's execution (volume_share slippage, per_share commission, a
// margin account with shorting), on a fresh cursor each time.
func tradeRun[N numeric.Number[N]](tb testing.TB, months int) func() *Result[N] {
	end := time.Date(2024, time.Month(1+months), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1).Format(time.DateOnly)
	p := testData[N](tb, market.Minute, "2024-01-02", end, 10, false)
	sim := execution.Simulator[N]{
		Slippage:   execution.VolumeShare[N]{VolumeLimit: numeric.MustParse[N]("0.025"), PriceImpact: numeric.MustParse[N]("0.1")},
		Commission: execution.PerShare[N]{Cost: numeric.MustParse[N]("0.005"), Min: numeric.Int[N](1)},
	}
	// Capital enough that no order is refused (a refusal's reason is
	// text, built per refused order).
	cfg := Config[N]{Capital: numeric.Int[N](1_000_000), Execution: execution.Setup[N]{Simulator: sim, Account: ledger.Account[N]{Shorting: true, MaxLeverage: numeric.Int[N](2)}}}
	return func() *Result[N] { return run(tb, p.Clone(), &trader[N]{}, cfg) }
}

// trader places a market order in one asset per bar, in turn, for 10
// units, alternating buys and sells: about one fill per bar, each order
// filling at the next bar's open (a share of its volume).
type trader[N numeric.Number[N]] struct{ ten N }

func (t *trader[N]) OnBar(c *Context[N]) {
	if t.ten.IsZero() {
		t.ten = numeric.Int[N](10)
	}
	k := c.BarIndex()
	as := c.Assets()
	amount := t.ten
	if (k/len(as))%2 == 1 {
		amount = amount.Neg()
	}
	c.Order(as[k%len(as)], amount)
}

// reader reads every asset's current close and a 20-bar window of closes.
type reader[N numeric.Number[N]] struct{ sink N }

func (r *reader[N]) OnBar(c *Context[N]) {
	for _, a := range c.Assets() {
		if v, ok := c.Field(a, market.Close); ok {
			r.sink = v
		}
		if h := c.History(a, market.Close, 20); len(h) > 0 {
			r.sink = h[0]
		}
	}
}
