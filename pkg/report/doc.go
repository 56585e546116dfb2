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
// report.html is one self-contained page: no script, font, style sheet
// or image from anywhere else; inline CSS and script, and charts drawn
// here as inline SVG (package internal/svg). It is written with html/template, so
// the run's name and every symbol and reason are escaped, and it is also
// well-formed XML, which is how the tests parse it. It holds the summary
// table; the equity from the starting capital against the benchmark
// (the benchmark's cumulative return scaled to the capital, when the run
// has one), with the five worst drawdown periods shaded and a toggle to
// a logarithmic scale; the drawdown from the running peak and a table of
// the five worst drawdown periods (peak, trough, recovery, depth,
// length); a heatmap of monthly returns (years by months, plus the year,
// each cell coloured by its return and showing it) and a histogram of
// the session returns; the rolling Sharpe ratio, volatility and (with a
// benchmark) beta over DefaultRollingWindow (63) sessions, or
// Options.RollingWindow; the long, short and net exposure and the gross
// leverage; the cumulative commission and slippage; a chart per recorded
// series (its value at each session's end, as daily.csv has it); the
// metrics table; the round trips (ledger.RoundTrips: entry, exit, P&L,
// holding time) and the transactions, the first DefaultMaxTrades (1000)
// of each, or Options.MaxTrades, with the number left out
// (transactions.csv has them all).
//
// The page works without scripts: every chart is static SVG and the
// scale toggle is CSS. Its one inline script (page.js) adds hover values
// to the line charts: a crosshair and the session's date and values,
// which each chart carries in data-* attributes (every value, to the cent
// for money and to 5 significant digits otherwise). The browser test
// (TestBrowser, in headless Chromium) checks that the pages load without
// a console error or a request, and that every chart is drawn, with
// scripts and without.
//
// Charts plot the float64 values of the exact figures, one point per
// session. A line of more than MaxPoints (1000) points is downsampled:
// cut into 499 buckets of consecutive sessions, each keeping its lowest
// and highest values, plus the first and last sessions, so that peaks,
// troughs and the ends survive while a 10-year daily report stays around
// 650 kB (a fifth of it the tables of transactions and round trips). Values that are NaN or infinite break a line rather than being
// drawn.
//
// # Comparing backends
//
// A Comparison holds the runs of one config on several backends (AddRun
// each Report) and writes compare.html (Comparison.WriteHTML), which
// `penny run --backend all --out DIR` puts in DIR: the equity curves
// overlaid, each backend's exact drift from decimal's values at every
// session (package internal/drift), the timings, and the first trade
// where each parts from decimal's. It uses the report's style sheet,
// chart code and hover script.
//
// # Errors and panics
//
// Summarize and New fail on invalid Options and on a Result whose
// benchmark returns are not aligned with its sessions. Writers return the
// I/O errors of their writer, naming the file. Nothing panics on a Result
// the engine produced.
package report
