package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/internal/drift"
	"github.com/pennybt/penny/internal/outdir"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/report"
)

var runCommand = command{
	summary: "run a YAML-configured backtest",
	run:     runRun,
}

// runUsage returns the usage text of penny run.
func runUsage() string {
	return "usage: penny run CONFIG [--backend " + strings.Join(numeric.BackendNames(), "|") + "|all|LIST] [--out DIR]\n" + runUsageText
}

const runUsageText = `
Runs the backtest that CONFIG describes and prints its summary. With
several backends (all, or a comma list) it runs each on the same data and
prints them side by side, with each result's drift from decimal's. --out
writes summary.json, daily.csv, transactions.csv, orders.csv and
report.html (into DIR/<backend>/ when several backends run, and then
DIR/compare.html: the backends' equity curves overlaid, their drift from
decimal at each session, their timings and the first trade where they
part).

When a backend fails (a Fixed overflow, a price beyond Fixed's range),
the others still run: their results are printed beside its "failed"
column and written, and the status is 1, naming the failed backends.

--out DIR is written whole or not at all: into a new folder beside DIR,
renamed into place. DIR must be new, empty, or a folder penny wrote
(its .penny-out file lists what penny wrote there): penny refuses
(status 2) a folder that holds any other file, or the config or an input.

` + memoryText

// outcome is what one backend's run leaves for printing and writing, or
// why it failed.
type outcome struct {
	backend string
	// err is why the backend failed (nil when it ran), already told on
	// stderr; code is its exit status (1, 2 or 130).
	err     error
	code    int
	summary report.Summary
	value   *big.Rat   // the exact ending value, for drift (nil if not finite)
	curve   []*big.Rat // the exact session-end values
	// warnings are what the run did with its input and says (an action
	// moved to the next session, ...): the same on every backend.
	warnings []string
	write    func(dir string) error
	compare  func(c *report.Comparison) // adds the run to compare.html
}

func runRun(e *env, args []string) int {
	fs := newFlagSet(e, "run", runUsage())
	backendFlag := fs.String("backend", "", "numeric `BACKEND`: "+strings.Join(numeric.BackendNames(), ", ")+", all, or a comma list (default: the config's)")
	out := fs.String("out", "", "write the result files to `DIR` (a new folder, or one penny wrote before)")
	strict := fs.Bool("strict", false, "refuse data that only warrants a warning (files that do not overlap in time) with exit status 2")
	maxMemory := memoryFlag(fs)
	pos, code, done := fs.parse(args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return fs.usageError("want one config file, got %d", len(pos))
	}
	memLimit, err := e.memoryLimit(fs, *maxMemory)
	if err != nil {
		return fs.usageError("%v", err)
	}
	cfg, err := config.Load(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "penny run: %v\n", err)
		return 2
	}
	if err := e.strategies.Check(cfg.Strategy.Name, &cfg.Strategy.Params); err != nil {
		fmt.Fprintf(e.stderr, "penny run: %s: %v\n", pos[0], err)
		return 2
	}
	if *backendFlag == "" && cfg.Backend == "" {
		fmt.Fprintf(e.stderr, "penny run: %s: backend: missing: set it in the config (%s) or give --backend\n", pos[0], numeric.BackendChoices())
		return 2
	}
	backends, err := parseBackends(*backendFlag, cfg.Backend)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny run: --backend: %v\n", err)
		return 2
	}
	inputs := append([]string{pos[0]}, cfg.Inputs()...)
	if *out != "" {
		// Refused before running, and checked again when writing.
		if err := outdir.Check(*out, inputs); err != nil {
			fmt.Fprintf(e.stderr, "penny run: --out: %v\n", err)
			return 2
		}
	}

	for _, b := range backends {
		if err := e.strategies.CheckBackend(cfg.Strategy.Name, b); err != nil {
			fmt.Fprintf(e.stderr, "penny run: %s: %v\n", pos[0], err)
			return 2
		}
	}

	// The backends run one after the other: the largest one's data is
	// what must fit.
	need, err := runner.Estimate(cfg, backends, false, e.runnerEnv())
	if !e.checkMemory("penny run: "+pos[0], memLimit, need, err) {
		return exitUsage
	}

	ctx, stop := interruptible(e, "run")
	defer stop()
	// Every backend runs, whatever the others did: one that fails (a
	// Fixed overflow) does not throw away the others' results.
	var outcomes, ok []outcome
	var failed []string
	for _, b := range backends {
		run, found := runBackendByName(b)
		if !found {
			panic("penny run: no run for backend " + b + ": run go generate")
		}
		o := run(ctx, e, cfg, pos[0], *strict)
		if o.code == exitInterrupted {
			fmt.Fprintf(e.stderr, "penny run: interrupted: nothing was written\n")
			return exitInterrupted
		}
		outcomes = append(outcomes, o)
		if o.err != nil {
			failed = append(failed, o.backend)
			continue
		}
		ok = append(ok, o)
	}
	if len(ok) == 0 {
		// Every backend failed: the same bad input everywhere is bad
		// input; anything else a failed run.
		code := outcomes[0].code
		for _, o := range outcomes {
			if o.code != code {
				code = exitFailed
			}
		}
		if len(outcomes) > 1 {
			fmt.Fprintf(e.stderr, "penny run: every backend failed (%s)\n", strings.Join(failed, ", "))
		}
		return code
	}
	for _, w := range ok[0].warnings {
		fmt.Fprintf(e.stderr, "penny run: warning: %s\n", w)
	}
	printOutcomes(e.stdout, cfg, outcomes)
	if *out != "" {
		err := outdir.Write(*out, inputs, func(tmp string) error {
			for _, o := range ok {
				dir := tmp
				if len(outcomes) > 1 {
					dir = filepath.Join(tmp, o.backend)
				}
				if err := o.write(dir); err != nil {
					return fmt.Errorf("%s: %w", o.backend, err)
				}
			}
			if len(outcomes) > 1 {
				c := &report.Comparison{Name: cfg.Name}
				for _, o := range ok {
					o.compare(c)
				}
				if err := atomicfile.Write(filepath.Join(tmp, "compare.html"), c.WriteHTML); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(e.stderr, "penny run: writing %s: %v\n", *out, err)
			var oe *outdir.Error
			if errors.As(err, &oe) {
				return exitUsage
			}
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "\nwrote %s\n", *out)
	}
	if len(failed) > 0 {
		fmt.Fprintf(e.stderr, "penny run: %d of %d backends failed: %s (the others' results are printed%s)\n",
			len(failed), len(outcomes), strings.Join(failed, ", "), map[bool]string{true: " and written", false: ""}[*out != ""])
		return exitFailed
	}
	return exitOK
}

// parseBackends reads the --backend flag (default: the config's): a name
// of numeric's registry, a comma list of them, or all. The flag supplies
// the backend a config leaves out.
func parseBackends(flagValue, configured string) ([]string, error) {
	if flagValue == "" {
		return []string{configured}, nil
	}
	if flagValue == "all" {
		return numeric.BackendNames(), nil
	}
	var out []string
	for _, b := range strings.Split(flagValue, ",") {
		b = strings.TrimSpace(b)
		if b == "all" {
			return nil, fmt.Errorf("%q: all runs every backend and is given alone, not in a list", flagValue)
		}
		if _, err := numeric.LookupBackend(b); err != nil {
			names := numeric.BackendNames()
			return nil, fmt.Errorf("unknown backend %q (want %s or all)", b, strings.Join(names, ", "))
		}
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out, nil
}

// runBackend loads the data and runs the config on backend N, stopped by
// ctx. Its failure is told on stderr and returned in the outcome: bad
// input (a missing file, dates outside the data) is exit status 2, a run
// that fails (a Fixed overflow) 1, an interrupted one 130.
//
//penny:backends
func runBackend[N numeric.Number[N]](ctx context.Context, e *env, cfg *config.Config, path string, strict bool) outcome {
	backend := numeric.Backend[N]()
	failed := func(code int, err error) outcome { return outcome{backend: backend, err: err, code: code} }
	data, err := runner.LoadData[N](cfg, e.runnerEnv())
	if err != nil {
		fmt.Fprintf(e.stderr, "penny run: %s (%s): %v\n", path, backend, err)
		return failed(exitUsage, err)
	}
	if strict && len(data.Warnings) > 0 {
		for _, w := range data.Warnings {
			fmt.Fprintf(e.stderr, "penny run: %s (%s): data: %s\n", path, backend, w)
		}
		err := fmt.Errorf("%s: data refused under --strict", path)
		fmt.Fprintf(e.stderr, "penny run: %v\n", err)
		return failed(exitUsage, err)
	}
	if err := ctx.Err(); err != nil {
		return failed(exitInterrupted, err)
	}
	// A progress bar for runs longer than a second (none when stderr is
	// not a terminal).
	bar := newProgress(e, backend+" sessions")
	started := time.Now()
	res, err := runner.Run(ctx, cfg, data, e.runnerEnv(), runner.Options{Progress: func(done, total int) {
		if time.Since(started) > time.Second {
			bar.Set(done, total)
		}
	}})
	bar.Finish()
	if err != nil {
		if isInterrupt(err) {
			return failed(exitInterrupted, err)
		}
		fmt.Fprintf(e.stderr, "penny run: %s (%s): %v\n", path, backend, err)
		var re *engine.RunError
		if errors.As(err, &re) {
			if re.InStrategy && re.Stack != "" {
				// Where in the strategy: the stack from the panic down.
				fmt.Fprintf(e.stderr, "penny run: stack of the panic in the strategy:\n%s", re.Stack)
			}
			return failed(exitFailed, err)
		}
		return failed(exitUsage, err)
	}
	opts := report.Options{Name: cfg.Name, Elapsed: res.Elapsed}
	rep, err := report.New(res, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny run: %s (%s): %v\n", path, backend, err)
		return failed(exitFailed, err)
	}
	curve := make([]*big.Rat, len(res.Snapshots))
	for i, s := range res.Snapshots {
		curve[i] = s.PortfolioValue.Rat()
	}
	return outcome{
		backend:  backend,
		summary:  rep.Summary,
		value:    res.Value.Rat(),
		curve:    curve,
		warnings: append(slices.Clone(data.Warnings), res.Warnings...),
		write:    rep.WriteDir,
		compare:  func(c *report.Comparison) { report.AddRun(c, rep) },
	}
}

// printOutcomes prints the summaries side by side.
// A backend that failed has a column of "failed" (its error is on
// stderr).
func printOutcomes(w io.Writer, cfg *config.Config, outs []outcome) {
	var s0 report.Summary
	for _, o := range outs {
		if o.err == nil {
			s0 = o.summary
			break
		}
	}
	fmt.Fprintf(w, "%s: %s on %s data (%s), %s .. %s\n\n", cfg.Name, cfg.Strategy.Name, cfg.Data.Source, s0.Frequency,
		s0.Start.Format("2006-01-02"), s0.End.Format("2006-01-02"))
	var rows [][]string
	row := func(name string, f func(o outcome) string) {
		r := []string{name}
		for _, o := range outs {
			switch {
			case name == "":
				r = append(r, o.backend)
			case o.err != nil:
				r = append(r, "failed")
			default:
				r = append(r, f(o))
			}
		}
		rows = append(rows, r)
	}
	row("", nil)
	row("starting cash", func(o outcome) string { return o.summary.StartingCash })
	row("final value", func(o outcome) string { return o.summary.EndingValue })
	row("final cash", func(o outcome) string { return o.summary.EndingCash })
	row("total return", func(o outcome) string { return pct(o.summary.TotalReturn) })
	row("annual return", func(o outcome) string { return pct(o.summary.Metrics.AnnualReturn) })
	row("sharpe", func(o outcome) string { return num(o.summary.Metrics.SharpeRatio) })
	row("sortino", func(o outcome) string { return num(o.summary.Metrics.SortinoRatio) })
	row("max drawdown", func(o outcome) string { return pct(o.summary.Metrics.MaxDrawdown) })
	row("orders", func(o outcome) string { return fmt.Sprint(o.summary.Orders) })
	row("fills", func(o outcome) string { return fmt.Sprint(o.summary.Fills) })
	row("rejected orders", func(o outcome) string { return fmt.Sprint(o.summary.RejectedOrders) })
	if slices.ContainsFunc(outs, func(o outcome) bool { return o.summary.UnfilledForVolume > 0 }) {
		row("unfilled, no volume", func(o outcome) string { return fmt.Sprint(o.summary.UnfilledForVolume) })
	}
	row("round trips", func(o outcome) string { return fmt.Sprint(o.summary.Trades.Count) })
	row("win rate", func(o outcome) string { return pct(o.summary.Trades.WinRate) })
	row("sessions", func(o outcome) string { return fmt.Sprint(o.summary.Sessions) })
	row("asset-bars", func(o outcome) string { return fmt.Sprint(o.summary.AssetBars) })
	row("elapsed", func(o outcome) string { return o.summary.Elapsed.Round(time.Millisecond / 10).String() })
	row("asset-bars/s", func(o outcome) string {
		return fmt.Sprintf("%.3gM", float64(o.summary.AssetBars)/o.summary.Elapsed.Seconds()/1e6)
	})
	if ref := find(outs, "decimal"); ref != nil && len(outs) > 1 {
		row("drift of final value", func(o outcome) string { return finalDrift(&o, ref) })
		row("max drift of equity", func(o outcome) string { return curveDrift(&o, ref) })
	}
	printTable(w, rows)
}

// printTable prints rows with the first column aligned left and the
// others right.
func printTable(w io.Writer, rows [][]string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i == 0 {
				fmt.Fprintf(&b, "%-*s", width[0], c)
				continue
			}
			fmt.Fprintf(&b, "  %*s", width[i], c)
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func find(outs []outcome, backend string) *outcome {
	for i := range outs {
		if outs[i].backend == backend && outs[i].err == nil {
			return &outs[i]
		}
	}
	return nil
}

// finalDrift returns the exact difference of the final values, o - ref,
// or "?" when one is not a number.
func finalDrift(o, ref *outcome) string {
	d := drift.Compare(o.value, ref.value).Diff
	if d == nil {
		return "?"
	}
	return driftText(d)
}

// curveDrift returns the largest absolute difference of the equity
// curves, or "?" when they differ in length or hold a value that is not a
// number.
func curveDrift(o, ref *outcome) string {
	c := drift.CompareCurves(o.curve, ref.curve)
	if c.Extra > 0 || c.Missing > 0 {
		return "?"
	}
	return driftText(c.MaxAbs)
}

// driftText writes a difference with at most 12 decimals.
func driftText(d *big.Rat) string {
	if d.Sign() == 0 {
		return "0"
	}
	return strings.TrimRight(strings.TrimRight(d.FloatString(12), "0"), ".")
}

func pct(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return num(f)
	}
	return fmt.Sprintf("%.2f%%", f*100)
}

func num(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return fmt.Sprintf("%.3f", f)
}
