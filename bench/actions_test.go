package bench

import (
	"reflect"
	"strings"
	"testing"
)

// TestActionsScenario: daily-actions is daily with splits and dividends,
// nothing else changed.
func TestActionsScenario(t *testing.T) {
	sc, err := Select("actions")
	if err != nil || len(sc) != 1 || sc[0].Name != ActionsScenario {
		t.Fatalf("Select(actions) = %v, %v", sc, err)
	}
	daily := mustParse(dailyYAML)
	got := sc[0].Config
	d := got.Data
	if d.Splits != ActionsSplits || d.DividendYield != ActionsDividendYield {
		t.Errorf("splits %v, dividend yield %v", d.Splits, d.DividendYield)
	}
	d.Splits, d.DividendYield = 0, 0
	if !reflect.DeepEqual(d, daily.Data) || !reflect.DeepEqual(got.Execution, daily.Execution) || got.Strategy.Name != daily.Strategy.Name {
		t.Errorf("daily-actions differs from daily beyond its actions: %+v", got)
	}
}

// TestActionsCost: the cost from medians, CPU times and normalised times,
// per backend; none without both scenarios.
func TestActionsCost(t *testing.T) {
	backend := func(name string, med, cpu, norm float64, txs int) BackendResult {
		return BackendResult{Backend: name, Time: Stats{Median: med}, CPUTime: Stats{Median: cpu}, Normalized: norm, Transactions: txs}
	}
	r := &Results{Scenarios: []ScenarioResult{
		{Name: "daily", Backends: []BackendResult{backend("float", 100, 200, 10, 7), backend("fixed", 120, 240, 12, 7)}},
		{Name: ActionsScenario, Backends: []BackendResult{backend("float", 101, 202, 10.05, 8), backend("fixed", 126, 246, 12, 9)}},
	}}
	got := ActionsCost(r)
	if len(got) != 2 {
		t.Fatalf("%+v", got)
	}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if f := got[0]; f.Backend != "float" || !near(f.Cost, 1) || !near(f.CPUCost, 1) || !near(f.NormalizedCost, 0.5) || f.TransactionsWith != 8 {
		t.Errorf("float %+v", f)
	}
	if x := got[1]; x.Backend != "fixed" || !near(x.Cost, 5) || !near(x.CPUCost, 2.5) || !near(x.NormalizedCost, 0) {
		t.Errorf("fixed %+v", x)
	}
	if md := Report(r); !strings.Contains(md, "## Corporate actions") || !strings.Contains(md, "| fixed |") {
		t.Errorf("report without the actions section:\n%s", md)
	}
	// Without counts, the aim is judged by the CPU cost: float's +1% is
	// under 2%, fixed's +2.5% is not.
	if f, x := got[0], got[1]; f.Counted || f.Measure != MeasureCPU || f.Verdict != TargetMet || x.Verdict != TargetNotMet || !near(x.Judged, 2.5) {
		t.Errorf("verdicts from CPU times: %+v %+v", f, x)
	}
	// With counts on both scenarios, by instructions: float +1.5% (met),
	// fixed +3% (not met, though its CPU cost is the same); bytes and
	// objects beside.
	r.Scenarios[0].Backends[0].Counts = &Counts{Instructions: 1000, AllocBytes: 400, AllocObjects: 10}
	r.Scenarios[1].Backends[0].Counts = &Counts{Instructions: 1015, AllocBytes: 500, AllocObjects: 12}
	r.Scenarios[0].Backends[1].Counts = &Counts{Instructions: 2000, AllocBytes: 400, AllocObjects: 10}
	r.Scenarios[1].Backends[1].Counts = &Counts{Instructions: 2060, AllocBytes: 400, AllocObjects: 10}
	got = ActionsCost(r)
	f, x := got[0], got[1]
	if !f.Counted || f.Measure != MeasureInstructions || !near(f.InstructionCost, 1.5) || !near(f.AllocCost, 25) || f.AllocObjectsWith != 12 || f.Verdict != TargetMet {
		t.Errorf("float by instructions: %+v", f)
	}
	if !x.Counted || !near(x.Judged, 3) || x.Verdict != TargetNotMet || !near(x.AllocCost, 0) {
		t.Errorf("fixed by instructions: %+v", x)
	}
	md := Report(r)
	for _, want := range []string{"| float | 0.00M | 0.00M | +1.5% | 0 kB | 0 kB | +25.0% | 10 / 12 |", "float met (+1.5% instructions), fixed not met (+3.0% instructions)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report without %q:\n%s", want, md)
		}
	}
	var aim *Target
	for _, tg := range targets(r) {
		if tg.Name == "corporate actions (aim)" {
			aim = &tg
		}
	}
	if aim == nil || aim.Required || aim.Status != TargetNotMet || !strings.Contains(aim.Measured, "fixed +3.0% (instructions)") {
		t.Errorf("the actions aim among the targets: %+v", aim)
	}
	r.Scenarios = r.Scenarios[:1]
	if ActionsCost(r) != nil || strings.Contains(Report(r), "## Corporate actions") {
		t.Error("a cost without the actions scenario")
	}
	for _, tg := range targets(r) {
		if strings.HasPrefix(tg.Name, "corporate actions") {
			t.Errorf("an actions target without the actions scenario: %+v", tg)
		}
	}
}
