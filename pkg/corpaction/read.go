package corpaction

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"

	"github.com/pennybt/penny/numeric"
)

// Column names of the CSV layout.
const (
	ColDate       = "date"
	ColSymbol     = "symbol"
	ColType       = "type"
	ColRatio      = "ratio"
	ColAmount     = "amount"
	ColPayDate    = "pay_date"
	ColRecordDate = "record_date"
	ColTarget     = "target"
)

// Columns returns the layout's columns in the order WriteCSV writes them
// (a new slice at each call).
func Columns() []string {
	return []string{ColDate, ColSymbol, ColType, ColRatio, ColAmount, ColPayDate, ColRecordDate, ColTarget}
}

// LoadCSV reads the actions file at path (see ReadCSV).
func LoadCSV[N numeric.Number[N]](path string) ([]Action[N], error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &ParseError{File: path, Err: err}
	}
	defer f.Close()
	return ReadCSV[N](f, path)
}

// ReadCSV reads actions in the layout of the package documentation from
// r; name is the file's name for errors. The actions come back sorted by
// date, then symbol, then line. Every error is a *ParseError.
func ReadCSV[N numeric.Number[N]](r io.Reader, name string) ([]Action[N], error) {
	cr := csv.NewReader(limit.Lines(r, limit.Line))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.Comment = '#'
	var col map[string]int
	var names []string
	var out []Action[N]
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{File: name, Line: pe.Line, Err: pe.Err}
			}
			return nil, &ParseError{File: name, Err: err}
		}
		line, _ := cr.FieldPos(0)
		if col == nil {
			if col, names, err = header(rec, name, line); err != nil {
				return nil, err
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(names) {
			return nil, &ParseError{File: name, Line: line, Value: clip(strings.Join(rec, ",")),
				Err: fmt.Errorf("%w: %d, the header has %d", ErrFieldCount, len(rec), len(names))}
		}
		a, err := row[N](rec, col, names, name, line)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if col == nil {
		return nil, &ParseError{File: name, Err: ErrEmpty}
	}
	Sort(out)
	if err := checkDuplicates(out); err != nil {
		return nil, err
	}
	return out, nil
}

// Sort orders actions by date, then symbol, then origin line (the order
// they are applied in on one date).
func Sort[N numeric.Number[N]](as []Action[N]) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := &as[i], &as[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if a.Symbol != b.Symbol {
			return a.Symbol < b.Symbol
		}
		return a.Origin.Line < b.Origin.Line
	})
}

func header(rec []string, file string, line int) (map[string]int, []string, error) {
	col := make(map[string]int, len(rec))
	names := make([]string, len(rec))
	for i, f := range rec {
		names[i] = strings.Clone(f)
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
		known := false
		for _, c := range Columns() {
			known = known || c == key
		}
		if !known {
			return nil, nil, &ParseError{File: file, Line: line, Field: names[i], Value: clip(f),
				Err: fmt.Errorf("%w (want %s)", ErrUnknownColumn, strings.Join(Columns(), ", "))}
		}
		if _, dup := col[key]; dup {
			return nil, nil, &ParseError{File: file, Line: line, Field: names[i], Value: clip(f), Err: ErrDuplicateColumn}
		}
		col[key] = i
	}
	for _, c := range []string{ColDate, ColSymbol, ColType} {
		if _, ok := col[c]; !ok {
			return nil, nil, &ParseError{File: file, Line: line, Value: clip(strings.Join(rec, ",")),
				Err: fmt.Errorf("%w %q", ErrMissingColumn, c)}
		}
	}
	return col, names, nil
}

func row[N numeric.Number[N]](rec []string, col map[string]int, names []string, file string, line int) (Action[N], error) {
	a := Action[N]{Origin: Origin{File: file, Line: line}}
	get := func(c string) (string, string) {
		i, ok := col[c]
		if !ok {
			return "", c
		}
		return strings.TrimSpace(rec[i]), names[i]
	}
	fail := func(field, value string, err error) (Action[N], error) {
		return Action[N]{}, &ParseError{File: file, Line: line, Field: field, Value: clip(value), Err: err}
	}
	v, f := get(ColType)
	t, special, err := ParseType(v)
	if err != nil {
		return fail(f, v, fmt.Errorf("%w: %v", ErrType, err))
	}
	a.Type, a.Special = t, special
	u := t.uses()

	v, f = get(ColSymbol)
	if err := CheckSymbol(v); err != nil {
		return fail(f, v, err)
	}
	a.Symbol = strings.Clone(v)

	date := func(c string, required bool) (time.Time, bool, error) {
		v, f := get(c)
		if v == "" {
			if required {
				_, err := fail(f, v, ErrMissing)
				return time.Time{}, false, err
			}
			return time.Time{}, false, nil
		}
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			_, err := fail(f, v, fmt.Errorf("%w: want YYYY-MM-DD", ErrDate))
			return time.Time{}, false, err
		}
		return d, true, nil
	}
	if a.Date, _, err = date(ColDate, true); err != nil {
		return a, err
	}
	var ok bool
	if a.PayDate, ok, err = date(ColPayDate, false); err != nil {
		return a, err
	}
	if ok && !u.payDate {
		v, f := get(ColPayDate)
		return fail(f, v, fmt.Errorf("%w %s", ErrUnused, t))
	}
	if ok && a.PayDate.Before(a.Date) {
		v, f := get(ColPayDate)
		return fail(f, v, fmt.Errorf("pay %w %s", ErrPayBeforeEx, a.Date.Format(time.DateOnly)))
	}
	if a.RecordDate, ok, err = date(ColRecordDate, false); err != nil {
		return a, err
	}
	if ok && a.RecordDate.Before(a.Date) {
		v, f := get(ColRecordDate)
		return fail(f, v, fmt.Errorf("record %w %s", ErrPayBeforeEx, a.Date.Format(time.DateOnly)))
	}

	v, f = get(ColRatio)
	switch {
	case v == "" && u.ratio:
		return fail(f, v, fmt.Errorf("%w: %s needs a ratio", ErrMissing, t))
	case v != "" && !u.ratio:
		return fail(f, v, fmt.Errorf("%w %s", ErrUnused, t))
	case v != "":
		r, err := ParseRatio(v)
		if err != nil {
			return fail(f, v, fmt.Errorf("%w: %v", ErrRatio, err))
		}
		a.Ratio = r
	}

	v, f = get(ColAmount)
	switch {
	case v == "" && u.amount:
		return fail(f, v, fmt.Errorf("%w: %s needs an amount", ErrMissing, t))
	case v != "" && !u.amount:
		return fail(f, v, fmt.Errorf("%w %s", ErrUnused, t))
	case v != "":
		x, err := numeric.Parse[N](v)
		if err != nil {
			return fail(f, v, err)
		}
		if x.Sign() < 0 {
			return fail(f, v, fmt.Errorf("%w: negative", ErrAmount))
		}
		if x.IsZero() && t != Delisting {
			return fail(f, v, fmt.Errorf("%w: zero (a %s of nothing)", ErrAmount, t))
		}
		a.Amount = x
	}

	v, f = get(ColTarget)
	switch {
	case v == "" && u.target && t != StockDividend:
		return fail(f, v, fmt.Errorf("%w: %s needs a target symbol", ErrMissing, t))
	case v != "" && !u.target:
		return fail(f, v, fmt.Errorf("%w %s", ErrUnused, t))
	case v != "":
		if err := CheckSymbol(v); err != nil {
			return fail(f, v, err)
		}
		if v == a.Symbol && t != StockDividend {
			return fail(f, v, fmt.Errorf("%w: the target of a %s is the symbol itself", ErrSymbol, t))
		}
		a.Target = strings.Clone(v)
	}
	return a, nil
}

// CheckSymbol refuses an empty symbol, one longer than 32 bytes, or one
// with spaces or control characters.
func CheckSymbol(s string) error {
	if s == "" {
		return fmt.Errorf("%w: empty", ErrSymbol)
	}
	if len(s) > 32 {
		return fmt.Errorf("%w: longer than 32 bytes", ErrSymbol)
	}
	for _, c := range s {
		if c <= ' ' || c == 0x7f || c == ',' || c == '"' {
			return fmt.Errorf("%w: character %q", ErrSymbol, c)
		}
	}
	return nil
}

// key is what makes two actions duplicates.
func key[N numeric.Number[N]](a *Action[N]) string {
	k := a.Date.Format(time.DateOnly) + "\x00" + a.Symbol + "\x00" + a.Type.String()
	if a.Type == CashDividend {
		k += "\x00" + a.Amount.String()
	}
	return k
}

// checkDuplicates refuses two actions of the same symbol, type and date
// (for cash dividends, also the same amount). as is sorted.
func checkDuplicates[N numeric.Number[N]](as []Action[N]) error {
	seen := make(map[string]Origin, len(as))
	for i := range as {
		k := key(&as[i])
		if o, dup := seen[k]; dup {
			a := &as[i]
			return &ParseError{File: a.Origin.File, Line: a.Origin.Line, Field: ColType, Value: a.String(),
				Err: fmt.Errorf("%w: same symbol, type and date as line %d", ErrDuplicate, o.Line)}
		}
		seen[k] = as[i].Origin
	}
	return nil
}

// WriteCSV writes actions in the layout ReadCSV reads.
func WriteCSV[N numeric.Number[N]](w io.Writer, as []Action[N]) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns()); err != nil {
		return err
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	for _, a := range as {
		ratio, amount, target := a.Values()
		typ := a.Type.String()
		if a.Special {
			typ = "special_dividend"
		}
		if err := cw.Write([]string{date(a.Date), a.Symbol, typ, ratio, amount, date(a.PayDate), date(a.RecordDate), target}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
