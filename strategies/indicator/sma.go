package indicator

import "github.com/pennybt/penny/numeric"

// SMA is the simple moving average of the last Period values, backtrader's
// MovingAverageSimple: the sum of the window divided by its length.
//
// The running sum is exact in Fixed and Decimal: each update adds the new
// value and subtracts the one leaving the window, so nothing drifts. The
// value is Sum()/Period rounded once by the backend's Div. Compare two SMAs
// exactly, without division, by cross-multiplying their sums:
// a.Sum()*b.Period() against b.Sum()*a.Period().
//
// Use [NewSMA]; the zero value is not usable.
type SMA[N numeric.Number[N]] struct {
	s    smaState[N]
	step func(s *smaState[N], x N)
	push func(s *smaState[N], x N)
}

// smaState is the state of a rolling sum over a window.
type smaState[N numeric.Number[N]] struct {
	buf   []N // the window; zeros before the first len(buf) values
	pos   int // index of the oldest value, the next to be replaced
	sum   N   // exact sum of buf
	n     N   // len(buf) as N
	value N   // sum/n once ready (set by smaStep, not by smaPush)
	ready bool
}

func newSMAState[N numeric.Number[N]](period int) smaState[N] {
	return smaState[N]{buf: make([]N, period), n: numeric.Int[N](int64(period))}
}

// smaPush adds x to the window and drops the oldest value. Before the
// window is full, the value dropped is one of the zeros it starts with.
//
//penny:specialize
func smaPush[N numeric.Number[N]](s *smaState[N], x N) {
	s.sum = s.sum.Sub(s.buf[s.pos]).Add(x)
	s.buf[s.pos] = x
	if s.pos++; s.pos == len(s.buf) {
		s.pos = 0
		s.ready = true
	}
}

// smaStep pushes x and sets the average.
//
//penny:specialize
func smaStep[N numeric.Number[N]](s *smaState[N], x N) {
	smaPush(s, x)
	if s.ready {
		s.value = s.sum.DivInt(int64(len(s.buf)))
	}
}

// NewSMA returns a simple moving average over period values (1 to
// [MaxPeriod]).
func NewSMA[N numeric.Number[N]](period int) (*SMA[N], error) {
	if err := checkPeriod("SMA", "period", period); err != nil {
		return nil, err
	}
	return &SMA[N]{s: newSMAState[N](period), step: smaStepFor[N](), push: smaPushFor[N]()}, nil
}

// Update adds x and returns the average and whether it exists yet.
func (m *SMA[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Push adds x without computing the average (a strategy that compares
// sums, as the crossover does, never divides) and reports whether the
// average exists yet.
func (m *SMA[N]) Push(x N) bool {
	m.push(&m.s, x)
	return m.s.ready
}

// Value returns the last average, Sum()/Period rounded by the backend's
// Div, and whether it exists yet.
func (m *SMA[N]) Value() (N, bool) {
	if !m.s.ready {
		var z N
		return z, false
	}
	return m.s.sum.DivInt(int64(len(m.s.buf))), true
}

// Ready reports whether Period values have been seen.
func (m *SMA[N]) Ready() bool { return m.s.ready }

// Sum returns the exact sum of the last Period values (of all values, before
// Period of them have been seen).
func (m *SMA[N]) Sum() N { return m.s.sum }

// Period returns the window length.
func (m *SMA[N]) Period() int { return len(m.s.buf) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *SMA[N]) WarmUp() int { return len(m.s.buf) }
