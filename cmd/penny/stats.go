package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/pkg/metrics"
)

var statsCommand = command{
	summary: "compute performance statistics of a returns CSV, as empyrical does",
	run:     runStats,
}

const statsUsage = `usage: penny stats RETURNS.csv [--benchmark BENCH.csv] [--period daily|weekly|monthly] [--json]

Computes the performance statistics of a returns series with the
definitions of Quantopian's empyrical, so a series from elsewhere can be
checked against penny and pyfolio.

RETURNS.csv has a header row, then one row per period: a date (2006-01-02,
or a timestamp such as 2006-01-02T15:04:05Z or 2006-01-02 15:04:05+00:00)
and a simple return as a decimal fraction (0.0123 for +1.23%). An empty
cell or NaN is a missing return. Further columns are ignored. Dates must
increase, one row per date. The benchmark file has the same form and is
matched to the returns by date.

With --json it prints one object whose keys are empyrical's function names
(NaN and infinities as "NaN", "Infinity", "-Infinity").

flags:
`

func runStats(e *env, args []string) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	benchPath := fs.String("benchmark", "", "`CSV` of benchmark returns, matched by date, for alpha, beta and excess_sharpe")
	periodName := fs.String("period", "daily", "spacing of the returns: daily, weekly or monthly (252, 52 or 12 a year)")
	asJSON := fs.Bool("json", false, "print one JSON object keyed by empyrical's function names")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), statsUsage)
		fs.PrintDefaults()
	}

	// Flags may come before or after the file name.
	files, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(files) != 1 {
		fmt.Fprintf(e.stderr, "penny stats: want one returns file, got %d\n", len(files))
		fs.Usage()
		return 2
	}
	period, err := metrics.ParsePeriod(*periodName)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny stats: --period %q: want daily, weekly or monthly\n", *periodName)
		return 2
	}

	rets, err := readReturnsFile(files[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "penny stats: %v\n", err)
		return 2
	}
	cfg := metrics.Config{Period: period}
	var (
		summary metrics.Summary
		bench   *returnsSeries
		paired  int
	)
	if *benchPath != "" {
		bench, err = readReturnsFile(*benchPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "penny stats: %v\n", err)
			return 2
		}
		aligned := bench.alignTo(rets)
		for i, b := range aligned {
			if !math.IsNaN(b) && !math.IsNaN(rets.values[i]) {
				paired++
			}
		}
		if paired == 0 {
			fmt.Fprintf(e.stderr, "penny stats: warning: no date has a return in both %s and %s: alpha, beta and excess_sharpe are NaN\n", rets.file, bench.file)
		}
		summary = metrics.SummarizeWithBenchmark(rets.values, aligned, cfg)
	} else {
		summary = metrics.Summarize(rets.values, cfg)
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
func writeStatsTable(w io.Writer, rets, bench *returnsSeries, paired int, p metrics.Period, s metrics.Summary) error {
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
	if rets.missing > 0 {
		fmt.Fprintf(bw, "\nvalue_at_risk is NaN when a return is missing: empyrical takes numpy's percentile, which is.\n")
	}
	return bw.Flush()
}

func formatStat(v float64, percent bool) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case percent:
		return strconv.FormatFloat(v*100, 'f', 2, 64) + "%"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// returnsSeries is a returns CSV as read: one value per row, NaN where the
// return is missing, with the row's calendar date.
type returnsSeries struct {
	file    string
	dates   []civilDate
	values  []float64
	missing int
}

// civilDate is a calendar date as written in the file (in the timestamp's
// own offset, not converted to UTC), the key rows are matched on.
type civilDate struct {
	year  int
	month time.Month
	day   int
}

func (d civilDate) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day) }

func (d civilDate) before(o civilDate) bool {
	if d.year != o.year {
		return d.year < o.year
	}
	if d.month != o.month {
		return d.month < o.month
	}
	return d.day < o.day
}

func (s *returnsSeries) describe() string {
	if len(s.dates) == 0 {
		return "no rows"
	}
	return fmt.Sprintf("%d rows (%d missing), %s to %s", len(s.values), s.missing, s.dates[0], s.dates[len(s.dates)-1])
}

// alignTo returns the values of s on the dates of r: NaN where s has no row
// for a date of r. Dates of s that r lacks are dropped.
func (s *returnsSeries) alignTo(r *returnsSeries) []float64 {
	byDate := make(map[civilDate]float64, len(s.dates))
	for i, d := range s.dates {
		byDate[d] = s.values[i]
	}
	out := make([]float64, len(r.dates))
	for i, d := range r.dates {
		v, ok := byDate[d]
		if !ok {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

// rowError is a bad row of a returns file: it names the file, the line,
// the column and the value, as encoding/csv's ParseError does.
type rowError struct {
	File   string
	Line   int
	Column string // "date" or "return"; empty for a row-level problem
	Value  string
	Msg    string
}

func (e *rowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s %q: %s", e.File, e.Line, e.Column, e.Value, e.Msg)
}

func readReturnsFile(name string) (*returnsSeries, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseReturns(name, f)
}

// parseReturns reads a returns CSV (see statsUsage for the format). name
// is used in errors only.
func parseReturns(name string, r io.Reader) (*returnsSeries, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	s := &returnsSeries{file: name}

	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: want a header row, then date,return rows", name)
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	line, _ := cr.FieldPos(0)
	if len(header) < 2 {
		return nil, &rowError{File: name, Line: line, Msg: fmt.Sprintf("header has %d column(s), want at least 2 (date, return)", len(header))}
	}
	if v := strings.TrimSpace(header[1]); v != "" && isDecimal(v) {
		return nil, &rowError{File: name, Line: line, Column: "return", Value: header[1], Msg: "a number where the header row should be: the file needs a header row (for example date,return)"}
	}

	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) < 2 {
			return nil, &rowError{File: name, Line: line, Msg: fmt.Sprintf("row has %d column(s), want at least 2 (date, return)", len(rec))}
		}
		d, err := parseDate(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, &rowError{File: name, Line: line, Column: "date", Value: rec[0], Msg: err.Error()}
		}
		if n := len(s.dates); n > 0 && !s.dates[n-1].before(d) {
			return nil, &rowError{File: name, Line: line, Column: "date", Value: rec[0],
				Msg: fmt.Sprintf("not after the previous row's %s (dates must increase, one row per date)", s.dates[n-1])}
		}
		v, err := parseReturn(strings.TrimSpace(rec[1]))
		if err != nil {
			return nil, &rowError{File: name, Line: line, Column: "return", Value: rec[1], Msg: err.Error()}
		}
		if math.IsNaN(v) {
			s.missing++
		}
		s.dates = append(s.dates, d)
		s.values = append(s.values, v)
	}
	if len(s.values) == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	return s, nil
}

// csvErr names the file in an encoding/csv error, which already carries the
// line and column.
func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
}

func parseDate(s string) (civilDate, error) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return civilDate{t.Year(), t.Month(), t.Day()}, nil
		}
	}
	return civilDate{}, errors.New("not a date (want 2006-01-02 or a timestamp such as 2006-01-02T15:04:05Z)")
}

// parseReturn reads a simple return written as a plain decimal number
// (optional sign, digits with an optional point, optional exponent). An
// empty cell or NaN (any case) is a missing return, NaN.
func parseReturn(s string) (float64, error) {
	if s == "" || strings.EqualFold(s, "nan") {
		return math.NaN(), nil
	}
	if strings.HasSuffix(s, "%") {
		return 0, errors.New("a percentage: write returns as decimal fractions (0.015 for 1.5%)")
	}
	if !isDecimal(s) {
		return 0, errors.New("not a decimal number")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, errors.New("out of range")
	}
	return v, nil
}

// isDecimal reports whether s is [+-]digits[.digits][(e|E)[+-]digits] with
// at least one digit before the exponent.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
