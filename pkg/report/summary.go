package report

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/metrics"
)

// Summary holds the figures of one run, the same for every backend: money
// as canonical decimal strings (N.String() of the exact value: what the
// Fixed and Decimal backends print digit for digit), statistics as
// float64. It is what `penny run` prints and what summary.json holds (see
// MarshalJSON for the keys).
type Summary struct {
	Name      string           // the run's name, from Options
	Backend   string           // "float", "fixed" or "decimal"
	Frequency market.Frequency // of the bars
	// Start and End are the dates of the first and last sessions (00:00
	// UTC, see calendar.Session.Date); zero for a run without sessions.
	Start, End time.Time
	Benchmark  string // the benchmark's symbol, "" for none

	// StartingCash is the capital, EndingCash the cash at the end and
	// EndingValue the portfolio value at the end (positions at their last
	// closes); PnL is EndingValue - StartingCash, exact.
	StartingCash, EndingCash, EndingValue, PnL string
	// TotalReturn is EndingValue / StartingCash - 1, in float64 from the
	// exact values.
	TotalReturn float64

	Sessions  int // sessions replayed (one snapshot and one return each)
	Bars      int // bars of the clock
	AssetBars int // bars of data replayed, summed over the assets
	// Orders counts the orders placed; Fills the fills (transactions);
	// FilledOrders, RejectedOrders and CancelledOrders the orders that
	// ended in those statuses (open orders at the end make up the rest).
	Orders, Fills, FilledOrders, RejectedOrders, CancelledOrders int
	Elapsed                                                      time.Duration

	// Trades are the statistics of the run's round trips: the ledger's
	// (ledger.RoundTrips, at average cost) summarized by metrics.Trades.
	Trades TradeSummary
	// Dividends is the dividend income accrued (exact text) and Actions
	// the number of corporate actions applied by type; both empty for a
	// run without actions.
	Dividends string
	Actions   map[string]int
	// Metrics are the statistics of the session returns (one per
	// snapshot), with alpha, beta and excess Sharpe when the run has a
	// benchmark: the keys and values of `penny stats` on the same returns.
	Metrics metrics.Summary
}

// Summarize computes the Summary of a run. opts supplies what the Result
// does not hold (the name) and may override its backend and elapsed time.
//
// It fails on invalid options and on a Result whose benchmark returns are
// not aligned with its sessions.
func Summarize[N numeric.Number[N]](res *engine.Result[N], opts Options) (Summary, error) {
	if res == nil {
		return Summary{}, fmt.Errorf("report: no result")
	}
	if err := opts.Validate(); err != nil {
		return Summary{}, err
	}
	placed, filled, rejected, cancelled := res.Counts()
	pnl := res.Value.Sub(res.Capital)
	s := Summary{
		Name:            opts.Name,
		Backend:         res.Backend,
		Frequency:       res.Frequency,
		Benchmark:       res.BenchmarkSymbol,
		StartingCash:    res.Capital.String(),
		EndingCash:      res.Cash.String(),
		EndingValue:     res.Value.String(),
		PnL:             pnl.String(),
		TotalReturn:     res.Value.Float64()/res.Capital.Float64() - 1,
		Sessions:        len(res.Snapshots),
		Bars:            res.Bars,
		AssetBars:       res.AssetBars,
		Orders:          placed,
		Fills:           len(res.Transactions),
		FilledOrders:    filled,
		RejectedOrders:  rejected,
		CancelledOrders: cancelled,
		Elapsed:         res.Elapsed,
	}
	if len(res.Actions) > 0 {
		s.Dividends, s.Actions = res.Dividends.String(), res.ActionCounts()
	}
	if opts.Backend != "" {
		s.Backend = opts.Backend
	}
	if opts.Elapsed > 0 {
		s.Elapsed = opts.Elapsed
	}
	if n := len(res.Sessions); n > 0 {
		s.Start, s.End = res.Sessions[0].Date, res.Sessions[n-1].Date
	}

	returns := res.Returns()
	if res.BenchmarkSymbol != "" {
		if len(res.Benchmark) != len(returns) {
			return Summary{}, fmt.Errorf("report: benchmark %s has %d returns for %d sessions", res.BenchmarkSymbol, len(res.Benchmark), len(returns))
		}
		s.Metrics = metrics.SummarizeWithBenchmark(returns, res.Benchmark, opts.Metrics)
	} else {
		s.Metrics = metrics.Summarize(returns, opts.Metrics)
	}

	s.Trades = summarizeTrades(metrics.Trades(ledger.RoundTrips(res.Transactions, res.Events())))
	return s, nil
}

// TradeSummary is the round-trip statistics of a Summary: those of
// metrics.TradeStats, with money as canonical decimal strings (exact in
// Fixed and Decimal, as the other money of the Summary). Count, Wins,
// Losses and the figures from them are over the closed trips; Open
// counts the trips still open at the end, OpenPnL is what their partial
// closes realized, and PnL + OpenPnL is the ledger's realized P&L.
type TradeSummary struct {
	Count, Wins, Losses int
	WinRate             float64
	ProfitFactor        float64
	// AverageWin and AverageLoss are the mean P&L of the wins and of the
	// losses, rounded to 8 decimals half-even; "NaN" when there is none.
	AverageWin, AverageLoss string
	PnL                     string // the closed trips' P&L, exact
	Open                    int
	OpenPnL                 string // realized in the open trips, exact
}

func summarizeTrades[N numeric.Number[N]](t metrics.TradeStats[N]) TradeSummary {
	average := func(v N, n int) string {
		if n == 0 {
			return "NaN"
		}
		return v.String()
	}
	return TradeSummary{
		Count:        t.Count,
		Wins:         t.Wins,
		Losses:       t.Losses,
		WinRate:      t.WinRate,
		ProfitFactor: t.ProfitFactor,
		AverageWin:   average(t.AverageWin, t.Wins),
		AverageLoss:  average(t.AverageLoss, t.Losses),
		PnL:          t.PnL.String(),
		Open:         t.Open,
		OpenPnL:      t.OpenPnL.String(),
	}
}
