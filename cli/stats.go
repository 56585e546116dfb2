package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/pennybt/penny/pkg/metrics"
)

var statsCommand = command{
	summary: "compute performance statistics of a returns CSV, as empyrical does",
	run:     runStats,
}

const statsUsage = `usage: penny stats RETURNS.csv [--column NAME] [--benchmark BENCH.csv] [--period daily|weekly|monthly] [--json]

Computes the performance statistics of a returns series with the
definitions of Quantopian's empyrical, so a series from elsewhere can be
checked against penny and pyfolio.

RETURNS.csv has a header row, then one row per period: a date (2006-01-02,
or a timestamp such as 2006-01-02T15:04:05Z or 2006-01-02 15:04:05+00:00)
in the first column and a simple return as a decimal fraction (0.0123 for
+1.23%) in the returns column: the column --column names, else the one
named returns or return (penny run's daily.csv has one), else the only
column of numbers. An empty cell or NaN is a missing return; a return
below -1 or above 1000, or a column mostly above 1 in magnitude (prices,
values), is an error; a few returns above 1 in magnitude are read with a
warning (they suggest percent units: 5 for 5%). Dates must increase, one
row per date. The benchmark file has the same form and is matched to the
returns by date.

With --json it prints one object whose keys are empyrical's function names
(NaN and infinities as "NaN", "Infinity", "-Infinity").
`

func runStats(e *env, args []string) int {
	fs := newFlagSet(e, "stats", statsUsage)
	column := fs.String("column", "", "the returns column's `NAME` (default: returns or return, else the only column of numbers)")
	benchPath := fs.String("benchmark", "", "`CSV` of benchmark returns, matched by date, for alpha, beta and excess_sharpe")
	periodName := fs.String("period", "daily", "`SPACING` of the returns: daily, weekly or monthly (252, 52 or 12 a year)")
	asJSON := fs.Bool("json", false, "print one JSON object keyed by empyrical's function names")
	// Flags may come before or after the file name.
	files, code, done := fs.parse(args)
	if done {
		return code
	}
	if len(files) != 1 {
		return fs.usageError("want one returns file, got %d", len(files))
	}
	period, err := metrics.ParsePeriod(*periodName)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny stats: --period %q: want daily, weekly or monthly\n", *periodName)
		return 2
	}

	rets, err := readReturnsFile(files[0], *column)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny stats: %v\n", err)
		return 2
	}
	warnLarge(e.stderr, rets)
	cfg := metrics.Config{Period: period}
	var (
		summary metrics.Summary
		bench   *returnsFile
		paired  int
	)
	if *benchPath != "" {
		bench, err = readReturnsFile(*benchPath, "")
		if err != nil {
			fmt.Fprintf(e.stderr, "penny stats: %v\n", err)
			return 2
		}
		warnLarge(e.stderr, bench)
		aligned := bench.AlignTo(rets.DatedReturns)
		for i, b := range aligned {
			if !math.IsNaN(b) && !math.IsNaN(rets.Values[i]) {
				paired++
			}
		}
		if paired == 0 {
			fmt.Fprintf(e.stderr, "penny stats: warning: no date has a return in both %s and %s: alpha, beta and excess_sharpe are NaN\n", rets.file, bench.file)
		}
		summary = metrics.SummarizeWithBenchmark(rets.Values, aligned, cfg)
	} else {
		summary = metrics.Summarize(rets.Values, cfg)
	}

	if *asJSON {
		b, err := json.MarshalIndent(summary, "", "  ")
		if err == nil {
			_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "penny stats: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeStatsTable(e.stdout, rets, bench, paired, period, summary); err != nil {
		fmt.Fprintf(e.stderr, "penny stats: %v\n", err)
		return 1
	}
	return 0
}

// writeStatsTable prints the summary for a person: what was read, then one
// line per statistic with its empyrical name.
func writeStatsTable(w io.Writer, rets, bench *returnsFile, paired int, p metrics.Period, s metrics.Summary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "returns    %s: %s\n", rets.file, rets.describe())
	if bench != nil {
		fmt.Fprintf(bw, "benchmark  %s: %s; %d matched by date\n", bench.file, bench.describe(), paired)
	}
	fmt.Fprintf(bw, "period     %s (%g a year)\n\n", p, p.AnnualizationFactor())
	type row struct {
		label, key string
		v          float64
		percent    bool
	}
	rows := []row{
		{"Cumulative return", "cum_returns_final", s.CumReturnsFinal, true},
		{"Annual return", "annual_return", s.AnnualReturn, true},
		{"Annual volatility", "annual_volatility", s.AnnualVolatility, true},
		{"Sharpe ratio", "sharpe_ratio", s.SharpeRatio, false},
		{"Sortino ratio", "sortino_ratio", s.SortinoRatio, false},
		{"Downside risk", "downside_risk", s.DownsideRisk, true},
		{"Max drawdown", "max_drawdown", s.MaxDrawdown, true},
		{"Calmar ratio", "calmar_ratio", s.CalmarRatio, false},
		{"Omega ratio", "omega_ratio", s.OmegaRatio, false},
		{"Stability", "stability_of_timeseries", s.StabilityOfTimeseries, false},
		{"Tail ratio", "tail_ratio", s.TailRatio, false},
		{"Value at risk (5%)", "value_at_risk", s.ValueAtRisk, true},
	}
	if s.HasBenchmark {
		rows = append(rows,
			row{"Alpha", "alpha", s.Alpha, true},
			row{"Beta", "beta", s.Beta, false},
			row{"Excess Sharpe", "excess_sharpe", s.ExcessSharpe, false},
		)
	}
	fmt.Fprintf(bw, "%-20s %12s  %s\n", "statistic", "value", "empyrical")
	for _, r := range rows {
		fmt.Fprintf(bw, "%-20s %12s  %s\n", r.label, formatStat(r.v, r.percent), r.key)
	}
	if rets.Missing > 0 {
		fmt.Fprintf(bw, "\nvalue_at_risk is NaN when a return is missing: empyrical takes numpy's percentile, which is.\n")
	}
	return bw.Flush()
}

// warnLarge warns of returns above 1 in magnitude (a gain of more than
// 100% in one period): possible, but the mark of a column in percent.
func warnLarge(w io.Writer, f *returnsFile) {
	if f.Large == 0 {
		return
	}
	fl := f.FirstLarge
	fmt.Fprintf(w, "penny stats: warning: %s: %d of %d returns are above 1 in magnitude (a gain of more than 100%% in one period; the first at line %d, %s): if the column is in percent, divide it by 100\n",
		f.file, f.Large, len(f.Values)-f.Missing, fl.Line, fl.Value)
}

// formatStat writes a statistic, a percentage when percent is set; beyond
// a million percent in scientific notation (2.307e+56%), never a number of
// 60 digits.
func formatStat(v float64, percent bool) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case percent && math.Abs(v*100) >= 1e6:
		return strconv.FormatFloat(v*100, 'g', 4, 64) + "%"
	case percent:
		return strconv.FormatFloat(v*100, 'f', 2, 64) + "%"
	case math.Abs(v) >= 1e6:
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// returnsFile is a returns CSV as read, with its file name.
type returnsFile struct {
	file string
	*metrics.DatedReturns
}

func (f returnsFile) describe() string {
	if len(f.Dates) == 0 {
		return "no rows"
	}
	return fmt.Sprintf("column %s, %d rows (%d missing), %s to %s", f.Column, len(f.Values), f.Missing,
		f.Dates[0].Format(time.DateOnly), f.Dates[len(f.Dates)-1].Format(time.DateOnly))
}

// readReturnsFile reads the returns of the file name, from its column
// column ("" for the default).
func readReturnsFile(name, column string) (*returnsFile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := metrics.ReadReturnsCSV(name, f, column)
	var ce *metrics.ColumnError
	if errors.As(err, &ce) && column == "" {
		return nil, fmt.Errorf("%w: choose the returns column with --column NAME", err)
	}
	if err != nil {
		return nil, err
	}
	return &returnsFile{file: name, DatedReturns: d}, nil
}
