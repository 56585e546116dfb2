package metrics

import "fmt"

// The functions in this file compare a returns series with a benchmark
// series aligned to it: benchmark[i] is the benchmark's return over the same
// period as returns[i]. A period where either is NaN is dropped, as
// empyrical drops it. They panic when the two slices differ in length (a
// programmer error: align them first).

func checkAligned(returns, benchmark []float64) {
	if len(returns) != len(benchmark) {
		panic(fmt.Sprintf("metrics: series not aligned: %d and %d values", len(returns), len(benchmark)))
	}
}

func feedPairs(returns, benchmark []float64) pairs {
	checkAligned(returns, benchmark)
	var p pairs
	for i, r := range returns {
		p.add(r, benchmark[i])
	}
	return p
}

// Beta returns the beta of the returns against the benchmark, empyrical's
// beta: cov(benchmark, returns) / var(benchmark) over the periods where both
// are known (population moments; the covariance is computed as
// mean((b - mean b) * r)). A risk-free rate would not change it (empyrical
// ignores its own risk_free argument here), so there is none. Fewer than two
// periods give NaN; so does a benchmark variance below 1e-30 (a constant
// benchmark), as in empyrical.
func Beta(returns, benchmark []float64) float64 {
	p := feedPairs(returns, benchmark)
	return p.beta(returns, benchmark)
}

// Alpha returns the annualized alpha of the returns against the benchmark,
// empyrical's alpha: with beta from Beta, the mean over the paired periods
// of (r - riskFree) - beta * (b - riskFree), compounded over a year:
// (1 + mean)^factor - 1. riskFree is a per-period return. Fewer than two
// periods, or a NaN beta, give NaN.
func Alpha(returns, benchmark []float64, riskFree float64, p Period) float64 {
	a, _ := AlphaBeta(returns, benchmark, riskFree, p)
	return a
}

// AlphaBeta returns Alpha and Beta together, empyrical's alpha_beta, at the
// cost of one Beta.
func AlphaBeta(returns, benchmark []float64, riskFree float64, p Period) (alpha, beta float64) {
	ps := feedPairs(returns, benchmark)
	beta = ps.beta(returns, benchmark)
	alpha = ps.alpha(len(returns), beta, riskFree, p.AnnualizationFactor())
	return alpha, beta
}

// ExcessSharpe returns empyrical's excess_sharpe: the mean of the active
// return r - b over its sample standard deviation (ddof=1), over the
// periods where both are known, not annualized. Fewer than two periods
// give NaN. A zero deviation, or a single paired period, gives +Inf or
// -Inf by the sign of the mean (NaN when it is zero), because empyrical
// turns a NaN deviation into zero.
func ExcessSharpe(returns, benchmark []float64) float64 {
	p := feedPairs(returns, benchmark)
	return p.excessSharpe(len(returns))
}
