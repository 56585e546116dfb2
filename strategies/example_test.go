package strategies_test

import (
	"context"
	"fmt"
	"log"

	csvsource "github.com/pennybt/penny/bundles/csv"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/indicator"
)

// README: example start
// trend holds 100 shares of an asset while its close is above its 50-bar average.
type trend[N numeric.Number[N]] struct{ avg map[int]*indicator.SMA[N] }

func (s *trend[N]) OnBar(ctx *engine.Context[N]) {
	for _, a := range ctx.Assets() {
		c, ok := ctx.Field(a, market.Close)
		if !ok {
			continue // no bar for this asset now
		}
		if s.avg[a.ID] == nil {
			s.avg[a.ID], _ = indicator.NewSMA[N](50)
		}
		if avg, ready := s.avg[a.ID].Update(c); ready && c.Cmp(avg) > 0 {
			ctx.OrderTarget(a, numeric.Int[N](100))
		} else if ready {
			ctx.OrderTarget(a, numeric.Zero[N]())
		}
	}
}

func Example_backtestCSV() {
	files := map[string]string{"ORCL": "../../shared/data/orcl-1995-2014.txt"}
	data, _, err := csvsource.Load[numeric.Fixed](csvsource.Config{Files: files})
	if err != nil {
		log.Fatal(err)
	}
	cfg := engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](10000)}
	res, err := engine.Backtest(context.Background(), data, &trend[numeric.Fixed]{map[int]*indicator.SMA[numeric.Fixed]{}}, cfg)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("final value", res.Value, "after", len(res.Transactions), "trades")
	// Output: final value 8691.0862 after 381 trades
}

// README: example end
