package cli

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
