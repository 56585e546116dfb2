package report

import (
	"math"
	"time"

	"github.com/pennybt/penny/internal/svg"
)

// The series the charts draw, one value per session, in float64: the
// charts are pictures of the exact figures, which the CSV files keep.

// drawdowns returns, per session, the fall of the portfolio value from
// its running peak as a fraction of the peak (<= 0): value/peak - 1, the
// peak starting at the capital, so that a first session below it is a
// drawdown, as in metrics.MaxDrawdown.
func drawdowns(values []float64, capital float64) []float64 {
	out := make([]float64, len(values))
	peak := capital
	for i, v := range values {
		peak = math.Max(peak, v)
		out[i] = v/peak - 1
	}
	return out
}

// periodReturn is the return of one calendar month or year of a run.
type periodReturn struct {
	Year   int
	Month  time.Month // 0 for a whole year
	Return float64
}

// periodReturns returns the return of each calendar month and of each
// calendar year that has sessions: the portfolio value at its last
// session over that at the last session of the previous one (the capital
// for the first), minus 1.
func periodReturns(dates []time.Time, values []float64, capital float64) (months, years []periodReturn) {
	prevMonth, prevYear := capital, capital
	for i, d := range dates {
		last := i == len(dates)-1
		if last || dates[i+1].Month() != d.Month() || dates[i+1].Year() != d.Year() {
			months = append(months, periodReturn{d.Year(), d.Month(), values[i]/prevMonth - 1})
			prevMonth = values[i]
		}
		if last || dates[i+1].Year() != d.Year() {
			years = append(years, periodReturn{d.Year(), 0, values[i]/prevYear - 1})
			prevYear = values[i]
		}
	}
	return months, years
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// downsample returns the points of ys to draw, as (index, value) pairs in
// runs broken where ys is not finite (a line does not cross a gap), with
// at most maxPoints points in all (maxPoints >= 4).
//
// A series of at most maxPoints finite values is kept whole. A longer one
// is cut into (maxPoints-2)/2 buckets of consecutive indices, and each
// bucket keeps its lowest and highest finite values, in index order, plus
// the first and last finite values of the series: the extremes (a
// drawdown's trough, an equity peak) and the ends survive, and the line
// keeps its envelope.
func downsample(ys []float64, maxPoints int) [][]svg.Point {
	bad := make([]int, len(ys)+1) // bad[i]: non-finite values in ys[:i]
	nfinite := 0
	for i, y := range ys {
		bad[i+1] = bad[i]
		if finite(y) {
			nfinite++
		} else {
			bad[i+1]++
		}
	}
	if nfinite == 0 {
		return nil
	}
	var keep []int
	if nfinite <= maxPoints {
		keep = make([]int, 0, nfinite)
		for i, y := range ys {
			if finite(y) {
				keep = append(keep, i)
			}
		}
	} else {
		keep = bucketExtremes(ys, (maxPoints-2)/2)
	}

	var segs [][]svg.Point
	var cur []svg.Point
	for k, i := range keep {
		// A non-finite value between the previous kept index and this one
		// breaks the line.
		if k > 0 && bad[i]-bad[keep[k-1]+1] > 0 {
			segs = append(segs, cur)
			cur = nil
		}
		cur = append(cur, svg.Point{X: float64(i), Y: ys[i]})
	}
	return append(segs, cur)
}

// bucketExtremes returns, in ascending order, the indices of the lowest
// and highest finite values of each of n buckets of ys, plus those of its
// first and last finite values.
func bucketExtremes(ys []float64, n int) []int {
	first, last := -1, -1
	for i, y := range ys {
		if finite(y) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	keep := make([]int, 0, 2*n+2)
	add := func(i int) {
		if i >= 0 && (len(keep) == 0 || keep[len(keep)-1] < i) {
			keep = append(keep, i)
		}
	}
	add(first)
	for b := range n {
		lo, hi := b*len(ys)/n, (b+1)*len(ys)/n
		imin, imax := -1, -1
		for i := lo; i < hi; i++ {
			if !finite(ys[i]) {
				continue
			}
			if imin < 0 || ys[i] < ys[imin] {
				imin = i
			}
			if imax < 0 || ys[i] > ys[imax] {
				imax = i
			}
		}
		add(min(imin, imax))
		add(max(imin, imax))
	}
	add(last)
	return keep
}
