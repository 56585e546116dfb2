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
