package csvsource

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Layouts the reader accepts, each read for every backend to the same
// bar: 2024-01-02, open 1.5, high 2.25, low 1, close 2, volume 1200000000.
func TestReadSeriesLayouts(t *testing.T) {
	backendtest.Run(t, testLayoutsByName)
}

//penny:backends
func testLayouts[N numeric.Number[N]](t *testing.T) {
	cases := []struct {
		name  string
		text  string
		delim byte
	}{
		{"plain", "Date,Open,High,Low,Close,Volume\n2024-01-02,1.5,2.25,1,2,1200000000\n", 0},
		{"no final newline", "Date,Open,High,Low,Close,Volume\n2024-01-02,1.5,2.25,1,2,1200000000", 0},
		{"CRLF", "Date,Open,High,Low,Close,Volume\r\n2024-01-02,1.5,2.25,1,2,1200000000\r\n", 0},
		{"lower case, other order, extra columns", "volume,close,low,high,open,date,openinterest,adj close\n1200000000,2,1,2.25,1.5,2024-01-02,7,1.9\n", 0},
		{"upper case with spaces", " DATE , OPEN , HIGH , LOW , CLOSE , VOLUME \n 2024-01-02 , 1.5 , 2.25 , 1 , 2 , 1200000000 \n", 0},
		{"byte order mark", "\ufeffDate,Open,High,Low,Close,Volume\n2024-01-02,1.5,2.25,1,2,1200000000\n", 0},
		{"quoted", "\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\n\"2024-01-02\",\"1.5\",\"2.25\",\"1\",\"2\",\"1200000000\"\n", 0},
		{"quoted delimiter in an ignored column", "Date,Note,Open,High,Low,Close,Volume\n2024-01-02,\"a, \"\"b\"\"\",1.5,2.25,1,2,1200000000\n", 0},
		{"exponent and trailing zeros", "Date,Open,High,Low,Close,Volume\n2024-01-02,1.500000,2.2500,1.0,2e0,1.2e9\n", 0},
		{"blank lines", "\n\nDate,Open,High,Low,Close,Volume\n\n2024-01-02,1.5,2.25,1,2,1200000000\n\n", 0},
		{"semicolons", "Date;Open;High;Low;Close;Volume\n2024-01-02;1.5;2.25;1;2;1200000000\n", ';'},
		{"tabs", "Date\tOpen\tHigh\tLow\tClose\tVolume\n2024-01-02\t1.5\t2.25\t1\t2\t1200000000\n", '\t'},
		{"timestamp column (midnight New York)", "Timestamp,Open,High,Low,Close,Volume\n2024-01-02T05:00:00Z,1.5,2.25,1,2,1200000000\n", 0},
		{"time column alone", "time,open,high,low,close,volume\n2024-01-02,1.5,2.25,1,2,1200000000\n", 0},
	}
	want := []string{"1.5", "2.25", "1", "2", "1200000000"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _, err := ReadSeries[N](strings.NewReader(tc.text), "l.csv", Options{Calendar: calendar.XNYS(), Delimiter: tc.delim})
			if err != nil {
				t.Fatal(err)
			}
			if s.Len() != 1 {
				t.Fatalf("%d bars, want 1", s.Len())
			}
			if d := s.Bar(0).At().Format("2006-01-02 15:04"); d != "2024-01-02 21:00" {
				t.Errorf("stamp %s, want 2024-01-02 21:00 (UTC, the close)", d)
			}
			for i, f := range market.Fields() {
				if got := s.Column(f)[0].String(); got != want[i] {
					t.Errorf("%s = %s, want %s", f, got, want[i])
				}
			}
		})
	}
}

// Lines cut across reads and chunks read the same as whole ones.
func TestReadSeriesChunks(t *testing.T) {
	text := minuteText(20_000) // about 1 MB: four chunks
	opt := Options{Frequency: market.Minute, Calendar: calendar.TwentyFourSeven()}
	whole, _, err := ReadSeries[numeric.Fixed](bytes.NewReader(text), "m.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if whole.Len() != 20_000 {
		t.Fatalf("%d bars, want 20000", whole.Len())
	}
	for name, r := range map[string]io.Reader{
		"one byte at a time": iotest.OneByteReader(bytes.NewReader(text)),
		"half reads":         iotest.HalfReader(bytes.NewReader(text)),
		"CRLF":               bytes.NewReader(bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))),
	} {
		s, _, err := ReadSeries[numeric.Fixed](r, "m.csv", opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameSeries(t, &whole, &s)
	}
}

func TestReadSeriesReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(head+"2024-01-02,1,2,1,2,10\n2024-01-03,1,2"), iotest.ErrReader(boom))
	_, _, err := ReadSeries[numeric.Fixed](r, "e.csv", Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, boom) || pe.File != "e.csv" {
		t.Fatalf("error %v, want a *ParseError for e.csv wrapping the read error", err)
	}
}

func TestReadSeriesLineTooLong(t *testing.T) {
	text := head + "2024-01-02,1,2,1,2,10\n2024-01-03," + strings.Repeat("1", maxLineSize) + "\n"
	_, _, err := ReadSeries[numeric.Fixed](strings.NewReader(text), "long.csv", Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrLineTooLong) || pe.Line != 3 {
		t.Fatalf("error %v, want line 3 too long", err)
	}
	// Just below the limit is fine (and fails for its number, not its length).
	text = head + "2024-01-02,1,2,1,2," + strings.Repeat("1", maxLineSize/2) + "\n"
	if _, _, err := ReadSeries[numeric.Decimal](strings.NewReader(text), "long.csv", Options{}); err != nil {
		t.Fatalf("a line of half the limit: %v", err)
	}
}
