package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pennybt/penny/bench"
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
                   [--profile DURATION] [--from RESULTS.json] [--quiet]

Runs the bench scenarios on each backend (the same data and strategy for
all), interleaved, and writes into DIR: results.json (every figure and the
environment), report.md, time.svg, modules.svg, growth.svg and the CPU
profiles (profiles/*.pprof, for go tool pprof).

Scenarios: daily, hourly, minute (the group "base", the default),
daily-large, minute-large ("large"), minute-assets-2x/4x/8x and
minute-months-2x/4x ("growth", with minute as its 1x), daily-actions
("actions": daily with splits and dividends; run with daily, it gives
their cost), or "all"; several may be given, separated by commas.

--scenario sweep (alone, not part of "all") measures penny sweep instead:
a grid of 200 combinations of the daily and of the minute config on 1, 2,
... GOMAXPROCS workers (throughput, speedup, scaling efficiency, the rows
checked identical), and the peak heap of 200 against 2000 combinations;
it writes sweep.json and sweep.md into DIR.

--baseline FILE compares each scenario's normalised time with FILE: above
+5% warns, above +20% fails. --check also fails when the fixed overhead of
any scenario is 30% or more. --update-baseline writes the run's normalised
times to the --baseline FILE instead of comparing (keeping the entries of
scenarios it did not run). --quick is the CI form: shorter runs and
profiles. --from regenerates report.md and the charts in --out from an
existing results.json, without running anything (with --baseline, it
compares that run; with --update-baseline, it takes the baselines from
it, or, given a comma list of results.json files, the median of their
normalised times).

Exit status: 0 success, 1 a failed run or gate, 2 bad usage.

flags:
`

func runBench(e *env, args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	scenario := fs.String("scenario", "base", "scenario `NAME`s or groups, comma-separated: base, large, growth, all")
	backends := fs.String("backends", strings.Join(numeric.BackendNames(), ","), "`LIST` of backends; float is required (the baseline)")
	runs := fs.Int("runs", 0, "timed runs per backend (default 5)")
	out := fs.String("out", "bench-out", "output `DIR`")
	baseline := fs.String("baseline", "", "baselines `FILE` to compare with (or to write, with --update-baseline)")
	check := fs.Bool("check", false, "fail when any scenario's fixed overhead is at or above 30%")
	quick := fs.Bool("quick", false, "the short form: runs of 100 ms, 0.5 s of profile per scenario and backend")
	update := fs.Bool("update-baseline", false, "write the normalised times to the --baseline file")
	prof := fs.Duration("profile", -1, "profile `TIME` per scenario and backend (default 5s, 0.5s with --quick; 0: no profiles)")
	from := fs.String("from", "", "regenerate the report from this `results.json` instead of running")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchUsage())
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "penny bench: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "penny bench: "+format+"\n", a...)
		return 2
	}
	if *update && *baseline == "" {
		return usageErr("--update-baseline needs --baseline FILE (the file to write)")
	}

	if *scenario == "sweep" {
		if *from != "" || *baseline != "" || *update || *check {
			return usageErr("--scenario sweep takes no --from, --baseline, --update-baseline or --check")
		}
		return runSweepBench(e, args, *out, *runs, *quick, *quiet)
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
		if *runs < 0 {
			return usageErr("--runs: must be at least 1, got %d", *runs)
		}
		if *runs > 0 {
			opts.Runs = *runs
		}
		if *prof >= 0 {
			opts.ProfileTime = *prof
		}
		opts.OutDir = *out
		opts.Env = e.runnerEnv()
		opts.Command = "penny bench " + strings.Join(args, " ")
		if !*quiet {
			opts.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{ReplaceAttr: dropTime}))
		}
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
		b, err := bench.ReadBaselines(*baseline)
		if err != nil {
			return usageErr("--baseline: %v", err)
		}
		res.Baseline = bench.Compare(res, b, filepath.ToSlash(*baseline))
	}
	if err := bench.WriteDir(*out, res); err != nil {
		fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
		return 1
	}
	printBench(e.stdout, res)
	fmt.Fprintf(e.stdout, "\nwrote %s\n", filepath.Join(*out, bench.ReportFile))
	if *update {
		old, err := bench.ReadBaselines(*baseline)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(e.stderr, "penny bench: --baseline: %v\n", err)
			return 1
		}
		nb := bench.NewBaselines(res, old)
		if len(all) > 1 {
			nb = bench.MedianBaselines(all, old)
		}
		if err := nb.Write(*baseline); err != nil {
			fmt.Fprintf(e.stderr, "penny bench: %v\n", err)
			return 1
		}
		fmt.Fprintf(e.stdout, "wrote baselines %s\n", *baseline)
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

// dropTime leaves the time out of the progress lines.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
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
				fmt.Fprintf(w, "%s %s/%s: %+.1f%% against %s\n", strings.ToUpper(e.Status), e.Scenario, e.Backend, e.Change, c.File)
			}
		}
		fmt.Fprintf(w, "baseline %s: %d warnings, %d failures\n", c.File, c.Warnings, c.Failures)
	}
}

// runSweepBench runs the sweep scenario.
func runSweepBench(e *env, args []string, out string, runs int, quick, quiet bool) int {
	if runs < 0 {
		fmt.Fprintf(e.stderr, "penny bench: --runs: must be at least 1, got %d\n", runs)
		return 2
	}
	o := bench.SweepOptions{Runs: runs, Memory: true, Env: e.runnerEnv()}
	if o.Runs == 0 {
		o.Runs = 3
		if quick {
			o.Runs = 1
		}
	}
	if !quiet {
		o.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{ReplaceAttr: dropTime}))
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
