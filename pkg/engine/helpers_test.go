package engine

import (
	"context"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/market"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// testData builds a portal of n assets on the XNYS clock of freq between
// start and end. Asset j's close at bar i is 100 + j + i/100 (cents, as
// text so that all backends hold the same decimals); open = close - 0.01,
// high = close + 0.05, low = close - 0.05, volume = 1000. Asset j skips
// every bar i with i%(j+2) == 1 when gaps is set.
func testData[N numeric.Number[N]](t testing.TB, freq market.Frequency, start, end string, n int, gaps bool) *dataportal.Portal[N] {
	t.Helper()
	clk, err := clock.New(calendar.XNYS(), freq, day(start), day(end))
	if err != nil {
		t.Fatal(err)
	}
	ds := &market.Dataset[N]{Frequency: freq, Calendar: "XNYS"}
	cent := numeric.MustParse[N]("0.01")
	five := numeric.MustParse[N]("0.05")
	vol := numeric.Int[N](1000)
	for j := range n {
		s := market.Series[N]{Asset: market.Asset{Symbol: symbol(j)}}
		for i, ts := range clk.BarTimes() {
			if gaps && i%(j+2) == 1 {
				continue
			}
			c := numeric.Int[N](int64(10000 + 100*j + i)).Mul(cent)
			s.Time = append(s.Time, ts)
			s.Open = append(s.Open, c.Sub(cent))
			s.High = append(s.High, c.Add(five))
			s.Low = append(s.Low, c.Sub(five))
			s.Close = append(s.Close, c)
			s.Volume = append(s.Volume, vol)
		}
		ds.Series = append(ds.Series, s)
	}
	p, err := dataportal.New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func symbol(j int) string { return string(rune('A'+j/26)) + string(rune('A'+j%26)) }

func run[N numeric.Number[N]](t testing.TB, p *dataportal.Portal[N], s Strategy[N], cfg Config[N]) *Result[N] {
	t.Helper()
	if cfg.Capital.IsZero() {
		cfg.Capital = numeric.Int[N](100000)
	}
	e, err := New(p, s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
