package report

import (
	"math"
	"strconv"
	"strings"
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

// band is a shaded stretch of a chart's x axis, from point From to point
// To (indices into the lines' values), with a tooltip.
type band struct {
	From, To     int
	Class, Title string
}

// Value formats of a chart's points, for the page's hover script
// (page.js): they say how to print a value.
const (
	hoverMoney   = "money"   // grouped thousands, 2 decimals
	hoverPercent = "percent" // a fraction as a percentage, 2 decimals
	hoverRatio   = "ratio"   // 4 decimals
	hoverNumber  = "number"  // 6 significant digits
)

// lineChart is a chart of series over the sessions of a run.
type lineChart struct {
	ID, Title string
	Dates     []time.Time
	// Start adds a point before the first session, at the left edge: each
	// line then has len(Dates)+1 values, the first the value at the start
	// (the capital, for the equity), which the hover script labels
	// "start".
	Start bool
	Lines []line
	// Format is how the hover script prints values (hoverMoney...).
	Format string
	// YLabel formats a y tick given the tick step.
	YLabel func(v, step float64) string
	// Zero includes 0 in the y range and draws a line at 0 (linear axis).
	Zero bool
	// Log draws the y axis on a logarithmic scale; values <= 0 break the
	// lines, and Zero is ignored.
	Log bool
	// Bands are shaded under the lines.
	Bands []band
	// Marks are drawn at the top of the plot (corporate actions).
	Marks []mark
	// Empty is the text drawn when no series has a value to draw.
	Empty string
	// ValuesFrom names the chart whose series hold the values for the
	// hover script (the same series on another scale): this chart's lines
	// then carry none.
	ValuesFrom string
}

// points returns the number of points of the chart's x axis.
func (c *lineChart) points() int {
	if c.Start {
		return len(c.Dates) + 1
	}
	return len(c.Dates)
}

// drawable reports whether y can be drawn on the chart's y axis.
func (c *lineChart) drawable(y float64) bool { return finite(y) && (!c.Log || y > 0) }

// svg draws the chart: a frame, y ticks with grid lines and labels, date
// labels on x, the bands, one <path class="line NAME"> per series with at
// most MaxPoints points (see downsample) and every value of the series in
// its data-values attribute (for the hover script), and a legend when
// there is more than one series. The <svg> element carries the plot's
// geometry for the script: data-hover, data-format, data-x0 and data-x1
// (the x of the first and last points), data-y0 and data-y1 (the top and
// bottom of the plot), data-n (the points), data-start, and
// data-values-from when the values are another chart's.
func (c *lineChart) svg() string {
	left, right := float64(marginLeft), float64(chartW-marginRight)
	top, bottom := float64(marginTop), float64(chartH-marginBot)
	n := c.points()
	attrs := []svg.Attr{
		{Name: "data-hover", Value: "line"},
		{Name: "data-format", Value: c.Format},
		{Name: "data-x0", Value: coord(left)},
		{Name: "data-x1", Value: coord(right)},
		{Name: "data-y0", Value: coord(top)},
		{Name: "data-y1", Value: coord(bottom)},
		{Name: "data-n", Value: strconv.Itoa(n)},
	}
	if c.Start {
		attrs = append(attrs, svg.Attr{Name: "data-start", Value: "1"})
	}
	if c.ValuesFrom != "" {
		attrs = append(attrs, svg.Attr{Name: "data-values-from", Value: c.ValuesFrom})
	}
	class := "chart"
	if c.Log {
		class = "chart log"
	}
	cv := svg.New(chartW, chartH, c.ID, class, c.Title, attrs...)
	cv.Text(marginLeft, 20, svg.Start, "chart-title", c.Title)

	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range c.Lines {
		for _, y := range l.Ys {
			if c.drawable(y) {
				lo, hi = math.Min(lo, y), math.Max(hi, y)
			}
		}
	}
	if lo > hi {
		cv.Rect(left, top, right-left, bottom-top, "frame", "", "")
		cv.Text((left+right)/2, (top+bottom)/2, svg.Middle, "empty", c.Empty)
		return cv.String()
	}
	var (
		ticks []float64
		step  float64
		y     func(float64) float64
	)
	if c.Log {
		ticks, step = svg.LogTicks(lo, hi)
		s := svg.Log{D0: math.Min(lo, ticks[0]), D1: math.Max(hi, ticks[len(ticks)-1]), R0: bottom, R1: top}
		y = s.Map
	} else {
		if c.Zero {
			lo, hi = math.Min(lo, 0), math.Max(hi, 0)
		}
		ticks, step = svg.NiceTicks(lo, hi, 5)
		y = svg.Linear{D0: ticks[0], D1: ticks[len(ticks)-1], R0: bottom, R1: top}.Map
	}
	x := svg.Linear{D0: 0, D1: float64(max(n-1, 1)), R0: left, R1: right}

	for _, b := range c.Bands {
		x0, x1 := x.Map(float64(b.From)), x.Map(float64(b.To))
		cv.Rect(x0, top, x1-x0, bottom-top, "band "+b.Class, "", b.Title)
	}
	for _, t := range ticks {
		py := y(t)
		cv.Line(left, py, right, py, "grid")
		cv.Text(left-6, py+4, svg.End, "tick", c.YLabel(t, step))
	}
	offset := 0
	if c.Start {
		offset = 1
	}
	for _, t := range dateTicks(c.Dates, 10) {
		px := x.Map(float64(t.Index + offset))
		cv.Line(px, bottom, px, bottom+4, "axis")
		cv.Text(px, bottom+18, svg.Middle, "tick", t.Label)
	}
	cv.Line(left, bottom, right, bottom, "axis")
	cv.Line(left, top, left, bottom, "axis")
	if !c.Log && c.Zero && ticks[0] < 0 && ticks[len(ticks)-1] > 0 {
		cv.Line(left, y(0), right, y(0), "zero")
	}

	for _, l := range c.Lines {
		ys := l.Ys
		if c.Log {
			ys = make([]float64, len(l.Ys))
			for i, v := range l.Ys {
				ys[i] = math.NaN()
				if v > 0 {
					ys[i] = v
				}
			}
		}
		segs := downsample(ys, MaxPoints)
		for _, s := range segs {
			for i := range s {
				s[i] = svg.Point{X: x.Map(s[i].X), Y: y(s[i].Y)}
			}
		}
		// A series with nothing to draw writes nothing (nor its values).
		if c.ValuesFrom != "" {
			cv.Path(segs, "line "+l.Class)
			continue
		}
		cv.Path(segs, "line "+l.Class, svg.Attr{Name: "data-name", Value: l.Name},
			svg.Attr{Name: "data-values", Value: hoverValues(l.Ys, c.Format)})
	}
	drawMarks(cv, c.Marks, x.Map, top, bottom)
	if len(c.Lines) > 1 {
		legend(cv, right, c.Lines)
	}
	return cv.String()
}

// legend draws a key of the lines at the top right, ending at right: a
// stroke of each line's class and its name, spaced by the names' lengths
// (about 6.5 units a character of the 11-unit legend text).
func legend(cv *svg.Canvas, right float64, lines []line) {
	width := func(l line) float64 { return 30 + 6.5*float64(len([]rune(l.Name))) + 16 }
	lx := right
	for _, l := range lines {
		lx -= width(l)
	}
	for _, l := range lines {
		cv.Line(lx, 16, lx+24, 16, "legend "+l.Class)
		cv.Text(lx+30, 20, svg.Start, "legend-text", l.Name)
		lx += width(l)
	}
}

// coord writes a position in user units as the SVG does (one decimal).
func coord(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// hoverValues writes a series for the hover script: comma-separated,
// empty where the value is not finite, money to the cent and other
// values to 5 significant digits (the files keep the exact figures).
func hoverValues(ys []float64, format string) string {
	var b strings.Builder
	b.Grow(8 * len(ys))
	var buf [32]byte
	for i, v := range ys {
		if i > 0 {
			b.WriteByte(',')
		}
		if !finite(v) {
			continue
		}
		var s []byte
		if format == hoverMoney {
			s = strconv.AppendFloat(buf[:0], v, 'f', 2, 64)
			for len(s) > 0 && s[len(s)-1] == '0' {
				s = s[:len(s)-1]
			}
			if len(s) > 0 && s[len(s)-1] == '.' {
				s = s[:len(s)-1]
			}
		} else {
			s = strconv.AppendFloat(buf[:0], v, 'g', 5, 64)
		}
		if string(s) == "-0" {
			s = s[1:]
		}
		b.Write(s)
	}
	return b.String()
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

// numberLabel writes a tick with grouped thousands, or in exponent form
// ("2e-12") when the step is below 1e-4 (a drift of a few ulps).
func numberLabel(v, step float64) string {
	if step > 0 && step < 1e-4 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return groupThousands(ratioLabel(v, step))
}
