package metrics

import "math"

// AnnualVolatility returns the annualized standard deviation of the
// returns, empyrical's annual_volatility: the sample standard deviation
// (ddof=1) of the non-NaN returns times sqrt(factor). Fewer than two
// returns give NaN, and so does a series with fewer than two non-NaN ones.
func AnnualVolatility(returns []float64, p Period) float64 {
	if len(returns) < 2 {
		return math.NaN()
	}
	var m moments
	for _, r := range returns {
		m.add(r)
	}
	return m.nanstd() * math.Sqrt(p.AnnualizationFactor())
}

// DownsideRisk returns the annualized downside deviation below
// requiredReturn (a per-period return), empyrical's downside_risk:
// sqrt(mean(min(r - requiredReturn, 0)^2)) * sqrt(factor), the mean taken
// over the non-NaN returns (all of them, not only those below the
// threshold). An empty or all-NaN series gives NaN.
func DownsideRisk(returns []float64, requiredReturn float64, p Period) float64 {
	if len(returns) == 0 {
		return math.NaN()
	}
	d := downside{required: requiredReturn}
	for _, r := range returns {
		d.add(r)
	}
	return d.risk(p.AnnualizationFactor())
}

// MaxDrawdown returns the largest peak-to-trough fall of the compounded
// series as a fraction of the peak, empyrical's max_drawdown: a number <= 0
// (-0.25 is a 25% fall). The series starts at 1 before its first return, so
// a first negative return is a drawdown. NaN returns count as 0. An empty
// series gives NaN.
func MaxDrawdown(returns []float64) float64 {
	if len(returns) == 0 {
		return math.NaN()
	}
	g := newGrowth()
	for _, r := range returns {
		g.add(r)
	}
	return g.maxDD
}

// ValueAtRisk returns the historical value at risk, empyrical's
// value_at_risk: the cutoff quantile of the returns (numpy's percentile at
// 100*cutoff, linear interpolation), so the 5% VaR is ValueAtRisk(r, 0.05),
// a return (negative for a loss). Like numpy's percentile, it is NaN when
// any return is NaN; it is also NaN for an empty series or a cutoff outside
// [0, 1] (where numpy raises). It sorts a copy of the returns.
func ValueAtRisk(returns []float64, cutoff float64) float64 {
	if len(returns) == 0 || !(cutoff >= 0 && cutoff <= 1) {
		return math.NaN()
	}
	sorted, hadNaN := sortedFinite(make([]float64, 0, len(returns)), returns)
	if hadNaN {
		return math.NaN()
	}
	return quantileSorted(sorted, cutoff)
}

// TailRatio returns the ratio of the right tail to the left tail,
// empyrical's tail_ratio: |95th percentile| / |5th percentile| of the
// non-NaN returns. An empty or all-NaN series gives NaN; a 5th percentile
// of exactly zero gives +Inf (or NaN when the 95th is zero too). It sorts a
// copy of the returns.
func TailRatio(returns []float64) float64 {
	sorted, _ := sortedFinite(make([]float64, 0, len(returns)), returns)
	return tailRatio(sorted)
}

// tailRatio is TailRatio of sorted returns without NaN (or of returns
// whose tail ranks are in place: see tailRanks).
func tailRatio(sorted []float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	return math.Abs(quantileSorted(sorted, 0.95)) / math.Abs(quantileSorted(sorted, 0.05))
}
