package metrics

import "math"

// CumReturns returns the cumulative returns of a series of simple returns,
// empyrical's cum_returns: out[i] is the product of (1 + r) over
// returns[0..i], minus 1 when startingValue is 0, or times startingValue
// otherwise. A NaN return counts as 0 (no change). An empty series gives an
// empty slice.
func CumReturns(returns []float64, startingValue float64) []float64 {
	out := make([]float64, len(returns))
	g := newGrowth()
	for i, r := range returns {
		g.add(r)
		out[i] = scaleGrowth(g.value, startingValue)
	}
	return out
}

// CumReturnsFinal returns the total return of the series, empyrical's
// cum_returns_final: the last value CumReturns would give. NaN returns are
// skipped (nanprod). An empty series gives NaN.
func CumReturnsFinal(returns []float64, startingValue float64) float64 {
	if len(returns) == 0 {
		return math.NaN()
	}
	g := newGrowth()
	for _, r := range returns {
		g.add(r)
	}
	return scaleGrowth(g.value, startingValue)
}

func scaleGrowth(v, startingValue float64) float64 {
	if startingValue == 0 {
		return v - 1
	}
	return v * startingValue
}

// AnnualReturn returns the compound annual growth rate, empyrical's
// annual_return: (1 + total return) ^ (1 / years) - 1, where years is the
// number of periods, NaN ones included, over the annualization factor. An
// empty series gives NaN; a total loss beyond -100% gives NaN unless the
// exponent is an integer (math.Pow's rule, which is C's and numpy's).
func AnnualReturn(returns []float64, p Period) float64 {
	if len(returns) == 0 {
		return math.NaN()
	}
	g := newGrowth()
	for _, r := range returns {
		g.add(r)
	}
	return annualReturn(float64(len(returns)), g.value, p.AnnualizationFactor())
}

func annualReturn(n, ending, factor float64) float64 {
	if n == 0 {
		return math.NaN()
	}
	years := n / factor
	return math.Pow(ending, 1/years) - 1
}
