package bench

import (
	"strings"
	"testing"
)

// shiftResults is a growth series of float from minute (1000 asset-bars)
// through a 4x point to a 16x point, with the times, fills, allocations,
// profiles and counts each case sets.
type shiftPoint struct {
	ns, fillsPer1000, allocPerBar float64 // per asset-bar
	cpu                           float64 // CPU ns per asset-bar, 0: none
	ledger, runtime, strategy     float64 // profile ns per asset-bar
	instr                         float64 // per asset-bar, 0: not counted
	profile                       bool
}

func shiftResults(points [3]shiftPoint) *Results {
	r := &Results{Schema: Schema, Settings: Settings{Backends: []string{"float"}}}
	for i, name := range []string{"minute", "minute-assets-4x", "minute-assets-16x"} {
		ab := int64(1000) << (2 * i)
		p := points[i]
		br := BackendResult{Backend: "float", Time: Stats{N: 1, Median: p.ns * float64(ab), Min: p.ns * float64(ab)},
			Transactions: int(p.fillsPer1000 * float64(ab) / 1000), AllocBytes: uint64(p.allocPerBar * float64(ab))}
		if p.cpu > 0 {
			br.CPUTime = Stats{N: 1, Median: p.cpu * float64(ab), Min: p.cpu * float64(ab)}
		}
		if p.profile {
			br.Profile = &Profile{Modules: []ModuleShare{{Module: Ledger, NsPerAssetBar: p.ledger}, {Module: Runtime, NsPerAssetBar: p.runtime}, {Module: Strategy, NsPerAssetBar: p.strategy}}}
		}
		if p.instr > 0 {
			br.Counts = &Counts{Instructions: uint64(p.instr * float64(ab)), AssetBars: ab, PerAssetBar: p.instr}
		}
		s := ScenarioResult{Name: name, Group: "growth", AssetBars: ab, Backends: []BackendResult{br}}
		if i == 0 {
			s.Group, s.Factor = "base", 1
		} else {
			s.Series, s.Base, s.Factor = "assets", "minute", 1<<(2*i)
		}
		r.Scenarios = append(r.Scenarios, s)
	}
	Finish(r)
	return r
}

func TestCostShift(t *testing.T) {
	base := shiftPoint{ns: 100, fillsPer1000: 10, allocPerBar: 50, ledger: 30, runtime: 20, strategy: 50, profile: true}
	with := func(p shiftPoint, f func(*shiftPoint)) shiftPoint { f(&p); return p }
	tests := []struct {
		name   string
		points [3]shiftPoint
		cause  string
		why    []string
	}{
		{"flat", [3]shiftPoint{base, base, with(base, func(p *shiftPoint) { p.ns = 104 })}, CauseFlat, []string{"100 ns of wall-clock time per asset-bar at minute, 104 at minute-assets-16x (+4.0%, 16x the asset-bars)"}},
		// With CPU times at every point, they decide: a wall clock three
		// times the CPU time at the last point (the process waiting for
		// the processor) is not a cost that grew.
		{"cpu decides", [3]shiftPoint{with(base, func(p *shiftPoint) { p.cpu = 100 }), with(base, func(p *shiftPoint) { p.cpu = 100 }), with(base, func(p *shiftPoint) { p.ns, p.cpu = 300, 80 })}, CauseCheaper,
			[]string{"100 ns of CPU time per asset-bar at minute, 80 at minute-assets-16x (-20.0%"}},
		{"cpu grows", [3]shiftPoint{with(base, func(p *shiftPoint) { p.cpu = 100; p.instr = 700 }), with(base, func(p *shiftPoint) { p.cpu = 100 }), with(base, func(p *shiftPoint) { p.ns, p.cpu, p.instr = 100, 150, 700 })}, CauseMemory,
			[]string{"100 ns of CPU time per asset-bar at minute, 150 at", "instructions per asset-bar 700 to 700 (+0.0%)", "waiting for memory"}},
		{"cheaper", [3]shiftPoint{base, base, with(base, func(p *shiftPoint) { p.ns = 80 })}, CauseCheaper, nil},
		// More fills per asset-bar, the growth in the ledger.
		{"per-order", [3]shiftPoint{base, base, with(base, func(p *shiftPoint) { p.ns, p.fillsPer1000, p.ledger = 150, 30, 80 })}, CausePerOrder,
			[]string{"fills per 1000 asset-bars 10 to 30", "the ledger take 100% of the growth"}},
		// The growth in the runtime, with more allocated per asset-bar.
		{"allocation", [3]shiftPoint{base, base, with(base, func(p *shiftPoint) { p.ns, p.runtime, p.allocPerBar = 150, 70, 200 })}, CauseAllocation,
			[]string{"runtime and GC (20 to 70 ns per asset-bar)", "50 to 200"}},
		// The growth in the runtime, the same bytes allocated per
		// asset-bar: a larger heap to mark.
		{"collector", [3]shiftPoint{base, base, with(base, func(p *shiftPoint) { p.ns, p.runtime = 150, 70 })}, CauseCollector,
			[]string{"runtime and GC (20 to 70 ns per asset-bar)", "50 to 50", "larger live heap"}},
		// Counted, the same instructions, the growth in the runtime: the
		// counts (collector off) do not see the collector.
		{"collector counted", [3]shiftPoint{with(base, func(p *shiftPoint) { p.instr = 700 }), base, with(base, func(p *shiftPoint) { p.ns, p.instr, p.runtime = 150, 700, 70 })}, CauseCollector,
			[]string{"instructions per asset-bar 700 to 700", "larger live heap"}},
		// Neither: memory, inferred.
		{"memory inferred", [3]shiftPoint{base, base, with(base, func(p *shiftPoint) { p.ns, p.strategy = 150, 100 })}, CauseMemory,
			[]string{"strategy and indicators (50 to 100", "inferred"}},
		// Counted: the same instructions per asset-bar, more time.
		{"memory counted", [3]shiftPoint{with(base, func(p *shiftPoint) { p.instr = 700 }), base, with(base, func(p *shiftPoint) { p.ns, p.instr = 150, 710 })}, CauseMemory,
			[]string{"instructions per asset-bar 700 to 710 (+1.4%)", "waiting for memory"}},
		// Counted: more instructions, the same fills.
		{"work counted", [3]shiftPoint{with(base, func(p *shiftPoint) { p.instr = 700 }), base, with(base, func(p *shiftPoint) { p.ns, p.instr = 150, 1050 })}, CauseWork,
			[]string{"700 to 1050 (+50.0%)", "not more orders"}},
		// Counted: more instructions and more fills.
		{"per-order counted", [3]shiftPoint{with(base, func(p *shiftPoint) { p.instr = 700 }), base, with(base, func(p *shiftPoint) { p.ns, p.instr, p.fillsPer1000 = 150, 1050, 30 })}, CausePerOrder,
			[]string{"more orders per bar"}},
		// The largest point not counted: the counts up to the 4x point,
		// judged by the time there.
		{"counted to 4x", [3]shiftPoint{with(base, func(p *shiftPoint) { p.instr = 700 }), with(base, func(p *shiftPoint) { p.ns, p.instr = 130, 700 }), with(base, func(p *shiftPoint) { p.ns = 150 })}, CauseMemory,
			[]string{"counted up to minute-assets-4x (minute-assets-16x is over the count's limits), where the wall-clock time per asset-bar is 130 ns (+30.0%)", "waiting for memory"}},
		// Counted to 4x, where the time has not grown: the counts do not
		// decide.
		{"counted where flat", [3]shiftPoint{with(base, func(p *shiftPoint) { p.instr = 700 }), with(base, func(p *shiftPoint) { p.instr = 700 }), with(base, func(p *shiftPoint) { p.ns, p.fillsPer1000, p.ledger = 150, 30, 80 })}, CausePerOrder,
			[]string{"counted up to minute-assets-4x", "the ledger take 100% of the growth"}},
	}
	for _, tt := range tests {
		r := shiftResults(tt.points)
		if len(r.Growth) != 1 {
			t.Fatalf("%s: growth %+v", tt.name, r.Growth)
		}
		c, ok := shiftOf(r, r.Growth[0])
		if !ok {
			t.Fatalf("%s: no shift", tt.name)
		}
		if c.Cause != tt.cause || c.From != "minute" || c.To != "minute-assets-16x" || c.SizeRatio != 16 {
			t.Errorf("%s: %s from %s to %s (%vx), want %s\n%s", tt.name, c.Cause, c.From, c.To, c.SizeRatio, tt.cause, c.Why)
		}
		for _, w := range tt.why {
			if !strings.Contains(c.Why, w) {
				t.Errorf("%s: %q lacks %q", tt.name, c.Why, w)
			}
		}
		md := Report(r)
		if !strings.Contains(md, "**Where the cost per asset-bar goes**") || !strings.Contains(md, "| "+tt.cause+" |") {
			t.Errorf("%s: the report lacks the cost shift", tt.name)
		}
	}
	// A series with only its base has no shift.
	r := shiftResults([3]shiftPoint{base, base, base})
	if _, ok := shiftOf(r, GrowthSeries{Series: "assets", Backend: "float", Points: r.Growth[0].Points[:1]}); ok {
		t.Error("a shift of one point")
	}
}
