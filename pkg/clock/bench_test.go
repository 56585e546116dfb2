package clock_test

import (
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// BenchmarkEvents builds the clock of one NYSE year (2024) and walks its
// events; ns/event is the cost per event of the whole (build + walk).
func BenchmarkEvents(b *testing.B) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	cal := calendar.XNYS()
	for _, freq := range []market.Frequency{market.Daily, market.Hourly, market.Minute} {
		b.Run("freq="+freq.String(), func(b *testing.B) {
			b.ReportAllocs()
			events := 0
			for b.Loop() {
				c, err := clock.New(cal, freq, start, end)
				if err != nil {
					b.Fatal(err)
				}
				events = 0
				for range c.Events() {
					events++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
		})
	}
}

// BenchmarkWalk walks the events of an already built clock: the per-event
// cost the engine loop pays.
func BenchmarkWalk(b *testing.B) {
	c, err := clock.New(calendar.XNYS(), market.Minute, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("freq=minute", func(b *testing.B) {
		b.ReportAllocs()
		events := 0
		for b.Loop() {
			events = 0
			for e := range c.Events() {
				if e.Kind == clock.Bar {
					events++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/bar")
	})
}

func BenchmarkAlign(b *testing.B) {
	c, err := clock.New(calendar.XNYS(), market.Hourly, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	t := time.Date(2024, 7, 2, 14, 31, 0, 0, time.UTC).UnixNano()
	b.Run("freq=hourly", func(b *testing.B) {
		for b.Loop() {
			if _, ok := c.Align(t); !ok {
				b.Fatal("no bar")
			}
		}
	})
}
