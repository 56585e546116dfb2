package indicator

import "github.com/pennybt/penny/numeric"

// StdDev is the population standard deviation of the last Period values,
// backtrader's StandardDeviation: sqrt(mean of squares - square of mean),
// from exact running sums (see the package documentation for the rounding
// points and the range in Fixed).
//
// Use [NewStdDev]; the zero value is not usable.
type StdDev[N numeric.Number[N]] struct {
	s    momentState[N]
	step func(s *momentState[N], x N)
}

// NewStdDev returns a rolling standard deviation over period values (1 to
// [MaxPeriod]; backtrader's default is 20).
func NewStdDev[N numeric.Number[N]](period int) (*StdDev[N], error) {
	if err := checkPeriod("StdDev", "period", period); err != nil {
		return nil, err
	}
	return &StdDev[N]{s: newMomentState[N](period), step: momentStepFor[N]()}, nil
}

// Update adds x and returns the deviation and whether it exists yet.
func (m *StdDev[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.std, m.s.ready
}

// Value returns the last deviation and whether it exists yet.
func (m *StdDev[N]) Value() (N, bool) { return m.s.std, m.s.ready }

// Ready reports whether Period values have been seen.
func (m *StdDev[N]) Ready() bool { return m.s.ready }

// Mean returns the mean of the window, the value of an SMA of the same
// period, and whether it exists yet.
func (m *StdDev[N]) Mean() (N, bool) { return m.s.mean, m.s.ready }

// Period returns the window length.
func (m *StdDev[N]) Period() int { return len(m.s.buf) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *StdDev[N]) WarmUp() int { return len(m.s.buf) }
