package bench

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Finish computes what is derived from the measurements: each backend's
// overhead and verdict, the module overheads, the summary, the growth
// series and the targets. Run calls it; call it again after changing
// measurements (tests do).
func Finish(r *Results) {
	for i := range r.Scenarios {
		finishScenario(&r.Scenarios[i])
	}
	r.Summary = summarize(r)
	r.Growth = growth(r)
	r.Targets = targets(r)
}

func finishScenario(s *ScenarioResult) {
	fl := s.Backend("float")
	for i := range s.Backends {
		b := &s.Backends[i]
		b.Normalized, b.NormalizedCPU = 0, 0
		if s.Calibration.Median > 0 {
			b.Normalized = b.Time.Min / s.Calibration.Median
		}
		if s.CalibrationCPU.Median > 0 {
			b.NormalizedCPU = b.CPUTime.Median / s.CalibrationCPU.Median
		}
		if fl == nil || b.Backend == "float" {
			b.Overhead, b.CPUOverhead, b.Verdict = 0, 0, ""
			continue
		}
		b.Overhead = Overhead(b.Time.Median, fl.Time.Median)
		b.CPUOverhead = Overhead(b.CPUTime.Median, fl.CPUTime.Median)
		// The overhead target is fixed's: decimal, the arbitrary-precision
		// reference, is measured but not graded.
		b.Verdict = ""
		if b.Backend == "fixed" {
			b.Verdict = Grade(b.Overhead)
		}
		if b.Profile == nil || fl.Profile == nil {
			continue
		}
		for j := range b.Profile.Modules {
			m := &b.Profile.Modules[j]
			f := fl.Profile.Module(m.Module)
			m.Overhead, m.Contribution = nil, nil
			if f.NsPerRun > 0 {
				v := Overhead(m.NsPerRun, f.NsPerRun)
				m.Overhead = &v
			}
			if fl.Profile.CPUPerRun > 0 {
				v := (m.NsPerRun - f.NsPerRun) / fl.Profile.CPUPerRun * 100
				m.Contribution = &v
			}
		}
	}
}

// WeightsText states how the weighted averages weigh the scenarios.
const WeightsText = "each scenario by its float median time, so that the weighted average is sum(backend medians) / sum(float medians) - 1: the overhead of running the scenarios one after the other"

func summarize(r *Results) Summary {
	var scope []string
	for _, s := range r.Scenarios {
		if s.Group == "base" {
			scope = append(scope, s.Name)
		}
	}
	if len(scope) == 0 {
		for _, s := range r.Scenarios {
			scope = append(scope, s.Name)
		}
	}
	sum := Summary{Scope: scope, Weights: WeightsText}
	var verdicts []Verdict
	for _, b := range r.Settings.Backends {
		if b == "float" {
			continue
		}
		bo := BackendOverhead{Backend: b}
		bo.Average, bo.Weighted, bo.Worst, bo.WorstValue = averages(r, b, scope)
		bo.AllAverage, bo.AllWeighted, _, _ = averages(r, b, nil)
		sum.Overheads = append(sum.Overheads, bo)
	}
	for _, s := range r.Scenarios {
		if f := s.Backend("fixed"); f != nil && f.Verdict != "" && slices.Contains(scope, s.Name) {
			verdicts = append(verdicts, f.Verdict)
		}
	}
	if len(verdicts) > 0 {
		sum.Verdict = Worst(verdicts...)
	}
	return sum
}

// averages returns the plain and weighted average overheads of backend b
// over the named scenarios (every scenario when names is nil), and the
// worst scenario.
func averages(r *Results, b string, names []string) (avg, weighted float64, worst string, worstValue float64) {
	var n int
	var sumB, sumF float64
	worstValue = math.Inf(-1)
	for _, s := range r.Scenarios {
		if names != nil && !slices.Contains(names, s.Name) {
			continue
		}
		br, fl := s.Backend(b), s.Backend("float")
		if br == nil || fl == nil {
			continue
		}
		n++
		avg += br.Overhead
		sumB += br.Time.Median
		sumF += fl.Time.Median
		if br.Overhead > worstValue {
			worst, worstValue = s.Name, br.Overhead
		}
	}
	if n == 0 {
		return 0, 0, "", 0
	}
	return avg / float64(n), Overhead(sumB, sumF), worst, worstValue
}

// growth builds the growth series from the scenarios with a factor: the
// minute scenario is the first point of both.
func growth(r *Results) []GrowthSeries {
	var out []GrowthSeries
	find := func(name string) *ScenarioResult {
		for i := range r.Scenarios {
			if r.Scenarios[i].Name == name {
				return &r.Scenarios[i]
			}
		}
		return nil
	}
	for _, series := range []string{"assets", "months", UserDaily, UserMinute} {
		var points []*ScenarioResult
		for i := range r.Scenarios {
			if s := &r.Scenarios[i]; s.Series == series {
				points = append(points, s)
			}
		}
		if len(points) == 0 {
			continue
		}
		// Results written before Base was recorded have only the
		// minute-based series.
		baseName := points[0].Base
		if baseName == "" {
			baseName = "minute"
		}
		one := find(baseName)
		if one == nil {
			continue
		}
		slices.SortFunc(points, func(a, b *ScenarioResult) int { return a.Factor - b.Factor })
		points = append([]*ScenarioResult{one}, points...)
		for _, b := range r.Settings.Backends {
			g := GrowthSeries{Series: series, Base: baseName, Backend: b}
			var prev *GrowthPoint
			for k, s := range points {
				br := s.Backend(b)
				if br == nil || br.Time.Median <= 0 {
					continue
				}
				factor := s.Factor
				if k == 0 {
					factor = 1
				}
				p := GrowthPoint{Factor: factor, Scenario: s.Name, AssetBars: s.AssetBars, TimeNs: br.Time.Median}
				if len(g.Points) > 0 {
					first := g.Points[0]
					p.SizeRatio = float64(p.AssetBars) / float64(first.AssetBars)
					p.TimeRatio = p.TimeNs / first.TimeNs
					p.Doubling = perDoubling(prev.TimeNs, prev.AssetBars, p.TimeNs, p.AssetBars)
				} else {
					p.SizeRatio, p.TimeRatio = 1, 1
				}
				g.Points = append(g.Points, p)
				prev = &g.Points[len(g.Points)-1]
			}
			if len(g.Points) > 1 {
				out = append(out, g)
			}
		}
	}
	return out
}

// perDoubling is the time ratio per doubling of the asset-bars from (t0,
// ab0) to (t1, ab1): 2 x (the ratio of the costs per asset-bar) to the
// power 1/log2(ab1/ab0). 0 when the sizes are not growing.
func perDoubling(t0 float64, ab0 int64, t1 float64, ab1 int64) float64 {
	if ab0 <= 0 || ab1 <= ab0 || t0 <= 0 {
		return 0
	}
	costRatio := (t1 / float64(ab1)) / (t0 / float64(ab0))
	return 2 * math.Pow(costRatio, 1/math.Log2(float64(ab1)/float64(ab0)))
}

// RequiredTargets sorts the required targets of r by status: met, not
// met, and not measured (a scenario the target needs did not run). The
// report's headline verdict covers them all.
func RequiredTargets(r *Results) (met, notMet, notMeasured []Target) {
	for _, t := range r.Targets {
		if !t.Required {
			continue
		}
		switch t.Status {
		case TargetMet:
			met = append(met, t)
		case TargetNotMet:
			notMet = append(notMet, t)
		default:
			notMeasured = append(notMeasured, t)
		}
	}
	return met, notMet, notMeasured
}

// Target statuses.
const (
	TargetMet         = "met"
	TargetNotMet      = "not met"
	TargetNotMeasured = "not measured"
)

func status(ok bool) string {
	if ok {
		return TargetMet
	}
	return TargetNotMet
}

// The speed targets.
const (
	AimOverhead         = 10.0
	MinThroughput       = 5e6
	AimThroughput       = 20e6
	MaxDoubling         = 2.2
	MaxPeakOverRawBytes = 3.0
)

func targets(r *Results) []Target {
	var out []Target
	find := func(name string) *ScenarioResult {
		for i := range r.Scenarios {
			if r.Scenarios[i].Name == name {
				return &r.Scenarios[i]
			}
		}
		return nil
	}
	// Fixed overhead on the base scenarios.
	overhead := func(limit float64, required bool, name string) Target {
		t := Target{Name: name, Goal: fmt.Sprintf("fixed overhead < %.0f%% on daily, hourly and minute", limit), Required: required, Status: TargetNotMeasured}
		var parts []string
		ok := true
		for _, n := range []string{"daily", "hourly", "minute"} {
			s := find(n)
			if s == nil || s.Backend("fixed") == nil || s.Backend("float") == nil {
				continue
			}
			v := s.Backend("fixed").Overhead
			parts = append(parts, fmt.Sprintf("%s %.1f%%", n, v))
			ok = ok && v < limit
		}
		if len(parts) > 0 {
			t.Measured, t.Status = strings.Join(parts, ", "), status(ok)
		}
		return t
	}
	out = append(out, overhead(TargetOverhead, true, "fixed overhead"), overhead(AimOverhead, false, "fixed overhead (aim)"))
	// Float throughput on minute and minute-large.
	throughput := func(limit float64, required bool, name string) Target {
		t := Target{Name: name, Goal: fmt.Sprintf("float >= %.0fM asset-bars/s on minute and minute-large", limit/1e6), Required: required, Status: TargetNotMeasured}
		var parts []string
		ok := true
		for _, n := range []string{"minute", "minute-large"} {
			s := find(n)
			if s == nil || s.Backend("float") == nil {
				continue
			}
			v := s.Backend("float").AssetBarsPerSecond
			parts = append(parts, fmt.Sprintf("%s %.2fM/s", n, v/1e6))
			ok = ok && v >= limit
		}
		if len(parts) > 0 {
			t.Measured, t.Status = strings.Join(parts, ", "), status(ok)
		}
		return t
	}
	out = append(out, throughput(MinThroughput, true, "float throughput"), throughput(AimThroughput, false, "float throughput (aim)"))
	// Linear growth, per backend.
	for _, b := range r.Settings.Backends {
		t := Target{Name: "linear growth (" + b + ")", Goal: fmt.Sprintf("along each growth series (more assets, more months, a real user's scale), each doubling of the asset-bars costs at most %.1fx the time", MaxDoubling), Required: true, Status: TargetNotMeasured}
		var parts []string
		ok := true
		for _, g := range r.Growth {
			if g.Backend != b {
				continue
			}
			worst := 0.0
			for _, p := range g.Points[1:] {
				worst = max(worst, p.Doubling)
			}
			parts = append(parts, fmt.Sprintf("%s: worst doubling %.2fx", g.Series, worst))
			ok = ok && worst <= MaxDoubling
		}
		if len(parts) > 0 {
			t.Measured, t.Status = strings.Join(parts, ", "), status(ok)
		}
		out = append(out, t)
	}
	// The cost of corporate actions on daily (an aim), by the steadiest
	// measure.
	if costs := ActionsCost(r); costs != nil {
		t := Target{Name: "corporate actions (aim)", Goal: fmt.Sprintf("%s costs under %.0f%% more than daily, by instructions where counted", ActionsScenario, ActionsTarget)}
		var parts []string
		ok := true
		for _, c := range costs {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", c.Backend, fmtPct(c.Judged), c.Measure))
			ok = ok && c.Verdict == TargetMet
		}
		t.Measured, t.Status = strings.Join(parts, ", "), status(ok)
		out = append(out, t)
	}
	// Peak memory on minute-large, per backend.
	for _, b := range r.Settings.Backends {
		t := Target{Name: "peak memory (" + b + ")", Goal: fmt.Sprintf("peak heap on minute-large <= %.0fx the raw size of its bars (48 bytes an asset-bar)", MaxPeakOverRawBytes), Required: true, Status: TargetNotMeasured}
		if s := find("minute-large"); s != nil && s.Backend(b) != nil && s.RawBytes > 0 {
			x := float64(s.Backend(b).PeakHeapBytes) / float64(s.RawBytes)
			t.Measured = fmt.Sprintf("%.0f MB peak for %.0f MB of bars: %.2fx", float64(s.Backend(b).PeakHeapBytes)/1e6, float64(s.RawBytes)/1e6, x)
			t.Status = status(x <= MaxPeakOverRawBytes)
		}
		out = append(out, t)
	}
	return out
}
