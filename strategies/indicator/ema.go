package indicator

import "github.com/pennybt/penny/numeric"

// EMA is the exponential moving average, backtrader's
// ExponentialMovingAverage: alpha = 2/(Period+1); the first value is the
// simple average of the first Period values, and each later value is
// prev*(1-alpha) + x*alpha, computed as prev + 2*(x-prev)/(Period+1) with
// one rounding (the Div).
//
// Use [NewEMA]; the zero value is not usable.
type EMA[N numeric.Number[N]] struct {
	s    expState[N]
	step func(s *expState[N], x N)
}

// NewEMA returns an exponential moving average over period values (1 to
// [MaxPeriod]).
func NewEMA[N numeric.Number[N]](period int) (*EMA[N], error) {
	if err := checkPeriod("EMA", "period", period); err != nil {
		return nil, err
	}
	return &EMA[N]{s: newEMAState[N](period), step: expStepFor[N]()}, nil
}

// Update adds x and returns the average and whether it exists yet.
func (m *EMA[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last average and whether it exists yet.
func (m *EMA[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period values have been seen.
func (m *EMA[N]) Ready() bool { return m.s.ready }

// Period returns the period that sets alpha and the seed's length.
func (m *EMA[N]) Period() int { return m.s.period }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *EMA[N]) WarmUp() int { return m.s.period }
