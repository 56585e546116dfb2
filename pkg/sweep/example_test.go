package sweep_test

import (
	"context"
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/sweep"
)

// momentum holds shares of each asset while its close is above the close
// lookback bars earlier.
type momentum[N numeric.Number[N]] struct {
	lookback int
	shares   N
}

func (m *momentum[N]) OnBar(ctx *engine.Context[N]) {
	for _, a := range ctx.Assets() {
		closes := ctx.History(a, market.Close, m.lookback+1) // up to this bar
		if !ctx.HasBar(a) || len(closes) <= m.lookback {
			continue
		}
		target := numeric.Zero[N]()
		if closes[m.lookback].Cmp(closes[0]) > 0 {
			target = m.shares
		}
		ctx.OrderTarget(a, target)
	}
}

// A Go program sweeps its own strategy type: a factory builds the
// strategy of each combination, and Run runs them all on every core over
// one copy of the bars.
func Example() {
	// Half a year of daily bars of one asset, on the XNYS calendar.
	clk, _ := clock.New(calendar.XNYS(), market.Daily, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 28, 0, 0, 0, 0, time.UTC))
	s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: "ABC"}}
	for i, t := range clk.BarTimes() {
		cents := 10000 + 15*i + 40*((37*i)%23-11)
		p := numeric.MustParse[numeric.Fixed](fmt.Sprintf("%d.%02d", cents/100, cents%100))
		s.Append(market.Bar[numeric.Fixed]{Time: t, Open: p, High: p, Low: p, Close: p, Volume: numeric.Int[numeric.Fixed](10000)})
	}
	data := sweep.Data[numeric.Fixed]{Dataset: &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{s}}, Clock: clk}

	// lookback 2, 4, ..., 20 times shares 10 and 50: 20 combinations.
	dec := numeric.MustParse[numeric.Decimal]
	spec := sweep.Spec{Sweep: config.Sweep{
		Params: []config.SweepParam{
			{Key: "lookback", Range: &config.Range{From: dec("2"), To: dec("20"), Step: dec("2")}},
			{Key: "shares", List: []string{"10", "50"}},
		},
		Search:   config.Search{Method: "grid"},
		Metric:   "pnl",
		Maximize: true,
	}}
	factory := func(c sweep.Combination) (engine.Strategy[numeric.Fixed], engine.Config[numeric.Fixed], error) {
		lookback, err := c.Int("lookback")
		if err != nil {
			return nil, engine.Config[numeric.Fixed]{}, err
		}
		shares, err := c.Decimal("shares")
		if err != nil {
			return nil, engine.Config[numeric.Fixed]{}, err
		}
		m := &momentum[numeric.Fixed]{lookback: lookback, shares: numeric.MustParse[numeric.Fixed](shares.String())}
		return m, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](100000)}, nil
	}

	res, err := sweep.Run(context.Background(), spec, sweep.Options{Top: 3}, sweep.On(data, factory))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.OK, "runs; the best by exact P&L:")
	for _, r := range res.Rankings[0].Rows {
		fmt.Printf("lookback %-2s shares %s  pnl %s  round trips %s\n", r.Values[0], r.Values[1], r.Metric("pnl"), r.Metric("round_trips"))
	}
	// Output:
	// 20 runs; the best by exact P&L:
	// lookback 4  shares 50  pnl 7762.5  round trips 47
	// lookback 12 shares 50  pnl 6497.5  round trips 34
	// lookback 2  shares 50  pnl 5405  round trips 26
}
