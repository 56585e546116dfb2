package report

import (
	"math"
	"strconv"

	"github.com/pennybt/penny/internal/svg"
)

// histogram is the distribution of a series: Count[i] values fell in
// [Lo + i*Width, Lo + (i+1)*Width) (the last bin includes its upper
// edge).
type histogram struct {
	Lo, Width float64
	Count     []int
	N         int     // finite values counted
	Mean      float64 // their mean
}

// newHistogram bins the finite values of xs into between 10 and 50 bins
// of equal width (the square root of their number, rounded up), over
// their range; a range of one value is widened by 1% of it on each side
// (by 1e-4 around 0). No finite value gives no bin.
func newHistogram(xs []float64) histogram {
	var h histogram
	lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
	for _, x := range xs {
		if finite(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			sum += x
			h.N++
		}
	}
	if h.N == 0 {
		return h
	}
	h.Mean = sum / float64(h.N)
	if lo == hi {
		d := math.Abs(lo) * 0.01
		if d == 0 {
			d = 1e-4
		}
		lo, hi = lo-d, hi+d
	}
	bins := min(50, max(10, int(math.Ceil(math.Sqrt(float64(h.N))))))
	h.Lo, h.Width, h.Count = lo, (hi-lo)/float64(bins), make([]int, bins)
	for _, x := range xs {
		if finite(x) {
			h.Count[min(bins-1, int((x-lo)/h.Width))]++
		}
	}
	return h
}

// histogramSVG draws the distribution of the session returns: a <rect
// class="bar"> per non-empty bin, its tooltip the bin's range and count;
// percentages on x, sessions on y; a dashed line at 0 and a line at the
// mean.
func histogramSVG(id, title string, returns []float64) string {
	left, right := float64(marginLeft), float64(chartW-marginRight)
	top, bottom := float64(marginTop), float64(chartH-marginBot)
	cv := svg.New(chartW, chartH, id, "chart histogram", title)
	cv.Text(marginLeft, 20, svg.Start, "chart-title", title)
	h := newHistogram(returns)
	if h.N == 0 {
		cv.Rect(left, top, right-left, bottom-top, "frame", "", "")
		cv.Text((left+right)/2, (top+bottom)/2, svg.Middle, "empty", "No returns")
		return cv.String()
	}
	hi := h.Lo + h.Width*float64(len(h.Count))
	xt, xstep := svg.NiceTicks(math.Min(h.Lo, 0), math.Max(hi, 0), 8)
	x := svg.Linear{D0: xt[0], D1: xt[len(xt)-1], R0: left, R1: right}
	most := 0
	for _, c := range h.Count {
		most = max(most, c)
	}
	yt, ystep := svg.NiceTicks(0, float64(most), 5)
	y := svg.Linear{D0: 0, D1: yt[len(yt)-1], R0: bottom, R1: top}
	for _, t := range yt {
		if t < 0 {
			continue
		}
		cv.Line(left, y.Map(t), right, y.Map(t), "grid")
		cv.Text(left-6, y.Map(t)+4, svg.End, "tick", ratioLabel(t, ystep))
	}
	for _, t := range xt {
		cv.Line(x.Map(t), bottom, x.Map(t), bottom+4, "axis")
		cv.Text(x.Map(t), bottom+18, svg.Middle, "tick", percentLabel(t, xstep))
	}
	for i, c := range h.Count {
		if c == 0 {
			continue
		}
		from, to := h.Lo+float64(i)*h.Width, h.Lo+float64(i+1)*h.Width
		x0, x1 := x.Map(from), x.Map(to)
		sessions := " sessions"
		if c == 1 {
			sessions = " session"
		}
		cv.Rect(x0+0.5, y.Map(float64(c)), math.Max(x1-x0-1, 0.5), bottom-y.Map(float64(c)), "bar", "",
			percentLabel(from, 1e-4)+" to "+percentLabel(to, 1e-4)+": "+strconv.Itoa(c)+sessions)
	}
	cv.Line(left, bottom, right, bottom, "axis")
	cv.Line(left, top, left, bottom, "axis")
	if xt[0] < 0 && xt[len(xt)-1] > 0 {
		cv.Line(x.Map(0), top, x.Map(0), bottom, "zero")
	}
	cv.Line(x.Map(h.Mean), top, x.Map(h.Mean), bottom, "mean")
	cv.Text(x.Map(h.Mean)+4, top+12, svg.Start, "legend-text", "mean "+percentLabel(h.Mean, 1e-4))
	return cv.String()
}
