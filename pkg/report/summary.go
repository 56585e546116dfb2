package report

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
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

	// Trades are the statistics of the round trips built from the
	// transactions, first in, first out (metrics.RoundTrips), in float64.
	Trades metrics.TradeStats
	// Metrics are the statistics of the session returns (one per
	// snapshot), with alpha, beta and excess Sharpe when the run has a
	// benchmark: the keys and values of `penny stats` on the same returns.
	Metrics metrics.Summary
}

// Summarize computes the Summary of a run. opts supplies what the Result
// does not hold (the name) and may override its backend and elapsed time.
//
// It fails on invalid options, on a Result whose benchmark returns are not
// aligned with its sessions, and on a transaction that metrics.RoundTrips
// refuses (a negative commission, which is a rebate: round trips do not
// model rebates).
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

	trips, err := roundTrips(res)
	if err != nil {
		return Summary{}, err
	}
	s.Trades = metrics.Trades(trips)
	return s, nil
}

// roundTrips matches the run's transactions into round trips.
func roundTrips[N numeric.Number[N]](res *engine.Result[N]) ([]metrics.RoundTrip, error) {
	txns := make([]metrics.Transaction, len(res.Transactions))
	for i, t := range res.Transactions {
		txns[i] = metrics.Transaction{
			Time:       t.Time,
			Symbol:     t.Asset.Symbol,
			Amount:     t.Amount.Float64(),
			Price:      t.Price.Float64(),
			Commission: t.Commission.Float64(),
		}
	}
	trips, err := metrics.RoundTrips(txns)
	if err != nil {
		return nil, fmt.Errorf("report: round trips: %w", err)
	}
	return trips, nil
}
