package meanrev_test

import (
	"context"
	"fmt"
	"time"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/meanrev"
)

// Mean reversion on three synthetic stocks, one week of minute bars: enter
// two standard deviations below the hour's mean, exit at half of one.
func Example() {
	data := synthetic.Default()
	data.Assets, data.Seed, data.Frequency = 3, 3, market.Minute
	data.Start, data.End = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC)
	ds, _ := synthetic.Generate[numeric.Fixed](data)

	entry, exit, pct := numeric.MustParse[numeric.Decimal]("2"), numeric.MustParse[numeric.Decimal]("0.5"), numeric.MustParse[numeric.Decimal]("0.3")
	s, _ := meanrev.New[numeric.Fixed](meanrev.Params{Window: 60, Entry: &entry, Exit: &exit, TargetPercent: &pct})
	res, err := engine.Backtest(context.Background(), ds, s, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](100000)})
	if err != nil {
		fmt.Println(err)
		return
	}
	entries, exits := s.Trades()
	fmt.Printf("%d entries, %d exits, %d fills, final value %s\n", entries, exits, len(res.Transactions), res.Value)
	// Output: 44 entries, 44 exits, 88 fills, final value 99518.38
}
