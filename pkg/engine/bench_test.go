package engine

import (
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// BenchmarkLoop measures the loop over 100 assets x 1 year of minute bars
// (about 9.8M asset-bars) with an empty strategy and with one that reads
// each asset's current close and a 20-bar history window. Run:
//
//	go test -run '^$' -bench Loop -benchmem ./pkg/engine/
//
// ns/asset-bar is the figure to read; allocs/op counts a whole run.
func BenchmarkLoop(b *testing.B) {
	b.Run("strategy=empty/backend=float", benchLoop[numeric.Float](false))
	b.Run("strategy=empty/backend=fixed", benchLoop[numeric.Fixed](false))
	b.Run("strategy=empty/backend=decimal", benchLoop[numeric.Decimal](false))
	b.Run("strategy=read/backend=float", benchLoop[numeric.Float](true))
	b.Run("strategy=read/backend=fixed", benchLoop[numeric.Fixed](true))
	b.Run("strategy=read/backend=decimal", benchLoop[numeric.Decimal](true))
}

func benchLoop[N numeric.Number[N]](read bool) func(b *testing.B) {
	return func(b *testing.B) {
		end := "2024-12-31"
		if numeric.Backend[N]() == "decimal" {
			end = "2024-01-31" // a month: Decimal holds each value in its own Big
		}
		p := testData[N](b, market.Minute, "2024-01-02", end, 100, false)
		var s Strategy[N] = StrategyFunc[N](func(*Context[N]) {})
		if read {
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
