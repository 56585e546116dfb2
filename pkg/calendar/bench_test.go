package calendar_test

import (
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
)

func BenchmarkSessions(b *testing.B) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, bc := range []struct {
		name string
		cal  calendar.Calendar
	}{{"xnys", calendar.XNYS()}, {"24x7", calendar.TwentyFourSeven()}} {
		cal := bc.cal
		b.Run("calendar="+bc.name+"/range=1y", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cal.Sessions(start, end); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
