package corpaction

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
)

// Validate checks an action that did not come from [ReadCSV] (a source
// such as Alpaca, a generator, a stored table) by the rules the reader
// applies to a row: a known type, valid symbols, a date at 00:00 UTC, a
// pay or record date not before it, the values the type uses present and
// valid (a positive ratio with terms up to 1e9, an amount that is not
// negative, and not zero but for a delisting, a target other than the
// symbol) and the others unset. The error is a *ParseError naming the
// action's Origin, the field (by its CSV column name) and the value.
func (a *Action[N]) Validate() error {
	fail := func(field, value string, err error) error {
		return &ParseError{File: a.Origin.File, Line: a.Origin.Line, Field: field, Value: clip(value), Err: err}
	}
	if a.Type < Split || int(a.Type) >= len(typeNames) {
		return fail(ColType, a.Type.String(), ErrType)
	}
	if a.Special && a.Type != CashDividend {
		return fail(ColType, a.Type.String(), fmt.Errorf("%w: only a cash dividend is special", ErrType))
	}
	u := a.Type.uses()
	if err := CheckSymbol(a.Symbol); err != nil {
		return fail(ColSymbol, a.Symbol, err)
	}
	day := func(field string, d time.Time, required bool) error {
		if d.IsZero() {
			if required {
				return fail(field, "", ErrMissing)
			}
			return nil
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			return fail(field, d.String(), fmt.Errorf("%w: want a date at 00:00 UTC", ErrDate))
		}
		return nil
	}
	if err := day(ColDate, a.Date, true); err != nil {
		return err
	}
	if err := day(ColPayDate, a.PayDate, false); err != nil {
		return err
	}
	if err := day(ColRecordDate, a.RecordDate, false); err != nil {
		return err
	}
	date := a.Date.Format(time.DateOnly)
	if !a.PayDate.IsZero() {
		if !u.payDate {
			return fail(ColPayDate, a.PayDate.Format(time.DateOnly), fmt.Errorf("%w %s", ErrUnused, a.Type))
		}
		if a.PayDate.Before(a.Date) {
			return fail(ColPayDate, a.PayDate.Format(time.DateOnly), fmt.Errorf("pay %w %s", ErrPayBeforeEx, date))
		}
	}
	if !a.RecordDate.IsZero() && a.RecordDate.Before(a.Date) {
		return fail(ColRecordDate, a.RecordDate.Format(time.DateOnly), fmt.Errorf("record %w %s", ErrPayBeforeEx, date))
	}
	switch {
	case u.ratio && a.Ratio.IsZero():
		return fail(ColRatio, "", fmt.Errorf("%w: %s needs a ratio", ErrMissing, a.Type))
	case !u.ratio && !a.Ratio.IsZero():
		return fail(ColRatio, a.Ratio.String(), fmt.Errorf("%w %s", ErrUnused, a.Type))
	case u.ratio:
		if _, err := checkRatio(a.Ratio, a.Ratio.String()); err != nil {
			return fail(ColRatio, a.Ratio.String(), fmt.Errorf("%w: %v", ErrRatio, err))
		}
	}
	switch {
	case !u.amount && !a.Amount.IsZero():
		return fail(ColAmount, a.Amount.String(), fmt.Errorf("%w %s", ErrUnused, a.Type))
	case u.amount && a.Amount.Sign() < 0:
		return fail(ColAmount, a.Amount.String(), fmt.Errorf("%w: negative", ErrAmount))
	case u.amount && a.Amount.IsZero() && a.Type != Delisting:
		return fail(ColAmount, a.Amount.String(), fmt.Errorf("%w: zero (a %s of nothing)", ErrAmount, a.Type))
	}
	switch {
	case a.Target == "" && u.target && a.Type != StockDividend:
		return fail(ColTarget, "", fmt.Errorf("%w: %s needs a target symbol", ErrMissing, a.Type))
	case a.Target != "" && !u.target:
		return fail(ColTarget, a.Target, fmt.Errorf("%w %s", ErrUnused, a.Type))
	case a.Target != "":
		if err := CheckSymbol(a.Target); err != nil {
			return fail(ColTarget, a.Target, err)
		}
		if a.Target == a.Symbol && a.Type != StockDividend {
			return fail(ColTarget, a.Target, fmt.Errorf("%w: the target of a %s is the symbol itself", ErrSymbol, a.Type))
		}
	}
	return nil
}

// Check validates every action (see [Action.Validate]) and refuses
// duplicates (the rule of [ReadCSV]): the check for actions from any
// source before they are stored or applied. The first error in the
// order given is returned; duplicates are looked for after every action
// passed.
func Check[N numeric.Number[N]](as []Action[N]) error {
	for i := range as {
		if err := as[i].Validate(); err != nil {
			return err
		}
	}
	sorted := append([]Action[N](nil), as...)
	Sort(sorted)
	return checkDuplicates(sorted)
}

// CheckSymbols refuses an action whose symbol or target is not one of
// symbols: the rule of [Resolve], for a source that stores actions with
// its bars. The error is a *ParseError matching ErrUnknownSymbol, naming
// where the action was read.
func CheckSymbols[N numeric.Number[N]](as []Action[N], symbols []string) error {
	known := make(map[string]bool, len(symbols))
	for _, s := range symbols {
		known[s] = true
	}
	for i := range as {
		a := &as[i]
		for _, f := range []struct{ col, sym string }{{ColSymbol, a.Symbol}, {ColTarget, a.Target}} {
			if f.sym != "" && !known[f.sym] {
				return &ParseError{File: a.Origin.File, Line: a.Origin.Line, Field: f.col, Value: f.sym,
					Err: fmt.Errorf("%w: add its bars to the data, or remove the action %s", ErrUnknownSymbol, a)}
			}
		}
	}
	return nil
}
