package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/metrics"
)

//go:embed page.html.tmpl
var pageText string

//go:embed page.css
var pageCSS string

//go:embed page.js
var pageJS string

// page is parsed once; a parsed html/template is safe for concurrent
// Execute and is never modified after this, so it is not mutable state.
var page = template.Must(template.New("report.html").Parse(pageText))

// Defaults of the report's tables and charts that Options does not set.
const (
	// worstDrawdownsShown is the number of drawdown periods listed.
	worstDrawdownsShown = 5
	// maxRecordCharts caps the charts of recorded series (daily.csv has
	// every series).
	maxRecordCharts = 20
)

// pageData is what the template renders.
type pageData struct {
	Title, Subtitle string
	CSS             template.CSS
	Script          template.JS
	// Sessions is the session dates, comma-separated, for the hover
	// script.
	Sessions             string
	Run, Trades, Metrics []Row
	// The charts: SVG markup written by package svg, which escapes every
	// string it is given, so it is trusted as HTML.
	Equity, EquityLog, Drawdown, Monthly, Histogram template.HTML
	Rolling                                         []template.HTML
	Window                                          int
	Exposure, Leverage, Costs                       template.HTML
	Drawdowns                                       []drawdownRow
	// Records has a chart per recorded series (engine.Context.Record), the
	// first maxRecordCharts of RecordsTotal.
	Records      []template.HTML
	RecordsTotal int
	RoundTrips   []tripRow
	TripsTotal   int
	Transactions []tradeRow
	// Actions lists the corporate actions' effects, the first Cap of
	// ActionsTotal.
	Actions      []actionRow
	ActionsTotal int
	// TransactionsTotal and Omitted count the transactions and those left
	// out of the table; TripsOmitted the round trips left out.
	TransactionsTotal, Omitted, TripsOmitted, Cap int
}

type tradeRow struct {
	Time, Symbol, Side, Amount, Price, Commission, Order string
}

type tripRow struct {
	Symbol, Side, Amount, Entry, Exit, PnL, Holding string
	Loss                                            bool
}

type drawdownRow struct {
	Rank                                  int
	Depth, Peak, Trough, Recovery, Length string
}

// WriteHTML writes report.html, the run's tearsheet: one self-contained
// page (styles, charts as inline SVG and a small script inline; no
// reference to anything outside it) that is also well-formed XML. It
// shows the run's name and summary table; the equity curve from the
// starting capital, with the benchmark's cumulative return scaled to the
// capital when the run has a benchmark, the worst drawdown periods
// shaded and the splits and dividends of positions held marked (S and D,
// their effects in the tooltip), on a linear or a logarithmic scale (a
// toggle); the drawdown and
// the worst five drawdown periods (peak, trough, recovery, depth,
// length); the monthly returns heatmap and a histogram of the session
// returns; the rolling Sharpe ratio, volatility and, with a benchmark,
// beta over the window of Options.RollingWindow; the long, short and net
// exposure and the gross leverage; the cumulative commission and
// slippage; a chart per recorded series; the metrics table; the round
// trips (entry, exit, P&L, holding time), the effects of the corporate
// actions (for a run with any) and the transactions, the first
// Options.MaxTrades of each (with the number left out).
//
// Hovering over a line chart shows the session and each series' value
// there (page.js); the page reads the same with scripts disabled, every
// chart being static SVG. Charts are pictures of the float64 values of
// the exact figures; lines of more than MaxPoints sessions are
// downsampled (see the package documentation).
func (r *Report[N]) WriteHTML(w io.Writer) error {
	res := r.Result
	n := len(res.Snapshots)
	dates := make([]time.Time, 0, n)
	values := make([]float64, n)
	returns := make([]float64, n)
	for i, s := range res.Snapshots {
		dates = append(dates, s.Session)
		values[i] = s.PortfolioValue.Float64()
		returns[i] = s.Return
	}
	capital := res.Capital.Float64()

	title := r.Summary.Name
	if title == "" {
		title = "Penny backtest"
	}
	d := pageData{
		Title: title,
		Subtitle: fmt.Sprintf("%s bars, %s backend, %s to %s", r.Summary.Frequency, r.Summary.Backend,
			formatDate(r.Summary.Start), formatDate(r.Summary.End)),
		CSS:      template.CSS(pageCSS),
		Script:   pageScript(),
		Sessions: sessionList(dates),
	}
	for _, row := range r.Summary.Rows() {
		switch row.Section {
		case SectionRun:
			d.Run = append(d.Run, row)
		case SectionTrades:
			d.Trades = append(d.Trades, row)
		default:
			d.Metrics = append(d.Metrics, row)
		}
	}

	// Equity from the capital, on both scales, the worst drawdowns shaded.
	worst := worstDrawdowns(drawdownPeriods(res.Capital, res.Snapshots), worstDrawdownsShown)
	equity := lineChart{ID: "equity", Title: "Portfolio value", Dates: dates, Start: true, Format: hoverMoney,
		YLabel: moneyLabel, Lines: []line{{Name: "Portfolio", Class: "equity", Ys: withStart(capital, values)}}, Empty: "No sessions"}
	if res.BenchmarkSymbol != "" && len(res.Benchmark) == n {
		equity.Title = "Portfolio value and benchmark " + res.BenchmarkSymbol
		equity.Lines = append(equity.Lines, line{Name: "Benchmark " + res.BenchmarkSymbol, Class: "benchmark",
			Ys: withStart(capital, metrics.CumReturns(res.Benchmark, capital))})
	}
	for i, p := range worst {
		equity.Bands = append(equity.Bands, band{From: p.Peak + 1, To: p.recoveryPoint(n), Class: "drawdown-period",
			Title: fmt.Sprintf("Drawdown %d: %s", i+1, formatPercent(p.Depth))})
	}
	tradeLayout := "2006-01-02 15:04"
	if res.DatesOnly {
		tradeLayout = dateLayout // sessions of a data calendar have no hours
	}
	equity.Marks = r.actionMarks(tradeLayout)
	d.Equity = template.HTML(equity.svg())
	equity.ID, equity.Log, equity.Title, equity.ValuesFrom = "equity-log", true, equity.Title+" (log scale)", "equity"
	d.EquityLog = template.HTML(equity.svg())

	dd := lineChart{ID: "drawdown", Title: "Drawdown from the running peak", Dates: dates, Start: true, Format: hoverPercent,
		YLabel: percentLabel, Lines: []line{{Name: "Drawdown", Class: "drawdown", Ys: withStart(0, drawdowns(values, capital))}},
		Zero: true, Empty: "No sessions"}
	d.Drawdown = template.HTML(dd.svg())
	for i, p := range worst {
		d.Drawdowns = append(d.Drawdowns, p.row(i+1, dates))
	}

	months, years := periodReturns(dates, values, capital)
	d.Monthly = template.HTML(heatmapSVG("monthly-returns", "Monthly returns", months, years))
	d.Histogram = template.HTML(histogramSVG("returns-histogram", "Distribution of the session returns", returns))

	d.Window = r.opts.rollingWindow(n)
	window := strconv.Itoa(d.Window) + "-session window"
	empty := "Not enough sessions for a " + window
	p := r.opts.Metrics.Period
	rolling := []lineChart{
		{ID: "rolling-sharpe", Title: "Rolling Sharpe ratio (" + window + ", annualized)", Format: hoverRatio, YLabel: ratioLabel,
			Lines: []line{{Name: "Sharpe", Class: "rolling-sharpe", Ys: metrics.RollingSharpe(returns, d.Window, r.opts.Metrics.RiskFree, p)}}},
		{ID: "rolling-volatility", Title: "Rolling volatility (" + window + ", annualized)", Format: hoverPercent, YLabel: percentLabel,
			Lines: []line{{Name: "Volatility", Class: "rolling-volatility", Ys: metrics.RollingVolatility(returns, d.Window, p)}}},
	}
	if res.BenchmarkSymbol != "" && len(res.Benchmark) == n {
		rolling = append(rolling, lineChart{ID: "rolling-beta", Title: "Rolling beta to " + res.BenchmarkSymbol + " (" + window + ")",
			Format: hoverRatio, YLabel: ratioLabel,
			Lines: []line{{Name: "Beta", Class: "rolling-beta", Ys: metrics.RollingBeta(returns, res.Benchmark, d.Window)}}})
	}
	for _, c := range rolling {
		c.Dates, c.Zero, c.Empty = dates, true, empty
		d.Rolling = append(d.Rolling, template.HTML(c.svg()))
	}

	long, short, net, gross := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	var commission, slippage N
	cumCommission, cumSlippage := make([]float64, n), make([]float64, n)
	for i, s := range res.Snapshots {
		pv := s.PortfolioValue.Float64()
		long[i], short[i] = s.Long.Float64()/pv, s.Short.Float64()/pv
		net[i], gross[i] = s.NetLeverage, s.GrossLeverage
		commission, slippage = commission.Add(s.Commission), slippage.Add(s.Slippage)
		cumCommission[i], cumSlippage[i] = commission.Float64(), slippage.Float64()
	}
	exposure := lineChart{ID: "exposure", Title: "Exposure, as a fraction of the portfolio value", Dates: dates,
		Format: hoverPercent, YLabel: percentLabel, Zero: true, Empty: "No sessions",
		Lines: []line{{Name: "Long", Class: "long", Ys: long}, {Name: "Short", Class: "short", Ys: short}, {Name: "Net", Class: "net", Ys: net}}}
	d.Exposure = template.HTML(exposure.svg())
	leverage := lineChart{ID: "leverage", Title: "Gross leverage (long + |short|) / portfolio value", Dates: dates,
		Format: hoverRatio, YLabel: ratioLabel, Zero: true, Empty: "No sessions",
		Lines: []line{{Name: "Gross leverage", Class: "gross", Ys: gross}}}
	d.Leverage = template.HTML(leverage.svg())
	costs := lineChart{ID: "costs", Title: "Cumulative costs: commission and slippage", Dates: dates,
		Format: hoverMoney, YLabel: moneyLabel, Zero: true, Empty: "No sessions",
		Lines: []line{{Name: "Commission", Class: "commission", Ys: cumCommission}, {Name: "Slippage", Class: "slippage", Ys: cumSlippage}}}
	d.Costs = template.HTML(costs.svg())

	recs := r.recordColumns()
	d.RecordsTotal = len(recs)
	for i, c := range recs[:min(len(recs), maxRecordCharts)] {
		rc := lineChart{ID: "record-" + strconv.Itoa(i), Dates: dates, Format: hoverNumber, YLabel: numberLabel,
			Title: "Recorded: " + c.Name + " (the last value at each session's end)",
			Lines: []line{{Name: c.Name, Class: "record", Ys: r.recordValues(c, i)}}, Empty: "No value recorded"}
		d.Records = append(d.Records, template.HTML(rc.svg()))
	}

	d.Cap = r.opts.maxTrades()
	d.ActionsTotal = len(res.Actions)
	d.Actions = r.actionRows(tradeLayout, d.Cap)
	trips := res.RoundTrips()
	d.TripsTotal = len(trips)
	d.TripsOmitted = max(0, len(trips)-d.Cap)
	for _, t := range trips[:len(trips)-d.TripsOmitted] {
		d.RoundTrips = append(d.RoundTrips, newTripRow(t, tradeLayout))
	}

	d.TransactionsTotal = len(res.Transactions)
	shown := min(d.Cap, len(res.Transactions))
	d.Omitted = len(res.Transactions) - shown
	d.Transactions = make([]tradeRow, shown)
	for i, t := range res.Transactions[:shown] {
		side, amount := "buy", t.Amount
		if t.Amount.Sign() < 0 {
			side, amount = "sell", t.Amount.Neg()
		}
		d.Transactions[i] = tradeRow{
			Time:       t.Time.UTC().Format(tradeLayout),
			Symbol:     t.Asset.Symbol,
			Side:       side,
			Amount:     groupThousands(amount.String()),
			Price:      groupThousands(t.Price.String()),
			Commission: groupThousands(t.Commission.String()),
			Order:      t.OrderID.String(),
		}
	}
	if err := page.Execute(w, d); err != nil {
		return fmt.Errorf("report: report.html: %w", err)
	}
	return nil
}

// pageScript is page.js in a CDATA section (inside JS comments, which
// HTML ignores), so that the page stays well-formed XML although the
// script holds "<" (html/template drops comments of the template's own
// text, so the markers come with the script).
func pageScript() template.JS {
	return template.JS("/*<![CDATA[*/\n" + pageJS + "/*]]>*/")
}

// withStart returns v preceded by start.
func withStart(start float64, v []float64) []float64 {
	return append([]float64{start}, v...)
}

// sessionList writes the session dates for the hover script.
func sessionList(dates []time.Time) string {
	var b strings.Builder
	b.Grow(11 * len(dates))
	for i, d := range dates {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(d.Format(dateLayout))
	}
	return b.String()
}

// recoveryPoint returns the chart point (the equity chart has the start
// before the sessions) where the period ends: its recovery, or the last
// session of a run of n sessions when it has not recovered.
func (p drawdownPeriod) recoveryPoint(n int) int {
	if p.Recovery < 0 {
		return n
	}
	return p.Recovery + 1
}

// row is the period as the drawdowns table shows it: depth, the dates
// of the peak ("start" for the capital), trough and recovery ("not
// recovered"), and its length in sessions from the peak to the recovery
// (or to the last session).
func (p drawdownPeriod) row(rank int, dates []time.Time) drawdownRow {
	r := drawdownRow{Rank: rank, Depth: formatPercent(p.Depth), Peak: "start", Trough: formatDate(dates[p.Trough]),
		Recovery: "not recovered"}
	if p.Peak >= 0 {
		r.Peak = formatDate(dates[p.Peak])
	}
	end := len(dates) - 1
	if p.Recovery >= 0 {
		r.Recovery, end = formatDate(dates[p.Recovery]), p.Recovery
	}
	r.Length = strconv.Itoa(end - p.Peak)
	if p.Recovery < 0 {
		r.Length += " so far"
	}
	return r
}

// newTripRow is a round trip as the round trips table shows it: its
// side and amount, entry and exit ("open" while it is), its P&L (for an
// open trip, what its partial closes realized) and holding time; times
// written with layout.
func newTripRow[N numeric.Number[N]](t ledger.RoundTrip[N], layout string) tripRow {
	side, amount := "long", t.Amount
	if t.Amount.Sign() < 0 {
		side, amount = "short", t.Amount.Neg()
	}
	row := tripRow{Symbol: t.Asset.Symbol, Side: side, Amount: groupThousands(amount.String()), Entry: t.Entry.UTC().Format(layout),
		Exit: "open", PnL: groupThousands(t.PnL.String()), Holding: "open", Loss: t.PnL.Sign() < 0}
	if t.Closed {
		row.Exit, row.Holding = t.Exit.UTC().Format(layout), holding(t.Exit.Sub(t.Entry))
	}
	return row
}

// holding writes a holding time: whole days as "3 days", else days, hours
// and minutes ("2d 6h 30m", "20d 23h", "45m").
func holding(d time.Duration) string {
	const day = 24 * time.Hour
	days, rest := d/day, d%day
	if rest == 0 {
		if days == 1 {
			return "1 day"
		}
		return strconv.FormatInt(int64(days), 10) + " days"
	}
	h, m := rest/time.Hour, (rest%time.Hour+30*time.Second)/time.Minute
	var parts []string
	if days > 0 {
		parts = append(parts, strconv.FormatInt(int64(days), 10)+"d")
	}
	if h > 0 || days > 0 {
		parts = append(parts, strconv.FormatInt(int64(h), 10)+"h")
	}
	if m > 0 || len(parts) == 0 {
		parts = append(parts, strconv.FormatInt(int64(m), 10)+"m")
	}
	return strings.Join(parts, " ")
}
