package metrics

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestSummarizeMatchesFunctions checks that every Summary field is, bit
// for bit, what the function of the same name returns, over the empyrical
// fixtures and longer random series with NaNs, for every period.
func TestSummarizeMatchesFunctions(t *testing.T) {
	series := map[string][]float64{
		"empty":          emptyReturns,
		"one":            oneReturn,
		"mixed":          mixedReturns,
		"negative":       negativeReturns,
		"positive":       positiveReturns,
		"flat_line_1":    flatLine1,
		"all_nan":        {nan, nan},
		"random_2520":    dailyReturns(2520, 11),
		"random_nan_500": sprinkleNaN(dailyReturns(500, 12), 20, 13),
	}
	for name, r := range series {
		bench := dailyReturns(len(r), 99)
		if len(bench) > 3 {
			bench[len(bench)/2] = nan
		}
		for _, p := range []Period{Daily, Weekly, Monthly} {
			for _, rf := range []float64{0, 0.0001} {
				cfg := Config{Period: p, RiskFree: rf}
				s := SummarizeWithBenchmark(r, bench, cfg)
				alpha, beta := AlphaBeta(r, bench, rf, p)
				want := Summary{
					CumReturnsFinal:       CumReturnsFinal(r, 0),
					AnnualReturn:          AnnualReturn(r, p),
					AnnualVolatility:      AnnualVolatility(r, p),
					SharpeRatio:           SharpeRatio(r, rf, p),
					SortinoRatio:          SortinoRatio(r, 0, p),
					DownsideRisk:          DownsideRisk(r, 0, p),
					MaxDrawdown:           MaxDrawdown(r),
					CalmarRatio:           CalmarRatio(r, p),
					OmegaRatio:            OmegaRatio(r, rf, 0, p),
					StabilityOfTimeseries: StabilityOfTimeseries(r),
					TailRatio:             TailRatio(r),
					ValueAtRisk:           ValueAtRisk(r, 0.05),
					HasBenchmark:          true,
					Alpha:                 alpha,
					Beta:                  beta,
					ExcessSharpe:          ExcessSharpe(r, bench),
				}
				if !sameSummary(s, want) {
					t.Errorf("%s/%s/rf=%v:\n got %+v\nwant %+v", name, p, rf, s, want)
				}
				plain := Summarize(r, cfg)
				want.HasBenchmark, want.Alpha, want.Beta, want.ExcessSharpe = false, nan, nan, nan
				if !sameSummary(plain, want) {
					t.Errorf("%s/%s/rf=%v without benchmark:\n got %+v\nwant %+v", name, p, rf, plain, want)
				}
			}
		}
	}
}

// sameSummary compares bit patterns, so NaN equals NaN and -0 differs from 0.
func sameSummary(a, b Summary) bool {
	fa, fb := summaryFields(a), summaryFields(b)
	for i := range fa {
		if math.Float64bits(fa[i]) != math.Float64bits(fb[i]) && !(math.IsNaN(fa[i]) && math.IsNaN(fb[i])) {
			return false
		}
	}
	return a.HasBenchmark == b.HasBenchmark
}

func summaryFields(s Summary) []float64 {
	return []float64{s.CumReturnsFinal, s.AnnualReturn, s.AnnualVolatility, s.SharpeRatio, s.SortinoRatio,
		s.DownsideRisk, s.MaxDrawdown, s.CalmarRatio, s.OmegaRatio, s.StabilityOfTimeseries, s.TailRatio,
		s.ValueAtRisk, s.Alpha, s.Beta, s.ExcessSharpe}
}

func TestSummaryJSON(t *testing.T) {
	s := Summary{
		CumReturnsFinal: 0.25, AnnualReturn: -0.5, AnnualVolatility: 1e-7, SharpeRatio: inf,
		SortinoRatio: -inf, DownsideRisk: nan, MaxDrawdown: -0.125, CalmarRatio: 3,
		OmegaRatio: 1.5, StabilityOfTimeseries: 0.75, TailRatio: 2, ValueAtRisk: -0.0625,
	}
	const plain = `{"cum_returns_final":0.25,"annual_return":-0.5,"annual_volatility":1e-7,` +
		`"sharpe_ratio":"Infinity","sortino_ratio":"-Infinity","downside_risk":"NaN",` +
		`"max_drawdown":-0.125,"calmar_ratio":3,"omega_ratio":1.5,"stability_of_timeseries":0.75,` +
		`"tail_ratio":2,"value_at_risk":-0.0625}`
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != plain {
		t.Errorf("Marshal =\n%s\nwant\n%s", b, plain)
	}

	s.HasBenchmark, s.Alpha, s.Beta, s.ExcessSharpe = true, 0.5, nan, -2
	withBench := strings.TrimSuffix(plain, "}") + `,"alpha":0.5,"beta":"NaN","excess_sharpe":-2}`
	b, err = json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != withBench {
		t.Errorf("Marshal with benchmark =\n%s\nwant\n%s", b, withBench)
	}

	for _, text := range []string{plain, withBench} {
		var back Summary
		if err := json.Unmarshal([]byte(text), &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", text, err)
		}
		again, _ := json.Marshal(back)
		if string(again) != text {
			t.Errorf("round trip =\n%s\nwant\n%s", again, text)
		}
	}
}

func TestSummaryUnmarshalErrors(t *testing.T) {
	tests := map[string]string{
		"unknown key":      `{"sharpe":1}`,
		"string number":    `{"sharpe_ratio":"1.5"}`,
		"null":             `{"sharpe_ratio":null}`,
		"partial bench":    `{"alpha":0.1,"beta":1}`,
		"trailing data":    `{"sharpe_ratio":1} {}`,
		"not an object":    `[1]`,
		"overflow":         `{"sharpe_ratio":1e999}`,
		"lowercase nan":    `{"sharpe_ratio":"nan"}`,
		"positive inf tag": `{"sharpe_ratio":"+Infinity"}`,
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			var s Summary
			if err := json.Unmarshal([]byte(text), &s); err == nil {
				t.Errorf("Unmarshal(%s) succeeded: %+v", text, s)
			}
		})
	}
}

// FuzzSummaryJSON: whatever UnmarshalJSON accepts, MarshalJSON writes back
// to text that reads to the same Summary.
func FuzzSummaryJSON(f *testing.F) {
	f.Add(`{"sharpe_ratio":"Infinity","max_drawdown":-0.1}`)
	f.Add(`{"alpha":1,"beta":"NaN","excess_sharpe":"-Infinity"}`)
	f.Add(`{"cum_returns_final":1e-300,"value_at_risk":-0}`)
	b, _ := json.Marshal(Summarize(mixedReturns, Config{}))
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, text string) {
		var s Summary
		if err := json.Unmarshal([]byte(text), &s); err != nil {
			return
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", s, err)
		}
		var back Summary
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("Unmarshal(Marshal) = %v on %s", err, out)
		}
		if !sameSummary(s, back) {
			t.Fatalf("round trip changed the summary:\n%+v\n%+v", s, back)
		}
	})
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"zero", Config{}, true},
		{"monthly with risk free", Config{Period: Monthly, RiskFree: 0.001}, true},
		{"bad period", Config{Period: Period(3)}, false},
		{"negative period", Config{Period: Period(-1)}, false},
		{"nan risk free", Config{RiskFree: nan}, false},
		{"inf risk free", Config{RiskFree: inf}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

// TestSummarizePeriods: Config.Periods annualizes over the time the
// returns span when it is longer than one period per return (a run whose
// sessions leave a gap of years), and never over less.
func TestSummarizePeriods(t *testing.T) {
	returns := []float64{0.01, -0.02, 0.03, 0.01}
	base := Summarize(returns, Config{})
	spanned := Summarize(returns, Config{Periods: 4 * 252})
	growth := 1.01 * 0.98 * 1.03 * 1.01
	if want := math.Pow(growth, 1/4.0) - 1; math.Abs(spanned.AnnualReturn-want) > 1e-15 {
		t.Fatalf("annual return over 4 years %v, want %v", spanned.AnnualReturn, want)
	}
	if math.Abs(spanned.CalmarRatio-spanned.AnnualReturn/0.02) > 1e-12 || spanned.SharpeRatio != base.SharpeRatio {
		t.Fatalf("calmar %v, sharpe %v (base %v)", spanned.CalmarRatio, spanned.SharpeRatio, base.SharpeRatio)
	}
	if fewer := Summarize(returns, Config{Periods: 2}); fewer.AnnualReturn != base.AnnualReturn {
		t.Fatalf("Periods below the count changed the annual return: %v, want %v", fewer.AnnualReturn, base.AnnualReturn)
	}
	if err := (Config{Periods: -1}).Validate(); err == nil {
		t.Fatal("negative periods accepted")
	}
}
