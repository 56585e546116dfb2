package bench

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"
)

// The regression gate's thresholds: a normalised time more than WarnAbove
// percent above its baseline warns, more than FailAbove percent fails.
const (
	WarnAbove = 5.0
	FailAbove = 20.0
)

// Baselines is bench/baselines.json: per scenario and backend, the time of
// a backtest in the fastest timed run divided by the median time of the
// calibration kernel measured in the same process
// (BackendResult.Normalized), so that a faster or slower machine moves
// both alike. It is written by
// `penny bench --update-baseline`, never by hand.
type Baselines struct {
	Schema int `json:"schema"`
	// How the figures were made: the command, when, at which commit, on
	// which machine, with which calibration.
	Command     string    `json:"command"`
	Generated   time.Time `json:"generated"`
	Commit      string    `json:"commit"`
	CPU         string    `json:"cpu"`
	Calibration float64   `json:"calibration_ns"`
	// Scenarios maps scenario -> backend -> normalised time
	// (BackendResult.Normalized).
	Scenarios map[string]map[string]float64 `json:"scenarios"`
	// CPU maps scenario -> backend -> normalised CPU time
	// (BackendResult.NormalizedCPU).
	CPUTime map[string]map[string]float64 `json:"cpu_time,omitempty"`
	// Instructions and AllocBytes map scenario -> backend -> the
	// instructions and bytes allocated of one backtest, counted under
	// callgrind (Counts), for the scenarios counted; CountGo is the Go
	// version that built the counted binary: counts of another Go
	// (another compiler) are not compared.
	Instructions map[string]map[string]float64 `json:"instructions,omitempty"`
	AllocBytes   map[string]map[string]float64 `json:"alloc_bytes,omitempty"`
	CountGo      string                        `json:"count_go,omitempty"`
}

// NewBaselines makes the baselines of a run. With old non-nil, the
// scenarios and backends this run did not measure keep their old values.
func NewBaselines(r *Results, old *Baselines) *Baselines {
	b := &Baselines{
		Schema: Schema, Command: r.Command, Generated: r.Started.UTC(),
		Commit: r.Environment.Commit, CPU: r.Environment.CPU, Calibration: r.Calibration.Median,
		Scenarios: map[string]map[string]float64{},
	}
	if old != nil {
		b.Scenarios = copyTable(old.Scenarios)
		b.CPUTime = copyTable(old.CPUTime)
		if old.CountGo == r.Environment.Go {
			b.Instructions, b.AllocBytes, b.CountGo = copyTable(old.Instructions), copyTable(old.AllocBytes), old.CountGo
		}
	}
	if b.Scenarios == nil {
		b.Scenarios = map[string]map[string]float64{}
	}
	for _, s := range r.Scenarios {
		for _, br := range s.Backends {
			setTable(&b.Scenarios, s.Name, br.Backend, br.Normalized)
			if br.NormalizedCPU > 0 {
				setTable(&b.CPUTime, s.Name, br.Backend, br.NormalizedCPU)
			}
			if c := br.Counts; c != nil {
				setTable(&b.Instructions, s.Name, br.Backend, float64(c.Instructions))
				setTable(&b.AllocBytes, s.Name, br.Backend, float64(c.AllocBytes))
				b.CountGo = r.Environment.Go
			}
		}
	}
	return b
}

func copyTable(t map[string]map[string]float64) map[string]map[string]float64 {
	if t == nil {
		return nil
	}
	out := map[string]map[string]float64{}
	for s, m := range t {
		out[s] = map[string]float64{}
		for k, v := range m {
			out[s][k] = v
		}
	}
	return out
}

func setTable(t *map[string]map[string]float64, scenario, backend string, v float64) {
	if *t == nil {
		*t = map[string]map[string]float64{}
	}
	if (*t)[scenario] == nil {
		(*t)[scenario] = map[string]float64{}
	}
	(*t)[scenario][backend] = v
}

// MedianBaselines makes the baselines of several runs of the same code:
// per scenario and backend, the median of their normalised times, of
// their normalised CPU times and of their counts, which is steadier than
// any one run's on a shared machine. Entries the runs did not measure
// keep old's values.
func MedianBaselines(rs []*Results, old *Baselines) *Baselines {
	b := NewBaselines(rs[len(rs)-1], old)
	var cmds []string
	for _, r := range rs {
		cmds = append(cmds, r.Command)
	}
	b.Command = fmt.Sprintf("median of %d runs: %s", len(rs), strings.Join(cmds, "; "))
	for _, t := range []struct {
		table map[string]map[string]float64
		value func(*BackendResult) (float64, bool)
	}{
		{b.Scenarios, func(br *BackendResult) (float64, bool) { return br.Normalized, true }},
		{b.CPUTime, func(br *BackendResult) (float64, bool) { return br.NormalizedCPU, br.NormalizedCPU > 0 }},
		{b.Instructions, func(br *BackendResult) (float64, bool) {
			if br.Counts == nil {
				return 0, false
			}
			return float64(br.Counts.Instructions), true
		}},
		{b.AllocBytes, func(br *BackendResult) (float64, bool) {
			if br.Counts == nil {
				return 0, false
			}
			return float64(br.Counts.AllocBytes), true
		}},
	} {
		for name, m := range t.table {
			for backend := range m {
				if v, ok := medianOf(rs, name, backend, t.value); ok {
					m[backend] = v
				}
			}
		}
	}
	return b
}

// medianOf returns the median of value over the runs rs of scenario name
// on backend, and whether any run had one.
func medianOf(rs []*Results, name, backend string, value func(*BackendResult) (float64, bool)) (float64, bool) {
	var vals []float64
	for _, r := range rs {
		for i := range r.Scenarios {
			if r.Scenarios[i].Name != name {
				continue
			}
			if br := r.Scenarios[i].Backend(backend); br != nil {
				if v, ok := value(br); ok {
					vals = append(vals, v)
				}
			}
		}
	}
	if len(vals) == 0 {
		return 0, false
	}
	slices.Sort(vals)
	med := vals[len(vals)/2]
	if len(vals)%2 == 0 {
		med = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
	}
	return med, true
}

// ReadBaselines reads a baselines file.
func ReadBaselines(path string) (*Baselines, error) {
	data, err := limit.ReadFile(path, limit.JSON)
	if err != nil {
		return nil, err
	}
	var b Baselines
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b.Schema != Schema {
		return nil, fmt.Errorf("%s: schema %d, want %d", path, b.Schema, Schema)
	}
	for what, t := range map[string]map[string]map[string]float64{"normalised time": b.Scenarios, "normalised CPU time": b.CPUTime, "instructions": b.Instructions, "alloc bytes": b.AllocBytes} {
		for s, m := range t {
			for k, v := range m {
				if !(v > 0) {
					return nil, fmt.Errorf("%s: scenario %s backend %s: %s %v, want > 0", path, s, k, what, v)
				}
			}
		}
	}
	return &b, nil
}

// Write writes the baselines as indented JSON (to a temporary file renamed
// over path).
func (b *Baselines) Write(path string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(path, append(data, '\n'))
}

// Gate statuses.
const (
	GateOK   = "ok"
	GateWarn = "warn"
	GateFail = "fail"
	GateNew  = "no baseline"
)

// Comparison is a run against its baselines.
type Comparison struct {
	File string `json:"file"`
	// Measure is the measure the gate decided from: MeasureInstructions,
	// MeasureCPU or MeasureTime when every entry compared was compared by
	// it, else MeasureMixed; Note says why the steadiest (the
	// instructions) was not used, for the first entry it was not.
	Measure string          `json:"measure"`
	Note    string          `json:"note,omitempty"`
	Entries []BaselineEntry `json:"entries"`
	// Warnings and Failures count the entries above WarnAbove and
	// FailAbove.
	Warnings int `json:"warnings"`
	Failures int `json:"failures"`
}

// BaselineEntry compares one scenario and backend.
type BaselineEntry struct {
	Scenario string  `json:"scenario"`
	Backend  string  `json:"backend"`
	Baseline float64 `json:"baseline"`
	Current  float64 `json:"current"`
	// Change is (Current / Baseline - 1) x 100.
	Change float64 `json:"change_percent"`
	Status string  `json:"status"`
	// Measure is what Baseline and Current are: MeasureInstructions,
	// MeasureCPU or MeasureTime. With instructions, AllocBaseline, AllocCurrent and
	// AllocChange compare the bytes one backtest allocated as well, and
	// Status is the worse of the two.
	Measure       string  `json:"measure"`
	AllocBaseline float64 `json:"alloc_baseline,omitempty"`
	AllocCurrent  float64 `json:"alloc_current,omitempty"`
	AllocChange   float64 `json:"alloc_change_percent,omitempty"`
}

// GateStatus grades a change in percent: above FailAbove fails, above
// WarnAbove warns.
func GateStatus(change float64) string {
	switch {
	case change > FailAbove:
		return GateFail
	case change > WarnAbove:
		return GateWarn
	}
	return GateOK
}

// Compare compares a run with the baselines, each scenario and backend by
// the steadiest measure both have: the instruction count (and the bytes
// allocated) when the run counted it and the baselines hold a count made
// with the same Go; else the normalised CPU time when the baselines hold
// one; else the normalised time. The comparison names the measure, and
// its note why a steadier one was not used.
func Compare(r *Results, b *Baselines, file string) *Comparison {
	c := &Comparison{File: file}
	sameGo := b.CountGo != "" && b.CountGo == r.Environment.Go
	measures := map[string]bool{}
	for _, s := range r.Scenarios {
		for _, br := range s.Backends {
			e := BaselineEntry{Scenario: s.Name, Backend: br.Backend, Status: GateNew}
			baseI, haveI := b.Instructions[s.Name][br.Backend]
			baseA, haveA := b.AllocBytes[s.Name][br.Backend]
			baseC, haveC := b.CPUTime[s.Name][br.Backend]
			baseT, haveT := b.Scenarios[s.Name][br.Backend]
			var why string // why the instructions were not compared
			switch {
			case br.Counts == nil && r.CountNote != "":
				why = "no instructions counted: " + r.CountNote
			case br.Counts == nil && br.CountNote != "":
				why = s.Name + "/" + br.Backend + " " + br.CountNote
			case br.Counts == nil:
				why = s.Name + "/" + br.Backend + " was not counted"
			case !haveI || !haveA:
				why = "the baselines hold no instruction count for " + s.Name + "/" + br.Backend
			case !sameGo:
				why = fmt.Sprintf("the baselines' instruction counts were made with %s, this run's with %s", b.CountGo, r.Environment.Go)
			}
			switch {
			case why == "":
				e.Measure = MeasureInstructions
				e.Baseline, e.Current = baseI, float64(br.Counts.Instructions)
				e.AllocBaseline, e.AllocCurrent = baseA, float64(br.Counts.AllocBytes)
				e.AllocChange = Overhead(e.AllocCurrent, e.AllocBaseline)
			case haveC && br.NormalizedCPU > 0:
				e.Measure, e.Baseline, e.Current = MeasureCPU, baseC, br.NormalizedCPU
			default:
				e.Measure, e.Baseline, e.Current = MeasureTime, baseT, br.Normalized
				if !haveT {
					e.Baseline = 0
				}
				if why != "" && !haveC {
					why += "; the baselines hold no CPU time for " + s.Name + "/" + br.Backend
				}
			}
			if e.Baseline > 0 {
				e.Change = Overhead(e.Current, e.Baseline)
				e.Status = GateStatus(e.Change)
				if e.Measure == MeasureInstructions {
					e.Status = worseStatus(e.Status, GateStatus(e.AllocChange))
				}
				measures[e.Measure] = true
				if why != "" && c.Note == "" {
					c.Note = why
				}
			}
			switch e.Status {
			case GateWarn:
				c.Warnings++
			case GateFail:
				c.Failures++
			}
			c.Entries = append(c.Entries, e)
		}
	}
	c.Measure = MeasureTime
	for _, m := range []string{MeasureInstructions, MeasureCPU, MeasureTime} {
		if measures[m] {
			c.Measure = m
		}
	}
	if len(measures) > 1 {
		c.Measure = MeasureMixed
	}
	return c
}

// worseStatus returns the worse of two gate statuses.
func worseStatus(a, b string) string {
	rank := map[string]int{GateOK: 0, GateNew: 0, GateWarn: 1, GateFail: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Failures lists the reasons a run fails the gate: every scenario and
// backend more than FailAbove percent above its baseline (when r was
// compared with baselines) and, with check, every scenario whose fixed
// overhead is not met (above MarginalOverhead). A marginal overhead
// (TargetOverhead to MarginalOverhead) is a warning (CheckWarnings), not
// a failure: the wall-clock ratio of one short run moves by that much
// between processes on a shared machine (the quick runs behind
// bench/baselines.json gave fixed on minute +11.8% to +41.6%, median
// +22%, on the 2-vCPU Intel Xeon it was measured on), so a gate that
// failed at the target itself would fail healthy code about one run in
// two there; the report's verdicts still grade against the target.
func Failures(r *Results, check bool) []string {
	var reasons []string
	for _, s := range r.Scenarios {
		if !check {
			break
		}
		if f := s.Backend("fixed"); f != nil && s.Backend("float") != nil && Grade(f.Overhead) == NotMet {
			reasons = append(reasons, fmt.Sprintf("%s: fixed overhead %.1f%% is above %.0f%% (the %.0f%% target not met)", s.Name, f.Overhead, MarginalOverhead, TargetOverhead))
		}
	}
	if r.Baseline != nil {
		var fails []string
		for _, e := range r.Baseline.Entries {
			if e.Status == GateFail {
				what := e.Measure
				if e.Measure == MeasureInstructions {
					what = fmt.Sprintf("instructions, %+.1f%% bytes allocated", e.AllocChange)
				}
				fails = append(fails, fmt.Sprintf("%s/%s: %+.1f%% %s against the baseline (fail above +%.0f%%)", e.Scenario, e.Backend, e.Change, what, FailAbove))
			}
		}
		sort.Strings(fails)
		reasons = append(reasons, fails...)
	}
	return reasons
}

// CheckWarnings lists, for --check, every scenario whose fixed overhead is
// marginal: at or above TargetOverhead, not above MarginalOverhead.
func CheckWarnings(r *Results) []string {
	var warns []string
	for _, s := range r.Scenarios {
		if f := s.Backend("fixed"); f != nil && s.Backend("float") != nil && Grade(f.Overhead) == Marginal {
			warns = append(warns, fmt.Sprintf("%s: fixed overhead %.1f%% is marginal (%.0f%% to %.0f%%): at or above the %.0f%% target", s.Name, f.Overhead, TargetOverhead, MarginalOverhead, TargetOverhead))
		}
	}
	return warns
}
