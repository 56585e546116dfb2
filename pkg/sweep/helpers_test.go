package sweep

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/report"
)

// testData builds daily XNYS bars of n assets from start to end: each
// close a random walk in cents from 100 (PCG seeded with seed), written
// as text so that every backend holds the same decimals. From the date
// from on (if not zero), the walk of every asset is drawn from another
// seed: the data before from is the same, after it differs.
func testData[N numeric.Number[N]](t testing.TB, n int, start, end string, seed uint64, from string) Data[N] {
	t.Helper()
	clk, err := clock.New(calendar.XNYS(), market.Daily, date(start), date(end))
	if err != nil {
		t.Fatal(err)
	}
	ds := &market.Dataset[N]{Frequency: market.Daily, Calendar: "XNYS"}
	var cut int64 = 1 << 62
	if from != "" {
		cut = date(from).UnixNano()
	}
	for j := range n {
		rng := rand.New(rand.NewPCG(seed, uint64(j)))
		alt := rand.New(rand.NewPCG(seed+1000, uint64(j)))
		cents := int64(10000)
		s := market.Series[N]{Asset: market.Asset{Symbol: fmt.Sprintf("S%02d", j)}}
		for _, ts := range clk.BarTimes() {
			r := rng
			if ts >= cut {
				r = alt
			}
			step := r.Int64N(201) - 100
			cents = max(cents+step, 500)
			p := func(c int64) N { return numeric.MustParse[N](fmt.Sprintf("%d.%02d", c/100, c%100)) }
			s.Time = append(s.Time, ts)
			s.Open = append(s.Open, p(cents-step/2))
			s.High = append(s.High, p(cents+60))
			s.Low = append(s.Low, p(max(cents-step/2, cents)-120))
			s.Close = append(s.Close, p(cents))
			s.Volume = append(s.Volume, numeric.Int[N](100000))
		}
		ds.Series = append(ds.Series, s)
	}
	if err := ds.Normalize(); err != nil {
		t.Fatal(err)
	}
	return Data[N]{Dataset: ds, Clock: clk}
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// cross is a user's strategy: long 10 shares of each asset while its fast
// average of closes is above its slow one.
type cross[N numeric.Number[N]] struct{ fast, slow int }

func (s *cross[N]) OnBar(ctx *engine.Context[N]) {
	for _, a := range ctx.Assets() {
		closes := ctx.History(a, market.Close, s.slow)
		if !ctx.HasBar(a) || len(closes) < s.slow {
			continue
		}
		fast := numeric.Sum(closes[s.slow-s.fast:]).MulInt(int64(s.slow))
		slow := numeric.Sum(closes).MulInt(int64(s.fast))
		target := numeric.Zero[N]()
		if fast.Cmp(slow) > 0 {
			target = numeric.Int[N](10)
		}
		ctx.OrderTarget(a, target)
	}
}

// crossFactory builds cross from the combination's fast and slow; fast
// must be below slow.
func crossFactory[N numeric.Number[N]](c Combination) (engine.Strategy[N], engine.Config[N], error) {
	fast, err := c.Int("fast")
	if err != nil {
		return nil, engine.Config[N]{}, err
	}
	slow, err := c.Int("slow")
	if err != nil {
		return nil, engine.Config[N]{}, err
	}
	if fast < 1 || fast >= slow {
		return nil, engine.Config[N]{}, fmt.Errorf("fast must be in [1, slow), got %d and %d", fast, slow)
	}
	return &cross[N]{fast: fast, slow: slow}, engine.Config[N]{Capital: numeric.Int[N](100000)}, nil
}

// parseSweep reads a sweep block (and an optional walk_forward block)
// through package config.
func parseSweep(t testing.TB, block string) Spec {
	t.Helper()
	c, err := config.Parse([]byte(baseConfig + block))
	if err != nil {
		t.Fatal(err)
	}
	s, err := SpecOf(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const baseConfig = `
name: t
backend: fixed
capital: 100000
data: {source: synthetic, frequency: daily, start: 2023-01-03, end: 2023-12-29, assets: 3, seed: 1}
strategy:
  name: cross
  params: {fast: 5, slow: 20}
`

const crossSweep = `sweep:
  params:
    fast: {from: 2, to: 12, step: 2}
    slow: [5, 10, 20, 30]
  search: grid
  metric: sharpe_ratio
`

func read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func resultsOf(t testing.TB, dir string) string { return read(t, filepath.Join(dir, "results.csv")) }

func reportOptions(name string) report.Options { return report.Options{Name: name} }
