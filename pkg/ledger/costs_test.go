package ledger_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

// TestSessionCosts applies the random fills of the big.Rat test with a
// reference price each (some without: a transaction made by hand), takes
// a snapshot every few steps, and recomputes each snapshot's Commission,
// Slippage and Traded, and each Transaction.Slippage, with math/big.Rat:
// the documented rules (each notional rounded once to 8 decimals,
// half-even; sums exact), digit for digit in Fixed and Decimal.
func TestSessionCosts(t *testing.T) {
	backendtest.RunExact(t, testSessionCostsByName)
}

//penny:backends
func testSessionCosts[N numeric.Number[N]](t *testing.T) {
	ops := randomOps(7, 3000)
	rng := rand.New(rand.NewPCG(7, 0xc057))
	l := ledger.New(num[N](t, ratCash), ledger.Account[N]{Shorting: true})
	commission, slippage, traded := new(big.Rat), new(big.Rat), new(big.Rat)
	sessions, withSlippage := 0, 0
	for i, o := range ops {
		if o.mark {
			l.UpdatePrice(o.asset, num[N](t, o.price))
		} else {
			// The reference: the price moved by up to 1% either way, with
			// 2 to 8 decimals, or none.
			ref := ""
			if rng.IntN(5) > 0 {
				p := parseRat(t, o.price)
				f := new(big.Rat).SetFrac64(rng.Int64N(20001)-10000, 1e6)
				ref = new(big.Rat).Mul(p, f.Add(f, big.NewRat(1, 1))).FloatString(2 + rng.IntN(7))
			}
			tx := ledger.Transaction[N]{Time: day0, Asset: ratAssets[o.asset], Amount: num[N](t, o.amount),
				Price: num[N](t, o.price), Commission: num[N](t, o.commission)}
			q, p := parseRat(t, o.amount), parseRat(t, o.price)
			notional := r8(new(big.Rat).Mul(q, p))
			want := new(big.Rat)
			if ref != "" {
				tx.Reference = num[N](t, ref)
				want.Sub(notional, r8(new(big.Rat).Mul(q, parseRat(t, ref))))
				if want.Sign() != 0 {
					withSlippage++
				}
			}
			if got := tx.Slippage(); got.String() != ratText(want) {
				t.Fatalf("step %d: %s at %s, reference %q: slippage %s, big.Rat says %s", i, o.amount, o.price, ref, got, ratText(want))
			}
			l.Apply(tx)
			commission.Add(commission, parseRat(t, o.commission))
			slippage.Add(slippage, want)
			traded.Add(traded, new(big.Rat).Abs(notional))
		}
		if i%37 == 36 || i == len(ops)-1 {
			s := l.Snapshot(day0)
			sessions++
			for _, c := range []struct {
				what string
				got  N
				want *big.Rat
			}{{"commission", s.Commission, commission}, {"slippage", s.Slippage, slippage}, {"traded", s.Traded, traded}} {
				if c.got.String() != ratText(c.want) {
					t.Fatalf("snapshot %d (step %d): %s %s, big.Rat says %s", sessions, i, c.what, c.got, ratText(c.want))
				}
			}
			commission, slippage, traded = new(big.Rat), new(big.Rat), new(big.Rat)
		}
	}
	if withSlippage < 1000 {
		t.Errorf("only %d fills with slippage", withSlippage)
	}
	t.Logf("%d sessions, %d fills with slippage: identical to big.Rat", sessions, withSlippage)
}

// ExampleTransaction_Slippage shows the slippage of a buy filled above
// the bar's open, its reference price.
func ExampleTransaction_Slippage() {
	tx := ledger.Transaction[numeric.Fixed]{
		Amount:    numeric.Int[numeric.Fixed](300),
		Price:     numeric.MustParse[numeric.Fixed]("10.0125"),
		Reference: numeric.MustParse[numeric.Fixed]("10"),
	}
	fmt.Println(tx.Notional(), tx.Slippage())
	// Output: 3003.75 3.75
}
