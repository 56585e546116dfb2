package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/drift"
	"github.com/pennybt/penny/numeric"
)

//go:embed compare.html.tmpl
var compareText string

// comparePage is parsed once and only executed after: not mutable state.
var comparePage = template.Must(template.New("compare.html").Parse(compareText))

// Comparison is one config run on several backends, as compare.html
// shows it: their equity curves overlaid, the drift of each from the
// reference backend's, session by session, their timings, and the first
// trade where each parts from the reference. Build it with AddRun, one
// call per backend, and write it with WriteHTML. The zero value is an
// empty comparison.
type Comparison struct {
	// Name is the config's name, the page's title.
	Name string
	runs []comparedRun
}

// comparedRun is what the comparison keeps of one backend's run: its
// figures, exactly, in a form common to every backend (a Float's exact
// binary value, a Fixed's or Decimal's decimal).
type comparedRun struct {
	backend   string
	summary   Summary
	capital   *big.Rat
	dates     []time.Time
	equity    []*big.Rat // the portfolio value at each session's end (nil if not finite)
	trades    []comparedTrade
	datesOnly bool
}

// comparedTrade is one fill, its numbers exact.
type comparedTrade struct {
	time                              time.Time
	symbol                            string
	amount, price, commission         *big.Rat
	amountS, priceS, commissionS, oid string
}

// AddRun adds the run of r to the comparison. Runs keep the order they
// are added in.
func AddRun[N numeric.Number[N]](c *Comparison, r *Report[N]) {
	res := r.Result
	run := comparedRun{backend: r.Summary.Backend, summary: r.Summary, capital: res.Capital.Rat(),
		dates: make([]time.Time, len(res.Snapshots)), equity: make([]*big.Rat, len(res.Snapshots)),
		trades: make([]comparedTrade, len(res.Transactions)), datesOnly: res.DatesOnly}
	for i, s := range res.Snapshots {
		run.dates[i], run.equity[i] = s.Session, s.PortfolioValue.Rat()
	}
	for i, t := range res.Transactions {
		run.trades[i] = comparedTrade{time: t.Time, symbol: t.Asset.Symbol,
			amount: t.Amount.Rat(), price: t.Price.Rat(), commission: t.Commission.Rat(),
			amountS: t.Amount.String(), priceS: t.Price.String(), commissionS: t.Commission.String(), oid: t.OrderID.String()}
	}
	c.runs = append(c.runs, run)
}

// reference returns the index of the run the others are compared with:
// that of the backend last in numeric's registry (Decimal, the
// arbitrary-precision reference every drift is measured from), the first
// such run when one backend ran twice.
func (c *Comparison) reference() int {
	backends := numeric.Backends()
	for k := len(backends) - 1; k >= 0; k-- {
		if i := slices.IndexFunc(c.runs, func(r comparedRun) bool { return r.backend == backends[k].Name }); i >= 0 {
			return i
		}
	}
	return 0
}

// compareData is what compare.html renders.
type compareData struct {
	Title, Subtitle, Reference string
	CSS                        template.CSS
	Script                     template.JS
	Sessions                   string
	Rows                       []compareRow
	Equity, EquityLog, Drift   template.HTML
	Parts                      []parting
}

// compareRow is a backend's line of the table.
type compareRow struct {
	Backend, Final, Return, FinalDrift, MaxDrift, Differing, Elapsed, Throughput, Overhead string
	Reference                                                                              bool
}

// parting is where a backend's trades part from the reference's.
type parting struct {
	Backend, Summary string
	// Trade is the number of the first trade that differs (1-based), 0
	// when none does; Ref and Other are the two trades there (empty for a
	// side that has no such trade); Diffs says how they differ, exactly.
	Trade      int
	Ref, Other []string
	Diffs      string
}

// rate writes a throughput in asset-bars per second.
func rate(v float64) string {
	switch {
	case !finite(v):
		return "-"
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 2, 64) + "M/s"
	}
	return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k/s"
}

// WriteHTML writes compare.html: one self-contained page (styles, SVG
// charts and the report's hover script inline) that is also well-formed
// XML. It has a table of the backends (final value, total return, drift
// of the final value and largest drift of the equity from the reference,
// sessions that differ, elapsed time, asset-bars per second, overhead over
// the registry's first backend, float); the equity curves overlaid, from the capital, on a linear or a
// logarithmic scale; each backend's drift from the reference at each
// session's end (value less the reference's, exactly, drawn in float64);
// and, for each backend, the first trade where it parts from the
// reference (time, symbol, amount, price, commission compared exactly) or
// a note that every trade is the reference's. The reference is the
// backend last in numeric's registry that ran: decimal, when it did.
func (c *Comparison) WriteHTML(w io.Writer) error {
	if len(c.runs) == 0 {
		return fmt.Errorf("report: compare.html: no run to compare")
	}
	ri := c.reference()
	ref := &c.runs[ri]
	title := c.Name
	if title == "" {
		title = "Penny backtest"
	}
	var names []string
	for _, r := range c.runs {
		names = append(names, r.backend)
	}
	s := ref.summary
	d := compareData{
		Title:     title + ": backends compared",
		Reference: ref.backend,
		Subtitle: fmt.Sprintf("%s on %s bars, %s to %s; drift against %s", strings.Join(names, ", "), s.Frequency,
			formatDate(s.Start), formatDate(s.End), ref.backend),
		CSS:      template.CSS(pageCSS),
		Script:   pageScript(),
		Sessions: sessionList(ref.dates),
	}

	// Overheads are over the registry's first backend (Float, the speed
	// baseline), when it ran.
	baseline := numeric.Backends()[0].Name
	baseTime := time.Duration(0)
	for _, r := range c.runs {
		if r.backend == baseline {
			baseTime = r.summary.Elapsed
		}
	}
	equity := lineChart{ID: "equity", Title: "Portfolio value by backend", Dates: ref.dates, Start: true, Format: hoverMoney,
		YLabel: moneyLabel, Empty: "No sessions"}
	diffs := lineChart{ID: "drift", Title: "Drift from " + ref.backend + ": portfolio value less " + ref.backend + "'s, at each session's end",
		Dates: ref.dates, Format: hoverNumber, YLabel: numberLabel, Zero: true, Empty: "No sessions"}
	for i, r := range c.runs {
		class := "backend-" + strconv.Itoa(i%4)
		values := make([]float64, len(r.equity))
		for k, v := range r.equity {
			values[k] = ratFloat(v)
		}
		equity.Lines = append(equity.Lines, line{Name: r.backend, Class: class, Ys: withStart(ratFloat(r.capital), values)})

		curve := drift.CompareCurves(r.equity, ref.equity)
		row := compareRow{Backend: r.backend, Reference: i == ri, Final: groupThousands(r.summary.EndingValue),
			Return: formatPercent(r.summary.TotalReturn), Elapsed: formatElapsed(r.summary.Elapsed),
			Throughput: rate(float64(r.summary.AssetBars) / r.summary.Elapsed.Seconds()),
			Overhead:   "-"}
		if baseTime > 0 && r.backend != baseline {
			row.Overhead = fmt.Sprintf("%+.1f%% over %s", (r.summary.Elapsed.Seconds()/baseTime.Seconds()-1)*100, baseline)
		}
		if i == ri {
			row.FinalDrift, row.MaxDrift, row.Differing = "reference", "reference", "reference"
		} else {
			last := func(e []*big.Rat) *big.Rat {
				if len(e) == 0 {
					return nil
				}
				return e[len(e)-1]
			}
			row.FinalDrift = ratText(drift.Compare(last(r.equity), last(ref.equity)).Diff)
			row.MaxDrift = ratText(curve.MaxAbs)
			row.Differing = fmt.Sprintf("%d of %d", curve.Differing, curve.Sessions)
			if curve.Missing > 0 || curve.Extra > 0 {
				row.MaxDrift += fmt.Sprintf(" (%d sessions without a value, %d more on one side)", curve.Missing, curve.Extra)
			}
			diff := make([]float64, min(len(r.equity), len(ref.equity)))
			for k := range diff {
				diff[k] = ratFloat(drift.Compare(r.equity[k], ref.equity[k]).Diff)
			}
			diffs.Lines = append(diffs.Lines, line{Name: r.backend, Class: class, Ys: diff})
			d.Parts = append(d.Parts, part(&c.runs[i], ref))
		}
		d.Rows = append(d.Rows, row)
	}
	if len(diffs.Lines) == 0 {
		diffs.Empty = "One backend: nothing to compare"
	}
	d.Equity = template.HTML(equity.svg())
	equity.ID, equity.Log, equity.Title, equity.ValuesFrom = "equity-log", true, equity.Title+" (log scale)", "equity"
	d.EquityLog = template.HTML(equity.svg())
	d.Drift = template.HTML(diffs.svg())
	if err := comparePage.Execute(w, d); err != nil {
		return fmt.Errorf("report: compare.html: %w", err)
	}
	return nil
}

// part finds the first trade where r parts from ref.
func part(r, ref *comparedRun) parting {
	p := parting{Backend: r.backend}
	layout := "2006-01-02 15:04"
	if ref.datesOnly {
		layout = dateLayout
	}
	show := func(t comparedTrade) []string {
		return []string{t.time.UTC().Format(layout), t.symbol, t.amountS, t.priceS, t.commissionS, t.oid}
	}
	n := min(len(r.trades), len(ref.trades))
	for i := range n {
		a, b := r.trades[i], ref.trades[i]
		if !a.time.Equal(b.time) || a.symbol != b.symbol || !sameRat(a.amount, b.amount) || !sameRat(a.price, b.price) ||
			!sameRat(a.commission, b.commission) {
			p.Trade, p.Ref, p.Other = i+1, show(b), show(a)
			p.Summary = fmt.Sprintf("%s parts from %s at trade %d of %d (%s has %d):", r.backend, ref.backend, i+1, len(ref.trades), r.backend, len(r.trades))
			var diffs []string
			if !a.time.Equal(b.time) {
				diffs = append(diffs, "time")
			}
			if a.symbol != b.symbol {
				diffs = append(diffs, "symbol")
			}
			for _, f := range []struct {
				name string
				x, y *big.Rat
			}{{"amount", a.amount, b.amount}, {"price", a.price, b.price}, {"commission", a.commission, b.commission}} {
				if !sameRat(f.x, f.y) {
					diffs = append(diffs, fmt.Sprintf("%s by %s", f.name, ratText(drift.Compare(f.x, f.y).Diff)))
				}
			}
			p.Diffs = fmt.Sprintf("They differ in %s (%s less %s, exactly; a float is the binary number it holds, which its shortest decimal above may hide).",
				strings.Join(diffs, ", "), r.backend, ref.backend)
			return p
		}
	}
	switch {
	case len(r.trades) == len(ref.trades):
		p.Summary = fmt.Sprintf("%s makes every one of %s's %d trades, to the digit: the same times, symbols, amounts, prices and commissions.", r.backend, ref.backend, n)
	case len(r.trades) > len(ref.trades):
		p.Trade, p.Other = n+1, show(r.trades[n])
		p.Summary = fmt.Sprintf("%s makes %s's %d trades, to the digit, and more: its trade %d is not %s's:", r.backend, ref.backend, n, n+1, ref.backend)
	default:
		p.Trade, p.Ref = n+1, show(ref.trades[n])
		p.Summary = fmt.Sprintf("%s makes the first %d of %s's %d trades, to the digit, and stops there: %s's trade %d is not %s's:", r.backend, n, ref.backend, len(ref.trades), ref.backend, n+1, r.backend)
	}
	return p
}

// sameRat reports whether two exact values are equal (missing ones equal
// nothing).
func sameRat(a, b *big.Rat) bool { return a != nil && b != nil && a.Cmp(b) == 0 }

// ratFloat returns the nearest float64 of r, NaN for a missing value.
func ratFloat(r *big.Rat) float64 {
	if r == nil {
		return math.NaN()
	}
	f, _ := r.Float64()
	return f
}

// ratText writes an exact difference: to 12 decimals (trailing zeros
// dropped), or with 4 significant digits when it is smaller than 1e-12;
// "?" when missing.
func ratText(r *big.Rat) string {
	switch {
	case r == nil:
		return "?"
	case r.Sign() == 0:
		return "0"
	}
	if new(big.Rat).Abs(r).Cmp(big.NewRat(1, 1e12)) < 0 {
		f, _ := r.Float64()
		return strconv.FormatFloat(f, 'g', 4, 64)
	}
	return strings.TrimRight(strings.TrimRight(r.FloatString(12), "0"), ".")
}
