package metrics

import (
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// sameN reports whether got is want: exactly in Fixed and Decimal, within
// 1e-9 relative in Float.
func sameN[N numeric.Number[N]](got N, want string) bool {
	w := numeric.MustParse[N](want)
	if numeric.Backend[N]() != "float" {
		return got.Cmp(w) == 0
	}
	return near(got.Float64(), w.Float64(), 9)
}

func TestTrades(t *testing.T) {
	backendtest.Run(t, testTradesByName)
}

// testTrades summarizes the round trips the ledger makes of a log, worked
// by hand at average cost:
//
//	AAPL +10 @100 c1, +10 @110 c1, -15 @120 c1.5, -5 @118 c1: cost 2102,
//	  cash back 1798.5 + 589 = 2387.5, P&L 285.5 (one trip, the partial
//	  close makes none of its own).
//	MSFT +3 @50, -3 @40: -30.
//	TSLA -2 @200, +2 @200: 0, neither a win nor a loss.
//	NVDA +3 @10 c0.5, -3 @12 c0.5: 36 - 0.5 - 30.5 = 5.
//	AMD  +3 @10, -1 @13: the partial close removes 30*1/3 = 10 of the cost
//	  and realizes 13 - 10 = 3; the trip stays open.
//
// Closed: 4 trips, 2 wins (285.5 and 5), 1 loss (-30), 1 even: win rate
// 2/4, profit factor 290.5/30, average win 290.5/2 = 145.25, average
// loss -30, P&L 260.5; open: 1 trip that realized 3.
//
//penny:backends
func testTrades[N numeric.Number[N]](t *testing.T) {
	p := numeric.MustParse[N]
	d := func(i int) time.Time { return time.Date(2024, 1, i, 21, 0, 0, 0, time.UTC) }
	asset := map[string]market.Asset{}
	fill := func(day int, sym, amount, price, commission string) ledger.Transaction[N] {
		a, ok := asset[sym]
		if !ok {
			a = market.Asset{ID: len(asset), Symbol: sym}
			asset[sym] = a
		}
		return ledger.Transaction[N]{Time: d(day), Asset: a, Amount: p(amount), Price: p(price), Commission: p(commission)}
	}
	log := []ledger.Transaction[N]{
		fill(1, "AAPL", "10", "100", "1"),
		fill(2, "AAPL", "10", "110", "1"),
		fill(2, "MSFT", "3", "50", "0"),
		fill(3, "AAPL", "-15", "120", "1.5"),
		fill(3, "TSLA", "-2", "200", "0"),
		fill(4, "MSFT", "-3", "40", "0"),
		fill(4, "TSLA", "2", "200", "0"),
		fill(5, "AAPL", "-5", "118", "1"),
		fill(5, "NVDA", "3", "10", "0.5"),
		fill(6, "NVDA", "-3", "12", "0.5"),
		fill(6, "AMD", "3", "10", "0"),
		fill(7, "AMD", "-1", "13", "0"),
	}
	l := ledger.New(p("100000"), ledger.Account[N]{Shorting: true})
	for _, x := range log {
		l.Apply(x)
	}
	s := Trades(ledger.RoundTrips(l.Transactions(), l.Events()))
	if s.Count != 4 || s.Wins != 2 || s.Losses != 1 || s.Open != 1 {
		t.Errorf("count %d wins %d losses %d open %d, want 4 2 1 1", s.Count, s.Wins, s.Losses, s.Open)
	}
	checkNear(t, "WinRate", s.WinRate, 0.5, 15)
	checkNear(t, "ProfitFactor", s.ProfitFactor, 290.5/30, 12)
	for _, f := range []struct {
		name string
		got  N
		want string
	}{
		{"GrossProfit", s.GrossProfit, "290.5"}, {"GrossLoss", s.GrossLoss, "-30"}, {"PnL", s.PnL, "260.5"},
		{"AverageWin", s.AverageWin, "145.25"}, {"AverageLoss", s.AverageLoss, "-30"}, {"OpenPnL", s.OpenPnL, "3"},
	} {
		if !sameN(f.got, f.want) {
			t.Errorf("%s = %s, want %s", f.name, f.got, f.want)
		}
	}
	// One P&L model: the closed and open trips realized what the ledger
	// did.
	if got := s.PnL.Add(s.OpenPnL); !sameN(got, l.Realized().String()) || !sameN(got, "263.5") {
		t.Errorf("PnL + OpenPnL = %s, the ledger realized %s, want 263.5", got, l.Realized())
	}
}

func TestTradesEdges(t *testing.T) {
	backendtest.Run(t, testTradesEdgesByName)
}

//penny:backends
func testTradesEdges[N numeric.Number[N]](t *testing.T) {
	trips := func(pnls ...string) []ledger.RoundTrip[N] {
		out := make([]ledger.RoundTrip[N], len(pnls))
		for i, p := range pnls {
			out[i] = ledger.RoundTrip[N]{Closed: true, PnL: numeric.MustParse[N](p)}
		}
		return out
	}
	tests := []struct {
		name          string
		trips         []ledger.RoundTrip[N]
		pf, winRate   float64
		win, loss     string // "" for none (zero, with a zero count)
		pnl, openPnL  string
		count, opened int
	}{
		{"none", nil, nan, nan, "", "", "0", "0", 0, 0},
		{"only open", []ledger.RoundTrip[N]{{PnL: numeric.MustParse[N]("2.5")}, {}}, nan, nan, "", "", "0", "2.5", 0, 2},
		{"only wins", trips("1", "3"), inf, 1, "2", "", "4", "0", 2, 0},
		{"only losses", trips("-1", "-3"), 0, 0, "", "-2", "-4", "0", 2, 0},
		{"only even", trips("0", "0"), nan, 0, "", "", "0", "0", 2, 0},
		{"mixed with even", trips("4", "0", "-2"), 2, 1.0 / 3, "4", "-2", "2", "0", 3, 0},
		// 1/3 and -2/3 rounded to 8 decimals, half-even; 0.000000005/1 ties.
		{"rounded averages", trips("0.5", "0.5", "0.00000001", "-1", "-0.5", "-0.5"), 1.00000001 / 2, 0.5, "0.33333334", "-0.66666667", "-0.99999999", "0", 6, 0},
		{"half-even tie", trips("0.00000001", "0.00000002"), inf, 1, "0.00000002", "", "0.00000003", "0", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Trades(tt.trips)
			checkNear(t, "ProfitFactor", s.ProfitFactor, tt.pf, 12)
			checkNear(t, "WinRate", s.WinRate, tt.winRate, 12)
			if s.Count != tt.count || s.Open != tt.opened {
				t.Errorf("count %d open %d, want %d %d", s.Count, s.Open, tt.count, tt.opened)
			}
			for _, f := range []struct {
				name string
				got  N
				want string
			}{{"AverageWin", s.AverageWin, tt.win}, {"AverageLoss", s.AverageLoss, tt.loss}, {"PnL", s.PnL, tt.pnl}, {"OpenPnL", s.OpenPnL, tt.openPnL}} {
				want := f.want
				if want == "" {
					want = "0"
				}
				if !sameN(f.got, want) {
					t.Errorf("%s = %s, want %s", f.name, f.got, want)
				}
			}
		})
	}
}
