package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pennybt/penny/bench"
	"github.com/pennybt/penny/internal/memlimit"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
)

var benchCommand = command{
	summary: "measure the numeric backends side by side: timings, modules, drift, report",
	run:     runBench,
}

// benchUsage returns the usage text of penny bench.
func benchUsage() string {
	return "usage: penny bench [--scenario NAME|GROUP|all] [--backends " + strings.Join(numeric.BackendNames(), ",") + "] [--runs N]\n" + benchUsageText
}

const benchUsageText = `                   [--out DIR] [--baseline FILE] [--check] [--quick] [--update-baseline]
                   [--profile DURATION] [--count base|all|none] [--cache-sim]
                   [--from RESULTS.json] [--verbose|--quiet]

Runs the bench scenarios on each backend (the same data and strategy for
all), interleaved, and writes into DIR: results.json (every figure and the
environment), report.md, time.svg, modules.svg, growth.svg and the CPU
profiles (profiles/*.pprof, for go tool pprof).

Scenarios: daily, hourly, minute (the group "base", the default),
daily-large, minute-large ("large"), daily-user, minute-assets-2x/4x/8x
and minute-months-2x/4x (with daily, minute and the large ones, the group
"growth": minute with more assets or months, and daily and minute at a
real user's scale), daily-actions ("actions": daily with splits and
dividends; run with daily, it gives their cost), or "all"; several may be
given, separated by commas.

--scenario sweep (alone, not part of "all") measures penny sweep instead:
a grid of 1000 combinations of the daily config and of 200 of the minute
config on 1, 2, ... GOMAXPROCS workers (throughput, speedup, scaling
efficiency, the machine's own speedup on as many goroutines, the rows
checked identical), and the peak heap of 200 against 2000 combinations;
it writes sweep.json and sweep.md into DIR.

--count (base by default) also counts the instructions of one backtest of
each base scenario (or every scenario: all) on each backend, in a process
of its own under valgrind's callgrind (GOGC=off, GOMAXPROCS=1), with what
it allocated: counts that other processes do not change. Scenarios over
1M asset-bars and backends whose backtest takes over 3 s are not counted;
--cache-sim adds callgrind's simulated cache misses. Without valgrind (or on another architecture than
amd64) nothing is counted and the report says why.

--baseline FILE compares each scenario with FILE, by the steadiest measure
both have: the instruction count and the bytes allocated when the run and
the baselines counted them with the same Go, else the normalised CPU time
(the median CPU time of a backtest over the interleaved timed runs over a
calibration kernel's), else the normalised time (the fastest run over the
kernel's); above +5% warns, above +20% fails, and the output names the
measure used. --check also fails when the fixed overhead of any scenario
is above 40% (not met), and warns from 30% to 40% (marginal). --update-baseline writes the run's normalised times, CPU
times and counts to the --baseline FILE instead of comparing (keeping the
entries of scenarios it did not run). --quick is the CI form: shorter
batches and profiles, and more runs. --from regenerates report.md and the
charts in --out from an existing results.json, without running anything
(with --baseline, it compares that run; with --update-baseline, it takes
the baselines from it, or, given a comma list of results.json files, the
median of their figures).

Progress (each scenario's load, warm-up, runs and profile) goes to stderr
with --verbose; by default only warnings do, and with --quiet nothing.

` + memoryText + `(A scenario holds the bars of every backend at once: their needs add up.)
`

func runBench(e *env, args []string) int {
	fs := newFlagSet(e, "bench", benchUsage())
	fs.exit = "A gate that fails (--baseline, --check) is status 1, each failure told\non stderr as FAIL.\n"
	scenario := fs.String("scenario", "base", "scenario `NAME`s or groups, comma-separated: base, large, growth, actions, all, or sweep")
	backends := fs.String("backends", strings.Join(numeric.BackendNames(), ","), "`LIST` of backends; float is required (the baseline)")
	full, short := bench.DefaultOptions(false), bench.DefaultOptions(true)
	runs := fs.Int("runs", 0, fmt.Sprintf("`N` timed runs per backend, 1 or more (default %d, %d with --quick; --scenario sweep: %d, %d with --quick)",
		full.Runs, short.Runs, sweepRuns(false), sweepRuns(true)))
	out := fs.String("out", "bench-out", "output `DIR`")
	baseline := fs.String("baseline", "", "baselines `FILE` to compare with (or to write, with --update-baseline)")
	check := fs.Bool("check", false, "fail when any scenario's fixed overhead is above 40% (not met); warn from 30% (marginal)")
	quick := fs.Bool("quick", false, fmt.Sprintf("the short form: batches of %v, %d runs, %v of profile per scenario and backend",
		short.SampleTarget, short.Runs, short.ProfileTime))
	update := fs.Bool("update-baseline", false, "write the normalised times to the --baseline file")
	prof := fs.Duration("profile", 0, fmt.Sprintf("profile `TIME` per scenario and backend, 0 for no profiles (default %v, %v with --quick)",
		full.ProfileTime, short.ProfileTime))
	from := fs.String("from", "", "regenerate the report from this `RESULTS.json` (or a comma list of them) instead of running")
	verbose := fs.Bool("verbose", false, "progress on stderr: each scenario's load, warm-up, runs and profile")
	quiet := fs.Bool("quiet", false, "nothing on stderr but errors (no warnings)")
	maxMemory := memoryFlag(fs)
	count := fs.String("count", "base", "count the instructions of one backtest under valgrind for the `SCENARIOS` base, all or none")
	cacheSim := fs.Bool("cache-sim", false, "with --count: simulate the caches too (first- and last-level misses; slower)")
	countChild := fs.String("count-child", "", "(internal) run one counted backtest of `SCENARIO/BACKEND`, the process penny bench runs under valgrind")
	pos, code, done := fs.parse(args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return fs.usageError("unexpected argument %q", pos[0])
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "penny bench: "+format+"\n", a...)
		return exitUsage
	}
	// The counted child of a run (under valgrind): one backtest, its
	// allocations on stdout; it writes no files.
	if *countChild != "" {
		name, backend, _ := strings.Cut(*countChild, "/")
		if err := bench.CountChild(context.Background(), name, backend, e.runnerEnv(), e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "penny bench: --count-child: %v\n", err)
			return 1
		}
		return 0
	}
	if fs.isSet("runs") && *runs < 1 {
		return usageErr("--runs %d: want 1 or more timed runs", *runs)
	}
	if *prof < 0 {
		return usageErr("--profile %v: want a duration of 0 (no profiles) or more, such as 5s", *prof)
	}
	if *verbose && *quiet {
		return usageErr("--verbose and --quiet: give one")
	}
	switch *count {
	case "base", "all", "none":
	default:
		return usageErr("--count %q: want base, all or none", *count)
	}
	memLimit, err := e.memoryLimit(fs, *maxMemory)
	if err != nil {
		return fs.usageError("%v", err)
	}
	var logger *slog.Logger
	if !*quiet {
		logger = newLogger(e, *verbose)
	}
	if err := checkOutDir("--out", *out); err != nil {
		return usageErr("%v", err)
	}
	if *update && *baseline == "" {
		return usageErr("--update-baseline needs --baseline FILE (the file to write)")
	}

	if *scenario == "sweep" {
		if *from != "" || *baseline != "" || *update || *check {
			return usageErr("--scenario sweep takes no --from, --baseline, --update-baseline or --check")
		}
		return runSweepBench(e, args, *out, *runs, *quick, logger, memLimit)
	}
	// The baselines are read before anything runs: a bad file is bad
	// input, told at once. --update-baseline may make the file.
	var base *bench.Baselines
	if *baseline != "" {
		b, err := bench.ReadBaselines(*baseline)
		if err != nil && !(*update && errors.Is(err, os.ErrNotExist)) {
			return usageErr("--baseline: %v", err)
		}
		base = b
	}

	var res *bench.Results
	var all []*bench.Results // every --from file, for median baselines
	if *from != "" {
		for _, f := range strings.Split(*from, ",") {
			r, err := bench.ReadResults(f)
			if err != nil {
				return usageErr("--from: %v", err)
			}
			bench.Finish(r) // what is derived from the measurements, by the current rules
			all = append(all, r)
		}
		res = all[0]
	} else {
		opts := bench.DefaultOptions(*quick)
		scs, err := bench.Select(*scenario)
		if err != nil {
			return usageErr("--scenario: %v", err)
		}
		bks, err := bench.ParseBackends(*backends)
		if err != nil {
			return usageErr("--backends: %v", err)
		}
		opts.Scenarios, opts.Backends = scs, bks
		// A scenario holds every backend's bars at once (the timed runs
		// interleave them); the scenarios run one after the other.
		for _, sc := range scs {
			need, err := runner.Estimate(sc.Config, bks, true, e.runnerEnv())
			need.Data.Advice = "leave the scenario out (--scenario) or run fewer --backends"
			if !e.checkMemory("penny bench: scenario "+sc.Name, memLimit, need, err) {
				return exitUsage
			}
		}
		if fs.isSet("runs") {
			opts.Runs = *runs
		}
		if fs.isSet("profile") {
			opts.ProfileTime = *prof
		}
		opts.OutDir = *out
		opts.CountScenarios, opts.CacheSim = *count, *cacheSim
		if exe, err := selfPath(); err == nil {
			opts.CountCommand = []string{exe, "bench", "--count-child"}
		}
		opts.Env = e.runnerEnv()
		opts.Command = "penny bench " + strings.Join(args, " ")
		opts.Logger = logger
		ctx, stop := interruptible(e, "bench")
		defer stop()
		r, err := bench.Run(ctx, opts)
		if err != nil {
			if isInterrupt(err) {
				fmt.Fprintf(e.stderr, "penny bench: interrupted: nothing was written (%v)\n", err)
				return exitInterrupted
			}
			fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
			return 1
		}
		res = r
	}

	if *baseline != "" && !*update {
		res.Baseline = bench.Compare(res, base, filepath.ToSlash(*baseline))
	}
	if err := bench.WriteDir(*out, res); err != nil {
		fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
		return 1
	}
	printBench(e.stdout, res)
	fmt.Fprintf(e.stdout, "\nwrote %s\n", filepath.Join(*out, bench.ReportFile))
	if *update {
		nb := bench.NewBaselines(res, base)
		if len(all) > 1 {
			nb = bench.MedianBaselines(all, base)
		}
		if err := nb.Write(*baseline); err != nil {
			fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
			return 1
		}
		fmt.Fprintf(e.stdout, "wrote baselines %s\n", *baseline)
	}
	if *check {
		for _, w := range bench.CheckWarnings(res) {
			fmt.Fprintf(e.stderr, "WARN %s\n", w)
		}
	}
	if fails := bench.Failures(res, *check); len(fails) > 0 {
		for _, f := range fails {
			fmt.Fprintf(e.stderr, "FAIL %s\n", f)
		}
		return 1
	}
	return 0
}

// requiredLine is the verdict on every required target, naming those not
// met and those not measured.
func requiredLine(r *bench.Results) string {
	met, notMet, notMeasured := bench.RequiredTargets(r)
	var b strings.Builder
	fmt.Fprintf(&b, "required targets: %d of %d measured met", len(met), len(met)+len(notMet))
	for i, t := range notMet {
		if i == 0 {
			b.WriteString("; not met: ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", t.Name, t.Measured)
	}
	for i, t := range notMeasured {
		if i == 0 {
			b.WriteString("; not measured: ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(t.Name)
	}
	return b.String()
}

// printBench prints the headline figures.
func printBench(w io.Writer, r *bench.Results) {
	fmt.Fprintf(w, "%-18s %-8s %12s %12s %14s %10s  %s\n", "scenario", "backend", "median", "ns/asset-bar", "asset-bars/s", "overhead", "verdict")
	for _, s := range r.Scenarios {
		for _, b := range s.Backends {
			ov := ""
			if b.Backend != "float" {
				ov = fmt.Sprintf("%+.1f%%", b.Overhead)
			}
			fmt.Fprintf(w, "%-18s %-8s %12s %12.1f %13.2fM %10s  %s\n", s.Name, b.Backend, time.Duration(b.Time.Median).Round(time.Microsecond), b.NsPerAssetBar, b.AssetBarsPerSecond/1e6, ov, b.Verdict)
		}
	}
	for _, o := range r.Summary.Overheads {
		fmt.Fprintf(w, "%s overhead over %s: average %+.1f%%, weighted %+.1f%%\n", o.Backend, strings.Join(r.Summary.Scope, ", "), o.Average, o.Weighted)
	}
	if r.Summary.Verdict != "" {
		fmt.Fprintf(w, "fixed overhead: %s (target: fixed overhead < %.0f%% on each of %s)\n", r.Summary.Verdict, bench.TargetOverhead, strings.Join(r.Summary.Scope, ", "))
	}
	for _, c := range bench.ActionsCost(r) {
		fmt.Fprintf(w, "corporate actions (%s against daily), %s: %+.1f%% (CPU %+.1f%%, normalised %+.1f%%; aim < %.0f%%)\n",
			bench.ActionsScenario, c.Backend, c.Cost, c.CPUCost, c.NormalizedCost, bench.ActionsTarget)
	}
	fmt.Fprintln(w, requiredLine(r))
	if c := r.Baseline; c != nil {
		for _, e := range c.Entries {
			if e.Status == bench.GateWarn || e.Status == bench.GateFail {
				fmt.Fprintf(w, "%s %s/%s: %+.1f%% %s against %s\n", strings.ToUpper(e.Status), e.Scenario, e.Backend, e.Change, e.Measure, c.File)
			}
		}
		fmt.Fprintf(w, "baseline %s, measure %s: %d warnings, %d failures\n", c.File, c.Measure, c.Warnings, c.Failures)
		if c.Note != "" {
			fmt.Fprintf(w, "(%s)\n", c.Note)
		}
	}
}

// sweepRuns is the number of runs of --scenario sweep without --runs.
func sweepRuns(quick bool) int {
	if quick {
		return 1
	}
	return 3
}

// runSweepBench runs the sweep scenario.
func runSweepBench(e *env, args []string, out string, runs int, quick bool, logger *slog.Logger, lim memlimit.Limit) int {
	o := bench.SweepOptions{Runs: runs, Memory: true, Env: e.runnerEnv(), Logger: logger, MemoryLimit: lim}
	if o.Runs == 0 {
		o.Runs = sweepRuns(quick)
	}
	ctx, stop := interruptible(e, "bench")
	defer stop()
	r, err := bench.RunSweep(ctx, o)
	if err != nil {
		if isInterrupt(err) {
			fmt.Fprintf(e.stderr, "penny bench: interrupted: nothing was written (%v)\n", err)
			return exitInterrupted
		}
		fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
		return 1
	}
	r.Command = "penny bench " + strings.Join(args, " ")
	if err := bench.WriteSweepDir(out, r); err != nil {
		fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
		return 1
	}
	fmt.Fprint(e.stdout, bench.SweepReport(r))
	fmt.Fprintf(e.stdout, "\nwrote %s\n", filepath.Join(out, "sweep.md"))
	for _, c := range r.Cases {
		if !c.Identical {
			fmt.Fprintf(e.stderr, "FAIL %s: the rows differ between worker counts\n", c.Name)
			return 1
		}
	}
	return 0
}

// selfPath is the program running, as it was started: os.Args[0] (found
// on the PATH when it has no folder), so that a program that dispatches
// on its name (a test binary linked as penny) runs as the same command;
// os.Executable when that fails.
func selfPath() (string, error) {
	name := os.Args[0]
	if !strings.ContainsRune(name, os.PathSeparator) {
		if p, err := exec.LookPath(name); err == nil {
			name = p
		}
	}
	if p, err := filepath.Abs(name); err == nil {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, nil
		}
	}
	return os.Executable()
}
