package metrics

import (
	"math"
	"testing"
)

// TestEdgeCases runs every single-series statistic over the degenerate
// series: empty, all NaN, one return, constant series (a deviation of
// exactly zero) and a lone non-NaN return. The expectations follow
// empyrical: NaN where it gives NaN, +Inf or -Inf where its division by a
// zero deviation gives them. Values written as expressions are worked out
// from the definitions in the comments.
func TestEdgeCases(t *testing.T) {
	type want struct {
		cumFinal, annual, vol, sharpe, sortino, downside, mdd, calmar, omega, stability, tail, vaR float64
	}
	sqrt252 := math.Sqrt(252)
	tests := []struct {
		name    string
		returns []float64
		want    want
	}{
		{"empty", []float64{}, want{nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan}},
		// All NaN: compounding sees no change, means and deviations see
		// nothing; stability is NaN where empyrical (scipy) raises.
		{"all_nan", []float64{nan, nan, nan}, want{
			cumFinal: 0, annual: 0, vol: nan, sharpe: nan, sortino: nan, downside: nan,
			mdd: 0, calmar: nan, omega: nan, stability: nan, tail: nan, vaR: nan}},
		// One return: too short for the deviations (empyrical's len < 2).
		{"one", []float64{0.01}, want{
			cumFinal: 0.01, annual: math.Pow(1.01, 252) - 1, vol: nan, sharpe: nan, sortino: nan, downside: 0,
			mdd: 0, calmar: nan, omega: nan, stability: nan, tail: 1, vaR: 0.01}},
		// Constant positive: deviation exactly 0, so Sharpe is +Inf; no
		// return below 0, so Sortino is +Inf and Omega (no loss) NaN.
		{"constant_positive", repeat(0.01, 5), want{
			cumFinal: product(repeat(0.01, 5)), annual: math.Pow(1.01, 252) - 1, vol: 0, sharpe: inf, sortino: inf, downside: 0,
			mdd: 0, calmar: nan, omega: nan, stability: 1, tail: 1, vaR: 0.01}},
		// Constant zero: 0/0 everywhere; a flat cumulative line has
		// R-squared 0 in scipy's linregress.
		{"constant_zero", repeat(0, 5), want{
			cumFinal: 0, annual: 0, vol: 0, sharpe: nan, sortino: nan, downside: 0,
			mdd: 0, calmar: nan, omega: nan, stability: 0, tail: nan, vaR: 0}},
		// Constant negative: Sharpe -Inf; the downside deviation is
		// 0.01*sqrt(252), so Sortino is -0.01*252/(0.01*sqrt(252)) =
		// -sqrt(252); Omega has no gain: 0.
		{"constant_negative", repeat(-0.01, 5), want{
			cumFinal: math.Pow(0.99, 5) - 1, annual: math.Pow(0.99, 252) - 1, vol: 0, sharpe: -inf, sortino: -sqrt252, downside: 0.01 * sqrt252,
			mdd: math.Pow(0.99, 5) - 1, calmar: (math.Pow(0.99, 252) - 1) / (1 - math.Pow(0.99, 5)), omega: 0, stability: 1, tail: 1, vaR: -0.01}},
		// A NaN and one return: long enough for empyrical's length checks,
		// but one value has no sample deviation; with one point scipy gives
		// R-squared 0. The year count includes the NaN period.
		{"nan_then_one", []float64{nan, 0.02}, want{
			cumFinal: 0.02, annual: math.Pow(1.02, 126) - 1, vol: nan, sharpe: nan, sortino: inf, downside: 0,
			mdd: 0, calmar: nan, omega: nan, stability: 0, tail: 1, vaR: nan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, w := tt.returns, tt.want
			checkNear(t, "CumReturnsFinal", CumReturnsFinal(r, 0), w.cumFinal, 12)
			checkNear(t, "AnnualReturn", AnnualReturn(r, Daily), w.annual, 9)
			checkNear(t, "AnnualVolatility", AnnualVolatility(r, Daily), w.vol, 12)
			checkNear(t, "SharpeRatio", SharpeRatio(r, 0, Daily), w.sharpe, 9)
			checkNear(t, "SortinoRatio", SortinoRatio(r, 0, Daily), w.sortino, 9)
			checkNear(t, "DownsideRisk", DownsideRisk(r, 0, Daily), w.downside, 12)
			checkNear(t, "MaxDrawdown", MaxDrawdown(r), w.mdd, 12)
			checkNear(t, "CalmarRatio", CalmarRatio(r, Daily), w.calmar, 9)
			checkNear(t, "OmegaRatio", OmegaRatio(r, 0, 0, Daily), w.omega, 12)
			checkNear(t, "StabilityOfTimeseries", StabilityOfTimeseries(r), w.stability, 9)
			checkNear(t, "TailRatio", TailRatio(r), w.tail, 12)
			checkNear(t, "ValueAtRisk", ValueAtRisk(r, 0.05), w.vaR, 12)
		})
	}
}

// TestZeroDeviationIsExact checks that constant series whose mean is not
// exactly representable (0.1 summed is not 0.1 times n in float64) still
// have a deviation of exactly zero, so the ratios are infinite, not 1e16.
func TestZeroDeviationIsExact(t *testing.T) {
	for _, x := range []float64{0.1, 0.01, 1.0 / 3, 0.0007, -0.003} {
		for _, n := range []int{2, 3, 7, 10, 1000} {
			r := repeat(x, n)
			if v := AnnualVolatility(r, Daily); v != 0 {
				t.Errorf("AnnualVolatility(%v x %d) = %v, want 0", x, n, v)
			}
			if s := SharpeRatio(r, 0, Daily); !math.IsInf(s, int(math.Copysign(1, x))) {
				t.Errorf("SharpeRatio(%v x %d) = %v, want %s", x, n, s, map[bool]string{true: "+Inf", false: "-Inf"}[x > 0])
			}
			if s := SharpeRatio(r, x, Daily); !math.IsNaN(s) {
				t.Errorf("SharpeRatio(%v x %d, risk free %v) = %v, want NaN", x, n, x, s)
			}
			b := repeat(x/2, n)
			if e := ExcessSharpe(r, r); !math.IsNaN(e) {
				t.Errorf("ExcessSharpe(same) = %v, want NaN", e)
			}
			if beta := Beta(b, r); !math.IsNaN(beta) {
				t.Errorf("Beta against a constant benchmark = %v, want NaN", beta)
			}
		}
	}
}

// TestExcessSharpeOnePair: a single paired period has no sample deviation;
// empyrical turns that NaN into 0 and divides by it.
func TestExcessSharpeOnePair(t *testing.T) {
	r := []float64{nan, 0.03, 0.01}
	b := []float64{0.01, 0.01, nan}
	if got := ExcessSharpe(r, b); !math.IsInf(got, 1) {
		t.Errorf("ExcessSharpe = %v, want +Inf", got)
	}
	if got := Beta(r, b); !math.IsNaN(got) {
		t.Errorf("Beta = %v, want NaN (one pair has no variance)", got)
	}
}

func TestValueAtRiskBadCutoff(t *testing.T) {
	for _, c := range []float64{-0.1, 1.5, nan} {
		if got := ValueAtRisk([]float64{0.01, 0.02}, c); !math.IsNaN(got) {
			t.Errorf("ValueAtRisk(cutoff %v) = %v, want NaN", c, got)
		}
	}
}

func TestAlignedPanics(t *testing.T) {
	funcs := map[string]func(){
		"Beta":                   func() { Beta([]float64{1, 2}, []float64{1}) },
		"Alpha":                  func() { Alpha([]float64{1, 2}, []float64{1}, 0, Daily) },
		"ExcessSharpe":           func() { ExcessSharpe([]float64{1}, nil) },
		"SummarizeWithBenchmark": func() { SummarizeWithBenchmark([]float64{1, 2}, []float64{1}, Config{}) },
		"Turnover":               func() { Turnover([]float64{1}, []float64{1, 2}, 1) },
	}
	for name, f := range funcs {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with unaligned series did not panic", name)
				}
			}()
			f()
		})
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		p      Period
		text   string
		factor float64
	}{
		{Daily, "daily", 252},
		{Weekly, "weekly", 52},
		{Monthly, "monthly", 12},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := tt.p.AnnualizationFactor(); got != tt.factor {
				t.Errorf("AnnualizationFactor = %v, want %v", got, tt.factor)
			}
			if got := tt.p.String(); got != tt.text {
				t.Errorf("String = %q, want %q", got, tt.text)
			}
			var p Period
			if err := p.UnmarshalText([]byte(tt.text)); err != nil || p != tt.p {
				t.Errorf("UnmarshalText(%q) = %v, %v", tt.text, p, err)
			}
			b, err := tt.p.MarshalText()
			if err != nil || string(b) != tt.text {
				t.Errorf("MarshalText = %q, %v", b, err)
			}
		})
	}
	if _, err := ParsePeriod("yearly"); err == nil {
		t.Error(`ParsePeriod("yearly") succeeded`)
	}
	if _, err := Period(7).MarshalText(); err == nil {
		t.Error("MarshalText of Period(7) succeeded")
	}
	var zero Period
	if zero != Daily {
		t.Error("the zero Period is not Daily")
	}
}
