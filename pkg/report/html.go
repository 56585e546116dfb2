package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"time"

	"github.com/pennybt/penny/pkg/metrics"
)

//go:embed page.html.tmpl
var pageText string

// page is parsed once; a parsed html/template is safe for concurrent
// Execute and is never modified after this, so it is not mutable state.
var page = template.Must(template.New("report.html").Parse(pageText))

// pageData is what the template renders.
type pageData struct {
	Title, Subtitle string
	Run, Trades     []Row
	Metrics         []Row
	// The charts: SVG markup written by package svg, which escapes every
	// string it is given, so it is trusted as HTML.
	Equity, Drawdown, Monthly, Rolling template.HTML
	Window                             int
	// Records has a chart per recorded series (engine.Context.Record).
	Records                         []template.HTML
	Transactions                    []tradeRow
	TransactionsTotal, Omitted, Cap int
}

type tradeRow struct {
	Time, Symbol, Side, Amount, Price, Commission, Order string
}

// WriteHTML writes report.html: one self-contained page, with no script
// and no reference to anything outside it (styles inline, charts as
// inline SVG), that is also well-formed XML. It shows the run's name and
// summary table; the equity curve, with the benchmark's cumulative return
// scaled to the starting capital when the run has a benchmark; the
// drawdown; the monthly returns heatmap; the rolling Sharpe ratio over
// the window of Options.RollingWindow; the metrics table; and the
// transactions, the first Options.MaxTrades of them (with the number
// left out).
//
// Charts are pictures of the float64 values of the exact figures; lines
// of more than MaxPoints sessions are downsampled (see the package
// documentation).
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

	equity := lineChart{ID: "equity", Title: "Portfolio value", Dates: dates, YLabel: moneyLabel,
		Lines: []line{{Name: "Portfolio", Class: "equity", Ys: values}}, Empty: "No sessions"}
	if res.BenchmarkSymbol != "" && len(res.Benchmark) == n {
		equity.Title = "Portfolio value and benchmark " + res.BenchmarkSymbol
		equity.Lines = append(equity.Lines, line{Name: "Benchmark " + res.BenchmarkSymbol, Class: "benchmark",
			Ys: metrics.CumReturns(res.Benchmark, capital)})
	}
	d.Equity = template.HTML(equity.svg())

	dd := lineChart{ID: "drawdown", Title: "Drawdown from the running peak", Dates: dates, YLabel: percentLabel,
		Lines: []line{{Name: "Drawdown", Class: "drawdown", Ys: drawdowns(values, capital)}}, Zero: true, Empty: "No sessions"}
	d.Drawdown = template.HTML(dd.svg())

	months, years := periodReturns(dates, values, capital)
	d.Monthly = template.HTML(heatmapSVG("monthly-returns", "Monthly returns", months, years))

	d.Window = r.opts.rollingWindow(n)
	rs := lineChart{ID: "rolling-sharpe", Dates: dates, YLabel: ratioLabel, Zero: true,
		Title: "Rolling Sharpe ratio (" + strconv.Itoa(d.Window) + "-session window, annualized)",
		Lines: []line{{Name: "Sharpe", Class: "rolling-sharpe",
			Ys: metrics.RollingSharpe(returns, d.Window, r.opts.Metrics.RiskFree, r.opts.Metrics.Period)}},
		Empty: "Not enough sessions for a " + strconv.Itoa(d.Window) + "-session window"}
	d.Rolling = template.HTML(rs.svg())

	for i, c := range r.recordColumns() {
		rc := lineChart{ID: "record-" + strconv.Itoa(i), Dates: dates, YLabel: ratioLabel,
			Title: "Recorded: " + c.Name + " (the last value at each session's end)",
			Lines: []line{{Name: c.Name, Class: "record"}}, Empty: "No value recorded"}
		rc.Lines[0].Ys = r.recordValues(c, i)
		d.Records = append(d.Records, template.HTML(rc.svg()))
	}

	d.TransactionsTotal = len(res.Transactions)
	d.Cap = r.opts.maxTrades()
	shown := min(d.Cap, len(res.Transactions))
	d.Omitted = len(res.Transactions) - shown
	d.Transactions = make([]tradeRow, shown)
	tradeLayout := "2006-01-02 15:04"
	if res.DatesOnly {
		tradeLayout = dateLayout // sessions of a data calendar have no hours
	}
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
