package execution_test

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// Example is the engine's per-bar loop in miniature: orders placed at a
// bar fill from the next one, through the simulator, the ledger's
// account check and the ledger. The order for 250 shares meets a volume
// limit of 2.5% of the bar's volume: 200 fill at the first bar after
// placement (37.45 * (1 + 0.1*0.025^2) = 37.452340625, a tie rounded to
// even), the last 50 at the next one, and the commission tops up the
// minimum of 1 to 250*0.005.
func Example() {
	type N = numeric.Fixed
	p := numeric.MustParse[N]
	cfg, err := execution.ParseConfig([]byte(`
fill: next_open
slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
commission: {model: per_share, cost: 0.005, min: 1}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	exec, err := execution.New[N](cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	orcl := market.Asset{ID: 0, Symbol: "ORCL"}
	start := time.Date(2014, 1, 2, 21, 0, 0, 0, time.UTC).UnixNano()
	day := int64(24 * time.Hour)
	bars := []market.Bar[N]{
		{Time: start, Open: p("37.20"), High: p("37.40"), Low: p("37.00"), Close: p("37.30"), Volume: p("8000")},
		{Time: start + day, Open: p("37.45"), High: p("37.90"), Low: p("37.40"), Close: p("37.80"), Volume: p("8000")},
		{Time: start + 2*day, Open: p("37.85"), High: p("38.00"), Low: p("37.60"), Close: p("37.70"), Volume: p("4000")},
	}

	var book order.Book[N]
	var usage execution.Usage[N]
	l := ledger.New(p("10000"), exec.Account)
	for i := range bars {
		b := &bars[i]
		// 1. Fill the orders placed before this bar.
		for _, o := range book.Open() {
			f, ok := exec.Simulator.Match(o, b, i, usage.Used(o.Asset.ID, i))
			if !ok {
				continue
			}
			if ok, reason := l.Check(f); !ok {
				o.Reject(reason, b.At())
				continue
			}
			l.Apply(f)
			o.Fill(f.Amount, f.Price, f.Commission, f.Time)
			usage.Add(o.Asset.ID, i, f.Amount)
			fmt.Println(f)
		}
		// 2. The strategy sees bar i and places orders.
		if i == 0 {
			book.Place(order.Request[N]{Asset: orcl, Amount: p("250")}, order.Placement{Time: b.At(), Bar: i, KnownAsset: true})
		}
		// 3. Session end: value at the close.
		l.UpdatePrice(orcl.ID, b.Close)
		s := l.Snapshot(b.At())
		fmt.Println(b.At().Format("2006-01-02"), "value", s.PortfolioValue, "cash", s.Cash)
	}
	// Output:
	// 2014-01-02 value 10000 cash 10000
	// 2014-01-03T21:00:00Z buy 200 ORCL at 37.45234062, commission 1 (order 1)
	// 2014-01-03 value 10068.531876 cash 2508.531876
	// 2014-01-04T21:00:00Z buy 50 ORCL at 37.85059141, commission 0.25 (order 1)
	// 2014-01-04 value 10040.7523055 cash 615.7523055
}

func ExampleParseConfig() {
	_, err := execution.ParseConfig([]byte("slippage: {model: volume_share, volume_limit: 2.5}"))
	fmt.Println(err)
	_, err = execution.ParseConfig([]byte("commission:\n  model: per_share\n  minimum: 1"))
	fmt.Println(err)
	c, _ := execution.ParseConfig([]byte("commission: {model: per_share, cost: 0.0000000001}"))
	_, err = execution.New[numeric.Fixed](c)
	fmt.Println(err)
	// Output:
	// execution.slippage.volume_limit: 2.5 is outside (0, 1]
	// unknown key "execution.commission.minimum" at line 3 (known keys: bps, cost, min, model)
	// execution.commission.cost: 0.0000000001 does not fit the fixed backend: numeric: parsing "0.0000000001" as fixed: too many decimals
}

func ExampleFixedBps() {
	type N = numeric.Fixed
	p := numeric.MustParse[N]
	sim := execution.Simulator[N]{
		Mode:       execution.NextClose,
		Slippage:   execution.FixedBps[N]{Bps: p("5")},
		Commission: execution.Bps[N]{Bps: p("1")},
	}
	o := order.New(1, order.Request[N]{Asset: market.Asset{Symbol: "NVDA"}, Amount: p("-300")},
		order.Placement{Bar: 0, KnownAsset: true})
	b := market.Bar[N]{Open: p("15.2"), High: p("15.5"), Low: p("15.1"), Close: p("15.37"), Volume: p("1e6")}
	f, _ := sim.Match(&o, &b, 1, p("0"))
	// 15.37 - 15.37*0.0005 = 15.362315; 1 bp of 300*15.362315 = 0.46086945.
	fmt.Println(f.Amount, f.Price, f.Commission)
	// Output:
	// -300 15.362315 0.46086945
}
