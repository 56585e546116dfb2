package momentum_test

import (
	"context"
	"fmt"
	"time"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/momentum"
)

// Every day (7 hourly bars), hold the 3 of 10 synthetic stocks that rose
// most over the last 35 hourly bars.
func Example() {
	data := synthetic.Default()
	data.Assets, data.Seed, data.Frequency = 10, 7, market.Hourly
	data.Start, data.End = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 28, 0, 0, 0, 0, time.UTC)
	ds, _ := synthetic.Generate[numeric.Fixed](data)

	s, _ := momentum.New[numeric.Fixed](momentum.Params{Lookback: 35, Top: 3, Rebalance: 7})
	res, err := engine.Backtest(context.Background(), ds, s, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](100000)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rebalances, %d fills, final value %s\n", s.Rebalances(), len(res.Transactions), res.Value)
	// Output: 56 rebalances, 207 fills, final value 122128.98
}
