package main

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestParseReturns(t *testing.T) {
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
			s, err := parseReturns("f.csv", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.values) != len(tt.want) || len(s.dates) != len(tt.dates) {
				t.Fatalf("got %d values, %d dates; want %d", len(s.values), len(s.dates), len(tt.want))
			}
			missing := 0
			for i := range tt.want {
				g, w := s.values[i], tt.want[i]
				if !(g == w || math.IsNaN(g) && math.IsNaN(w)) {
					t.Errorf("value %d = %v, want %v", i, g, w)
				}
				if math.IsNaN(w) {
					missing++
				}
				if d := s.dates[i].String(); d != tt.dates[i] {
					t.Errorf("date %d = %s, want %s", i, d, tt.dates[i])
				}
			}
			if s.missing != missing {
				t.Errorf("missing = %d, want %d", s.missing, missing)
			}
		})
	}
}

func TestParseReturnsErrors(t *testing.T) {
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
			_, err := parseReturns("r.csv", strings.NewReader(tt.in))
			var re *rowError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *rowError", err)
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
		if _, err := parseReturns("e.csv", strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "e.csv: ") {
			t.Errorf("parseReturns(%q) = %v, want an error naming e.csv", in, err)
		}
	}
	_, err := parseReturns("q.csv", strings.NewReader("date,return\n2024-01-02,\"0.1\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "q.csv:2:") {
		t.Errorf("bad quoting: err = %v, want q.csv:2:...", err)
	}
}

func TestAlign(t *testing.T) {
	rets, err := parseReturns("r", strings.NewReader("d,r\n2024-01-02,1\n2024-01-03,2\n2024-01-05,3\n"))
	if err != nil {
		t.Fatal(err)
	}
	bench, err := parseReturns("b", strings.NewReader("d,r\n2024-01-01,9\n2024-01-03T21:00:00Z,20\n2024-01-04,99\n2024-01-05,30\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := bench.alignTo(rets)
	if len(got) != 3 || !math.IsNaN(got[0]) || got[1] != 20 || got[2] != 30 {
		t.Errorf("alignTo = %v, want [NaN 20 30]", got)
	}
}

func TestFormatStat(t *testing.T) {
	tests := []struct {
		v       float64
		percent bool
		want    string
	}{
		{0.123456, true, "12.35%"},
		{-0.1, true, "-10.00%"},
		{1.72386, false, "1.7239"},
		{math.NaN(), true, "NaN"},
		{math.Inf(1), false, "Infinity"},
		{math.Inf(-1), true, "-Infinity"},
	}
	for _, tt := range tests {
		if got := formatStat(tt.v, tt.percent); got != tt.want {
			t.Errorf("formatStat(%v, %v) = %q, want %q", tt.v, tt.percent, got, tt.want)
		}
	}
}

// TestStatsExitStatus runs the command in process for its exit status: 0
// on success, 2 for bad usage and bad input.
func TestStatsExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "date,return\n2024-01-02,0.01\n2024-01-03,0.03\n")
	bad := write("bad.csv", "date,return\n2024-01-02,0.01\n2024-01-03,zz\n")
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"ok", []string{"stats", good}, 0, ""},
		{"ok json", []string{"stats", "--json", good, "--period", "weekly"}, 0, ""},
		{"ok benchmark", []string{"stats", good, "-benchmark=" + good}, 0, ""},
		{"malformed", []string{"stats", bad}, 2, `bad.csv:3: return "zz"`},
		{"missing", []string{"stats", filepath.Join(dir, "nosuch.csv")}, 2, "no such file"},
		{"bad benchmark", []string{"stats", good, "--benchmark", bad}, 2, `bad.csv:3: return "zz"`},
		{"no file", []string{"stats"}, 2, "want one returns file, got 0"},
		{"bad flag", []string{"stats", good, "--nope"}, 2, "flag provided but not defined"},
		{"bad period", []string{"stats", good, "--period", "daily "}, 2, `--period "daily "`},
		{"help", []string{"stats", "--help"}, 0, "usage: penny stats"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(&env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}, tt.args)
			if status != tt.status {
				t.Errorf("status %d, want %d; stderr: %s", status, tt.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
			if tt.status != 0 && stdout.Len() != 0 {
				t.Errorf("stdout %q on failure, want nothing", stdout.String())
			}
		})
	}
}

// FuzzParseReturns: parseReturns never panics; what it accepts has one
// date per value, strictly increasing dates, values that are finite or NaN
// (missing), and reads back the same when written out again.
func FuzzParseReturns(f *testing.F) {
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
		s, err := parseReturns("fuzz.csv", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if len(s.values) == 0 || len(s.values) != len(s.dates) {
			t.Fatalf("%d values, %d dates", len(s.values), len(s.dates))
		}
		var b strings.Builder
		b.WriteString("date,return\n")
		missing := 0
		for i, v := range s.values {
			if math.IsInf(v, 0) {
				t.Fatalf("value %d is %v", i, v)
			}
			if i > 0 && !s.dates[i-1].before(s.dates[i]) {
				t.Fatalf("dates %s then %s", s.dates[i-1], s.dates[i])
			}
			text := strconv.FormatFloat(v, 'g', -1, 64)
			if math.IsNaN(v) {
				text, missing = "", missing+1
			}
			b.WriteString(s.dates[i].String() + "," + text + "\n")
		}
		if missing != s.missing {
			t.Fatalf("missing = %d, counted %d", s.missing, missing)
		}
		back, err := parseReturns("again.csv", strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("re-reading %q: %v", b.String(), err)
		}
		for i, v := range s.values {
			w := back.values[i]
			if math.Float64bits(v) != math.Float64bits(w) && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Fatalf("value %d: %v read back as %v", i, v, w)
			}
			if back.dates[i] != s.dates[i] {
				t.Fatalf("date %d: %s read back as %s", i, s.dates[i], back.dates[i])
			}
		}
	})
}
