package runner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/strategies/builtin"
)

// rawCSV is a stock that splits 2:1 at the open of 2024-01-04 (its close
// halves) and pays 0.5 a share, ex 2024-01-08, paid 2024-01-10.
const rawCSV = `date,open,high,low,close,volume
2024-01-02,100,101,99,100,1000
2024-01-03,100,103,99,102,1000
2024-01-04,51,52,50,51.5,2000
2024-01-05,51.5,53,51,52,2000
2024-01-08,51.5,52,50,51,2000
2024-01-09,51,52,50,51,2000
2024-01-10,51,52,50,51,2000
`

const actionsCSV = `date,symbol,type,ratio,amount,pay_date
2024-01-04,X,split,2,,
2024-01-06,X,cash_dividend,,0.5,2024-01-10
`

// TestRunWithActions runs a config with data.actions end to end: the
// split doubles the shares, the dividend (moved from a Saturday to the
// next session, with a warning) is accrued then paid, and History is
// split-adjusted.
func TestRunWithActions(t *testing.T) {
	dir, bars := t.TempDir(), t.TempDir()
	for name, text := range map[string]string{filepath.Join(bars, "X.csv"): rawCSV, filepath.Join(dir, "actions.csv"): actionsCSV} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, adjust := range []string{"", "raw"} {
		c := parse(t, `name: t
backend: fixed
capital: 10000
data: {source: csv, dir: `+bars+`, actions: `+filepath.Join(dir, "actions.csv")+`, adjust: "`+adjust+`"}
strategy: {name: buy_and_hold, params: {shares: 10}}
`)
		data, err := LoadData[numeric.Fixed](c, noEnv)
		if err != nil {
			t.Fatal(err)
		}
		e, err := NewEngine(c, data, noEnv, Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// Bought 10 at 100 (2024-01-03's open), 20 after the split, 10
		// of dividends paid in cash: 10000 - 1000 + 10 + 20 * 51.
		if res.Cash.String() != "9010" || res.Value.String() != "10030" || res.Dividends.String() != "10" {
			t.Errorf("adjust %q: cash %s value %s dividends %s", adjust, res.Cash, res.Value, res.Dividends)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "actions.csv:3") || !strings.Contains(res.Warnings[0], "2024-01-08") {
			t.Errorf("warnings %q", res.Warnings)
		}
		if got := res.ActionCounts(); got["split"] != 1 || got["cash_dividend"] != 1 || len(res.Actions) != 3 {
			t.Errorf("actions %v (%d records)", got, len(res.Actions))
		}
	}
	c := parse(t, "{name: t, backend: fixed, capital: 1, data: {source: csv, dir: "+bars+", actions: nope.csv}, strategy: {name: buy_and_hold, params: {shares: 1}}}")
	if _, err := LoadData[numeric.Fixed](c, noEnv); err == nil || !strings.Contains(err.Error(), "data.actions") || !strings.Contains(err.Error(), "nope.csv") {
		t.Errorf("missing actions file: %v", err)
	}
	c = parse(t, "{name: t, backend: fixed, capital: 1, data: {source: csv, dir: "+dir+"}, strategy: {name: buy_and_hold, params: {shares: 1}}}")
	c.Data.Adjust = "some"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "data.adjust") {
		t.Errorf("bad adjust: %v", err)
	}
}

// TestRunBundleWithActions: a bundle ingested with its actions runs as
// the CSV files with data.actions do; the same actions given again in
// data.actions are refused as duplicates, naming the file and line.
func TestRunBundleWithActions(t *testing.T) {
	home, bars := t.TempDir(), t.TempDir()
	actions := filepath.Join(bars, "actions.csv")
	for name, text := range map[string]string{filepath.Join(bars, "X.csv"): rawCSV, actions: actionsCSV} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, _, err := csvsource.Load[numeric.Fixed](csvsource.Config{Dir: bars, Symbols: []string{"X"}})
	if err != nil {
		t.Fatal(err)
	}
	as, err := corpaction.LoadCSV[numeric.Fixed](actions)
	if err != nil {
		t.Fatal(err)
	}
	in, err := store.Begin(home, "x", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetActions(in, as); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Commit(in, ds, store.Source{Name: "csv"}, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	in.Close()
	env := Env{Getenv: func(k string) string { return map[string]string{"PENNY_HOME": home}[k] }, Strategies: builtin.Table()}
	c := parse(t, "{name: t, backend: decimal, capital: 10000, data: {source: bundle, bundle: x}, strategy: {name: buy_and_hold, params: {shares: 10}}}")
	data, err := LoadData[numeric.Decimal](c, env)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), c, data, env, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cash.String() != "9010" || res.Value.String() != "10030" || res.Dividends.String() != "10" {
		t.Errorf("cash %s value %s dividends %s", res.Cash, res.Value, res.Dividends)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "actions.csv:3") {
		t.Errorf("warnings %q: want the stored action's origin", res.Warnings)
	}
	c = parse(t, "{name: t, backend: fixed, capital: 10000, data: {source: bundle, bundle: x, actions: "+actions+"}, strategy: {name: buy_and_hold, params: {shares: 10}}}")
	if _, err := LoadData[numeric.Fixed](c, env); err == nil || !strings.Contains(err.Error(), "duplicate") || !strings.Contains(err.Error(), "actions.csv:2") {
		t.Errorf("the bundle's actions given again: %v", err)
	}
}
