package metrics

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"
)

// DatedReturns is a returns series read from a CSV file by
// ReadReturnsCSV: one simple return per row, oldest first, with the row's
// calendar date.
type DatedReturns struct {
	// Column is the name of the column the returns were read from.
	Column string
	// Dates are the rows' calendar dates as written (a timestamp's date in
	// its own offset, not converted to UTC), at midnight UTC; they
	// increase strictly.
	Dates []time.Time
	// Values are the returns, NaN where missing; one per date.
	Values []float64
	// Missing counts the NaN values.
	Missing int
	// Large counts the values above 1 in magnitude (a gain of more than
	// 100% in one period), a minority of them (a majority is an error);
	// FirstLarge names the first. Such values are possible, but suggest a
	// column in percent: a caller should warn (penny stats does).
	Large      int
	FirstLarge *RowError
}

// MaxReturn is the largest simple return ReadReturnsCSV accepts: a gain of
// 100,000% in one period. Beyond it a value is not a return (1e308
// overflowed every statistic to infinity).
const MaxReturn = 1000

// AlignTo returns the values of d on the dates of ref: NaN where d has no
// row for a date of ref. Dates of d that ref lacks are dropped. The
// result pairs with ref.Values, as SummarizeWithBenchmark wants its
// benchmark.
func (d *DatedReturns) AlignTo(ref *DatedReturns) []float64 {
	byDate := make(map[time.Time]float64, len(d.Dates))
	for i, t := range d.Dates {
		byDate[t] = d.Values[i]
	}
	out := make([]float64, len(ref.Dates))
	for i, t := range ref.Dates {
		v, ok := byDate[t]
		if !ok {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

// RowError is a bad row of a returns CSV: it names the file, the line,
// the column and the value, as encoding/csv's ParseError does.
type RowError struct {
	File   string
	Line   int
	Column string // "date", or the returns column's name; empty for a row-level problem
	Value  string
	Msg    string
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s %q: %s", e.File, e.Line, e.Column, limit.Clip(e.Value), e.Msg)
}

// ColumnError is a returns CSV whose returns column cannot be told: the
// column asked for is not there, or none was asked for and none or
// several columns qualify. Columns lists the file's columns.
type ColumnError struct {
	File    string
	Columns []string
	Msg     string
}

func (e *ColumnError) Error() string {
	const show = 20
	cols := make([]string, 0, min(len(e.Columns), show)+1)
	for _, c := range e.Columns[:min(len(e.Columns), show)] {
		cols = append(cols, limit.Clip(c))
	}
	if len(e.Columns) > show {
		cols = append(cols, fmt.Sprintf("and %d more", len(e.Columns)-show))
	}
	return fmt.Sprintf("%s: %s (columns: %s)", e.File, e.Msg, strings.Join(cols, ", "))
}

// returnsColumns are the names that mark the returns column of a file
// (any case): pyfolio's and empyrical's "returns", and "return", the
// column of Penny's own daily.csv.
var returnsColumns = []string{"returns", "return"}

// ReadReturnsCSV reads a returns series from CSV text: a header row, then
// one row per period with a date in the first column and a simple return
// as a decimal fraction (0.0123 for +1.23%) in the returns column;
// further columns are ignored.
//
// The returns column is the one named column (any case, spaces around
// ignored). When column is empty it is the column named returns or
// return, else the only column besides the date whose every cell is a
// number or missing; a file with none or several such columns is a
// *ColumnError listing its columns, so that Penny's own daily.csv, whose
// portfolio_value and pnl are numbers too, is read by its return column
// and never by another.
//
// A date is 2006-01-02 or a timestamp (2006-01-02T15:04:05Z,
// 2006-01-02 15:04:05+00:00, or either without an offset); only its
// calendar date counts, and dates must increase, one row per date. A
// return is a plain decimal number: an optional sign, digits with an
// optional point, an optional exponent (no hexadecimal, no underscores,
// no infinities, no percent sign). An empty cell or NaN (any case) is a
// missing return. Spaces around a cell are ignored.
//
// Values that cannot be simple returns are refused: one below -1 (a loss
// of more than everything), one above MaxReturn, and a column where most
// values are above 1 in magnitude (prices, portfolio values or P&L in
// money, not fractions). A minority above 1 is read, counted in Large:
// it suggests percent units (5 for 5%), which the caller should warn of.
//
// Every error names name (the file): a bad row is a *RowError with the
// line, column and value.
func ReadReturnsCSV(name string, r io.Reader, column string) (*DatedReturns, error) {
	cr := csv.NewReader(limit.Lines(r, limit.Line))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: want a header row, then date,return rows", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	header = slices.Clone(header)
	line, _ := cr.FieldPos(0)
	if len(header) < 2 {
		return nil, &RowError{File: name, Line: line, Msg: fmt.Sprintf("header has %d column(s), want at least 2 (date, return)", len(header))}
	}
	if v := strings.TrimSpace(header[1]); v != "" && isDecimal(v) {
		return nil, &RowError{File: name, Line: line, Column: "return", Value: header[1], Msg: "a number where the header row should be: the file needs a header row (for example date,return)"}
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	col := -1
	if column != "" {
		if col = findColumn(header, column); col < 0 {
			return nil, &ColumnError{File: name, Columns: header, Msg: fmt.Sprintf("no column %q", column)}
		}
		if col == 0 {
			return nil, &ColumnError{File: name, Columns: header, Msg: fmt.Sprintf("column %q holds the dates, not returns", column)}
		}
	} else {
		for _, n := range returnsColumns {
			if c := findColumn(header, n); c > 0 {
				col = c
				break
			}
		}
	}

	// The rows, kept until the returns column is known.
	type row struct {
		line  int
		cells []string
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, row{line, rec})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	if col < 0 {
		var numeric []int
		for c := 1; c < len(header); c++ {
			ok := true
			for _, r := range rows {
				if c < len(r.cells) {
					if _, err := parseReturn(strings.TrimSpace(r.cells[c])); err != nil {
						ok = false
						break
					}
				}
			}
			if ok {
				numeric = append(numeric, c)
			}
		}
		switch len(numeric) {
		case 1:
			col = numeric[0]
		case 0:
			return nil, &ColumnError{File: name, Columns: header, Msg: "no column named returns, and no column of numbers besides the date"}
		default:
			names := make([]string, len(numeric))
			for i, c := range numeric {
				names[i] = header[c]
			}
			return nil, &ColumnError{File: name, Columns: header, Msg: fmt.Sprintf("no column named returns, and %d columns of numbers (%s): name the returns column", len(numeric), strings.Join(names, ", "))}
		}
	}

	d := &DatedReturns{Column: header[col]}
	large, present := 0, 0
	var belowOne *RowError // the first value below -1
	var tooLarge *RowError // the first value above MaxReturn
	for _, r := range rows {
		if len(r.cells) <= col {
			return nil, &RowError{File: name, Line: r.line, Msg: fmt.Sprintf("row has %d column(s), want at least %d (date, ..., %s)", len(r.cells), col+1, header[col])}
		}
		t, err := parseReturnDate(strings.TrimSpace(r.cells[0]))
		if err != nil {
			return nil, &RowError{File: name, Line: r.line, Column: "date", Value: r.cells[0], Msg: err.Error()}
		}
		if n := len(d.Dates); n > 0 && !d.Dates[n-1].Before(t) {
			return nil, &RowError{File: name, Line: r.line, Column: "date", Value: r.cells[0],
				Msg: fmt.Sprintf("not after the previous row's %s (dates must increase, one row per date)", d.Dates[n-1].Format(time.DateOnly))}
		}
		v, err := parseReturn(strings.TrimSpace(r.cells[col]))
		if err != nil {
			return nil, &RowError{File: name, Line: r.line, Column: header[col], Value: r.cells[col], Msg: err.Error()}
		}
		switch {
		case math.IsNaN(v):
			d.Missing++
		default:
			present++
			if math.Abs(v) > 1 {
				large++
				if d.FirstLarge == nil {
					d.FirstLarge = &RowError{File: name, Line: r.line, Column: header[col], Value: r.cells[col], Msg: "above 1 in magnitude"}
				}
			}
			if v > MaxReturn && tooLarge == nil {
				tooLarge = &RowError{File: name, Line: r.line, Column: header[col], Value: r.cells[col],
					Msg: fmt.Sprintf("above %d (a gain of more than 100,000%% in one period): not a simple return", MaxReturn)}
			}
			if v < -1 && belowOne == nil {
				belowOne = &RowError{File: name, Line: r.line, Column: header[col], Value: r.cells[col], Msg: "below -1, a loss of more than everything: not a simple return"}
			}
		}
		d.Dates = append(d.Dates, t)
		d.Values = append(d.Values, v)
	}
	if 2*large > present {
		return nil, fmt.Errorf("%s: column %s: %d of its %d values are above 1 in magnitude: these are not simple returns (0.0123 for +1.23%%) but percentages, prices, values or amounts", name, header[col], large, present)
	}
	if belowOne != nil {
		return nil, belowOne
	}
	if tooLarge != nil {
		return nil, tooLarge
	}
	d.Large = large
	return d, nil
}

// findColumn returns the index of the column named name (any case), or
// -1.
func findColumn(header []string, name string) int {
	name = strings.TrimSpace(name)
	for i, h := range header {
		if strings.EqualFold(h, name) {
			return i
		}
	}
	return -1
}

// csvError names the file in an encoding/csv error, which already carries
// the line and column.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %w", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

var returnDateLayouts = []string{
	time.DateOnly,
	time.RFC3339,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
}

// parseReturnDate returns the calendar date of s at midnight UTC.
func parseReturnDate(s string) (time.Time, error) {
	for _, layout := range returnDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, errors.New("not a date (want 2006-01-02 or a timestamp such as 2006-01-02T15:04:05Z)")
}

// parseReturn reads a simple return written as a plain decimal number. An
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
