package synthetic

import (
	"math"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// gapShare is the share of a session's variance that falls between two
// sessions separated by a closed market (the overnight gap), applied to
// the first bar's open; the bars carry the rest. Calendars whose sessions
// follow each other without a break (24/7) have no gap.
const gapShare = 0.2

// schedule is what every asset's walk shares: the bar stamps and, per
// bar, the share of its session's drift, standard deviation and volume
// it carries. Computed once per Generate.
type schedule struct {
	times []int64
	// gap[k]: bar k opens a session that follows a closed market.
	gap []bool
	// frac[k] is bar k's share of its session's time (1 for daily bars),
	// divided by the sessions per year: the year fraction of the bar.
	frac []float64
	// sd[k] = sqrt(frac[k] * (1 - gapShare on gapped calendars)).
	sd []float64
	// volume[k] is bar k's share of its session's volume: the U-shaped
	// intraday pattern; the shares of a session sum to 1.
	volume []float64
	// gapSd is the standard deviation of the overnight gap, per unit of
	// annual volatility.
	gapSd float64
	// first[i] is the index of session i's first bar, dates[i] its date;
	// perYear the sessions per year.
	first   []int
	dates   []time.Time
	perYear float64
}

func newSchedule(clk *clock.Clock, cal calendar.Calendar, start time.Time) *schedule {
	times := clk.BarTimes()
	n := len(times)
	s := &schedule{times: times, gap: make([]bool, n), frac: make([]float64, n), sd: make([]float64, n), volume: make([]float64, n)}
	perYear := sessionsPerYear(cal, start)
	sessions := clk.Sessions()
	s.perYear = perYear
	s.first, s.dates = make([]int, len(sessions)), make([]time.Time, len(sessions))
	gapped := false
	for i := 1; i < len(sessions); i++ {
		if sessions[i].Open.After(sessions[i-1].Close) {
			gapped = true
			break
		}
	}
	barShare := 1.0
	if gapped {
		barShare = 1 - gapShare
		s.gapSd = math.Sqrt(gapShare / perYear)
	}
	for i, ss := range sessions {
		first, end := clk.SessionBars(i)
		s.first[i], s.dates[i] = first, ss.Date
		open, cl := ss.Open.UnixNano(), ss.Close.UnixNano()
		length := float64(cl - open)
		if i > 0 && gapped && ss.Open.After(sessions[i-1].Close) {
			s.gap[first] = true
		}
		total := 0.0
		prev := open
		for k := first; k < end; k++ {
			share := float64(times[k]-prev) / length
			mid := (float64(prev+times[k])/2 - float64(open)) / length // in (0, 1)
			s.frac[k] = share / perYear
			s.sd[k] = math.Sqrt(barShare * share / perYear)
			w := share
			if clk.Frequency() != market.Daily {
				x := 2*mid - 1
				w *= 1 + 2*x*x // U-shaped: three times the midday rate at the open and close
			}
			s.volume[k] = w
			total += w
			prev = times[k]
		}
		for k := first; k < end; k++ {
			s.volume[k] /= total
		}
	}
	return s
}

// sessionsPerYear counts the calendar's sessions in the year of start
// (252 or so for XNYS, 365 or 366 for 24/7): the unit of the annual drift
// and volatility. A year the calendar does not fully cover counts 252.
func sessionsPerYear(cal calendar.Calendar, start time.Time) float64 {
	y := start.Year()
	ss, err := cal.Sessions(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil || len(ss) < 200 {
		return 252
	}
	return float64(len(ss))
}
