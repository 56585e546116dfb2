package metrics

import (
	"math"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

// TradeStats summarizes round trips by their P&L, as pyfolio's and
// backtrader's trade tables do: over the closed trips (Count, Wins,
// Losses and the figures from them), with the trips still open counted
// apart. A closed trip with PnL > 0 is a win, PnL < 0 a loss; a trip with
// a P&L of exactly zero is neither but counts in Count.
//
// Money is in N, exact in Fixed and Decimal: the sums are exact, and the
// two averages are rounded once, to 8 decimals half-even (the ledger's
// rule). The ratios are float64 statistics.
type TradeStats[N numeric.Number[N]] struct {
	Count        int     // closed round trips
	Wins, Losses int     // closed trips with PnL > 0, with PnL < 0
	WinRate      float64 // Wins / Count; NaN with no closed trip
	ProfitFactor float64 // GrossProfit / -GrossLoss; see Trades
	// GrossProfit is the sum of the wins' P&L, GrossLoss that of the
	// losses' (<= 0), and PnL that of every closed trip: GrossProfit +
	// GrossLoss.
	GrossProfit, GrossLoss, PnL N
	// AverageWin is GrossProfit / Wins and AverageLoss GrossLoss / Losses
	// (negative), each rounded to 8 decimals half-even; zero when there
	// is no win, no loss (WinRate and the counts tell).
	AverageWin, AverageLoss N
	// Open counts the trips still open at the end, and OpenPnL is what
	// their partial closes realized. PnL + OpenPnL is the P&L realized
	// over all the trips: for the trips of a whole transaction log, the
	// ledger's Realized.
	Open    int
	OpenPnL N
}

// averageDecimals is the rounding of AverageWin and AverageLoss: 8
// decimals, half-even, as every quotient of the ledger.
const averageDecimals = 8

// Trades computes TradeStats over the round trips (ledger.RoundTrips) in
// one pass. ProfitFactor is computed in float64 from the exact gross
// profit and loss: +Inf when there is a profit and no loss, 0 with a loss
// and no profit, NaN with neither.
func Trades[N numeric.Number[N]](trips []ledger.RoundTrip[N]) TradeStats[N] {
	var s TradeStats[N]
	for i := range trips {
		rt := &trips[i]
		if !rt.Closed {
			s.Open++
			s.OpenPnL = s.OpenPnL.Add(rt.PnL)
			continue
		}
		s.Count++
		switch rt.PnL.Sign() {
		case 1:
			s.Wins++
			s.GrossProfit = s.GrossProfit.Add(rt.PnL)
		case -1:
			s.Losses++
			s.GrossLoss = s.GrossLoss.Add(rt.PnL)
		}
	}
	s.PnL = s.GrossProfit.Add(s.GrossLoss)
	s.WinRate = math.NaN()
	if s.Count > 0 {
		s.WinRate = float64(s.Wins) / float64(s.Count)
	}
	s.AverageWin = average(s.GrossProfit, s.Wins)
	s.AverageLoss = average(s.GrossLoss, s.Losses)
	s.ProfitFactor = math.NaN()
	if s.Wins > 0 || s.Losses > 0 {
		s.ProfitFactor = s.GrossProfit.Float64() / math.Abs(s.GrossLoss.Float64())
	}
	return s
}

// average returns sum / n rounded to 8 decimals half-even, zero for n = 0.
func average[N numeric.Number[N]](sum N, n int) N {
	if n == 0 {
		var z N
		return z
	}
	return sum.DivRound(numeric.Int[N](int64(n)), averageDecimals, numeric.HalfEven)
}
