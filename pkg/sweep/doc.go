// Package sweep runs parameter sweeps and walk-forward studies: one
// backtest per combination of parameters, on every core, over one load of
// the data, with results that are the same byte for byte whatever the
// number of workers or of machines.
//
// # The spec
//
// A sweep is the `sweep:` block of a config (config.Sweep, decoded and
// validated strictly by package config):
//
//	sweep:
//	  params:                                   # strategy params, and execution.* keys
//	    fast: {from: 5, to: 30, step: 5}        # exact decimal steps, ends included
//	    slow: [40, 60, 90]
//	    target_percent: {from: 0.01, to: 0.05, step: 0.01}
//	  search: grid                              # or {random: {samples: 200, seed: 7}}
//	  metric: sharpe_ratio                      # a metric column of results.csv
//	  maximize: true
//	  constraints: {max_drawdown: -0.25}        # a least value, or {min: a, max: b}
//	  backends: [fixed]                         # default: the config's backend
//	walk_forward: {train: 1y, test: 3m, step: 3m}   # optional
//
// # Combinations
//
// A Space numbers the combinations of the grid with a mixed-radix index,
// the last key varying fastest (nested loops over the keys as written):
// Space.At(i) and Space.Index(values) map one to the other, and no list of
// combinations is ever built. A grid search runs trial k = grid index k; a
// random search draws trial k's grid index from a PCG generator seeded
// with (seed, k) alone, so any trial is known without the others.
//
// # Running
//
// Run takes the Spec, Options and one Backend per numeric backend. On
// binds a backend's Data (the bars and the clock, shared read-only by all
// runs: each run gets its own portal cursor, strategy, ledger and order
// book) to a Factory that builds a combination's strategy and engine
// config. A Go program sweeps its own strategy type with its own factory
// (see the example); a config's sweep uses Configs and ConfigFactory,
// which write each combination's values into the config's YAML
// (strategy.params.*, execution.*) and decode it again, so the
// strategy's own strict decoding and validation judge each combination. A
// combination that cannot be built (fast >= slow) is a Skipped row with
// the reason; a run that stops on an error (a Fixed overflow) a Failed
// row; bad input (an unknown key, metric, shard) an error before anything
// is written.
//
// Workers (Options.Workers, default GOMAXPROCS) take runs in order; the
// rows are written in order as soon as every earlier row is written, and
// no run starts more than 256 rows per worker ahead of the first row not
// yet written, so memory is the data, a run's result per worker and that
// window: it does not grow with the number of combinations. Rankings keep
// the top rows only (Options.Top, by the metric among the rows that meet
// the constraints; ties go to the earlier row).
//
// A run hands its storage on to the next (engine.Scratch): once its row
// is summarized, its transaction log, snapshots, orders and round trips
// are reclaimed for the next run on the same backend. There are at most
// as many scratches as runs at once, let go of when the sweep ends, so
// memory stays bounded, and the
// runs after a worker's first allocate almost nothing: the collector,
// whose work every worker shares, is what kept two workers below twice
// one worker's throughput.
//
// # Files
//
// With Options.Out = DIR, a whole sweep writes
//
//	DIR/results.csv      one row per combination and backend, by index:
//	                     [fold,] index, one column per swept key, backend,
//	                     status (ok, skipped, failed), reason, then the
//	                     metric columns (MetricColumns: the figures of
//	                     summary.json, money as exact strings; a
//	                     statistic summary.json writes as null, NaN)
//	DIR/results.parquet  the same rows for pandas, polars and DuckDB
//	DIR/best/            the full outputs (summary.json, daily.csv,
//	                     transactions.csv, orders.csv, report.html) of the
//	                     best combination, run again (best/BACKEND/ with
//	                     several backends)
//	DIR/walkforward/     for a walk-forward study (see below)
//	DIR/report.html      the rankings, with a heatmap of the metric when
//	                     two keys are swept; for a walk-forward, each
//	                     fold's in-sample and out-of-sample metric and the
//	                     stitched equity
//	DIR/sweep.json       the manifest: Penny version, config hash, runs
//	DIR/config.yaml      the config swept
//
// Rows are streamed to DIR/.partial/results.csv as they finish, each
// handed to the operating system at once; the folder's files take their
// final names when every row is written. A sweep stopped by its context
// (Ctrl-C) writes the rows that finished and returns an error wrapping
// ErrInterrupted; one killed loses at most the row being written. With
// Options.Resume it continues: rows already written are kept (a torn last
// row is dropped) and their runs skipped, and the final results.csv is the
// one an uninterrupted sweep writes.
//
// # Shards
//
// Options.Shard = {I, N} runs only the runs j with j mod N == I (a
// deterministic split, balanced to one run) into DIR/shards/I-of-N/,
// written under a temporary name and renamed when complete, with its
// manifest and config. Merge checks the shards (CheckShards: every shard
// of one count exactly once, complete, from the same config hash and
// Penny version) and writes DIR/results.csv, byte for byte the file of a
// one-process sweep, checking that each run's rows appear exactly once,
// then finishes as Run does. Shards run anywhere the folder is shared: a
// Slurm job array, a Kubernetes Indexed Job.
//
// # Walk-forward
//
// With a WalkForward block the sessions are cut into folds on calendar
// dates from the first session: fold k trains on
// [first + k*step, first + k*step + train) and tests on the test span
// that follows; only folds whose test span ends within the data are made.
// Each fold's train window is swept (the runs are fold x combination:
// results.csv has a fold column, and shards split those runs); the best
// row of the fold by the metric and constraints, among rows run on that
// train window only, is run on the test window. No test window informs a
// choice: a fold's rows are run on portals that end at the train
// window's last session. The test runs are chained into one
// out-of-sample account: each starts, in cash, with the previous one's
// ending value (exact), and a fold with no eligible row holds the cash.
// DIR/walkforward/ gets folds.csv (each fold's windows, chosen params,
// in-sample and out-of-sample metric, values), equity.csv (the stitched
// out-of-sample equity, session by session), summary.json (its metrics)
// and fold-K/ (the full outputs of fold K's test run).
package sweep
