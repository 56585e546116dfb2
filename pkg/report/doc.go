// Package report turns a run's engine.Result into what people and
// programs read: a Summary of figures, and a directory of files.
//
//	r, err := report.New(res, report.Options{Name: "sma-daily"})
//	fmt.Println(r.Summary.EndingValue)
//	err = r.WriteDir("out/")
//
// # Summary
//
// Summarize (or New) computes a Summary for any backend N; the Summary
// itself is not generic. Money (starting and ending cash, ending value,
// P&L, commission, slippage) is kept as the canonical decimal string of
// the exact value, N.String(): the Fixed and Decimal backends give the
// same digits, and a program parses them back exactly with
// numeric.Parse. Statistics are float64: the metrics of package metrics
// over the session returns (one per ledger snapshot, so Period Daily
// whatever the bar frequency), with alpha, beta and excess Sharpe when
// the run has a benchmark; the total return is computed exactly and
// rounded once, and cum_returns_final is it. Slippage is counted against
// each fill's reference price (ledger.Transaction.Slippage), turnover
// and exposure from the session snapshots. The trade
// statistics are those of the ledger's round trips (ledger.RoundTrips:
// a position from the fill that leaves zero to the one that returns to
// zero or crosses it, at average cost, net of commissions), so the
// report has one P&L model: their money is exact like the rest
// (round_trips_pnl plus open_round_trips_pnl is the ledger's realized
// P&L, digit for digit in Fixed and Decimal), win rate and profit factor
// are float64. Summary.Rows gives the same figures formatted for people.
//
// # Files
//
// Report.WriteDir writes into a directory, created if needed:
//
//	summary.json      the Summary (docs/outputs.md has a table of its
//	                  keys: money as exact strings, statistics numbers
//	                  or null, metrics keyed as by `penny stats --json`)
//	daily.csv         one row per session from the ledger's snapshots,
//	                  then a column per series the strategy recorded
//	                  (engine.Context.Record): its last value at the
//	                  session's end (see Report.WriteDaily)
//	transactions.csv  time,symbol,amount,price,commission,order_id,
//	                  reference_price,slippage
//	orders.csv        every order with its final status and reason
//	report.html       the HTML report
//
// Each file is written in full under a temporary name in the directory,
// flushed to disk, and renamed into place once all five are written.
// The writers of single files (Summary.WriteJSON, Report.WriteDaily,
// WriteTransactions, WriteOrders, WriteHTML) take an io.Writer. In the CSV
// files, numbers of the backend are exact decimal strings and float64
// figures the shortest text that reads back to the same value.
//
// # The HTML report
//
// report.html is one self-contained page: no script, no font, no style
// sheet or image from anywhere else; inline CSS, and charts drawn here as
// inline SVG (package internal/svg). It is written with html/template, so
// the run's name and every symbol and reason are escaped, and it is also
// well-formed XML, which is how the tests parse it. It holds the summary
// table; the portfolio value against the benchmark (the benchmark's
// cumulative return scaled to the starting capital, when the run has
// one); the drawdown from the running peak; a heatmap of monthly returns
// (years by months, plus the year, each cell coloured by its return and
// showing it); the rolling Sharpe ratio over DefaultRollingWindow (63)
// sessions, or Options.RollingWindow; a chart per recorded series (its
// value at each session's end, as daily.csv has it); the metrics table; and the first
// DefaultMaxTrades (1000) transactions, or Options.MaxTrades, with the
// number left out (transactions.csv has them all).
//
// Charts plot the float64 values of the exact figures, one point per
// session. A line of more than MaxPoints (2000) points is downsampled:
// cut into 999 buckets of consecutive sessions, each keeping its lowest
// and highest values, plus the first and last sessions, so that peaks,
// troughs and the ends survive while a 10-year daily report stays around
// 200 kB. Values that are NaN or infinite break a line rather than being
// drawn.
//
// # Errors and panics
//
// Summarize and New fail on invalid Options and on a Result whose
// benchmark returns are not aligned with its sessions. Writers return the
// I/O errors of their writer, naming the file. Nothing panics on a Result
// the engine produced.
package report
