package calendar_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

// refData is the repository's folder of real data, testdata/ at its root
// (see the README.md there).
const refData = "../../testdata"

// readReference reads the published NYSE session list (exchange_calendars'
// xnys.csv): session date, open and close in UTC, break start and end.
func readReference(t *testing.T) []calendar.Session {
	t.Helper()
	f, err := os.Open(filepath.Join(refData, "calendars/xnys-sessions-1990-2023.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 5
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; got[1] != "open" || got[2] != "close" {
		t.Fatalf("reference header = %q, want session,open,close,...", got)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	var out []calendar.Session
	for i, row := range rows[1:] {
		var s calendar.Session
		for j, dst := range []*time.Time{&s.Date, &s.Open, &s.Close} {
			if *dst, err = time.Parse(time.RFC3339, row[j]); err != nil {
				t.Fatalf("reference row %d field %d: %v", i+2, j, err)
			}
		}
		if row[3] != "" || row[4] != "" {
			t.Fatalf("reference row %d has a break (%s, %s): not modelled", i+2, row[3], row[4])
		}
		// An early close is a close before 16:00 New York.
		s.EarlyClose = s.Close.In(ny).Hour() != 16
		out = append(out, s)
	}
	return out
}

// TestXNYSReference checks every session 1990-01-02..2023-01-13, its open
// and its close, against the published list, and that XNYS has no other.
func TestXNYSReference(t *testing.T) {
	want := readReference(t)
	first, last := want[0].Date, want[len(want)-1].Date
	// Ask from New Year's Day 1990 (a holiday) to be sure nothing precedes.
	got, err := calendar.XNYS().Sessions(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), last)
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].Date.Equal(first) {
		t.Errorf("first session %s, want %s", got[0].Date.Format(time.DateOnly), first.Format(time.DateOnly))
	}
	w, g, fails := 0, 0, 0
	for (w < len(want) || g < len(got)) && fails < 20 {
		switch {
		case g == len(got) || (w < len(want) && want[w].Date.Before(got[g].Date)):
			t.Errorf("missing session %s", want[w].Date.Format(time.DateOnly))
			w++
			fails++
		case w == len(want) || got[g].Date.Before(want[w].Date):
			t.Errorf("extra session %s", got[g].Date.Format(time.DateOnly))
			g++
			fails++
		default:
			if !got[g].Open.Equal(want[w].Open) || !got[g].Close.Equal(want[w].Close) || got[g].EarlyClose != want[w].EarlyClose {
				t.Errorf("session %s = %s-%s early=%t, want %s-%s early=%t", want[w].Date.Format(time.DateOnly),
					got[g].Open.Format(time.RFC3339), got[g].Close.Format(time.RFC3339), got[g].EarlyClose,
					want[w].Open.Format(time.RFC3339), want[w].Close.Format(time.RFC3339), want[w].EarlyClose)
				fails++
			}
			if got[g].Open.Location() != time.UTC || got[g].Close.Location() != time.UTC || got[g].Date.Location() != time.UTC {
				t.Errorf("session %s: times not in UTC", want[w].Date.Format(time.DateOnly))
				fails++
			}
			w++
			g++
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d sessions, want %d", len(got), len(want))
	}
}
