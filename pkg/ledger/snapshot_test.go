package ledger_test

import (
	"math"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

//penny:backends
func testSnapshot[N numeric.Number[N]](t *testing.T) {
	day1, day2, day3 := day0, day0.Add(24*time.Hour), day0.Add(48*time.Hour)
	l := ledger.New(num[N](t, "10000"), ledger.Account[N]{Shorting: true, MaxLeverage: num[N](t, "3")})
	l.Apply(tx[N](t, orcl, "10", "100", "0"))
	l.UpdatePrice(orcl.ID, num[N](t, "110"))
	s1 := l.Snapshot(day1)
	l.Apply(tx[N](t, nvda, "-5", "200", "0"))
	l.UpdatePrice(orcl.ID, num[N](t, "100"))
	l.UpdatePrice(nvda.ID, num[N](t, "220"))
	s2 := l.Snapshot(day2)
	type want struct {
		session                                          time.Time
		value, cash, positions, pnl, long, short, unreal string
		ret, gross, net                                  float64
		n                                                int
	}
	// Day 1: 9000 cash + 10*110. Day 2: cash 9000 + 1000, ORCL 1000, NVDA
	// -1100: value 9900, unrealized 0 - 100.
	wants := []want{
		{day1, "10100", "9000", "1100", "100", "1100", "0", "100", 10100.0/10000 - 1, 1100.0 / 10100, 1100.0 / 10100, 1},
		{day2, "9900", "10000", "-100", "-200", "1000", "-1100", "-100", 9900.0/10100 - 1, 2100.0 / 9900, -100.0 / 9900, 2},
	}
	for i, s := range []ledger.Snapshot[N]{s1, s2} {
		w := wants[i]
		for _, c := range []struct {
			what string
			got  N
			want string
		}{
			{"value", s.PortfolioValue, w.value}, {"cash", s.Cash, w.cash}, {"positions value", s.PositionsValue, w.positions},
			{"pnl", s.PnL, w.pnl}, {"long", s.Long, w.long}, {"short", s.Short, w.short}, {"unrealized", s.Unrealized, w.unreal},
			{"realized", s.Realized, "0"},
		} {
			if !same(t, c.got, c.want) {
				t.Errorf("snapshot %d: %s = %s, want %s", i+1, c.what, c.got, c.want)
			}
		}
		if !s.Session.Equal(w.session) || s.Positions != w.n {
			t.Errorf("snapshot %d: session %v positions %d", i+1, s.Session, s.Positions)
		}
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"return", s.Return, w.ret}, {"gross leverage", s.GrossLeverage, w.gross}, {"net leverage", s.NetLeverage, w.net}} {
			if math.Abs(c.got-c.want) > 1e-15 {
				t.Errorf("snapshot %d: %s = %v, want %v", i+1, c.what, c.got, c.want)
			}
		}
	}
	if got := l.Snapshots(); len(got) != 2 || !got[1].Session.Equal(day2) {
		t.Errorf("Snapshots() = %d snapshots", len(got))
	}
	// A short that loses all the equity: leverage is infinite.
	l.UpdatePrice(nvda.ID, num[N](t, "2200"))
	s3 := l.Snapshot(day3)
	// value = 10000 + 1000 - 5*2200 = 0.
	if !same(t, s3.PortfolioValue, "0") {
		t.Errorf("value %s", s3.PortfolioValue)
	}
	if !math.IsInf(s3.GrossLeverage, 1) || !math.IsInf(s3.NetLeverage, -1) || s3.Return != -1 {
		t.Errorf("no equity: gross %v net %v return %v", s3.GrossLeverage, s3.NetLeverage, s3.Return)
	}
}

func TestSnapshot(t *testing.T) {
	backendtest.Run(t, testSnapshotByName)
}

//penny:backends
func testFlat[N numeric.Number[N]](t *testing.T) {
	l := ledger.New(num[N](t, "500"), ledger.Account[N]{})
	s := l.Snapshot(day0)
	if !same(t, s.PortfolioValue, "500") || !s.PnL.IsZero() || s.Return != 0 || s.GrossLeverage != 0 || s.NetLeverage != 0 || s.Positions != 0 {
		t.Errorf("flat snapshot %+v", s)
	}
}

func TestSnapshotFlat(t *testing.T) {
	backendtest.Run(t, testFlatByName)
}

// TestGrowSnapshots: with room reserved for every session, taking the
// snapshots allocates nothing, and they are the same as without it.
func TestGrowSnapshots(t *testing.T) {
	const sessions = 300
	run := func(reserve bool) (allocs float64, snaps []ledger.Snapshot[numeric.Fixed]) {
		l := ledger.New(num[numeric.Fixed](t, "10000"), ledger.Account[numeric.Fixed]{})
		l.Apply(tx[numeric.Fixed](t, orcl, "10", "100", "0"))
		if reserve { // AllocsPerRun calls f twice: a warm-up, then the run
			l.GrowSnapshots(2 * sessions)
		}
		day, price := day0, numeric.FixedFromRaw(100_00000000)
		allocs = testing.AllocsPerRun(1, func() {
			for range sessions {
				price = price.Add(numeric.FixedFromRaw(1_00000000))
				l.UpdatePrice(orcl.ID, price)
				l.Snapshot(day)
				day = day.Add(24 * time.Hour)
			}
		})
		return allocs, l.Snapshots()
	}
	allocs, reserved := run(true)
	if allocs != 0 {
		t.Errorf("%d snapshots after GrowSnapshots allocated %v times", sessions, allocs)
	}
	if grown, plain := run(false); grown == 0 || len(plain) != len(reserved) || len(plain) != 2*sessions {
		t.Errorf("without reserving: %v allocations, %d snapshots (with: %d)", grown, len(plain), len(reserved))
	}
}
