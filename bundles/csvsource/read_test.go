package csvsource

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

const (
	head  = "Date,Open,High,Low,Close,Volume\n"
	yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n"
)

type badCase struct {
	name  string
	text  string
	opt   Options
	err   error  // errors.Is target
	line  int    // 0: the file as a whole
	field string // "" when about the line or file
	value string
}

var badCases = []badCase{
	{name: "empty file", text: "", err: ErrEmpty},
	{name: "blank lines only", text: "\n  \n\r\n", err: ErrEmpty},
	{name: "header only", text: head, err: ErrNoData},
	{name: "missing volume column", text: "Date,Open,High,Low,Close\n2020-01-02,1,2,1,2\n", err: ErrMissingColumn, line: 1, field: "volume",
		value: "Date,Open,High,Low,Close"},
	{name: "missing date column", text: "Day,Open,High,Low,Close,Volume\n", err: ErrMissingColumn, line: 1, field: "date",
		value: "Day,Open,High,Low,Close,Volume"},
	{name: "duplicate column", text: "Date,Open,High,Low,Close,close,Volume\n", err: ErrDuplicateColumn, line: 1, field: "close", value: "close"},
	{name: "unparseable price", text: head + "2020-01-02,1,2,1,2,10\n2020-01-03,1,2,1,abc,10\n", err: numeric.ErrSyntax, line: 3, field: "Close", value: "abc"},
	{name: "empty price", text: head + "2020-01-02,1,2,,2,10\n", err: numeric.ErrSyntax, line: 2, field: "Low", value: ""},
	{name: "NaN", text: head + "2020-01-02,NaN,2,1,2,10\n", err: numeric.ErrSyntax, line: 2, field: "Open", value: "NaN"},
	{name: "infinity", text: head + "2020-01-02,1,+Inf,1,2,10\n", err: numeric.ErrSyntax, line: 2, field: "High", value: "+Inf"},
	{name: "yahoo null row", text: head + "2020-01-02,null,null,null,null,null\n", err: numeric.ErrSyntax, line: 2, field: "Open", value: "null"},
	{name: "unparseable volume", text: head + "2020-01-02,1,2,1,2,1O\n", err: numeric.ErrSyntax, line: 2, field: "Volume", value: "1O"},
	{name: "unparseable date", text: head + "2020-01-02,1,2,1,2,10\n02/01/2020,1,2,1,2,10\n", err: ErrTime, line: 3, field: "Date", value: "02/01/2020"},
	{name: "no such date", text: head + "2021-02-29,1,2,1,2,10\n", err: ErrTime, line: 2, field: "Date", value: "2021-02-29"},
	{name: "bad hour", text: "Datetime,Open,High,Low,Close,Volume\n2020-01-02 24:00:00,1,2,1,2,10\n",
		opt: Options{Frequency: market.Minute}, err: ErrTime, line: 2, field: "Datetime", value: "2020-01-02 24:00:00"},
	{name: "date without time in a minute file", text: head + "2020-01-02,1,2,1,2,10\n",
		opt: Options{Frequency: market.Minute}, err: ErrTime, line: 2, field: "Date", value: "2020-01-02"},
	{name: "unsorted", text: head + "2020-01-03,1,2,1,2,10\n2020-01-02,1,2,1,2,10\n", err: ErrUnsorted, line: 3, field: "Date", value: "2020-01-02"},
	{name: "duplicate timestamp", text: head + "2020-01-02,1,2,1,2,10\n2020-01-03,1,2,1,2,10\n2020-01-03,1,2,1,2,11\n",
		err: ErrDuplicate, line: 4, field: "Date", value: "2020-01-03"},
	{name: "off the minute grid", text: "Timestamp,Open,High,Low,Close,Volume\n2020-01-02T14:30:00Z,1,2,1,2,10\n2020-01-02T14:31:30Z,1,2,1,2,10\n",
		opt: Options{Frequency: market.Minute, Calendar: calendar.XNYS()}, err: ErrOffGrid, line: 3, field: "Timestamp", value: "2020-01-02T14:31:30Z"},
	{name: "off the minute grid of the data calendar", text: "Timestamp,Open,High,Low,Close,Volume\n2020-01-02T00:00:00Z,1,2,1,2,10\n2020-01-02T00:01:30Z,1,2,1,2,10\n",
		opt: Options{Frequency: market.Minute}, err: ErrOffGrid, line: 3, field: "Timestamp", value: "2020-01-02T00:01:30Z"},
	{name: "minute rows read as daily", text: "Datetime,Open,High,Low,Close,Volume\n2020-01-02 09:30:00,1,2,1,2,10\n2020-01-02 09:31:00,1,2,1,2,10\n",
		err: ErrFrequency, line: 3, field: "Datetime", value: "2020-01-02 09:31:00"},
	{name: "high below low", text: head + "2020-01-02,1,1,2,2,10\n", err: ErrHighBelowLow, line: 2, field: "High", value: "1"},
	{name: "open below low", text: head + "2020-01-02,0.5,2,1,2,10\n", err: ErrOutsideRange, line: 2, field: "Open", value: "0.5"},
	{name: "open above high", text: head + "2020-01-02,2.01,2,1,2,10\n", err: ErrOutsideRange, line: 2, field: "Open", value: "2.01"},
	{name: "close outside", text: head + "2020-01-02,1,2,1,2.5,10\n", err: ErrOutsideRange, line: 2, field: "Close", value: "2.5"},
	{name: "negative price", text: head + "2020-01-02,-1,2,-2,1,10\n", err: ErrNotPositive, line: 2, field: "Open", value: "-1"},
	{name: "zero low and close", text: head + "2020-01-02,1,2,1,2,10\n2020-01-03,1,2,0,0,10\n", err: ErrNotPositive, line: 3, field: "Low", value: "0"},
	{name: "all zero", text: head + "2020-01-02,0,0,0,0,0\n", err: ErrNotPositive, line: 2, field: "Open", value: "0"},
	{name: "negative volume", text: head + "2020-01-02,1,2,1,2,-10\n", err: ErrNegative, line: 2, field: "Volume", value: "-10"},
	{name: "adj_close without the column", text: head + "2020-01-02,1,2,1,2,10\n", opt: Options{Price: PriceAdjClose},
		err: ErrMissingColumn, line: 1, field: "Adj Close", value: "Date,Open,High,Low,Close,Volume"},
	{name: "zero adj close", text: yahoo + "2020-01-02,1,2,1,2,0,10\n", opt: Options{Price: PriceAdjClose},
		err: ErrNotPositive, line: 2, field: "Adj Close", value: "0"},
	{name: "adj close scaling a price to zero", text: yahoo + "2020-01-02,3,4,0.5,2,0.00000001,7\n", opt: Options{Price: PriceAdjClose},
		err: ErrNotPositive, line: 2, field: "Low", value: "0.5"},
	{name: "negative adj close", text: yahoo + "2020-01-02,1,2,1,2,-1.5,10\n", opt: Options{Price: PriceAdjClose},
		err: ErrNotPositive, line: 2, field: "Adj Close", value: "-1.5"},
	{name: "unparseable adj close", text: yahoo + "2020-01-02,1,2,1,2,1.9,10\n2020-01-03,1,2,1,2,null,10\n", opt: Options{Price: PriceAdjClose},
		err: numeric.ErrSyntax, line: 3, field: "Adj Close", value: "null"},
	{name: "too few fields", text: head + "2020-01-02,1,2,1,2\n", err: ErrFieldCount, line: 2, value: "2020-01-02,1,2,1,2"},
	{name: "too many fields", text: head + "2020-01-02,1,2,1,2,10,3\n", err: ErrFieldCount, line: 2, value: "2020-01-02,1,2,1,2,10,3"},
	{name: "beyond every range", text: head + "2020-01-02,1e7000,1e7000,1,1,10\n", err: numeric.ErrOverflow, line: 2, field: "Open", value: "1e7000"},
	{name: "holiday on XNYS", text: head + "2019-12-24,1,2,1,2,10\n2019-12-25,1,2,1,2,10\n",
		opt: Options{Calendar: calendar.XNYS()}, err: ErrOffCalendar, line: 3, field: "Date", value: "2019-12-25"},
	{name: "before the years of XNYS", text: head + "1985-01-02,1,2,1,2,10\n",
		opt: Options{Calendar: calendar.XNYS()}, err: ErrOffCalendar, line: 2, field: "Date", value: "1985-01-02"},
	{name: "pre-market minute on XNYS", text: "Timestamp,Open,High,Low,Close,Volume\n2020-01-02T14:29:00Z,1,2,1,2,10\n",
		opt: Options{Frequency: market.Minute, Calendar: calendar.XNYS()}, err: ErrOffCalendar, line: 2, field: "Timestamp", value: "2020-01-02T14:29:00Z"},
	{name: "nothing between start and end", text: head + "2020-01-02,1,2,1,2,10\n",
		opt: Options{Start: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}, err: ErrNoData},
}

// TestMessagesShowDates: a daily file's unsorted or duplicate rows are
// told by their dates, as the file writes them, never by the stamp of
// the session's close (1995-01-16 beside 1995-01-17T00:00:00Z); rows of
// two times of day on one date read as daily are a frequency mismatch,
// not a duplicate timestamp.
func TestMessagesShowDates(t *testing.T) {
	_, _, err := ReadSeries[numeric.Fixed](strings.NewReader(head+"1995-01-17,1,2,1,2,10\n1995-01-16,1,2,1,2,10\n"), "u.csv", Options{})
	if want := `u.csv:3: field "Date" value "1995-01-16": timestamps not increasing: the bar above is dated 1995-01-17, after this one (dated 1995-01-16)`; err == nil || err.Error() != want {
		t.Errorf("unsorted: %v\nwant %s", err, want)
	}
	_, _, err = ReadSeries[numeric.Fixed](strings.NewReader(head+"1995-01-17,1,2,1,2,10\n1995-01-17,1,2,1,2,10\n"), "d.csv", Options{})
	if want := `d.csv:3: field "Date" value "1995-01-17": duplicate timestamp: the bar above is also dated 1995-01-17`; err == nil || err.Error() != want {
		t.Errorf("duplicate: %v\nwant %s", err, want)
	}
	_, _, err = ReadSeries[numeric.Fixed](strings.NewReader("Datetime,Open,High,Low,Close,Volume\n2020-01-02 09:30:00,1,2,1,2,10\n2020-01-02 09:31:00,1,2,1,2,10\n"), "m.csv", Options{})
	if want := "frequency mismatch: a second bar on 2020-01-02 (the bar above is at 09:30:00): the file holds intraday bars, read as daily"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("minute rows read as daily: %v\nwant %s", err, want)
	}
}

func TestReadSeriesBadInput(t *testing.T) {
	backendtest.Run(t, testBadInputByName)
}

//penny:backends
func testBadInput[N numeric.Number[N]](t *testing.T) {
	for _, tc := range badCases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadSeries[N](strings.NewReader(tc.text), "bad.csv", tc.opt)
			checkParseError(t, err, tc)
		})
	}
}

func checkParseError(t *testing.T, err error, tc badCase) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", tc.err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T %v is not a *ParseError", err, err)
	}
	if !errors.Is(err, tc.err) {
		t.Errorf("error %q does not match %v", err, tc.err)
	}
	if pe.File != "bad.csv" || pe.Line != tc.line || pe.Field != tc.field || pe.Value != tc.value {
		t.Errorf("error names file %q line %d field %q value %q; want bad.csv line %d field %q value %q (%v)",
			pe.File, pe.Line, pe.Field, pe.Value, tc.line, tc.field, tc.value, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "bad.csv") {
		t.Errorf("message %q does not start with the file name", msg)
	}
	if tc.field != "" && !strings.Contains(msg, `"`+tc.field+`"`) {
		t.Errorf("message %q does not name the field %q", msg, tc.field)
	}
	if tc.value != "" && !strings.Contains(msg, tc.value) {
		t.Errorf("message %q does not show the value %q", msg, tc.value)
	}
}

// More decimals than Fixed holds: an error for fixed that says so, the
// exact value for decimal, the nearest float64 for float.
func TestReadSeriesPrecision(t *testing.T) {
	text := head + "2020-01-02,1.123456789,2,1,2,10\n"
	t.Run("backend=fixed", func(t *testing.T) {
		_, _, err := ReadSeries[numeric.Fixed](strings.NewReader(text), "bad.csv", Options{})
		checkParseError(t, err, badCase{err: numeric.ErrPrecision, line: 2, field: "Open", value: "1.123456789"})
		if err != nil && !strings.Contains(err.Error(), "more decimals than the fixed backend holds") {
			t.Errorf("message %q does not say fixed holds too few decimals", err)
		}
	})
	t.Run("backend=decimal", func(t *testing.T) {
		s, _, err := ReadSeries[numeric.Decimal](strings.NewReader(text), "ok.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Open[0].String(); got != "1.123456789" {
			t.Errorf("open = %s, want 1.123456789", got)
		}
	})
	t.Run("backend=float", func(t *testing.T) {
		s, _, err := ReadSeries[numeric.Float](strings.NewReader(text), "ok.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := float64(s.Open[0]); got != 1.123456789 {
			t.Errorf("open = %v, want 1.123456789", got)
		}
	})
}

func TestReadSeriesRepair(t *testing.T) {
	backendtest.Run(t, testRepairByName)
}

//penny:backends
func testRepair[N numeric.Number[N]](t *testing.T) {
	good := "2019-12-23,1,2,1,2,10\n"
	last := "2019-12-31,1,2,1,2,10\n"
	cases := []struct {
		name   string
		bad    string
		repair Repair
		err    error
	}{
		{"unparseable", "2019-12-24,null,null,null,null,null\n", Repair{DropUnparseable: true}, numeric.ErrSyntax},
		{"unparseable date", "2019/12/24,1,2,1,2,10\n", Repair{DropUnparseable: true}, ErrTime},
		{"invalid", "2019-12-24,1,1,2,2,10\n", Repair{DropInvalid: true}, ErrHighBelowLow},
		{"zero price", "2019-12-24,1,2,0,0,10\n", Repair{DropInvalid: true}, ErrNotPositive},
		{"duplicate", "2019-12-23,1,2,1,2,11\n", Repair{DropDuplicates: true}, ErrDuplicate},
		{"off calendar", "2019-12-25,1,2,1,2,10\n", Repair{DropOffCalendar: true}, ErrOffCalendar},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := head + good + tc.bad + last
			opt := Options{Calendar: calendar.XNYS()}
			// Strict by default.
			if _, _, err := ReadSeries[N](strings.NewReader(text), "r.csv", opt); !errors.Is(err, tc.err) {
				t.Fatalf("strict read: error %v, want %v", err, tc.err)
			}
			// Another repair does not drop it.
			other := Repair{DropUnparseable: true, DropInvalid: true, DropDuplicates: true, DropOffCalendar: true}
			switch {
			case tc.repair.DropUnparseable:
				other.DropUnparseable = false
			case tc.repair.DropInvalid:
				other.DropInvalid = false
			case tc.repair.DropDuplicates:
				other.DropDuplicates = false
			case tc.repair.DropOffCalendar:
				other.DropOffCalendar = false
			}
			opt.Repair = other
			if _, _, err := ReadSeries[N](strings.NewReader(text), "r.csv", opt); !errors.Is(err, tc.err) {
				t.Fatalf("read with other repairs: error %v, want %v", err, tc.err)
			}
			opt.Repair = tc.repair
			s, rep, err := ReadSeries[N](strings.NewReader(text), "r.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			if s.Len() != 2 || rep.Bars != 2 || rep.Rows != 3 || rep.Dropped != 1 || len(rep.Drops) != 1 {
				t.Fatalf("kept %d bars, report %+v; want 2 bars of 3 rows, 1 dropped", s.Len(), rep)
			}
			if d := rep.Drops[0]; d.Line != 3 || !errors.Is(d, tc.err) {
				t.Errorf("drop reported as %v, want line 3 matching %v", d, tc.err)
			}
			if err := s.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

// Precision and overflow are never repaired: the way out is a backend.
func TestRepairKeepsPrecisionFatal(t *testing.T) {
	text := head + "2020-01-02,1,2,1,2,10\n2020-01-03,1.000000001,2,1,2,10\n"
	all := Repair{DropUnparseable: true, DropInvalid: true, DropDuplicates: true, DropOffCalendar: true}
	_, _, err := ReadSeries[numeric.Fixed](strings.NewReader(text), "p.csv", Options{Repair: all})
	if !errors.Is(err, numeric.ErrPrecision) {
		t.Fatalf("error %v, want ErrPrecision", err)
	}
}

func TestReadSeriesDropsListed(t *testing.T) {
	var b strings.Builder
	b.WriteString(head)
	for d := 1; d <= 28; d++ {
		b.WriteString("2021-02-")
		b.WriteByte(byte('0' + d/10))
		b.WriteByte(byte('0' + d%10))
		if d%2 == 0 {
			b.WriteString(",x,2,1,2,10\n")
		} else {
			b.WriteString(",1,2,1,2,10\n")
		}
	}
	_, rep, err := ReadSeries[numeric.Fixed](strings.NewReader(b.String()), "d.csv", Options{Repair: Repair{DropUnparseable: true}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 28 || rep.Bars != 14 || rep.Dropped != 14 || len(rep.Drops) != MaxDropsListed {
		t.Fatalf("report %+v: want 28 rows, 14 bars, 14 dropped, %d listed", rep, MaxDropsListed)
	}
	for i, d := range rep.Drops {
		if d.Line != 3+2*i || d.Value != "x" {
			t.Errorf("drop %d: %v, want line %d value x", i, d, 3+2*i)
		}
	}
}
