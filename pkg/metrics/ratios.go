package metrics

import "math"

// SharpeRatio returns the annualized Sharpe ratio, empyrical's sharpe_ratio:
// mean(r - riskFree) / std(r - riskFree) * sqrt(factor), over the non-NaN
// returns, with the sample standard deviation (ddof=1). riskFree is a
// per-period return (0 in empyrical's default). Fewer than two returns give
// NaN. A zero deviation gives +Inf or -Inf by the sign of the mean excess
// return, or NaN when that mean is zero too.
func SharpeRatio(returns []float64, riskFree float64, p Period) float64 {
	if len(returns) < 2 {
		return math.NaN()
	}
	var m moments
	for _, r := range returns {
		m.add(r)
	}
	return sharpe(&m, riskFree, p.AnnualizationFactor())
}

func sharpe(m *moments, riskFree, factor float64) float64 {
	return (m.nanmean() - riskFree) / m.nanstd() * math.Sqrt(factor)
}

// SortinoRatio returns the annualized Sortino ratio, empyrical's
// sortino_ratio: mean(r - requiredReturn) * factor divided by
// DownsideRisk(returns, requiredReturn, p). requiredReturn is a per-period
// return. Fewer than two returns give NaN. A zero downside risk (no return
// below requiredReturn) gives +Inf, or NaN when the mean excess is zero.
func SortinoRatio(returns []float64, requiredReturn float64, p Period) float64 {
	if len(returns) < 2 {
		return math.NaN()
	}
	var m moments
	d := downside{required: requiredReturn}
	for _, r := range returns {
		m.add(r)
		d.add(r)
	}
	return sortino(&m, &d, p.AnnualizationFactor())
}

func sortino(m *moments, d *downside, factor float64) float64 {
	return (m.nanmean() - d.required) * factor / d.risk(factor)
}

// CalmarRatio returns the annual return over the magnitude of the maximum
// drawdown, empyrical's calmar_ratio. It is NaN when there is no drawdown
// (or no returns) and when the ratio would be infinite.
func CalmarRatio(returns []float64, p Period) float64 {
	if len(returns) == 0 {
		return math.NaN()
	}
	g := newGrowth()
	for _, r := range returns {
		g.add(r)
	}
	return calmar(float64(len(returns)), &g, p.AnnualizationFactor())
}

func calmar(n float64, g *growth, factor float64) float64 {
	if !(g.maxDD < 0) {
		return math.NaN()
	}
	c := annualReturn(n, g.value, factor) / math.Abs(g.maxDD)
	if math.IsInf(c, 0) {
		return math.NaN()
	}
	return c
}

// OmegaRatio returns the Omega ratio, empyrical's omega_ratio: the sum of
// the parts of r - riskFree - threshold above zero over the sum of the parts
// below zero (NaN returns skipped). riskFree is a per-period return;
// requiredReturn is an ANNUAL return, turned into the per-period threshold
// (1 + requiredReturn)^(1/factor) - 1 with the factor of p. (empyrical
// converts with 252 whatever the period unless told otherwise; with the
// default requiredReturn of 0 the threshold is 0 either way.) Fewer than
// two returns, requiredReturn <= -1, or no part below zero give NaN.
func OmegaRatio(returns []float64, riskFree, requiredReturn float64, p Period) float64 {
	if len(returns) < 2 || requiredReturn <= -1 {
		return math.NaN()
	}
	o := newOmega(riskFree, requiredReturn, p.AnnualizationFactor())
	for _, r := range returns {
		o.add(r)
	}
	return o.ratio()
}

func newOmega(riskFree, requiredReturn, factor float64) omega {
	threshold := math.Pow(1+requiredReturn, 1/factor) - 1
	return omega{shift: riskFree + threshold}
}

// StabilityOfTimeseries returns the R-squared of a least-squares line
// through the cumulative log returns, empyrical's stability_of_timeseries
// (NaN returns dropped). Fewer than two returns, or no non-NaN return, give
// NaN. As in scipy's linregress, a flat cumulative series (all returns
// zero) or a single non-NaN return gives 0.
func StabilityOfTimeseries(returns []float64) float64 {
	if len(returns) < 2 {
		return math.NaN()
	}
	var s stability
	for _, r := range returns {
		s.add(r)
	}
	return s.rSquared()
}
