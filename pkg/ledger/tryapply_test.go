package ledger_test

import (
	"fmt"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

// testTryApply checks that TryApply decides and books as Check followed
// by Apply: the random sequence of fills and marks of the big.Rat test,
// in accounts that refuse some of them (no shorting: sales below zero; a
// cash account: purchases beyond the cash; margin: leverage), on two
// ledgers side by side. Every verdict and reason, and every amount of the
// two ledgers, must be identical after every step.
//
//penny:backends
func testTryApply[N numeric.Number[N]](t *testing.T) {
	ops := randomOps(7, 3000)
	accounts := map[string]ledger.Account[N]{
		"cash":           {},
		"cash+shorting":  {Shorting: true},
		"margin 1.2":     {Shorting: true, MaxLeverage: num[N](t, "1.2")},
		"margin 1, long": {MaxLeverage: num[N](t, "1")},
	}
	for name, acct := range accounts {
		t.Run(name, func(t *testing.T) {
			cash := num[N](t, "200000")
			a, b := ledger.New(cash, acct), ledger.New(cash, acct)
			refused := 0
			for i, o := range ops {
				if o.mark {
					a.UpdatePrice(o.asset, num[N](t, o.price))
					b.UpdatePrice(o.asset, num[N](t, o.price))
					continue
				}
				tx := ledger.Transaction[N]{Time: day0, Asset: ratAssets[o.asset], Amount: num[N](t, o.amount),
					Price: num[N](t, o.price), Commission: num[N](t, o.commission)}
				okA, whyA := a.Check(tx)
				if okA {
					a.Apply(tx)
				} else {
					refused++
				}
				okB, whyB := b.TryApply(tx)
				if okA != okB || whyA != whyB {
					t.Fatalf("step %d: Check %v %q, TryApply %v %q", i, okA, whyA, okB, whyB)
				}
				if got, want := state(b), state(a); got != want {
					t.Fatalf("step %d: after TryApply\n%s\nafter Check and Apply\n%s", i, got, want)
				}
			}
			if refused == 0 || refused == len(ops) {
				t.Errorf("%d fills refused: the test decides nothing", refused)
			}
			t.Logf("%d fills refused", refused)
		})
	}
}

// state prints everything a ledger holds that a fill changes.
func state[N numeric.Number[N]](l *ledger.Ledger[N]) string {
	s := fmt.Sprintf("cash %s realized %s %+v held %v txs %d", l.Cash(), l.Realized(), l.Valuation(), l.Held(), l.NumTransactions())
	for _, id := range l.Held() {
		s += fmt.Sprintf("\n%+v", l.Position(id))
	}
	return s
}

func TestTryApply(t *testing.T) {
	backendtest.Run(t, testTryApplyByName)
}
