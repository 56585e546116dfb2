package bench

import "time"

// Schema is the version of results.json's layout.
const Schema = 1

// Results is everything one bench run measured: results.json holds it,
// and the report and charts are drawn from it alone.
type Results struct {
	Schema  int       `json:"schema"`
	Command string    `json:"command"`
	Started time.Time `json:"started"`
	// Seconds is the wall time of the whole bench, data generation and
	// profiling included.
	Seconds     float64     `json:"seconds"`
	Environment Environment `json:"environment"`
	Settings    Settings    `json:"settings"`
	// Calibration is the calibration kernel's time per rep over the whole
	// run (every scenario's reps).
	Calibration Stats            `json:"calibration_ns"`
	Scenarios   []ScenarioResult `json:"scenarios"`
	Summary     Summary          `json:"summary"`
	Growth      []GrowthSeries   `json:"growth,omitempty"`
	Targets     []Target         `json:"targets"`
	Baseline    *Comparison      `json:"baseline,omitempty"`
	// CountNote says why no instructions were counted ("" when they
	// were).
	CountNote string `json:"count_note,omitempty"`
}

// Environment describes the machine and the build.
type Environment struct {
	CPU        string `json:"cpu"`
	Cores      int    `json:"cores"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	OS         string `json:"os"`
	Kernel     string `json:"kernel,omitempty"`
	Go         string `json:"go"`
	GOGC       string `json:"gogc"`
	// Commit is `git rev-parse HEAD` of the working directory ("" when
	// unavailable); Dirty is true when `git status --porcelain` lists
	// changes (the measured code may differ from the commit).
	Commit string `json:"commit"`
	Dirty  bool   `json:"dirty"`
}

// Settings are the options the run used.
type Settings struct {
	Backends []string `json:"backends"`
	Runs     int      `json:"runs"`
	Quick    bool     `json:"quick"`
	// SampleTargetMS: a timed run repeats the backtest (GC before each,
	// untimed) until it has lasted this long, and reports the time per
	// backtest.
	SampleTargetMS float64 `json:"sample_target_ms"`
	// ProfileSeconds is how long each scenario and backend is profiled,
	// in runs separate from the timed ones.
	ProfileSeconds          float64 `json:"profile_seconds"`
	CalibrationRepsPerRound int     `json:"calibration_reps_per_round"`
	HeapSampleIntervalMS    float64 `json:"heap_sample_interval_ms"`
	// Counted names the tool and settings of the instruction counts (""
	// when none were taken).
	Counted string `json:"counted,omitempty"`
}

// ScenarioResult is one scenario on every backend.
type ScenarioResult struct {
	Name      string `json:"name"`
	Group     string `json:"group"`
	Series    string `json:"series,omitempty"`
	Factor    int    `json:"factor,omitempty"`
	Base      string `json:"base,omitempty"`
	Strategy  string `json:"strategy"`
	Frequency string `json:"frequency"`
	Assets    int    `json:"assets"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Sessions  int    `json:"sessions"`
	Bars      int    `json:"bars"`
	AssetBars int64  `json:"asset_bars"`
	// RawBytes is the raw size of the bars: 48 bytes an asset-bar (an
	// int64 time and five 8-byte values).
	RawBytes int64 `json:"raw_bytes"`
	// Calibration is the calibration kernel's time per rep, from the reps
	// interleaved with this scenario's rounds; normalised times divide by
	// its median.
	Calibration Stats `json:"calibration_ns"`
	// CalibrationCPU is the process CPU time of the same reps; normalised
	// CPU times divide by its median.
	CalibrationCPU Stats           `json:"calibration_cpu_ns"`
	Backends       []BackendResult `json:"backends"`
	Drift          *Drift          `json:"drift,omitempty"`
}

// Backend returns the result of the named backend, nil when it did not
// run.
func (s *ScenarioResult) Backend(name string) *BackendResult {
	for i := range s.Backends {
		if s.Backends[i].Backend == name {
			return &s.Backends[i]
		}
	}
	return nil
}

// BackendResult is one scenario on one backend. Times are per backtest,
// in nanoseconds.
type BackendResult struct {
	Backend string `json:"backend"`
	// Runs is the number of timed runs; Batch the backtests in each.
	Runs  int `json:"runs"`
	Batch int `json:"batch"`
	// LoadSeconds is the time to generate the data (never timed
	// otherwise); DataBytes the live heap the bars hold, measured with no
	// other backend's bars in memory.
	LoadSeconds float64 `json:"load_seconds"`
	DataBytes   uint64  `json:"data_bytes"`
	// Times holds each timed run's wall time per backtest; Time and
	// CPUTime summarise the wall and process CPU times (all threads: the
	// garbage collector's work on the other core counts).
	Times   []float64 `json:"times_ns"`
	Time    Stats     `json:"time_ns"`
	CPUTime Stats     `json:"cpu_time_ns"`
	// NsPerAssetBar and AssetBarsPerSecond are from the median time.
	NsPerAssetBar      float64 `json:"ns_per_asset_bar"`
	AssetBarsPerSecond float64 `json:"asset_bars_per_second"`
	// Normalized is the fastest timed run (the least disturbed by other
	// processes) over the scenario's calibration median: the figure the
	// regression gate compares.
	Normalized float64 `json:"normalized"`
	// NormalizedCPU is the median CPU time of a backtest over the timed
	// runs over the scenario's calibration CPU median: the figure the gate
	// compares when no instructions were counted (0 when the calibration
	// has no CPU times, as in results written before they were measured).
	NormalizedCPU float64 `json:"normalized_cpu,omitempty"`
	// RunPeakBytes is the highest heap sampled during a backtest (after
	// the timed runs, with this backend's bars alone in memory) above the
	// heap at its start; PeakHeapBytes = DataBytes + RunPeakBytes, the
	// heap a lone run of this backend reaches. AllocBytes is the mean
	// allocated per timed backtest.
	RunPeakBytes  uint64 `json:"run_peak_bytes"`
	PeakHeapBytes uint64 `json:"peak_heap_bytes"`
	AllocBytes    uint64 `json:"alloc_bytes"`
	// Overhead is (median / float's median - 1) x 100 (0 for float) and
	// CPUOverhead the same from CPU times; Verdict grades Overhead against
	// the fixed overhead target, for fixed only (empty for the other
	// backends: the target is not theirs).
	Overhead    float64 `json:"overhead_percent"`
	CPUOverhead float64 `json:"cpu_overhead_percent"`
	Verdict     Verdict `json:"verdict,omitempty"`
	// Final is the final portfolio value, Transactions the number of
	// fills.
	Final        string   `json:"final"`
	Transactions int      `json:"transactions"`
	Profile      *Profile `json:"profile,omitempty"`
	// Counts is the instruction count of one backtest (nil when not
	// counted); CountNote says why not, when it was skipped.
	Counts    *Counts `json:"counts,omitempty"`
	CountNote string  `json:"count_note,omitempty"`
}

// Profile is the module breakdown of one scenario and backend, from a CPU
// profile of runs made after the timed ones.
type Profile struct {
	// File is the profile, relative to the output folder (open it with
	// `go tool pprof`).
	File    string  `json:"file"`
	Runs    int     `json:"runs"`
	Seconds float64 `json:"seconds"`
	Samples int64   `json:"samples"`
	// CPUPerRun is the profile's CPU time per backtest, ns.
	CPUPerRun float64       `json:"cpu_per_run_ns"`
	Modules   []ModuleShare `json:"modules"`
}

// ModuleShare is one module's part of a profile.
type ModuleShare struct {
	Module  Module `json:"module"`
	Samples int64  `json:"samples"`
	// Share is the module's percentage of the profile's CPU time;
	// NsPerRun and NsPerAssetBar its CPU time per backtest and per
	// asset-bar.
	Share         float64 `json:"share_percent"`
	NsPerRun      float64 `json:"ns_per_run"`
	NsPerAssetBar float64 `json:"ns_per_asset_bar"`
	// For a backend other than float, with float profiled too: Overhead is
	// (NsPerRun / float's - 1) x 100 for the module (omitted when float
	// has no time there), Contribution the module's share of the total
	// overhead in percentage points: (NsPerRun - float's) / float's total
	// CPU per run x 100. Contributions add up to the CPU overhead of the
	// profiles.
	Overhead     *float64 `json:"overhead_percent,omitempty"`
	Contribution *float64 `json:"contribution_points,omitempty"`
}

// Module returns the share of the named module (a zero share when absent).
func (p *Profile) Module(m Module) ModuleShare {
	for _, s := range p.Modules {
		if s.Module == m {
			return s
		}
	}
	return ModuleShare{Module: m}
}

// Summary is the fixed overhead verdict and the overhead averages. The
// verdict on every required target is RequiredTargets'.
type Summary struct {
	// Verdict is the worst fixed verdict over Scope: the fixed overhead
	// target, and that target alone, holds on each base scenario.
	Verdict Verdict `json:"verdict"`
	// Scope lists the scenarios the verdict and the averages cover: the
	// base scenarios run (every scenario run when none is).
	Scope     []string          `json:"scope"`
	Overheads []BackendOverhead `json:"overheads"`
	// Weights says how the weighted averages weigh the scenarios.
	Weights string `json:"weights"`
}

// BackendOverhead averages a backend's overheads over the scope, and over
// every scenario run.
type BackendOverhead struct {
	Backend     string  `json:"backend"`
	Average     float64 `json:"average_percent"`
	Weighted    float64 `json:"weighted_percent"`
	AllAverage  float64 `json:"all_average_percent"`
	AllWeighted float64 `json:"all_weighted_percent"`
	Worst       string  `json:"worst_scenario"`
	WorstValue  float64 `json:"worst_percent"`
}

// GrowthSeries is how a backend's cost grows along a series.
type GrowthSeries struct {
	Series  string        `json:"series"` // Scenario.Series
	Base    string        `json:"base"`   // its factor 1
	Backend string        `json:"backend"`
	Points  []GrowthPoint `json:"points"`
}

// GrowthPoint is one size of a series.
type GrowthPoint struct {
	Factor    int     `json:"factor"`
	Scenario  string  `json:"scenario"`
	AssetBars int64   `json:"asset_bars"`
	TimeNs    float64 `json:"time_ns"`
	// SizeRatio and TimeRatio are against factor 1.
	SizeRatio float64 `json:"size_ratio"`
	TimeRatio float64 `json:"time_ratio"`
	// Doubling is the time ratio to the previous point per doubling of
	// the asset-bars, 2 x ((t/ab) / (t_prev/ab_prev))^(1/log2(ab/ab_prev)):
	// the cost per asset-bar's growth spread evenly over the doublings
	// between the two points (2 x (t/ab) / (t_prev/ab_prev) for an exact
	// doubling). 2 is linear; the target is at most MaxDoubling. 0 for
	// factor 1.
	Doubling float64 `json:"doubling"`
}

// Target is one of the speed targets, as this run measured it.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	// Status is "met", "not met" or "not measured" (a scenario it needs
	// did not run).
	Status   string `json:"status"`
	Required bool   `json:"required"`
}
