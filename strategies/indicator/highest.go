package indicator

import "github.com/pennybt/penny/numeric"

// Highest is the largest of the last Period values, backtrader's Highest
// (MaxN). It is exact in every backend. An update costs amortized O(1)
// (a monotonic deque) whatever the period.
//
// Use [NewHighest]; the zero value is not usable.
type Highest[N numeric.Number[N]] struct {
	s    extremeState[N]
	step func(s *extremeState[N], x N)
}

// NewHighest returns the rolling maximum over period values (1 to
// [MaxPeriod]).
func NewHighest[N numeric.Number[N]](period int) (*Highest[N], error) {
	if err := checkPeriod("Highest", "period", period); err != nil {
		return nil, err
	}
	return &Highest[N]{s: newExtremeState[N](period, +1), step: extremeStepFor[N]()}, nil
}

// Update adds x and returns the maximum and whether it exists yet.
func (m *Highest[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last maximum and whether it exists yet.
func (m *Highest[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period values have been seen.
func (m *Highest[N]) Ready() bool { return m.s.ready }

// Period returns the window length.
func (m *Highest[N]) Period() int { return len(m.s.vals) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *Highest[N]) WarmUp() int { return len(m.s.vals) }
