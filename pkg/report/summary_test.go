package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/metrics"
	"github.com/pennybt/penny/pkg/report"
)

func TestSummarizeErrors(t *testing.T) {
	backendtest.Run(t, testSummarizeErrorsByName)
}

//penny:backends
func testSummarizeErrors[N numeric.Number[N]](t *testing.T) {
	good := runFixture[N](t, fixtureStart, "2023-03-31")
	tests := []struct {
		name   string
		res    func() *engine.Result[N]
		opts   report.Options
		substr string
	}{
		{"no result", func() *engine.Result[N] { return nil }, report.Options{}, "no result"},
		{"negative window", func() *engine.Result[N] { return good }, report.Options{RollingWindow: -1}, "rolling window"},
		{"negative cap", func() *engine.Result[N] { return good }, report.Options{MaxTrades: -5}, "max trades"},
		{"negative elapsed", func() *engine.Result[N] { return good }, report.Options{Elapsed: -1}, "elapsed"},
		{"bad period", func() *engine.Result[N] { return good }, report.Options{Metrics: metrics.Config{Period: 9}}, "period"},
		{"bad risk-free rate", func() *engine.Result[N] { return good }, report.Options{Metrics: metrics.Config{RiskFree: math.NaN()}}, "risk_free"},
		{"misaligned benchmark", func() *engine.Result[N] {
			r := *good
			r.Benchmark = r.Benchmark[:3]
			return &r
		}, report.Options{}, "benchmark SPY has 3 returns"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := report.Summarize(tc.res(), tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.substr) {
				t.Errorf("error %v, want one containing %q", err, tc.substr)
			}
			dir := filepath.Join(t.TempDir(), "out")
			if err := report.WriteDir(dir, tc.res(), tc.opts); err == nil {
				t.Errorf("WriteDir: no error")
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("WriteDir created %s before failing (%v)", dir, err)
			}
		})
	}
}

// TestRowsFollowJSON checks that Rows has one row per key of
// summary.json, in the same order (name excepted), with and without a
// benchmark.
func TestRowsFollowJSON(t *testing.T) {
	res := runFixture[numeric.Fixed](t, fixtureStart, "2023-03-31")
	noBench := *res
	noBench.BenchmarkSymbol, noBench.Benchmark = "", nil
	for name, r := range map[string]*engine.Result[numeric.Fixed]{"benchmark": res, "none": &noBench} {
		t.Run("benchmark="+name, func(t *testing.T) {
			s, err := report.Summarize(r, fixtureOptions())
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := s.WriteJSON(&b); err != nil {
				t.Fatal(err)
			}
			keys, _ := jsonObject(t, b.Bytes())
			var rowKeys []string
			for _, row := range s.Rows() {
				rowKeys = append(rowKeys, row.Key)
				if row.Label == "" || row.Value == "" {
					t.Errorf("row %+v has no label or value", row)
				}
			}
			if !slices.Equal(keys[1:], rowKeys) || keys[0] != "name" {
				t.Errorf("rows %v\nkeys %v", rowKeys, keys)
			}
			has := slices.Contains(keys, "alpha") && slices.Contains(keys, "beta") && slices.Contains(keys, "excess_sharpe") && slices.Contains(keys, "benchmark")
			if has != (name == "benchmark") {
				t.Errorf("benchmark keys present: %v", has)
			}
		})
	}
}

// TestSummaryJSONRoundTrip decodes the golden summary.json and writes it
// again: the same bytes.
func TestSummaryJSONRoundTrip(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(goldenDir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s report.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := s.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), b) {
		t.Errorf("round trip differs:\n%s", firstDiff(out.Bytes(), b))
	}
}

// TestSummaryJSONStrict feeds UnmarshalJSON variants of a good summary
// that it must refuse.
func TestSummaryJSONStrict(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(goldenDir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	tests := []struct{ name, in, substr string }{
		{"not an object", `[1]`, "cannot unmarshal"},
		{"null object", `{"a": null}`, "unknown key"},
		{"unknown key", edit(func(m map[string]any) { m["fils"] = 3 }), `unknown key "fils"`},
		{"missing count", edit(func(m map[string]any) { delete(m, "fills") }), `missing key "fills"`},
		{"missing metric", edit(func(m map[string]any) { delete(m, "sharpe_ratio") }), `missing key "sharpe_ratio"`},
		{"alpha alone", edit(func(m map[string]any) { delete(m, "beta"); delete(m, "excess_sharpe") }), "go together"},
		{"bad frequency", edit(func(m map[string]any) { m["frequency"] = "weekly" }), "frequency"},
		{"bad date", edit(func(m map[string]any) { m["start"] = "2023-13-01" }), "start"},
		{"count as text", edit(func(m map[string]any) { m["orders"] = "89" }), "orders"},
		{"bad statistic", edit(func(m map[string]any) { m["win_rate"] = "high" }), "want a number or null"},
		{"NaN as text", edit(func(m map[string]any) { m["sharpe_ratio"] = "NaN" }), "want a number or null"},
		{"status missing", edit(func(m map[string]any) { delete(m["orders_by_status"].(map[string]any), "open") }), "5 statuses"},
		{"unknown status", edit(func(m map[string]any) {
			st := m["orders_by_status"].(map[string]any)
			delete(st, "open")
			st["opened"] = 1
		}), "unknown field"},
		{"negative elapsed", edit(func(m map[string]any) { m["elapsed_seconds"] = -1 }), "elapsed_seconds"},
		{"money as a number", edit(func(m map[string]any) { m["round_trips_pnl"] = 9362.9 }), "round_trips_pnl"},
		{"missing open trips", edit(func(m map[string]any) { delete(m, "open_round_trips_pnl") }), `missing key "open_round_trips_pnl"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s report.Summary
			err := json.Unmarshal([]byte(tc.in), &s)
			if err == nil || !strings.Contains(err.Error(), tc.substr) {
				t.Errorf("error %v, want one containing %q", err, tc.substr)
			}
		})
	}
}

// FuzzSummaryJSON checks that UnmarshalJSON never panics, and that what
// it accepts writes out as JSON that reads back to the same output.
func FuzzSummaryJSON(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(goldenDir, "summary.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{}`))
	f.Add(bytes.Replace(b, []byte(`"win_rate": `), []byte(`"win_rate": "NaN", "x": `), 1))
	f.Fuzz(func(t *testing.T, in []byte) {
		var s report.Summary
		if err := json.Unmarshal(in, &s); err != nil {
			return
		}
		var once bytes.Buffer
		if err := s.WriteJSON(&once); err != nil {
			t.Fatalf("accepted %q but cannot write it: %v", in, err)
		}
		var again report.Summary
		if err := json.Unmarshal(once.Bytes(), &again); err != nil {
			t.Fatalf("cannot read its own output %s: %v", once.Bytes(), err)
		}
		var twice bytes.Buffer
		if err := again.WriteJSON(&twice); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("not a fixed point:\n%s", firstDiff(twice.Bytes(), once.Bytes()))
		}
	})
}

// TestNoTrades reports a run that never trades: undefined statistics are
// NaN in the JSON and the tables, the rolling Sharpe of flat returns has
// no point, and the transactions section says there are none.
func TestNoTrades(t *testing.T) {
	type N = numeric.Decimal
	p := fixtureData[N](t, fixtureStart, "2023-12-29")
	e, err := engine.New(p, engine.StrategyFunc[N](func(*engine.Context[N]) {}), engine.Config[N]{Capital: numeric.MustParse[N]("2500.5")})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := report.WriteDir(dir, res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"starting_cash": "2500.5", "ending_value": "2500.5", "pnl": "0", "fills": 0.0,
		"round_trips": 0.0, "win_rate": nil, "profit_factor": nil, "sharpe_ratio": nil, "average_win": nil, "average_loss": nil,
		"total_return": 0.0, "cum_returns_final": 0.0, "total_commission": "0", "total_slippage": "0", "turnover": 0.0,
		"average_gross_exposure": 0.0, "name": ""} {
		if v, ok := raw[k]; !ok || v != want {
			t.Errorf("%s = %v (present: %v), want %v", k, v, ok, want)
		}
	}
	if _, ok := raw["alpha"]; ok {
		t.Errorf("alpha without a benchmark")
	}

	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, html)
	if doc.title != "Penny backtest" {
		t.Errorf("title %q, want the default", doc.title)
	}
	rolling := doc.svg(t, "rolling-sharpe")
	if len(rolling.paths) != 0 || !strings.Contains(doc.raw, "Not enough sessions for a 63-session window") {
		t.Errorf("rolling Sharpe of flat returns: paths %v", rolling.paths)
	}
	if got := doc.svg(t, "equity").paths; len(got) != 1 || !slices.Equal(got["line equity"], []int{len(res.Snapshots) + 1}) {
		t.Errorf("equity paths %v, want one line of %d points (the capital, then each session)", got, len(res.Snapshots)+1)
	}
	if doc.rows["drawdowns"] != 0 || !slices.Contains(doc.notes, "No drawdown: the portfolio value never fell below a running peak.") {
		t.Errorf("drawdowns: %d rows, notes %q", doc.rows["drawdowns"], doc.notes)
	}
	if doc.rows["transactions"] != 0 || !slices.Contains(doc.notes, "0 transactions.") {
		t.Errorf("transactions: %d rows, notes %q", doc.rows["transactions"], doc.notes)
	}
	heat := doc.svg(t, "monthly-returns")
	for _, s := range heat.cellTexts {
		if s != "0.0%" {
			t.Errorf("heatmap cell %q, want 0.0%%", s)
		}
	}
	if heat.rects["cell"] != 12 || heat.rects["cell year"] != 1 {
		t.Errorf("heatmap: %v", heat.rects)
	}
}

// TestSummarizeRebate: a negative commission (a rebate) is taken as the
// ledger takes it. Turning the 3.125 commission of the fixture's first
// sale into a rebate of 2 adds exactly 5.125 to the round trips' P&L.
func TestSummarizeRebate(t *testing.T) {
	type N = numeric.Fixed
	res := runFixture[N](t, fixtureStart, "2023-03-31")
	base, err := report.Summarize(res, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	r := *res
	r.Transactions = slices.Clone(r.Transactions)
	sale := slices.IndexFunc(r.Transactions, func(x ledger.Transaction[N]) bool { return x.Amount.Sign() < 0 })
	if got := r.Transactions[sale].Commission.String(); got != "3.125" {
		t.Fatalf("the fixture's first sale pays %s, want 3.125", got)
	}
	r.Transactions[sale].Commission = numeric.Int[N](-2)
	s, err := report.Summarize(&r, fixtureOptions())
	if err != nil {
		t.Fatalf("a rebate: %v", err)
	}
	before, after := numeric.MustParse[N](base.Trades.PnL), numeric.MustParse[N](s.Trades.PnL)
	if d := after.Sub(before).String(); d != "5.125" {
		t.Errorf("round_trips_pnl %s with the rebate, %s without: moved %s, want 5.125", s.Trades.PnL, base.Trades.PnL, d)
	}
}
