package metrics

import "math"

// Turnover returns the turnover of each period: the value traded in the
// period (the sum of |amount * price| of its transactions) over the
// average portfolio value across the period, (value[i-1] + value[i]) / 2,
// with start as the value before the first period. traded and value are
// aligned (value[i] is the portfolio value at the end of period i). A zero
// average value gives 0 when nothing was traded and +Inf otherwise (pyfolio
// fills 0/0 with 0). It panics when the lengths differ.
func Turnover(traded, value []float64, start float64) []float64 {
	checkAligned(traded, value)
	out := make([]float64, len(traded))
	prev := start
	for i, t := range traded {
		out[i] = PeriodTurnover(t, prev, value[i])
		prev = value[i]
	}
	return out
}

// PeriodTurnover returns the turnover of one period (see Turnover): traded
// over (prev + value) / 2, the average of the portfolio value before the
// period and at its end; 0 when nothing was traded at a zero average,
// +Inf when something was. A caller that sums turnovers calls it per
// period, without Turnover's slice.
func PeriodTurnover(traded, prev, value float64) float64 {
	avg := (prev + value) / 2
	if avg == 0 && traded == 0 {
		return 0
	}
	return traded / avg
}

// Exposure returns the fraction of periods with a position, given the value
// (or size) of the position held in each period: the number of periods
// where it is non-zero over the number of periods. NaN periods are skipped
// (they count in neither); an empty or all-NaN series gives NaN.
func Exposure(position []float64) float64 {
	n, held := 0, 0
	for _, p := range position {
		if math.IsNaN(p) {
			continue
		}
		n++
		if p != 0 {
			held++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(held) / float64(n)
}
