package report_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/report"
)

// buyAndSell runs a strategy on exact Fixed numbers: buy 100 shares of
// ABC at the first bar, sell them at the fifth. The orders fill at the
// next bars' opens, 10.10 and 10.45, so the run makes 100 * (10.45 -
// 10.10) = 35.
func buyAndSell() (*engine.Result[numeric.Fixed], error) {
	type N = numeric.Fixed
	clk, err := clock.New(calendar.XNYS(), market.Daily, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return nil, err
	}
	prices := []string{"10.00", "10.10", "10.25", "10.20", "10.40", "10.45", "10.30"}
	s := market.Series[N]{Asset: market.Asset{Symbol: "ABC"}}
	for i, p := range prices {
		v := numeric.MustParse[N](p)
		s.Append(market.Bar[N]{Time: clk.BarTimes()[i], Open: v, High: v, Low: v, Close: v, Volume: numeric.Int[N](1000)})
	}
	portal, err := dataportal.New(&market.Dataset[N]{Frequency: market.Daily, Series: []market.Series[N]{s}}, clk)
	if err != nil {
		return nil, err
	}
	trade := engine.StrategyFunc[N](func(ctx *engine.Context[N]) {
		abc := ctx.Assets()[0]
		switch ctx.BarIndex() {
		case 0:
			ctx.Order(abc, numeric.Int[N](100))
		case 4:
			ctx.Order(abc, numeric.Int[N](-100))
		}
	})
	e, err := engine.New(portal, trade, engine.Config[N]{Capital: numeric.Int[N](10000)})
	if err != nil {
		return nil, err
	}
	return e.Run(context.Background())
}

// Summarize a run (see buyAndSell: buy 100 ABC at 10.10, sell at 10.45),
// print some of its figures and write its directory.
func Example() {
	res, err := buyAndSell()
	if err != nil {
		fmt.Println(err)
		return
	}

	r, err := report.New(res, report.Options{Name: "buy and sell ABC"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ending value", r.Summary.EndingValue, "P&L", r.Summary.PnL)
	for _, row := range r.Summary.Rows() {
		switch row.Key {
		case "total_return", "fills", "round_trips", "win_rate":
			fmt.Printf("%-13s %s\n", row.Label, row.Value)
		}
	}

	dir, err := os.MkdirTemp("", "penny-report-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := r.WriteDir(dir); err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range report.Files() {
		info, err := os.Stat(dir + "/" + name)
		fmt.Println(name, err == nil && info.Size() > 0)
	}
	// Output:
	// ending value 10035 P&L 35
	// Total return  0.35%
	// Fills         2
	// Round trips   1
	// Win rate      100.00%
	// summary.json true
	// daily.csv true
	// transactions.csv true
	// orders.csv true
	// actions.csv true
	// report.html true
}

func ExampleReport_WriteTransactions() {
	res, err := buyAndSell()
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.New(res, report.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := r.WriteTransactions(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// time,symbol,amount,price,commission,order_id,reference_price,slippage
	// 2024-01-03T14:30:00Z,ABC,100,10.1,0,1,10.1,0
	// 2024-01-09T14:30:00Z,ABC,-100,10.45,0,2,10.45,0
}
