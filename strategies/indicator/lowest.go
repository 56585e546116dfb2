package indicator

import "github.com/pennybt/penny/numeric"

// Lowest is the smallest of the last Period values, backtrader's Lowest
// (MinN). It is exact in every backend. An update costs amortized O(1)
// (a monotonic deque) whatever the period.
//
// Use [NewLowest]; the zero value is not usable.
type Lowest[N numeric.Number[N]] struct {
	s    extremeState[N]
	step func(s *extremeState[N], x N)
}

// NewLowest returns the rolling minimum over period values (1 to
// [MaxPeriod]).
func NewLowest[N numeric.Number[N]](period int) (*Lowest[N], error) {
	if err := checkPeriod("Lowest", "period", period); err != nil {
		return nil, err
	}
	return &Lowest[N]{s: newExtremeState[N](period, -1), step: extremeStepFor[N]()}, nil
}

// Update adds x and returns the minimum and whether it exists yet.
func (m *Lowest[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last minimum and whether it exists yet.
func (m *Lowest[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period values have been seen.
func (m *Lowest[N]) Ready() bool { return m.s.ready }

// Period returns the window length.
func (m *Lowest[N]) Period() int { return len(m.s.vals) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *Lowest[N]) WarmUp() int { return len(m.s.vals) }
