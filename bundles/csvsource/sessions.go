package csvsource

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

// span is a session as Unix nanoseconds, with its date as a day number.
type span struct{ day, open, close int64 }

// sessionCache answers "which session is on this date" and "which session
// holds this instant" for rows read in time order: it asks the calendar
// for a window of about three years at a time and keeps the current session at
// hand.
type sessionCache struct {
	cal    calendar.Calendar // nil: the data calendar in loc
	loc    *time.Location    // the calendar's location
	list   []span
	lo, hi int64 // the days of the window loaded (list covers [lo, hi])
	cur    int   // index of the last session found
	loaded bool
}

const windowDays = 1100

func newSessionCache(cal calendar.Calendar, loc *time.Location) *sessionCache {
	if cal != nil {
		loc = cal.Location()
	}
	return &sessionCache{cal: cal, loc: loc}
}

func (c *sessionCache) name() string {
	if c.cal == nil {
		return "data"
	}
	return c.cal.Name()
}

// load fetches the sessions of the days [day-2, day+windowDays].
func (c *sessionCache) load(day int64) error {
	lo, hi := day-2, day+windowDays
	ss, err := c.sessions(lo, hi)
	var re *calendar.RangeError
	if errors.As(err, &re) && errors.Is(err, calendar.ErrOutOfRange) && re.MinYear > 0 {
		// Clamp the window to the years the calendar covers.
		first := daysFromCivil(re.MinYear, 1, 1)
		last := daysFromCivil(re.MaxYear, 12, 31)
		if day < first || day > last {
			return fmt.Errorf("%w %s: %s is outside the years it covers (%d-%d)",
				ErrOffCalendar, c.name(), civil(day).Format(time.DateOnly), re.MinYear, re.MaxYear)
		}
		lo, hi = max(lo, first), min(hi, last)
		ss, err = c.sessions(lo, hi)
	}
	if errors.Is(err, calendar.ErrNoSessions) {
		ss, err = nil, nil
	}
	if err != nil {
		return fmt.Errorf("%w %s: %v", ErrOffCalendar, c.name(), err)
	}
	c.list = c.list[:0]
	for _, s := range ss {
		c.list = append(c.list, span{day: s.Date.Unix() / 86400, open: s.Open.UnixNano(), close: s.Close.UnixNano()})
	}
	c.lo, c.hi, c.cur, c.loaded = lo, hi, 0, true
	return nil
}

func (c *sessionCache) sessions(lo, hi int64) ([]calendar.Session, error) {
	cal := c.cal
	if cal == nil {
		// The data calendar: every date may be a session; FromDates gives
		// the rule for its open and close.
		days := make([]time.Time, hi-lo+1)
		for i := range days {
			days[i] = civil(lo + int64(i))
		}
		var err error
		if cal, err = calendar.FromDates("data", c.loc, days); err != nil {
			return nil, err
		}
	}
	return cal.Sessions(civil(lo), civil(hi))
}

// closeOn returns the close of the session dated day, or false when no
// session has that date.
func (c *sessionCache) closeOn(day int64) (int64, bool, error) {
	// Rows come in date order: try the session found last, then the next.
	if c.loaded {
		for i := c.cur; i < min(c.cur+2, len(c.list)); i++ {
			if c.list[i].day == day {
				c.cur = i
				return c.list[i].close, true, nil
			}
		}
	}
	if !c.loaded || day < c.lo || day > c.hi {
		if err := c.load(day); err != nil {
			return 0, false, err
		}
	}
	i := sort.Search(len(c.list), func(i int) bool { return c.list[i].day >= day })
	if i < len(c.list) && c.list[i].day == day {
		c.cur = i
		return c.list[i].close, true, nil
	}
	return 0, false, nil
}

// holding returns the session holding the instant ns: open <= ns < close
// for a bar stamped at its start (atEnd false), open < ns <= close for a
// bar stamped at its end.
func (c *sessionCache) holding(ns int64, atEnd bool) (span, bool, error) {
	in := func(s span) bool {
		if atEnd {
			return s.open < ns && ns <= s.close
		}
		return s.open <= ns && ns < s.close
	}
	if c.loaded {
		for i := c.cur; i < min(c.cur+2, len(c.list)); i++ {
			if in(c.list[i]) {
				c.cur = i
				return c.list[i], true, nil
			}
		}
	}
	day := dayOf(ns, c.loc)
	if !c.loaded || day-1 < c.lo || day+1 > c.hi {
		if err := c.load(day); err != nil {
			return span{}, false, err
		}
	}
	i := sort.Search(len(c.list), func(i int) bool {
		if atEnd {
			return c.list[i].close >= ns
		}
		return c.list[i].close > ns
	})
	if i < len(c.list) && in(c.list[i]) {
		c.cur = i
		return c.list[i], true, nil
	}
	return span{}, false, nil
}
