package bench

import (
	"fmt"
	"strings"
	"testing"
)

func TestGrade(t *testing.T) {
	tests := []struct {
		overhead float64
		want     Verdict
	}{
		{-12, Met},
		{0, Met},
		{29.99, Met},
		{30, Marginal},
		{35, Marginal},
		{40, Marginal},
		{40.01, NotMet},
		{2000, NotMet},
	}
	for _, tt := range tests {
		if got := Grade(tt.overhead); got != tt.want {
			t.Errorf("Grade(%v) = %q, want %q", tt.overhead, got, tt.want)
		}
	}
}

func TestWorst(t *testing.T) {
	tests := []struct {
		in   []Verdict
		want Verdict
	}{
		{nil, Met},
		{[]Verdict{Met, Met}, Met},
		{[]Verdict{Met, Marginal, Met}, Marginal},
		{[]Verdict{Marginal, NotMet, Met}, NotMet},
	}
	for _, tt := range tests {
		if got := Worst(tt.in...); got != tt.want {
			t.Errorf("Worst(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOverhead(t *testing.T) {
	tests := []struct{ t, base, want float64 }{
		{130, 100, 30},
		{100, 100, 0},
		{75, 100, -25},
		{3, 1, 200},
	}
	for _, tt := range tests {
		if got := Overhead(tt.t, tt.base); !near(got, tt.want) {
			t.Errorf("Overhead(%v, %v) = %v, want %v", tt.t, tt.base, got, tt.want)
		}
	}
}

// TestHeadlineCoversRequiredTargets is the regression test of a quick run
// whose report said "Verdict: target met" while the required float
// throughput target was not met, and marked decimal "not met" against
// fixed's target: the headline names every required target not met, and
// decimal rows carry no verdict.
func TestHeadlineCoversRequiredTargets(t *testing.T) {
	r := &Results{Schema: Schema, Settings: Settings{Backends: []string{"float", "fixed", "decimal"}}}
	add := func(name string, assetBars int64, float, fixed, decimal float64) {
		s := ScenarioResult{Name: name, Group: "base", AssetBars: assetBars, RawBytes: 48 * assetBars}
		for _, b := range []struct {
			name string
			t    float64
		}{{"float", float}, {"fixed", fixed}, {"decimal", decimal}} {
			s.Backends = append(s.Backends, BackendResult{Backend: b.name, Time: Stats{N: 1, Median: b.t}, CPUTime: Stats{Median: b.t},
				AssetBarsPerSecond: float64(assetBars) / (b.t / 1e9)})
		}
		r.Scenarios = append(r.Scenarios, s)
	}
	// fixed +5% and +10% (met), decimal +2000%; float at 1M asset-bars/s
	// on minute, under the 5M target.
	add("daily", 1000, 100e3, 105e3, 2100e3)
	add("minute", 1000, 1e6, 1.1e6, 21e6)
	Finish(r)

	if r.Summary.Verdict != Met {
		t.Fatalf("fixed overhead verdict %q, want met", r.Summary.Verdict)
	}
	for _, s := range r.Scenarios {
		if v := s.Backend("decimal").Verdict; v != "" {
			t.Errorf("%s/decimal: verdict %q against fixed's target", s.Name, v)
		}
	}
	met, notMet, notMeasured := RequiredTargets(r)
	if len(notMet) != 1 || notMet[0].Name != "float throughput" {
		t.Fatalf("required targets not met: %+v", notMet)
	}
	h := Headline(r)
	if strings.Contains(h, "every required target") || !strings.Contains(h, "float throughput (minute 1.00M/s;") ||
		!strings.Contains(h, fmt.Sprintf("%d of %d required targets measured not met", 1, len(met)+1)) {
		t.Errorf("headline %q", h)
	}
	for _, tg := range notMeasured {
		if !strings.Contains(h, tg.Name) {
			t.Errorf("headline %q does not name %s, not measured", h, tg.Name)
		}
	}
	md := Report(r)
	summary, _, _ := strings.Cut(md, "## Methodology")
	if !strings.Contains(summary, "- "+h+"\n") || !strings.Contains(summary, "**Fixed overhead: target met.**") || strings.Contains(summary, "**Verdict: target met") {
		t.Errorf("executive summary:\n%s", summary)
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.Contains(line, "| decimal |") && (strings.Contains(line, "not met") || strings.Contains(line, "| met |")) {
			t.Errorf("decimal graded against fixed's target: %s", line)
		}
	}

	// Every required target met: the headline says so and names them.
	for i := range r.Scenarios {
		for j := range r.Scenarios[i].Backends {
			r.Scenarios[i].Backends[j].AssetBarsPerSecond = 50e6
		}
	}
	r.Targets = targets(r)
	if h := Headline(r); !strings.HasPrefix(h, "**Verdict: every required target measured is met** (fixed overhead, float throughput") {
		t.Errorf("headline %q", h)
	}
}
