package strategies_test

import (
	"context"
	"fmt"
	"log"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
)

// README: example start
// trend holds 100 shares of an asset while its close is above its 50-bar average.
type trend[N numeric.Number[N]] struct{}

func (trend[N]) OnBar(ctx *engine.Context[N]) {
	for _, a := range ctx.Assets() {
		closes := ctx.History(a, market.Close, 50) // up to this bar, never later
		if ctx.HasBar(a) && len(closes) == 50 {
			target := numeric.Zero[N]()
			if closes[49].Cmp(numeric.Sum(closes).DivInt(50)) > 0 {
				target = numeric.Int[N](100)
			}
			ctx.OrderTarget(a, target)
		}
	}
}

func Example_backtestCSV() {
	orcl := csvsource.Config{Files: map[string]string{"ORCL": "../testdata/orcl-1995-2014.txt"}}
	data, _, err := csvsource.Load[numeric.Fixed](orcl)
	if err != nil {
		log.Fatal(err)
	}
	res, err := engine.Backtest(context.Background(), data, trend[numeric.Fixed]{}, engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](10000)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("final value", res.Value, "after", len(res.Transactions), "trades")
	// Output: final value 8691.0862 after 381 trades
}

// README: example end
