package bench

import (
	"fmt"
	"math"
	"strings"
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
	c.text(20, 30, "start", "title", title)
	c.text(20, 70, "start", "", why)
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
	c.text(left, 24, "start", "title", title)
	// Decades from below lo to above hi.
	d0, d1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if d1 == d0 {
		d1++
	}
	y := linear{d0, d1, top + plotH, top}
	for d := d0; d <= d1; d++ {
		c.line(left, y.at(d), w-20, y.at(d), "grid")
		c.text(left-6, y.at(d)+4, "end", "small", fmtNsShort(math.Pow(10, d)))
	}
	c.line(left, top, left, top+plotH, "axis")
	c.line(left, top+plotH, w-20, top+plotH, "axis")
	for i, s := range r.Scenarios {
		x0 := left + gap/2 + float64(i)*groupW
		for j, name := range r.Settings.Backends {
			b := s.Backend(name)
			if b == nil || b.NsPerAssetBar <= 0 {
				continue
			}
			yv := y.at(math.Log10(b.NsPerAssetBar))
			x := x0 + float64(j)*barW
			tip := fmt.Sprintf("%s on %s: %s per asset-bar, median %s per backtest", name, s.Name, fmtNs(b.NsPerAssetBar), fmtNs(b.Time.Median))
			c.rect(x+1, yv, barW-2, top+plotH-yv, backendColor[name], tip)
			c.text(x+barW/2, yv-4, "middle", "small", strings.ReplaceAll(fmtNsShort(b.NsPerAssetBar), " ", ""))
		}
		c.text(x0+float64(nb)*barW/2, top+plotH+16, "middle", "small", s.Name)
	}
	c.text(left-50, top-14, "start", "small", "ns per asset-bar")
	legend(c, left, top+plotH+50, r.Settings.Backends, func(n string) string { return backendColor[n] })
	return c.String()
}

// legend draws coloured keys in a row.
func legend(c *canvas, x, y float64, names []string, color func(string) string) {
	for _, n := range names {
		c.rect(x, y-10, 12, 12, color(n), "")
		c.text(x+16, y, "start", "small", n)
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
	c.text(20, 24, "start", "title", title)
	step := niceStep(hi / 6)
	xmax := math.Ceil(hi/step) * step
	x := linear{0, xmax, left, w - right}
	yEnd := top + float64(len(rows))*(rowH+4) + float64(len(rows)/2)*8
	for v := 0.0; v <= xmax+step/2; v += step {
		c.line(x.at(v), top-4, x.at(v), yEnd, "grid")
		c.text(x.at(v), yEnd+14, "middle", "small", fmtShort(v))
	}
	c.text(w-right, yEnd+30, "end", "small", "ns of CPU per asset-bar")
	yy := top
	for i, rw := range rows {
		if i > 0 && i%2 == 0 {
			yy += 8
		}
		c.text(left-8, yy+rowH-6, "end", "small", rw.label)
		x0 := 0.0
		for _, m := range rw.p.Modules {
			if m.NsPerAssetBar <= 0 {
				continue
			}
			tip := fmt.Sprintf("%s, %s: %s per asset-bar (%.1f%%)", rw.label, m.Module, fmtNs(m.NsPerAssetBar), m.Share)
			c.rect(x.at(x0), yy, x.at(x0+m.NsPerAssetBar)-x.at(x0), rowH, moduleColor[m.Module], tip)
			x0 += m.NsPerAssetBar
		}
		yy += rowH + 4
	}
	names := make([]string, len(Modules))
	for i, m := range Modules {
		names[i] = string(m)
	}
	legend(c, 20, yEnd+60, names, func(n string) string { return moduleColor[Module(n)] })
	return c.String()
}

// drawGrowth draws each growth series: the time relative to factor 1
// against the size factor, both on log2 scales, with the linear
// expectation (time grows as the asset-bars) dashed.
func drawGrowth(r *Results) string {
	const title = "How cost grows: time relative to the 1x minute scenario (log2 scales)"
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
	c.text(20, 24, "start", "title", title)
	l2max := math.Ceil(math.Log2(hi))
	for i, name := range order {
		x0 := left + float64(i)*(panelW+gap)
		xmaxF := 0.0
		for _, g := range series[name] {
			for _, p := range g.Points {
				xmaxF = max(xmaxF, float64(p.Factor))
			}
		}
		xs := linear{0, math.Log2(xmaxF), x0, x0 + panelW}
		ys := linear{0, l2max, top + panelH, top}
		for k := 0.0; k <= l2max; k++ {
			c.line(x0, ys.at(k), x0+panelW, ys.at(k), "grid")
			c.text(x0-6, ys.at(k)+4, "end", "small", fmt.Sprintf("%gx", math.Pow(2, k)))
		}
		for k := 0.0; k <= math.Log2(xmaxF); k++ {
			c.text(xs.at(k), top+panelH+16, "middle", "small", fmt.Sprintf("%gx", math.Pow(2, k)))
		}
		c.line(x0, top, x0, top+panelH, "axis")
		c.line(x0, top+panelH, x0+panelW, top+panelH, "axis")
		c.text(x0+panelW/2, top-10, "middle", "", "more "+name+" (factor of the minute scenario)")
		var ideal []point
		for _, g := range series[name] {
			var ps []point
			for _, p := range g.Points {
				ps = append(ps, point{xs.at(math.Log2(float64(p.Factor))), ys.at(math.Log2(p.TimeRatio))})
			}
			if ideal == nil {
				for _, p := range g.Points {
					ideal = append(ideal, point{xs.at(math.Log2(float64(p.Factor))), ys.at(math.Log2(p.SizeRatio))})
				}
			}
			c.polyline(ps, "line", backendColor[g.Backend])
		}
		c.polyline(ideal, "ideal", "")
	}
	keys := append(append([]string(nil), r.Settings.Backends...), "linear (time grows as the asset-bars)")
	legend(c, left, top+panelH+56, keys, func(n string) string {
		if strings.HasPrefix(n, "linear") {
			return "#888"
		}
		return backendColor[n]
	})
	return c.String()
}
