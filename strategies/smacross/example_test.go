package smacross_test

import (
	"context"
	"fmt"
	"time"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/strategies/smacross"
)

// The crossover on five synthetic stocks, one year of daily bars, 2% of
// the portfolio per position.
func Example() {
	data := synthetic.Default()
	data.Assets, data.Seed = 5, 42
	data.Start, data.End = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	ds, _ := synthetic.Generate[numeric.Fixed](data)

	pct := numeric.MustParse[numeric.Decimal]("0.02")
	s, _ := smacross.New[numeric.Fixed](smacross.Params{Fast: 10, Slow: 30, TargetPercent: &pct})
	res, err := engine.Backtest(context.Background(), ds, s, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](100000)})
	if err != nil {
		fmt.Println(err)
		return
	}
	up, down := s.Crossings()
	fmt.Printf("%d up-crosses, %d down-crosses, %d fills, final value %s\n", up, down, len(res.Transactions), res.Value)
	// Output: 24 up-crosses, 23 down-crosses, 46 fills, final value 99554.48
}
