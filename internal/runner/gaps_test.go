package runner

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/report"
)

// TestDataGap: files that do not overlap in time (ORCL's 1995 and the
// 2006 index) are joined with a warning naming the gap and the assets,
// and the annual return counts the eleven years between them, not the
// sessions only (before, 315 sessions were annualized as 1.25 years).
func TestDataGap(t *testing.T) {
	dir := t.TempDir()
	orcl, err := os.ReadFile("../../testdata/orcl-1995-2014.txt")
	if err != nil {
		t.Fatal(err)
	}
	var y1995 []string
	for i, l := range strings.Split(string(orcl), "\n") {
		if i == 0 || strings.HasPrefix(l, "1995-") {
			y1995 = append(y1995, l)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "ORCL.csv"), []byte(strings.Join(y1995, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx, err := filepath.Abs("../../testdata/2006-day-001.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := parse(t, "backend: fixed\ncapital: 100000\ndata: {source: csv, files: {ORCL: "+filepath.Join(dir, "ORCL.csv")+", IDX: "+idx+"}}\n"+
		"strategy: {name: sma_crossover, params: {fast: 10, slow: 30, shares: 10}}\n")
	data, err := LoadData[numeric.Fixed](c, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	want := "no asset has a bar from 1995-12-30 to 2006-01-01 (3656 days, more than 14): the data's files do not overlap in time (ORCL ends 1995-12-29; IDX starts 2006-01-02)"
	if len(data.Warnings) != 1 || !strings.Contains(data.Warnings[0], want) {
		t.Fatalf("warnings %q, want %q", data.Warnings, want)
	}
	res, err := Run(context.Background(), c, data, noEnv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := report.Summarize(res, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// (1 + total)^(1/years) - 1 over the calendar years 1995-01-03 ..
	// 2006-12-29, about 12.
	years := s.End.Sub(s.Start).Hours() / 24 / 365.25
	got := s.Metrics.AnnualReturn
	lo, hi := annual(s.TotalReturn, years+0.1), annual(s.TotalReturn, years-0.1)
	if s.Sessions >= 600 || !(got > lo && got < hi) {
		t.Fatalf("%d sessions, total return %v, annual return %v: want it annualized over about %.2f years (%v..%v)", s.Sessions, s.TotalReturn, got, years, lo, hi)
	}

	// One file: no warning.
	c = parse(t, "backend: fixed\ncapital: 100000\ndata: {source: csv, files: {IDX: "+idx+"}}\nstrategy: {name: sma_crossover, params: {fast: 10, slow: 30, shares: 10}}\n")
	if data, err = LoadData[numeric.Fixed](c, noEnv); err != nil || len(data.Warnings) != 0 {
		t.Fatalf("one file: warnings %q, %v", data.Warnings, err)
	}
}

func annual(total, years float64) float64 {
	return math.Pow(1+total, 1/years) - 1
}
