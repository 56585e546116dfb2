package calendar

import "time"

// MaxGap is the longest run of calendar days without a session, or in a
// run's data without a bar of any asset, that Penny takes as a market's
// ordinary closures (weekends, holidays, a closure of a week such as
// NYSE's after 2001-09-11): 14 days. A longer one is a gap: the files of
// a run that do not overlap in time (a stock of 1995 and an index of
// 2006) leave one, which a run reports (a warning, an error under
// --strict) and which the annual return does not count as passed in no
// time (see [SpanPeriods]).
const MaxGap = 14

// Gap is a run of more than MaxGap calendar days between two dates.
type Gap struct {
	// Last is the last date before the gap, Next the first after it
	// (both 00:00 UTC).
	Last, Next time.Time
}

// Days returns the number of calendar days strictly between Last and
// Next.
func (g Gap) Days() int { return int(g.Next.Sub(g.Last).Hours()/24+0.5) - 1 }

// Gaps returns the gaps of more than MaxGap days between consecutive
// dates of dates (00:00 UTC, increasing).
func Gaps(dates []time.Time) []Gap {
	var out []Gap
	for i := 1; i < len(dates); i++ {
		if g := (Gap{Last: dates[i-1], Next: dates[i]}); g.Days() > MaxGap {
			out = append(out, g)
		}
	}
	return out
}

// SpanPeriods returns the number of periods the dates of sessions span,
// for annualizing a return: one per session, plus, for each gap of more
// than MaxGap days between sessions (a data calendar made of the dates
// of files that do not overlap), the periods a year of perYear periods
// holds in the gap's days. Without such a gap it is len(sessions):
// empyrical's count. With ORCL's 1995 and an index's 2006 on the dates of
// the data, 315 sessions span 12 years, not 1.25.
func SpanPeriods(sessions []Session, perYear float64) float64 {
	// Gaps, on the sessions' dates, without a copy of them (a sweep
	// summarizes thousands of runs).
	n := float64(len(sessions))
	for i := 1; i < len(sessions); i++ {
		if g := (Gap{Last: sessions[i-1].Date, Next: sessions[i].Date}); g.Days() > MaxGap {
			n += float64(g.Days()) * perYear / 365.25
		}
	}
	return n
}
