package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/sweep"
	"github.com/pennybt/penny/strategies/builtin"
)

const sweepConfig = `name: small
backend: fixed
capital: 100000
data: {source: synthetic, frequency: daily, start: 2024-01-02, end: 2024-06-28, assets: 4, seed: 3}
strategy:
  name: sma_crossover
  params: {fast: 3, slow: 8, shares: 10}
sweep:
  params:
    fast: [1, 2, 3]
    slow: {from: 2, to: 8, step: 2}
  search: grid
  metric: sharpe_ratio
`

// penny runs the command in-process with the given environment.
func penny(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{strategies: builtin.Table(), stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code = run(e, args)
	return code, out.String(), errb.String()
}

func writeConfig(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSweepBadInput: each bad input of the list is a clear error,
// exit status 2, and nothing written.
func TestSweepBadInput(t *testing.T) {
	tests := []struct {
		name, old, new string
		args           []string
		vars           map[string]string
		want           string
	}{
		{"empty range", "{from: 2, to: 8, step: 2}", "{from: 8, to: 2, step: 2}", nil, nil, "sweep.params.slow (line 11): empty range: from 8 to 2 with step 2 has no values"},
		{"zero step", "step: 2}", "step: 0}", nil, nil, "sweep.params.slow (line 11): step is zero"},
		{"wrong sign", "step: 2}", "step: -2}", nil, nil, "sweep.params.slow (line 11): empty range"},
		{"unknown param", "    fast: [1, 2, 3]", "    fsat: [1, 2, 3]", nil, nil, `sweep.params.fsat (line 10): value 1: unknown key "strategy.params.fsat" at line 10 (did you mean "strategy.params.fast"?)`},
		{"unknown execution key", "    fast: [1, 2, 3]", "    execution.fil: [next_open]", nil, nil, `sweep.params.execution.fil (line 10): value next_open: unknown key "execution.fil" at line 10 (did you mean "execution.fill"?)`},
		{"unknown metric", "metric: sharpe_ratio", "metric: sharpe", nil, nil, `sweep.metric (line 13): unknown metric "sharpe"`},
		{"shard 3/3", "", "", []string{"--shard", "3/3"}, nil, "--shard: shard 3/3: the index must be in 0..2"},
		{"shard 0/0", "", "", []string{"--shard", "0/0"}, nil, "--shard: shard 0/0: the count must be at least 1"},
		{"kubernetes and slurm", "", "", nil, map[string]string{"JOB_COMPLETION_INDEX": "1", "PENNY_SHARDS": "4", "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, "both JOB_COMPLETION_INDEX (Kubernetes) and SLURM_ARRAY_TASK_ID (Slurm) are set"},
		{"shards disagree", "", "", []string{"--shards", "3"}, map[string]string{"JOB_COMPLETION_INDEX": "1", "PENNY_SHARDS": "4"}, "--shards 3 and PENNY_SHARDS=4 disagree"},
		{"slurm count disagrees", "", "", []string{"--shards", "3"}, map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, "SLURM_ARRAY_TASK_COUNT=4 and 3 shards"},
		{"index without count", "", "", nil, map[string]string{"JOB_COMPLETION_INDEX": "1"}, "JOB_COMPLETION_INDEX=1 is set but not the number of shards"},
		{"index past count", "", "", nil, map[string]string{"JOB_COMPLETION_INDEX": "4", "PENNY_SHARDS": "4"}, "JOB_COMPLETION_INDEX=4 with 4 shards"},
		{"count without index", "", "", []string{"--shards", "4"}, nil, "4 shards but no shard index"},
		{"no sweep block", "sweep:", "nosweep:", nil, nil, `unknown key "nosweep" at line 8 (did you mean "sweep"?)`},
		{"no backend", "backend: fixed\n", "", nil, nil, "backend: missing: set backend (float, fixed or decimal) or sweep.backends in the config"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			text := sweepConfig
			if tc.old != "" {
				text = strings.Replace(text, tc.old, tc.new, 1)
				if text == sweepConfig {
					t.Fatalf("edit %q not applied", tc.old)
				}
			}
			cfg := writeConfig(t, dir, "c.yaml", text)
			out := filepath.Join(dir, "out")
			code, _, stderr := penny(t, tc.vars, append([]string{"sweep", cfg, "--out", out}, tc.args...)...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q\nwant 2 and %q", code, stderr, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Fatal("the output folder was created")
			}
		})
	}
}

// TestSweepBackends: sweep.backends supplies the backend a config
// leaves out.
func TestSweepBackends(t *testing.T) {
	dir := t.TempDir()
	text := strings.Replace(sweepConfig, "backend: fixed\n", "", 1)
	text = strings.Replace(text, "  metric: sharpe_ratio\n", "  metric: sharpe_ratio\n  backends: [decimal]\n", 1)
	cfg := writeConfig(t, dir, "c.yaml", text)
	code, stdout, stderr := penny(t, nil, "sweep", cfg, "--out", filepath.Join(dir, "out"))
	if code != 0 || !strings.Contains(stdout, "by sharpe_ratio (highest first), decimal:") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestSweepMergeRefuses merges shards from two configs, and shards of
// another Penny version: exit status 2, nothing written.
func TestSweepMergeRefuses(t *testing.T) {
	dir := t.TempDir()
	a := writeConfig(t, dir, "a.yaml", sweepConfig)
	b := writeConfig(t, dir, "b.yaml", strings.Replace(sweepConfig, "seed: 3", "seed: 4", 1))
	out := filepath.Join(dir, "out")
	for i, cfg := range []string{a, b} {
		if code, _, stderr := penny(t, nil, "sweep", cfg, "--out", out, "--shard", []string{"0/2", "1/2"}[i]); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
	}
	code, _, stderr := penny(t, nil, "sweep", "merge", out)
	if code != 2 || !strings.Contains(stderr, "cannot be merged: they come from different configs") {
		t.Fatalf("merge of two configs: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "results.csv")); err == nil {
		t.Fatal("results.csv written")
	}

	// The same config, shards of another version.
	if code, _, stderr := penny(t, nil, "sweep", a, "--out", out, "--shard", "1/2"); code != 0 {
		t.Fatal(stderr)
	}
	for _, s := range []string{"0-of-2", "1-of-2"} {
		p := filepath.Join(out, "shards", s, "sweep.json")
		m, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Replace(m, []byte(`"penny_version": "`+version()+`"`), []byte(`"penny_version": "v0.0.1"`), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr = penny(t, nil, "sweep", "merge", out)
	if code != 2 || !strings.Contains(stderr, "were written by Penny v0.0.1, this is Penny "+version()) {
		t.Fatalf("merge of another version: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "results.csv")); err == nil {
		t.Fatal("results.csv written")
	}
}

// TestSweepInterrupt sends SIGINT (Ctrl-C) to a sweep under way: it stops
// with exit status 130 after writing the rows that finished, and
// --resume then writes the results of a sweep that ran through.
func TestSweepInterrupt(t *testing.T) {
	dir := t.TempDir()
	long := strings.Replace(sweepConfig, "fast: [1, 2, 3]", "fast: {from: 1, to: 60, step: 1}", 1)
	long = strings.Replace(long, "{from: 2, to: 8, step: 2}", "{from: 10, to: 100, step: 10}", 1)
	cfg := writeConfig(t, dir, "long.yaml", long)
	full := filepath.Join(dir, "full")
	if code, _, stderr := penny(t, nil, "sweep", cfg, "--out", full); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "out")
	part := filepath.Join(out, ".partial", "results.csv")
	go func() {
		for {
			if b, err := os.ReadFile(part); err == nil && bytes.Count(b, []byte("\n")) > 20 {
				syscall.Kill(os.Getpid(), syscall.SIGINT)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	code, _, stderr := penny(t, nil, "sweep", cfg, "--out", out, "--workers", "1")
	if code != 130 || !strings.Contains(stderr, "interrupted: the rows that finished are written; continue with --resume") {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	b, err := os.ReadFile(part)
	if err != nil || bytes.Count(b, []byte("\n")) < 21 || bytes.Count(b, []byte("\n")) >= 601 {
		t.Fatalf("partial results: %d lines, %v", bytes.Count(b, []byte("\n")), err)
	}
	code, stdout, stderr := penny(t, nil, "sweep", cfg, "--out", out, "--resume")
	if code != 0 || !strings.Contains(stdout, "rows resumed") {
		t.Fatalf("resume: exit %d, %s %s", code, stdout, stderr)
	}
	want, _ := os.ReadFile(filepath.Join(full, "results.csv"))
	got, _ := os.ReadFile(filepath.Join(out, "results.csv"))
	if !bytes.Equal(got, want) || len(want) == 0 {
		t.Fatal("resumed results differ from an uninterrupted sweep's")
	}
}

func TestResolveShard(t *testing.T) {
	for _, tc := range []struct {
		flag   string
		shards int
		vars   map[string]string
		want   sweep.Shard
	}{
		{"", 0, nil, sweep.Shard{}},
		{"2/5", 0, nil, sweep.Shard{Index: 2, Count: 5}},
		{"2/5", 5, map[string]string{"JOB_COMPLETION_INDEX": "0"}, sweep.Shard{Index: 2, Count: 5}}, // the flag wins
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "2"}, sweep.Shard{Index: 2, Count: 3}},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "0", "PENNY_SHARDS": "8"}, sweep.Shard{Index: 0, Count: 8}},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "13", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "4"}, sweep.Shard{Index: 3, Count: 4}},
	} {
		got, err := resolveShard(tc.flag, tc.shards, func(k string) string { return tc.vars[k] })
		if err != nil || got != tc.want {
			t.Fatalf("%q %d %v: %v, %v; want %v", tc.flag, tc.shards, tc.vars, got, err, tc.want)
		}
	}
}
