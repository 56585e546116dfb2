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
// year, 100 assets), daily-user (5 years, 500 assets) and the other
// growth points change only the assets and the dates, and scale the
// target per position (target_percent) by the base's assets over theirs,
// so that every scenario asks for the same total exposure.
//
// The growth series (Scenario.Series, Base, Factor) measure how the cost
// grows with the work: "assets" and "months" take minute to 2x, 4x, 8x the
// assets and 2x, 4x the months; "user-daily" takes daily to the scale of a
// real user, 500 assets over 5 years (daily-user, 25x) and over 20 years
// (daily-large, 100x); "user-minute" takes minute to 100 assets over a
// year (minute-large, 120x). The report's "How cost grows" gives each
// point's time per asset-bar and its growth per doubling, and says where
// each backend's cost per asset-bar goes from the base to the largest
// point (costShift, in CPU time per asset-bar: the points run one after
// the other, and a shared machine's wall clock can add more than the
// growth): the same instructions per asset-bar in more time is memory
// (cache misses), more fills per asset-bar with the growth in orders,
// execution and the ledger is per-order cost, the runtime's growth is the
// collector's (more bytes allocated per asset-bar, or a larger live heap
// to mark for the same allocations). The counts that tell memory from more
// work are taken for the points within the count's limits (`--count all`:
// up to 1M asset-bars, so daily-user and the minute points up to 8x;
// daily-large and minute-large would take minutes each under callgrind);
// beyond them the cause is inferred from the fills and the profiles. None
// of the growth points runs in the quick form (the CI gate), which runs
// the base scenarios.
// The actions scenario (daily-actions, group "actions") is daily with
// splits and cash dividends generated at seeded dates: ActionsCost and
// the report's "Corporate actions" section compare it with daily, for
// what corporate actions cost the engine (the aim: under 2%).
// Select picks them by name or group ("base", "large", "growth": every
// series point and its base, "actions", "all").
//
// The sweep scenario (`penny bench --scenario sweep`, RunSweep; not part
// of "all") measures package sweep instead: a grid of 1000 combinations
// of the daily config (sma_crossover; its backtests take about 2 ms, so
// fewer would be timed in a fifth of a second) and of 200 of the minute
// config (mean_reversion) on the fixed backend, timed on 1, 2, 4, ... up to
// GOMAXPROCS workers (interleaved, the median of Runs sweeps), for the
// throughput in combinations per second, the speedup over one worker and
// the scaling efficiency, with the process's CPU time per combination
// (flat when the workers do not slow each other and the machine keeps
// its speed), what the machine itself gives as many goroutines (a compute
// kernel that touches no memory, timed just before each sweep: the bound
// the speedup is read against on a shared or virtual machine), and a
// check that every worker count gives the same rows; then
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
//   - Instruction counts (Counts, BackendResult.Counts): after a
//     scenario's timed runs, each backend's backtest is run once more in
//     a process of its own (Options.CountCommand: `penny bench
//     --count-child SCENARIO/BACKEND`) under `valgrind --tool=callgrind`,
//     with GOGC=off and GOMAXPROCS=1 (countEnv says why) and
//     --instr-atstart=no. The child loads the data and runs a warm-up
//     backtest uninstrumented (some 5 times slower than alone, where
//     instrumented code runs some 50 times slower), then brackets one
//     backtest with callgrind's client requests (package
//     internal/valgrind: StartInstrumentation and ZeroStats before,
//     DumpStats and StopInstrumentation after), so that only the
//     backtest is counted; it reports what it allocated
//     (runtime/metrics) on its standard output, and the parent reads the
//     instructions from callgrind's dump. Other
//     processes do not change these counts: over five quick runs of the
//     same code at a load average of 10 to 18 (measured when this was
//     written, AMD EPYC, 2 cores), each base scenario and backend's
//     instructions spread by 0.04% to 3.0% (max over min; hourly, the
//     smallest backtest, the most), its normalised CPU time by 4% to 46%
//     and its normalised (wall) time by 46% to 203%. They are counts,
//     not time: a division or a cache miss costs more than an addition
//     and counts the same or nothing; the report gives the time overhead beside, and
//     --cache-sim adds callgrind's simulated D1 and last-level cache
//     misses. By default the base scenarios are counted (--count base;
//     all or none), GOMAXPROCS processes at a time; scenarios over
//     CountMaxAssetBars (1M) and backends whose backtest takes over
//     CountLimit (3 s) are skipped with a note. The simulated cache
//     starts cold at the counted backtest (the warm-up is not
//     simulated). Without valgrind on the PATH, or off amd64,
//     nothing is counted and Results.CountNote says why. Hardware
//     counters (perf_event_open) were tried: the KVM guest (AMD EPYC)
//     the bench was written on exposes none (ENOENT), so the count is
//     Valgrind's.
//   - The module breakdown charges each profile sample to the first frame
//     of a Penny package, walking from the leaf; numeric, the runtime and
//     third-party frames are charged to the Penny frame that called them;
//     samples without one are "runtime and GC".
//
// # The regression gate and its baselines
//
// bench/baselines.json holds, per scenario and backend, three measures,
// and the gate (Compare) decides each entry from the steadiest one that
// both the run and the file have, and says which (Comparison.Measure,
// and Note for why a steadier one was not used):
//
//  1. MeasureInstructions: the instructions and the bytes allocated of
//     one backtest, counted as above (Baselines.Instructions and
//     AllocBytes), compared only when the file's counts were made with
//     the same Go (Baselines.CountGo): another compiler changes them. An
//     entry fails when either grew by more than FailAbove.
//  2. MeasureCPU: the median CPU time of a backtest over the timed runs
//     (interleaved batches) divided by the median CPU time of the
//     calibration kernel (a float64 and int64 workload in cache) in the
//     reps interleaved with them: BackendResult.NormalizedCPU. Another
//     process that takes the processor stretches a run's wall time and
//     not its CPU time, though it still slows it through the caches and
//     memory bandwidth they share. What the gate uses without valgrind.
//  3. MeasureTime: the backtest time of the fastest timed run divided by
//     the median wall time of the calibration reps:
//     BackendResult.Normalized, for files that hold neither. The fastest
//     run, not the median, because other processes slow some runs down
//     without touching the calibration reps between them: two full runs
//     of the same code, measured when the bench was written, moved 5 of
//     30 median-based figures by more than +20% and 1 of 30 fastest-run
//     figures.
//
// Normalising moves a uniformly faster or slower machine alike on both
// sides; different CPU models can still shift the times, so baselines
// should come from the machine that runs the gate.
// `penny bench --baseline FILE` compares a run with FILE (warn above
// WarnAbove = +5%, fail above FailAbove = +20%); --check also fails when
// a scenario's fixed overhead (wall-clock medians) is not met (above
// MarginalOverhead, 40%) and warns when it is marginal (TargetOverhead,
// 30%, to 40%): see Failures for why. CI installs valgrind when it is
// missing and runs
//
//	go run ./cmd/penny bench --quick --check --baseline bench/baselines.json
//
// The quick form runs the base scenarios with shorter batches but more
// runs (9), and counts them; the base scenarios' baselines are the
// medians of five quick runs: the form the gate compares. When the
// counts decide, a run compares with itself within about 3%; the times
// still decide --check, and a millisecond backtest on a shared machine
// can come out 25% slow in one run, so CI measures up to three times and
// fails only if every run fails.
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
// keep their entries (their counts only when made with the same Go).
// Counts change with the code and the Go version on purpose: an
// optimisation lowers them, and a change that adds work must update them
// in the same commit, saying why. Commit the file with the reason; never
// edit the figures by hand.
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
