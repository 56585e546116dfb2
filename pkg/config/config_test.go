package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

const valid = `
name: t
backend: fixed
capital: 100000
data:
  source: synthetic
  frequency: daily
  start: 2024-01-02
  end: 2024-06-28
  assets: 5
  seed: 1
strategy:
  name: sma_crossover
  params: {fast: 5, slow: 20, shares: 10}
execution:
  fill: next_open
`

func TestParseValid(t *testing.T) {
	c, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if c.Capital.String() != "100000" || c.Data.Assets != 5 || c.Data.Start.Format("2006-01-02") != "2024-01-02" || c.Strategy.Name != "sma_crossover" {
		t.Fatalf("decoded %+v", c)
	}
	if c.CalendarName() != "XNYS" {
		t.Fatalf("calendar %s", c.CalendarName())
	}
	if c.Strategy.Params.Kind == 0 {
		t.Fatal("params not kept")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, edit, want string
	}{
		{"unknown key", "name: t\n", `unknown key "colour" at line 3 (known keys: name, backend, capital, data, strategy, execution, benchmark, sweep, walk_forward)`},
		{"misspelt key", "capital: 100000\n", `unknown key "captial" at line 4 (did you mean "capital"?)`},
		{"unknown nested key", "  seed: 1\n", `unknown key "data.sede" at line 12 (did you mean "data.seed"?)`},
		{"wrong type", "  assets: 5\n", `data.assets (line 10): want a whole number, got "many"`},
		{"unknown backend", "backend: fixed\n", `backend: unknown backend "quantum" (want ` + numeric.BackendChoices() + ")"},
		{"negative capital", "capital: 100000\n", "capital: must be positive, got -5"},
		{"capital text", "capital: 100000\n", `capital (line 4): numeric: parsing "lots"`},
		{"start after end", "  start: 2024-01-02\n", "data.start: 2024-07-01 is after data.end 2024-06-28"},
		{"bad date", "  start: 2024-01-02\n", `data.start (line 8): want a date written YYYY-MM-DD, got "2024-13-01"`},
		{"no assets", "  assets: 5\n", "data.assets: must be at least 1, got 0"},
		{"unknown source", "  source: synthetic\n", `data.source: unknown source "ftp"`},
		{"unknown frequency", "  frequency: daily\n", `unknown frequency "weekly"`},
		{"missing strategy", "  name: sma_crossover\n", "strategy.name: missing"},
		{"unknown fill", "  fill: next_open\n", "next_tick"},
		{"absurd capital", "capital: 100000\n", "capital: 1e+400 is above 1000000000000000, the largest capital Penny accepts"},
		{"capital beyond fixed", "capital: 100000\n", "capital: 100000000000 is beyond the range of the fixed backend (92233720368.54775807); use decimal"},
		{"fractional assets", "  assets: 5\n", "data.assets (line 10): 3.5 is not a whole number"},
		{"fractional seed", "  seed: 1\n", "data.seed (line 11): 1.5 is not a whole number"},
		{"second document", "  fill: next_open\n", "line 17: a second YAML document (after ---): a file holds one"},
	}
	repl := map[string]string{
		"unknown key":          "name: t\ncolour: red\n",
		"unknown nested key":   "  seed: 1\n  sede: 2\n",
		"misspelt key":         "captial: 100000\n",
		"wrong type":           "  assets: many\n",
		"unknown backend":      "backend: quantum\n",
		"negative capital":     "capital: -5\n",
		"capital text":         "capital: lots\n",
		"start after end":      "  start: 2024-07-01\n",
		"bad date":             "  start: 2024-13-01\n",
		"no assets":            "  assets: 0\n",
		"unknown source":       "  source: ftp\n",
		"unknown frequency":    "  frequency: weekly\n",
		"missing strategy":     "  name: \"\"\n",
		"unknown fill":         "  fill: next_tick\n",
		"fractional assets":    "  assets: 3.5\n",
		"fractional seed":      "  seed: 1.5\n",
		"second document":      "  fill: next_open\n---\nname: other\n",
		"absurd capital":       "capital: 1e400\n",
		"capital beyond fixed": "capital: 100000000000\n",
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(valid, tc.edit, repl[tc.name], 1)
			if text == valid {
				t.Fatalf("edit %q not applied", tc.edit)
			}
			_, err := Parse([]byte(text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			for _, internal := range []string{"config.", "numeric.", "market.", "execution.Fill", "yaml:", "!!", "not found in type"} {
				if strings.Contains(err.Error(), internal) {
					t.Errorf("error %q shows Go's names (%s)", err, internal)
				}
			}
		})
	}
}

// TestParseWithoutBackend: the backend may be left out, for the caller
// to choose (penny run --backend); one given must be known.
func TestParseWithoutBackend(t *testing.T) {
	c, err := Parse([]byte(strings.Replace(valid, "backend: fixed\n", "", 1)))
	if err != nil || c.Backend != "" {
		t.Fatalf("without backend: %v, %q", err, c.Backend)
	}
}

func TestLoadResolvesPaths(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "run.yaml")
	text := strings.Replace(valid, "  source: synthetic\n", "  source: csv\n  files: {X: data/x.csv}\n", 1)
	text = strings.Replace(text, "  assets: 5\n  seed: 1\n", "", 1)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Path(c.Data.Files["X"]); got != filepath.Join(dir, "data", "x.csv") {
		t.Fatalf("path %s", got)
	}
	if c.CalendarName() != "data" {
		t.Fatalf("csv default calendar %s", c.CalendarName())
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Fatalf("missing file error %v", err)
	}
}

func TestSyntheticActionsKeys(t *testing.T) {
	base := "backend: fixed\ncapital: 1\nstrategy: {name: x}\ndata: "
	c, err := Parse([]byte(base + "{source: synthetic, assets: 2, start: 2024-01-02, end: 2024-02-01, splits: 0.5, dividend_yield: 0.02}\n"))
	if err != nil || c.Data.Splits != 0.5 || c.Data.DividendYield != 0.02 {
		t.Fatalf("%+v, %v", c, err)
	}
	for _, tc := range []struct{ data, want string }{
		{"{source: synthetic, assets: 2, start: 2024-01-02, end: 2024-02-01, splits: 5}", "data.splits: 5 outside [0, 4]"},
		{"{source: synthetic, assets: 2, start: 2024-01-02, end: 2024-02-01, dividend_yield: -0.1}", "data.dividend_yield: -0.1 outside [0, 0.2]"},
		{"{source: csv, dir: x, splits: 1}", "data.splits: not used by csv data (only synthetic data is generated with actions"},
		{"{source: bundle, bundle: x, dividend_yield: 0.01}", "data.dividend_yield: not used by bundle data (only synthetic data"},
	} {
		if _, err := Parse([]byte(base + tc.data + "\n")); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.data, err, tc.want)
		}
	}
}

// TestKeysOfOtherSources: a data key that the chosen source does not use
// is an error naming the key and why, never ignored.
func TestKeysOfOtherSources(t *testing.T) {
	base := "backend: fixed\ncapital: 1\nstrategy: {name: x}\ndata: "
	for _, data := range []string{
		"{source: synthetic, assets: 2, seed: 3, start: 2024-01-02, end: 2024-02-01}",
		"{source: csv, files: {X: x.csv}, dir: d, timezone: America/New_York, stamp: end}",
		"{source: bundle, bundle: b, ingest: latest, timezone: UTC}",
	} {
		if _, err := Parse([]byte(base + data + "\n")); err != nil {
			t.Errorf("%s: %v", data, err)
		}
	}
	for _, tc := range []struct{ data, want string }{
		{"{source: bundle, bundle: b, files: {X: x.csv}}", "data.files: not used by bundle data (files are read by source: csv"},
		{"{source: bundle, bundle: b, assets: 3}", "data.assets: not used by bundle data (the number of assets to generate"},
		{"{source: bundle, bundle: b, seed: 7}", "data.seed: not used by bundle data (only synthetic data is generated from a seed)"},
		{"{source: bundle, bundle: b, stamp: end}", "data.stamp: not used by bundle data"},
		{"{source: csv, dir: d, assets: 3}", "data.assets: not used by csv data"},
		{"{source: csv, dir: d, seed: 3}", "data.seed: not used by csv data"},
		{"{source: csv, dir: d, ingest: latest}", "data.ingest: not used by csv data"},
		{"{source: csv, dir: d, bundle: b}", "data.bundle: not used by csv data"},
		{"{source: synthetic, assets: 2, start: 2024-01-02, end: 2024-02-01, files: {X: x.csv}}", "data.files: not used by synthetic data"},
		{"{source: synthetic, assets: 2, start: 2024-01-02, end: 2024-02-01, timezone: UTC}", "data.timezone: not used by synthetic data"},
	} {
		if _, err := Parse([]byte(base + tc.data + "\n")); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.data, err, tc.want)
		}
	}
}

// TestRunFrequency checks that data.frequency records whether it was
// given: a bundle without it runs at the bundle's frequency, every other
// source at daily; given, it is the run's.
func TestRunFrequency(t *testing.T) {
	tests := []struct {
		data   string
		given  bool
		stored market.Frequency // the frequency of the data loaded
		want   market.Frequency
	}{
		{"{source: bundle, bundle: b}", false, market.Minute, market.Minute},
		{"{source: bundle, bundle: b, frequency: hourly}", true, market.Minute, market.Hourly},
		{"{source: bundle, bundle: b, frequency: daily}", true, market.Minute, market.Daily},
		{"{source: csv, dir: d}", false, market.Daily, market.Daily},
		{"{source: csv, dir: d, frequency: 1m}", true, market.Minute, market.Minute},
	}
	for _, tc := range tests {
		c, err := Parse([]byte("backend: fixed\ncapital: 1\ndata: " + tc.data + "\nstrategy: {name: x}\n"))
		if err != nil {
			t.Fatal(err)
		}
		if c.Data.Frequency.Given != tc.given {
			t.Errorf("%s: given %v, want %v", tc.data, c.Data.Frequency.Given, tc.given)
		}
		if got := c.Data.RunFrequency(tc.stored); got != tc.want {
			t.Errorf("%s over %s data: runs %s, want %s", tc.data, tc.stored, got, tc.want)
		}
	}
}

func TestPriceKey(t *testing.T) {
	base := "backend: fixed\ncapital: 1\nstrategy: {name: x}\ndata: "
	c, err := Parse([]byte(base + "{source: csv, dir: d, price: adj_close}\n"))
	if err != nil || c.Data.Price != "adj_close" {
		t.Fatalf("%+v, %v", c, err)
	}
	for _, tc := range []struct{ data, want string }{
		{"{source: csv, dir: d, price: adj_close, actions: a.csv}", "data.actions: the prices are adjusted for splits and dividends already"},
		{"{source: bundle, bundle: b, price: adj_close}", "data.price: adj_close reads a CSV file's Adj Close column"},
		{"{source: csv, dir: d, price: open}", `data.price: unknown price "open"`},
	} {
		if _, err := Parse([]byte(base + tc.data + "\n")); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.data, err, tc.want)
		}
	}
}
