package report

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/pennybt/penny/internal/svg"
)

// Heatmap geometry.
const (
	heatLeft  = 64
	heatTop   = 52
	heatCellW = 68
	heatCellH = 28
	heatGap   = 2
)

// heatmapSVG draws the monthly returns: a row per year, a column per
// month and a last column for the year, one <rect class="cell"> per month
// with sessions (class "cell year" for the years), coloured by return
// (green up, red down, the deepest colour at the largest absolute monthly
// return; the years on their own scale) with the return printed in it.
func heatmapSVG(id, title string, months, years []periodReturn) string {
	if len(years) == 0 {
		cv := svg.New(chartW, 80, id, "chart heatmap", title)
		cv.Text(heatLeft, 20, svg.Start, "chart-title", title)
		cv.Text(chartW/2, 56, svg.Middle, "empty", "No sessions")
		return cv.String()
	}
	first := years[0].Year
	rows := years[len(years)-1].Year - first + 1
	h := float64(heatTop + rows*heatCellH + 12)
	cv := svg.New(chartW, h, id, "chart heatmap", title)
	cv.Text(heatLeft, 20, svg.Start, "chart-title", title)
	for m := range 13 {
		label := "Year"
		if m < 12 {
			label = time.Month(m + 1).String()[:3]
		}
		cv.Text(float64(heatLeft+m*heatCellW+heatCellW/2), heatTop-8, svg.Middle, "tick", label)
	}
	for r := range rows {
		cv.Text(heatLeft-8, float64(heatTop+r*heatCellH+heatCellH/2+4), svg.End, "tick", strconv.Itoa(first+r))
	}
	cell := func(p periodReturn, col int, class string, scale float64) {
		x := float64(heatLeft + col*heatCellW)
		y := float64(heatTop + (p.Year-first)*heatCellH)
		fill, ink := heatColour(p.Return, scale)
		name := strconv.Itoa(p.Year)
		if p.Month != 0 {
			name = p.Month.String() + " " + name
		}
		value := formatPercent(p.Return)
		cv.Rect(x+heatGap/2, y+heatGap/2, heatCellW-heatGap, heatCellH-heatGap, class, fill, name+": "+value)
		if finite(p.Return) {
			value = cellPercent(p.Return)
		}
		cv.Text(x+heatCellW/2, y+heatCellH/2+4, svg.Middle, "cell-text", value, svg.Attr{Name: "fill", Value: ink})
	}
	mscale, yscale := maxAbs(months), maxAbs(years)
	for _, p := range months {
		cell(p, int(p.Month)-1, "cell", mscale)
	}
	for _, p := range years {
		cell(p, 12, "cell year", yscale)
	}
	return cv.String()
}

// cellPercent writes a return as a percentage with one decimal, a small
// loss that rounds to zero as 0.0% rather than -0.0%.
func cellPercent(r float64) string {
	s := strconv.FormatFloat(r*100, 'f', 1, 64)
	if s == "-0.0" {
		s = "0.0"
	}
	return s + "%"
}

func maxAbs(ps []periodReturn) float64 {
	m := 0.0
	for _, p := range ps {
		if finite(p.Return) {
			m = math.Max(m, math.Abs(p.Return))
		}
	}
	return m
}

// heatColour returns the fill of a cell of return r on a scale whose
// deepest colour is at |r| = scale, and the colour of its text.
func heatColour(r, scale float64) (fill, ink string) {
	if !finite(r) {
		return "#cccccc", "#333333"
	}
	t := 0.0
	if scale > 0 {
		t = math.Min(math.Abs(r)/scale, 1)
	}
	to := [3]float64{26, 152, 80} // green
	if r < 0 {
		to = [3]float64{215, 48, 39} // red
	}
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(255 + (to[i]-255)*t))
	}
	ink = "#1a1a1a"
	if t > 0.6 {
		ink = "#ffffff"
	}
	return fmt.Sprintf("rgb(%d,%d,%d)", c[0], c[1], c[2]), ink
}
