package calendar

import (
	"testing"
	"time"
)

func TestGaps(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	dates := []time.Time{d("1995-12-27"), d("1995-12-28"), d("1995-12-29"), d("1996-01-12"), d("2006-01-03"), d("2006-01-04")}
	gaps := Gaps(dates)
	// 1995-12-29 .. 1996-01-12 leaves 13 days between: not a gap.
	if len(gaps) != 1 || !gaps[0].Last.Equal(d("1996-01-12")) || !gaps[0].Next.Equal(d("2006-01-03")) || gaps[0].Days() != 3643 {
		t.Fatalf("gaps %+v", gaps)
	}
	var sessions []Session
	for _, x := range dates {
		sessions = append(sessions, Session{Date: x})
	}
	if got, want := SpanPeriods(sessions, 252), 6+3643*252/365.25; got != want {
		t.Fatalf("SpanPeriods = %v, want %v", got, want)
	}
	if got := SpanPeriods(sessions[:4], 252); got != 4 {
		t.Fatalf("SpanPeriods without a gap = %v, want 4", got)
	}
	// Each gap that Gaps finds, and only those, at any place.
	for end := 0; end <= len(sessions); end++ {
		want := float64(end)
		for _, g := range Gaps(dates[:end]) {
			want += float64(g.Days()) * 252 / 365.25
		}
		if got := SpanPeriods(sessions[:end], 252); got != want {
			t.Errorf("SpanPeriods of %d sessions = %v, want %v", end, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { SpanPeriods(sessions, 252) }); n != 0 {
		t.Errorf("SpanPeriods allocated %v times, want 0", n)
	}
}
