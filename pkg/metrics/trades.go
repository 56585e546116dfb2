package metrics

import "math"

// TradeStats summarizes round trips by their P&L, as pyfolio's round-trip
// tables do. A trip with PnL > 0 is a win, PnL < 0 a loss; a trip with a
// P&L of exactly zero is neither but counts in Count.
type TradeStats struct {
	Count        int     // number of round trips
	Wins, Losses int     // trips with PnL > 0, with PnL < 0
	WinRate      float64 // Wins / Count; NaN with no trip
	ProfitFactor float64 // gross profit / gross loss; see ProfitFactor
	AverageWin   float64 // mean PnL of the wins; NaN with none
	AverageLoss  float64 // mean PnL of the losses (negative); NaN with none
	TotalPnL     float64 // sum of all PnL
}

// Trades computes TradeStats over the round trips in one pass.
func Trades(rts []RoundTrip) TradeStats {
	var s TradeStats
	var profit, loss float64
	for _, rt := range rts {
		s.Count++
		s.TotalPnL += rt.PnL
		switch {
		case rt.PnL > 0:
			s.Wins++
			profit += rt.PnL
		case rt.PnL < 0:
			s.Losses++
			loss += rt.PnL
		}
	}
	s.WinRate = ratio(float64(s.Wins), s.Count)
	s.AverageWin = ratio(profit, s.Wins)
	s.AverageLoss = ratio(loss, s.Losses)
	s.ProfitFactor = profitFactor(profit, loss)
	return s
}

func ratio(sum float64, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

func profitFactor(profit, loss float64) float64 {
	if profit == 0 && loss == 0 {
		return math.NaN()
	}
	return profit / math.Abs(loss)
}

// NumRoundTrips returns the number of round trips.
func NumRoundTrips(rts []RoundTrip) int { return len(rts) }

// WinRate returns the fraction of round trips with a positive P&L, NaN with
// no trip.
func WinRate(rts []RoundTrip) float64 { return Trades(rts).WinRate }

// ProfitFactor returns the gross profit (sum of the positive P&Ls) over the
// gross loss (minus the sum of the negative ones): +Inf when there is no
// loss but a profit, NaN when there is neither.
func ProfitFactor(rts []RoundTrip) float64 { return Trades(rts).ProfitFactor }

// AverageWin returns the mean P&L of the winning round trips, NaN with none.
func AverageWin(rts []RoundTrip) float64 { return Trades(rts).AverageWin }

// AverageLoss returns the mean P&L of the losing round trips (a negative
// number), NaN with none.
func AverageLoss(rts []RoundTrip) float64 { return Trades(rts).AverageLoss }
