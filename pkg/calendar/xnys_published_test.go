package calendar_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

// The NYSE holiday and early-close lists published for the years after the
// reference data ends (nyse.com, "Holidays & Trading Hours"), with the
// number of sessions each year has.
var published = []struct {
	year     int
	sessions int
	holidays []string // weekdays the exchange is closed
	early    []string // 13:00 closes
}{
	{2023, 250,
		[]string{"2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"},
		[]string{"2023-07-03", "2023-11-24"}},
	{2024, 252,
		[]string{"2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"},
		[]string{"2024-07-03", "2024-11-29", "2024-12-24"}},
	{2025, 250,
		[]string{"2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"},
		[]string{"2025-07-03", "2025-11-28", "2025-12-24"}},
	{2026, 251,
		[]string{"2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"},
		[]string{"2026-11-27", "2026-12-24"}},
	{2027, 251,
		[]string{"2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24"},
		[]string{"2027-11-26"}},
}

func TestXNYSPublished(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cal := calendar.XNYS()
	for _, y := range published {
		t.Run("year="+time.Date(y.year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), func(t *testing.T) {
			sessions, err := cal.Sessions(time.Date(y.year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y.year, 12, 31, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if len(sessions) != y.sessions {
				t.Errorf("%d sessions, want %d", len(sessions), y.sessions)
			}
			open := map[string]calendar.Session{}
			for _, s := range sessions {
				open[s.Date.Format(time.DateOnly)] = s
			}
			var holidays, early []string
			for d := time.Date(y.year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == y.year; d = d.AddDate(0, 0, 1) {
				key := d.Format(time.DateOnly)
				s, ok := open[key]
				if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
					if ok {
						t.Errorf("session on %s, a %s", key, wd)
					}
					continue
				}
				if !ok {
					holidays = append(holidays, key)
					continue
				}
				if got := s.Open.In(ny).Format("15:04"); got != "09:30" {
					t.Errorf("%s opens at %s, want 09:30", key, got)
				}
				switch got := s.Close.In(ny).Format("15:04"); got {
				case "13:00":
					early = append(early, key)
					if !s.EarlyClose {
						t.Errorf("%s closes at 13:00 but EarlyClose is false", key)
					}
				case "16:00":
					if s.EarlyClose {
						t.Errorf("%s closes at 16:00 but EarlyClose is true", key)
					}
				default:
					t.Errorf("%s closes at %s, want 16:00 or 13:00", key, got)
				}
			}
			if !slices.Equal(holidays, y.holidays) {
				t.Errorf("holidays\n got %q\nwant %q", holidays, y.holidays)
			}
			if !slices.Equal(early, y.early) {
				t.Errorf("early closes\n got %q\nwant %q", early, y.early)
			}
		})
	}
}

// TestXNYSRules checks single days that exercise a rule beyond the
// published years.
func TestXNYSRules(t *testing.T) {
	tests := []struct {
		name  string
		date  string
		open  bool
		close string // New York, when open
	}{
		{"new year on saturday: friday before open", "2032-12-31", true, "16:00"},
		{"new year on saturday: friday before open (2027)", "2027-12-31", true, "16:00"},
		{"new year on sunday: monday observed", "2034-01-02", false, ""},
		{"christmas on saturday: friday observed", "2032-12-24", false, ""},
		{"christmas on sunday: monday observed", "2033-12-26", false, ""},
		{"christmas eve on friday is the holiday, thursday full", "2032-12-23", true, "16:00"},
		{"juneteenth on saturday: friday observed", "2032-06-18", false, ""},
		{"juneteenth on sunday: monday observed", "2033-06-20", false, ""},
		{"independence day on saturday: friday observed, thursday full", "2026-07-02", true, "16:00"},
		{"july 3 on thursday", "2031-07-03", true, "13:00"},
		{"july 3 on wednesday after 2013", "2030-07-03", true, "13:00"},
		{"july 5 on friday after 2013 full", "2030-07-05", true, "16:00"},
		{"good friday 2035 (easter march 25)", "2035-03-23", false, ""},
		{"thanksgiving 2035 (fourth thursday)", "2035-11-22", false, ""},
		{"day after thanksgiving 2035", "2035-11-23", true, "13:00"},
		{"memorial day 2035 (last monday)", "2035-05-28", false, ""},
		{"last day supported", "2035-12-31", true, "16:00"},
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cal := calendar.XNYS()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := time.Parse(time.DateOnly, tt.date)
			if err != nil {
				t.Fatal(err)
			}
			s, err := cal.Sessions(d, d)
			if !tt.open {
				if err == nil {
					t.Fatalf("%s: session %v, want closed", tt.date, s)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v, want open", tt.date, err)
			}
			if got := s[0].Close.In(ny).Format("15:04"); got != tt.close {
				t.Errorf("%s closes at %s, want %s", tt.date, got, tt.close)
			}
		})
	}
}
