package indicator

import "github.com/pennybt/penny/numeric"

// ZScore is the standard score of the newest value within the last Period
// values (the newest included): z = (x - mean)/std, with the mean and the
// population standard deviation of [StdDev]. x - mean is exact; the Div is
// one more rounding. When std is zero (a flat window) z is 0: x equals the
// mean then, up to the rounding of the mean.
//
// Use [NewZScore]; the zero value is not usable.
type ZScore[N numeric.Number[N]] struct {
	s    zscoreState[N]
	step func(s *zscoreState[N], x N)
}

type zscoreState[N numeric.Number[N]] struct {
	m     momentState[N]
	value N
}

// zscoreStep adds x.
//
//penny:specialize
func zscoreStep[N numeric.Number[N]](s *zscoreState[N], x N) {
	momentStep(&s.m, x)
	if !s.m.ready {
		return
	}
	if s.m.std.IsZero() {
		s.value = s.m.std
		return
	}
	s.value = x.Sub(s.m.mean).Div(s.m.std)
}

// NewZScore returns a rolling z-score over period values (1 to
// [MaxPeriod]).
func NewZScore[N numeric.Number[N]](period int) (*ZScore[N], error) {
	if err := checkPeriod("ZScore", "period", period); err != nil {
		return nil, err
	}
	return &ZScore[N]{s: zscoreState[N]{m: newMomentState[N](period)}, step: zscoreStepFor[N]()}, nil
}

// Update adds x and returns its z-score and whether it exists yet.
func (m *ZScore[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.m.ready
}

// Value returns the last z-score and whether it exists yet.
func (m *ZScore[N]) Value() (N, bool) { return m.s.value, m.s.m.ready }

// Ready reports whether Period values have been seen.
func (m *ZScore[N]) Ready() bool { return m.s.m.ready }

// Mean returns the mean of the window and whether it exists yet.
func (m *ZScore[N]) Mean() (N, bool) { return m.s.m.mean, m.s.m.ready }

// StdDev returns the standard deviation of the window and whether it
// exists yet.
func (m *ZScore[N]) StdDev() (N, bool) { return m.s.m.std, m.s.m.ready }

// Period returns the window length.
func (m *ZScore[N]) Period() int { return len(m.s.m.buf) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *ZScore[N]) WarmUp() int { return len(m.s.m.buf) }
