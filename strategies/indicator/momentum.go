package indicator

import "github.com/pennybt/penny/numeric"

// Momentum is x - x[-Period], the change over Period updates, backtrader's
// Momentum. It is exact in Fixed and Decimal.
//
// Use [NewMomentum]; the zero value is not usable.
type Momentum[N numeric.Number[N]] struct {
	s    lagState[N]
	step func(s *lagState[N], x N)
}

// NewMomentum returns the change over period updates (1 to [MaxPeriod];
// backtrader's default is 12).
func NewMomentum[N numeric.Number[N]](period int) (*Momentum[N], error) {
	if err := checkPeriod("Momentum", "period", period); err != nil {
		return nil, err
	}
	return &Momentum[N]{s: lagState[N]{buf: make([]N, period)}, step: momentumStepFor[N]()}, nil
}

// Update adds x and returns the change and whether it exists yet.
func (m *Momentum[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last change and whether it exists yet.
func (m *Momentum[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period+1 values have been seen.
func (m *Momentum[N]) Ready() bool { return m.s.ready }

// Period returns the lag.
func (m *Momentum[N]) Period() int { return len(m.s.buf) }

// WarmUp returns the number of updates that yield the first value:
// Period+1.
func (m *Momentum[N]) WarmUp() int { return len(m.s.buf) + 1 }
