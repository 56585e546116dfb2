package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/google/pprof/profile"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/strategies/builtin"
)

// Options configure a bench run. Start from DefaultOptions.
type Options struct {
	// Scenarios to run, in order; Backends to run them on (float first:
	// it is the baseline).
	Scenarios []Scenario
	Backends  []string
	// Runs is the number of timed runs per backend (at least 1).
	Runs int
	// Quick marks the short form (recorded in the results).
	Quick bool
	// SampleTarget: a timed run repeats the backtest until it has lasted
	// this long (the batch size is set from the warm-up run), so that
	// millisecond backtests are not timed one by one on a noisy machine.
	// Zero times single backtests.
	SampleTarget time.Duration
	// ProfileTime is how long each scenario and backend is profiled, in
	// runs after the timed ones (at least one run); zero takes no
	// profiles.
	ProfileTime time.Duration
	// OutDir receives the profiles, in OutDir/profiles; required when
	// ProfileTime > 0.
	OutDir string
	// CalibrationReps is the number of calibration reps timed before each
	// round of timed runs (and once more after the last).
	CalibrationReps int
	// Env is what the runs take from the program: the environment and
	// the table of strategies the scenarios name (DefaultOptions:
	// os.Getenv and Penny's own strategies).
	Env runner.Env
	// Logger receives progress; nil discards it.
	Logger *slog.Logger
	// Command is recorded in the results (the command line that ran).
	Command string
	// CountCommand is the command that runs one counted backtest, the
	// scenario/backend appended (`penny bench --count-child`); the bench
	// runs it under valgrind's callgrind to count instructions (see
	// CountChild). Nil, or no valgrind on the PATH, counts nothing: the
	// gate then decides from the normalised times.
	CountCommand []string
	// CountLimit skips the count of a backend whose median backtest takes
	// longer, and CountMaxAssetBars that of a scenario with more
	// asset-bars (its data is generated again in the counted process):
	// callgrind runs the counted backtest some 50 times slower than
	// alone, and the rest some 5 times. Zero is no limit.
	CountLimit        time.Duration
	CountMaxAssetBars int64
	// CountScenarios picks the scenarios counted: "base" (the gate's),
	// "all", or "none".
	CountScenarios string
	// CacheSim has callgrind simulate the caches too (first-level and
	// last-level misses, slower).
	CacheSim bool
	// Now and Environment are the clock and the machine description;
	// nil picks time.Now and ReadEnvironment.
	Now         func() time.Time
	Environment func() Environment
}

// DefaultOptions returns the options of `penny bench`: the base
// scenarios, every backend, 5 runs of at least 200 ms, 5 s of profile
// per scenario and backend. The quick form (the CI gate) makes 5 runs of
// at least 100 ms and profiles for 0.5 s.
func DefaultOptions(quick bool) Options {
	base, _ := Select("base")
	o := Options{
		CountLimit:        3 * time.Second,
		CountMaxAssetBars: 1_000_000,
		CountScenarios:    "base",
		Scenarios:         base,
		Backends:          numeric.BackendNames(),
		Runs:              5,
		SampleTarget:      200 * time.Millisecond,
		ProfileTime:       5 * time.Second,
		CalibrationReps:   5,
		Env:               runner.Env{Getenv: os.Getenv, Strategies: builtin.Table()},
	}
	if quick {
		// The CI form: shorter batches and profiles, but more runs, since
		// the gate takes each backend's fastest run and millisecond
		// backtests on a shared machine spread by 20-30% from run to run.
		o.Quick, o.Runs, o.SampleTarget, o.ProfileTime = true, 9, 100*time.Millisecond, 500*time.Millisecond
	}
	return o
}

func (o *Options) validate() error {
	var errs []error
	if len(o.Scenarios) == 0 {
		errs = append(errs, errors.New("no scenario"))
	}
	if len(o.Backends) == 0 || o.Backends[0] != "float" {
		errs = append(errs, errors.New("backends: float must come first (the baseline)"))
	}
	if o.Runs < 1 {
		errs = append(errs, fmt.Errorf("runs: must be at least 1, got %d", o.Runs))
	}
	if o.ProfileTime > 0 && o.OutDir == "" {
		errs = append(errs, errors.New("profiles need an output folder"))
	}
	switch o.CountScenarios {
	case "", "base", "all", "none":
	default:
		errs = append(errs, fmt.Errorf("count: want base, all or none, got %q", o.CountScenarios))
	}
	if o.CalibrationReps < 1 {
		errs = append(errs, fmt.Errorf("calibration reps: must be at least 1, got %d", o.CalibrationReps))
	}
	return errors.Join(errs...)
}

// Run runs the bench: for each scenario, loads the data of every backend,
// makes one warm-up run per backend, then Runs timed runs per backend
// interleaved (float, fixed, decimal, float, ...), each round preceded by
// calibration reps, then the profiled runs, then one memory run per
// backend with its bars alone in memory; and computes the statistics,
// drift, module breakdown, summary, growth and targets.
func Run(ctx context.Context, o Options) (*Results, error) {
	if err := o.validate(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Environment == nil {
		o.Environment = ReadEnvironment
	}
	start := o.Now()
	r := &Results{
		Schema:      Schema,
		Command:     o.Command,
		Started:     start.UTC(),
		Environment: o.Environment(),
		Settings: Settings{
			Backends: o.Backends, Runs: o.Runs, Quick: o.Quick,
			SampleTargetMS:          ms(o.SampleTarget),
			ProfileSeconds:          o.ProfileTime.Seconds(),
			CalibrationRepsPerRound: o.CalibrationReps,
			HeapSampleIntervalMS:    ms(HeapSampleInterval),
		},
	}
	counting := o.CountScenarios == "base" || o.CountScenarios == "all"
	if why, ok := countAvailable(o.CountCommand); counting && !ok {
		counting = false
		r.CountNote = why
	} else if !counting {
		r.CountNote = "not asked for"
	}
	if counting {
		r.Settings.Counted = CountTool + " --tool=callgrind, GOGC=off, GOMAXPROCS=1"
		if o.CacheSim {
			r.Settings.Counted += ", --cache-sim=yes"
		}
	}
	cal := newCalibration()
	var reps []float64
	for _, sc := range o.Scenarios {
		sr, cr, err := runScenario(ctx, sc, &o, cal)
		if err != nil {
			return nil, err
		}
		if counting && (o.CountScenarios == "all" || sc.Group == "base") {
			if err := countScenario(ctx, &sr, &o); err != nil {
				return nil, err
			}
		}
		reps = append(reps, cr...)
		r.Scenarios = append(r.Scenarios, sr)
	}
	r.Calibration = Summarize(reps)
	Finish(r)
	r.Seconds = o.Now().Sub(start).Seconds()
	return r, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// batchSize is the number of backtests a timed run needs to last target,
// from one backtest's time (at least 1, at most 100000).
func batchSize(one, target time.Duration) int {
	if target <= 0 || one >= target {
		return 1
	}
	if one <= 0 {
		return 100000
	}
	return int(min(100000, math.Ceil(float64(target)/float64(one))))
}

// accum collects one backend's timed runs.
type accum struct {
	times, cpus []float64
	alloc       float64
	backtests   int
}

func runScenario(ctx context.Context, sc Scenario, o *Options, cal *calibration) (ScenarioResult, []float64, error) {
	log := o.Logger.With("scenario", sc.Name)
	sr := ScenarioResult{
		Name: sc.Name, Group: sc.Group, Series: sc.Series, Factor: sc.Factor, Base: sc.Base,
		Strategy: sc.Config.Strategy.Name, Frequency: sc.Config.Data.Frequency.String(),
		Assets: sc.Config.Data.Assets,
		Start:  sc.Config.Data.Start.Format("2006-01-02"), End: sc.Config.Data.End.Format("2006-01-02"),
	}
	subjects := make([]subject, len(o.Backends))
	results := make([]BackendResult, len(o.Backends))
	defer func() {
		for _, s := range subjects {
			if s != nil {
				s.release()
			}
		}
		runtime.GC()
	}()
	for i, b := range o.Backends {
		s, err := newSubject(b, sc.Config)
		if err != nil {
			return sr, nil, err
		}
		subjects[i] = s
		bytes, took, err := s.load(o.Env)
		if err != nil {
			return sr, nil, err
		}
		results[i] = BackendResult{Backend: b, Runs: o.Runs, Batch: 1, LoadSeconds: took.Seconds(), DataBytes: bytes}
		log.Info("data loaded", "backend", b, "seconds", fmt.Sprintf("%.2f", took.Seconds()), "MB", fmt.Sprintf("%.1f", float64(bytes)/1e6))
	}
	// Warm-up: one run per backend, discarded (its outcome is kept for
	// the drift; later runs must reproduce it).
	for i, s := range subjects {
		rs, err := s.run(ctx, false)
		if err != nil {
			return sr, nil, err
		}
		results[i].Batch = batchSize(rs.wall, o.SampleTarget)
		log.Info("warm-up", "backend", s.backend(), "ms", fmt.Sprintf("%.1f", ms(rs.wall)), "batch", results[i].Batch)
	}
	// Timed runs, interleaved.
	acc := make([]accum, len(subjects))
	var reps, cpuReps []float64
	timeReps := func() {
		w, c := cal.timeReps(o.CalibrationReps)
		reps, cpuReps = append(reps, w...), append(cpuReps, c...)
	}
	for round := 0; round < o.Runs; round++ {
		timeReps()
		for i, s := range subjects {
			var wall, cpu time.Duration
			var alloc uint64
			for k := 0; k < results[i].Batch; k++ {
				if err := ctx.Err(); err != nil {
					return sr, nil, err
				}
				rs, err := s.run(ctx, false)
				if err != nil {
					return sr, nil, err
				}
				wall += rs.wall
				cpu += rs.cpu
				alloc += rs.alloc
			}
			n := float64(results[i].Batch)
			acc[i].times = append(acc[i].times, float64(wall)/n)
			acc[i].cpus = append(acc[i].cpus, float64(cpu)/n)
			acc[i].alloc += float64(alloc)
			acc[i].backtests += results[i].Batch
			log.Info("timed run", "backend", s.backend(), "run", round+1, "ms_per_backtest", fmt.Sprintf("%.2f", float64(wall)/n/1e6))
		}
	}
	timeReps()
	sr.Calibration, sr.CalibrationCPU = Summarize(reps), Summarize(cpuReps)

	sessions, bars, assetBars := subjects[0].shape()
	sr.Sessions, sr.Bars, sr.AssetBars = sessions, bars, assetBars
	sr.RawBytes = assetBars * 48
	outcomes := map[string]*outcome{}
	for i, s := range subjects {
		br := &results[i]
		br.Times = acc[i].times
		br.Time = Summarize(acc[i].times)
		br.CPUTime = Summarize(acc[i].cpus)
		if br.Time.Median > 0 {
			br.NsPerAssetBar = br.Time.Median / float64(assetBars)
			br.AssetBarsPerSecond = float64(assetBars) / (br.Time.Median / 1e9)
		}
		br.AllocBytes = uint64(acc[i].alloc / float64(max(1, acc[i].backtests)))
		oc := s.outcome()
		outcomes[br.Backend] = oc
		br.Final, br.Transactions = oc.finalStr, len(oc.trades)
		if _, _, ab := s.shape(); ab != assetBars {
			return sr, nil, fmt.Errorf("%s: %s replayed %d asset-bars, %s %d", sc.Name, br.Backend, ab, o.Backends[0], assetBars)
		}
	}
	// Profiles, after the timed runs so that they do not slow them.
	for i, s := range subjects {
		if o.ProfileTime <= 0 {
			break
		}
		p, err := profileRuns(ctx, s, o.OutDir, sc.Name, o.ProfileTime, assetBars)
		if err != nil {
			return sr, nil, err
		}
		results[i].Profile = p
		log.Info("profiled", "backend", s.backend(), "runs", p.Runs, "samples", p.Samples)
	}
	// Memory: each backend alone, its bars the only ones in memory, so
	// that the collector paces as it would in a lone run.
	for _, s := range subjects {
		s.release()
	}
	for i := range results {
		if err := measureMemory(ctx, sc.Config, &results[i], outcomes[results[i].Backend], o.Env); err != nil {
			return sr, nil, err
		}
		log.Info("memory", "backend", results[i].Backend, "peak_MB", fmt.Sprintf("%.1f", float64(results[i].PeakHeapBytes)/1e6))
	}
	sr.Backends = results
	sr.Drift = computeDrift(outcomes)
	return sr, reps, nil
}

// measureMemory loads the data of br's backend again, alone, and runs one
// backtest sampling the heap: DataBytes is the heap the bars hold,
// RunPeakBytes the highest heap sampled during the backtest above the
// heap at its start, PeakHeapBytes their sum. The backtest must
// reproduce ref.
func measureMemory(ctx context.Context, c *config.Config, br *BackendResult, ref *outcome, env runner.Env) error {
	s, err := newSubject(br.Backend, c)
	if err != nil {
		return err
	}
	defer s.release()
	data, _, err := s.load(env)
	if err != nil {
		return err
	}
	rs, err := s.run(ctx, true)
	if err != nil {
		return err
	}
	if err := ref.same(s.outcome()); err != nil {
		return fmt.Errorf("%s on %s: a run over reloaded data differs: %w", c.Name, br.Backend, err)
	}
	br.DataBytes, br.RunPeakBytes, br.PeakHeapBytes = data, rs.peak, data+rs.peak
	return nil
}

// ProfileDir is the folder of the profiles inside the output folder.
const ProfileDir = "profiles"

// profileRuns profiles backtests of s for at least d (and at least one),
// writes the profile to dir/profiles/<scenario>-<backend>.pprof and
// attributes its samples to modules.
func profileRuns(ctx context.Context, s subject, dir, scenario string, d time.Duration, assetBars int64) (*Profile, error) {
	rel := filepath.Join(ProfileDir, scenario+"-"+s.backend()+".pprof")
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Discard() // nothing once committed
	runtime.GC()
	if err := pprof.StartCPUProfile(f); err != nil {
		return nil, fmt.Errorf("profile %s on %s: %w", scenario, s.backend(), err)
	}
	t := time.Now()
	runs := 0
	var runErr error
	for runs == 0 || time.Since(t) < d {
		if runErr = s.once(ctx); runErr != nil {
			break
		}
		runs++
	}
	took := time.Since(t)
	pprof.StopCPUProfile()
	if runErr != nil {
		return nil, runErr
	}
	if err := f.Commit(); err != nil {
		return nil, err
	}
	pf, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	prof, err := profile.Parse(pf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return breakdown(Attribute(prof), filepath.ToSlash(rel), runs, took, assetBars), nil
}

// breakdown turns an attribution into a Profile.
func breakdown(a Attribution, file string, runs int, took time.Duration, assetBars int64) *Profile {
	p := &Profile{File: file, Runs: runs, Seconds: took.Seconds(), CPUPerRun: float64(a.TotalCPU) / float64(runs)}
	for _, m := range Modules() {
		ms := ModuleShare{Module: m, Samples: a.Samples[m], NsPerRun: float64(a.CPU[m]) / float64(runs)}
		p.Samples += a.Samples[m]
		if a.TotalCPU > 0 {
			ms.Share = float64(a.CPU[m]) / float64(a.TotalCPU) * 100
		}
		if assetBars > 0 {
			ms.NsPerAssetBar = ms.NsPerRun / float64(assetBars)
		}
		p.Modules = append(p.Modules, ms)
	}
	return p
}
