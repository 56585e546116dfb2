package metrics

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/pennybt/penny/internal/jsonfloat"
)

// summaryJSON fixes the JSON keys (empyrical's function names) and their
// order.
type summaryJSON struct {
	CumReturnsFinal       jsonfloat.Float  `json:"cum_returns_final"`
	AnnualReturn          jsonfloat.Float  `json:"annual_return"`
	AnnualVolatility      jsonfloat.Float  `json:"annual_volatility"`
	SharpeRatio           jsonfloat.Float  `json:"sharpe_ratio"`
	SortinoRatio          jsonfloat.Float  `json:"sortino_ratio"`
	DownsideRisk          jsonfloat.Float  `json:"downside_risk"`
	MaxDrawdown           jsonfloat.Float  `json:"max_drawdown"`
	CalmarRatio           jsonfloat.Float  `json:"calmar_ratio"`
	OmegaRatio            jsonfloat.Float  `json:"omega_ratio"`
	StabilityOfTimeseries jsonfloat.Float  `json:"stability_of_timeseries"`
	TailRatio             jsonfloat.Float  `json:"tail_ratio"`
	ValueAtRisk           jsonfloat.Float  `json:"value_at_risk"`
	Alpha                 *jsonfloat.Float `json:"alpha,omitempty"`
	Beta                  *jsonfloat.Float `json:"beta,omitempty"`
	ExcessSharpe          *jsonfloat.Float `json:"excess_sharpe,omitempty"`
}

// MarshalJSON writes one object whose keys are empyrical's function names,
// in this order: cum_returns_final, annual_return, annual_volatility,
// sharpe_ratio, sortino_ratio, downside_risk, max_drawdown, calmar_ratio,
// omega_ratio, stability_of_timeseries, tail_ratio, value_at_risk, and,
// only when HasBenchmark, alpha, beta, excess_sharpe. Finite values are JSON
// numbers (the shortest text that reads back to the same float64); NaN and
// the infinities are the strings "NaN", "Infinity" and "-Infinity".
func (s Summary) MarshalJSON() ([]byte, error) {
	j := summaryJSON{
		CumReturnsFinal:       jsonfloat.Float(s.CumReturnsFinal),
		AnnualReturn:          jsonfloat.Float(s.AnnualReturn),
		AnnualVolatility:      jsonfloat.Float(s.AnnualVolatility),
		SharpeRatio:           jsonfloat.Float(s.SharpeRatio),
		SortinoRatio:          jsonfloat.Float(s.SortinoRatio),
		DownsideRisk:          jsonfloat.Float(s.DownsideRisk),
		MaxDrawdown:           jsonfloat.Float(s.MaxDrawdown),
		CalmarRatio:           jsonfloat.Float(s.CalmarRatio),
		OmegaRatio:            jsonfloat.Float(s.OmegaRatio),
		StabilityOfTimeseries: jsonfloat.Float(s.StabilityOfTimeseries),
		TailRatio:             jsonfloat.Float(s.TailRatio),
		ValueAtRisk:           jsonfloat.Float(s.ValueAtRisk),
	}
	if s.HasBenchmark {
		a, b, e := jsonfloat.Float(s.Alpha), jsonfloat.Float(s.Beta), jsonfloat.Float(s.ExcessSharpe)
		j.Alpha, j.Beta, j.ExcessSharpe = &a, &b, &e
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes. Unknown keys are an error;
// a missing key leaves its field as it was. HasBenchmark is set when all
// of alpha, beta and excess_sharpe are present, and it is an error to give
// only some of them.
func (s *Summary) UnmarshalJSON(b []byte) error {
	j := summaryJSON{
		CumReturnsFinal:       jsonfloat.Float(s.CumReturnsFinal),
		AnnualReturn:          jsonfloat.Float(s.AnnualReturn),
		AnnualVolatility:      jsonfloat.Float(s.AnnualVolatility),
		SharpeRatio:           jsonfloat.Float(s.SharpeRatio),
		SortinoRatio:          jsonfloat.Float(s.SortinoRatio),
		DownsideRisk:          jsonfloat.Float(s.DownsideRisk),
		MaxDrawdown:           jsonfloat.Float(s.MaxDrawdown),
		CalmarRatio:           jsonfloat.Float(s.CalmarRatio),
		OmegaRatio:            jsonfloat.Float(s.OmegaRatio),
		StabilityOfTimeseries: jsonfloat.Float(s.StabilityOfTimeseries),
		TailRatio:             jsonfloat.Float(s.TailRatio),
		ValueAtRisk:           jsonfloat.Float(s.ValueAtRisk),
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("metrics: summary: %w", err)
	}
	if dec.More() {
		return fmt.Errorf("metrics: summary: data after the object")
	}
	got := 0
	for _, p := range []*jsonfloat.Float{j.Alpha, j.Beta, j.ExcessSharpe} {
		if p != nil {
			got++
		}
	}
	if got != 0 && got != 3 {
		return fmt.Errorf("metrics: summary: alpha, beta and excess_sharpe go together")
	}
	*s = Summary{
		CumReturnsFinal:       float64(j.CumReturnsFinal),
		AnnualReturn:          float64(j.AnnualReturn),
		AnnualVolatility:      float64(j.AnnualVolatility),
		SharpeRatio:           float64(j.SharpeRatio),
		SortinoRatio:          float64(j.SortinoRatio),
		DownsideRisk:          float64(j.DownsideRisk),
		MaxDrawdown:           float64(j.MaxDrawdown),
		CalmarRatio:           float64(j.CalmarRatio),
		OmegaRatio:            float64(j.OmegaRatio),
		StabilityOfTimeseries: float64(j.StabilityOfTimeseries),
		TailRatio:             float64(j.TailRatio),
		ValueAtRisk:           float64(j.ValueAtRisk),
		HasBenchmark:          s.HasBenchmark,
		Alpha:                 s.Alpha,
		Beta:                  s.Beta,
		ExcessSharpe:          s.ExcessSharpe,
	}
	if got == 3 {
		s.HasBenchmark = true
		s.Alpha, s.Beta, s.ExcessSharpe = float64(*j.Alpha), float64(*j.Beta), float64(*j.ExcessSharpe)
	}
	return nil
}
