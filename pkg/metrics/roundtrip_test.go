package metrics

import (
	"errors"
	"math"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2024, 1, d, 21, 0, 0, 0, time.UTC) }

// handTxns is the hand-checked case of TestRoundTrips.
func handTxns() []Transaction {
	return []Transaction{
		{Time: day(1), Symbol: "AAPL", Amount: 10, Price: 100, Commission: 1},
		{Time: day(2), Symbol: "AAPL", Amount: 10, Price: 110, Commission: 1},
		{Time: day(2), Symbol: "MSFT", Amount: 1, Price: 50},
		{Time: day(3), Symbol: "AAPL", Amount: -15, Price: 120, Commission: 1.5},
		{Time: day(4), Symbol: "MSFT", Amount: -1, Price: 40},
		{Time: day(5), Symbol: "AAPL", Amount: -10, Price: 90, Commission: 1},
		{Time: day(6), Symbol: "AAPL", Amount: 5, Price: 80, Commission: 0.5},
	}
}

// TestRoundTrips works through handTxns by hand. Every transaction's
// commission is 0.1 per share.
//
//	day 3, AAPL sells 15 @120: closes the 10 bought @100 and 5 of the 10
//	  bought @110. Entry (10*100 + 5*110)/15 = 1550/15. Commission
//	  10*0.1 + 5*0.1 + 15*0.1 = 3. PnL 15*120 - 1550 - 3 = 247. Opened day 1.
//	day 4, MSFT sells 1 @40 against 1 @50: PnL -10, no commission.
//	day 5, AAPL sells 10 @90: closes the 5 left @110 (PnL 5*(90-110) = -100,
//	  commission 5*0.1 + 5*0.1 = 1, so -101; opened day 2), and the other 5
//	  open a short @90.
//	day 6, AAPL buys 5 @80: closes the short: (80-90)*(-5) = 50, commission
//	  5*0.1 + 5*0.1 = 1, PnL 49; opened day 5.
//
// Cross-check: every position ends flat, so the P&Ls add up to the cash
// flows, -sum(amount*price) - sum(commission) = 200 - 5 (AAPL) - 10
// (MSFT) = 185 = 247 - 10 - 101 + 49.
func TestRoundTrips(t *testing.T) {
	got, err := RoundTrips(handTxns())
	if err != nil {
		t.Fatal(err)
	}
	want := []RoundTrip{
		{Symbol: "AAPL", Open: day(1), Close: day(3), Amount: 15, EntryPrice: 1550.0 / 15, ExitPrice: 120, Commission: 3, PnL: 247},
		{Symbol: "MSFT", Open: day(2), Close: day(4), Amount: 1, EntryPrice: 50, ExitPrice: 40, Commission: 0, PnL: -10},
		{Symbol: "AAPL", Open: day(2), Close: day(5), Amount: 5, EntryPrice: 110, ExitPrice: 90, Commission: 1, PnL: -101},
		{Symbol: "AAPL", Open: day(5), Close: day(6), Amount: -5, EntryPrice: 90, ExitPrice: 80, Commission: 1, PnL: 49},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d round trips, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Symbol != w.Symbol || !g.Open.Equal(w.Open) || !g.Close.Equal(w.Close) {
			t.Errorf("trip %d: %s %v..%v, want %s %v..%v", i, g.Symbol, g.Open, g.Close, w.Symbol, w.Open, w.Close)
		}
		for _, f := range []struct {
			name      string
			got, want float64
		}{
			{"Amount", g.Amount, w.Amount}, {"EntryPrice", g.EntryPrice, w.EntryPrice},
			{"ExitPrice", g.ExitPrice, w.ExitPrice}, {"Commission", g.Commission, w.Commission}, {"PnL", g.PnL, w.PnL},
		} {
			if !near(f.got, f.want, 9) {
				t.Errorf("trip %d %s = %v, want %v", i, f.name, f.got, f.want)
			}
		}
	}
	if d := got[0].Duration(); d != 48*time.Hour {
		t.Errorf("Duration = %v, want 48h", d)
	}
	if r := got[1].Return(); !near(r, -0.2, 12) {
		t.Errorf("Return = %v, want -10/50", r)
	}

	var cash float64
	for _, tx := range handTxns() {
		cash += -tx.Amount*tx.Price - tx.Commission
	}
	var pnl float64
	for _, rt := range got {
		pnl += rt.PnL
	}
	if !near(pnl, cash, 9) || !near(cash, 185, 9) {
		t.Errorf("sum of PnL %v, cash flows %v, want 185 both", pnl, cash)
	}

	stats := Trades(got)
	wantStats := TradeStats{Count: 4, Wins: 2, Losses: 2, WinRate: 0.5, ProfitFactor: 296.0 / 111, AverageWin: 148, AverageLoss: -55.5, TotalPnL: 185}
	if stats.Count != wantStats.Count || stats.Wins != wantStats.Wins || stats.Losses != wantStats.Losses {
		t.Errorf("Trades counts = %+v, want %+v", stats, wantStats)
	}
	checkNear(t, "WinRate", stats.WinRate, wantStats.WinRate, 12)
	checkNear(t, "ProfitFactor", stats.ProfitFactor, wantStats.ProfitFactor, 12)
	checkNear(t, "AverageWin", stats.AverageWin, wantStats.AverageWin, 9)
	checkNear(t, "AverageLoss", stats.AverageLoss, wantStats.AverageLoss, 9)
	checkNear(t, "TotalPnL", stats.TotalPnL, wantStats.TotalPnL, 9)
	if NumRoundTrips(got) != 4 || WinRate(got) != stats.WinRate || ProfitFactor(got) != stats.ProfitFactor ||
		AverageWin(got) != stats.AverageWin || AverageLoss(got) != stats.AverageLoss {
		t.Error("the single trade functions disagree with Trades")
	}
}

func TestRoundTripsOrderAndResidue(t *testing.T) {
	// Input out of time order, fractional amounts whose float64 sum leaves
	// a residue (0.1 + 0.2 is not 0.3), a zero amount that is skipped.
	txns := []Transaction{
		{Time: day(3), Symbol: "BTC", Amount: -0.3, Price: 110},
		{Time: day(1), Symbol: "BTC", Amount: 0.1, Price: 100},
		{Time: day(2), Symbol: "BTC", Amount: 0.2, Price: 103},
		{Time: day(2), Symbol: "BTC", Amount: 0, Price: 999, Commission: 5},
		{Time: day(4), Symbol: "BTC", Amount: 1, Price: 100},
		{Time: day(5), Symbol: "BTC", Amount: -1, Price: 101},
	}
	got, err := RoundTrips(txns)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d round trips, want 2: %+v", len(got), got)
	}
	// (0.1*100 + 0.2*103)/0.3 = 30.6/0.3 = 102; PnL 0.3*(110-102) = 2.4.
	checkNear(t, "EntryPrice", got[0].EntryPrice, 102, 9)
	checkNear(t, "PnL", got[0].PnL, 2.4, 9)
	checkNear(t, "Amount", got[0].Amount, 0.3, 12)
	if !got[0].Open.Equal(day(1)) {
		t.Errorf("Open = %v, want day 1", got[0].Open)
	}
	// The second trip is exactly the 1 bought and sold: no residue of the
	// first made it a partial close.
	if got[1].Amount != 1 || !got[1].Open.Equal(day(4)) || !near(got[1].PnL, 1, 12) {
		t.Errorf("second trip = %+v, want 1 @100 -> @101 opened day 4", got[1])
	}
}

func TestRoundTripsEqualTimesKeepInputOrder(t *testing.T) {
	txns := []Transaction{
		{Time: day(1), Symbol: "X", Amount: 1, Price: 10},
		{Time: day(1), Symbol: "X", Amount: -1, Price: 12},
		{Time: day(1), Symbol: "X", Amount: -1, Price: 12},
		{Time: day(1), Symbol: "X", Amount: 1, Price: 11},
	}
	got, err := RoundTrips(txns)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].PnL != 2 || got[1].PnL != 1 || got[1].Amount != -1 {
		t.Errorf("got %+v, want a long +2 then a short +1", got)
	}
}

func TestRoundTripsOpenAtEnd(t *testing.T) {
	got, err := RoundTrips([]Transaction{{Time: day(1), Symbol: "X", Amount: 5, Price: 10}})
	if err != nil || len(got) != 0 {
		t.Errorf("RoundTrips(one buy) = %+v, %v; want none", got, err)
	}
	s := Trades(got)
	if s.Count != 0 || !math.IsNaN(s.WinRate) || !math.IsNaN(s.ProfitFactor) || !math.IsNaN(s.AverageWin) || !math.IsNaN(s.AverageLoss) {
		t.Errorf("Trades(none) = %+v, want zero counts and NaN ratios", s)
	}
}

func TestRoundTripsErrors(t *testing.T) {
	tests := []struct {
		name  string
		tx    Transaction
		field string
	}{
		{"nan amount", Transaction{Symbol: "X", Amount: nan, Price: 1}, "amount"},
		{"inf amount", Transaction{Symbol: "X", Amount: inf, Price: 1}, "amount"},
		{"nan price", Transaction{Symbol: "X", Amount: 1, Price: nan}, "price"},
		{"negative price", Transaction{Symbol: "X", Amount: 1, Price: -1}, "price"},
		{"negative commission", Transaction{Symbol: "X", Amount: 1, Price: 1, Commission: -1}, "commission"},
		{"nan commission", Transaction{Symbol: "X", Amount: 1, Price: 1, Commission: nan}, "commission"},
		{"no symbol", Transaction{Amount: 1, Price: 1}, "symbol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txns := []Transaction{{Symbol: "OK", Amount: 1, Price: 1}, tt.tx}
			_, err := RoundTrips(txns)
			var te *TransactionError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want a *TransactionError", err)
			}
			if te.Index != 1 || te.Field != tt.field {
				t.Errorf("error names transaction %d field %q, want 1 %q (%v)", te.Index, te.Field, tt.field, err)
			}
		})
	}
}

func TestProfitFactorEdges(t *testing.T) {
	trips := func(pnls ...float64) []RoundTrip {
		out := make([]RoundTrip, len(pnls))
		for i, p := range pnls {
			out[i].PnL = p
		}
		return out
	}
	tests := []struct {
		name                   string
		pnls                   []float64
		pf, winRate, win, loss float64
	}{
		{"only wins", []float64{1, 3}, inf, 1, 2, nan},
		{"only losses", []float64{-1, -3}, 0, 0, nan, -2},
		{"only even", []float64{0, 0}, nan, 0, nan, nan},
		{"mixed with even", []float64{4, 0, -2}, 2, 1.0 / 3, 4, -2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Trades(trips(tt.pnls...))
			checkNear(t, "ProfitFactor", s.ProfitFactor, tt.pf, 12)
			checkNear(t, "WinRate", s.WinRate, tt.winRate, 12)
			checkNear(t, "AverageWin", s.AverageWin, tt.win, 12)
			checkNear(t, "AverageLoss", s.AverageLoss, tt.loss, 12)
		})
	}
}

func TestTurnover(t *testing.T) {
	// Period 1: 100 traded over (1000 + 1000)/2; period 2: nothing; period
	// 3: 50 over (1100 + 900)/2; period 4: 10 over a zero value; period 5:
	// nothing over a zero value.
	got := Turnover([]float64{100, 0, 50, 10, 0}, []float64{1000, 1100, 900, -900, 0}, 1000)
	want := []float64{0.1, 0, 0.05, inf, 0}
	for i := range want {
		checkNear(t, "Turnover", got[i], want[i], 12)
	}
}

func TestExposure(t *testing.T) {
	tests := []struct {
		name     string
		position []float64
		want     float64
	}{
		{"empty", nil, nan},
		{"all nan", []float64{nan}, nan},
		{"half", []float64{0, 10, nan, -5, 0}, 0.5},
		{"always", []float64{1, 2}, 1},
		{"never", []float64{0, 0, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "Exposure", Exposure(tt.position), tt.want, 12)
		})
	}
}
