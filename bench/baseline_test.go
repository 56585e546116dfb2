package bench

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGateStatus(t *testing.T) {
	tests := []struct {
		change float64
		want   string
	}{
		{-50, GateOK},
		{0, GateOK},
		{5, GateOK},
		{5.01, GateWarn},
		{20, GateWarn},
		{20.01, GateFail},
		{300, GateFail},
	}
	for _, tt := range tests {
		if got := GateStatus(tt.change); got != tt.want {
			t.Errorf("GateStatus(%v) = %q, want %q", tt.change, got, tt.want)
		}
	}
}

// gateResults is a run with times set by hand.
func gateResults(fixedOverhead float64) *Results {
	r := &Results{Schema: Schema, Settings: Settings{Backends: []string{"float", "fixed"}}}
	for _, name := range []string{"daily", "hourly"} {
		// Normalised: fastest run / calibration median = 100 and 120.
		r.Scenarios = append(r.Scenarios, ScenarioResult{Name: name, Group: "base", Calibration: Stats{Median: 10}, Backends: []BackendResult{
			{Backend: "float", Time: Stats{Median: 1000, Min: 1000}},
			{Backend: "fixed", Time: Stats{Median: 1000 * (1 + fixedOverhead/100), Min: 1200}},
		}})
	}
	Finish(r)
	return r
}

func TestCompare(t *testing.T) {
	r := gateResults(20)
	b := &Baselines{Schema: Schema, Scenarios: map[string]map[string]float64{
		"daily":  {"float": 100, "fixed": 100}, // fixed +20%: warn, not fail
		"hourly": {"float": 90},                // float +11.1%: warn; fixed: no baseline
	}}
	c := Compare(r, b, "baselines.json")
	want := map[string]string{"daily/float": GateOK, "daily/fixed": GateWarn, "hourly/float": GateWarn, "hourly/fixed": GateNew}
	if len(c.Entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(c.Entries), len(want))
	}
	for _, e := range c.Entries {
		if got := want[e.Scenario+"/"+e.Backend]; e.Status != got {
			t.Errorf("%s/%s: %q (change %v), want %q", e.Scenario, e.Backend, e.Status, e.Change, got)
		}
	}
	if c.Warnings != 2 || c.Failures != 0 {
		t.Errorf("%d warnings, %d failures; want 2, 0", c.Warnings, c.Failures)
	}
	r.Baseline = c
	if f := Failures(r, false); len(f) != 0 {
		t.Errorf("failures without a gate failure: %v", f)
	}

	b.Scenarios["daily"]["fixed"] = 99 // 120/99 - 1 = +21.2%: fail
	r.Baseline = Compare(r, b, "baselines.json")
	if r.Baseline.Failures != 1 {
		t.Fatalf("%d failures, want 1", r.Baseline.Failures)
	}
	f := Failures(r, false)
	if len(f) != 1 || !strings.Contains(f[0], "daily/fixed") {
		t.Errorf("Failures = %v, want one naming daily/fixed", f)
	}
}

func TestFailuresCheck(t *testing.T) {
	tests := []struct {
		overhead float64
		check    bool
		want     int
	}{
		{29.9, true, 0},
		{30, true, 0}, // at the target: marginal, a warning
		{40, true, 0},
		{40.1, true, 2}, // not met fails, on both scenarios
		{45, true, 2},
		{45, false, 0}, // without --check, overheads do not fail
	}
	for _, tt := range tests {
		r := gateResults(tt.overhead)
		if got := Failures(r, tt.check); len(got) != tt.want {
			t.Errorf("overhead %v check %v: %d failures %v, want %d", tt.overhead, tt.check, len(got), got, tt.want)
		}
	}
}

func TestBaselinesRoundTrip(t *testing.T) {
	r := gateResults(10)
	r.Command, r.Started = "penny bench", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r.Calibration = Stats{Median: 2e6}
	old := &Baselines{Schema: Schema, Scenarios: map[string]map[string]float64{
		"minute": {"float": 7}, "daily": {"float": 1, "decimal": 9},
	}}
	b := NewBaselines(r, old)
	path := filepath.Join(t.TempDir(), "baselines.json")
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBaselines(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]float64{
		"minute": {"float": 7},                               // kept: not run
		"daily":  {"float": 100, "fixed": 120, "decimal": 9}, // run ones replaced, decimal kept
		"hourly": {"float": 100, "fixed": 120},
	}
	for s, m := range want {
		for k, v := range m {
			if got := back.Scenarios[s][k]; got != v {
				t.Errorf("%s/%s = %v, want %v", s, k, got, v)
			}
		}
	}
	if back.Command != "penny bench" || back.Calibration != 2e6 || !back.Generated.Equal(r.Started) {
		t.Errorf("metadata %+v", back)
	}
	// Compared with its own baselines, a run is unchanged.
	c := Compare(r, back, path)
	for _, e := range c.Entries {
		if e.Status != GateOK || e.Change != 0 {
			t.Errorf("%s/%s against itself: %+v", e.Scenario, e.Backend, e)
		}
	}
}

func TestReadBaselinesErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, text, want string }{
		{"not json", "{", "unexpected end"},
		{"schema", `{"schema": 2, "scenarios": {}}`, "schema 2"},
		{"zero time", `{"schema": 1, "scenarios": {"daily": {"fixed": 0}}}`, "daily backend fixed"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadBaselines(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming %s and %q", tt.name, err, path, tt.want)
		}
	}
	if _, err := ReadBaselines(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want os.ErrNotExist", err)
	}
}

func TestMedianBaselines(t *testing.T) {
	// Three runs whose normalised times are x (float) and 2x (fixed), for
	// x = 10, 30, 20: the medians are 20 and 40.
	var rs []*Results
	for _, x := range []float64{10, 30, 20} {
		r := gateResults(20)
		for i := range r.Scenarios {
			for j := range r.Scenarios[i].Backends {
				br := &r.Scenarios[i].Backends[j]
				br.Normalized = x
				if br.Backend == "fixed" {
					br.Normalized = 2 * x
				}
			}
		}
		r.Command = fmt.Sprint("run ", x)
		rs = append(rs, r)
	}
	old := &Baselines{Schema: Schema, Scenarios: map[string]map[string]float64{"minute": {"float": 7}}}
	b := MedianBaselines(rs, old)
	for _, s := range []string{"daily", "hourly"} {
		if b.Scenarios[s]["float"] != 20 || b.Scenarios[s]["fixed"] != 40 {
			t.Errorf("%s: %v, want the medians float 20, fixed 40", s, b.Scenarios[s])
		}
	}
	if b.Scenarios["minute"]["float"] != 7 {
		t.Error("an entry the runs did not measure was not kept")
	}
	if !strings.Contains(b.Command, "median of 3 runs: run 10; run 30; run 20") {
		t.Errorf("command %q", b.Command)
	}
}

func TestCheckWarnings(t *testing.T) {
	for _, tt := range []struct {
		overhead float64
		want     int
	}{{29.9, 0}, {30, 2}, {35, 2}, {40, 2}, {40.1, 0}} {
		if got := CheckWarnings(gateResults(tt.overhead)); len(got) != tt.want {
			t.Errorf("overhead %v: %d warnings %v, want %d", tt.overhead, len(got), got, tt.want)
		}
	}
}
