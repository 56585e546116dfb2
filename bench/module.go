package bench

import (
	"strings"

	"github.com/google/pprof/profile"
)

// Module is a part of the engine the breakdown charges CPU time to.
type Module string

// The modules, in the order the report lists them.
const (
	DataPortal Module = "data portal"             // pkg/dataportal, pkg/market
	ClockLoop  Module = "clock and loop"          // pkg/engine, pkg/clock, pkg/calendar
	Strategy   Module = "strategy and indicators" // strategies/...
	Orders     Module = "orders and execution"    // pkg/order, pkg/execution
	Ledger     Module = "ledger"                  // pkg/ledger
	Metrics    Module = "metrics"                 // pkg/metrics, pkg/report (the run's summary)
	Other      Module = "other"                   // any other Penny package (internal/runner, pkg/config, bench...)
	Runtime    Module = "runtime and GC"          // samples with no Penny frame: background GC, scheduler
)

// Modules returns the modules in report order.
func Modules() []Module {
	return []Module{DataPortal, ClockLoop, Strategy, Orders, Ledger, Metrics, Other, Runtime}
}

// pennyModule is the module path of Penny; a function belongs to Penny
// when its package path starts with it.
const pennyModule = "github.com/pennybt/penny"

// moduleOfPackage returns the module a Penny package is charged to, and
// false for the packages that are charged to their caller: package
// numeric (arithmetic is the cost of whoever asked for it) and anything
// outside Penny (the runtime, the standard library, ericlagergren/decimal,
// math/big).
func moduleOfPackage(pkg string) (Module, bool) {
	rest, ok := strings.CutPrefix(pkg, pennyModule+"/")
	if !ok {
		return "", false
	}
	first, _, _ := strings.Cut(rest, "/")
	switch {
	case first == "numeric":
		return "", false
	case first == "strategies":
		return Strategy, true
	case first != "pkg":
		return Other, true
	}
	switch p := strings.TrimPrefix(rest, "pkg/"); {
	case hasPackage(p, "dataportal"), hasPackage(p, "market"):
		return DataPortal, true
	case hasPackage(p, "engine"), hasPackage(p, "clock"), hasPackage(p, "calendar"):
		return ClockLoop, true
	case hasPackage(p, "order"), hasPackage(p, "execution"):
		return Orders, true
	case hasPackage(p, "ledger"):
		return Ledger, true
	case hasPackage(p, "metrics"), hasPackage(p, "report"):
		return Metrics, true
	}
	return Other, true
}

// hasPackage reports whether the path p is the package name or one of
// its sub-packages.
func hasPackage(p, name string) bool {
	return p == name || strings.HasPrefix(p, name+"/")
}

// packageOf returns the import path of the package of a function symbol
// as the Go runtime names it: "github.com/pennybt/penny/pkg/engine" for
// "github.com/pennybt/penny/pkg/engine.(*Engine[go.shape.int64]).Run".
// Type arguments, which can hold dots and slashes, are cut off first.
func packageOf(fn string) string {
	if i := strings.IndexByte(fn, '['); i >= 0 {
		fn = fn[:i]
	}
	slash := strings.LastIndexByte(fn, '/')
	if dot := strings.IndexByte(fn[slash+1:], '.'); dot >= 0 {
		return fn[:slash+1+dot]
	}
	return fn
}

// ModuleOf attributes a stack, leaf first as in a profile sample, to a
// module: the module of the first frame that belongs to a Penny package
// other than numeric. A stack with no such frame is Runtime.
func ModuleOf(stack []string) Module {
	for _, fn := range stack {
		if m, ok := moduleOfPackage(packageOf(fn)); ok {
			return m
		}
	}
	return Runtime
}

// sampleStack returns the function names of a sample, leaf first, with
// inlined frames expanded (a location's lines are innermost first).
func sampleStack(s *profile.Sample) []string {
	var stack []string
	for _, loc := range s.Location {
		for _, ln := range loc.Line {
			if ln.Function != nil {
				stack = append(stack, ln.Function.Name)
			}
		}
	}
	return stack
}

// Attribution is the CPU time of a profile per module.
type Attribution struct {
	// Samples and CPU (ns) per module; Total over all modules.
	Samples  map[Module]int64
	CPU      map[Module]int64
	TotalCPU int64
}

// Attribute charges each sample of a CPU profile to the module of its
// stack (see ModuleOf), summing the sample's CPU time (its "cpu" value).
func Attribute(p *profile.Profile) Attribution {
	a := Attribution{Samples: map[Module]int64{}, CPU: map[Module]int64{}}
	count, cpu := -1, -1
	for i, st := range p.SampleType {
		switch st.Type {
		case "samples":
			count = i
		case "cpu":
			cpu = i
		}
	}
	for _, s := range p.Sample {
		m := ModuleOf(sampleStack(s))
		n := int64(1)
		if count >= 0 && count < len(s.Value) {
			n = s.Value[count]
		}
		ns := n * p.Period // a profile without a "cpu" value: samples x period
		if cpu >= 0 && cpu < len(s.Value) {
			ns = s.Value[cpu]
		}
		a.Samples[m] += n
		a.CPU[m] += ns
		a.TotalCPU += ns
	}
	return a
}
