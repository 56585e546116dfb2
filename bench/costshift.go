package bench

import (
	"fmt"
	"math"
)

// The causes costShift names for a growth in the cost per asset-bar.
const (
	// CauseFlat: the cost per asset-bar moved by less than
	// costShiftNoise either way.
	CauseFlat = "flat"
	// CauseCheaper: the cost per asset-bar fell (fixed costs spread over
	// more bars).
	CauseCheaper = "cheaper"
	// CauseMemory: the same instructions per asset-bar (counted, or
	// inferred from fills and modules that did not grow) take longer: the
	// processor waits for memory as the bars and the state outgrow its
	// caches.
	CauseMemory = "memory"
	// CausePerOrder: more fills per asset-bar, and the growth is in
	// orders, execution and the ledger.
	CausePerOrder = "per-order"
	// CauseAllocation: the growth is in the runtime and garbage
	// collector, and the bytes allocated per asset-bar grew.
	CauseAllocation = "allocation"
	// CauseCollector: the growth is in the runtime and garbage collector
	// with no more bytes allocated per asset-bar: each collection marks
	// a larger live heap (the bars and state held). The counted process
	// runs with the collector off, so instruction counts do not see it.
	CauseCollector = "collector"
	// CauseWork: more instructions per asset-bar (counted), not
	// explained by more fills.
	CauseWork = "more work"
)

// costShiftNoise is the change (a fraction) below which a cost per
// asset-bar, a fill rate or an instruction count is taken as unchanged.
const costShiftNoise = 0.05

// costShift is where a backend's cost per asset-bar goes between the
// first and the last point of a growth series, from what the bench
// measured at both: the median CPU times (the wall-clock medians for
// results without them), the profiles' modules, the fills and
// allocations, and the instruction counts and simulated cache misses when
// both were counted. CPU time, because the points run one after the
// other, not interleaved: on a shared machine a scenario's wall-clock
// median can be three times its CPU time (measured: daily-user's float
// backtest, 378 ns per asset-bar of wall clock and 105 of CPU, on a
// 2-core Intel Xeon at a load average of 6), which would read as a cost
// that grows.
type costShift struct {
	Series, Backend, From, To string
	SizeRatio                 float64
	// Measure is MeasureCPU's words, "CPU time", or "wall-clock time"
	// when a point has no CPU times.
	Measure string
	// Per asset-bar: the median of Measure (ns), fills per 1000
	// asset-bars, bytes allocated.
	NsFrom, NsTo       float64
	FillsFrom, FillsTo float64
	AllocFrom, AllocTo float64
	// Module is the profile module whose CPU per asset-bar grew most
	// ("" without profiles at both points), ModFrom and ModTo its ns per
	// asset-bar; PerOrderGrowth is the growth of orders and execution
	// plus the ledger, and Growth that of every module (ns per
	// asset-bar, profiles).
	Module                 Module
	ModFrom, ModTo         float64
	PerOrderGrowth, Growth float64
	// Instructions, D1 and LL misses per asset-bar at From and at InstrAt,
	// the largest point counted ("" and 0 when no point but From was
	// counted; the misses 0 when not simulated); NsAt is the median of
	// Measure per asset-bar at InstrAt.
	InstrAt            string
	NsAt               float64
	InstrFrom, InstrTo float64
	D1From, D1To       float64
	LLFrom, LLTo       float64
	// Cause is one of the Cause constants; Why says it in a sentence.
	Cause, Why string
}

// shiftOf returns the cost shift of growth series g.
func shiftOf(r *Results, g GrowthSeries) (costShift, bool) {
	if len(g.Points) < 2 {
		return costShift{}, false
	}
	find := func(name string) (*ScenarioResult, *BackendResult) {
		for i := range r.Scenarios {
			if s := &r.Scenarios[i]; s.Name == name {
				return s, s.Backend(g.Backend)
			}
		}
		return nil, nil
	}
	first, last := g.Points[0], g.Points[len(g.Points)-1]
	s1, b1 := find(first.Scenario)
	s2, b2 := find(last.Scenario)
	if b1 == nil || b2 == nil || s1.AssetBars <= 0 || s2.AssetBars <= 0 || b1.Time.Median <= 0 {
		return costShift{}, false
	}
	ab1, ab2 := float64(s1.AssetBars), float64(s2.AssetBars)
	useCPU := b1.CPUTime.Median > 0 && b2.CPUTime.Median > 0
	median := func(b *BackendResult) float64 {
		if useCPU {
			return b.CPUTime.Median
		}
		return b.Time.Median
	}
	c := costShift{
		Series: g.Series, Backend: g.Backend, From: s1.Name, To: s2.Name, SizeRatio: ab2 / ab1,
		Measure: "wall-clock time", NsFrom: median(b1) / ab1, NsTo: median(b2) / ab2,
		FillsFrom: float64(b1.Transactions) / ab1 * 1000, FillsTo: float64(b2.Transactions) / ab2 * 1000,
		AllocFrom: float64(b1.AllocBytes) / ab1, AllocTo: float64(b2.AllocBytes) / ab2,
	}
	if useCPU {
		c.Measure = "CPU time"
	}
	if p1, p2 := b1.Profile, b2.Profile; p1 != nil && p2 != nil {
		best := math.Inf(-1)
		for _, m := range Modules() {
			from, to := p1.Module(m).NsPerAssetBar, p2.Module(m).NsPerAssetBar
			c.Growth += to - from
			if m == Orders || m == Ledger {
				c.PerOrderGrowth += to - from
			}
			if to-from > best {
				best, c.Module, c.ModFrom, c.ModTo = to-from, m, from, to
			}
		}
	}
	// The counts: to the largest point counted (the largest are often
	// over the count's limits).
	for k := len(g.Points) - 1; k > 0 && c.InstrAt == ""; k-- {
		_, bk := find(g.Points[k].Scenario)
		k1, k2 := b1.Counts, bk.Counts
		if k1 == nil || k2 == nil || k1.AssetBars <= 0 || k2.AssetBars <= 0 {
			continue
		}
		c.InstrAt, c.InstrFrom, c.InstrTo = g.Points[k].Scenario, k1.PerAssetBar, k2.PerAssetBar
		if useCPU && bk.CPUTime.Median <= 0 {
			continue
		}
		c.NsAt = median(bk) / float64(k2.AssetBars)
		if k1.CacheModel != "" && k2.CacheModel != "" { // simulated at both
			c.D1From, c.D1To = float64(k1.D1Misses)/float64(k1.AssetBars), float64(k2.D1Misses)/float64(k2.AssetBars)
			c.LLFrom, c.LLTo = float64(k1.LLMisses)/float64(k1.AssetBars), float64(k2.LLMisses)/float64(k2.AssetBars)
		}
	}
	c.Cause, c.Why = c.cause()
	return c, true
}

// change is to/from - 1, 0 when from is not positive.
func change(from, to float64) float64 {
	if from <= 0 {
		return 0
	}
	return to/from - 1
}

// cause names where the growth in cost per asset-bar goes, and why.
func (c costShift) cause() (string, string) {
	grew := change(c.NsFrom, c.NsTo)
	fills := change(c.FillsFrom, c.FillsTo)
	alloc := change(c.AllocFrom, c.AllocTo)
	text := fmt.Sprintf("%.3g ns of %s per asset-bar at %s, %.3g at %s (%s, %.0fx the asset-bars)", c.NsFrom, c.Measure, c.From, c.NsTo, c.To, fmtPct(grew*100), c.SizeRatio)
	switch {
	case grew < -costShiftNoise:
		return CauseCheaper, text + ": the costs that do not grow with the bars (setup, the summary) are spread over more of them"
	case grew <= costShiftNoise:
		return CauseFlat, text + ": the cost per asset-bar holds"
	}
	fillsText := fmt.Sprintf("fills per 1000 asset-bars %.3g to %.3g", c.FillsFrom, c.FillsTo)
	if c.InstrAt != "" {
		instr := change(c.InstrFrom, c.InstrTo)
		counted := fmt.Sprintf("instructions per asset-bar %.0f to %.0f (%s)", c.InstrFrom, c.InstrTo, fmtPct(instr*100))
		if c.D1From > 0 && c.D1To > 0 {
			counted += fmt.Sprintf(", simulated D1 misses per asset-bar %.2f to %.2f and last-level %.3f to %.3f", c.D1From, c.D1To, c.LLFrom, c.LLTo)
		}
		grewAt := grew
		if c.InstrAt != c.To {
			grewAt = change(c.NsFrom, c.NsAt)
			counted = fmt.Sprintf("counted up to %s (%s is over the count's limits), where the %s per asset-bar is %.3g ns (%s): ", c.InstrAt, c.To, c.Measure, c.NsAt, fmtPct(grewAt*100)) + counted
		}
		text += "; " + counted
		if grewAt > costShiftNoise {
			switch {
			case instr < grewAt/2 && c.Module == Runtime && c.ModTo > c.ModFrom:
				// The counts have the collector off: the same
				// instructions in more time may be its work.
				return c.collector(text, alloc)
			case instr < grewAt/2:
				return CauseMemory, text + ": the same work per asset-bar takes longer, the processor waiting for memory as the bars and the state outgrow its caches"
			case fills > costShiftNoise:
				return CausePerOrder, text + " and " + fillsText + ": more orders per bar"
			default:
				return CauseWork, text + ", " + fillsText + ": more work per asset-bar, not more orders"
			}
		}
	}
	if c.Module == "" {
		if fills > costShiftNoise {
			return CausePerOrder, text + "; " + fillsText + " (no profiles to confirm it)"
		}
		return CauseMemory, text + "; " + fillsText + ": the same orders per asset-bar, so most likely memory (no profiles to confirm it)"
	}
	grewMost := fmt.Sprintf("the module that grew most is %s (%.3g to %.3g ns per asset-bar)", c.Module, c.ModFrom, c.ModTo)
	perOrder := 0.0
	if c.Growth > 0 {
		perOrder = c.PerOrderGrowth / c.Growth
	}
	switch {
	case fills > costShiftNoise && perOrder >= 0.5:
		return CausePerOrder, text + "; " + fillsText + ", and orders, execution and the ledger take " + fmt.Sprintf("%.0f%%", perOrder*100) + " of the growth in the profiles: more orders per bar"
	case c.Module == Runtime && c.ModTo > c.ModFrom:
		return c.collector(text, alloc)
	default:
		return CauseMemory, text + "; " + fillsText + ", orders, execution and the ledger " + fmt.Sprintf("%.0f%%", perOrder*100) + " of the growth in the profiles, and " + grewMost +
			": not per-order costs; the same work on bars and state that outgrow the caches (inferred: count the instructions with --count all to confirm it)"
	}
}

// collector names the cause of a growth in the runtime and garbage
// collector: more bytes allocated per asset-bar, or a larger live heap to
// mark for the same allocations.
func (c costShift) collector(text string, alloc float64) (string, string) {
	grewMost := fmt.Sprintf("the module that grew most is %s (%.3g to %.3g ns per asset-bar)", c.Module, c.ModFrom, c.ModTo)
	allocText := fmt.Sprintf("the bytes allocated per asset-bar went from %.3g to %.3g", c.AllocFrom, c.AllocTo)
	if alloc > costShiftNoise {
		return CauseAllocation, text + "; " + grewMost + " and " + allocText + ": the collector's work"
	}
	return CauseCollector, text + "; " + grewMost + ", and " + allocText + ": each collection marks a larger live heap (the bars and state held; the instruction counts, made with the collector off, do not see it)"
}
