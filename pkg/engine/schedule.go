package engine

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
)

// DateRule picks the sessions on which a scheduled function runs.
type DateRule struct {
	kind   dateKind
	offset int
}

type dateKind uint8

const (
	everySession dateKind = iota
	weekStart
	weekEnd
	monthStart
	monthEnd
)

// EverySession runs on every session.
func EverySession() DateRule { return DateRule{kind: everySession} }

// WeekStart runs on the first session of each week (Monday to Sunday), or
// on the session days sessions after it (0 for the first).
func WeekStart(days int) DateRule { return DateRule{kind: weekStart, offset: days} }

// WeekEnd runs on the last session of each week, or days sessions before it.
func WeekEnd(days int) DateRule { return DateRule{kind: weekEnd, offset: days} }

// MonthStart runs on the first session of each month, or days sessions
// after it.
func MonthStart(days int) DateRule { return DateRule{kind: monthStart, offset: days} }

// MonthEnd runs on the last session of each month, or days sessions before
// it.
func MonthEnd(days int) DateRule { return DateRule{kind: monthEnd, offset: days} }

func (r DateRule) String() string {
	name := [...]string{"every_session", "week_start", "week_end", "month_start", "month_end"}[r.kind]
	if r.offset != 0 {
		return fmt.Sprintf("%s(%d)", name, r.offset)
	}
	return name
}

// TimeRule picks the moment of a session at which a scheduled function
// runs: an offset from the open or before the close. The function runs at
// the first bar stamped at or after that moment (the session's last bar
// if the moment is past it), after the strategy's OnBar for that bar. With
// daily bars every moment of a session maps to its one bar, at the close.
type TimeRule struct {
	fromClose bool
	offset    time.Duration
}

// MarketOpen runs offset after the session's open: MarketOpen(time.Minute)
// runs at the first minute bar (stamped 09:31 on the NYSE).
func MarketOpen(offset time.Duration) TimeRule { return TimeRule{offset: offset} }

// MarketClose runs offset before the session's close: MarketClose(0) runs
// at the last bar.
func MarketClose(offset time.Duration) TimeRule { return TimeRule{fromClose: true, offset: offset} }

func (r TimeRule) String() string {
	if r.fromClose {
		return fmt.Sprintf("market_close(-%s)", r.offset)
	}
	return fmt.Sprintf("market_open(+%s)", r.offset)
}

func (r TimeRule) at(s calendar.Session) int64 {
	if r.fromClose {
		return s.Close.Add(-r.offset).UnixNano()
	}
	return s.Open.Add(r.offset).UnixNano()
}

// scheduled is a function registered with Context.Schedule.
type scheduled[N numeric.Number[N]] struct {
	fn   func(*Context[N])
	date DateRule
	tm   TimeRule
}

// sessionDays precomputes, for each session of the run, its position in
// its week and month counted from the start and from the end: what the
// date rules test. Positions come from the calendar's sessions around the
// run, so a run that starts or ends mid-month does not take its first or
// last session for the month's. The sessions are the calendar's, known in
// advance; no market data is involved.
type sessionDays struct {
	weekPos, weekFromEnd, monthPos, monthFromEnd []int
}

func newSessionDays(cal calendar.Calendar, run []calendar.Session) sessionDays {
	sessions, offset := run, 0
	if ext, err := cal.Sessions(run[0].Date.AddDate(0, 0, -40), run[len(run)-1].Date.AddDate(0, 0, 40)); err == nil {
		for i := range ext {
			if ext[i].Date.Equal(run[0].Date) {
				sessions, offset = ext, i
				break
			}
		}
	}
	d := positions(sessions)
	return sessionDays{
		d.weekPos[offset : offset+len(run)], d.weekFromEnd[offset : offset+len(run)],
		d.monthPos[offset : offset+len(run)], d.monthFromEnd[offset : offset+len(run)],
	}
}

func positions(sessions []calendar.Session) sessionDays {
	n := len(sessions)
	d := sessionDays{make([]int, n), make([]int, n), make([]int, n), make([]int, n)}
	weekKey := func(t time.Time) int { y, w := t.ISOWeek(); return y*100 + w }
	monthKey := func(t time.Time) int { return t.Year()*100 + int(t.Month()) }
	group := func(key func(time.Time) int, pos, fromEnd []int) {
		start := 0
		for i := 1; i <= n; i++ {
			if i == n || key(sessions[i].Date) != key(sessions[start].Date) {
				for j := start; j < i; j++ {
					pos[j] = j - start
					fromEnd[j] = i - 1 - j
				}
				start = i
			}
		}
	}
	group(weekKey, d.weekPos, d.weekFromEnd)
	group(monthKey, d.monthPos, d.monthFromEnd)
	return d
}

func (d sessionDays) matches(r DateRule, s int) bool {
	switch r.kind {
	case weekStart:
		return d.weekPos[s] == r.offset
	case weekEnd:
		return d.weekFromEnd[s] == r.offset
	case monthStart:
		return d.monthPos[s] == r.offset
	case monthEnd:
		return d.monthFromEnd[s] == r.offset
	}
	return true
}
