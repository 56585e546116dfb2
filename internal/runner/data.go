package runner

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies"
)

// Env is what a run takes from the program around it.
type Env struct {
	// Getenv reads environment variables (PENNY_HOME for bundles).
	Getenv func(string) string
	// Strategies are the strategies a config may name: the program's
	// table (package cli builds it in Main).
	Strategies *strategies.Table
}

// Data is a run's bars on its clock, validated once: every run over it
// gets a fresh portal cursor over the same bars.
type Data[N numeric.Number[N]] struct {
	Dataset *market.Dataset[N]
	// Actions are the corporate actions of the run: a bundle's own, and
	// those of data.actions.
	Actions []corpaction.Action[N]
	Clock   *clock.Clock
	// Warnings say what in the data looks wrong and is not an error (a
	// gap of years between files that do not overlap, a bundle whose
	// manifest has no checksum); penny run prints
	// them, and refuses the data with them under --strict.
	Warnings []string
	portal   *dataportal.Portal[N]
	// schedule is Actions placed on the clock's sessions, nil without.
	schedule *corpaction.Schedule[N]
}

// Portal returns a fresh portal over the data.
func (d *Data[N]) Portal() *dataportal.Portal[N] { return d.portal.Clone() }

// LoadData loads the bars a config names into backend N and builds the
// run's clock: the calendar's sessions from data.start to data.end (for
// CSV files and bundles, by default the whole range of the data), at
// data.frequency (for a bundle, by default the frequency of its bars).
// Finer bars (a minute bundle for an hourly run) are aggregated; coarser
// ones are an error naming both frequencies.
func LoadData[N numeric.Number[N]](c *config.Config, env Env) (*Data[N], error) {
	var ds *market.Dataset[N]
	var stored []corpaction.Action[N] // the source's own actions
	var warnings []string
	var err error
	switch c.Data.Source {
	case "synthetic":
		s := synthetic.Default()
		s.Assets, s.Seed = c.Data.Assets, c.Data.Seed
		s.Calendar, s.Frequency = c.CalendarName(), c.Data.Frequency.Frequency
		s.Start, s.End = c.Data.Start.Time, c.Data.End.Time
		s.Actions = synthetic.Actions{Splits: c.Data.Splits, DividendYield: c.Data.DividendYield}
		ds, stored, err = synthetic.GenerateWithActions[N](s)
	case "csv":
		cc := csvsource.Config{Dir: c.Path(c.Data.Dir), Frequency: c.Data.Frequency.Frequency, Calendar: c.CalendarName(), TimeZone: c.Data.TimeZone}
		if len(c.Data.Files) > 0 {
			cc.Files = make(map[string]string, len(c.Data.Files))
			for sym, p := range c.Data.Files {
				cc.Files[sym] = c.Path(p)
			}
		}
		if c.Data.Stamp != "" {
			if err := cc.Stamp.UnmarshalText([]byte(c.Data.Stamp)); err != nil {
				return nil, fmt.Errorf("data.stamp: %w", err)
			}
		}
		if err := cc.Price.UnmarshalText([]byte(c.Data.Price)); err != nil {
			return nil, fmt.Errorf("data.price: %w", err)
		}
		if !c.Data.Start.IsZero() {
			cc.Start = c.Data.Start.Format("2006-01-02")
		}
		if !c.Data.End.IsZero() {
			cc.End = c.Data.End.Format("2006-01-02")
		}
		ds, _, err = csvsource.Load[N](cc)
	case "bundle":
		home, herr := store.HomeDir(env.Getenv)
		if herr != nil {
			return nil, herr
		}
		var m *store.Manifest
		if ds, m, err = store.Load[N](home, c.Data.Bundle, c.Data.Ingest); err != nil {
			return nil, err
		}
		if !m.Sealed() {
			warnings = append(warnings, m.UnsealedWarning())
		}
		if m.Options["price"] == "adj_close" && c.Data.Actions != "" {
			return nil, fmt.Errorf("data.actions: bundle %q holds adjusted prices (ingested with --price adj_close): applying actions would count the splits and dividends twice", c.Data.Bundle)
		}
		// The actions of the same ingest as the bars.
		if stored, err = store.LoadActions[N](home, c.Data.Bundle, store.IngestName(m.IngestTime)); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("data.source: unknown source %q", c.Data.Source)
	}
	if err != nil {
		return nil, err
	}
	if err := ds.Normalize(); err != nil {
		return nil, err
	}
	freq := c.Data.RunFrequency(ds.Frequency)
	if ds.Frequency < freq { // daily < hourly < minute
		if c.Data.Source == "bundle" {
			return nil, fmt.Errorf("data.frequency: %s, but bundle %q holds %s bars: a run cannot be finer than its data (leave data.frequency out to run at the bundle's, or ingest %s bars)",
				freq, c.Data.Bundle, ds.Frequency, freq)
		}
		return nil, fmt.Errorf("data.frequency: %s, but the data holds %s bars: a run cannot be finer than its data", freq, ds.Frequency)
	}
	clk, err := runClock(c, ds, freq)
	if err != nil {
		return nil, err
	}
	if ds.Frequency != freq {
		// Coarser than the data: aggregate (minute bars into hourly or
		// daily ones).
		if ds, err = dataportal.Aggregate(ds, clk); err != nil {
			return nil, err
		}
	}
	portal, err := dataportal.New(ds, clk)
	if err != nil {
		return nil, err
	}
	data := &Data[N]{Dataset: ds, Clock: clk, portal: portal, Actions: stored, Warnings: append(warnings, dataGaps(ds, clk)...)}
	if c.Data.Actions != "" {
		file, err := corpaction.LoadCSV[N](c.Path(c.Data.Actions))
		if err != nil {
			return nil, fmt.Errorf("data.actions: %w", err)
		}
		// With a bundle's own actions: both apply, and an action given
		// twice is refused as a duplicate when the run resolves them.
		data.Actions = append(data.Actions, file...)
	}
	if len(data.Actions) > 0 {
		// Placed on the sessions once: every run over the data shares the
		// schedule (runs do not modify it).
		assets := portal.Assets()
		symbols := make([]string, len(assets))
		for i, a := range assets {
			symbols[i] = a.Symbol
		}
		sessions := clk.Sessions()
		dates := make([]time.Time, len(sessions))
		for i, s := range sessions {
			dates[i] = s.Date
		}
		if data.schedule, err = corpaction.Resolve(data.Actions, symbols, dates); err != nil {
			return nil, fmt.Errorf("data.actions: %w", err)
		}
	}
	return data, nil
}

// runClock builds the clock of the run from the config and the data.
func runClock[N numeric.Number[N]](c *config.Config, ds *market.Dataset[N], freq market.Frequency) (*clock.Clock, error) {
	first, last, ok := dataportal.Span(ds)
	if !ok {
		return nil, fmt.Errorf("data: no bars")
	}
	name := c.CalendarName()
	if c.Data.Source == "bundle" && c.Data.Calendar == "" && ds.Calendar != "" {
		name = ds.Calendar
	}
	var cal calendar.Calendar
	var err error
	if name == "data" {
		tz := c.Data.TimeZone
		if c.Data.Source == "bundle" {
			// A bundle's data calendar runs in the zone it was ingested in.
			if tz != "" && zoneName(tz) != zoneName(ds.TimeZone) {
				return nil, fmt.Errorf("data.timezone: %s, but bundle %q was ingested on a data calendar in %s", tz, c.Data.Bundle, zoneName(ds.TimeZone))
			}
			tz = ds.TimeZone
		}
		cal, err = dataCalendar(ds, tz)
	} else {
		cal, err = calendar.ByName(name)
	}
	if err != nil {
		return nil, fmt.Errorf("data.calendar: %w", err)
	}
	// The data's range in session dates: a bar belongs to the date of the
	// instant just before its stamp (it is stamped at its end).
	loc := cal.Location()
	firstDate := calendar.Date(time.Unix(0, first-1).In(loc))
	lastDate := calendar.Date(time.Unix(0, last-1).In(loc))
	start, end := firstDate, lastDate
	if !c.Data.Start.IsZero() {
		start = c.Data.Start.Time
	}
	if !c.Data.End.IsZero() {
		end = c.Data.End.Time
	}
	if c.Data.Source != "synthetic" {
		if start.After(lastDate) {
			return nil, fmt.Errorf("data.start: %s is after the last bar of the data (%s)", start.Format("2006-01-02"), lastDate.Format("2006-01-02"))
		}
		if end.Before(firstDate) {
			return nil, fmt.Errorf("data.end: %s is before the first bar of the data (%s)", end.Format("2006-01-02"), firstDate.Format("2006-01-02"))
		}
	}
	return clock.New(cal, freq, start, end)
}

// zoneName names a zone as data.timezone does, "" being UTC.
func zoneName(tz string) string {
	if tz == "" {
		return "UTC"
	}
	return tz
}

// dataCalendar is the calendar whose sessions are the dates of the bars.
func dataCalendar[N numeric.Number[N]](ds *market.Dataset[N], tz string) (calendar.Calendar, error) {
	loc := time.UTC
	if tz != "" {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			return nil, fmt.Errorf("data.timezone: %w", err)
		}
	}
	return dataportal.DataCalendar(ds, loc)
}
