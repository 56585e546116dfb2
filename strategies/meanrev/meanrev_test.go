package meanrev_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/meanrev"
)

// checker wraps the strategy and checks each bar's orders against the
// rules applied independently: the z-score of each close within its
// window, compared with the thresholds exactly in big.Rat.
type checker[N numeric.Number[N]] struct {
	*meanrev.Strategy[N]
	t                   *testing.T
	window              int
	entry, exit         *big.Rat
	shorting            bool
	longs, shorts, outs int
}

// sign returns the sign of z - t for the newest close of the window.
func sign(window []*big.Rat, t *big.Rat) int {
	n := big.NewRat(int64(len(window)), 1)
	sum, sq := new(big.Rat), new(big.Rat)
	for _, v := range window {
		sum.Add(sum, v)
		sq.Add(sq, new(big.Rat).Mul(v, v))
	}
	x := window[len(window)-1]
	d := new(big.Rat).Sub(new(big.Rat).Mul(n, x), sum)
	v := new(big.Rat).Sub(new(big.Rat).Mul(n, sq), new(big.Rat).Mul(sum, sum))
	if v.Sign() == 0 {
		return -t.Sign() // z = 0
	}
	if d.Sign() != t.Sign() || d.Sign() == 0 {
		switch {
		case d.Sign() > t.Sign():
			return 1
		case d.Sign() < t.Sign():
			return -1
		}
		return 0
	}
	c := new(big.Rat).Mul(d, d).Cmp(new(big.Rat).Mul(new(big.Rat).Mul(t, t), v))
	if d.Sign() < 0 {
		return -c
	}
	return c
}

func (c *checker[N]) OnBar(ctx *engine.Context[N]) {
	held := map[int]int{}
	for _, a := range ctx.Assets() {
		held[a.ID] = ctx.Position(a).Sign()
	}
	placed := len(ctx.OpenOrders())
	c.Strategy.OnBar(ctx)
	got := map[int]int{} // asset -> sign of the order placed now
	for _, o := range ctx.OpenOrders()[placed:] {
		got[o.Asset.ID] = o.Amount.Sign()
	}
	negEntry, negExit := new(big.Rat).Neg(c.entry), new(big.Rat).Neg(c.exit)
	for _, a := range ctx.Assets() {
		if !ctx.HasBar(a) {
			continue
		}
		h := ctx.History(a, market.Close, c.window)
		if len(h) < c.window {
			continue
		}
		w := make([]*big.Rat, len(h))
		for i, v := range h {
			w[i], _ = new(big.Rat).SetString(v.String())
		}
		want := 0
		switch pos := held[a.ID]; {
		case pos == 0 && sign(w, negEntry) < 0:
			want = 1
		case pos == 0 && c.shorting && sign(w, c.entry) > 0:
			want = -1
		case pos > 0 && sign(w, negExit) > 0:
			want = -1
		case pos < 0 && sign(w, c.exit) < 0:
			want = 1
		}
		if got[a.ID] != want {
			c.t.Fatalf("bar %d, %s (position sign %d): order %d, rule %d", ctx.BarIndex(), a.Symbol, held[a.ID], got[a.ID], want)
		}
		switch {
		case want > 0 && held[a.ID] == 0:
			c.longs++
		case want < 0 && held[a.ID] == 0:
			c.shorts++
		case want != 0:
			c.outs++
		}
	}
}

func TestRules(t *testing.T) {
	backendtest.RunExact(t, testRulesByName)
}

//penny:backends
func testRules[N numeric.Number[N]](t *testing.T) {
	cfg := synthetic.Default()
	cfg.Assets, cfg.Seed, cfg.Frequency = 4, 9, market.Minute
	cfg.Start, cfg.End = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)
	ds, err := synthetic.Generate[N](cfg)
	if err != nil {
		t.Fatal(err)
	}
	entry, exit, target := numeric.MustParse[numeric.Decimal]("1.5"), numeric.MustParse[numeric.Decimal]("0.5"), numeric.MustParse[numeric.Decimal]("0.2")
	p := meanrev.Params{Window: 30, Entry: &entry, Exit: &exit, TargetPercent: &target}
	s, err := meanrev.New[N](p)
	if err != nil {
		t.Fatal(err)
	}
	c := &checker[N]{Strategy: s, t: t, window: 30, entry: big.NewRat(3, 2), exit: big.NewRat(1, 2), shorting: true}
	_, err = engine.Backtest(context.Background(), ds, c, engine.Config[N]{
		Capital:   numeric.Int[N](100000),
		Execution: execution.Setup[N]{Account: ledger.Account[N]{Shorting: true, MaxLeverage: numeric.Int[N](2)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.longs < 10 || c.shorts < 10 || c.outs < 20 {
		t.Fatalf("entries long %d short %d, exits %d: the test proves little", c.longs, c.shorts, c.outs)
	}
}
