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
		{"syntax", "d,r\n2024-01-02,+1e-3\n2024-01-03,.5\n2024-01-04,-2.\n2024-01-05,1E+2\n", []string{"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"}, []float64{0.001, 0.5, -2, 100}},
		{"timestamps", "t,r\n2024-01-02T21:00:00Z,1\n2024-01-03T16:00:00-05:00,2\n2024-01-04 21:00:00+00:00,3\n2024-01-05 00:00:00,4\n2024-01-06T00:00:00.5,5\n",
			[]string{"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06"}, []float64{1, 2, 3, 4, 5}},
		{"crlf, blank lines, extra columns", "date,return,x\r\n\r\n2024-01-02,0.25,a\r\n2024-01-03,0.5,\"b,c\"\r\n", []string{"2024-01-02", "2024-01-03"}, []float64{0.25, 0.5}},
		{"no final newline", "date,return\n2024-01-02,0.1", []string{"2024-01-02"}, []float64{0.1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := metrics.ReadReturnsCSV("f.csv", strings.NewReader(tt.in))
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
			_, err := metrics.ReadReturnsCSV("r.csv", strings.NewReader(tt.in))
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
		if _, err := metrics.ReadReturnsCSV("e.csv", strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "e.csv: ") {
			t.Errorf("ReadReturnsCSV(%q) = %v, want an error naming e.csv", in, err)
		}
	}
	_, err := metrics.ReadReturnsCSV("q.csv", strings.NewReader("date,return\n2024-01-02,\"0.1\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "q.csv:2:") {
		t.Errorf("bad quoting: err = %v, want q.csv:2:...", err)
	}
}

func TestDatedReturnsAlignTo(t *testing.T) {
	rets, err := metrics.ReadReturnsCSV("r", strings.NewReader("d,r\n2024-01-02,1\n2024-01-03,2\n2024-01-05,3\n"))
	if err != nil {
		t.Fatal(err)
	}
	bench, err := metrics.ReadReturnsCSV("b", strings.NewReader("d,r\n2024-01-01,9\n2024-01-03T21:00:00Z,20\n2024-01-04,99\n2024-01-05,30\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := bench.AlignTo(rets)
	if len(got) != 3 || !math.IsNaN(got[0]) || got[1] != 20 || got[2] != 30 {
		t.Errorf("AlignTo = %v, want [NaN 20 30]", got)
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
		"",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := metrics.ReadReturnsCSV("fuzz.csv", strings.NewReader(in))
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
		back, err := metrics.ReadReturnsCSV("again.csv", strings.NewReader(b.String()))
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
