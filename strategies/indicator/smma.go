package indicator

import "github.com/pennybt/penny/numeric"

// SMMA is the smoothed moving average (Wilder's smoothing), backtrader's
// SmoothedMovingAverage: alpha = 1/Period; the first value is the simple
// average of the first Period values, and each later value is
// prev*(1-alpha) + x*alpha, computed as prev + (x-prev)/Period with one
// rounding (the Div). RSI and ATR smooth with it.
//
// Use [NewSMMA]; the zero value is not usable.
type SMMA[N numeric.Number[N]] struct {
	s    expState[N]
	step func(s *expState[N], x N)
}

// NewSMMA returns a smoothed moving average over period values (1 to
// [MaxPeriod]).
func NewSMMA[N numeric.Number[N]](period int) (*SMMA[N], error) {
	if err := checkPeriod("SMMA", "period", period); err != nil {
		return nil, err
	}
	return &SMMA[N]{s: newSMMAState[N](period), step: expStepFor[N]()}, nil
}

// Update adds x and returns the average and whether it exists yet.
func (m *SMMA[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last average and whether it exists yet.
func (m *SMMA[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period values have been seen.
func (m *SMMA[N]) Ready() bool { return m.s.ready }

// Period returns the period that sets alpha and the seed's length.
func (m *SMMA[N]) Period() int { return m.s.period }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *SMMA[N]) WarmUp() int { return m.s.period }
