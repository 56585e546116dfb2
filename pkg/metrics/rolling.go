package metrics

import "math"

// RollingSharpe returns the Sharpe ratio over a trailing window of window
// periods, aligned with the input: out[i] is SharpeRatio(returns[i-window+1
// : i+1], riskFree, p) for i >= window-1, and NaN before (pandas' rolling
// convention; empyrical's roll_sharpe_ratio returns only the complete
// windows, out[window-1:]). A window shorter than 2 gives all NaN, since a
// Sharpe ratio needs two returns. It allocates the result only.
func RollingSharpe(returns []float64, window int, riskFree float64, p Period) []float64 {
	out := make([]float64, len(returns))
	factor := p.AnnualizationFactor()
	for i := range out {
		if window < 2 || i < window-1 {
			out[i] = math.NaN()
			continue
		}
		var m moments
		for _, r := range returns[i-window+1 : i+1] {
			m.add(r)
		}
		out[i] = sharpe(&m, riskFree, factor)
	}
	return out
}

// RollingVolatility returns the annualized volatility over a trailing
// window of window periods, aligned with the input like RollingSharpe:
// out[i] is AnnualVolatility(returns[i-window+1 : i+1], p) for i >=
// window-1, NaN before. A window shorter than 2 gives all NaN. It
// allocates the result only.
func RollingVolatility(returns []float64, window int, p Period) []float64 {
	out := make([]float64, len(returns))
	scale := math.Sqrt(p.AnnualizationFactor())
	for i := range out {
		if window < 2 || i < window-1 {
			out[i] = math.NaN()
			continue
		}
		var m moments
		for _, r := range returns[i-window+1 : i+1] {
			m.add(r)
		}
		out[i] = m.nanstd() * scale
	}
	return out
}

// RollingBeta returns the beta against the benchmark over a trailing
// window of window periods, aligned with the input like RollingSharpe:
// out[i] is Beta(returns[w], benchmark[w]) for the window w =
// [i-window+1, i+1] when i >= window-1, NaN before. A window shorter than
// 2 gives all NaN. It panics when the two series differ in length.
func RollingBeta(returns, benchmark []float64, window int) []float64 {
	checkAligned(returns, benchmark)
	out := make([]float64, len(returns))
	for i := range out {
		if window < 2 || i < window-1 {
			out[i] = math.NaN()
			continue
		}
		r, b := returns[i-window+1:i+1], benchmark[i-window+1:i+1]
		p := feedPairs(r, b)
		out[i] = p.beta(r, b)
	}
	return out
}
