package metrics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// jsonFloat is a float64 whose JSON form carries NaN and the infinities as
// the strings "NaN", "Infinity" and "-Infinity" (JSON numbers cannot).
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Infinity"`), nil
	}
	return json.Marshal(v)
}

func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*f = jsonFloat(math.NaN())
		return nil
	case `"Infinity"`:
		*f = jsonFloat(math.Inf(1))
		return nil
	case `"-Infinity"`:
		*f = jsonFloat(math.Inf(-1))
		return nil
	}
	if len(b) == 0 || b[0] == '"' || b[0] == 'n' {
		return fmt.Errorf("metrics: want a number, \"NaN\", \"Infinity\" or \"-Infinity\", got %s", b)
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("metrics: bad number %s", b)
	}
	*f = jsonFloat(v)
	return nil
}

// summaryJSON fixes the JSON keys (empyrical's function names) and their
// order.
type summaryJSON struct {
	CumReturnsFinal       jsonFloat  `json:"cum_returns_final"`
	AnnualReturn          jsonFloat  `json:"annual_return"`
	AnnualVolatility      jsonFloat  `json:"annual_volatility"`
	SharpeRatio           jsonFloat  `json:"sharpe_ratio"`
	SortinoRatio          jsonFloat  `json:"sortino_ratio"`
	DownsideRisk          jsonFloat  `json:"downside_risk"`
	MaxDrawdown           jsonFloat  `json:"max_drawdown"`
	CalmarRatio           jsonFloat  `json:"calmar_ratio"`
	OmegaRatio            jsonFloat  `json:"omega_ratio"`
	StabilityOfTimeseries jsonFloat  `json:"stability_of_timeseries"`
	TailRatio             jsonFloat  `json:"tail_ratio"`
	ValueAtRisk           jsonFloat  `json:"value_at_risk"`
	Alpha                 *jsonFloat `json:"alpha,omitempty"`
	Beta                  *jsonFloat `json:"beta,omitempty"`
	ExcessSharpe          *jsonFloat `json:"excess_sharpe,omitempty"`
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
		CumReturnsFinal:       jsonFloat(s.CumReturnsFinal),
		AnnualReturn:          jsonFloat(s.AnnualReturn),
		AnnualVolatility:      jsonFloat(s.AnnualVolatility),
		SharpeRatio:           jsonFloat(s.SharpeRatio),
		SortinoRatio:          jsonFloat(s.SortinoRatio),
		DownsideRisk:          jsonFloat(s.DownsideRisk),
		MaxDrawdown:           jsonFloat(s.MaxDrawdown),
		CalmarRatio:           jsonFloat(s.CalmarRatio),
		OmegaRatio:            jsonFloat(s.OmegaRatio),
		StabilityOfTimeseries: jsonFloat(s.StabilityOfTimeseries),
		TailRatio:             jsonFloat(s.TailRatio),
		ValueAtRisk:           jsonFloat(s.ValueAtRisk),
	}
	if s.HasBenchmark {
		a, b, e := jsonFloat(s.Alpha), jsonFloat(s.Beta), jsonFloat(s.ExcessSharpe)
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
		CumReturnsFinal:       jsonFloat(s.CumReturnsFinal),
		AnnualReturn:          jsonFloat(s.AnnualReturn),
		AnnualVolatility:      jsonFloat(s.AnnualVolatility),
		SharpeRatio:           jsonFloat(s.SharpeRatio),
		SortinoRatio:          jsonFloat(s.SortinoRatio),
		DownsideRisk:          jsonFloat(s.DownsideRisk),
		MaxDrawdown:           jsonFloat(s.MaxDrawdown),
		CalmarRatio:           jsonFloat(s.CalmarRatio),
		OmegaRatio:            jsonFloat(s.OmegaRatio),
		StabilityOfTimeseries: jsonFloat(s.StabilityOfTimeseries),
		TailRatio:             jsonFloat(s.TailRatio),
		ValueAtRisk:           jsonFloat(s.ValueAtRisk),
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
	for _, p := range []*jsonFloat{j.Alpha, j.Beta, j.ExcessSharpe} {
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
