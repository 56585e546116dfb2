package report

import (
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/metrics"
	"github.com/pennybt/penny/pkg/order"
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
	// TotalCommission is the sum of the commissions of every fill, and
	// TotalSlippage the sum of their slippage (ledger.Transaction.Slippage:
	// the cash each fill moved beyond what it would have at its reference
	// price, the price the matching rules chose from the bar before the
	// slippage model moved it; positive for a cost), exact.
	TotalCommission, TotalSlippage string
	// TotalReturn is EndingValue / StartingCash - 1, computed exactly
	// from the exact values and rounded once to the nearest float64 (NaN
	// when a Float value is not finite). Metrics.CumReturnsFinal is set
	// to it, so that the two agree to the last digit.
	TotalReturn float64

	Sessions  int // sessions replayed (one snapshot and one return each)
	Bars      int // bars of the clock
	AssetBars int // bars of data replayed, summed over the assets
	// Orders counts the orders placed; Fills the fills (transactions);
	// FilledOrders, RejectedOrders and CancelledOrders the orders that
	// ended in those statuses (open orders at the end make up the rest).
	Orders, Fills, FilledOrders, RejectedOrders, CancelledOrders int
	// UnfilledForVolume counts the orders left open at the end whose
	// price was reached at bars with no volume left for them
	// (engine.Result.Starved): orders that could not fill for lack of
	// volume under a volume-based slippage model.
	UnfilledForVolume int
	// OrdersByStatus counts the orders by their final status, keyed by
	// the status's name (order.Status.String), every status present.
	OrdersByStatus map[string]int
	// Turnover is the average turnover per session: the mean over the
	// sessions of the value traded in the session (the sum of the
	// |notional| of its fills) over the session's average portfolio
	// value, the mean of its value at the end and at the previous
	// session's end (the capital before the first), as
	// metrics.Turnover; NaN with no session.
	Turnover float64
	// GrossExposure and NetExposure are the means over the sessions of
	// the gross and net leverage at the session's end (Snapshot's
	// GrossLeverage and NetLeverage: the long plus the absolute short
	// value, and the long plus the short value, over the portfolio
	// value); NaN with no session.
	GrossExposure, NetExposure float64
	Elapsed                    time.Duration

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
	// benchmark: the keys and values of `penny stats` on the same returns,
	// but CumReturnsFinal, which is TotalReturn (the product of the
	// float64 session returns that `penny stats` compounds agrees with it
	// to rounding, about 1e-15 relative).
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
	var commission, slippage N
	for i := range res.Transactions {
		commission = commission.Add(res.Transactions[i].Commission)
		slippage = slippage.Add(res.Transactions[i].Slippage())
	}
	s := Summary{
		Name:              opts.Name,
		Backend:           res.Backend,
		Frequency:         res.Frequency,
		Benchmark:         res.BenchmarkSymbol,
		StartingCash:      res.Capital.String(),
		EndingCash:        res.Cash.String(),
		EndingValue:       res.Value.String(),
		PnL:               pnl.String(),
		TotalCommission:   commission.String(),
		TotalSlippage:     slippage.String(),
		TotalReturn:       exactReturn(res.Value, res.Capital),
		OrdersByStatus:    ordersByStatus(res.Orders),
		Sessions:          len(res.Snapshots),
		Bars:              res.Bars,
		AssetBars:         res.AssetBars,
		Orders:            placed,
		Fills:             len(res.Transactions),
		FilledOrders:      filled,
		RejectedOrders:    rejected,
		CancelledOrders:   cancelled,
		UnfilledForVolume: res.Starved(),
		Elapsed:           res.Elapsed,
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
	// Annualize over the time the sessions span: with files that do not
	// overlap on a calendar of their dates, years pass between sessions.
	opts.Metrics.Periods = calendar.SpanPeriods(res.Sessions, opts.Metrics.Period.AnnualizationFactor())
	if res.BenchmarkSymbol != "" {
		if len(res.Benchmark) != len(returns) {
			return Summary{}, fmt.Errorf("report: benchmark %s has %d returns for %d sessions", res.BenchmarkSymbol, len(res.Benchmark), len(returns))
		}
		s.Metrics = metrics.SummarizeWithBenchmark(returns, res.Benchmark, opts.Metrics)
	} else {
		s.Metrics = metrics.Summarize(returns, opts.Metrics)
	}

	s.Metrics.CumReturnsFinal = s.TotalReturn
	s.Turnover, s.GrossExposure, s.NetExposure = exposure(res)

	s.Trades = summarizeTrades(metrics.Trades(res.RoundTrips()))
	return s, nil
}

// exactReturn returns value / capital - 1 computed exactly and rounded
// once to float64: NaN when either is not a finite number (a Float) or
// the capital is zero.
func exactReturn[N numeric.Number[N]](value, capital N) float64 {
	v, c := value.Rat(), capital.Rat() // nil for a NaN or infinite Float
	if v == nil || c == nil || c.Sign() == 0 {
		return math.NaN()
	}
	r := new(big.Rat).Quo(v, c)
	f, _ := r.Sub(r, big.NewRat(1, 1)).Float64()
	return f
}

// ordersByStatus counts the orders by final status, every status present.
func ordersByStatus[N numeric.Number[N]](orders []order.Order[N]) map[string]int {
	m := make(map[string]int, len(statuses))
	for _, st := range statuses {
		m[st.String()] = 0
	}
	for i := range orders {
		m[orders[i].Status.String()]++
	}
	return m
}

// statuses are the order statuses, in their order.
var statuses = []order.Status{order.Open, order.PartiallyFilled, order.Filled, order.Cancelled, order.Rejected}

// exposure returns the average turnover per session and the average
// gross and net leverage (see Summary); NaN for each with no session.
// The turnover is metrics.Turnover's, summed in session order, without
// its slices.
func exposure[N numeric.Number[N]](res *engine.Result[N]) (turnover, gross, net float64) {
	n := len(res.Snapshots)
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	prev := res.Capital.Float64()
	for i := range res.Snapshots {
		s := &res.Snapshots[i]
		value := s.PortfolioValue.Float64()
		turnover += metrics.PeriodTurnover(s.Traded.Float64(), prev, value)
		prev = value
		gross += s.GrossLeverage
		net += s.NetLeverage
	}
	return turnover / float64(n), gross / float64(n), net / float64(n)
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
	// losses, rounded to 8 decimals half-even; "" when there is none
	// (null in summary.json).
	AverageWin, AverageLoss string
	PnL                     string // the closed trips' P&L, exact
	Open                    int
	OpenPnL                 string // realized in the open trips, exact
}

func summarizeTrades[N numeric.Number[N]](t metrics.TradeStats[N]) TradeSummary {
	average := func(v N, n int) string {
		if n == 0 {
			return ""
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
