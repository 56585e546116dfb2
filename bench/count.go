package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/internal/valgrind"
)

// The measures the regression gate can decide from, steadiest first.
const (
	// MeasureInstructions is the count of instructions one backtest
	// executes, every thread, as Valgrind's callgrind counts them: the
	// same from run to run whatever else the machine runs (within 3%,
	// measured: see the package doc), but only for the same binary (Go
	// version and code).
	MeasureInstructions = "instructions"
	// MeasureCPU is the median CPU time of a backtest over the timed
	// runs (interleaved batches) over the calibration kernel's
	// (BackendResult.NormalizedCPU): what is left when Valgrind is not
	// installed. Other processes take the processor from a run, which
	// stretches its wall time but not its CPU time; they still slow it
	// through the caches and memory they share.
	MeasureCPU = "normalised CPU time"
	// MeasureTime is the fastest timed run's wall time over the
	// calibration kernel's (BackendResult.Normalized): for baselines that
	// hold no CPU time.
	MeasureTime = "normalised time"
	// MeasureMixed names a comparison whose entries were compared by
	// different measures.
	MeasureMixed = "mixed"
)

// CountTool is the program that counts instructions.
const CountTool = "valgrind"

// Counts is what the instruction count of one scenario on one backend
// measured: one backtest, after a warm-up backtest, in a process of its
// own under callgrind.
type Counts struct {
	// Instructions is the number of instructions the backtest executed,
	// in every thread (the garbage collector's included).
	Instructions uint64 `json:"instructions"`
	// AllocBytes and AllocObjects are what the backtest allocated, from
	// runtime/metrics.
	AllocBytes   uint64 `json:"alloc_bytes"`
	AllocObjects uint64 `json:"alloc_objects"`
	// AssetBars is the backtest's size; Fills its number of transactions.
	AssetBars int64 `json:"asset_bars"`
	Fills     int   `json:"fills"`
	// PerAssetBar is Instructions / AssetBars.
	PerAssetBar float64 `json:"instructions_per_asset_bar"`
	// With the cache simulation (Options.CacheSim): the data reads and
	// writes, and the misses of callgrind's model of the machine's
	// first-level data cache (D1) and last-level cache (LL), reads and
	// writes; zero without it.
	DataRefs   uint64 `json:"data_refs,omitempty"`
	D1Misses   uint64 `json:"d1_misses,omitempty"`
	LLMisses   uint64 `json:"ll_misses,omitempty"`
	CacheModel string `json:"cache_model,omitempty"`
}

// countChildReport is what the counted process writes on its standard
// output: the counts it can read itself (not the instructions, which
// callgrind writes to its dump file).
type countChildReport struct {
	OnValgrind   bool   `json:"on_valgrind"`
	AllocBytes   uint64 `json:"alloc_bytes"`
	AllocObjects uint64 `json:"alloc_objects"`
	AssetBars    int64  `json:"asset_bars"`
	Fills        int    `json:"fills"`
}

// CountChild is the process whose instructions are counted: it loads the
// data of scenario name on backend, runs one warm-up backtest, and then,
// between callgrind's ZeroStats and DumpStats, one backtest; it writes
// what it allocated (JSON) to w. `penny bench --count-child
// SCENARIO/BACKEND` calls it; the parent runs it under callgrind
// ([Options.CountCommand]).
func CountChild(ctx context.Context, name, backend string, env runner.Env, w io.Writer) error {
	scs, err := Select(name)
	if err != nil {
		return err
	}
	if len(scs) != 1 || scs[0].Name != name {
		return fmt.Errorf("bench: count: %q is not one scenario", name)
	}
	return countChild(ctx, scs[0], backend, env, w)
}

// countChild is CountChild on the scenario sc.
func countChild(ctx context.Context, sc Scenario, backend string, env runner.Env, w io.Writer) error {
	s, err := newSubject(backend, sc.Config)
	if err != nil {
		return err
	}
	if _, _, err := s.load(env); err != nil {
		return err
	}
	if _, err := s.run(ctx, false); err != nil { // warm-up: lazy setup is not counted
		return err
	}
	runtime.GC()
	b0, o0 := readMetric(allocsMetric), readMetric(allocObjectsMetric)
	valgrind.StartInstrumentation()
	valgrind.ZeroStats()
	err = s.once(ctx)
	valgrind.DumpStats()
	valgrind.StopInstrumentation()
	b1, o1 := readMetric(allocsMetric), readMetric(allocObjectsMetric)
	if err != nil {
		return err
	}
	_, _, ab := s.shape()
	rep := countChildReport{
		OnValgrind: valgrind.Running(),
		AllocBytes: b1 - b0, AllocObjects: o1 - o0,
		AssetBars: ab, Fills: len(s.outcome().trades),
	}
	return json.NewEncoder(w).Encode(rep)
}

// countAvailable says whether instructions can be counted with command
// (the CountCommand): on amd64 (the client requests), with valgrind on
// the PATH. It returns why not otherwise.
func countAvailable(command []string) (string, bool) {
	switch {
	case len(command) == 0:
		return "no command to count with", false
	case runtime.GOARCH != "amd64":
		return "instruction counts need amd64 (Valgrind's client requests), this is " + runtime.GOARCH, false
	}
	if _, err := exec.LookPath(CountTool); err != nil {
		return "valgrind is not installed", false
	}
	return "", true
}

// countEnv is the environment of the counted process:
//   - GODEBUG asyncpreemptoff=1, since callgrind 3.19 asserts on the
//     preemption signals of the Go runtime;
//   - GOGC=off: the collector runs concurrently with the backtest, and
//     how much of its work falls in the counted window varies from run
//     to run (by 7% in a minute backtest, measured when this was
//     written). The collector's cost follows the bytes allocated, which
//     Counts reports beside;
//   - GOMAXPROCS=1: with more, which goroutine runs where changes what is
//     allocated and counted (five counts of hourly on fixed spread by
//     2.6% and allocated 513 to 677 objects; with one, four spread by
//     0.7% and allocated the same 637).
func countEnv() []string {
	var env []string
	godebug := "asyncpreemptoff=1"
	for _, kv := range os.Environ() {
		if v, ok := strings.CutPrefix(kv, "GODEBUG="); ok {
			if v != "" {
				godebug = v + "," + godebug
			}
			continue
		}
		if strings.HasPrefix(kv, "GOGC=") || strings.HasPrefix(kv, "GOMAXPROCS=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GODEBUG="+godebug, "GOGC=off", "GOMAXPROCS=1")
}

// countOne counts the instructions of one backtest of scenario on backend
// by running command + [scenario/backend] under callgrind.
func countOne(ctx context.Context, command []string, scenario, backend string, cacheSim bool) (*Counts, error) {
	dir, err := os.MkdirTemp("", "penny-count-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "callgrind.out")
	args := []string{"--tool=callgrind", "--callgrind-out-file=" + out, "--dump-line=no", "--dump-instr=no", "--instr-atstart=no"}
	if cacheSim {
		// -v: valgrind 3.19 tells the caches it simulates ("Cache
		// configuration used") only when verbose.
		args = append(args, "--cache-sim=yes", "-v")
	}
	args = append(args, command...)
	args = append(args, scenario+"/"+backend)
	cmd := exec.CommandContext(ctx, CountTool, args...)
	cmd.Env = countEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("count %s on %s: %s %s: %w\n%s", scenario, backend, CountTool, strings.Join(args, " "), err, lastLines(stderr.String(), 20))
	}
	var rep countChildReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("count %s on %s: the counted process wrote %q: %w", scenario, backend, lastLines(stdout.String(), 5), err)
	}
	if !rep.OnValgrind {
		return nil, fmt.Errorf("count %s on %s: the counted process did not run under valgrind", scenario, backend)
	}
	t, err := readTotals(out + ".1")
	if err != nil {
		return nil, fmt.Errorf("count %s on %s: %w", scenario, backend, err)
	}
	c := &Counts{Instructions: t["Ir"], AllocBytes: rep.AllocBytes, AllocObjects: rep.AllocObjects, AssetBars: rep.AssetBars, Fills: rep.Fills}
	if c.AssetBars > 0 {
		c.PerAssetBar = float64(c.Instructions) / float64(c.AssetBars)
	}
	if cacheSim {
		c.DataRefs = t["Dr"] + t["Dw"]
		c.D1Misses = t["D1mr"] + t["D1mw"]
		c.LLMisses = t["DLmr"] + t["DLmw"]
		c.CacheModel = cacheModel(stderr.String())
	}
	return c, nil
}

// cacheModel returns callgrind's description of the caches it simulated
// ("I1 32768 B, 64 B, 8-way associative; D1 ..."), from its messages, or
// "". Valgrind writes it in one of two forms: a line per cache
// ("==1== D1 cache:  49152 B, 64 B, 12-way associative"), or, verbose
// (valgrind 3.19's -v), under "Cache configuration used:"
// ("==1==   D1: 49,152 B, 12-way, 64 B lines").
func cacheModel(stderr string) string {
	var parts []string
	config := false
	for _, line := range strings.Split(stderr, "\n") {
		_, rest, ok := strings.Cut(line, "== ")
		if !ok {
			continue
		}
		if strings.TrimSpace(rest) == "Cache configuration used:" {
			config = true
			continue
		}
		found := false
		for _, c := range []string{"I1", "D1", "LL"} {
			if v, ok := strings.CutPrefix(rest, c+" cache:"); ok {
				parts, found = append(parts, c+" "+strings.Join(strings.Fields(v), " ")), true
			} else if v, ok := strings.CutPrefix(strings.TrimSpace(rest), c+":"); ok && config {
				parts, found = append(parts, c+" "+strings.Join(strings.Fields(v), " ")), true
			}
		}
		if !found {
			config = false
		}
	}
	return strings.Join(parts, "; ")
}

// readTotals reads the "events:" and "totals:" lines of a callgrind dump:
// each event's total (Ir, the instructions; with the cache simulation
// also Dr, Dw, D1mr, D1mw, DLmr, DLmw...).
func readTotals(path string) (map[string]uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("callgrind wrote no dump: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	var events []string
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "events: "); ok {
			events = strings.Fields(v)
		}
		v, ok := strings.CutPrefix(line, "totals: ")
		if !ok {
			continue
		}
		vals := strings.Fields(v)
		if len(events) == 0 || events[0] != "Ir" || len(vals) > len(events) {
			return nil, fmt.Errorf("%s: totals %q for events %q, want Ir first", path, v, events)
		}
		t := map[string]uint64{}
		for i, s := range vals {
			n, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: totals %q: %w", path, v, err)
			}
			t[events[i]] = n
		}
		return t, nil
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nil, errors.New(path + ": no totals line")
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// countScenario counts the instructions of one backtest of sr on each of
// its backends, GOMAXPROCS processes at a time (the counts do not depend
// on what else runs); a scenario larger than o.CountMaxAssetBars, and a
// backend whose median backtest is longer than o.CountLimit, are skipped
// with a note, and so is one whose count fails (the error is logged as a
// warning): only an interrupted context is an error.
func countScenario(ctx context.Context, sr *ScenarioResult, o *Options) error {
	log := o.Logger.With("scenario", sr.Name)
	type job struct {
		i   int
		err error
	}
	var todo []int
	for i := range sr.Backends {
		br := &sr.Backends[i]
		switch {
		case o.CountMaxAssetBars > 0 && sr.AssetBars > o.CountMaxAssetBars:
			br.CountNote = fmt.Sprintf("not counted: %d asset-bars, over the limit of %d", sr.AssetBars, o.CountMaxAssetBars)
			continue
		case o.CountLimit > 0 && br.Time.Median > float64(o.CountLimit):
			br.CountNote = fmt.Sprintf("not counted: its backtest takes %.1f s, over the %s limit", br.Time.Median/1e9, o.CountLimit)
			continue
		}
		todo = append(todo, i)
	}
	done := make(chan job)
	running, next := 0, 0
	var first error
	for next < len(todo) || running > 0 {
		for running < max(1, runtime.GOMAXPROCS(0)) && next < len(todo) && first == nil {
			i := todo[next]
			next++
			running++
			go func() {
				c, err := countOne(ctx, o.CountCommand, sr.Name, sr.Backends[i].Backend, o.CacheSim)
				if err == nil {
					sr.Backends[i].Counts = c
				}
				done <- job{i, err}
			}()
		}
		if running == 0 {
			break
		}
		j := <-done
		running--
		if j.err != nil {
			if ctx.Err() != nil {
				if first == nil {
					first = ctx.Err()
				}
				continue
			}
			// A count that fails (a valgrind that cannot run this
			// processor's instructions, say) leaves the backend
			// uncounted, with the reason: the run and its gate go on
			// with the next steadiest measure.
			sr.Backends[j.i].CountNote = "not counted: " + firstLine(j.err.Error())
			log.Warn("not counted", "backend", sr.Backends[j.i].Backend, "err", j.err)
			continue
		}
		{
			c := sr.Backends[j.i].Counts
			log.Info("counted", "backend", sr.Backends[j.i].Backend, "instructions", c.Instructions, "per_asset_bar", fmt.Sprintf("%.1f", c.PerAssetBar))
		}
	}
	return first
}
