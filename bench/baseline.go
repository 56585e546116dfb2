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
	// Scenarios maps scenario -> backend -> normalised time.
	Scenarios map[string]map[string]float64 `json:"scenarios"`
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
		for s, m := range old.Scenarios {
			b.Scenarios[s] = map[string]float64{}
			for k, v := range m {
				b.Scenarios[s][k] = v
			}
		}
	}
	for _, s := range r.Scenarios {
		if b.Scenarios[s.Name] == nil {
			b.Scenarios[s.Name] = map[string]float64{}
		}
		for _, br := range s.Backends {
			b.Scenarios[s.Name][br.Backend] = br.Normalized
		}
	}
	return b
}

// MedianBaselines makes the baselines of several runs of the same code:
// per scenario and backend, the median of their normalised times, which
// is steadier than any one run's on a shared machine. Entries the runs did
// not measure keep old's values.
func MedianBaselines(rs []*Results, old *Baselines) *Baselines {
	b := NewBaselines(rs[len(rs)-1], old)
	var cmds []string
	for _, r := range rs {
		cmds = append(cmds, r.Command)
	}
	b.Command = fmt.Sprintf("median of %d runs: %s", len(rs), strings.Join(cmds, "; "))
	for name, m := range b.Scenarios {
		for backend := range m {
			var vals []float64
			for _, r := range rs {
				for _, s := range r.Scenarios {
					if s.Name != name {
						continue
					}
					for _, br := range s.Backends {
						if br.Backend == backend {
							vals = append(vals, br.Normalized)
						}
					}
				}
			}
			if len(vals) > 0 {
				slices.Sort(vals)
				med := vals[len(vals)/2]
				if len(vals)%2 == 0 {
					med = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
				}
				m[backend] = med
			}
		}
	}
	return b
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
	for s, m := range b.Scenarios {
		for k, v := range m {
			if !(v > 0) {
				return nil, fmt.Errorf("%s: scenario %s backend %s: normalised time %v, want > 0", path, s, k, v)
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
	File    string          `json:"file"`
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

// Compare compares the normalised times of a run with the baselines.
func Compare(r *Results, b *Baselines, file string) *Comparison {
	c := &Comparison{File: file}
	for _, s := range r.Scenarios {
		for _, br := range s.Backends {
			e := BaselineEntry{Scenario: s.Name, Backend: br.Backend, Current: br.Normalized, Status: GateNew}
			if base, ok := b.Scenarios[s.Name][br.Backend]; ok {
				e.Baseline = base
				e.Change = Overhead(br.Normalized, base)
				e.Status = GateStatus(e.Change)
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
	return c
}

// Failures lists the reasons a run fails the gate: every scenario and
// backend more than FailAbove percent above its baseline (when r was
// compared with baselines) and, with check, every scenario whose fixed
// overhead is at or above TargetOverhead.
func Failures(r *Results, check bool) []string {
	var reasons []string
	for _, s := range r.Scenarios {
		if !check {
			break
		}
		if f := s.Backend("fixed"); f != nil && s.Backend("float") != nil && f.Overhead >= TargetOverhead {
			reasons = append(reasons, fmt.Sprintf("%s: fixed overhead %.1f%% is at or above the %.0f%% target", s.Name, f.Overhead, TargetOverhead))
		}
	}
	if r.Baseline != nil {
		var fails []string
		for _, e := range r.Baseline.Entries {
			if e.Status == GateFail {
				fails = append(fails, fmt.Sprintf("%s/%s: %+.1f%% against the baseline (fail above +%.0f%%)", e.Scenario, e.Backend, e.Change, FailAbove))
			}
		}
		sort.Strings(fails)
		reasons = append(reasons, fails...)
	}
	return reasons
}
