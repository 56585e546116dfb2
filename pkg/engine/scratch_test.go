package engine

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// TestScratchRunsMatchFreshRuns runs a long, a short, a failing and a
// long backtest one after another on one Scratch, each reclaimed after
// it is read, and requires each to give exactly what the same backtest
// gives without a Scratch: every transaction, snapshot, order and round
// trip. The short run after the long one leaves old data beyond its
// ends, the long one after it grows past the short one's storage, and
// the failing one loses what it took.
func TestScratchRunsMatchFreshRuns(t *testing.T) {
	t.Run("backend=float", testScratchRuns[numeric.Float])
	t.Run("backend=fixed", testScratchRuns[numeric.Fixed])
	t.Run("backend=decimal", testScratchRuns[numeric.Decimal])
}

// scratchCase is a backtest of the trader over minute bars to end.
type scratchCase struct {
	end  string
	fail bool // the strategy panics at bar 500
}

func testScratchRuns[N numeric.Number[N]](t *testing.T) {
	cases := []scratchCase{{end: "2024-01-10"}, {end: "2024-01-03"}, {end: "2024-01-05", fail: true}, {end: "2024-01-12"}}
	var s Scratch[N]
	for i, c := range cases {
		fresh := scratchRun[N](t, c, nil)
		if c.fail {
			if fresh != nil {
				t.Fatalf("run %d: a run whose strategy panics gave a result", i)
			}
			if scratchRun(t, c, &s) != nil {
				t.Fatalf("run %d: a run whose strategy panics gave a result", i)
			}
			continue
		}
		if len(fresh.Transactions) < 700 || len(fresh.RoundTrips()) < 50 {
			t.Fatalf("run %d: %d transactions, %d round trips: the trader does not trade as it should", i, len(fresh.Transactions), len(fresh.RoundTrips()))
		}
		reused := scratchRun(t, c, &s)
		for _, f := range []struct {
			name        string
			want, got   any
			wantN, gotN int
		}{
			{"transactions", fresh.Transactions, reused.Transactions, len(fresh.Transactions), len(reused.Transactions)},
			{"snapshots", fresh.Snapshots, reused.Snapshots, len(fresh.Snapshots), len(reused.Snapshots)},
			{"orders", fresh.Orders, reused.Orders, len(fresh.Orders), len(reused.Orders)},
			{"round trips", fresh.RoundTrips(), reused.RoundTrips(), len(fresh.RoundTrips()), len(reused.RoundTrips())},
			{"cash and value", [2]N{fresh.Cash, fresh.Value}, [2]N{reused.Cash, reused.Value}, 1, 1},
		} {
			if f.wantN != f.gotN || fmt.Sprint(f.want) != fmt.Sprint(f.got) {
				t.Errorf("run %d (to %s): %s differ from a fresh run's (%d and %d of them)", i, c.end, f.name, f.gotN, f.wantN)
			}
		}
		s.Reclaim(reused)
		if reused.Transactions != nil || reused.Snapshots != nil || reused.Orders != nil {
			t.Fatalf("run %d: Reclaim left the result's storage in it", i)
		}
		s.Reclaim(reused) // a second Reclaim finds nothing to take
	}
}

// scratchRun runs c, on s when s is not nil; nil for a run that failed.
func scratchRun[N numeric.Number[N]](t *testing.T, c scratchCase, s *Scratch[N]) *Result[N] {
	t.Helper()
	strategy := Strategy[N](&trader[N]{})
	if c.fail {
		strategy = &failing[N]{at: 500}
	}
	e, err := New(testData[N](t, market.Minute, "2024-01-02", c.end, 10, false), strategy, scratchConfig[N]())
	if err != nil {
		t.Fatal(err)
	}
	e.Use(s)
	res, err := e.Run(context.Background())
	if err != nil && !c.fail {
		t.Fatal(err)
	}
	return res
}

func scratchConfig[N numeric.Number[N]]() Config[N] {
	sim := execution.Simulator[N]{
		Slippage:   execution.VolumeShare[N]{VolumeLimit: numeric.MustParse[N]("0.025"), PriceImpact: numeric.MustParse[N]("0.1")},
		Commission: execution.PerShare[N]{Cost: numeric.MustParse[N]("0.005"), Min: numeric.Int[N](1)},
	}
	return Config[N]{Capital: numeric.Int[N](1_000_000), Execution: execution.Setup[N]{Simulator: sim, Account: ledger.Account[N]{Shorting: true, MaxLeverage: numeric.Int[N](2)}}}
}

// failing trades as the trader does, and panics at bar at.
type failing[N numeric.Number[N]] struct {
	trader[N]
	at int
}

func (f *failing[N]) OnBar(c *Context[N]) {
	if c.BarIndex() == f.at {
		panic("failing: bar reached")
	}
	f.trader.OnBar(c)
}

// TestScratchAllocations requires a run on a Scratch that a run of the
// same backtest filled to allocate under a tenth of the bytes of a
// fresh run: the transaction log, the snapshots, the orders and the
// round trips are what a run allocates, and the Scratch holds them all.
func TestScratchAllocations(t *testing.T) {
	t.Run("backend=float", testScratchAllocations[numeric.Float])
	t.Run("backend=fixed", testScratchAllocations[numeric.Fixed])
}

func testScratchAllocations[N numeric.Number[N]](t *testing.T) {
	c := scratchCase{end: "2024-01-12"}
	portal := testData[N](t, market.Minute, "2024-01-02", c.end, 10, false)
	var s Scratch[N]
	bytes := func(s *Scratch[N]) uint64 {
		p := portal.Clone()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		e, err := New(p, Strategy[N](&trader[N]{}), scratchConfig[N]())
		if err != nil {
			t.Fatal(err)
		}
		e.Use(s)
		res, err := e.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		res.RoundTrips()
		runtime.ReadMemStats(&after)
		if s != nil {
			s.Reclaim(res)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	fresh := bytes(nil)
	bytes(&s) // fills the scratch
	reused := bytes(&s)
	if reused*10 > fresh {
		t.Errorf("a run on a filled Scratch allocated %d bytes, a fresh run %d: more than a tenth", reused, fresh)
	}
	t.Logf("%d bytes fresh, %d on a Scratch", fresh, reused)
}
