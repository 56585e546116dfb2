package corpaction

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

const goodCSV = `date,symbol,type,ratio,amount,pay_date,record_date,target
# NVDA's splits
2000-06-27,NVDA,split,2,,,,
2007-09-11,NVDA,split,3:2,,,,
2012-11-20,NVDA,cash_dividend,,0.075,2012-12-14,2012-11-22,
2012-11-20,NVDA,special_dividend,,1.25,2012-12-14,,

2010-01-04,ABC,split,0.1,,,,
2010-01-05,ABC,stock_dividend,0.05,,,,
2010-01-06,ABC,spin_off,1/3,,,,XYZ
2010-01-07,ABC,merger_stock_and_cash,0.5,12.5,2010-01-20,,XYZ
2010-01-08,OLD,name_change,,,,,NEW
2010-01-09,DEAD,delisting,,0,,,
2010-01-10,GONE,worthless_removal,,,,,
`

func TestReadCSV(t *testing.T) {
	backendtest.Run(t, testReadCSVByName)
}

//penny:backends
func testReadCSV[N numeric.Number[N]](t *testing.T) {
	as, err := ReadCSV[N](strings.NewReader(goodCSV), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 11 {
		t.Fatalf("%d actions, want 11", len(as))
	}
	// Sorted by date, then symbol.
	for i := 1; i < len(as); i++ {
		if as[i].Date.Before(as[i-1].Date) {
			t.Fatalf("not sorted: %v before %v", as[i-1], as[i])
		}
	}
	byLine := map[int]Action[N]{}
	for _, a := range as {
		byLine[a.Origin.Line] = a
	}
	if a := byLine[3]; a.Type != Split || a.Ratio != (Ratio{2, 1}) || a.Symbol != "NVDA" || !a.Date.Equal(time.Date(2000, 6, 27, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("line 3: %+v", a)
	}
	if a := byLine[4]; a.Ratio != (Ratio{3, 2}) {
		t.Errorf("3:2 read as %v", a.Ratio)
	}
	if a := byLine[5]; a.Type != CashDividend || a.Amount.String() != "0.075" || a.PayDate.Format(time.DateOnly) != "2012-12-14" || a.RecordDate.Format(time.DateOnly) != "2012-11-22" || a.Special {
		t.Errorf("line 5: %+v", a)
	}
	if a := byLine[6]; !a.Special || a.Amount.String() != "1.25" {
		t.Errorf("special dividend: %+v", a)
	}
	if a := byLine[8]; a.Ratio != (Ratio{1, 10}) {
		t.Errorf("0.1 read as %v", a.Ratio)
	}
	if a := byLine[9]; !a.IsSplitLike() || a.SplitRatio() != (Ratio{21, 20}) {
		t.Errorf("stock dividend 0.05: split-like %v ratio %v", a.IsSplitLike(), a.SplitRatio())
	}
	if a := byLine[10]; a.Type != SpinOff || a.Target != "XYZ" || a.Ratio != (Ratio{1, 3}) {
		t.Errorf("spin-off: %+v", a)
	}
	if a := byLine[11]; a.Amount.String() != "12.5" || a.Ratio != (Ratio{1, 2}) || a.Target != "XYZ" {
		t.Errorf("merger: %+v", a)
	}
	// Written back and read again: the same actions.
	var b strings.Builder
	if err := WriteCSV(&b, as); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCSV[N](strings.NewReader(b.String()), "b.csv")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for i := range as {
		if as[i].String() != back[i].String() || as[i].Special != back[i].Special || !as[i].PayDate.Equal(back[i].PayDate) {
			t.Errorf("round trip: %v became %v", as[i], back[i])
		}
	}
}

var badCSV = []struct {
	name, text string
	line       int
	field      string
	want       error
}{
	{"empty", "", 0, "", ErrEmpty},
	{"unknown column", "date,symbol,type,price\n", 1, "price", ErrUnknownColumn},
	{"missing column", "date,symbol,ratio\n", 1, "", ErrMissingColumn},
	{"duplicate column", "date,symbol,type,Date\n", 1, "Date", ErrDuplicateColumn},
	{"field count", "date,symbol,type,ratio\n2000-01-03,A,split\n", 2, "", ErrFieldCount},
	{"unknown type", "date,symbol,type,ratio\n2000-01-03,A,splitt,2\n", 2, "type", ErrType},
	{"bad date", "date,symbol,type,ratio\n2000-13-03,A,split,2\n", 2, "date", ErrDate},
	{"missing date", "date,symbol,type,ratio\n,A,split,2\n", 2, "date", ErrMissing},
	{"zero ratio", "date,symbol,type,ratio\n2000-01-03,A,split,0\n", 2, "ratio", ErrRatio},
	{"negative ratio", "date,symbol,type,ratio\n2000-01-03,A,split,-2\n", 2, "ratio", ErrRatio},
	{"zero ratio pair", "date,symbol,type,ratio\n2000-01-03,A,split,0:1\n", 2, "ratio", ErrRatio},
	{"bad ratio", "date,symbol,type,ratio\n2000-01-03,A,split,2x\n", 2, "ratio", ErrRatio},
	{"missing ratio", "date,symbol,type,ratio\n2000-01-03,A,split,\n", 2, "ratio", ErrMissing},
	{"negative dividend", "date,symbol,type,amount\n2000-01-03,A,cash_dividend,-0.5\n", 2, "amount", ErrAmount},
	{"zero dividend", "date,symbol,type,amount\n2000-01-03,A,cash_dividend,0\n", 2, "amount", ErrAmount},
	{"bad amount", "date,symbol,type,amount\n2000-01-03,A,cash_dividend,0.5.1\n", 2, "amount", numeric.ErrSyntax},
	{"unused amount", "date,symbol,type,ratio,amount\n2000-01-03,A,split,2,1\n", 2, "amount", ErrUnused},
	{"unused ratio", "date,symbol,type,ratio,amount\n2000-01-03,A,cash_dividend,2,1\n", 2, "ratio", ErrUnused},
	{"pay before ex", "date,symbol,type,amount,pay_date\n2000-01-03,A,cash_dividend,1,2000-01-02\n", 2, "pay_date", ErrPayBeforeEx},
	{"record before ex", "date,symbol,type,amount,record_date\n2000-01-03,A,cash_dividend,1,1999-12-31\n", 2, "record_date", ErrPayBeforeEx},
	{"missing target", "date,symbol,type,ratio,target\n2000-01-03,A,spin_off,1,\n", 2, "target", ErrMissing},
	{"self target", "date,symbol,type,target\n2000-01-03,A,name_change,A\n", 2, "target", ErrSymbol},
	{"empty symbol", "date,symbol,type,ratio\n2000-01-03,,split,2\n", 2, "symbol", ErrSymbol},
	{"duplicate", "date,symbol,type,ratio\n2000-01-03,A,split,2\n2000-01-04,B,split,2\n2000-01-03,A,split,3\n", 4, "type", ErrDuplicate},
	{"duplicate dividend", "date,symbol,type,amount\n2000-01-03,A,cash_dividend,1\n2000-01-03,A,cash_dividend,1\n", 3, "type", ErrDuplicate},
	{"bad quote", "date,symbol,type,ratio\n2000-01-03,\"A,split,2\n", 2, "", nil},
}

func TestReadCSVErrors(t *testing.T) {
	for _, tc := range badCSV {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV[numeric.Fixed](strings.NewReader(tc.text), "bad.csv")
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T), want a *ParseError", err, err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if pe.File != "bad.csv" || pe.Line != tc.line || pe.Field != tc.field {
				t.Errorf("error %v names file %q line %d field %q, want line %d field %q", err, pe.File, pe.Line, pe.Field, tc.line, tc.field)
			}
			if !strings.HasPrefix(err.Error(), "bad.csv") {
				t.Errorf("message %q does not start with the file", err)
			}
		})
	}
	// Fixed refuses a dividend it cannot hold; Decimal takes it.
	text := "date,symbol,type,amount\n2000-01-03,A,cash_dividend,0.123456789\n"
	if _, err := ReadCSV[numeric.Fixed](strings.NewReader(text), "p.csv"); !errors.Is(err, numeric.ErrPrecision) || !strings.Contains(err.Error(), "more decimals") {
		t.Errorf("fixed: %v", err)
	}
	if as, err := ReadCSV[numeric.Decimal](strings.NewReader(text), "p.csv"); err != nil || as[0].Amount.String() != "0.123456789" {
		t.Errorf("decimal: %v %v", as, err)
	}
}

func TestParseRatio(t *testing.T) {
	for in, want := range map[string]Ratio{"2": {2, 1}, "1.5": {3, 2}, "0.1": {1, 10}, "3:2": {3, 2}, "4/2": {4, 2}, "1": {1, 1}, "0.333": {333, 1000}} {
		if got, err := ParseRatio(in); err != nil || got != want {
			t.Errorf("ParseRatio(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1e3", "a", "1:", ":2", "1:0", "1.5:2", "2000000000", "NaN", "+-1"} {
		if r, err := ParseRatio(in); err == nil {
			t.Errorf("ParseRatio(%q) = %v, want an error", in, r)
		}
	}
	for _, tc := range []struct {
		n, o float64
		want Ratio
	}{{2, 1, Ratio{2, 1}}, {3, 2, Ratio{3, 2}}, {4, 2, Ratio{4, 2}}, {1, 10, Ratio{1, 10}}, {1.5, 1, Ratio{3, 2}}, {0.1, 1, Ratio{1, 10}}} {
		if got, err := RatioFromRates(tc.n, tc.o); err != nil || got != tc.want {
			t.Errorf("RatioFromRates(%v, %v) = %v, %v; want %v", tc.n, tc.o, got, err, tc.want)
		}
	}
	if _, err := RatioFromRates(0, 1); err == nil {
		t.Error("zero rate accepted")
	}
}
