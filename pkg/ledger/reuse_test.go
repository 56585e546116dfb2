package ledger_test

import (
	"fmt"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

func TestReuse(t *testing.T) {
	backendtest.Run(t, testReuseByName)
}

// testReuse books 3000 fills (several chunks of the log) and 30
// snapshots on a ledger, then 1500 fills on a new ledger given its
// storage, and requires the second to hold exactly what a fresh ledger
// holds after the same 1500: the log, its copy and the snapshots. The
// first ledger is left empty, and Reuse on a ledger in use panics.
//
//penny:backends
func testReuse[N numeric.Number[N]](t *testing.T) {
	book := func(l *ledger.Ledger[N], n int) {
		for i := range n {
			amount := "2"
			if i%2 == 1 {
				amount = "-1"
			}
			x := tx[N](t, nvda, amount, fmt.Sprint(100+i%7), "0.5")
			x.Time = day0.Add(0)
			l.Apply(x)
			if i%100 == 99 {
				l.Snapshot(day0.AddDate(0, 0, i/100))
			}
		}
	}
	capital := num[N](t, "1000000")
	old := ledger.New(capital, ledger.Account[N]{})
	book(old, 3000)
	// A position in an asset the next run does not trade: l starts flat
	// in it all the same.
	old.Apply(tx[N](t, btc, "0.5", "20000", "1"))
	old.Transactions()
	l := ledger.New(capital, ledger.Account[N]{})
	l.Reuse(old)
	book(l, 1500)
	fresh := ledger.New(capital, ledger.Account[N]{})
	book(fresh, 1500)
	if got, want := l.Transactions(), fresh.Transactions(); len(got) != 1500 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the reused ledger's log (%d transactions) differs from a fresh one's (%d)", len(got), len(want))
	}
	if got, want := l.Snapshots(), fresh.Snapshots(); len(got) != 15 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the reused ledger's snapshots (%d) differ from a fresh one's (%d)", len(got), len(want))
	}
	for _, id := range []int{orcl.ID, nvda.ID, btc.ID} {
		if got, want := l.Position(id), fresh.Position(id); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the reused ledger's position %d is %+v, a fresh one's %+v", id, got, want)
		}
	}
	if l.Cash().Cmp(fresh.Cash()) != 0 {
		t.Errorf("cash %s, fresh %s", l.Cash(), fresh.Cash())
	}
	if len(old.Transactions()) != 0 || len(old.Snapshots()) != 0 {
		t.Errorf("Reuse left %d transactions and %d snapshots in the old ledger", len(old.Transactions()), len(old.Snapshots()))
	}
	for name, reuse := range map[string]func(){
		"on a ledger with transactions": func() { l.Reuse(fresh) },
		"on itself":                     func() { n := ledger.New(capital, ledger.Account[N]{}); n.Reuse(n) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Reuse %s did not panic", name)
				}
			}()
			reuse()
		}()
	}
}
