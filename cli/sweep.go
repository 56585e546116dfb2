package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/pennybt/penny/internal/memlimit"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/report"
	"github.com/pennybt/penny/pkg/sweep"
)

var sweepCommand = command{
	summary: "run a parameter sweep or walk-forward study, or merge its shards",
	run:     runSweep,
}

const sweepUsage = `usage: penny sweep CONFIG [--out DIR] [--workers N] [--shard I/N | --shards N] [--resume]
       penny sweep merge DIR [--workers N]

Runs every combination of CONFIG's sweep block (and, with a walk_forward
block, the walk-forward study) on N workers over one load of the data, and
writes DIR/results.csv, results.parquet, report.html and best/ (or
walkforward/). The top 10 combinations are printed. Ctrl-C stops after
writing the rows that finished; --resume continues.

With --shard I/N, only shard I (from 0) of N runs, into DIR/shards/I-of-N/;
without --shard, the shard comes from the environment: Kubernetes Indexed
Jobs (JOB_COMPLETION_INDEX, with the count from --shards or PENNY_SHARDS)
or Slurm job arrays (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN,
SLURM_ARRAY_TASK_COUNT). "penny sweep merge DIR" checks that every shard is
there exactly once and writes DIR's results as one process would have.

The data is loaded once per backend of sweep.backends, and held for the
whole sweep: their needs add up. Under a --max-memory limit the sweep runs
the Go collector at GOGC=400 with the limit as the runtime's soft memory
limit (more combinations a second, the heap still held under the limit),
unless GOGC or GOMEMLIMIT is set in the environment.

` + memoryText

// sweepFlags are the flags of penny sweep.
type sweepFlags struct {
	out     string
	workers int
	shard   string
	shards  int
	resume  bool
	// maxMemory is --max-memory's value, and fs the flags it was read
	// with.
	maxMemory *string
	fs        *flagSet
}

func newSweepFlags(e *env) (*flagSet, *sweepFlags) {
	f := &sweepFlags{}
	fs := newFlagSet(e, "sweep", sweepUsage)
	fs.exit = "A sweep interrupted keeps the rows that finished (--resume continues it).\n"
	fs.StringVar(&f.out, "out", "", "write the results to `DIR` (default: CONFIG's name and \"-sweep\", in the current folder)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "run `N` backtests at once (default: the CPUs Go may use, GOMAXPROCS)")
	fs.StringVar(&f.shard, "shard", "", "run only shard `I/N` (I from 0)")
	fs.IntVar(&f.shards, "shards", 0, "the number of shards, `N`, when the index comes from JOB_COMPLETION_INDEX")
	fs.BoolVar(&f.resume, "resume", false, "continue an interrupted sweep, keeping the rows written")
	f.maxMemory, f.fs = memoryFlag(fs), fs
	return fs, f
}

func runSweep(e *env, args []string) int {
	fs, f := newSweepFlags(e)
	pos, code, done := fs.parse(args)
	if done {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "penny sweep: "+format+"\n", a...)
		return 2
	}
	if f.workers < 1 {
		return fail("--workers: must be at least 1, got %d", f.workers)
	}
	if _, err := e.memoryLimit(fs, *f.maxMemory); err != nil {
		return fs.usageError("%v", err)
	}
	if len(pos) == 2 && pos[0] == "merge" {
		if f.shard != "" || f.shards != 0 || f.resume {
			return fail("merge takes no --shard, --shards or --resume")
		}
		return runMerge(e, pos[1], f)
	}
	if len(pos) != 1 {
		return fs.usageError("want one config file (or merge DIR), got %d arguments", len(pos))
	}
	path := pos[0]
	text, err := limit.ReadFile(path, limit.Config)
	if err != nil {
		return fail("%v", err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		return fail("%v", err)
	}
	if cfg.Sweep == nil {
		return fail("%s: no sweep block (see penny help sweep)", path)
	}
	if err := e.strategies.Check(cfg.Strategy.Name, &cfg.Strategy.Params); err != nil {
		return fail("%s: %v", path, err)
	}
	cs, err := sweep.NewConfigs(text, cfg.Dir)
	if err != nil {
		return fail("%s: %v", path, err)
	}
	if err := runner.CheckSweep(cs, e.strategies); err != nil {
		return fail("%s: %v", path, err)
	}
	spec, _ := sweep.SpecOf(cfg)
	if err := sweep.Check(spec); err != nil {
		return fail("%s: %v", path, err)
	}
	shard, err := resolveShard(f.shard, f.shards, e.getenv)
	if err != nil {
		return fail("%v", err)
	}
	out := f.out
	if out == "" {
		out = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-sweep"
	}
	if err := checkOutDir("--out", out); err != nil {
		return fail("%v", err)
	}
	names := spec.Sweep.Backends
	if len(names) == 0 {
		if cfg.Backend == "" {
			return fail("%s: backend: missing: set backend (%s) or sweep.backends in the config", path, numeric.BackendChoices())
		}
		names = []string{cfg.Backend}
	}
	for _, b := range names {
		if err := e.strategies.CheckBackend(cfg.Strategy.Name, b); err != nil {
			return fail("%s: %v", path, err)
		}
	}
	lim, ok := sweepFits(e, "penny sweep: "+path, cfg, names, f)
	if !ok {
		return 2
	}
	defer memlimit.TuneGC(lim, memlimit.SweepGCPercent, e.getenv)()
	backends, err := runner.SweepBackends(cfg, cs, names, e.runnerEnv())
	if err != nil {
		return fail("%s: %v", path, err)
	}
	opts := sweep.Options{
		Workers: f.workers, Shard: shard, Out: out, Resume: f.resume,
		Report: report.Options{Name: cfg.Name},
		Meta:   sweep.Meta{Version: version(), Config: text, ConfigDir: cfg.Dir},
	}
	return sweepRun(e, cfg, opts, func(ctx context.Context, opts sweep.Options) (*sweep.Result, error) {
		return sweep.Run(ctx, spec, opts, backends...)
	})
}

// runMerge merges the shards of dir.
func runMerge(e *env, dir string, f *sweepFlags) int {
	set, err := sweep.CheckShards(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny sweep merge: %v\n", err)
		return 2
	}
	if v := version(); set.Manifest.Version != v {
		fmt.Fprintf(e.stderr, "penny sweep merge: the shards of %s were written by Penny %s, this is Penny %s: merge them with the same version\n", dir, set.Manifest.Version, v)
		return 2
	}
	cfg, err := config.Parse(set.Config)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny sweep merge: %s: %v\n", filepath.Join(set.Dirs[0], "config.yaml"), err)
		return 2
	}
	cfg.Dir = set.Manifest.ConfigDir
	cs, err := sweep.NewConfigs(set.Config, cfg.Dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "penny sweep merge: %v\n", err)
		return 2
	}
	spec, _ := sweep.SpecOf(cfg)
	if _, ok := sweepFits(e, "penny sweep merge: "+dir, cfg, set.Manifest.Backends, f); !ok {
		return 2
	}
	backends, err := runner.SweepBackends(cfg, cs, set.Manifest.Backends, e.runnerEnv())
	if err != nil {
		fmt.Fprintf(e.stderr, "penny sweep merge: %v\n", err)
		return 2
	}
	opts := sweep.Options{
		Workers: f.workers, Out: dir,
		Report: report.Options{Name: cfg.Name},
		Meta:   sweep.Meta{Version: version(), Config: set.Config, ConfigDir: cfg.Dir},
	}
	return sweepRun(e, cfg, opts, func(ctx context.Context, opts sweep.Options) (*sweep.Result, error) {
		return sweep.Merge(ctx, spec, opts, backends...)
	})
}

// sweepFits tells whether the sweep's data fits --max-memory on its
// backends, all held at once (it tells why not on stderr), and returns
// the limit.
func sweepFits(e *env, prefix string, cfg *config.Config, names []string, f *sweepFlags) (memlimit.Limit, bool) {
	lim, err := e.memoryLimit(f.fs, *f.maxMemory)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", prefix, err)
		return lim, false
	}
	need, err := runner.Estimate(cfg, names, true, e.runnerEnv())
	return lim, e.checkMemory(prefix, lim, need, err)
}

// sweepRun runs a sweep or a merge with a progress bar on a terminal and
// Ctrl-C handling, then prints what it did.
func sweepRun(e *env, cfg *config.Config, opts sweep.Options, run func(context.Context, sweep.Options) (*sweep.Result, error)) int {
	ctx, stop := interruptible(e, "sweep")
	defer stop()
	bar := newSweepProgress(e)
	opts.Progress = bar.set
	res, err := run(ctx, opts)
	bar.finish()
	var ie *sweep.InputError
	switch {
	case errors.Is(err, sweep.ErrInterrupted):
		fmt.Fprintf(e.stderr, "penny sweep: interrupted: the rows that finished are written; continue with --resume\n")
		return exitInterrupted
	case errors.As(err, &ie):
		fmt.Fprintf(e.stderr, "penny sweep: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(e.stderr, "penny sweep: %v\n", err)
		return 1
	}
	printSweep(e.stdout, cfg, opts, res)
	return 0
}

// printSweep prints the counts, the top rows of each ranking and, for a
// walk-forward study, its folds and out-of-sample account.
func printSweep(w io.Writer, cfg *config.Config, opts sweep.Options, res *sweep.Result) {
	s := cfg.Sweep
	what := "sweep"
	if cfg.WalkForward != nil {
		what = "walk-forward"
	}
	fmt.Fprintf(w, "%s %s: %s, %d runs", what, cfg.Name, strings.Join(res.Keys, " x "), res.Runs)
	if opts.Shard.Count > 1 {
		fmt.Fprintf(w, ", shard %s", opts.Shard)
	}
	fmt.Fprintf(w, ": %d ok, %d skipped, %d failed", res.OK, res.Skipped, res.Failed)
	if res.Resumed > 0 {
		fmt.Fprintf(w, " (%d rows resumed)", res.Resumed)
	}
	fmt.Fprintln(w)
	switch {
	case res.WalkForward != nil:
		printWalkForward(w, res.Keys, res.WalkForward)
	case cfg.WalkForward != nil:
		// A shard of a walk-forward study: the choices are the merge's.
	default:
		order := "highest"
		if !s.Maximize {
			order = "lowest"
		}
		for _, r := range res.Rankings {
			fmt.Fprintf(w, "\ntop %d of %d by %s (%s first), %s:\n", len(r.Rows), r.Eligible, s.Metric, order, r.Backend)
			printRanking(w, res.Keys, s.Metric, r.Rows)
		}
	}
	if opts.Shard.Count > 1 {
		fmt.Fprintf(w, "\nwrote %s; merge the shards with: penny sweep merge %s\n", filepath.Join(opts.Out, "shards", opts.Shard.Name()), opts.Out)
		return
	}
	fmt.Fprintf(w, "\nwrote %s\n", opts.Out)
}

// printRanking prints ranked rows: rank, index, params, the metric and a
// few figures every reader wants.
func printRanking(w io.Writer, keys []string, metric string, rows []sweep.Row) {
	cols := []string{metric, "total_return", "max_drawdown", "round_trips"}
	cols = dedupe(cols)
	table := [][]string{append(append([]string{"#", "index"}, keys...), cols...)}
	for i, r := range rows {
		line := []string{strconv.Itoa(i + 1), strconv.FormatInt(r.Trial, 10)}
		line = append(line, r.Values...)
		for _, c := range cols {
			line = append(line, figure(c, r.Metric(c)))
		}
		table = append(table, line)
	}
	printTable(w, table)
}

// printWalkForward prints each fold's choice and its in-sample and
// out-of-sample metric, and the stitched out-of-sample account.
func printWalkForward(w io.Writer, keys []string, wf *sweep.WalkForwardResult) {
	for _, st := range wf.OutOfSample {
		fmt.Fprintf(w, "\n%s, folds chosen by %s in sample and run out of sample:\n", st.Backend, wf.Metric)
		table := [][]string{append(append([]string{"fold", "train", "test"}, keys...), "in sample", "out of sample", "end value")}
		for _, f := range wf.Folds {
			if f.Backend != st.Backend {
				continue
			}
			line := []string{strconv.Itoa(f.Fold), f.TrainStart.Format("2006-01-02") + ".." + f.TrainEnd.Format("2006-01-02"),
				f.TestStart.Format("2006-01-02") + ".." + f.TestEnd.Format("2006-01-02")}
			if f.Chosen == nil {
				for range keys {
					line = append(line, "-")
				}
				line = append(line, "none", "(cash)", f.EndValue)
			} else {
				line = append(line, f.Chosen.Values...)
				line = append(line, figure(wf.Metric, f.Chosen.Metric(wf.Metric)), figure(wf.Metric, f.Test.Metric(wf.Metric)), f.EndValue)
			}
			table = append(table, line)
		}
		printTable(w, table)
		fmt.Fprintf(w, "out of sample: %s -> %s (%s), sharpe %s, max drawdown %s over %d sessions\n",
			st.StartingValue, st.EndingValue, pct(st.TotalReturn), num(st.Metrics.SharpeRatio), pct(st.Metrics.MaxDrawdown), st.Sessions)
	}
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if x == y {
			return true
		}
	}
	return false
}

// figure writes a metric for people: returns, drawdowns and rates as
// percentages, other statistics with 3 decimals, money and counts as
// they are.
func figure(col, s string) string {
	if !slices.Contains(sweep.FloatColumns(), col) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	if strings.Contains(col, "return") || strings.Contains(col, "drawdown") || strings.HasSuffix(col, "_rate") {
		return pct(f)
	}
	return num(f)
}

// resolveShard returns the shard to run: --shard I/N, or the shard of the
// Kubernetes Indexed Job (JOB_COMPLETION_INDEX, counted by --shards or
// PENNY_SHARDS) or of the Slurm job array (SLURM_ARRAY_TASK_ID from
// SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT tasks) the process runs in;
// the whole sweep when none is set. Conflicting settings are errors.
func resolveShard(flagShard string, flagShards int, getenv func(string) string) (sweep.Shard, error) {
	if flagShards < 0 {
		return sweep.Shard{}, fmt.Errorf("--shards: must be at least 1, got %d", flagShards)
	}
	count := flagShards
	if v := getenv("PENNY_SHARDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return sweep.Shard{}, fmt.Errorf("PENNY_SHARDS=%q: want a count of shards, at least 1", v)
		}
		if count != 0 && count != n {
			return sweep.Shard{}, fmt.Errorf("--shards %d and PENNY_SHARDS=%d disagree", count, n)
		}
		count = n
	}
	if flagShard != "" {
		s, err := sweep.ParseShard(flagShard)
		if err != nil {
			return s, fmt.Errorf("--shard: %v", err)
		}
		if flagShards != 0 && flagShards != s.Count {
			return s, fmt.Errorf("--shard %s and --shards %d disagree", flagShard, flagShards)
		}
		return s, nil
	}
	k8s, slurm := getenv("JOB_COMPLETION_INDEX"), getenv("SLURM_ARRAY_TASK_ID")
	atoi := func(name, v string) (int, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s=%q: want a whole number", name, v)
		}
		return n, nil
	}
	switch {
	case k8s != "" && slurm != "":
		return sweep.Shard{}, fmt.Errorf("both JOB_COMPLETION_INDEX (Kubernetes) and SLURM_ARRAY_TASK_ID (Slurm) are set: which shard is this? Give --shard I/N")
	case k8s != "":
		i, err := atoi("JOB_COMPLETION_INDEX", k8s)
		if err != nil {
			return sweep.Shard{}, err
		}
		if count == 0 {
			return sweep.Shard{}, fmt.Errorf("JOB_COMPLETION_INDEX=%d is set but not the number of shards: give --shards N or PENNY_SHARDS (the Job's completions)", i)
		}
		s := sweep.Shard{Index: i, Count: count}
		if err := s.Validate(); err != nil {
			return s, fmt.Errorf("JOB_COMPLETION_INDEX=%d with %d shards: %v", i, count, err)
		}
		return s, nil
	case slurm != "":
		id, err := atoi("SLURM_ARRAY_TASK_ID", slurm)
		if err != nil {
			return sweep.Shard{}, err
		}
		lo, err := atoi("SLURM_ARRAY_TASK_MIN", getenv("SLURM_ARRAY_TASK_MIN"))
		if err != nil {
			return sweep.Shard{}, err
		}
		n, err := atoi("SLURM_ARRAY_TASK_COUNT", getenv("SLURM_ARRAY_TASK_COUNT"))
		if err != nil {
			return sweep.Shard{}, err
		}
		if count != 0 && count != n {
			return sweep.Shard{}, fmt.Errorf("SLURM_ARRAY_TASK_COUNT=%d and %d shards (--shards or PENNY_SHARDS) disagree", n, count)
		}
		s := sweep.Shard{Index: id - lo, Count: n}
		if err := s.Validate(); err != nil || n < 1 {
			return s, fmt.Errorf("SLURM_ARRAY_TASK_ID=%d, SLURM_ARRAY_TASK_MIN=%d, SLURM_ARRAY_TASK_COUNT=%d: not shard 0..%d of a contiguous array (use --array=0-%d)", id, lo, n, n-1, n-1)
		}
		return s, nil
	case count != 0:
		return sweep.Shard{}, fmt.Errorf("%d shards but no shard index: give --shard I/N, or run in a Kubernetes Indexed Job or a Slurm job array", count)
	}
	return sweep.Shard{}, nil
}

// sweepProgress is a progress bar with the runs done and the time left,
// on a terminal only.
type sweepProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newSweepProgress(e *env) *sweepProgress {
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &sweepProgress{w: e.stderr}
	}
	return &sweepProgress{}
}

func (p *sweepProgress) set(done, total int64) {
	if p.w == nil {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("sweep"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("runs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	_ = p.bar.Set64(done)
}

func (p *sweepProgress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
