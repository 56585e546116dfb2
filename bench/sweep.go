package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/memlimit"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/report"
	"github.com/pennybt/penny/pkg/sweep"
)

// The sweep scenario measures penny sweep: the throughput of a grid of
// backtests on 1, 2, ... workers over one load of the data, the scaling
// efficiency, and the peak heap of a sweep of 200 and of 2000
// combinations (which must not grow with the combinations). It runs the
// base daily (sma_crossover) and minute (mean_reversion) configs on the
// fixed backend; `penny bench --scenario sweep` runs it (it is not part of
// "all").

// SweepCase is one config swept: Timed (Small when empty) is timed;
// Small (at least 200 combinations) and Large (2000) are measured for
// memory.
type SweepCase struct {
	Name         string
	Config       string // the base config's YAML
	Timed        string // sweep block
	Small, Large string // sweep blocks
}

// timed returns the sweep block timed.
func (c SweepCase) timed() string {
	if c.Timed != "" {
		return c.Timed
	}
	return c.Small
}

// SweepCases returns the cases of the sweep scenario.
func SweepCases() []SweepCase {
	return []SweepCase{
		// sma_daily's backtests take about 2 ms: its timed sweep has
		// 1000 of them, so that a sweep on two workers lasts about a
		// second, not a fifth, and a short disturbance of the machine
		// does not decide its figure.
		{Name: "sma_daily", Config: dailyYAML,
			Timed: "sweep: {params: {fast: {from: 2, to: 21, step: 1}, slow: {from: 25, to: 123, step: 2}}, search: grid, metric: sharpe_ratio}\n",
			Small: "sweep: {params: {fast: {from: 2, to: 21, step: 1}, slow: {from: 30, to: 120, step: 10}}, search: grid, metric: sharpe_ratio}\n",
			Large: "sweep: {params: {fast: {from: 2, to: 21, step: 1}, slow: {from: 25, to: 124, step: 1}}, search: grid, metric: sharpe_ratio}\n"},
		{Name: "meanrev_minute", Config: minuteYAML,
			Small: "sweep: {params: {window: {from: 20, to: 110, step: 10}, entry: {from: 1, to: 2.9, step: 0.1}}, search: grid, metric: sharpe_ratio}\n",
			Large: "sweep: {params: {window: {from: 20, to: 119, step: 1}, entry: {from: 1, to: 2.9, step: 0.1}}, search: grid, metric: sharpe_ratio}\n"},
	}
}

// SweepOptions configure the sweep scenario.
type SweepOptions struct {
	// Workers are the worker counts timed; empty means 1, 2, 4, ... up
	// to GOMAXPROCS (and GOMAXPROCS itself).
	Workers []int
	// Runs is the number of timed sweeps per worker count, interleaved
	// (1, 2, ..., 1, 2, ...); the median is reported.
	Runs int
	// Memory measures the peak heap of the small and the large sweep.
	Memory bool
	// Cases are the configs swept; empty means SweepCases().
	Cases []SweepCase
	// Env is what the runs take from the program: the environment and
	// the table of strategies the cases name.
	Env    runner.Env
	Logger *slog.Logger
	// MemoryLimit is --max-memory: the sweeps run with the collector
	// settings penny sweep uses under it (memlimit.TuneGC).
	MemoryLimit memlimit.Limit
}

// SweepResults are the figures of the sweep scenario.
type SweepResults struct {
	Command     string      `json:"command"`
	Environment Environment `json:"environment"`
	// GC is the collector's setting during the sweeps, as penny sweep
	// sets it ("GOGC=400, memory limit 12 GiB", or the default's).
	GC    string            `json:"gc,omitempty"`
	Cases []SweepCaseResult `json:"cases"`
}

// SweepCaseResult is one case's figures.
type SweepCaseResult struct {
	Name         string `json:"name"`
	Backend      string `json:"backend"`
	Combinations int64  `json:"combinations"`
	// AssetBars is the asset-bars of one backtest.
	AssetBars int64          `json:"asset_bars"`
	Scaling   []ScalingPoint `json:"scaling"`
	// Identical is true when every timed sweep gave the same rows in the
	// same order (SHA-256 of every field), whatever its workers.
	Identical bool          `json:"identical"`
	Memory    []MemoryPoint `json:"memory,omitempty"`
}

// ScalingPoint is the throughput of one worker count.
type ScalingPoint struct {
	Workers int       `json:"workers"`
	Seconds []float64 `json:"seconds"` // each timed sweep, wall clock
	Median  float64   `json:"median_seconds"`
	// CPUSeconds is the process's CPU time (user and system, every
	// thread) of each timed sweep; CPUPerCombination its median over the
	// combinations, in milliseconds: flat across worker counts when the
	// workers do not get in each other's way, whatever else the machine
	// runs.
	CPUSeconds        []float64 `json:"cpu_seconds"`
	CPUPerCombination float64   `json:"cpu_ms_per_combination"`
	// Throughput is combinations per second (median); Speedup its ratio
	// to one worker's; Efficiency Speedup / Workers.
	Throughput float64 `json:"combinations_per_second"`
	Speedup    float64 `json:"speedup"`
	Efficiency float64 `json:"efficiency"`
	// MachineSpeedups are what the machine itself gave as many
	// goroutines at each run, measured just before its sweep by a
	// compute kernel that touches no memory (machineSpeedup), and
	// MachineSpeedup their median: the bound the sweep's speedup is read
	// against, below the worker count when the machine's cores are not
	// its own.
	MachineSpeedups []float64 `json:"machine_speedups"`
	MachineSpeedup  float64   `json:"machine_speedup"`
}

// MemoryPoint is the peak heap of one sweep: DataBytes is the live heap
// with the data loaded, before the sweep, and AfterBytes the live heap
// after it (the data still held): what the sweep kept.
type MemoryPoint struct {
	Combinations int64  `json:"combinations"`
	Workers      int    `json:"workers"`
	DataBytes    uint64 `json:"data_bytes"`
	PeakBytes    uint64 `json:"peak_heap_bytes"`
	// PeakLiveBytes is the highest live heap a collection found during
	// the sweep: what the sweep held at most (the data, a run's storage
	// per worker, the rows waiting), which the peak exceeds by the
	// garbage the collector's pacing lets accumulate (GOGC).
	PeakLiveBytes uint64 `json:"peak_live_bytes"`
	AfterBytes    uint64 `json:"after_bytes"`
}

// RunSweep runs the sweep scenario.
func RunSweep(ctx context.Context, o SweepOptions) (*SweepResults, error) {
	if o.Runs < 1 {
		o.Runs = 3
	}
	if len(o.Workers) == 0 {
		for w := 1; w < runtime.GOMAXPROCS(0); w *= 2 {
			o.Workers = append(o.Workers, w)
		}
		o.Workers = append(o.Workers, runtime.GOMAXPROCS(0))
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if len(o.Cases) == 0 {
		o.Cases = SweepCases()
	}
	getenv := o.Env.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	defer memlimit.TuneGC(o.MemoryLimit, memlimit.SweepGCPercent, getenv)()
	res := &SweepResults{Environment: ReadEnvironment(), GC: gcSetting()}
	for _, c := range o.Cases {
		cr, err := runSweepCase(ctx, c, &o)
		if err != nil {
			return nil, fmt.Errorf("bench: sweep %s: %w", c.Name, err)
		}
		res.Cases = append(res.Cases, cr)
	}
	return res, nil
}

// sweepOf parses a case's config with a sweep block.
func sweepOf(base, block string) (*config.Config, *sweep.Configs, error) {
	text := base + block
	c, err := config.Parse([]byte(text))
	if err != nil {
		return nil, nil, err
	}
	cs, err := sweep.NewConfigs([]byte(text), "")
	return c, cs, err
}

func runSweepCase(ctx context.Context, c SweepCase, o *SweepOptions) (SweepCaseResult, error) {
	cfg, cs, err := sweepOf(c.Config, c.timed())
	if err != nil {
		return SweepCaseResult{}, err
	}
	if err := runner.CheckSweep(cs, o.Env.Strategies); err != nil {
		return SweepCaseResult{}, err
	}
	b, err := runner.SweepBackend[numeric.Fixed](cfg, cs, o.Env)
	if err != nil {
		return SweepCaseResult{}, err
	}
	spec, _ := sweep.SpecOf(cfg)
	cr := SweepCaseResult{Name: c.Name, Backend: "fixed", Combinations: cfg.Sweep.Combinations(), Identical: true}
	// One sweep to warm up and to count the asset-bars of a backtest.
	if _, _, err := runOne(ctx, spec, b, 1, func(r sweep.Row) {
		if cr.AssetBars == 0 && r.Status == sweep.OK {
			fmt.Sscan(r.Metric("asset_bars"), &cr.AssetBars)
		}
	}); err != nil {
		return cr, err
	}
	times := make([][]float64, len(o.Workers))
	cpus := make([][]float64, len(o.Workers))
	machine := make([][]float64, len(o.Workers))
	want := ""
	for run := range o.Runs {
		for i, w := range o.Workers {
			machine[i] = append(machine[i], machineSpeedup(w))
			cpu0 := processCPU()
			took, sum, err := runOne(ctx, spec, b, w, nil)
			if err != nil {
				return cr, err
			}
			cpus[i] = append(cpus[i], (processCPU() - cpu0).Seconds())
			if want == "" {
				want = sum
			}
			cr.Identical = cr.Identical && sum == want
			times[i] = append(times[i], took.Seconds())
			o.Logger.Info("sweep", "case", c.Name, "workers", w, "run", run+1, "seconds", fmt.Sprintf("%.3f", took.Seconds()))
		}
	}
	for i, w := range o.Workers {
		p := ScalingPoint{Workers: w, Seconds: times[i], Median: median(times[i]), CPUSeconds: cpus[i], MachineSpeedups: machine[i], MachineSpeedup: median(machine[i])}
		p.CPUPerCombination = 1000 * median(cpus[i]) / float64(cr.Combinations)
		p.Throughput = float64(cr.Combinations) / p.Median
		cr.Scaling = append(cr.Scaling, p)
	}
	for i := range cr.Scaling {
		cr.Scaling[i].Speedup = cr.Scaling[i].Throughput / cr.Scaling[0].Throughput
		cr.Scaling[i].Efficiency = cr.Scaling[i].Speedup * float64(cr.Scaling[0].Workers) / float64(cr.Scaling[i].Workers)
	}
	if o.Memory {
		b = nil
		for _, block := range []string{c.Small, c.Large} {
			mp, err := sweepMemory(ctx, c.Config, block, slices.Max(o.Workers), o.Env)
			if err != nil {
				return cr, err
			}
			o.Logger.Info("sweep memory", "case", c.Name, "combinations", mp.Combinations, "data MB", mp.DataBytes>>20, "peak MB", mp.PeakBytes>>20)
			cr.Memory = append(cr.Memory, mp)
		}
	}
	return cr, nil
}

// runOne times one sweep of spec, its rows streamed (no file: the time
// is the runs') and hashed in order (SHA-256 of every field of every
// row).
func runOne(ctx context.Context, spec sweep.Spec, b sweep.Backend, workers int, onRow func(sweep.Row)) (time.Duration, string, error) {
	h := sha256.New()
	runtime.GC()
	start := time.Now()
	_, err := sweep.Run(ctx, spec, sweep.Options{Workers: workers, Report: report.Options{Name: "bench"}, OnRow: func(r sweep.Row) {
		fmt.Fprintf(h, "%d|%q|%s|%s|%s|%q\n", r.Trial, r.Values, r.Backend, r.Status, r.Reason, r.Metrics)
		if onRow != nil {
			onRow(r)
		}
	}}, b)
	return time.Since(start), hex.EncodeToString(h.Sum(nil)), err
}

// sweepMemory loads the data alone, reads the live heap, and samples the
// heap during one sweep of the block.
func sweepMemory(ctx context.Context, base, block string, workers int, env runner.Env) (MemoryPoint, error) {
	cfg, cs, err := sweepOf(base, block)
	if err != nil {
		return MemoryPoint{}, err
	}
	b, err := runner.SweepBackend[numeric.Fixed](cfg, cs, env)
	if err != nil {
		return MemoryPoint{}, err
	}
	spec, _ := sweep.SpecOf(cfg)
	mp := MemoryPoint{Combinations: cfg.Sweep.Combinations(), Workers: workers, DataBytes: liveHeap()}
	h := startHeapSampler(HeapSampleInterval)
	_, err = sweep.Run(ctx, spec, sweep.Options{Workers: workers, Meta: sweep.Meta{Version: "bench"}}, b)
	mp.PeakBytes = h.Stop()
	mp.PeakLiveBytes = h.PeakLive()
	mp.AfterBytes = liveHeap()
	runtime.KeepAlive(b)
	return mp, err
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// SweepReport writes the sweep scenario's figures as Markdown.
func SweepReport(r *SweepResults) string {
	var b strings.Builder
	e := r.Environment
	fmt.Fprintf(&b, "# Penny sweep scaling\n\n`%s` on %s (%d cores, GOMAXPROCS %d), %s, %s", r.Command, e.CPU, e.Cores, e.GOMAXPROCS, e.OS, e.Go)
	if e.Commit != "" {
		fmt.Fprintf(&b, ", commit %.12s", e.Commit)
		if e.Dirty {
			b.WriteString(" (dirty)")
		}
	}
	if r.GC != "" {
		fmt.Fprintf(&b, "; the collector at %s, as penny sweep sets it", r.GC)
	}
	b.WriteString(".\n\nEach sweep runs every combination of the grid on the fixed backend over one load of the data; throughput is combinations per second (median of the timed sweeps), efficiency the speedup over one worker divided by the workers; CPU ms/combination is the process's CPU time per combination, which stays flat when the workers do not slow each other down. Machine speedup is what the machine itself gives as many goroutines, measured just before each sweep by a compute kernel that touches no memory and allocates nothing (the median over the runs): on cores of its own it equals the workers; a shared or virtual machine, or a host that lowers its clock when more of its cores are busy, gives less, and no sweep can scale beyond it. The last column reads the sweep's speedup against it. A speedup above the workers means the machine ran the one-worker sweeps slower per combination than the others (compare the CPU column and the runs): on a virtual machine one busy vCPU can run slower than two.\n")
	for _, c := range r.Cases {
		fmt.Fprintf(&b, "\n## %s: %d combinations, %d asset-bars each\n\n", c.Name, c.Combinations, c.AssetBars)
		b.WriteString("| workers | median s | combinations/s | speedup | efficiency | CPU ms/combination | runs (s) | machine speedup | speedup / machine's |\n|---:|---:|---:|---:|---:|---:|---|---:|---:|\n")
		for _, p := range c.Scaling {
			var runs []string
			for _, s := range p.Seconds {
				runs = append(runs, fmt.Sprintf("%.3f", s))
			}
			fmt.Fprintf(&b, "| %d | %.3f | %.1f | %.2fx | %.0f%% | %.2f | %s | %.2fx | %.0f%% |\n", p.Workers, p.Median, p.Throughput, p.Speedup, 100*p.Efficiency, p.CPUPerCombination, strings.Join(runs, ", "), p.MachineSpeedup, 100*p.Speedup/p.MachineSpeedup)
		}
		if c.Identical {
			b.WriteString("\nThe rows are identical (SHA-256 of every field, in order) for every worker count.\n")
		} else {
			b.WriteString("\n**The rows differed between worker counts.**\n")
		}
		if len(c.Memory) > 0 {
			b.WriteString("\n| combinations | workers | data (live heap before) | peak live heap during the sweep | peak heap during the sweep | live heap after |\n|---:|---:|---:|---:|---:|---:|\n")
			for _, m := range c.Memory {
				fmt.Fprintf(&b, "| %d | %d | %.1f MiB | %.1f MiB | %.1f MiB | %.1f MiB |\n", m.Combinations, m.Workers,
					float64(m.DataBytes)/(1<<20), float64(m.PeakLiveBytes)/(1<<20), float64(m.PeakBytes)/(1<<20), float64(m.AfterBytes)/(1<<20))
			}
			b.WriteString("\nBoth peaks are sampled every millisecond. The peak live heap is the most a collection found live: the data, one run's storage per worker (the largest run it has served: a combination with many fills holds more) and the rows waiting for an earlier one; it does not grow with the combinations. The peak heap adds the garbage the collector lets accumulate before it runs (up to GOGC percent of the live heap), so it moves with the collector's pacing: a longer sweep meets a higher crest. The live heap after the sweep is what it kept.\n")
		}
	}
	return b.String()
}

// WriteSweepDir writes sweep.json and sweep.md into dir.
func WriteSweepDir(dir string, r *SweepResults) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	j, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "sweep.json"), append(j, '\n')); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "sweep.md"), []byte(SweepReport(r)))
}

// gcSetting describes the collector's current percent and memory limit.
func gcSetting() string {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	l := debug.SetMemoryLimit(-1)
	if l == math.MaxInt64 {
		return fmt.Sprintf("GOGC=%d, no memory limit", p)
	}
	return fmt.Sprintf("GOGC=%d, memory limit %.1f GiB", p, float64(l)/(1<<30))
}
