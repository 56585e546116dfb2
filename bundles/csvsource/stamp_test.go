package csvsource

import (
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

func TestReadSeriesStamps(t *testing.T) {
	backendtest.Run(t, testStampsByName)
}

//penny:backends
func testStamps[N numeric.Number[N]](t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	xnys, allDay := calendar.XNYS(), calendar.TwentyFourSeven()
	const row = ",1,2,1,2,10\n"
	cases := []struct {
		name   string
		header string
		when   string // the time field(s) of the row
		opt    Options
		want   string // RFC 3339 end-of-interval stamp
	}{
		{"daily date on the data calendar", "Date", "2020-01-02", Options{}, "2020-01-03T00:00:00Z"},
		{"daily date on the data calendar in New York", "Date", "2020-01-02", Options{Location: ny}, "2020-01-03T05:00:00Z"},
		{"daily date on XNYS", "Date", "2020-01-02", Options{Calendar: xnys}, "2020-01-02T21:00:00Z"},
		{"daily date on XNYS in summer", "Date", "2020-07-01", Options{Calendar: xnys}, "2020-07-01T20:00:00Z"},
		{"daily date on XNYS early close", "Date", "2019-11-29", Options{Calendar: xnys}, "2019-11-29T18:00:00Z"},
		{"daily instant at the start of the day", "timestamp", "2020-01-02T05:00:00Z", Options{Calendar: xnys}, "2020-01-02T21:00:00Z"},
		{"daily instant at the end of the day", "timestamp", "2020-01-03T00:00:00-05:00", Options{Calendar: xnys, Stamp: StampEnd}, "2020-01-02T21:00:00Z"},
		{"minute at start on 24/7", "Timestamp", "2020-01-02T00:00:00Z", Options{Frequency: market.Minute, Calendar: allDay}, "2020-01-02T00:01:00Z"},
		{"minute at end on 24/7", "Timestamp", "2020-01-02T00:01:00Z", Options{Frequency: market.Minute, Calendar: allDay, Stamp: StampEnd}, "2020-01-02T00:01:00Z"},
		{"minute last of the UTC day", "Timestamp", "2020-01-02T23:59:00Z", Options{Frequency: market.Minute, Calendar: allDay}, "2020-01-03T00:00:00Z"},
		{"minute wall time in the calendar zone", "DateTime", "2020-01-02 09:30:00", Options{Frequency: market.Minute, Calendar: xnys}, "2020-01-02T14:31:00Z"},
		{"minute wall time without seconds", "DateTime", "2020-01-02 09:30", Options{Frequency: market.Minute, Calendar: xnys}, "2020-01-02T14:31:00Z"},
		{"minute wall time with T", "DateTime", "2020-01-02T09:30:00", Options{Frequency: market.Minute, Calendar: xnys}, "2020-01-02T14:31:00Z"},
		{"minute wall time in summer", "DateTime", "2020-03-09 09:30:00", Options{Frequency: market.Minute, Calendar: xnys}, "2020-03-09T13:31:00Z"},
		{"minute with a UTC offset", "DateTime", "2020-01-02T09:30:00-05:00", Options{Frequency: market.Minute, Calendar: xnys}, "2020-01-02T14:31:00Z"},
		{"minute with a compact offset", "DateTime", "2020-01-02T15:30:00+0100", Options{Frequency: market.Minute, Calendar: xnys}, "2020-01-02T14:31:00Z"},
		{"minute with a fraction", "DateTime", "2020-01-02T14:30:00.000Z", Options{Frequency: market.Minute, Calendar: allDay, Stamp: StampEnd}, "2020-01-02T14:30:00Z"},
		{"minute last of the session at end", "DateTime", "2020-01-02 16:00:00", Options{Frequency: market.Minute, Calendar: xnys, Stamp: StampEnd}, "2020-01-02T21:00:00Z"},
		{"minute in UTC read in New York", "DateTime", "2020-01-02 09:30:00", Options{Frequency: market.Minute, Calendar: allDay, Location: ny}, "2020-01-02T14:31:00Z"},
		{"hourly cut at the close", "DateTime", "2020-01-02 15:30:00", Options{Frequency: market.Hourly, Calendar: xnys}, "2020-01-02T21:00:00Z"},
		{"hourly cut at an early close", "DateTime", "2019-11-29 12:30:00", Options{Frequency: market.Hourly, Calendar: xnys}, "2019-11-29T18:00:00Z"},
		{"hourly whole", "DateTime", "2020-01-02 09:30:00", Options{Frequency: market.Hourly, Calendar: xnys}, "2020-01-02T15:30:00Z"},
		{"date and time columns", "Date,Time", "2020-01-02,09:30:00", Options{Frequency: market.Minute, Calendar: xnys}, "2020-01-02T14:31:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.header + ",Open,High,Low,Close,Volume\n" + tc.when + row
			s, _, err := ReadSeries[N](strings.NewReader(text), "t.csv", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			want, err := time.Parse(time.RFC3339Nano, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Bar(0).At(); !got.Equal(want) {
				t.Errorf("stamp %s, want %s", got.Format(time.RFC3339Nano), tc.want)
			}
		})
	}
}

// The data calendar stamps a daily bar at the close calendar.FromDates
// gives its date.
func TestDataCalendarStampsAtFromDatesClose(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	dates := []string{"2020-03-06", "2020-03-07", "2020-03-08", "2020-11-01", "2024-02-29"}
	var b strings.Builder
	b.WriteString(head)
	var ts []time.Time
	for _, d := range dates {
		b.WriteString(d + ",1,2,1,2,10\n")
		x, _ := time.Parse(time.DateOnly, d)
		ts = append(ts, x)
	}
	for _, loc := range []*time.Location{time.UTC, ny} {
		cal, err := calendar.FromDates("data", loc, ts)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := cal.Sessions(ts[0], ts[len(ts)-1])
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := ReadSeries[numeric.Fixed](strings.NewReader(b.String()), "d.csv", Options{Location: loc})
		if err != nil {
			t.Fatal(err)
		}
		if s.Len() != len(ss) {
			t.Fatalf("%d bars, %d sessions", s.Len(), len(ss))
		}
		for i := range ss {
			if s.Time[i] != ss[i].Close.UnixNano() {
				t.Errorf("%s in %s: bar stamped %s, session closes %s", dates[i], loc, s.Bar(i).At(), ss[i].Close)
			}
		}
	}
}

func TestReadSeriesBounds(t *testing.T) {
	backendtest.Run(t, testBoundsByName)
}

//penny:backends
func testBounds[N numeric.Number[N]](t *testing.T) {
	daily := head + "2020-01-02,1,2,1,2,10\n2020-01-03,1,2,1,2,10\n2020-01-06,1,2,1,2,10\n2020-01-07,1,2,1,2,10\n"
	minute := "Timestamp,Open,High,Low,Close,Volume\n" +
		"2020-01-02T10:00:00Z,1,2,1,2,10\n2020-01-02T10:01:00Z,1,2,1,2,10\n2020-01-02T10:02:00Z,1,2,1,2,10\n"
	cases := []struct {
		name       string
		text       string
		freq       market.Frequency
		start, end string
		first      string // the first kept row's time field
		bars       int
	}{
		{"daily dates", daily, market.Daily, "2020-01-03", "2020-01-06", "2020-01-03", 2},
		{"daily open end", daily, market.Daily, "2020-01-04", "", "2020-01-06", 2},
		{"daily open start", daily, market.Daily, "", "2020-01-02", "2020-01-02", 1},
		{"minute by end of interval", minute, market.Minute, "2020-01-02T10:02:00Z", "2020-01-02T10:02:00Z", "2020-01-02T10:01:00Z", 1},
		{"minute by date", minute, market.Minute, "2020-01-02", "2020-01-02", "2020-01-02T10:00:00Z", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt, err := Config{Files: map[string]string{"X": "x"}, Frequency: tc.freq, Calendar: "24/7", Start: tc.start, End: tc.end}.Options()
			if err != nil {
				t.Fatal(err)
			}
			s, rep, err := ReadSeries[N](strings.NewReader(tc.text), "b.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			if s.Len() != tc.bars || rep.Bars != tc.bars || rep.Outside != rep.Rows-tc.bars {
				t.Fatalf("%d bars, report %+v; want %d bars", s.Len(), rep, tc.bars)
			}
			// The first bar kept is the one of the first kept row.
			ref, _, err := ReadSeries[N](strings.NewReader(tc.text[:strings.IndexByte(tc.text, '\n')+1]+tc.first+",1,2,1,2,10\n"), "r.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			if s.Time[0] != ref.Time[0] {
				t.Errorf("first bar %s, want the bar of row %s (%s)", s.Bar(0).At(), tc.first, ref.Bar(0).At())
			}
		})
	}
}

func TestParseStampRejects(t *testing.T) {
	for _, s := range []string{
		"", "2020", "2020-1-02", "2020-01-2", "20200102", "2020-00-10", "2020-13-01", "2020-04-31", "1799-12-31", "2201-01-01",
		"2020-01-02X10:00", "2020-01-02 10", "2020-01-02 1:00", "2020-01-02 10:60", "2020-01-02 10:00:60", "2020-01-02 10:00:",
		"2020-01-02 10:00:00.", "2020-01-02 10:00:00+25:00", "2020-01-02 10:00:00+01", "2020-01-02 10:00:00 UTC", "2020-01-02 10:00:00Zz",
		"２０２０-01-02", "-020-01-02",
	} {
		if st, err := parseStamp(s, time.UTC); err == nil {
			t.Errorf("parseStamp(%q) = %+v, want an error", s, st)
		}
	}
}

// parseStamp agrees with the time package on every form it reads.
func TestParseStampAgreesWithTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"1800-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2000-02-29T12:34:56.789Z",
		"2024-12-31T23:59:59.999999999Z", "2200-12-31T23:59:59Z", "2020-01-02T09:30:00-05:00", "2020-07-02T09:30:00+05:30",
	} {
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		st, err := parseStamp(s, ny)
		if err != nil || !st.hasTime || st.ns != want.UnixNano() {
			t.Errorf("parseStamp(%q) = %+v, %v; want %d", s, st, err, want.UnixNano())
		}
	}
	for _, s := range []string{"2020-03-08 01:59:00", "2020-03-08 03:00:00", "2020-11-01 00:30:00", "2020-06-15 16:00:00"} {
		want, err := time.ParseInLocation(time.DateTime[:16], s[:16], ny)
		if err != nil {
			t.Fatal(err)
		}
		st, err := parseStamp(s, ny)
		if err != nil || st.ns != want.UnixNano() {
			t.Errorf("parseStamp(%q in New York) = %+v, %v; want %s", s, st, err, want)
		}
	}
	for d := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 2200; d = d.AddDate(0, 0, 17) {
		st, err := parseStamp(d.Format(time.DateOnly), time.UTC)
		if err != nil || st.hasTime || st.day != d.Unix()/86400 {
			t.Fatalf("parseStamp(%s) = %+v, %v; want day %d", d.Format(time.DateOnly), st, err, d.Unix()/86400)
		}
	}
}
