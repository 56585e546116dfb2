package csvsource_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Daily bars in the Yahoo layout, on the NYSE calendar: each bar is
// stamped at its session's close (13:00 New York on the day after
// Thanksgiving), and the prices keep their digits.
func ExampleReadSeries() {
	text := `Date,Open,High,Low,Close,Adj Close,Volume
2019-11-27,45.549999,45.660000,45.290001,45.340000,42.651192,9968400
2019-11-29,45.450001,45.560001,44.970001,44.970001,42.303135,13269200
`
	s, _, err := csvsource.ReadSeries[numeric.Fixed](strings.NewReader(text), "orcl.csv",
		csvsource.Options{Calendar: calendar.XNYS()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range s.Len() {
		b := s.Bar(i)
		fmt.Println(b.At(), b.Open, b.High, b.Low, b.Close, b.Volume)
	}
	// Output:
	// 2019-11-27 21:00:00 +0000 UTC 45.549999 45.66 45.290001 45.34 9968400
	// 2019-11-29 18:00:00 +0000 UTC 45.450001 45.560001 44.970001 44.970001 13269200
}

// Minute bars stamped at the start of the minute by the vendor, in New
// York wall time: Penny stamps them at the end of the minute, in UTC.
func ExampleReadSeries_intraday() {
	text := `datetime,open,high,low,close,volume
2024-03-11 09:30:00,171.94,172.10,171.80,172.05,18523
2024-03-11 09:31:00,172.05,172.30,172.00,172.22,9120
`
	s, _, err := csvsource.ReadSeries[numeric.Decimal](strings.NewReader(text), "aapl.csv",
		csvsource.Options{Frequency: market.Minute, Calendar: calendar.XNYS()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range s.Len() {
		fmt.Println(s.Bar(i).At(), s.Close[i])
	}
	// Output:
	// 2024-03-11 13:31:00 +0000 UTC 172.05
	// 2024-03-11 13:32:00 +0000 UTC 172.22
}

// A bad row stops the reading with an error naming the file, the line, the
// field and the value.
func ExampleParseError() {
	text := "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9.5,10.5,100\n2024-01-03,10.5,10.2,10.4,10.3,100\n"
	_, _, err := csvsource.ReadSeries[numeric.Fixed](strings.NewReader(text), "x.csv", csvsource.Options{})
	fmt.Println(err)
	var pe *csvsource.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Field, pe.Value, errors.Is(err, csvsource.ErrHighBelowLow))
	}
	// Output:
	// x.csv:3: field "High" value "10.2": high below low 10.4
	// 3 High 10.2 true
}

// Repairs are explicit, and the report says what they dropped.
func ExampleRepair() {
	text := "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9.5,10.5,100\n2024-01-03,null,null,null,null,null\n2024-01-04,10.5,10.6,10.4,10.5,80\n"
	opt := csvsource.Options{Repair: csvsource.Repair{DropUnparseable: true}}
	s, rep, err := csvsource.ReadSeries[numeric.Fixed](strings.NewReader(text), "y.csv", opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Len(), "bars;", rep.Dropped, "dropped:", rep.Drops[0])
	// Output:
	// 2 bars; 1 dropped: y.csv:3: field "Open" value "null": not a decimal number
}
