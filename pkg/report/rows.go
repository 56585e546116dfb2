package report

import (
	"strconv"
	"strings"
)

// Sections of the rows of a Summary.
const (
	SectionRun     = "run"     // the run: period, money, counts, time
	SectionTrades  = "trades"  // round-trip statistics
	SectionMetrics = "metrics" // the statistics of the session returns
)

// Row is one figure of a Summary as a person reads it: its section, its
// key in summary.json, a label and the formatted value.
type Row struct {
	Section, Key, Label, Value string
}

// Rows returns the figures of the summary in the order of summary.json,
// one per key (name excepted; benchmark only when there is one),
// formatted for people: money exact with grouped thousands
// ("104,523.1234"; an average of no trip "none")
// ("104,523.1234"), fractions as percentages with two decimals, ratios
// with four, NaN and the infinities as NaN, Infinity and -Infinity. It is
// the summary table of the HTML report, and what a command line prints.
func (s Summary) Rows() []Row {
	var rows []Row
	add := func(section, key, label, value string) {
		rows = append(rows, Row{section, key, label, value})
	}
	run := func(key, label, value string) { add(SectionRun, key, label, value) }
	count := func(key, label string, n int) { run(key, label, groupThousands(strconv.Itoa(n))) }

	run("backend", "Backend", s.Backend)
	run("frequency", "Frequency", s.Frequency.String())
	run("start", "First session", formatDate(s.Start))
	run("end", "Last session", formatDate(s.End))
	if s.Benchmark != "" {
		run("benchmark", "Benchmark", s.Benchmark)
	}
	run("starting_cash", "Starting cash", groupThousands(s.StartingCash))
	run("ending_cash", "Ending cash", groupThousands(s.EndingCash))
	run("ending_value", "Ending value", groupThousands(s.EndingValue))
	run("pnl", "P&L", groupThousands(s.PnL))
	run("total_commission", "Commission", groupThousands(s.TotalCommission))
	run("total_slippage", "Slippage", groupThousands(s.TotalSlippage))
	run("total_return", "Total return", formatPercent(s.TotalReturn))
	count("sessions", "Sessions", s.Sessions)
	count("bars", "Bars", s.Bars)
	count("asset_bars", "Asset-bars", s.AssetBars)
	count("orders", "Orders", s.Orders)
	count("fills", "Fills", s.Fills)
	count("filled_orders", "Filled orders", s.FilledOrders)
	count("rejected_orders", "Rejected orders", s.RejectedOrders)
	count("cancelled_orders", "Cancelled orders", s.CancelledOrders)
	var byStatus []string
	for _, st := range statuses {
		byStatus = append(byStatus, strings.ReplaceAll(st.String(), "_", " ")+" "+groupThousands(strconv.Itoa(s.OrdersByStatus[st.String()])))
	}
	run("orders_by_status", "Orders by status", strings.Join(byStatus, ", "))
	run("turnover", "Turnover (average per session)", formatPercent(s.Turnover))
	run("average_gross_exposure", "Gross exposure (average)", formatPercent(s.GrossExposure))
	run("average_net_exposure", "Net exposure (average)", formatPercent(s.NetExposure))
	run("elapsed_seconds", "Elapsed", formatElapsed(s.Elapsed))

	t := s.Trades
	add(SectionTrades, "round_trips", "Round trips", strconv.Itoa(t.Count))
	add(SectionTrades, "wins", "Wins", strconv.Itoa(t.Wins))
	add(SectionTrades, "losses", "Losses", strconv.Itoa(t.Losses))
	add(SectionTrades, "win_rate", "Win rate", formatPercent(t.WinRate))
	add(SectionTrades, "profit_factor", "Profit factor", formatRatio(t.ProfitFactor))
	add(SectionTrades, "average_win", "Average win", orNone(groupThousands(t.AverageWin)))
	add(SectionTrades, "average_loss", "Average loss", orNone(groupThousands(t.AverageLoss)))
	add(SectionTrades, "round_trips_pnl", "Round trips P&L", groupThousands(t.PnL))
	add(SectionTrades, "open_round_trips", "Open round trips", strconv.Itoa(t.Open))
	add(SectionTrades, "open_round_trips_pnl", "Realized in open trips", groupThousands(t.OpenPnL))

	m := s.Metrics
	metric := func(key, label, value string) { add(SectionMetrics, key, label, value) }
	metric("cum_returns_final", "Cumulative return", formatPercent(m.CumReturnsFinal))
	metric("annual_return", "Annual return", formatPercent(m.AnnualReturn))
	metric("annual_volatility", "Annual volatility", formatPercent(m.AnnualVolatility))
	metric("sharpe_ratio", "Sharpe ratio", formatRatio(m.SharpeRatio))
	metric("sortino_ratio", "Sortino ratio", formatRatio(m.SortinoRatio))
	metric("downside_risk", "Downside risk", formatPercent(m.DownsideRisk))
	metric("max_drawdown", "Max drawdown", formatPercent(m.MaxDrawdown))
	metric("calmar_ratio", "Calmar ratio", formatRatio(m.CalmarRatio))
	metric("omega_ratio", "Omega ratio", formatRatio(m.OmegaRatio))
	metric("stability_of_timeseries", "Stability", formatRatio(m.StabilityOfTimeseries))
	metric("tail_ratio", "Tail ratio", formatRatio(m.TailRatio))
	metric("value_at_risk", "Value at risk (5%)", formatPercent(m.ValueAtRisk))
	if m.HasBenchmark {
		metric("alpha", "Alpha", formatPercent(m.Alpha))
		metric("beta", "Beta", formatRatio(m.Beta))
		metric("excess_sharpe", "Excess Sharpe", formatRatio(m.ExcessSharpe))
	}
	return rows
}

// orNone writes "" (no value) as "none".
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
