package clock_test

import (
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// sink keeps the compiler from dropping the walk.
var sink int64

// walk visits every session and bar of c as the engine's loop does and
// returns the number of bars.
func walk(c *clock.Clock) int {
	bars := c.BarTimes()
	n := 0
	for i := range c.Sessions() {
		first, end := c.SessionBars(i)
		for k := first; k < end; k++ {
			sink += bars[k]
			n++
		}
	}
	return n
}

// BenchmarkNew builds the clock of one NYSE year (2024) and walks its
// bars; ns/bar is the cost per bar of the whole (build + walk).
func BenchmarkNew(b *testing.B) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	cal := calendar.XNYS()
	for _, freq := range []market.Frequency{market.Daily, market.Hourly, market.Minute} {
		b.Run("freq="+freq.String(), func(b *testing.B) {
			b.ReportAllocs()
			bars := 0
			for b.Loop() {
				c, err := clock.New(cal, freq, start, end)
				if err != nil {
					b.Fatal(err)
				}
				bars = walk(c)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(bars), "ns/bar")
		})
	}
}

// BenchmarkWalk walks the sessions and bars of an already built clock:
// the per-bar cost the engine loop pays for its schedule.
func BenchmarkWalk(b *testing.B) {
	c, err := clock.New(calendar.XNYS(), market.Minute, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("freq=minute", func(b *testing.B) {
		b.ReportAllocs()
		bars := 0
		for b.Loop() {
			bars = walk(c)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(bars), "ns/bar")
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
