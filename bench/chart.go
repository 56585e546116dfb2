package bench

import (
	"fmt"
	"math"
	"strings"

	"github.com/pennybt/penny/internal/svg"
)

// The charts' file names in the output folder.
const (
	TimeChart   = "time.svg"
	ModuleChart = "modules.svg"
	GrowthChart = "growth.svg"
)

// empty draws a chart that has nothing to show, saying why.
func empty(title, why string) string {
	c := newCanvas(640, 120, title)
	c.Text(20, 30, svg.Start, "title", title)
	c.Text(20, 70, svg.Start, "", why)
	return c.String()
}

// drawTime draws the median time per asset-bar of each backend on each
// scenario, as grouped bars on a log scale (decimal is often two orders
// of magnitude above float).
func drawTime(r *Results) string {
	const title = "Median time per asset-bar, by scenario and backend (log scale)"
	lo, hi := math.Inf(1), 0.0
	for _, s := range r.Scenarios {
		for _, b := range s.Backends {
			if v := b.NsPerAssetBar; v > 0 {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if hi == 0 {
		return empty(title, "no timed runs")
	}
	nb := len(r.Settings.Backends)
	const left, top, bottom, barW, gap, plotH = 70.0, 60.0, 90.0, 40.0, 30.0, 300.0
	groupW := float64(nb)*barW + gap
	w := max(left+float64(len(r.Scenarios))*groupW+20, 640)
	c := newCanvas(w, top+plotH+bottom, title)
	c.Text(left, 24, svg.Start, "title", title)
	// Decades from below lo to above hi.
	d0, d1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if d1 == d0 {
		d1++
	}
	y := svg.Linear{D0: d0, D1: d1, R0: top + plotH, R1: top}
	for d := d0; d <= d1; d++ {
		c.Line(left, y.Map(d), w-20, y.Map(d), "grid")
		c.Text(left-6, y.Map(d)+4, svg.End, "small", fmtNsShort(math.Pow(10, d)))
	}
	c.Line(left, top, left, top+plotH, "axis")
	c.Line(left, top+plotH, w-20, top+plotH, "axis")
	for i, s := range r.Scenarios {
		x0 := left + gap/2 + float64(i)*groupW
		for j, name := range r.Settings.Backends {
			b := s.Backend(name)
			if b == nil || b.NsPerAssetBar <= 0 {
				continue
			}
			yv := y.Map(math.Log10(b.NsPerAssetBar))
			x := x0 + float64(j)*barW
			tip := fmt.Sprintf("%s on %s: %s per asset-bar, median %s per backtest", name, s.Name, fmtNs(b.NsPerAssetBar), fmtNs(b.Time.Median))
			c.Rect(x+1, yv, barW-2, top+plotH-yv, "", backendColor(name), tip)
			c.Text(x+barW/2, yv-4, svg.Middle, "small", strings.ReplaceAll(fmtNsShort(b.NsPerAssetBar), " ", ""))
		}
		c.Text(x0+float64(nb)*barW/2, top+plotH+16, svg.Middle, "small", s.Name)
	}
	c.Text(left-50, top-14, svg.Start, "small", "ns per asset-bar")
	legend(c, left, top+plotH+50, r.Settings.Backends, backendColor)
	return c.String()
}

// legend draws coloured keys in a row.
func legend(c *svg.Canvas, x, y float64, names []string, color func(string) string) {
	for _, n := range names {
		c.Rect(x, y-10, 12, 12, "", color(n), "")
		c.Text(x+16, y, svg.Start, "small", n)
		x += 28 + 6.5*float64(len(n))
	}
}

// drawModules draws, for each scenario profiled on float and fixed, the
// CPU time per asset-bar of each module as stacked bars: float above,
// fixed below.
func drawModules(r *Results) string {
	const title = "CPU time per asset-bar by module: float vs fixed (from the profiles)"
	type row struct {
		label string
		p     *Profile
	}
	var rows []row
	hi := 0.0
	for _, s := range r.Scenarios {
		f, x := s.Backend("float"), s.Backend("fixed")
		if f == nil || x == nil || f.Profile == nil || x.Profile == nil || s.AssetBars == 0 {
			continue
		}
		rows = append(rows, row{s.Name + " float", f.Profile}, row{s.Name + " fixed", x.Profile})
		hi = max(hi, f.Profile.CPUPerRun/float64(s.AssetBars), x.Profile.CPUPerRun/float64(s.AssetBars))
	}
	if len(rows) == 0 {
		return empty(title, "no scenario was profiled on both float and fixed")
	}
	const left, top, rowH, right = 150.0, 50.0, 20.0, 30.0
	const w = 900.0
	h := top + float64(len(rows))*(rowH+4) + float64(len(rows)/2)*8 + 90
	c := newCanvas(w, h, title)
	c.Text(20, 24, svg.Start, "title", title)
	// About six round ticks from 0 (a scale of 0 to 1 when the profiles
	// hold no sample).
	if hi <= 0 {
		hi = 1
	}
	ticks, _ := svg.NiceTicks(0, hi, 6)
	x := svg.Linear{D0: 0, D1: ticks[len(ticks)-1], R0: left, R1: w - right}
	yEnd := top + float64(len(rows))*(rowH+4) + float64(len(rows)/2)*8
	for _, v := range ticks {
		c.Line(x.Map(v), top-4, x.Map(v), yEnd, "grid")
		c.Text(x.Map(v), yEnd+14, svg.Middle, "small", fmtShort(v))
	}
	c.Text(w-right, yEnd+30, svg.End, "small", "ns of CPU per asset-bar")
	yy := top
	for i, rw := range rows {
		if i > 0 && i%2 == 0 {
			yy += 8
		}
		c.Text(left-8, yy+rowH-6, svg.End, "small", rw.label)
		x0 := 0.0
		for _, m := range rw.p.Modules {
			if m.NsPerAssetBar <= 0 {
				continue
			}
			tip := fmt.Sprintf("%s, %s: %s per asset-bar (%.1f%%)", rw.label, m.Module, fmtNs(m.NsPerAssetBar), m.Share)
			c.Rect(x.Map(x0), yy, x.Map(x0+m.NsPerAssetBar)-x.Map(x0), rowH, "", moduleColor[m.Module], tip)
			x0 += m.NsPerAssetBar
		}
		yy += rowH + 4
	}
	names := make([]string, len(Modules()))
	for i, m := range Modules() {
		names[i] = string(m)
	}
	legend(c, 20, yEnd+60, names, func(n string) string { return moduleColor[Module(n)] })
	return c.String()
}

// drawGrowth draws each growth series: the time relative to factor 1
// against the size factor, both on log2 scales, with the linear
// expectation (time grows as the asset-bars) dashed.
func drawGrowth(r *Results) string {
	const title = "How cost grows: time relative to each series' base (log2 scales)"
	series := map[string][]GrowthSeries{}
	var order []string
	hi := 1.0
	for _, g := range r.Growth {
		if series[g.Series] == nil {
			order = append(order, g.Series)
		}
		series[g.Series] = append(series[g.Series], g)
		for _, p := range g.Points {
			hi = max(hi, p.TimeRatio, p.SizeRatio, float64(p.Factor))
		}
	}
	if len(order) == 0 {
		return empty(title, "the growth series did not run (penny bench --scenario growth)")
	}
	const panelW, panelH, left, top, gap = 380.0, 300.0, 60.0, 60.0, 60.0
	w := left + float64(len(order))*(panelW+gap)
	c := newCanvas(w, top+panelH+90, title)
	c.Text(20, 24, svg.Start, "title", title)
	l2max := math.Ceil(math.Log2(hi))
	for i, name := range order {
		x0 := left + float64(i)*(panelW+gap)
		xmaxF := 0.0
		for _, g := range series[name] {
			for _, p := range g.Points {
				xmaxF = max(xmaxF, float64(p.Factor))
			}
		}
		xs := svg.Linear{D0: 0, D1: math.Log2(xmaxF), R0: x0, R1: x0 + panelW}
		ys := svg.Linear{D0: 0, D1: l2max, R0: top + panelH, R1: top}
		for k := 0.0; k <= l2max; k++ {
			c.Line(x0, ys.Map(k), x0+panelW, ys.Map(k), "grid")
			c.Text(x0-6, ys.Map(k)+4, svg.End, "small", fmt.Sprintf("%gx", math.Pow(2, k)))
		}
		for k := 0.0; k <= math.Log2(xmaxF); k++ {
			c.Text(xs.Map(k), top+panelH+16, svg.Middle, "small", fmt.Sprintf("%gx", math.Pow(2, k)))
		}
		c.Line(x0, top, x0, top+panelH, "axis")
		c.Line(x0, top+panelH, x0+panelW, top+panelH, "axis")
		c.Text(x0+panelW/2, top-10, svg.Middle, "", seriesLabel(name, series[name][0].Base))
		var ideal []svg.Point
		for _, g := range series[name] {
			var ps []svg.Point
			for _, p := range g.Points {
				ps = append(ps, svg.Point{X: xs.Map(math.Log2(float64(p.Factor))), Y: ys.Map(math.Log2(p.TimeRatio))})
			}
			if ideal == nil {
				for _, p := range g.Points {
					ideal = append(ideal, svg.Point{X: xs.Map(math.Log2(float64(p.Factor))), Y: ys.Map(math.Log2(p.SizeRatio))})
				}
			}
			polyline(c, ps, "line", backendColor(g.Backend))
		}
		polyline(c, ideal, "ideal", "")
	}
	keys := append(append([]string(nil), r.Settings.Backends...), "linear (time grows as the asset-bars)")
	legend(c, left, top+panelH+56, keys, func(n string) string {
		if strings.HasPrefix(n, "linear") {
			return "#888"
		}
		return backendColor(n)
	})
	return c.String()
}

// seriesLabel describes a growth series over its panel.
func seriesLabel(series, base string) string {
	switch series {
	case UserDaily, UserMinute:
		return base + " to a real user's scale (factor of " + base + ")"
	}
	if base == "" {
		base = "minute"
	}
	return "more " + series + " (factor of " + base + ")"
}
