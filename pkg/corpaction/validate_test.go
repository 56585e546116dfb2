package corpaction

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
)

// TestValidate: every action the reader accepts validates; each broken
// field is refused with its column, its value and the origin.
func TestValidate(t *testing.T) {
	as, err := ReadCSV[numeric.Fixed](strings.NewReader(goodCSV), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(as); err != nil {
		t.Fatalf("the reader's actions: %v", err)
	}
	for _, a := range as {
		if err := a.Validate(); err != nil {
			t.Errorf("%v: %v", a, err)
		}
	}
	split := func() Action[numeric.Fixed] {
		return Action[numeric.Fixed]{Type: Split, Symbol: "ABC", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
			Ratio: Ratio{2, 1}, Origin: Origin{File: "alpaca"}}
	}
	div := func() Action[numeric.Fixed] {
		a := split()
		a.Type, a.Ratio, a.Amount = CashDividend, Ratio{}, numeric.MustParse[numeric.Fixed]("0.25")
		return a
	}
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		name  string
		a     Action[numeric.Fixed]
		edit  func(a *Action[numeric.Fixed])
		field string
		is    error
	}{
		{"unknown type", split(), func(a *Action[numeric.Fixed]) { a.Type = 99 }, ColType, ErrType},
		{"special split", split(), func(a *Action[numeric.Fixed]) { a.Special = true }, ColType, ErrType},
		{"empty symbol", split(), func(a *Action[numeric.Fixed]) { a.Symbol = "" }, ColSymbol, ErrSymbol},
		{"no date", split(), func(a *Action[numeric.Fixed]) { a.Date = time.Time{} }, ColDate, ErrMissing},
		{"date with a time", split(), func(a *Action[numeric.Fixed]) { a.Date = a.Date.Add(time.Hour) }, ColDate, ErrDate},
		{"date in a zone", split(), func(a *Action[numeric.Fixed]) { a.Date = time.Date(2024, 1, 2, 0, 0, 0, 0, ny) }, ColDate, ErrDate},
		{"zero ratio", split(), func(a *Action[numeric.Fixed]) { a.Ratio = Ratio{} }, ColRatio, ErrMissing},
		{"negative ratio", split(), func(a *Action[numeric.Fixed]) { a.Ratio = Ratio{-1, 2} }, ColRatio, ErrRatio},
		{"huge ratio", split(), func(a *Action[numeric.Fixed]) { a.Ratio = Ratio{2e9, 1} }, ColRatio, ErrRatio},
		{"split with an amount", split(), func(a *Action[numeric.Fixed]) { a.Amount = numeric.Int[numeric.Fixed](1) }, ColAmount, ErrUnused},
		{"split with a pay date", split(), func(a *Action[numeric.Fixed]) { a.PayDate = a.Date }, ColPayDate, ErrUnused},
		{"split with a target", split(), func(a *Action[numeric.Fixed]) { a.Target = "XYZ" }, ColTarget, ErrUnused},
		{"negative dividend", div(), func(a *Action[numeric.Fixed]) { a.Amount = a.Amount.Neg() }, ColAmount, ErrAmount},
		{"zero dividend", div(), func(a *Action[numeric.Fixed]) { a.Amount = numeric.Zero[numeric.Fixed]() }, ColAmount, ErrAmount},
		{"paid before the ex-date", div(), func(a *Action[numeric.Fixed]) { a.PayDate = a.Date.AddDate(0, 0, -1) }, ColPayDate, ErrPayBeforeEx},
		{"record before the ex-date", div(), func(a *Action[numeric.Fixed]) { a.RecordDate = a.Date.AddDate(0, 0, -1) }, ColRecordDate, ErrPayBeforeEx},
		{"spin-off of itself", split(), func(a *Action[numeric.Fixed]) { a.Type, a.Target = SpinOff, "ABC" }, ColTarget, ErrSymbol},
		{"merger without target", split(), func(a *Action[numeric.Fixed]) { a.Type = MergerStock }, ColTarget, ErrMissing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.a
			tc.edit(&a)
			err := a.Validate()
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Field != tc.field || pe.File != "alpaca" || !errors.Is(err, tc.is) {
				t.Fatalf("%v: want a *ParseError of alpaca, field %s, matching %v", err, tc.field, tc.is)
			}
			if err := Check([]Action[numeric.Fixed]{split(), a}); err == nil || err.Error() != pe.Error() {
				t.Errorf("Check: %v, want %v", err, pe)
			}
		})
	}
	dup := []Action[numeric.Fixed]{split(), split()}
	dup[1].Origin = Origin{File: "b.csv", Line: 7}
	if err := Check(dup); !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), "b.csv:7") {
		t.Errorf("duplicates: %v", err)
	}
	if err := CheckSymbols(as, []string{"NVDA", "ABC", "XYZ", "OLD", "NEW", "DEAD"}); !errors.Is(err, ErrUnknownSymbol) || !strings.Contains(err.Error(), `a.csv:14: field "symbol" value "GONE"`) {
		t.Errorf("CheckSymbols: %v", err)
	}
	if err := CheckSymbols(as, []string{"NVDA", "ABC", "XYZ", "OLD", "NEW", "DEAD", "GONE"}); err != nil {
		t.Errorf("CheckSymbols with every symbol: %v", err)
	}
}
