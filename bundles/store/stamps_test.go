package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/market"
)

// TestStoredTimes writes bars of every frequency on every kind of calendar
// (XNYS with the early close of 2024-11-29, 24/7, data calendars in UTC,
// New York and Tokyo, across the end of daylight saving time) and checks
// the time column the files hold: each daily bar's session date, each
// intraday bar's start (the session's open for its first bar, the previous
// bar's end after that, as the clock has them); and that Load gives back
// the clock's end-of-interval stamps exactly.
func TestStoredTimes(t *testing.T) {
	from, to := time.Date(2024, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 3, 0, 0, 0, 0, time.UTC)
	type cal struct {
		name, tz string
		cal      calendar.Calendar
	}
	var cals []cal
	cals = append(cals, cal{"XNYS", "", calendar.XNYS()}, cal{"24/7", "", calendar.TwentyFourSeven()})
	for _, tz := range []string{"", "America/New_York", "Asia/Tokyo"} {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Fatal(err)
		}
		var dates []time.Time
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			if d.Weekday() != time.Sunday { // a gap, as data files have
				dates = append(dates, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc))
			}
		}
		c, err := calendar.FromDates("data", loc, dates)
		if err != nil {
			t.Fatal(err)
		}
		cals = append(cals, cal{"data", tz, c})
	}
	for _, c := range cals {
		for _, freq := range []market.Frequency{market.Daily, market.Hourly, market.Minute} {
			t.Run(fmt.Sprintf("%s %s %s", c.name, c.tz, freq), func(t *testing.T) {
				clk, err := clock.New(c.cal, freq, from, to)
				if err != nil {
					t.Fatal(err)
				}
				stamps := clk.BarTimes()
				want := make([]int64, len(stamps)) // the labels, from the clock
				for s, sess := range clk.Sessions() {
					first, end := clk.SessionBars(s)
					for k := first; k < end; k++ {
						switch {
						case freq == market.Daily:
							want[k] = sess.Date.Unix() / 86400
						case k == first:
							want[k] = sess.Open.UnixNano()
						default:
							want[k] = stamps[k-1]
						}
					}
				}
				one := numeric.Int[numeric.Fixed](1)
				s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: "X"}}
				for _, ts := range stamps {
					s.Append(market.Bar[numeric.Fixed]{Time: ts, Open: one, High: one, Low: one, Close: one, Volume: one})
				}
				ds := &market.Dataset[numeric.Fixed]{Frequency: freq, Calendar: c.name, TimeZone: c.tz, Series: []market.Series[numeric.Fixed]{s}}
				home := t.TempDir()
				m, err := Write(home, "b", t0, ds, Source{Name: "test"}, WriteOptions{})
				if err != nil {
					t.Fatal(err)
				}
				data, err := os.ReadFile(filepath.Join(home, "bundles", "b", IngestName(t0), m.Assets[0].Path))
				if err != nil {
					t.Fatal(err)
				}
				bf, err := openBars(data, FormatVersion, freq)
				if err != nil {
					t.Fatal(err)
				}
				got := make([]int64, len(stamps))
				if err := bf.readTimes(got); err != nil {
					t.Fatal(err)
				}
				for k := range want {
					if got[k] != want[k] {
						t.Fatalf("bar %d (stamped %s): stored time %d, want %d", k, time.Unix(0, stamps[k]).UTC(), got[k], want[k])
					}
				}
				loaded, lm, err := Load[numeric.Fixed](home, "b", "")
				if err != nil {
					t.Fatal(err)
				}
				if loaded.TimeZone != c.tz || lm.TimeZone != c.tz {
					t.Errorf("time zone %q (manifest %q), want %q", loaded.TimeZone, lm.TimeZone, c.tz)
				}
				for k, ts := range loaded.Series[0].Time {
					if ts != stamps[k] {
						t.Fatalf("loaded bar %d stamped %s, want %s", k, time.Unix(0, ts).UTC(), time.Unix(0, stamps[k]).UTC())
					}
				}
			})
		}
	}
}

// TestWriteOffCalendar checks that a bar the bundle's calendar does not
// have is refused on writing, by symbol, row and stamp: a bundle's files
// always convert back to the stamps written.
func TestWriteOffCalendar(t *testing.T) {
	one := numeric.Int[numeric.Fixed](1)
	tests := []struct {
		name string
		freq market.Frequency
		cal  string
		at   time.Time
		want string
	}{
		{"daily bar not at the close", market.Daily, "XNYS", time.Date(2024, 1, 2, 20, 0, 0, 0, time.UTC),
			"X: column time, row 0: value 2024-01-02T20:00:00Z: not on the calendar's bar grid (XNYS, daily bars)"},
		{"a Saturday", market.Daily, "XNYS", time.Date(2024, 1, 6, 21, 0, 0, 0, time.UTC),
			"X: column time, row 0: value 2024-01-06T21:00:00Z: not in a session of the calendar (XNYS, daily bars)"},
		{"before the open", market.Minute, "XNYS", time.Date(2024, 1, 2, 14, 0, 0, 0, time.UTC),
			"X: column time, row 0: value 2024-01-02T14:00:00Z: not in a session of the calendar (XNYS, minute bars)"},
		{"off the hour", market.Hourly, "XNYS", time.Date(2024, 1, 2, 15, 0, 0, 0, time.UTC),
			"X: column time, row 0: value 2024-01-02T15:00:00Z: not on the calendar's bar grid (XNYS, hourly bars)"},
		{"data calendar, not at midnight", market.Daily, "data", time.Date(2024, 1, 2, 21, 0, 0, 0, time.UTC),
			"X: column time, row 0: value 2024-01-02T21:00:00Z: not on the calendar's bar grid (data, daily bars)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: "X"}}
			s.Append(market.Bar[numeric.Fixed]{Time: tc.at.UnixNano(), Open: one, High: one, Low: one, Close: one, Volume: one})
			ds := &market.Dataset[numeric.Fixed]{Frequency: tc.freq, Calendar: tc.cal, Series: []market.Series[numeric.Fixed]{s}}
			_, err := Write(t.TempDir(), "b", t0, ds, Source{Name: "test"}, WriteOptions{})
			if err == nil || err.Error() != "store: "+tc.want {
				t.Fatalf("error %v, want store: %s", err, tc.want)
			}
		})
	}
}

// TestFormat1 loads the bundles of testdata/format1, written by Penny
// before format 2 (end-of-interval stamps in every file): each loads
// exactly as its source reads today, stamps included, its manifest's
// ranges read as labels (session dates, bar starts), and it runs on its
// calendar's clock.
func TestFormat1(t *testing.T) {
	home := filepath.Join("testdata", "format1")
	dateOf := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	synth := func(freq market.Frequency, assets int, start, end string) *market.Dataset[numeric.Fixed] {
		c := synthetic.Default()
		c.Assets, c.Frequency, c.Start, c.End = assets, freq, dateOf(start), dateOf(end)
		ds, err := synthetic.Generate[numeric.Fixed](c)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	orcl, _, err := csvsource.Load[numeric.Fixed](csvsource.Config{Files: map[string]string{"ORCL": "../../testdata/orcl-1995-2014.txt"}, End: "1995-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		want       *market.Dataset[numeric.Fixed]
		start, end string // the manifest's range, as labels
	}{
		{"orcl95", orcl, "1995-01-03T00:00:00Z", "1995-12-29T00:00:00Z"},
		{"minutes", synth(market.Minute, 2, "2024-03-01", "2024-03-01"), "2024-03-01T14:30:00Z", "2024-03-01T20:59:00Z"},
		// 2024-11-29 closes at 13:00: its last hourly bar is 12:30-13:00.
		{"hours", synth(market.Hourly, 1, "2024-11-29", "2024-12-02"), "2024-11-29T14:30:00Z", "2024-12-02T20:30:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, m, err := Load[numeric.Fixed](home, tc.name, "")
			if err != nil {
				t.Fatal(err)
			}
			if m.Format != 1 {
				t.Fatalf("format %d, want a format 1 fixture", m.Format)
			}
			equalLines(t, canonical(got), canonical(tc.want))
			if s, e := m.Start.Format(time.RFC3339), m.End.Format(time.RFC3339); s != tc.start || e != tc.end {
				t.Errorf("manifest range %s..%s, want %s..%s", s, e, tc.start, tc.end)
			}
			if a := m.Assets[0]; !a.Start.Equal(m.Start) || !a.End.Equal(m.End) {
				t.Errorf("file range %v..%v, manifest %v..%v", a.Start, a.End, m.Start, m.End)
			}
			if _, err := dataportal.FromDataset(got, nil); err != nil {
				t.Fatal(err)
			}
			// Written again, it is a format 2 bundle with the same bars.
			home2 := t.TempDir()
			m2, err := Write(home2, tc.name, t0, got, Source{Name: "test"}, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			again, _, err := Load[numeric.Fixed](home2, tc.name, "")
			if err != nil {
				t.Fatal(err)
			}
			equalLines(t, canonical(again), canonical(tc.want))
			if m2.Format != FormatVersion || !m2.Start.Equal(m.Start) || !m2.End.Equal(m.End) {
				t.Errorf("rewritten: format %d, range %v..%v, want %d and %v..%v", m2.Format, m2.Start, m2.End, FormatVersion, m.Start, m.End)
			}
		})
	}
}

// TestORCLParquet stores the repository's ORCL file (daily bars, data
// calendar) and reads its Parquet file back with parquet-go's row reader,
// as another tool would: the time column holds the file's dates,
// 1995-01-03 to 2014-12-31, and the bar of 2005-03-15 opens at 13.27.
func TestORCLParquet(t *testing.T) {
	ds, _, err := csvsource.Load[numeric.Fixed](csvsource.Config{Files: map[string]string{"ORCL": "../../testdata/orcl-1995-2014.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	m, err := Write(home, "orcl", t0, ds, Source{Name: "csv"}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.FormatTime(m.Start) != "1995-01-03" || m.FormatTime(m.End) != "2014-12-31" {
		t.Errorf("manifest range %s..%s, want 1995-01-03..2014-12-31", m.FormatTime(m.Start), m.FormatTime(m.End))
	}
	f, err := os.Open(filepath.Join(home, "bundles", "orcl", IngestName(t0), m.Assets[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type row struct {
		Time   int32  `parquet:"time"`
		Open   int64  `parquet:"open"`
		Symbol string `parquet:"symbol"`
	}
	rows, err := parquet.Read[row](f, m.Assets[0].Size)
	if err != nil {
		t.Fatal(err)
	}
	day := func(r row) string { return time.Unix(int64(r.Time)*86400, 0).UTC().Format(time.DateOnly) }
	if len(rows) != 5036 || day(rows[0]) != "1995-01-03" || day(rows[len(rows)-1]) != "2014-12-31" {
		t.Fatalf("%d rows, %s to %s; want 5036, 1995-01-03 to 2014-12-31", len(rows), day(rows[0]), day(rows[len(rows)-1]))
	}
	scale := m.Assets[0].Decimals["open"]
	found := false
	for _, r := range rows {
		if r.Symbol != "ORCL" {
			t.Fatalf("symbol %q on %s", r.Symbol, day(r))
		}
		if day(r) == "2005-03-15" {
			found = true
			if r.Open != 1327*pow10i[scale-2] { // 13.27 at the column's scale
				t.Errorf("2005-03-15 opens at %s, want 13.27", formatUnits(r.Open, scale))
			}
		}
	}
	if !found {
		t.Error("no bar dated 2005-03-15")
	}
}
