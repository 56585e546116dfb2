package runner

import (
	"fmt"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// maxNamed is the number of assets a gap's warning names on each side.
const maxNamed = 5

// dataGaps returns a warning for each gap of more than calendar.MaxGap
// days in the union of the assets' bar dates within the clock's range:
// files that do not overlap in time (ORCL's 1995 and an index's 2006)
// joined into one run. Each names the dates and the assets whose data
// ends before the gap and starts after it.
func dataGaps[N numeric.Number[N]](ds *market.Dataset[N], clk *clock.Clock) []string {
	sessions := clk.Sessions()
	if len(sessions) == 0 {
		return nil
	}
	loc := clk.Calendar().Location()
	from, to := sessions[0].Open.UnixNano(), sessions[len(sessions)-1].Close.UnixNano()
	// A bar belongs to the date of the instant before its end stamp.
	dayOf := func(t int64) time.Time { return calendar.Date(time.Unix(0, t-1).In(loc)) }
	first := dayOf(max(from, 1))
	days := int(dayOf(to).Sub(first).Hours()/24+0.5) + 1
	if days <= 0 || days > 1<<20 {
		return nil
	}
	seen := make([]bool, days)
	type span struct {
		symbol      string
		first, last time.Time
	}
	var spans []span
	for i := range ds.Series {
		s := &ds.Series[i]
		var sp span
		for _, t := range s.Time {
			if t <= from || t > to {
				continue
			}
			d := dayOf(t)
			k := int(d.Sub(first).Hours()/24 + 0.5)
			if k < 0 || k >= days {
				continue
			}
			seen[k] = true
			if sp.first.IsZero() {
				sp.first = d
			}
			sp.last = d
		}
		if !sp.first.IsZero() {
			sp.symbol = s.Asset.Symbol
			spans = append(spans, sp)
		}
	}
	var dates []time.Time
	for k, ok := range seen {
		if ok {
			dates = append(dates, first.AddDate(0, 0, k))
		}
	}
	var out []string
	for _, g := range calendar.Gaps(dates) {
		var ends, starts []string
		for _, sp := range spans {
			if !sp.last.After(g.Last) {
				ends = append(ends, sp.symbol+" ends "+sp.last.Format(time.DateOnly))
			}
			if !sp.first.Before(g.Next) {
				starts = append(starts, sp.symbol+" starts "+sp.first.Format(time.DateOnly))
			}
		}
		out = append(out, fmt.Sprintf("no asset has a bar from %s to %s (%d days, more than %d): the data's files do not overlap in time (%s; %s); the annual return counts the time between",
			g.Last.AddDate(0, 0, 1).Format(time.DateOnly), g.Next.AddDate(0, 0, -1).Format(time.DateOnly), g.Days(), calendar.MaxGap,
			named(ends), named(starts)))
	}
	return out
}

// named joins up to maxNamed items, and says how many more there are.
func named(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	if len(items) > maxNamed {
		return strings.Join(items[:maxNamed], ", ") + fmt.Sprintf(" and %d more", len(items)-maxNamed)
	}
	return strings.Join(items, ", ")
}
