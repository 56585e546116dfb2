package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// countChildEnv makes the test binary the counted process (TestMain): it
// runs countChild on the tiny scenario and backend named by its last
// argument, as `penny bench --count-child` does on a real one.
const countChildEnv = "PENNY_BENCH_TEST_COUNT_CHILD"

func testCountChild() int {
	name, backend, _ := strings.Cut(os.Args[len(os.Args)-1], "/")
	for _, sc := range append(tinyScenarios(), countedScenario()) {
		if sc.Name == name {
			if err := countChild(context.Background(), sc, backend, DefaultOptions(true).Env, os.Stdout); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(os.Stderr, "no tiny scenario %q\n", name)
	return 2
}

// countedScenario is TestCount's backtest: 20 assets over a year of daily
// bars, millions of instructions. The counts of one of the tiny scenarios
// (about 400 thousand instructions, most of them the run's setup) spread
// by up to 20% from one process to the next, quiet machine or not; the
// same spread is a small share of this one's.
func countedScenario() Scenario {
	return Scenario{Name: "count-daily", Group: "base", Config: resize(dailyYAML, "count-daily", 20, "2024-01-02", "2024-12-31")}
}

// needValgrind skips the test when valgrind is not installed, and fails
// it instead when PENNY_VALGRIND_TEST=1 (as CI sets it).
func needValgrind(t *testing.T) {
	t.Helper()
	if why, ok := countAvailable([]string{"x"}); !ok {
		if os.Getenv("PENNY_VALGRIND_TEST") == "1" {
			t.Fatalf("PENNY_VALGRIND_TEST=1 but %s", why)
		}
		t.Skip(why)
	}
}

// TestCount counts the tiny daily scenario under callgrind twice, with
// the test binary as the counted process: the counts are there, describe
// the backtest the timed runs made, and agree with each other.
func TestCount(t *testing.T) {
	needValgrind(t)
	if testing.Short() {
		t.Skip("runs valgrind: seconds")
	}
	if raceEnabled {
		// The race detector's binary under callgrind takes minutes; the
		// client requests are tested under it in internal/valgrind, and
		// CI's bench gate counts with penny itself.
		t.Skip("the race detector is on")
	}
	t.Setenv(countChildEnv, "1")
	sc := countedScenario()
	o := DefaultOptions(true)
	o.Scenarios, o.Backends = []Scenario{sc}, []string{"float", "fixed"}
	o.Runs, o.SampleTarget, o.ProfileTime, o.CalibrationReps = 1, 0, 0, 1
	o.CountCommand = []string{os.Args[0]}
	o.CountScenarios = "base"
	var counts [2][]*Counts
	var res *Results
	for k := range counts {
		r, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		res = r
		if r.Settings.Counted == "" || r.CountNote != "" {
			t.Fatalf("counted %q, note %q", r.Settings.Counted, r.CountNote)
		}
		s := r.Scenarios[0]
		for _, br := range s.Backends {
			c := br.Counts
			if c == nil {
				t.Fatalf("%s: not counted (%s)", br.Backend, br.CountNote)
			}
			if c.AssetBars != s.AssetBars || c.Fills != br.Transactions {
				t.Errorf("%s: counted %d asset-bars and %d fills, the timed runs %d and %d", br.Backend, c.AssetBars, c.Fills, s.AssetBars, br.Transactions)
			}
			// A backtest of hundreds of asset-bars is hundreds of
			// thousands of instructions and allocates: a count near zero
			// means the client requests did not reach callgrind.
			if c.Instructions < 100*uint64(c.AssetBars) || c.AllocBytes == 0 || c.AllocObjects == 0 {
				t.Errorf("%s: %+v", br.Backend, c)
			}
			if got := float64(c.Instructions) / float64(c.AssetBars); got != c.PerAssetBar {
				t.Errorf("%s: per asset-bar %v, want %v", br.Backend, c.PerAssetBar, got)
			}
			counts[k] = append(counts[k], c)
		}
	}
	for i := range counts[0] {
		a, b := float64(counts[0][i].Instructions), float64(counts[1][i].Instructions)
		// Two counts of the same backtest spread by the run's setup
		// (hash seeds, map order): a few tens of thousands of
		// instructions. On the tiny daily scenario (about 400 thousand)
		// that was up to 20% on a quiet 2-vCPU Intel Xeon, the gate's
		// threshold; on this one (about 3 million) it stays under 2%.
		// The gate must not fail a run against itself.
		if d := Overhead(b, a); d < -FailAbove || d > FailAbove {
			t.Errorf("%s: two counts %v and %v differ by %+.2f%%", o.Backends[i], a, b, d)
		}
	}
	// The run compared with baselines made from itself is compared by
	// instructions, and unchanged.
	c := Compare(res, NewBaselines(res, nil), "self")
	if c.Measure != MeasureInstructions || c.Failures+c.Warnings != 0 || c.Note != "" {
		t.Errorf("against itself: %+v", c)
	}
}

func TestCountNotAvailable(t *testing.T) {
	if why, ok := countAvailable(nil); ok || why == "" {
		t.Errorf("no command: %v %q", ok, why)
	}
	t.Setenv("PATH", t.TempDir())
	why, ok := countAvailable([]string{"penny"})
	want := "valgrind is not installed"
	if runtime.GOARCH != "amd64" {
		want = "amd64"
	}
	if ok || !strings.Contains(why, want) {
		t.Errorf("no valgrind on PATH: %v %q, want %q", ok, why, want)
	}
	// A run that cannot count says why and is compared by CPU time.
	o := DefaultOptions(true)
	o.Scenarios = tinyScenarios()[:1]
	o.Backends = []string{"float"}
	o.Runs, o.SampleTarget, o.ProfileTime, o.CalibrationReps = 1, 0, 0, 1
	o.CountCommand = []string{"penny"}
	got, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if got.Settings.Counted != "" || !strings.Contains(got.CountNote, want) || got.Scenarios[0].Backends[0].Counts != nil {
		t.Errorf("counted %q, note %q", got.Settings.Counted, got.CountNote)
	}
	if br := got.Scenarios[0].Backends[0]; !(br.NormalizedCPU > 0) {
		t.Errorf("normalised CPU time %v", br.NormalizedCPU)
	}
	c := Compare(got, NewBaselines(got, nil), "self")
	if c.Measure != MeasureCPU || !strings.Contains(c.Note, want) {
		t.Errorf("measure %q, note %q", c.Measure, c.Note)
	}
}

func TestCountEnv(t *testing.T) {
	t.Setenv("GOGC", "50")
	t.Setenv("GOMAXPROCS", "4")
	t.Setenv("GODEBUG", "madvdontneed=1")
	env := countEnv()
	var got []string
	for _, kv := range env {
		for _, k := range []string{"GOGC=", "GOMAXPROCS=", "GODEBUG="} {
			if strings.HasPrefix(kv, k) {
				got = append(got, kv)
			}
		}
	}
	slices.Sort(got)
	want := []string{"GODEBUG=madvdontneed=1,asyncpreemptoff=1", "GOGC=off", "GOMAXPROCS=1"}
	if !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}

func TestReadTotals(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good", "# callgrind format\nversion: 1\ncmd: penny\npart: 1\n\nevents: Ir Dr Dw D1mr D1mw DLmr DLmw\n\nfn=(1) main\n0 5 1 2\n\ntotals: 1234 10 20 3 4 1 2\n")
	got, err := readTotals(good)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{"Ir": 1234, "Dr": 10, "Dw": 20, "D1mr": 3, "D1mw": 4, "DLmr": 1, "DLmw": 2}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%v, want %v", got, want)
	}
	short := write("short", "events: Ir Dr\ntotals: 99\n")
	if got, err := readTotals(short); err != nil || got["Ir"] != 99 {
		t.Errorf("fewer totals than events: %v %v", got, err)
	}
	for name, text := range map[string]string{
		"no-totals":  "events: Ir\nfn=main\n",
		"ir-second":  "events: Dr Ir\ntotals: 1 2\n",
		"too-many":   "events: Ir\ntotals: 1 2\n",
		"not-number": "events: Ir\ntotals: 1x\n",
		"no-events":  "totals: 1\n",
	} {
		if _, err := readTotals(write(name, text)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
	if _, err := readTotals(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "no dump") {
		t.Errorf("missing dump: %v", err)
	}
}

func TestCacheModel(t *testing.T) {
	stderr := "==123== Callgrind, a call-graph generating cache profiler\n" +
		"==123== I1 cache:         32768 B, 64 B, 8-way associative\n" +
		"==123== D1 cache:         32768 B, 64 B, 8-way associative\n" +
		"==123== LL cache:         33554432 B, 64 B, 16-way associative\n" +
		"==123== Events    : Ir Dr Dw\n"
	want := "I1 32768 B, 64 B, 8-way associative; D1 32768 B, 64 B, 8-way associative; LL 33554432 B, 64 B, 16-way associative"
	if got := cacheModel(stderr); got != want {
		t.Errorf("%q, want %q", got, want)
	}
	// Valgrind 3.19 with -v: the configuration block, between other
	// messages (an "I1:" elsewhere is not taken).
	stderr = "==19014== Callgrind, a call-graph generating cache profiler\n" +
		"--19014--    --cache-sim=yes\n" +
		"--19014-- warning: simulated LL cache: line_size 64  assoc 38  total_size 318,767,104\n" +
		"==19014== Cache configuration used:\n" +
		"==19014==   I1: 32,768 B, 8-way, 64 B lines\n" +
		"==19014==   D1: 49,152 B, 12-way, 64 B lines\n" +
		"==19014==   LL: 318,767,104 B, 38-way, 64 B lines\n" +
		"==19014== For interactive control, run 'callgrind_control -h'.\n" +
		"==19014==   I1: 1 B, 1-way, 1 B lines\n"
	want = "I1 32,768 B, 8-way, 64 B lines; D1 49,152 B, 12-way, 64 B lines; LL 318,767,104 B, 38-way, 64 B lines"
	if got := cacheModel(stderr); got != want {
		t.Errorf("verbose: %q, want %q", got, want)
	}
	if got := cacheModel("==1== Events : Ir\n"); got != "" {
		t.Errorf("no cache lines: %q", got)
	}
}

// countedResults is gateResults with counts, CPU times and a Go version.
func countedResults(goVersion string, instr, alloc, cpu float64) *Results {
	r := gateResults(10)
	r.Environment.Go = goVersion
	for i := range r.Scenarios {
		s := &r.Scenarios[i]
		s.CalibrationCPU = Stats{Median: 10}
		for j := range s.Backends {
			br := &s.Backends[j]
			br.CPUTime = Stats{Median: cpu * 10}
			br.Counts = &Counts{Instructions: uint64(instr), AllocBytes: uint64(alloc)}
		}
	}
	Finish(r)
	return r
}

func TestCompareMeasures(t *testing.T) {
	base := NewBaselines(countedResults("go1.26", 1e6, 1e5, 50), nil)
	if base.CountGo != "go1.26" || base.Instructions["daily"]["fixed"] != 1e6 || base.AllocBytes["hourly"]["float"] != 1e5 || base.CPUTime["daily"]["float"] != 50 {
		t.Fatalf("baselines %+v", base)
	}
	tests := []struct {
		name                string
		r                   *Results
		measure, status     string
		change, allocChange float64
		note                string
	}{
		{"same", countedResults("go1.26", 1e6, 1e5, 50), MeasureInstructions, GateOK, 0, 0, ""},
		// The CPU time doubled, the counts did not: the counts decide.
		{"noisy", countedResults("go1.26", 1e6, 1e5, 100), MeasureInstructions, GateOK, 0, 0, ""},
		{"instructions +10%", countedResults("go1.26", 1.1e6, 1e5, 50), MeasureInstructions, GateWarn, 10, 0, ""},
		{"instructions +25%", countedResults("go1.26", 1.25e6, 1e5, 50), MeasureInstructions, GateFail, 25, 0, ""},
		{"allocations +50%", countedResults("go1.26", 1e6, 1.5e5, 50), MeasureInstructions, GateFail, 0, 50, ""},
		{"other go", countedResults("go1.27", 2e6, 1e5, 60), MeasureCPU, GateWarn, 20, 0, "made with go1.26, this run's with go1.27"},
	}
	for _, tt := range tests {
		c := Compare(tt.r, base, "b.json")
		if c.Measure != tt.measure || !strings.Contains(c.Note, tt.note) || (tt.note == "") != (c.Note == "") {
			t.Errorf("%s: measure %q note %q, want %q and a note with %q", tt.name, c.Measure, c.Note, tt.measure, tt.note)
		}
		for _, e := range c.Entries {
			if e.Measure != tt.measure || e.Status != tt.status || !near(e.Change, tt.change) || !near(e.AllocChange, tt.allocChange) {
				t.Errorf("%s: %s/%s %+v, want %s %s change %v alloc %v", tt.name, e.Scenario, e.Backend, e, tt.measure, tt.status, tt.change, tt.allocChange)
			}
		}
		tt.r.Baseline = c
		fails := Failures(tt.r, false)
		if (tt.status == GateFail) != (len(fails) == 4) || (tt.status != GateFail && len(fails) != 0) {
			t.Errorf("%s: failures %v", tt.name, fails)
		}
		if tt.status == GateFail && !strings.Contains(fails[0], "instructions") {
			t.Errorf("%s: failure %q does not name the measure", tt.name, fails[0])
		}
	}

	// Baselines without counts or CPU times: the normalised time, and
	// the note says why.
	old := &Baselines{Schema: Schema, Scenarios: base.Scenarios}
	c := Compare(countedResults("go1.26", 1e6, 1e5, 50), old, "old.json")
	if c.Measure != MeasureTime || !strings.Contains(c.Note, "no instruction count") || !strings.Contains(c.Note, "no CPU time") {
		t.Errorf("old baselines: measure %q note %q", c.Measure, c.Note)
	}
	// One backend not counted (too slow): that entry by CPU time, the
	// rest by instructions.
	r := countedResults("go1.26", 1e6, 1e5, 50)
	r.Scenarios[0].Backends[1].Counts, r.Scenarios[0].Backends[1].CountNote = nil, "not counted: its backtest takes 9.0 s"
	c = Compare(r, base, "b.json")
	if c.Measure != MeasureMixed || !strings.Contains(c.Note, "daily/fixed not counted: its backtest takes 9.0 s") {
		t.Errorf("one not counted: measure %q note %q", c.Measure, c.Note)
	}
	if e := c.Entries[1]; e.Measure != MeasureCPU || e.Status != GateOK {
		t.Errorf("the entry not counted: %+v", e)
	}
}

func TestBaselinesCounts(t *testing.T) {
	old := NewBaselines(countedResults("go1.26", 1e6, 1e5, 50), nil)
	old.Instructions["minute"] = map[string]float64{"float": 7e6}
	old.AllocBytes["minute"] = map[string]float64{"float": 7e5}
	old.CPUTime["minute"] = map[string]float64{"float": 70}
	// A run of two scenarios with the same Go keeps minute's counts.
	b := NewBaselines(countedResults("go1.26", 2e6, 2e5, 60), old)
	if b.Instructions["minute"]["float"] != 7e6 || b.Instructions["daily"]["fixed"] != 2e6 || b.CPUTime["minute"]["float"] != 70 || b.CPUTime["daily"]["fixed"] != 60 {
		t.Errorf("same Go: %v %v", b.Instructions, b.CPUTime)
	}
	// With another Go, the old counts are dropped (they would not
	// compare); CPU times are kept.
	b = NewBaselines(countedResults("go1.27", 2e6, 2e5, 60), old)
	if _, ok := b.Instructions["minute"]; ok || b.CountGo != "go1.27" || b.CPUTime["minute"]["float"] != 70 {
		t.Errorf("other Go: %v %q", b.Instructions, b.CountGo)
	}
	// Medians of three runs.
	var rs []*Results
	for _, x := range []float64{3, 1, 2} {
		rs = append(rs, countedResults("go1.26", x*1e6, x*1e5, x*10))
	}
	b = MedianBaselines(rs, nil)
	if b.Instructions["daily"]["float"] != 2e6 || b.AllocBytes["hourly"]["fixed"] != 2e5 || b.CPUTime["daily"]["fixed"] != 20 {
		t.Errorf("medians: %v %v %v", b.Instructions, b.AllocBytes, b.CPUTime)
	}
	// Written and read back.
	path := filepath.Join(t.TempDir(), "b.json")
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBaselines(path)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(back.Instructions, back.AllocBytes, back.CPUTime, back.CountGo) != fmt.Sprint(b.Instructions, b.AllocBytes, b.CPUTime, b.CountGo) {
		t.Errorf("read back %+v", back)
	}
	for name, text := range map[string]string{
		"instructions": `{"schema": 1, "scenarios": {}, "instructions": {"daily": {"fixed": 0}}}`,
		"CPU time":     `{"schema": 1, "scenarios": {}, "cpu_time": {"daily": {"fixed": -1}}}`,
	} {
		p := filepath.Join(t.TempDir(), "bad.json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadBaselines(p); err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "daily backend fixed") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestCountCommandFails: a counted process that fails is an error naming
// the scenario, the backend and what it printed.
func TestCountCommandFails(t *testing.T) {
	needValgrind(t)
	if testing.Short() {
		t.Skip("runs valgrind")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = countOne(ctx, []string{sh, "-c", "echo broken data >&2; exit 3", "sh"}, "daily", "fixed", false)
	if err == nil || !strings.Contains(err.Error(), "count daily on fixed") || !strings.Contains(err.Error(), "broken data") {
		t.Errorf("error %v", err)
	}
	_, err = countOne(ctx, []string{sh, "-c", "echo not json", "sh"}, "daily", "fixed", false)
	if err == nil || !strings.Contains(err.Error(), "not json") {
		t.Errorf("error %v", err)
	}
}

// TestCountFailureIsANote runs the bench with a counted process that
// fails under valgrind (a command that does not exist): the run goes on,
// each backend has no counts and a note saying why, and the gate's
// measure falls back to a time.
func TestCountFailureIsANote(t *testing.T) {
	needValgrind(t)
	if testing.Short() {
		t.Skip("runs valgrind")
	}
	o := DefaultOptions(true)
	o.Scenarios, o.Backends = []Scenario{tinyScenarios()[0]}, []string{"float", "fixed"}
	o.Runs, o.SampleTarget, o.ProfileTime, o.CalibrationReps = 1, 0, 0, 1
	o.CountCommand = []string{filepath.Join(t.TempDir(), "no-such-program")}
	o.CountScenarios = "base"
	r, err := Run(context.Background(), o)
	if err != nil {
		t.Fatalf("a failed count failed the run: %v", err)
	}
	for _, br := range r.Scenarios[0].Backends {
		if br.Counts != nil || !strings.HasPrefix(br.CountNote, "not counted: count ") {
			t.Errorf("%s: counts %+v, note %q", br.Backend, br.Counts, br.CountNote)
		}
	}
}
