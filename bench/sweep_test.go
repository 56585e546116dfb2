package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/strategies/builtin"
)

// TestSweepCases: the shipped cases time at least 200 combinations of
// the daily and the minute configs and measure the memory of 200 and
// 2000, and every combination decodes for its strategy.
func TestSweepCases(t *testing.T) {
	for _, c := range SweepCases() {
		for _, tc := range []struct {
			block string
			want  int64
		}{{c.timed(), 200}, {c.Small, 200}, {c.Large, 2000}} {
			cfg, cs, err := sweepOf(c.Config, tc.block)
			if err != nil {
				t.Fatal(err)
			}
			if n := cfg.Sweep.Combinations(); n < tc.want {
				t.Fatalf("%s: %d combinations, want at least %d", c.Name, n, tc.want)
			}
			if err := runner.CheckSweep(cs, builtin.Table()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRunSweep runs the scenario on a small case: a point per worker
// count with its runs, the rows identical, the memory of both sweeps, and
// the report and its files.
func TestRunSweep(t *testing.T) {
	small := strings.Replace(dailyYAML, "assets: 50", "assets: 3", 1)
	small = strings.Replace(small, "start: 2023-01-03", "start: 2024-07-01", 1)
	c := SweepCase{Name: "tiny", Config: small,
		Small: "sweep: {params: {fast: [5, 10], slow: [20, 30]}, search: grid, metric: sharpe_ratio}\n",
		Large: "sweep: {params: {fast: [5, 10, 15], slow: [20, 30, 40]}, search: grid, metric: sharpe_ratio}\n"}
	r, err := RunSweep(context.Background(), SweepOptions{Workers: []int{1, 3}, Runs: 2, Memory: true, Cases: []SweepCase{c},
		Env: runner.Env{Getenv: func(string) string { return "" }, Strategies: builtin.Table()}})
	if err != nil {
		t.Fatal(err)
	}
	cr := r.Cases[0]
	if cr.Combinations != 4 || cr.AssetBars == 0 || !cr.Identical || len(cr.Scaling) != 2 || len(cr.Memory) != 2 {
		t.Fatalf("result %+v", cr)
	}
	for _, p := range cr.Scaling {
		if len(p.Seconds) != 2 || p.Median <= 0 || p.Throughput <= 0 || len(p.CPUSeconds) != 2 || len(p.MachineSpeedups) != 2 || !(p.MachineSpeedup > 0) {
			t.Fatalf("point %+v", p)
		}
	}
	if m := cr.Scaling[0].MachineSpeedup; m != 1 {
		t.Fatalf("the machine's speedup on one worker is %v, want 1 by definition", m)
	}
	if cr.Scaling[0].Speedup != 1 || cr.Scaling[0].Efficiency != 1 {
		t.Fatalf("one worker's speedup %v, efficiency %v", cr.Scaling[0].Speedup, cr.Scaling[0].Efficiency)
	}
	if cr.Memory[0].Combinations != 4 || cr.Memory[1].Combinations != 9 || cr.Memory[0].PeakBytes < cr.Memory[0].DataBytes {
		t.Fatalf("memory %+v", cr.Memory)
	}
	for _, m := range cr.Memory {
		if m.PeakLiveBytes == 0 || m.PeakLiveBytes > m.PeakBytes {
			t.Fatalf("peak live heap %d, peak heap %d: the live heap is part of the heap", m.PeakLiveBytes, m.PeakBytes)
		}
	}
	dir := t.TempDir()
	r.Command = "penny bench --scenario sweep"
	if err := WriteSweepDir(dir, r); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "sweep.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## tiny: 4 combinations", "| 1 | ", "| 3 | ", "machine speedup", "The rows are identical", "| 4 | 3 | ", "| 9 | 3 | ", "peak live heap"} {
		if !strings.Contains(string(md), want) {
			t.Fatalf("sweep.md lacks %q:\n%s", want, md)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sweep.json")); err != nil {
		t.Fatal(err)
	}
}
