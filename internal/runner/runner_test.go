package runner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/strategies/builtin"
)

var noEnv = Env{Getenv: func(string) string { return "" }, Strategies: builtin.Table()}

func parse(t testing.TB, text string) *config.Config {
	t.Helper()
	c, err := config.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const minuteCSV = `datetime,open,high,low,close,volume
2024-01-02 09:30:00,10,10.5,9.5,10.2,100
2024-01-02 09:31:00,10.2,10.4,10.1,10.3,100
2024-01-02 09:32:00,10.3,10.3,10.0,10.1,100
2024-01-02 10:30:00,10.1,10.2,10.0,10.2,100
2024-01-03 09:30:00,10.2,10.9,10.2,10.8,100
`

func TestLoadDataErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "X.csv"), []byte(minuteCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, data, want string }{
		{"end before the data", "{source: csv, dir: " + dir + ", frequency: minute, calendar: XNYS, end: 2023-12-29}", "no bars"},
		{"missing dir", "{source: csv, dir: " + filepath.Join(dir, "nope") + "}", "nope"},
		{"missing bundle", "{source: bundle, bundle: nope}", "nope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := parse(t, "backend: fixed\ncapital: 1000\ndata: "+tc.data+"\nstrategy: {name: sma_crossover, params: {fast: 1, slow: 2, shares: 1}}\n")
			env := Env{Getenv: func(k string) string {
				if k == "PENNY_HOME" {
					return dir
				}
				return ""
			}}
			_, err := LoadData[numeric.Fixed](c, env)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

// TestRunIsRepeatable runs one loaded dataset twice: each run gets a fresh
// cursor, and both give the same result.
func TestRunIsRepeatable(t *testing.T) {
	c := parse(t, `
backend: fixed
capital: 100000
data: {source: synthetic, frequency: daily, start: 2024-01-02, end: 2024-06-28, assets: 3, seed: 1}
strategy: {name: sma_crossover, params: {fast: 3, slow: 8, shares: 10}}
`)
	d, err := LoadData[numeric.Fixed](c, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Run(context.Background(), c, d, noEnv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), c, d, noEnv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Value.String() != b.Value.String() || len(a.Transactions) != len(b.Transactions) || len(a.Transactions) == 0 {
		t.Fatalf("runs differ or did not trade: %v/%d, %v/%d", a.Value, len(a.Transactions), b.Value, len(b.Transactions))
	}
	if err := noEnv.Strategies.Check("no_such", nil); err == nil || !strings.Contains(err.Error(), "sma_crossover, momentum, mean_reversion") {
		t.Fatalf("unknown strategy: %v", err)
	}
}
