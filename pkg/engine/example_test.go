package engine_test

import (
	"context"
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
)

// smaRecorder records the 3-bar simple moving average of each close.
type smaRecorder[N numeric.Number[N]] struct{ three N }

func (s *smaRecorder[N]) Init(ctx *engine.Context[N]) error {
	s.three = numeric.Int[N](3)
	return nil
}

func (s *smaRecorder[N]) OnBar(ctx *engine.Context[N]) {
	a := ctx.Assets()[0]
	closes := ctx.History(a, market.Close, 3) // ends at this bar, never later
	if len(closes) < 3 {
		return
	}
	ctx.Record("sma3", numeric.Sum(closes).Div(s.three))
}

// A strategy that records an SMA of the close, on exact Fixed prices.
func Example() {
	clk, _ := clock.New(calendar.XNYS(), market.Daily, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 9, 0, 0, 0, 0, time.UTC))
	closes := []string{"10.00", "10.10", "10.25", "10.20", "10.40", "10.45"}
	s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: "ABC"}}
	for i, c := range closes {
		p := numeric.MustParse[numeric.Fixed](c)
		s.Append(market.Bar[numeric.Fixed]{Time: clk.BarTimes()[i], Open: p, High: p, Low: p, Close: p, Volume: numeric.Int[numeric.Fixed](100)})
	}
	portal, err := dataportal.New(&market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{s}}, clk)
	if err != nil {
		fmt.Println(err)
		return
	}
	e, _ := engine.New(portal, &smaRecorder[numeric.Fixed]{}, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](10000)})
	res, err := e.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	sma := res.Records[0]
	for i, v := range sma.Value {
		fmt.Println(time.Unix(0, sma.Time[i]).UTC().Format("2006-01-02"), v)
	}
	// Output:
	// 2024-01-04 10.11666667
	// 2024-01-05 10.18333333
	// 2024-01-08 10.28333333
	// 2024-01-09 10.35
}

// buyOnce buys 100 shares of the first asset at the first bar.
type buyOnce[N numeric.Number[N]] struct{}

func (buyOnce[N]) OnBar(ctx *engine.Context[N]) {
	if ctx.BarIndex() == 0 {
		ctx.Order(ctx.Assets()[0], numeric.Int[N](100))
	}
}

// The costs of a run, from an execution block as a YAML config writes it:
// execution.New makes the one value engine.Config's Execution takes (the
// fill rules, the slippage and commission models, the account). The
// order placed at the first bar fills at the second bar's open, 10.10,
// moved 5 bps against the buyer (10.10505), and pays the commission's
// minimum of 1 (100 shares at 0.005 is 0.5).
func ExampleConfig() {
	type N = numeric.Fixed
	clk, _ := clock.New(calendar.XNYS(), market.Daily, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 4, 0, 0, 0, 0, time.UTC))
	s := market.Series[N]{Asset: market.Asset{Symbol: "ABC"}}
	for i, c := range []string{"10.00", "10.10", "10.25"} {
		p := numeric.MustParse[N](c)
		s.Append(market.Bar[N]{Time: clk.BarTimes()[i], Open: p, High: p, Low: p, Close: p, Volume: numeric.Int[N](1000)})
	}
	portal, err := dataportal.New(&market.Dataset[N]{Frequency: market.Daily, Series: []market.Series[N]{s}}, clk)
	if err != nil {
		fmt.Println(err)
		return
	}
	block, err := execution.ParseConfig([]byte(`
fill: next_open
slippage: {model: fixed_bps, bps: 5}
commission: {model: per_share, cost: 0.005, min: 1}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	exec, err := execution.New[N](block)
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := engine.New(portal, buyOnce[N]{}, engine.Config[N]{Capital: numeric.Int[N](10000), Execution: exec})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := e.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	tx := res.Transactions[0]
	fmt.Println("bought", tx.Amount, "at", tx.Price, "commission", tx.Commission)
	fmt.Println("final value", res.Value)
	// Output:
	// bought 100 at 10.10505 commission 1
	// final value 10013.495
}

// Runs one after another on one Scratch: each takes the storage of the
// run before it, once that run's result is read and reclaimed. A
// sweep's worker does this for each combination. Each run buys 100 shares
// at the second bar's open, 10.10, and ends with them at 10.45: 35 more
// than its capital.
func ExampleScratch() {
	clk, _ := clock.New(calendar.XNYS(), market.Daily, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 9, 0, 0, 0, 0, time.UTC))
	s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: "ABC"}}
	for i, c := range []string{"10.00", "10.10", "10.25", "10.20", "10.40", "10.45"} {
		p := numeric.MustParse[numeric.Fixed](c)
		s.Append(market.Bar[numeric.Fixed]{Time: clk.BarTimes()[i], Open: p, High: p, Low: p, Close: p, Volume: numeric.Int[numeric.Fixed](1000)})
	}
	portal, err := dataportal.New(&market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{s}}, clk)
	if err != nil {
		fmt.Println(err)
		return
	}
	var scratch engine.Scratch[numeric.Fixed]
	for _, capital := range []int64{10000, 20000} {
		e, err := engine.New(portal.Clone(), buyOnce[numeric.Fixed]{}, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](capital)})
		if err != nil {
			fmt.Println(err)
			return
		}
		e.Use(&scratch)
		res, err := e.Run(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(capital, len(res.Transactions), res.Transactions[0].Price, res.Value)
		scratch.Reclaim(res) // res's transactions, snapshots and orders are the next run's now
	}
	// Output:
	// 10000 1 10.1 10035
	// 20000 1 10.1 20035
}
