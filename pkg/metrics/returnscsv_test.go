package metrics_test

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/metrics"
)

func TestReadReturnsCSV(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		in    string
		dates []string
		want  []float64
	}{
		{"plain", "date,return\n2024-01-02,0.01\n2024-01-03,-0.02\n", []string{"2024-01-02", "2024-01-03"}, []float64{0.01, -0.02}},
		{"missing", "date,return\n2024-01-02,\n2024-01-03,NaN\n2024-01-04,nan\n2024-01-05, 0.5 \n", []string{"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"}, []float64{nan, nan, nan, 0.5}},
		{"syntax", "d,r\n2024-01-02,+1e-3\n2024-01-03,.5\n2024-01-04,-1.\n2024-01-05,1E+0\n", []string{"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"}, []float64{0.001, 0.5, -1, 1}},
		{"timestamps", "t,r\n2024-01-02T21:00:00Z,.1\n2024-01-03T16:00:00-05:00,.2\n2024-01-04 21:00:00+00:00,.3\n2024-01-05 00:00:00,.4\n2024-01-06T00:00:00.5,.5\n",
			[]string{"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06"}, []float64{.1, .2, .3, .4, .5}},
		{"crlf, blank lines, extra columns", "date,return,x\r\n\r\n2024-01-02,0.25,a\r\n2024-01-03,0.5,\"b,c\"\r\n", []string{"2024-01-02", "2024-01-03"}, []float64{0.25, 0.5}},
		{"no final newline", "date,return\n2024-01-02,0.1", []string{"2024-01-02"}, []float64{0.1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := metrics.ReadReturnsCSV("f.csv", strings.NewReader(tt.in), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Values) != len(tt.want) || len(s.Dates) != len(tt.dates) {
				t.Fatalf("got %d values, %d dates; want %d", len(s.Values), len(s.Dates), len(tt.want))
			}
			missing := 0
			for i := range tt.want {
				g, w := s.Values[i], tt.want[i]
				if !(g == w || math.IsNaN(g) && math.IsNaN(w)) {
					t.Errorf("value %d = %v, want %v", i, g, w)
				}
				if math.IsNaN(w) {
					missing++
				}
				if d := s.Dates[i].Format(time.DateOnly); d != tt.dates[i] {
					t.Errorf("date %d = %s, want %s", i, d, tt.dates[i])
				}
			}
			if s.Missing != missing {
				t.Errorf("missing = %d, want %d", s.Missing, missing)
			}
		})
	}
}

func TestReadReturnsCSVErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		line   int
		column string
		value  string
	}{
		{"bad number", "date,return\n2024-01-02,0.01\n2024-01-03,abc\n", 3, "return", "abc"},
		{"hex", "date,return\n2024-01-02,0x1p-2\n", 2, "return", "0x1p-2"},
		{"underscore", "date,return\n2024-01-02,1_000\n", 2, "return", "1_000"},
		{"infinity", "date,return\n2024-01-02,+Inf\n", 2, "return", "+Inf"},
		{"overflow", "date,return\n2024-01-02,1e999\n", 2, "return", "1e999"},
		{"percent", "date,return\n2024-01-02,5%\n", 2, "return", "5%"},
		{"bare exponent", "date,return\n2024-01-02,1e\n", 2, "return", "1e"},
		{"bad date", "date,return\n2024-02-30,0.1\n", 2, "date", "2024-02-30"},
		{"no date", "date,return\n,0.1\n", 2, "date", ""},
		{"same day", "date,return\n2024-01-02T10:00:00Z,0.1\n2024-01-02T11:00:00Z,0.1\n", 3, "date", "2024-01-02T11:00:00Z"},
		{"backwards", "date,return\n2024-01-03,0.1\n2024-01-02,0.1\n", 3, "date", "2024-01-02"},
		{"one column", "date,return\n2024-01-02\n", 2, "", ""},
		{"header is data", "2024-01-02,0.1\n", 1, "return", "0.1"},
		{"narrow header", "date\n2024-01-02,0.1\n", 1, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := metrics.ReadReturnsCSV("r.csv", strings.NewReader(tt.in), "")
			var re *metrics.RowError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *metrics.RowError", err)
			}
			if re.File != "r.csv" || re.Line != tt.line || re.Column != tt.column || re.Value != tt.value {
				t.Errorf("error names %s:%d %s %q, want r.csv:%d %s %q (%v)", re.File, re.Line, re.Column, re.Value, tt.line, tt.column, tt.value, err)
			}
			prefix := "r.csv:" + strconv.Itoa(tt.line) + ": "
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("message %q does not start with %q", err, prefix)
			}
		})
	}
	for _, in := range []string{"", "date,return\n", "date,return\n\n"} {
		if _, err := metrics.ReadReturnsCSV("e.csv", strings.NewReader(in), ""); err == nil || !strings.HasPrefix(err.Error(), "e.csv: ") {
			t.Errorf("ReadReturnsCSV(%q) = %v, want an error naming e.csv", in, err)
		}
	}
	_, err := metrics.ReadReturnsCSV("q.csv", strings.NewReader("date,return\n2024-01-02,\"0.1\n"), "")
	if err == nil || !strings.HasPrefix(err.Error(), "q.csv:2:") {
		t.Errorf("bad quoting: err = %v, want q.csv:2:...", err)
	}
}

// dailyCSV has the layout of Penny's own daily.csv: the returns are in
// the column named return, beside other columns of numbers.
const dailyCSV = `date,portfolio_value,cash,positions_value,pnl,return,gross_leverage
2023-01-03,100000,100000,0,0,0,0
2023-01-04,100500,50000,50500,500,0.005,0.5
2023-01-05,99495,50000,49495,-1005,-0.01,0.49
`

// TestReadReturnsCSVColumn: the returns column is the one named, else
// the one named returns or return, else the only column of numbers; a
// file where it cannot be told is an error listing its columns.
func TestReadReturnsCSVColumn(t *testing.T) {
	tests := []struct {
		name, in, column string
		want             string  // the column read
		first            float64 // its first value
	}{
		{"penny's daily.csv", dailyCSV, "", "return", 0},
		{"named returns", "date,value,returns,note\n2024-01-02,100,0.01,x\n", "", "returns", 0.01},
		{"any case, spaces", "date, Returns ,x\n2024-01-02,0.02,3\n", "", "Returns", 0.02},
		{"returns before return", "date,return,returns\n2024-01-02,0.5,0.25\n", "", "returns", 0.25},
		{"the only column of numbers", "day,symbol,r,note\n2024-01-02,A,0.03,x\n2024-01-03,A,,y\n", "", "r", 0.03},
		{"asked for", dailyCSV, "gross_leverage", "gross_leverage", 0},
		{"asked for, any case", "date,a,b\n2024-01-02,0.1,0.2\n", "B", "b", 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := metrics.ReadReturnsCSV("f.csv", strings.NewReader(tt.in), tt.column)
			if err != nil {
				t.Fatal(err)
			}
			if d.Column != tt.want || d.Values[0] != tt.first {
				t.Errorf("read column %q, first value %v; want %q, %v", d.Column, d.Values[0], tt.want, tt.first)
			}
		})
	}
	bad := []struct {
		name, in, column string
		msg              string
	}{
		{"not there", dailyCSV, "returns_x", `no column "returns_x"`},
		{"the dates", dailyCSV, "date", `column "date" holds the dates`},
		{"several columns of numbers", "date,a,b\n2024-01-02,0.1,0.2\n", "", "2 columns of numbers (a, b)"},
		{"no column of numbers", "date,a,b\n2024-01-02,x,y\n", "", "no column of numbers"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := metrics.ReadReturnsCSV("f.csv", strings.NewReader(tt.in), tt.column)
			var ce *metrics.ColumnError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "f.csv: ") {
				t.Fatalf("err = %v, want a *metrics.ColumnError saying %q", err, tt.msg)
			}
			if !strings.HasSuffix(err.Error(), "(columns: "+strings.Join(ce.Columns, ", ")+")") || len(ce.Columns) < 3 {
				t.Errorf("%q does not list the columns %q", err, ce.Columns)
			}
		})
	}
}

// TestReadReturnsCSVNotReturns: values that cannot be simple returns are
// refused: prices or values (most above 1 in magnitude) and a loss of
// more than everything.
func TestReadReturnsCSVNotReturns(t *testing.T) {
	for _, column := range []string{"portfolio_value", "cash", "pnl"} {
		_, err := metrics.ReadReturnsCSV("daily.csv", strings.NewReader(dailyCSV), column)
		if err == nil || !strings.Contains(err.Error(), "daily.csv: column "+column+": ") || !strings.Contains(err.Error(), "not simple returns") {
			t.Errorf("column %s: err = %v, want it refused as not returns", column, err)
		}
	}
	// Half above 1 is not most: read, and counted for a warning.
	d, err := metrics.ReadReturnsCSV("f.csv", strings.NewReader("d,r\n2024-01-02,0.5\n2024-01-03,1.5\n2024-01-04,\n"), "")
	if err != nil || d.Large != 1 || d.FirstLarge == nil || d.FirstLarge.Line != 3 || d.FirstLarge.Value != "1.5" {
		t.Errorf("one of two above 1: %+v, %v", d, err)
	}
	// 1e308 overflowed every statistic.
	if _, err := metrics.ReadReturnsCSV("f.csv", strings.NewReader("d,r\n2024-01-02,0.1\n2024-01-03,1e308\n2024-01-04,0.1\n"), ""); err == nil ||
		!strings.Contains(err.Error(), "f.csv:3: r \"1e308\": above 1000") {
		t.Errorf("a return of 1e308: err = %v", err)
	}
	_, err = metrics.ReadReturnsCSV("f.csv", strings.NewReader("d,r\n2024-01-02,0.1\n2024-01-03,-1.5\n"), "")
	var re *metrics.RowError
	if !errors.As(err, &re) || re.Line != 3 || re.Column != "r" || re.Value != "-1.5" || !strings.Contains(err.Error(), "below -1") {
		t.Errorf("a return of -150%%: err = %v", err)
	}
}

func TestDatedReturnsAlignTo(t *testing.T) {
	rets, err := metrics.ReadReturnsCSV("r", strings.NewReader("d,r\n2024-01-02,.1\n2024-01-03,.2\n2024-01-05,.3\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	bench, err := metrics.ReadReturnsCSV("b", strings.NewReader("d,r\n2024-01-01,.9\n2024-01-03T21:00:00Z,.02\n2024-01-04,.99\n2024-01-05,.03\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	got := bench.AlignTo(rets)
	if len(got) != 3 || !math.IsNaN(got[0]) || got[1] != .02 || got[2] != .03 {
		t.Errorf("AlignTo = %v, want [NaN 0.02 0.03]", got)
	}
}

// FuzzReadReturnsCSV: ReadReturnsCSV never panics; what it accepts has one
// date per value, strictly increasing dates, values that are finite or NaN
// (missing), and reads back the same when written out again.
func FuzzReadReturnsCSV(f *testing.F) {
	seeds := []string{
		"date,return\n2024-01-02,0.01\n2024-01-03,-0.02\n",
		"date,return\n2024-01-02,\n2024-01-03,NaN\n",
		"t,r,x\n2024-01-02T21:00:00Z,1e-3,a\n2024-01-03 21:00:00+00:00,.5,\"b,c\"\n",
		"date,return\n2024-01-03,0.1\n2024-01-02,0.1\n",
		"2024-01-02,0.1\n",
		"date,return\n2024-01-02,\"0.1\n",
		"date,return\n2024-01-02,1e999\n",
		dailyCSV,
		"day,symbol,r,note\n2024-01-02,A,0.03,x\n2024-01-03,A,,y\n",
		"d,a,b\n2024-01-02,0.1,-1.5\n",
		"",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := metrics.ReadReturnsCSV("fuzz.csv", strings.NewReader(in), "")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if len(s.Values) == 0 || len(s.Values) != len(s.Dates) {
			t.Fatalf("%d values, %d dates", len(s.Values), len(s.Dates))
		}
		var b strings.Builder
		b.WriteString("date,return\n")
		missing := 0
		for i, v := range s.Values {
			if math.IsInf(v, 0) {
				t.Fatalf("value %d is %v", i, v)
			}
			if i > 0 && !s.Dates[i-1].Before(s.Dates[i]) {
				t.Fatalf("dates %v then %v", s.Dates[i-1], s.Dates[i])
			}
			text := strconv.FormatFloat(v, 'g', -1, 64)
			if math.IsNaN(v) {
				text, missing = "", missing+1
			}
			b.WriteString(s.Dates[i].Format(time.DateOnly) + "," + text + "\n")
		}
		if missing != s.Missing {
			t.Fatalf("missing = %d, counted %d", s.Missing, missing)
		}
		back, err := metrics.ReadReturnsCSV("again.csv", strings.NewReader(b.String()), "")
		if err != nil {
			t.Fatalf("re-reading %q: %v", b.String(), err)
		}
		for i, v := range s.Values {
			w := back.Values[i]
			if math.Float64bits(v) != math.Float64bits(w) && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Fatalf("value %d: %v read back as %v", i, v, w)
			}
			if back.Dates[i] != s.Dates[i] {
				t.Fatalf("date %d: %v read back as %v", i, s.Dates[i], back.Dates[i])
			}
		}
	})
}
