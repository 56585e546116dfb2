package bench

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// handResults builds results with medians set by hand: float and fixed
// on the base scenarios, minute-large and a growth series.
func handResults() *Results {
	r := &Results{Schema: Schema, Settings: Settings{Backends: []string{"float", "fixed"}}}
	add := func(name, group, series string, factor int, assetBars int64, float, fixed float64) {
		s := ScenarioResult{Name: name, Group: group, Series: series, Factor: factor, AssetBars: assetBars, RawBytes: 48 * assetBars}
		for _, b := range []struct {
			name string
			t    float64
		}{{"float", float}, {"fixed", fixed}} {
			s.Backends = append(s.Backends, BackendResult{
				Backend: b.name, Time: Stats{N: 1, Median: b.t, Mean: b.t}, CPUTime: Stats{Median: b.t},
				AssetBarsPerSecond: float64(assetBars) / (b.t / 1e9),
				NsPerAssetBar:      b.t / float64(assetBars),
				PeakHeapBytes:      uint64(2 * 48 * assetBars),
			})
		}
		r.Scenarios = append(r.Scenarios, s)
	}
	add("daily", "base", "", 0, 1000, 100e3, 120e3)  // +20%
	add("hourly", "base", "", 0, 1000, 200e3, 270e3) // +35%
	add("minute", "base", "", 1, 1000, 100e3, 105e3) // +5%; 10M asset-bars/s
	add("minute-assets-2x", "growth", "assets", 2, 2000, 240e3, 210e3)
	add("minute-assets-4x", "growth", "assets", 4, 4000, 480e3, 420e3)
	add("minute-large", "large", "", 0, 100000, 25e6, 26e6) // 4M asset-bars/s
	Finish(r)
	return r
}

func TestFinishSummary(t *testing.T) {
	r := handResults()
	if r.Summary.Verdict != Marginal {
		t.Errorf("verdict %q, want marginal (hourly +35%%)", r.Summary.Verdict)
	}
	if strings.Join(r.Summary.Scope, ",") != "daily,hourly,minute" {
		t.Errorf("scope %v", r.Summary.Scope)
	}
	o := r.Summary.Overheads[0]
	// Average of 20, 35, 5; weighted: (120+270+105)/(100+200+100) - 1.
	if o.Backend != "fixed" || !near(o.Average, 20) || !near(o.Weighted, (495.0/400-1)*100) || o.Worst != "hourly" || !near(o.WorstValue, 35) {
		t.Errorf("overheads %+v", o)
	}
	allB, allF := 495e3+210e3+420e3+26e6, 400e3+240e3+480e3+25e6
	if !near(o.AllWeighted, (allB/allF-1)*100) {
		t.Errorf("weighted over all %v, want %v", o.AllWeighted, (allB/allF-1)*100)
	}
}

func TestFinishGrowth(t *testing.T) {
	r := handResults()
	if len(r.Growth) != 2 {
		t.Fatalf("growth %+v", r.Growth)
	}
	g := r.Growth[0] // float
	if g.Backend != "float" || len(g.Points) != 3 {
		t.Fatalf("float growth %+v", g)
	}
	// 1x -> 2x: 2.4x the time for 2x the asset-bars; 2x -> 4x: 2x.
	want := []struct{ size, time, doubling float64 }{{1, 1, 0}, {2, 2.4, 2.4}, {4, 4.8, 2}}
	for i, w := range want {
		p := g.Points[i]
		if !near(p.SizeRatio, w.size) || !near(p.TimeRatio, w.time) || !near(p.Doubling, w.doubling) {
			t.Errorf("point %d: %+v, want %+v", i, p, w)
		}
	}
}

func TestFinishTargets(t *testing.T) {
	r := handResults()
	want := map[string]string{
		"fixed overhead":         TargetNotMet, // hourly 35%
		"fixed overhead (aim)":   TargetNotMet,
		"float throughput":       TargetNotMet, // minute-large 4M/s
		"float throughput (aim)": TargetNotMet,
		"linear growth (float)":  TargetNotMet, // 2.4
		"linear growth (fixed)":  TargetMet,    // 2.1, 2
		"peak memory (float)":    TargetMet,    // 2x
		"peak memory (fixed)":    TargetMet,
	}
	if len(r.Targets) != len(want) {
		t.Fatalf("%d targets, want %d: %+v", len(r.Targets), len(want), r.Targets)
	}
	for _, tg := range r.Targets {
		if tg.Status != want[tg.Name] {
			t.Errorf("%s: %s (%s), want %s", tg.Name, tg.Status, tg.Measured, want[tg.Name])
		}
	}
	// Without the scenarios a target needs, it is not measured.
	r.Scenarios = r.Scenarios[:1]
	Finish(r)
	for _, tg := range r.Targets {
		if strings.HasPrefix(tg.Name, "float throughput") || strings.HasPrefix(tg.Name, "linear") || strings.HasPrefix(tg.Name, "peak") {
			if tg.Status != TargetNotMeasured {
				t.Errorf("%s: %s with daily alone", tg.Name, tg.Status)
			}
		}
	}
}

func TestFinishModuleOverheads(t *testing.T) {
	r := handResults()
	s := &r.Scenarios[0]
	s.Backends[0].Profile = &Profile{CPUPerRun: 100, Modules: []ModuleShare{{Module: Ledger, NsPerRun: 40}, {Module: Strategy, NsPerRun: 60}}}
	s.Backends[1].Profile = &Profile{CPUPerRun: 130, Modules: []ModuleShare{{Module: Ledger, NsPerRun: 60}, {Module: Strategy, NsPerRun: 60}, {Module: Runtime, NsPerRun: 10}}}
	Finish(r)
	ms := s.Backends[1].Profile.Modules
	if *ms[0].Overhead != 50 || *ms[0].Contribution != 20 || *ms[1].Overhead != 0 || *ms[1].Contribution != 0 {
		t.Errorf("ledger %+v, strategy %+v", ms[0], ms[1])
	}
	if ms[2].Overhead != nil || *ms[2].Contribution != 10 {
		t.Errorf("runtime (absent from float): %+v", ms[2])
	}
	var sum float64
	for _, m := range ms {
		sum += *m.Contribution
	}
	if !near(sum, 30) {
		t.Errorf("contributions add up to %v, want the profiles' 30%%", sum)
	}
	m, ok := topContribution(s, "fixed")
	if !ok || m.Module != Ledger {
		t.Errorf("top contribution %+v", m)
	}
}

func TestRealJSON(t *testing.T) {
	for _, v := range []float64{0, 1.5e-16, -3, math.NaN(), math.Inf(1), math.Inf(-1)} {
		b, err := json.Marshal(Real(v))
		if err != nil {
			t.Fatal(err)
		}
		var back Real
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !(float64(back) == v || math.IsNaN(v) && math.IsNaN(float64(back))) {
			t.Errorf("%v -> %s -> %v", v, b, back)
		}
	}
	var r Real
	if err := json.Unmarshal([]byte(`"many"`), &r); err == nil {
		t.Error(`"many" read as a number`)
	}
}

func TestCharts(t *testing.T) {
	r := handResults()
	for name, svg := range map[string]string{TimeChart: drawTime(r), ModuleChart: drawModules(r), GrowthChart: drawGrowth(r)} {
		checkSVG(t, name, []byte(svg))
	}
	time := drawTime(r)
	for _, s := range r.Scenarios {
		for _, b := range s.Backends {
			if !strings.Contains(time, "<title>"+b.Backend+" on "+s.Name+": "+fmtNs(b.NsPerAssetBar)) {
				t.Errorf("time chart has no bar for %s on %s", b.Backend, s.Name)
			}
		}
	}
	if !strings.Contains(drawModules(r), "no scenario was profiled") {
		t.Error("module chart without profiles does not say so")
	}
	growth := drawGrowth(r)
	if strings.Count(growth, `class="line"`) != 2 || strings.Count(growth, `class="ideal"`) != 1 {
		t.Errorf("growth chart: want 2 backend lines and 1 linear line")
	}

	// Profiles without a sample: a module chart on a scale of 0 to 1,
	// nothing below 0.
	s := &r.Scenarios[0]
	s.Backends[0].Profile, s.Backends[1].Profile = &Profile{}, &Profile{}
	modules := drawModules(r)
	checkSVG(t, ModuleChart, []byte(modules))
	for _, tick := range []string{">0</text>", ">0.2</text>", ">1</text>"} {
		if !strings.Contains(modules, tick) {
			t.Errorf("module chart of empty profiles lacks the tick %s", tick)
		}
	}
	if strings.Contains(modules, ">-") {
		t.Errorf("module chart of empty profiles has a negative tick")
	}
}

func TestGrowthBottleneck(t *testing.T) {
	r := handResults()
	// minute: 1000 asset-bars; minute-assets-4x: 4000.
	r.Scenarios[2].Backends[0].Profile = &Profile{CPUPerRun: 100e3, Modules: []ModuleShare{
		{Module: Ledger, NsPerAssetBar: 30}, {Module: Strategy, NsPerAssetBar: 50}, {Module: Runtime, NsPerAssetBar: 20},
	}}
	r.Scenarios[4].Backends[0].Profile = &Profile{CPUPerRun: 4000 * 140, Modules: []ModuleShare{
		{Module: Ledger, NsPerAssetBar: 70}, {Module: Strategy, NsPerAssetBar: 45}, {Module: Runtime, NsPerAssetBar: 25},
	}}
	Finish(r)
	gb, ok := growthBottleneck(r, r.Growth[0])
	if !ok || gb.module != Ledger || gb.from != 30 || gb.to != 70 || gb.totalFrom != 100 || gb.totalTo != 140 || gb.first != "minute" || gb.last != "minute-assets-4x" {
		t.Errorf("bottleneck %+v, %v", gb, ok)
	}
	if _, ok := growthBottleneck(r, r.Growth[1]); ok {
		t.Error("a bottleneck for fixed, which has no profiles")
	}
	md := Report(r)
	for _, want := range []string{
		"- float, assets: 100 ns of CPU time per asset-bar at minute, 120 at minute-assets-4x (+20.0%, 4x the asset-bars); fills per 1000 asset-bars 0 to 0, orders, execution and the ledger 100% of the growth in the profiles, and the module that grew most is ledger (30 to 70 ns per asset-bar): not per-order costs",
		"| assets | float | minute to minute-assets-4x | 4x | 100 to 120 | +20.0% | - | 0 to 0 | 0 to 0 | ledger (30 to 70 ns) | memory |",
		"linear growth (float) is not met (assets: worst doubling 2.40x). Along assets, the module whose cost per asset-bar grew most is ledger",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestReportDrift(t *testing.T) {
	r := handResults()
	r.Scenarios[0].Drift = &Drift{
		Float: &FloatDrift{Final: "1.1", Decimal: "1", FinalAbs: 0.1, FinalRel: 0.1, CurveMaxRel: Real(math.Inf(1)), CurveMaxRelSession: "2024-01-03",
			Trades: TradeDiff{Count: 5, Decimal: 6, FirstDifference: 2, Field: "order", This: "trade a", Reference: "trade b"}},
		Fixed: &ExactDrift{Final: "1.00000001", Decimal: "1", FinalDiff: "0.00000001", SessionsDiffering: 1, FirstSession: "2024-01-02", FirstValue: "1.00000001", FirstDecimal: "1",
			Trades: TradeDiff{Count: 6, Decimal: 6, Same: true, FirstDifference: -1}},
	}
	Finish(r)
	md := Report(r)
	for _, want := range []string{
		"| daily | **no** | 1.00000001 | 1 | 0.00000001 | 1 | 2024-01-02: 1.00000001 vs 1 | same 6 |",
		"**daily: fixed differs from decimal.** 1 sessions differ, the first on 2024-01-02 (fixed 1.00000001, decimal 1).",
		"**daily: float trades differently.** Its 5 trades first differ from decimal's 6 at index 2 (order): float `trade a`, decimal `trade b`; the same fill under another order number",
		"Fixed and decimal disagree on daily",
		"| 5 vs 6; first differs at 2 (order) |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("an infinite drift does not marshal: %v", err)
	}
}

func TestPerDoubling(t *testing.T) {
	tests := []struct {
		t0   float64
		ab0  int64
		t1   float64
		ab1  int64
		want float64
		why  string
	}{
		{10, 100, 20, 200, 2, "linear, one doubling"},
		{10, 100, 250, 2500, 2, "linear, 25x"},
		{10, 100, 24, 200, 2.4, "an exact doubling: 2 x the cost ratio"},
		{10, 100, 40 * 1.21, 400, 2 * 1.1, "two doublings, the cost per asset-bar 1.21x: 1.1x each"},
		{10, 100, 10, 100, 0, "not growing"},
		{10, 200, 10, 100, 0, "shrinking"},
	}
	for _, tt := range tests {
		if got := perDoubling(tt.t0, tt.ab0, tt.t1, tt.ab1); !near(got, tt.want) {
			t.Errorf("%s: perDoubling = %v, want %v", tt.why, got, tt.want)
		}
	}
}
