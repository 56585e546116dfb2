package metrics

import (
	"fmt"
	"math"
)

// Config holds the parameters of a Summary. The zero value is empyrical's
// defaults: daily returns and a risk-free rate of zero.
type Config struct {
	// Period is the spacing of the returns; it sets the annualization
	// factor (252, 52 or 12).
	Period Period `json:"period" yaml:"period"`
	// RiskFree is a constant per-period risk-free return, subtracted in
	// sharpe_ratio, omega_ratio and alpha (the empyrical functions that take
	// a risk_free argument). sortino_ratio and downside_risk use a required
	// return of 0, omega_ratio a required annual return of 0, and
	// value_at_risk a cutoff of 0.05, empyrical's defaults; call the single
	// functions for other values.
	RiskFree float64 `json:"risk_free" yaml:"risk_free"`
	// Periods, when above the number of returns, is the number of periods
	// the returns span, for annual_return and calmar_ratio (the years are
	// Periods over the annualization factor): a run whose sessions leave
	// a gap of years (calendar.SpanPeriods) annualizes over the time that
	// passed, not over its sessions only. 0 is empyrical's count, one
	// period per return.
	Periods float64 `json:"-" yaml:"-"`
}

// Validate reports a Period that is not Daily, Weekly or Monthly (on which
// Summarize panics) and a risk-free rate that is not a finite number.
func (c Config) Validate() error {
	switch c.Period {
	case Daily, Weekly, Monthly:
	default:
		return fmt.Errorf("metrics: config: invalid period %d", int(c.Period))
	}
	if math.IsNaN(c.Periods) || math.IsInf(c.Periods, 0) || c.Periods < 0 {
		return fmt.Errorf("metrics: config: periods %v is not a finite number of periods", c.Periods)
	}
	if math.IsNaN(c.RiskFree) || math.IsInf(c.RiskFree, 0) {
		return fmt.Errorf("metrics: config: risk_free %v is not a finite number", c.RiskFree)
	}
	return nil
}

// Summary holds the statistics of one returns series, each as the
// empyrical function of the same name computes it (see the function of the
// same name in this package). Alpha, Beta and ExcessSharpe are set only
// when HasBenchmark is true. A statistic that is undefined for the series
// is NaN, and one that is unbounded (a zero deviation) is +Inf or -Inf;
// MarshalJSON writes them as the strings "NaN", "Infinity", "-Infinity".
type Summary struct {
	CumReturnsFinal       float64 // total return, as a fraction
	AnnualReturn          float64 // compound annual growth rate
	AnnualVolatility      float64 // annualized sample standard deviation
	SharpeRatio           float64
	SortinoRatio          float64
	DownsideRisk          float64 // annualized downside deviation below 0
	MaxDrawdown           float64 // <= 0
	CalmarRatio           float64
	OmegaRatio            float64
	StabilityOfTimeseries float64 // R-squared of the cumulative log returns
	TailRatio             float64
	ValueAtRisk           float64 // 5% quantile of the returns

	HasBenchmark bool
	Alpha        float64 // annualized, compounded
	Beta         float64
	ExcessSharpe float64
}

// Summarize computes every statistic of the returns in one pass over them
// (plus a selection in a copy for the two percentile statistics, its only
// allocation). Each field equals what the function of the same name
// returns for the same arguments, bit for bit. It panics on an invalid
// cfg.Period (see Config.Validate).
func Summarize(returns []float64, cfg Config) Summary {
	s, _ := summarize(returns, nil, cfg)
	return s
}

// SummarizeWithBenchmark is Summarize plus Alpha, Beta and ExcessSharpe
// against benchmark, which must be aligned with returns (same length; a NaN
// on either side drops the period from those three). It panics when the
// lengths differ.
func SummarizeWithBenchmark(returns, benchmark []float64, cfg Config) Summary {
	checkAligned(returns, benchmark)
	s, p := summarize(returns, benchmark, cfg)
	s.HasBenchmark = true
	s.Beta = p.beta(returns, benchmark)
	s.Alpha = p.alpha(len(returns), s.Beta, cfg.RiskFree, cfg.Period.AnnualizationFactor())
	s.ExcessSharpe = p.excessSharpe(len(returns))
	return s
}

func summarize(returns, benchmark []float64, cfg Config) (Summary, pairs) {
	factor := cfg.Period.AnnualizationFactor()
	n := len(returns)

	var (
		m      moments
		g      = newGrowth()
		d      = downside{required: 0}
		o      = newOmega(cfg.RiskFree, 0, factor)
		st     stability
		p      pairs
		buf    = make([]float64, 0, n)
		anyNaN bool
		// zeros of each sign, for tailRanks
		posZero, negZero bool
	)
	for i, r := range returns {
		m.add(r)
		g.add(r)
		d.add(r)
		o.add(r)
		st.add(r)
		switch {
		case math.IsNaN(r):
			anyNaN = true
		case r == 0 && math.Signbit(r):
			negZero = true
			buf = append(buf, r)
		case r == 0:
			posZero = true
			buf = append(buf, r)
		default:
			buf = append(buf, r)
		}
		if benchmark != nil {
			p.add(r, benchmark[i])
		}
	}
	nan := math.NaN()
	s := Summary{
		CumReturnsFinal: nan, AnnualReturn: nan, AnnualVolatility: nan,
		SharpeRatio: nan, SortinoRatio: nan, DownsideRisk: nan,
		MaxDrawdown: nan, CalmarRatio: nan, OmegaRatio: nan,
		StabilityOfTimeseries: nan, TailRatio: nan, ValueAtRisk: nan,
		Alpha: nan, Beta: nan, ExcessSharpe: nan,
	}
	if n >= 1 {
		s.CumReturnsFinal = scaleGrowth(g.value, 0)
		span := max(float64(n), cfg.Periods)
		s.AnnualReturn = annualReturn(span, g.value, factor)
		s.DownsideRisk = d.risk(factor)
		s.MaxDrawdown = g.maxDD
		s.CalmarRatio = calmar(span, &g, factor)
		tailRanks(buf, posZero && negZero)
		s.TailRatio = tailRatio(buf)
		if !anyNaN {
			s.ValueAtRisk = quantileSorted(buf, 0.05)
		}
	}
	if n >= 2 {
		s.AnnualVolatility = m.nanstd() * math.Sqrt(factor)
		s.SharpeRatio = sharpe(&m, cfg.RiskFree, factor)
		s.SortinoRatio = sortino(&m, &d, factor)
		s.OmegaRatio = o.ratio()
		s.StabilityOfTimeseries = st.rSquared()
	}
	return s, p
}
