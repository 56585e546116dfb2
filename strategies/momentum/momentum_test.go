package momentum_test

import (
	"context"
	"math/big"
	"sort"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/momentum"
)

// checker wraps the strategy and, after each rebalance, recomputes the
// ranking independently from the closes, in big.Rat.
type checker[N numeric.Number[N]] struct {
	*momentum.Strategy[N]
	t              *testing.T
	p              momentum.Params
	seen           int
	checks         int
	justRebalanced bool
}

func (c *checker[N]) OnBar(ctx *engine.Context[N]) {
	if c.justRebalanced {
		// The orders of the rebalance filled at this bar (before OnBar):
		// every position held is one of the chosen assets.
		chosen := map[int]bool{}
		for _, id := range c.Top() {
			chosen[id] = true
		}
		for _, id := range ctx.Positions() {
			if !chosen[id] {
				c.t.Fatalf("bar %d: holds asset %d, not in the top %v", ctx.BarIndex(), id, c.Top())
			}
		}
		c.justRebalanced = false
	}
	c.Strategy.OnBar(ctx)
	if c.Rebalances() == c.seen {
		return
	}
	c.seen = c.Rebalances()
	c.justRebalanced = true
	type ranked struct {
		id int
		r  *big.Rat
	}
	var rs []ranked
	for _, a := range ctx.Assets() {
		if !ctx.HasBar(a) {
			continue
		}
		h := ctx.History(a, market.Close, c.p.Lookback+1)
		if len(h) < c.p.Lookback+1 {
			continue
		}
		now, _ := new(big.Rat).SetString(h[len(h)-1].String())
		past, _ := new(big.Rat).SetString(h[0].String())
		rs = append(rs, ranked{a.ID, new(big.Rat).Quo(now, past)})
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if d := rs[i].r.Cmp(rs[j].r); d != 0 {
			return d > 0
		}
		return rs[i].id < rs[j].id
	})
	top := c.Top()
	for i, id := range top {
		if rs[i].id != id {
			c.t.Fatalf("bar %d: top %v, independent ranking puts %d at %d", ctx.BarIndex(), top, rs[i].id, i)
		}
	}
	c.checks++
}

func TestRanking(t *testing.T) {
	backendtest.Run(t, testRankingByName)
}

//penny:backends
func testRanking[N numeric.Number[N]](t *testing.T) {
	cfg := synthetic.Default()
	cfg.Assets, cfg.Seed, cfg.Frequency = 12, 5, market.Hourly
	cfg.Start, cfg.End = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	ds, err := synthetic.Generate[N](cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := momentum.Params{Lookback: 14, Top: 3, Rebalance: 7}
	s, err := momentum.New[N](p)
	if err != nil {
		t.Fatal(err)
	}
	c := &checker[N]{Strategy: s, t: t, p: p}
	res, err := engine.Backtest(context.Background(), ds, c, engine.Config[N]{Capital: numeric.Int[N](100000)})
	if err != nil {
		t.Fatal(err)
	}
	if c.checks < 30 || len(res.Transactions) < 30 {
		t.Fatalf("%d rebalances checked, %d trades: the test proves little", c.checks, len(res.Transactions))
	}
}

func TestParams(t *testing.T) {
	bad := []momentum.Params{{Lookback: 0, Top: 1, Rebalance: 1}, {Lookback: 1, Top: 0, Rebalance: 1}, {Lookback: 1, Top: 1, Rebalance: 0}}
	for _, p := range bad {
		if err := p.Validate(); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}
