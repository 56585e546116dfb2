package engine

import (
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

func TestZeroVolume(t *testing.T) {
	backendtest.Run(t, testZeroVolumeByName)
}

// testZeroVolume: with volume_share slippage, an asset whose bars have no
// volume (backtrader's index files) never fills. The run warns at its
// start, names the asset, leaves the orders open with a reason saying
// why, and counts them (Result.Starved); the asset with volume fills, and
// a model that does not depend on volume fills both without a warning.
//
//penny:backends
func testZeroVolume[N numeric.Number[N]](t *testing.T) {
	clk, err := clock.New(calendar.XNYS(), market.Daily, day("2024-01-02"), day("2024-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	ds := &market.Dataset[N]{Frequency: market.Daily, Calendar: "XNYS"}
	for j, vol := range []string{"0", "100000"} {
		s := market.Series[N]{Asset: market.Asset{Symbol: symbol(j)}}
		for _, ts := range clk.BarTimes() {
			p := numeric.MustParse[N]("10")
			s.Append(market.Bar[N]{Time: ts, Open: p, High: p, Low: p, Close: p, Volume: numeric.MustParse[N](vol)})
		}
		ds.Series = append(ds.Series, s)
	}
	p, err := dataportal.New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	buyEach := StrategyFunc[N](func(c *Context[N]) {
		if c.BarIndex() == 0 {
			for _, a := range c.Assets() {
				c.Order(a, numeric.Int[N](10))
			}
		}
	})
	share := execution.VolumeShare[N]{VolumeLimit: numeric.MustParse[N]("0.025"), PriceImpact: numeric.MustParse[N]("0.1")}
	r := run(t, p, buyEach, Config[N]{Execution: execution.Setup[N]{Simulator: execution.Simulator[N]{Slippage: share}}})
	if len(r.Warnings) != 2 || !strings.Contains(r.Warnings[0], "1 of 2 assets have bars of zero volume, where no order fills: AA (21 of 21 bars)") ||
		!strings.Contains(r.Warnings[1], "1 orders left open for lack of volume") {
		t.Fatalf("warnings %q", r.Warnings)
	}
	if r.Starved() != 1 || len(r.Orders) != 2 || len(r.Transactions) != 1 {
		t.Fatalf("starved %d, orders %v, transactions %v", r.Starved(), r.Orders, r.Transactions)
	}
	o := r.Orders[0]
	if o.Asset.Symbol != "AA" || o.Status != order.Open || o.Starved != 20 ||
		o.Reason != "unfilled for lack of volume: its price was reached at 20 bars with no volume left for it" {
		t.Fatalf("order in AA: %v, starved %d", &o, o.Starved)
	}
	if r.Orders[1].Status != order.Filled || r.Orders[1].Reason != "" {
		t.Fatalf("order in AB: %v", &r.Orders[1])
	}

	r = run(t, p.Clone(), buyEach, Config[N]{})
	if len(r.Warnings) != 0 || r.Starved() != 0 || len(r.Transactions) != 2 {
		t.Fatalf("without volume slippage: warnings %q, starved %d, transactions %v", r.Warnings, r.Starved(), r.Transactions)
	}
}
