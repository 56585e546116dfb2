package report

import (
	"math"
	"strconv"
	"time"

	"github.com/pennybt/penny/internal/svg"
)

// Chart geometry, in SVG user units (the page scales the charts to its
// width).
const (
	chartW      = 960
	chartH      = 300
	marginLeft  = 84
	marginRight = 24
	marginTop   = 36
	marginBot   = 32
)

// line is one series of a line chart.
type line struct {
	Name  string // legend text
	Class string // CSS class, after "line "
	Ys    []float64
}

// lineChart is a chart of series over the sessions of a run.
type lineChart struct {
	ID, Title string
	Dates     []time.Time
	Lines     []line
	// YLabel formats a y tick given the tick step.
	YLabel func(v, step float64) string
	// Zero includes 0 in the y range and draws a line at 0.
	Zero bool
	// Empty is the text drawn when no series has a finite value.
	Empty string
}

// svg draws the chart: a frame, y ticks with grid lines and labels, date
// labels on x, one <path class="line NAME"> per series with at most
// MaxPoints points (see downsample), and a legend when there is more than
// one series.
func (c *lineChart) svg() string {
	cv := svg.New(chartW, chartH, c.ID, "chart", c.Title)
	cv.Text(marginLeft, 20, svg.Start, "chart-title", c.Title)
	left, right := float64(marginLeft), float64(chartW-marginRight)
	top, bottom := float64(marginTop), float64(chartH-marginBot)

	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range c.Lines {
		for _, y := range l.Ys {
			if finite(y) {
				lo, hi = math.Min(lo, y), math.Max(hi, y)
			}
		}
	}
	if lo > hi {
		cv.Rect(left, top, right-left, bottom-top, "frame", "", "")
		cv.Text((left+right)/2, (top+bottom)/2, svg.Middle, "empty", c.Empty)
		return cv.String()
	}
	if c.Zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	ticks, step := svg.NiceTicks(lo, hi, 5)
	y := svg.Linear{D0: ticks[0], D1: ticks[len(ticks)-1], R0: bottom, R1: top}
	x := svg.Linear{D0: 0, D1: float64(max(len(c.Dates)-1, 1)), R0: left, R1: right}

	for _, t := range ticks {
		py := y.Map(t)
		cv.Line(left, py, right, py, "grid")
		cv.Text(left-6, py+4, svg.End, "tick", c.YLabel(t, step))
	}
	for _, t := range dateTicks(c.Dates, 10) {
		px := x.Map(float64(t.Index))
		cv.Line(px, bottom, px, bottom+4, "axis")
		cv.Text(px, bottom+18, svg.Middle, "tick", t.Label)
	}
	cv.Line(left, bottom, right, bottom, "axis")
	cv.Line(left, top, left, bottom, "axis")
	if c.Zero && ticks[0] < 0 && ticks[len(ticks)-1] > 0 {
		cv.Line(left, y.Map(0), right, y.Map(0), "zero")
	}

	for _, l := range c.Lines {
		segs := downsample(l.Ys, MaxPoints)
		for _, s := range segs {
			for i := range s {
				s[i] = svg.Point{X: x.Map(s[i].X), Y: y.Map(s[i].Y)}
			}
		}
		cv.Path(segs, "line "+l.Class)
	}
	if len(c.Lines) > 1 {
		lx := right - 160*float64(len(c.Lines))
		for _, l := range c.Lines {
			cv.Line(lx, 16, lx+24, 16, "legend "+l.Class)
			cv.Text(lx+30, 20, svg.Start, "legend-text", l.Name)
			lx += 160
		}
	}
	return cv.String()
}

// Tick label formats.

func moneyLabel(v, step float64) string {
	return groupThousands(strconv.FormatFloat(v, 'f', svg.Decimals(step), 64))
}

func percentLabel(v, step float64) string {
	return strconv.FormatFloat(v*100, 'f', svg.Decimals(step*100), 64) + "%"
}

func ratioLabel(v, step float64) string {
	return strconv.FormatFloat(v, 'f', svg.Decimals(step), 64)
}
