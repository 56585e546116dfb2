package alpaca

import (
	"fmt"
	"sort"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Dataset builds the dataset of N from a complete staging area (see
// Download): each price and volume is parsed from its staged text
// straight into N (numeric.Parse: exact for Fixed and Decimal, the
// nearest float64 for Float; a value Fixed cannot hold is an error that
// wraps numeric.ErrPrecision or numeric.ErrOverflow), each bar is
// restamped at the end of its interval on the calendar, finer bars are
// aggregated (see the package documentation), and bars outside the
// sessions are dropped and counted, or refused with OffSessionError.
//
// A symbol left with no bar is a *NoDataError naming every such symbol.
// The dataset is normalized and validated (market.Dataset.Validate).
func Dataset[N numeric.Number[N]](s *Source, staging string) (*market.Dataset[N], *Report, error) {
	if err := s.Config.Validate(); err != nil {
		return nil, nil, err
	}
	cfg := s.Config.withDefaults()
	cal := cfg.Calendar()
	loc := cal.Location()
	windows := plan(cfg, loc)
	prog, err := readProgress(staging)
	if err != nil {
		return nil, nil, fmt.Errorf("alpaca: %w", err)
	}
	if prog == nil || prog.Fingerprint != cfg.fingerprint() {
		return nil, nil, fmt.Errorf("alpaca: %s holds no download of this request: run Download first", staging)
	}
	done := map[string]bool{}
	for _, id := range prog.Done {
		done[id] = true
	}
	sessions, err := cal.Sessions(dateOf(cfg.Start), dateOf(cfg.End))
	if err != nil {
		return nil, nil, fmt.Errorf("alpaca: %w", err)
	}
	st := newStamper(cfg, sessions, loc)

	rep := &Report{Windows: len(windows), OffSession: map[string]int{}}
	bySym := make(map[string][]rawBar, len(cfg.Symbols))
	for _, w := range windows {
		if w.Actions {
			continue // see Actions
		}
		if !done[w.ID] {
			return nil, nil, fmt.Errorf("alpaca: window %s was not downloaded: run Download first", w.ID)
		}
		bars, err := readWindow(staging, w.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("alpaca: %w", err)
		}
		for _, b := range bars {
			bySym[b.Symbol] = append(bySym[b.Symbol], b)
		}
	}

	class := market.Equity
	if cfg.Crypto {
		class = market.Crypto
	}
	ds := &market.Dataset[N]{Frequency: cfg.Frequency, Calendar: cal.Name()}
	var missing []string
	for _, sym := range cfg.Symbols {
		raw := bySym[sym]
		sort.SliceStable(raw, func(i, j int) bool { return raw[i].Start.Before(raw[j].Start) })
		rep.Received += len(raw)
		series := market.Series[N]{Asset: market.Asset{Symbol: sym, Class: class}}
		for i, b := range raw {
			if i > 0 && b.Start.Equal(raw[i-1].Start) {
				return nil, nil, fmt.Errorf("alpaca: %s: two bars start at %s", sym, b.Start.Format(time.RFC3339))
			}
			end, ok := st.stamp(b.Start)
			if !ok {
				if cfg.OffSession == OffSessionError {
					return nil, nil, fmt.Errorf("alpaca: %s: bar starting %s: %w (%s)", sym, b.Start.Format(time.RFC3339), ErrOffSession, cal.Name())
				}
				rep.OffSession[sym]++
				continue
			}
			var v [5]N
			for k, txt := range [...]string{b.Open, b.High, b.Low, b.Close, b.Vol} {
				x, err := numeric.Parse[N](txt)
				if err != nil {
					return nil, nil, fmt.Errorf("alpaca: %s: bar starting %s: %s %s: %w", sym, b.Start.Format(time.RFC3339), market.Fields()[k], txt, err)
				}
				v[k] = x
			}
			n := series.Len()
			if n > 0 && series.Time[n-1] == end {
				// A finer bar of the same Penny bar: aggregate.
				series.High[n-1] = series.High[n-1].Max(v[1])
				series.Low[n-1] = series.Low[n-1].Min(v[2])
				series.Close[n-1] = v[3]
				series.Volume[n-1] = series.Volume[n-1].Add(v[4])
				continue
			}
			series.Append(market.Bar[N]{Time: end, Open: v[0], High: v[1], Low: v[2], Close: v[3], Volume: v[4]})
		}
		if series.Len() == 0 {
			missing = append(missing, sym)
			continue
		}
		rep.Bars += series.Len()
		ds.Series = append(ds.Series, series)
	}
	if len(missing) > 0 {
		return nil, rep, &NoDataError{Symbols: missing, Start: dateOf(cfg.Start), End: dateOf(cfg.End), Feed: cfg.Feed}
	}
	if err := ds.Validate(); err != nil {
		return nil, rep, fmt.Errorf("alpaca: %w", err)
	}
	return ds, rep, nil
}

// stamper maps the start of an API bar to the end stamp of the Penny bar
// that holds it.
type stamper struct {
	freq     market.Frequency
	sub      time.Duration // the length of an API bar (0 for stock daily bars)
	sessions []calendar.Session
	byDate   map[time.Time]int
	loc      *time.Location
}

func newStamper(cfg Config, sessions []calendar.Session, loc *time.Location) *stamper {
	st := &stamper{freq: cfg.Frequency, sessions: sessions, loc: loc, byDate: make(map[time.Time]int, len(sessions))}
	for i, s := range sessions {
		st.byDate[s.Date] = i
	}
	tf := requestTimeFrame(cfg)
	switch tf.Unit {
	case "Min":
		st.sub = time.Duration(tf.N) * time.Minute
	case "Hour":
		st.sub = time.Duration(tf.N) * time.Hour
	}
	return st
}

// stamp returns the end stamp (Unix nanoseconds) of the bar that starts
// at t, and false when it lies outside the sessions.
func (st *stamper) stamp(t time.Time) (int64, bool) {
	if st.sub == 0 {
		// A daily bar, stamped by the API at midnight of its date in the
		// calendar's zone: Penny stamps it at that session's close.
		y, m, d := t.In(st.loc).Date()
		i, ok := st.byDate[time.Date(y, m, d, 0, 0, 0, 0, time.UTC)]
		if !ok {
			return 0, false
		}
		return st.sessions[i].Close.UnixNano(), true
	}
	// The session that holds [t, t+sub) whole.
	i := sort.Search(len(st.sessions), func(i int) bool { return st.sessions[i].Close.After(t) })
	if i == len(st.sessions) {
		return 0, false
	}
	s := st.sessions[i]
	end := t.Add(st.sub)
	if t.Before(s.Open) || end.After(s.Close) {
		return 0, false
	}
	if st.freq == market.Daily {
		return s.Close.UnixNano(), true
	}
	// Penny's bars count from the open in steps of the frequency, the
	// last one cut at the close.
	step := st.freq.Duration()
	k := (end.Sub(s.Open) + step - 1) / step
	stamp := s.Open.Add(k * step)
	if stamp.After(s.Close) {
		stamp = s.Close
	}
	return stamp.UnixNano(), true
}
