package runner

import (
	"context"
	"fmt"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/report"
)

// dailyYAML is configs/sma_daily.yaml's run; with actions, the same with
// the bench's daily-actions rates (0.5 splits per asset per year, a mean
// dividend yield of 0.03 paid quarterly).
const dailyYAML = `name: d
backend: fixed
capital: 100000
data: {source: synthetic, frequency: daily, calendar: XNYS, start: 2023-01-03, end: 2024-12-31, assets: 50, seed: 42%s}
strategy: {name: sma_crossover, params: {fast: 10, slow: 30, target_percent: 0.02}}
execution:
  fill: next_open
  slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
  commission: {model: per_share, cost: 0.005, min: 1}
`

// BenchmarkActions times one backtest of the daily run (runner.Run and
// report.Summarize, as penny bench does) without and with corporate
// actions: the cost of applying them, accruing and paying the dividends
// and adjusting the History windows.
func BenchmarkActions(b *testing.B) {
	for _, tc := range []struct{ name, extra string }{
		{"actions=none", ""},
		{"actions=splits", ", splits: 0.5"},
		{"actions=dividends", ", dividend_yield: 0.03"},
		{"actions=splits+dividends", ", splits: 0.5, dividend_yield: 0.03"},
	} {
		b.Run(tc.name+"/backend=float", func(b *testing.B) { benchActions[numeric.Float](b, tc.extra) })
		b.Run(tc.name+"/backend=fixed", func(b *testing.B) { benchActions[numeric.Fixed](b, tc.extra) })
	}
}

func benchActions[N numeric.Number[N]](b *testing.B, extra string) {
	c := parse(b, fmt.Sprintf(dailyYAML, extra))
	data, err := LoadData[N](c, noEnv)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	fills, actions := 0, 0
	for b.Loop() {
		res, err := Run(context.Background(), c, data, noEnv, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := report.Summarize(res, report.Options{}); err != nil {
			b.Fatal(err)
		}
		fills, actions = len(res.Transactions), len(res.Actions)
	}
	// What the strategy did, and the actions' records: the runs differ by
	// more than the actions when the strategy trades differently.
	b.ReportMetric(float64(fills), "fills/op")
	b.ReportMetric(float64(actions), "actions/op")
}
