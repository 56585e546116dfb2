package metrics

import (
	"math"
	"strconv"
	"testing"
)

// The expected values in this file are the ones published in empyrical's
// own test suite, empyrical/tests/test_stats.py (quantopian/empyrical,
// class TestStats), with their fixtures copied as data. Each table names the
// Python test it comes from. empyrical compares with numpy's
// assert_almost_equal at DECIMAL_PLACES = 8 unless the table says
// otherwise; near does the same.
//
// empyrical passes some "risk-free" or "required" arguments as whole
// series (mixed_returns, simple_benchmark, flat_line_1). Its functions
// subtract them element by element before doing anything else, so these
// cases are written here as the subtracted series with a scalar of 0, or,
// for the constant flat_line_1, as the scalar 0.01.

func pct(xs ...float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x / 100
	}
	return out
}

func repeat(x float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = x
	}
	return out
}

func sub(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] - b[i]
	}
	return out
}

func scale(k float64, a []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = k * a[i]
	}
	return out
}

var (
	nan = math.NaN()
	inf = math.Inf(1)

	// Fixtures of TestStats.
	simpleBenchmark    = pct(0, 1, 0, 1, 0, 1, 0, 1, 0)
	positiveReturns    = pct(1, 2, 1, 1, 1, 1, 1, 1, 1)
	negativeReturns    = pct(0, -6, -7, -1, -9, -2, -6, -8, -5)
	allNegativeReturns = pct(-2, -6, -7, -1, -9, -2, -6, -8, -5)
	mixedReturns       = pct(nan, 1, 10, -4, 2, 3, 2, 1, -10)
	flatLine1          = pct(1, 1, 1, 1, 1, 1, 1, 1, 1)
	weeklyReturns      = pct(0, 1, 10, -4, 2, 3, 2, 1, -10)
	monthlyReturns     = weeklyReturns
	oneReturn          = pct(1)
	emptyReturns       = []float64{}
	flatLine1TZ        = repeat(0.01, 1000)
	dfOne              = []float64{-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036}
	dfTwo              = []float64{0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769}
)

// posLine is np.linspace(0, 1, num=1000).
func posLine() []float64 {
	out := make([]float64, 1000)
	for i := range out {
		out[i] = float64(i) / 999
	}
	return out
}

// near is numpy's assert_almost_equal: NaN matches NaN, an infinity
// matches the same infinity, and otherwise |got - want| < 1.5 * 10^-decimals.
func near(got, want float64, decimals int) bool {
	switch {
	case math.IsNaN(want):
		return math.IsNaN(got)
	case math.IsInf(want, 0):
		return got == want
	}
	return math.Abs(got-want) < 1.5*math.Pow(10, -float64(decimals))
}

func checkNear(t *testing.T, name string, got, want float64, decimals int) {
	t.Helper()
	if !near(got, want, decimals) {
		t.Errorf("%s = %s, want %s (to %d decimals)", name, strconv.FormatFloat(got, 'g', -1, 64), strconv.FormatFloat(want, 'g', -1, 64), decimals)
	}
}

const decimalPlaces = 8

func TestCumReturns(t *testing.T) {
	// test_cum_returns (4 decimals).
	tests := []struct {
		name    string
		returns []float64
		start   float64
		want    []float64
	}{
		{"empty", emptyReturns, 0, []float64{}},
		{"mixed", mixedReturns, 0, []float64{0.0, 0.01, 0.111, 0.066559, 0.08789, 0.12052, 0.14293, 0.15436, 0.03893}},
		{"mixed/start=100", mixedReturns, 100, []float64{100.0, 101.0, 111.1, 106.65599, 108.78912, 112.05279, 114.29384, 115.43678, 103.89310}},
		{"negative", negativeReturns, 0, []float64{0.0, -0.06, -0.1258, -0.13454, -0.21243, -0.22818, -0.27449, -0.33253, -0.36590}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CumReturns(tt.returns, tt.start)
			if len(got) != len(tt.want) {
				t.Fatalf("len = %d, want %d", len(got), len(tt.want))
			}
			for i := range got {
				checkNear(t, "CumReturns["+strconv.Itoa(i)+"]", got[i], tt.want[i], 4)
			}
		})
	}
}

func TestCumReturnsFinal(t *testing.T) {
	// test_cum_returns_final (4 decimals).
	tests := []struct {
		name    string
		returns []float64
		start   float64
		want    float64
	}{
		{"empty", emptyReturns, 0, nan},
		{"one", oneReturn, 0, oneReturn[0]},
		{"mixed", mixedReturns, 0, 0.03893},
		{"mixed/start=100", mixedReturns, 100, 103.89310},
		{"negative", negativeReturns, 0, -0.36590},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "CumReturnsFinal", CumReturnsFinal(tt.returns, tt.start), tt.want, 4)
		})
	}
}

// product is the compounded return of rs, written out plainly as the
// independent check test_max_drawdown uses for all-negative series.
func product(rs []float64) float64 {
	p := 1.0
	for _, r := range rs {
		p *= 1 + r
	}
	return p - 1
}

func TestMaxDrawdown(t *testing.T) {
	// test_max_drawdown. For the all-negative series the drawdown is the
	// total return; empyrical's table says so with cum_returns_final, here
	// it is the plain product.
	tests := []struct {
		name    string
		returns []float64
		want    float64
	}{
		{"empty", emptyReturns, nan},
		{"one", oneReturn, 0},
		{"simple_benchmark", simpleBenchmark, 0},
		{"mixed", mixedReturns, -0.1},
		{"positive", positiveReturns, 0},
		{"negative", negativeReturns, -0.36590730349873601},
		{"negative/product", negativeReturns, product(negativeReturns)},
		{"all_negative", allNegativeReturns, product(allNegativeReturns)},
		{"up_down_up", pct(10, -10, 10), -0.10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "MaxDrawdown", MaxDrawdown(tt.returns), tt.want, decimalPlaces)
		})
	}
}

func TestAnnualReturn(t *testing.T) {
	// test_annual_ret and test_cagr (cagr is annual_return).
	tests := []struct {
		name    string
		returns []float64
		period  Period
		want    float64
	}{
		{"annual_ret/mixed/daily", mixedReturns, Daily, 1.9135925373194231},
		{"annual_ret/weekly", weeklyReturns, Weekly, 0.24690830513998208},
		{"annual_ret/monthly", monthlyReturns, Monthly, 0.052242061386048144},
		{"cagr/empty", emptyReturns, Daily, nan},
		{"cagr/one", oneReturn, Daily, 11.274002099240244},
		{"cagr/mixed", mixedReturns, Daily, 1.9135925373194231},
		{"cagr/flat_line_1_tz", flatLine1TZ, Daily, 11.274002099240256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "AnnualReturn", AnnualReturn(tt.returns, tt.period), tt.want, decimalPlaces)
		})
	}
}

func TestAnnualVolatility(t *testing.T) {
	// test_annual_volatility.
	tests := []struct {
		name    string
		returns []float64
		period  Period
		want    float64
	}{
		{"flat_line_1_tz", flatLine1TZ, Daily, 0.0},
		{"mixed", mixedReturns, Daily, 0.9136465399704637},
		{"weekly", weeklyReturns, Weekly, 0.38851569394870583},
		{"monthly", monthlyReturns, Monthly, 0.18663690238892558},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "AnnualVolatility", AnnualVolatility(tt.returns, tt.period), tt.want, decimalPlaces)
		})
	}
}

func TestCalmarRatio(t *testing.T) {
	// test_calmar.
	tests := []struct {
		name    string
		returns []float64
		period  Period
		want    float64
	}{
		{"empty", emptyReturns, Daily, nan},
		{"one", oneReturn, Daily, nan},
		{"mixed", mixedReturns, Daily, 19.135925373194233},
		{"weekly", weeklyReturns, Weekly, 2.4690830513998208},
		{"monthly", monthlyReturns, Monthly, 0.52242061386048144},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "CalmarRatio", CalmarRatio(tt.returns, tt.period), tt.want, decimalPlaces)
		})
	}
}

func TestOmegaRatio(t *testing.T) {
	// test_omega (required_return is annual, converted with 252).
	tests := []struct {
		name     string
		returns  []float64
		riskFree float64
		required float64
		want     float64
	}{
		{"empty", emptyReturns, 0, 0, nan},
		{"one", oneReturn, 0, 0, nan},
		{"mixed/required=10", mixedReturns, 0, 10, 0.83354263497557934},
		{"mixed/required=-10", mixedReturns, 0, -10, nan},
		{"mixed/risk_free=flat_line_1", mixedReturns, 0.01, 0, 0.8125},
		{"positive/risk_free=0.01", positiveReturns, 0.01, 0, nan},
		{"positive/risk_free=0.011", positiveReturns, 0.011, 0, 1.125},
		{"positive/risk_free=0.02", positiveReturns, 0.02, 0, 0.0},
		{"negative/risk_free=0.01", negativeReturns, 0.01, 0, 0.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "OmegaRatio", OmegaRatio(tt.returns, tt.riskFree, tt.required, Daily), tt.want, decimalPlaces)
		})
	}
}

func TestSharpeRatio(t *testing.T) {
	// test_sharpe_ratio.
	tests := []struct {
		name     string
		returns  []float64
		riskFree float64
		want     float64
	}{
		{"empty", emptyReturns, 0, nan},
		{"one", oneReturn, 0, nan},
		{"mixed/risk_free=mixed", sub(mixedReturns, mixedReturns), 0, nan},
		{"mixed", mixedReturns, 0, 1.7238613961706866},
		{"mixed/risk_free=simple_benchmark", sub(mixedReturns, simpleBenchmark), 0, 0.34111411441060574},
		{"positive", positiveReturns, 0, 52.915026221291804},
		{"negative", negativeReturns, 0, -24.406808633910085},
		{"flat_line_1", flatLine1, 0, inf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "SharpeRatio", SharpeRatio(tt.returns, tt.riskFree, Daily), tt.want, decimalPlaces)
		})
	}
}

func TestDownsideRisk(t *testing.T) {
	// test_downside_risk; the DataFrame cases are run column by column.
	tests := []struct {
		name     string
		returns  []float64
		required float64
		period   Period
		want     float64
	}{
		{"empty", emptyReturns, 0, Daily, nan},
		{"one", oneReturn, 0, Daily, 0.0},
		{"mixed/required=mixed", sub(mixedReturns, mixedReturns), 0, Daily, 0.0},
		{"mixed", mixedReturns, 0, Daily, 0.60448325038829653},
		{"mixed/required=0.1", mixedReturns, 0.1, Daily, 1.7161730681956295},
		{"weekly", weeklyReturns, 0, Weekly, 0.25888650451930134},
		{"weekly/required=0.1", weeklyReturns, 0.1, Weekly, 0.7733045971672482},
		{"monthly", monthlyReturns, 0, Monthly, 0.1243650540411842},
		{"monthly/required=0.1", monthlyReturns, 0.1, Monthly, 0.37148351242013422},
		{"df_simple/one", dfOne, 0, Daily, 0.20671788246185202},
		{"df_simple/two", dfTwo, 0, Daily, 0.083495680595704475},
		{"df_week/one", dfOne, 0, Weekly, 0.093902996054410062},
		{"df_week/two", dfTwo, 0, Weekly, 0.037928477556776516},
		{"df_month/one", dfOne, 0, Monthly, 0.045109540184877193},
		{"df_month/two", dfTwo, 0, Monthly, 0.018220251263412916},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "DownsideRisk", DownsideRisk(tt.returns, tt.required, tt.period), tt.want, decimalPlaces)
		})
	}
}

func TestSortinoRatio(t *testing.T) {
	// test_sortino; the DataFrame cases are run column by column.
	tests := []struct {
		name     string
		returns  []float64
		required float64
		period   Period
		want     float64
	}{
		{"empty", emptyReturns, 0, Daily, nan},
		{"one", oneReturn, 0, Daily, nan},
		{"mixed/required=mixed", sub(mixedReturns, mixedReturns), 0, Daily, nan},
		{"mixed", mixedReturns, 0, Daily, 2.605531251673693},
		{"mixed/required=flat_line_1", mixedReturns, 0.01, Daily, -1.3934779588919977},
		{"positive", positiveReturns, 0, Daily, inf},
		{"negative", negativeReturns, 0, Daily, -13.532743075043401},
		{"simple_benchmark", simpleBenchmark, 0, Daily, inf},
		{"weekly", weeklyReturns, 0, Weekly, 1.1158901056866439},
		{"monthly", monthlyReturns, 0, Monthly, 0.53605626741889756},
		{"df_simple/one", dfOne, 0, Daily, 3.0639640966566306},
		{"df_simple/two", dfTwo, 0, Daily, 38.090963117002495},
		{"df_week/one", dfOne, 0, Weekly, 1.3918264112070571},
		{"df_week/two", dfTwo, 0, Weekly, 17.303077589064618},
		{"df_month/one", dfOne, 0, Monthly, 0.6686117809312383},
		{"df_month/two", dfTwo, 0, Monthly, 8.3121296084492844},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "SortinoRatio", SortinoRatio(tt.returns, tt.required, tt.period), tt.want, decimalPlaces)
		})
	}
}

func TestExcessSharpe(t *testing.T) {
	// test_excess_sharpe; a factor_returns of 0.0 is a zero series.
	pos := posLine()
	tests := []struct {
		name      string
		returns   []float64
		benchmark []float64
		want      float64
	}{
		{"empty", emptyReturns, emptyReturns, nan},
		{"one", oneReturn, []float64{0}, nan},
		{"pos_line/pos_line", pos, pos, nan},
		{"mixed/0", mixedReturns, repeat(0, len(mixedReturns)), 0.10859306069076737},
		{"mixed/flat_line_1", mixedReturns, flatLine1, -0.06515583641446039},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "ExcessSharpe", ExcessSharpe(tt.returns, tt.benchmark), tt.want, decimalPlaces)
		})
	}
}

// alignedNegative is negative_returns[1:] aligned by date to mixed_returns
// (pandas' outer join, as empyrical's alpha_beta does): the first date has
// no benchmark return.
func alignedNegative() []float64 {
	return append([]float64{nan}, negativeReturns[1:]...)
}

func TestAlphaBeta(t *testing.T) {
	// test_alpha_beta, test_alpha and test_beta (the cases with fixed
	// expected values; noise is this package's own, the expected betas are
	// exact by construction).
	noise := gaussNoise(1000, 0.001, 1)
	sparse := sprinkleNaN(noise, 7, 2)
	sparseFlat := sprinkleNaN(flatLine1TZ, 5, 3)
	nanOnly := repeat(nan, len(simpleBenchmark)) // empty_returns aligned to simple_benchmark
	tests := []struct {
		name      string
		returns   []float64
		benchmark []float64
		alpha     float64 // NaN to skip when the Python test gives no alpha
		beta      float64
		skipAlpha bool
	}{
		{"alpha_beta/empty", nanOnly, simpleBenchmark, nan, nan, false},
		{"alpha_beta/one", oneReturn, oneReturn, nan, nan, false},
		{"alpha_beta/mixed/negative[1:]", mixedReturns, alignedNegative(), -0.9997853834885004, -0.71296296296296313, false},
		{"alpha_beta/mixed/mixed", mixedReturns, mixedReturns, 0.0, 1.0, false},
		{"alpha_beta/mixed/-mixed", mixedReturns, scale(-1, mixedReturns), 0.0, -1.0, false},
		{"alpha/mixed/flat_line_1", mixedReturns, flatLine1, nan, nan, false},
		{"beta/noise/noise", noise, noise, 0, 1.0, true},
		{"beta/2noise/noise", scale(2, noise), noise, 0, 2.0, true},
		{"beta/noise/inv_noise", noise, scale(-1, noise), 0, -1.0, true},
		{"beta/2noise/inv_noise", scale(2, noise), scale(-1, noise), 0, -2.0, true},
		{"beta/sparse_noise*flat/sparse_flat", mulSeries(sparse, flatLine1TZ), sparseFlat, 0, nan, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := AlphaBeta(tt.returns, tt.benchmark, 0, Daily)
			checkNear(t, "beta", b, tt.beta, decimalPlaces)
			checkNear(t, "Beta", Beta(tt.returns, tt.benchmark), tt.beta, decimalPlaces)
			if !tt.skipAlpha {
				checkNear(t, "alpha", a, tt.alpha, decimalPlaces)
				checkNear(t, "Alpha", Alpha(tt.returns, tt.benchmark, 0, Daily), tt.alpha, decimalPlaces)
			}
		})
	}
}

func TestAlphaBetaWithNaNInputs(t *testing.T) {
	// test_alpha_beta_with_nan_inputs: NaN periods are dropped, not
	// propagated.
	sparse := sprinkleNaN(gaussNoise(1000, 0.001, 4), 9, 5)
	a, b := AlphaBeta(sparse, sparse, 0, Daily)
	if math.IsNaN(a) || math.IsNaN(b) {
		t.Errorf("AlphaBeta(sparse, sparse) = %v, %v, want numbers", a, b)
	}
}

func TestAlphaBetaTranslation(t *testing.T) {
	// test_alpha_beta_translation: shifting the returns by c moves the daily
	// alpha, (1 + alpha)^(1/252), by c and leaves beta alone.
	for _, mean := range []float64{0, 0.01} {
		ret, bench := correlated(1000, mean, 0.01, 0.001, 0.001, 0.8, 6)
		const c = 0.001
		a0, b0 := AlphaBeta(ret, bench, 0, Daily)
		aUp, bUp := AlphaBeta(addConst(ret, c), bench, 0, Daily)
		aDown, bDown := AlphaBeta(addConst(ret, -c), bench, 0, Daily)
		daily := func(a float64) float64 { return math.Pow(a+1, 1.0/252) }
		checkNear(t, "alpha up", daily(aUp)-daily(a0), c, decimalPlaces)
		checkNear(t, "alpha down", daily(a0)-daily(aDown), c, decimalPlaces)
		checkNear(t, "beta up", bUp, b0, decimalPlaces)
		checkNear(t, "beta down", bDown, b0, decimalPlaces)
	}
}

func TestStabilityOfTimeseries(t *testing.T) {
	// test_stability_of_timeseries.
	tests := []struct {
		name    string
		returns []float64
		want    float64
	}{
		{"empty", emptyReturns, nan},
		{"one", oneReturn, nan},
		{"mixed", mixedReturns, 0.1529973665111273},
		{"flat_line_1_tz", flatLine1TZ, 1.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "StabilityOfTimeseries", StabilityOfTimeseries(tt.returns), tt.want, decimalPlaces)
		})
	}
}

func TestTailRatio(t *testing.T) {
	// test_tail_ratio compares to ONE decimal. Its mixed_returns value,
	// 0.9473684210526313 = 7.2/7.6, is what the series gives with its NaN
	// read as 0; empyrical drops the NaN, which gives the value of the
	// "mixed/by_hand" case, 7.55/7.9 (sorted non-NaN returns -10 -4 1 1 2 2
	// 3 10 in %: the 95th percentile is at rank 6.65, 3 + 0.65*7 = 7.55; the
	// 5th at rank 0.35, -10 + 0.35*6 = -7.9). Both agree to one decimal.
	tests := []struct {
		name     string
		returns  []float64
		want     float64
		decimals int
	}{
		{"empty", emptyReturns, nan, 1},
		{"one", oneReturn, 1.0, 1},
		{"mixed", mixedReturns, 0.9473684210526313, 1},
		{"mixed/by_hand", mixedReturns, 7.55 / 7.9, 12},
		{"randn", gaussNoise(100000, 1, 7), 1.0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNear(t, "TailRatio", TailRatio(tt.returns), tt.want, tt.decimals)
		})
	}
}

func TestValueAtRisk(t *testing.T) {
	// test_value_at_risk (assert_almost_equal's default, 7 decimals).
	tests := []struct {
		returns []float64
		cutoff  float64
		want    float64
	}{
		{[]float64{1, 2}, 0.0, 1.0},
		{[]float64{1, 2}, 0.3, 1.3},
		{[]float64{1, 2}, 1.0, 2.0},
		{[]float64{1, 81, 82, 83, 84, 85}, 0.1, 41},
		{[]float64{1, 81, 82, 83, 84, 85}, 0.2, 81},
		{[]float64{1, 81, 82, 83, 84, 85}, 0.3, 81.5},
	}
	for _, tt := range tests {
		name := strconv.Itoa(len(tt.returns)) + "/cutoff=" + strconv.FormatFloat(tt.cutoff, 'g', -1, 64)
		t.Run(name, func(t *testing.T) {
			checkNear(t, "ValueAtRisk", ValueAtRisk(tt.returns, tt.cutoff), tt.want, 7)
		})
	}
}

func TestRollingSharpe(t *testing.T) {
	// test_roll_sharpe_ratio: empyrical returns the complete windows only,
	// which are the tail of RollingSharpe's output.
	tests := []struct {
		name    string
		returns []float64
		window  int
		want    []float64
	}{
		{"empty", emptyReturns, 6, nil},
		{"negative", negativeReturns, 6, []float64{-18.09162052, -26.79897486, -26.69138263, -25.72298838}},
		{"mixed", mixedReturns, 6, []float64{7.57445259, 8.22784105, 8.22784105, -3.1374751}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RollingSharpe(tt.returns, tt.window, 0, Daily)
			if len(got) != len(tt.returns) {
				t.Fatalf("len = %d, want %d", len(got), len(tt.returns))
			}
			head := len(got) - len(tt.want)
			for i := range head {
				if !math.IsNaN(got[i]) {
					t.Errorf("out[%d] = %v, want NaN before the first full window", i, got[i])
				}
			}
			for i, w := range tt.want {
				checkNear(t, "RollingSharpe["+strconv.Itoa(head+i)+"]", got[head+i], w, decimalPlaces)
			}
		})
	}
}

// TestRollingVolatilityAndBeta checks each full window of the rolling
// volatility and beta against AnnualVolatility and Beta of the same
// window (bit for bit: they are those functions), NaN before the first.
func TestRollingVolatilityAndBeta(t *testing.T) {
	returns := []float64{0.01, -0.02, 0.015, 0.003, math.NaN(), -0.01, 0.02, 0.007, -0.004, 0.012, 0.001}
	bench := []float64{0.005, -0.01, 0.01, 0.002, 0.001, math.NaN(), 0.012, 0.004, -0.002, 0.008, -0.003}
	for _, w := range []int{1, 2, 3, 5, len(returns), len(returns) + 1} {
		vol := RollingVolatility(returns, w, Weekly)
		beta := RollingBeta(returns, bench, w)
		if len(vol) != len(returns) || len(beta) != len(returns) {
			t.Fatalf("window %d: %d and %d values for %d returns", w, len(vol), len(beta), len(returns))
		}
		for i := range returns {
			wantV, wantB := math.NaN(), math.NaN()
			if w >= 2 && i >= w-1 {
				wantV = AnnualVolatility(returns[i-w+1:i+1], Weekly)
				wantB = Beta(returns[i-w+1:i+1], bench[i-w+1:i+1])
			}
			if !sameBits(vol[i], wantV) || !sameBits(beta[i], wantB) {
				t.Errorf("window %d, out[%d]: volatility %v, beta %v; want %v, %v", w, i, vol[i], beta[i], wantV, wantB)
			}
		}
	}
	// A window over the NaN return still has a volatility; every window of
	// 5 or more has a finite beta.
	if v := RollingVolatility(returns, 3, Daily)[5]; math.IsNaN(v) {
		t.Errorf("volatility over a window with a NaN: %v", v)
	}
}

func sameBits(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
