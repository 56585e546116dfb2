package ledger

import (
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// TestRunningTotals checks that the running totals Valuation reads equal
// the sums of the positions, digit for digit, after every change.
func TestRunningTotals(t *testing.T) {
	backendtest.RunExact(t, testRunningTotalsByName)
}

//penny:backends
func testRunningTotals[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	l := New(numeric.Int[N](1_000_000), Account[N]{Shorting: true, MaxLeverage: numeric.Int[N](3)})
	assets := []market.Asset{{ID: 0, Symbol: "A"}, {ID: 1, Symbol: "B"}, {ID: 2, Symbol: "C"}, {ID: 3, Symbol: "D"}}
	for i := range 5000 {
		a := assets[rng.IntN(len(assets))]
		price := numeric.FixedFromRaw(rng.Int64N(1e10) + 1e8).String()
		if rng.IntN(3) == 0 {
			l.UpdatePrice(a.ID, numeric.MustParse[N](price))
		} else if amt := rng.Int64N(201) - 100; amt != 0 {
			l.Apply(Transaction[N]{Asset: a, Amount: numeric.Int[N](amt), Price: numeric.MustParse[N](price), Commission: numeric.MustParse[N]("0.5")})
		}
		v := l.Valuation()
		var long, short, cost N
		for _, id := range l.Held() {
			p := l.Position(id)
			if p.Value.Sign() < 0 {
				short = short.Add(p.Value)
			} else {
				long = long.Add(p.Value)
			}
			cost = cost.Add(p.Cost)
		}
		if v.Long.Cmp(long) != 0 || v.Short.Cmp(short) != 0 || v.Cost.Cmp(cost) != 0 {
			t.Fatalf("step %d: totals long %v short %v cost %v, sums %v %v %v", i, v.Long, v.Short, v.Cost, long, short, cost)
		}
	}
}
