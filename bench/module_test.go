package bench

import (
	"bytes"
	"testing"

	"github.com/google/pprof/profile"
)

func TestPackageOf(t *testing.T) {
	tests := []struct{ fn, want string }{
		{"github.com/pennybt/penny/pkg/engine.(*Engine[go.shape.int64]).Run", "github.com/pennybt/penny/pkg/engine"},
		{"github.com/pennybt/penny/numeric.Fixed.mul", "github.com/pennybt/penny/numeric"},
		{"github.com/pennybt/penny/strategies/indicator.smaCrossStepFloat", "github.com/pennybt/penny/strategies/indicator"},
		// Type arguments hold dots and slashes of other packages.
		{"github.com/pennybt/penny/pkg/ledger.(*Ledger[github.com/pennybt/penny/numeric.Decimal]).Apply", "github.com/pennybt/penny/pkg/ledger"},
		{"github.com/pennybt/penny/pkg/order.New[go.shape.struct { github.com/pennybt/penny/numeric.w int64; github.com/pennybt/penny/numeric.b *github.com/ericlagergren/decimal.Big }]", "github.com/pennybt/penny/pkg/order"},
		{"github.com/pennybt/penny/pkg/engine.(*Engine[...]).Run.func1", "github.com/pennybt/penny/pkg/engine"},
		{"runtime.mallocgc", "runtime"},
		{"math/big.nat.div", "math/big"},
		{"github.com/ericlagergren/decimal.(*Context).Add", "github.com/ericlagergren/decimal"},
		{"gopkg.in/yaml%2ev3.yaml_parser_fetch_next_token", "gopkg.in/yaml%2ev3"},
		{"main.main", "main"},
	}
	for _, tt := range tests {
		if got := packageOf(tt.fn); got != tt.want {
			t.Errorf("packageOf(%q) = %q, want %q", tt.fn, got, tt.want)
		}
	}
}

func TestModuleOf(t *testing.T) {
	const p = "github.com/pennybt/penny/"
	tests := []struct {
		name  string
		stack []string // leaf first
		want  Module
	}{
		{"portal", []string{p + "pkg/dataportal.(*Portal[go.shape.int64]).Advance", p + "pkg/engine.(*Engine[go.shape.int64]).Run"}, DataPortal},
		{"market types are data", []string{p + "pkg/market.(*Series[go.shape.int64]).Len"}, DataPortal},
		{"loop", []string{p + "pkg/engine.(*Engine[go.shape.int64]).Run", "main.main"}, ClockLoop},
		{"clock", []string{p + "pkg/clock.(*Clock).SessionBars"}, ClockLoop},
		{"calendar", []string{p + "pkg/calendar.xnys.Sessions"}, ClockLoop},
		{"numeric is charged to its caller", []string{p + "numeric.Fixed.mul", p + "numeric.Fixed.Mul", p + "strategies/indicator.(*SMA[go.shape.int64]).Update", p + "pkg/engine.(*Engine[go.shape.int64]).Run"}, Strategy},
		{"runtime is charged to its caller", []string{"runtime.mallocgc", "runtime.newobject", p + "pkg/ledger.(*Ledger[go.shape.int64]).Apply", p + "pkg/engine.(*Engine[go.shape.int64]).fill"}, Ledger},
		{"decimal library charged to the caller", []string{"math/big.nat.divLarge", "github.com/ericlagergren/decimal.(*Context).Quo", p + "numeric.Decimal.Div", p + "pkg/execution.impactPrice[go.shape.*uint8]"}, Orders},
		{"order", []string{p + "pkg/order.New[go.shape.int64]"}, Orders},
		{"metrics", []string{"sort.Float64s", p + "pkg/metrics.Summarize"}, Metrics},
		{"report summary", []string{p + "pkg/report.roundTrips[go.shape.float64]"}, Metrics},
		{"strategy sub-package", []string{p + "strategies/meanrev.(*Strategy[go.shape.int64]).OnBar"}, Strategy},
		{"runner is other", []string{p + "internal/runner.NewEngine[go.shape.int64]"}, Other},
		{"the bench itself is other", []string{p + "bench.backtest[go.shape.int64]"}, Other},
		{"no Penny frame", []string{"runtime.gcDrain", "runtime.gcBgMarkWorker"}, Runtime},
		{"only numeric", []string{p + "numeric.Fixed.Add"}, Runtime},
		{"empty stack", nil, Runtime},
		{"a package named like a module is not one", []string{p + "pkg/orders.X", p + "pkg/ledger.Y"}, Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ModuleOf(tt.stack); got != tt.want {
				t.Errorf("ModuleOf(%v) = %q, want %q", tt.stack, got, tt.want)
			}
		})
	}
}

// testProfile builds a CPU profile the way runtime/pprof lays one out
// (sample types samples/count and cpu/nanoseconds, 10 ms period), with an
// inlined frame, and returns it after a round trip through its encoding.
func testProfile(t *testing.T) *profile.Profile {
	t.Helper()
	const p = "github.com/pennybt/penny/"
	var fns []*profile.Function
	fn := func(name string) *profile.Function {
		f := &profile.Function{ID: uint64(len(fns) + 1), Name: name, SystemName: name}
		fns = append(fns, f)
		return f
	}
	run := fn(p + "pkg/engine.(*Engine[go.shape.int64]).Run")
	fill := fn(p + "pkg/engine.(*Engine[go.shape.int64]).fill")
	apply := fn(p + "pkg/ledger.(*Ledger[go.shape.int64]).Apply")
	mul := fn(p + "numeric.Fixed.mul")
	onBar := fn(p + "strategies/smacross.(*Strategy[go.shape.int64]).OnBar")
	malloc := fn("runtime.mallocgc")
	gc := fn("runtime.gcBgMarkWorker")
	var locs []*profile.Location
	loc := func(lines ...*profile.Function) *profile.Location {
		l := &profile.Location{ID: uint64(len(locs) + 1), Address: uint64(0x1000 + 16*len(locs))}
		for _, f := range lines {
			l.Line = append(l.Line, profile.Line{Function: f, Line: 1})
		}
		locs = append(locs, l)
		return l
	}
	lRun, lFill, lOnBar, lMalloc, lGC := loc(run), loc(fill), loc(onBar), loc(malloc), loc(gc)
	// mul inlined into Apply: one location, innermost line first.
	lMulApply := loc(mul, apply)
	sample := func(n int64, stack ...*profile.Location) *profile.Sample {
		return &profile.Sample{Location: stack, Value: []int64{n, n * 10_000_000}}
	}
	prof := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
		Sample: []*profile.Sample{
			sample(3, lMulApply, lFill, lRun),    // ledger, through inlined numeric
			sample(2, lMalloc, lOnBar, lRun),     // strategy, through the runtime
			sample(4, lRun),                      // loop
			sample(1, lGC),                       // no Penny frame
			sample(5, lMalloc, lMulApply, lFill), // ledger again
		},
		Location: locs,
		Function: fns,
	}
	var buf bytes.Buffer
	if err := prof.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := profile.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

func TestAttribute(t *testing.T) {
	a := Attribute(testProfile(t))
	want := map[Module]int64{Ledger: 8, Strategy: 2, ClockLoop: 4, Runtime: 1}
	for _, m := range Modules() {
		if a.Samples[m] != want[m] {
			t.Errorf("%s: %d samples, want %d", m, a.Samples[m], want[m])
		}
		if a.CPU[m] != want[m]*10_000_000 {
			t.Errorf("%s: %d ns, want %d", m, a.CPU[m], want[m]*10_000_000)
		}
	}
	if a.TotalCPU != 15*10_000_000 {
		t.Errorf("total %d ns, want %d", a.TotalCPU, 15*10_000_000)
	}
}

func TestBreakdown(t *testing.T) {
	a := Attribute(testProfile(t))
	p := breakdown(a, "profiles/x.pprof", 5, 0, 1000)
	if p.Samples != 15 || p.Runs != 5 {
		t.Fatalf("samples %d runs %d, want 15 and 5", p.Samples, p.Runs)
	}
	if want := 15 * 10_000_000 / 5.0; p.CPUPerRun != want {
		t.Errorf("CPU per run %v, want %v", p.CPUPerRun, want)
	}
	var share float64
	for _, m := range p.Modules {
		share += m.Share
	}
	if !near(share, 100) {
		t.Errorf("shares add up to %v, want 100", share)
	}
	l := p.Module(Ledger)
	if !near(l.Share, 800.0/15) || l.NsPerRun != 8*10_000_000/5.0 || l.NsPerAssetBar != 8*10_000_000/5.0/1000 {
		t.Errorf("ledger %+v", l)
	}
}
