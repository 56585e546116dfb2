// Package bench is Penny's validation: it runs the same backtests on the
// float, fixed and decimal backends side by side and measures what exact
// accounting costs, where the time goes, and how far float drifts from
// the exact results. `penny bench` is its command line.
//
// # Scenarios
//
// The base scenarios are the shipped configs (configs/*.yaml, checked by a
// test to stay the same): daily (2 years, 50 assets, sma_crossover),
// hourly (6 months, 20 assets, momentum) and minute (1 month, 10 assets,
// mean_reversion), with volume_share slippage and per_share commission.
// The large scenarios (daily-large: 20 years, 500 assets; minute-large: 1
// year, 100 assets) and the growth series (minute at 2x, 4x, 8x the
// assets and 2x, 4x the months) change only the assets and the dates, and
// scale the target per position (target_percent) by the base's assets over
// theirs, so that every scenario asks for the same total exposure.
// The actions scenario (daily-actions, group "actions") is daily with
// splits and cash dividends generated at seeded dates: ActionsCost and
// the report's "Corporate actions" section compare it with daily, for
// what corporate actions cost the engine (the aim: under 2%).
// Select picks them by name or group ("base", "large", "growth",
// "actions", "all").
//
// The sweep scenario (`penny bench --scenario sweep`, RunSweep; not part
// of "all") measures package sweep instead: a grid of 200 combinations
// of the daily config (sma_crossover) and of the minute config
// (mean_reversion) on the fixed backend, timed on 1, 2, 4, ... up to
// GOMAXPROCS workers (interleaved, the median of Runs sweeps), for the
// throughput in combinations per second, the speedup over one worker and
// the scaling efficiency, with the process's CPU time per combination
// (flat when the workers do not slow each other, whatever else loads the
// machine) and a check that every worker count gives the same rows; then
// the peak heap of a sweep of 200 and of 2000 combinations, the data
// loaded alone before each. It writes sweep.json and sweep.md.
//
// # What a run does
//
// Run, for each scenario: generates the data once per backend (untimed,
// shared by every run of that backend); makes one warm-up backtest per
// backend (discarded; its outcome is what the drift compares, and every
// later backtest must reproduce it exactly); then Options.Runs timed runs
// per backend, interleaved (float, fixed, decimal, float, ...), each
// preceded by calibration reps. A timed run repeats the backtest until it
// lasts Options.SampleTarget and reports the time per backtest, with
// runtime.GC() before each backtest outside the timer. A backtest is
// runner.Run plus report.Summarize. After the timed runs, each backend is
// profiled for Options.ProfileTime in separate runs (the timed runs are
// never profiled) and the samples are attributed to modules (ModuleOf);
// last, each backend's bars are generated again alone for one backtest
// that measures the peak heap.
// Finish derives the overheads (from medians), the fixed overhead
// verdicts (fixed's alone: the target is not decimal's), module overheads,
// averages, growth series and targets; WriteDir writes results.json,
// report.md and the SVG charts. The report's headline (Headline) is the
// verdict on every required target, naming those not met and those the
// run did not measure. Report and the charts read nothing but the
// Results, so `penny bench --from results.json` redraws them (after
// Finish, so that what is derived follows the current rules).
//
// Every backend gets the same plan on every scenario, decimal included:
// on minute-large a decimal backtest replays about 9.7M asset-bars in
// about a minute and its bars hold about 0.9 GB (measured when the bench
// was written), so `--scenario all` takes some fifteen minutes.
//
// # Measurements
//
//   - Times are wall-clock (time.Now, monotonic); CPU times are the
//     process's user and system time (getrusage), which count the garbage
//     collector's threads.
//   - The peak heap is measured after the timed runs, for each backend
//     alone (its bars generated again, no other backend's in memory, so
//     the collector paces as in a lone run): a goroutine samples
//     runtime/metrics every HeapSampleInterval during one more backtest;
//     no ReadMemStats (it stops the world). The timed runs are not
//     sampled.
//   - The module breakdown charges each profile sample to the first frame
//     of a Penny package, walking from the leaf; numeric, the runtime and
//     third-party frames are charged to the Penny frame that called them;
//     samples without one are "runtime and GC".
//
// # The regression gate and its baselines
//
// bench/baselines.json holds, per scenario and backend, the backtest time
// of the fastest timed run divided by the median time of a calibration
// kernel (a float64 and int64 workload in cache) timed in the same
// process, interleaved with the runs: BackendResult.Normalized. A machine
// that is uniformly faster or slower moves both; different CPU models can
// still shift it, so baselines should come from the machine that runs the
// gate. The fastest run, not the median, because on a shared machine
// other processes slow some runs down without touching the calibration
// reps between them: two full runs of the same code, measured when the
// bench was written, moved 5 of 30 median-based figures by more than +20%
// and 1 of 30 fastest-run figures (decimal, whose collector competes for
// the second core).
// `penny bench --baseline FILE` compares a run with FILE (warn above
// WarnAbove = +5%, fail above FailAbove = +20%); --check also fails when
// a scenario's fixed overhead is TargetOverhead (30%) or more. CI runs
//
//	go run ./cmd/penny bench --quick --check --baseline bench/baselines.json
//
// The quick form runs the base scenarios with shorter batches but more
// runs (9), and the base scenarios' baselines are the medians of five
// quick runs: the form the gate compares. Even so, a millisecond backtest
// on a shared machine can come out 25% slow in one run, so CI measures
// again when the gate fails and fails only if the second run fails too.
//
// To update the baselines on purpose (after an optimisation, or when the
// CI machine changes), run on that machine, with nothing else heavy
// running, five quick runs and take their medians:
//
//	for i in 1 2 3 4 5; do go run ./cmd/penny bench --quick --out /tmp/b$i; done
//	go run ./cmd/penny bench --from /tmp/b1/results.json,/tmp/b2/results.json,/tmp/b3/results.json,/tmp/b4/results.json,/tmp/b5/results.json \
//		--baseline bench/baselines.json --update-baseline --out /tmp/b
//
// and, for the large and growth scenarios, a full run
// (`--scenario all --baseline bench/baselines.json --update-baseline`,
// run first, since it rewrites the base entries too). Scenarios not run
// keep their entries. Commit the file with the reason; never edit the
// figures by hand.
//
// # Limits
//
// The timed runs hold every backend's bars at once (the peak heap comes
// from the separate run above). Profiles sample at
// 100 Hz: a share below a few percent is within the noise of a short
// profile. Run is not safe for concurrent use (the CPU profiler is
// process-wide). Nothing in the package panics on user input; a failed
// backtest is an error naming the scenario and backend.
package bench

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize
