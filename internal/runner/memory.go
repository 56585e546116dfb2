package runner

import (
	"fmt"
	"runtime"
	"time"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/internal/memlimit"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/market"
)

// Footprint returns what data holds per asset-bar and per asset in
// backend N, from the portal's structures (dataportal.RowBytes and
// AssetBytes).
//
//penny:backends
func Footprint[N numeric.Number[N]]() memlimit.Footprint {
	return memlimit.Footprint{Backend: numeric.Backend[N](), Row: dataportal.RowBytes[N](), Asset: dataportal.AssetBytes[N]()}
}

// Footprints returns the footprints of the named backends (names of
// numeric's registry).
func Footprints(names []string) ([]memlimit.Footprint, error) {
	out := make([]memlimit.Footprint, 0, len(names))
	for _, name := range names {
		if _, err := numeric.LookupBackend(name); err != nil {
			return nil, err
		}
		f, ok := FootprintByName(name)
		if !ok {
			panic("runner: no footprint for backend " + name + ": run go generate")
		}
		out = append(out, f())
	}
	return out, nil
}

// Estimate counts, before loading anything, the data LoadData would load
// for the config: synthetic data from its clock (assets x bars), CSV
// files from their sizes (csvsource.EstimateRows), a bundle from its
// manifest's row counts (with the bars aggregated from them when the run
// is coarser than the bundle). It returns the need on the named backends,
// held at once (a sweep) or one after the other (penny run). An error
// says the data could not be counted (LoadData will say why in its own
// words).
func Estimate(c *config.Config, backends []string, atOnce bool, env Env) (memlimit.Need, error) {
	fps, err := Footprints(backends)
	if err != nil {
		return memlimit.Need{}, err
	}
	var d memlimit.Data
	switch c.Data.Source {
	case "synthetic":
		d, err = SyntheticData(c.Data.Assets, c.CalendarName(), c.Data.Frequency.Frequency, c.Data.Start.Time, c.Data.End.Time)
		d.AssetsKey, d.EndKey = "data.assets", "data.end"
	case "csv":
		d, err = csvData(c)
	case "bundle":
		d, err = bundleData(c, env)
	default:
		err = fmt.Errorf("data.source: unknown source %q", c.Data.Source)
	}
	if err != nil {
		return memlimit.Need{}, err
	}
	return memlimit.Need{Data: d, Backends: fps, AtOnce: atOnce}, nil
}

// SyntheticData counts the bars of assets synthetic assets (or of an
// ingest's window: one series per symbol) on calendar cal at frequency
// freq from start to end: every asset has a bar at every bar of the
// clock.
func SyntheticData(assets int, cal string, freq market.Frequency, start, end time.Time) (memlimit.Data, error) {
	clk, err := newClock(cal, freq, start, end)
	if err != nil {
		return memlimit.Data{}, err
	}
	bars := int64(clk.NumBars())
	return memlimit.Data{Assets: assets, Rows: int64(assets) * bars, Bars: bars, Frequency: freq.String(), Sessions: sessionDates(clk)}, nil
}

// CSVData counts the rows of the CSV files cfg names
// (csvsource.EstimateRows); their text, turned into strings a chunk at a
// time and garbage once parsed, is counted as transient.
func CSVData(cfg csvsource.Config) (memlimit.Data, error) {
	est, err := csvsource.EstimateRows(cfg)
	if err != nil {
		return memlimit.Data{}, err
	}
	return memlimit.Data{Assets: est.Files, Rows: est.Rows, Bars: est.MaxRows, Frequency: cfg.Frequency.String(), Transient: est.Bytes}, nil
}

func csvData(c *config.Config) (memlimit.Data, error) {
	cc := csvsource.Config{Dir: c.Path(c.Data.Dir), Frequency: c.Data.Frequency.Frequency, Calendar: c.CalendarName(), TimeZone: c.Data.TimeZone}
	if len(c.Data.Files) > 0 {
		cc.Files = make(map[string]string, len(c.Data.Files))
		for sym, p := range c.Data.Files {
			cc.Files[sym] = c.Path(p)
		}
	}
	d, err := CSVData(cc)
	d.AssetsKey = "of the files of data.files or data.dir"
	return d, err
}

// bundleData counts the rows of the bundle from its manifest: every
// file is loaded whole, whatever data.start and data.end (the portal
// leaves the rows outside them out afterwards), and the files being
// decoded (one per CPU) are held whole at once.
func bundleData(c *config.Config, env Env) (memlimit.Data, error) {
	home, err := store.HomeDir(env.Getenv)
	if err != nil {
		return memlimit.Data{}, err
	}
	m, err := store.ReadManifest(home, c.Data.Bundle, c.Data.Ingest)
	if err != nil {
		return memlimit.Data{}, err
	}
	d := memlimit.Data{Assets: len(m.Assets), Rows: m.Rows, Frequency: m.Frequency.String(), AssetsKey: "a bundle of fewer symbols"}
	var sizes []int64
	for _, a := range m.Assets {
		d.Bars = max(d.Bars, int64(a.Rows))
		sizes = append(sizes, a.Size)
	}
	// The largest files, one per CPU, read whole at once.
	for i := 0; i < min(runtime.GOMAXPROCS(0), len(sizes)); i++ {
		k := i
		for j := i + 1; j < len(sizes); j++ {
			if sizes[j] > sizes[k] {
				k = j
			}
		}
		sizes[i], sizes[k] = sizes[k], sizes[i]
		d.Transient += sizes[i]
	}
	if freq := c.Data.RunFrequency(m.Frequency); freq < m.Frequency && m.Calendar != "data" {
		// Aggregated into the run's bars, held with them while
		// aggregating: assets x the clock's bars at the run's frequency.
		if clk, err := newClock(m.Calendar, freq, m.Start, m.End); err == nil {
			d.Derived = int64(len(m.Assets)) * int64(clk.NumBars())
		} else {
			d.Derived = m.Rows
		}
	}
	return d, nil
}

// newClock builds the clock of a calendar named name.
func newClock(name string, freq market.Frequency, start, end time.Time) (*clock.Clock, error) {
	cal, err := calendar.ByName(name)
	if err != nil {
		return nil, err
	}
	return clock.New(cal, freq, start, end)
}

// sessionDates returns the dates of the clock's sessions.
func sessionDates(clk *clock.Clock) []time.Time {
	s := clk.Sessions()
	out := make([]time.Time, len(s))
	for i := range s {
		out[i] = s[i].Date
	}
	return out
}
