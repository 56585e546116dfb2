package indicator

import "github.com/pennybt/penny/numeric"

// ROC is the rate of change over Period updates, (x - x[-Period]) /
// x[-Period], backtrader's RateOfChange: a fraction (0.05 for +5%), not a
// percentage. The difference is exact; the Div rounds once.
//
// Update panics with a *numeric.ArithmeticError (ErrDivisionByZero) when
// x[-Period] is zero: the rate is undefined. Prices are positive; recover
// it with numeric.Recover where other series may hold zeros.
//
// Use [NewROC]; the zero value is not usable.
type ROC[N numeric.Number[N]] struct {
	s    lagState[N]
	step func(s *lagState[N], x N)
}

// NewROC returns the rate of change over period updates (1 to
// [MaxPeriod]; backtrader's default is 12).
func NewROC[N numeric.Number[N]](period int) (*ROC[N], error) {
	if err := checkPeriod("ROC", "period", period); err != nil {
		return nil, err
	}
	return &ROC[N]{s: lagState[N]{buf: make([]N, period)}, step: rocStepFor[N]()}, nil
}

// Update adds x and returns the rate and whether it exists yet.
func (m *ROC[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last rate and whether it exists yet.
func (m *ROC[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period+1 values have been seen.
func (m *ROC[N]) Ready() bool { return m.s.ready }

// Period returns the lag.
func (m *ROC[N]) Period() int { return len(m.s.buf) }

// WarmUp returns the number of updates that yield the first value:
// Period+1.
func (m *ROC[N]) WarmUp() int { return len(m.s.buf) + 1 }
