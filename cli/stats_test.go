package cli

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/strategies/builtin"
)

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
		{"bad flag", []string{"stats", good, "--nope"}, 2, "penny stats: unknown flag --nope"},
		{"bad period", []string{"stats", good, "--period", "daily "}, 2, `--period "daily "`},
		{"help", []string{"stats", "--help"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(&env{strategies: builtin.Table(), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}, tt.args)
			if status != tt.status {
				t.Errorf("status %d, want %d; stderr: %s", status, tt.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
			if tt.status != 0 && stdout.Len() != 0 {
				t.Errorf("stdout %q on failure, want nothing", stdout.String())
			}
			if tt.name == "help" && (!strings.HasPrefix(stdout.String(), "usage: penny stats") || stderr.Len() != 0) {
				t.Errorf("help: stdout %q, stderr %q: want the help on stdout alone", stdout.String(), stderr.String())
			}
		})
	}
}

// TestStatsOfDailyCSV: penny stats on the daily.csv that penny run
// writes reads its return column (not portfolio_value, the first column
// of numbers) and agrees with the run's summary.json; asked for
// portfolio_value, it refuses it as not returns.
func TestStatsOfDailyCSV(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	e := &env{strategies: builtin.Table(), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(e, []string{"run", "../configs/sma_daily.yaml", "--out", out}); code != 0 {
		t.Fatalf("penny run: exit %d: %s", code, stderr.String())
	}
	var summary map[string]any
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err == nil {
		err = json.Unmarshal(b, &summary)
	}
	if err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := run(e, []string{"stats", filepath.Join(out, "daily.csv"), "--json"}); code != 0 {
		t.Fatalf("penny stats: exit %d: %s", code, stderr.String())
	}
	var stats map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &stats); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"cum_returns_final", "annual_return", "sharpe_ratio", "max_drawdown", "annual_volatility", "tail_ratio"} {
		want, ok1 := summary[key].(float64)
		got, ok2 := stats[key].(float64)
		if !ok1 || !ok2 || math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("%s: penny stats %v, summary.json %v", key, stats[key], summary[key])
		}
	}

	stdout.Reset()
	stderr.Reset()
	code := run(e, []string{"stats", filepath.Join(out, "daily.csv"), "--column", "portfolio_value"})
	if code != 2 || !strings.Contains(stderr.String(), "column portfolio_value: 502 of its 502 values are above 1 in magnitude") || stdout.Len() != 0 {
		t.Errorf("--column portfolio_value: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
