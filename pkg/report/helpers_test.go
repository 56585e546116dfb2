package report_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// The fixture: a daily XNYS run over three traded assets and a benchmark,
// with prices built from integer cents (written as text and parsed into
// the backend, so every backend holds the same decimals), a slippage of 5
// basis points and a per-share commission, and a strategy that trades in and out and also places
// orders that end rejected, cancelled and open.

var fixtureSymbols = []string{"AAA", "BBB", "CCC", "SPY"}

const fixtureBenchmark = "SPY"

// tri is a triangle wave of period 2p and amplitude p.
func tri(k, p int) int {
	m := k % (2 * p)
	if m > p {
		return 2*p - m
	}
	return m
}

// fixtureCents returns asset j's open and close at bar i, in cents:
// a drift (up for even j, down for odd), a triangle wave and a little
// arithmetic noise.
func fixtureCents(j, i int) (open, close int) {
	drift := 2 * i
	if j%2 == 1 {
		drift = -i
	}
	close = 4000 + 1500*j + drift + 25*tri(i+5*j, 17+4*j) + (i*37+j*11)%13
	open = close + (i*7+j)%5 - 2
	return open, close
}

func cents(c int) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// fixtureData builds the portal of the fixture between start and end.
func fixtureData[N numeric.Number[N]](t testing.TB, start, end string) *dataportal.Portal[N] {
	t.Helper()
	clk, err := clock.New(calendar.XNYS(), market.Daily, date(t, start), date(t, end))
	if err != nil {
		t.Fatal(err)
	}
	ds := &market.Dataset[N]{Frequency: market.Daily, Calendar: "XNYS"}
	for j, sym := range fixtureSymbols {
		s := market.Series[N]{Asset: market.Asset{Symbol: sym}}
		for i, ts := range clk.BarTimes() {
			o, c := fixtureCents(j, i)
			hi, lo := max(o, c)+10, min(o, c)-10
			s.Append(market.Bar[N]{
				Time:   ts,
				Open:   numeric.MustParse[N](cents(o)),
				High:   numeric.MustParse[N](cents(hi)),
				Low:    numeric.MustParse[N](cents(lo)),
				Close:  numeric.MustParse[N](cents(c)),
				Volume: numeric.Int[N](int64(10000 + (i*13)%1000)),
			})
		}
		ds.Series = append(ds.Series, s)
	}
	p, err := dataportal.New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// trader records two series (see OnBar) and buys a quarter of the portfolio in one of AAA, BBB, CCC every
// fifth bar, in turn, or sells it when held; it also places an order too
// large for the cash (rejected at its fill), a day limit order that never
// fills (cancelled at the session's end), a buy stop of SPY that never triggers
// (open at the end), a zero order (rejected at placement), and an order
// at the last bar (rejected: no bar left).
type trader[N numeric.Number[N]] struct {
	quarter, huge, ten, low, high N
	lastBar                       int // the index of the run's last bar
}

func (s *trader[N]) Init(ctx *engine.Context[N]) error {
	s.quarter = numeric.MustParse[N]("0.25")
	s.huge = numeric.Int[N](1000000)
	s.ten = numeric.Int[N](10)
	s.low = numeric.Int[N](1)
	s.high = numeric.Int[N](100000)
	return nil
}

func (s *trader[N]) OnBar(ctx *engine.Context[N]) {
	k := ctx.BarIndex()
	assets := ctx.Assets() // AAA, BBB, CCC, SPY (symbol order)
	// Two recorded series: the cash at every bar (a name daily.csv
	// already has), and the bar index at every tenth bar from the fourth.
	ctx.Record("cash", ctx.Cash())
	if k%10 == 3 {
		ctx.Record("signal", numeric.Int[N](int64(k)))
	}
	if k%5 == 0 {
		a := assets[(k/5)%3]
		if ctx.Position(a).IsZero() {
			ctx.OrderTargetPercent(a, s.quarter)
		} else {
			ctx.OrderTarget(a, numeric.Zero[N]())
		}
	}
	switch k % 97 {
	case 31:
		ctx.Order(assets[0], s.huge)
	case 41:
		ctx.Submit(order.Request[N]{Asset: assets[1], Amount: s.ten, Type: order.Limit, LimitPrice: s.low, TIF: order.Day})
	case 53:
		ctx.Order(assets[2], numeric.Zero[N]())
	}
	if k == 61 {
		ctx.OrderStop(assets[3], s.ten, s.high)
	}
	if k == s.lastBar {
		ctx.Order(assets[0], s.ten)
	}
}

// runFixture runs the fixture between start and end.
func runFixture[N numeric.Number[N]](t testing.TB, start, end string) *engine.Result[N] {
	t.Helper()
	cfg := engine.Config[N]{
		Capital: numeric.Int[N](100000),
		Execution: execution.Setup[N]{Simulator: execution.Simulator[N]{
			Slippage: execution.FixedBps[N]{Bps: numeric.Int[N](5)},
			Commission: execution.PerShare[N]{
				Cost: numeric.MustParse[N]("0.005"), Min: numeric.Int[N](1)}}},
		Benchmark: fixtureBenchmark,
	}
	p := fixtureData[N](t, start, end)
	e, err := engine.New(p, &trader[N]{lastBar: p.Clock().NumBars() - 1}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}
