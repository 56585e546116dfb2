package indicator

import (
	"strconv"

	"github.com/pennybt/penny/numeric"
)

// WMA is the linearly weighted moving average, backtrader's
// WeightedMovingAverage: the oldest of the last Period values weighs 1, the
// newest Period, and the weighted sum is divided by the sum of the weights,
// Period*(Period+1)/2.
//
// The weighted sum W and the plain sum S are kept exactly: a new value x
// turns W into W - S + Period*x and S into S + x - (the value leaving).
// The value is W divided by the weight sum, rounded once by the backend's
// Div.
//
// Use [NewWMA]; the zero value is not usable.
type WMA[N numeric.Number[N]] struct {
	s    wmaState[N]
	step func(s *wmaState[N], x N)
}

type wmaState[N numeric.Number[N]] struct {
	buf   []N // the window, zeros before the first len(buf) values
	pos   int // the oldest value
	sum   N   // exact sum of buf
	wsum  N   // exact sum of (i+1)*buf[pos+i]
	p     N   // the period as N: the newest value's weight
	den   N   // p*(p+1)/2
	value N
	ready bool
}

// wmaStep adds x to the window. Zeros fill the window at first, so the
// same recurrence holds from the first value on.
//
//penny:specialize
func wmaStep[N numeric.Number[N]](s *wmaState[N], x N) {
	s.wsum = s.wsum.Sub(s.sum).Add(x.Mul(s.p))
	s.sum = s.sum.Sub(s.buf[s.pos]).Add(x)
	s.buf[s.pos] = x
	if s.pos++; s.pos == len(s.buf) {
		s.pos = 0
		s.ready = true
	}
	if s.ready {
		s.value = s.wsum.Div(s.den)
	}
}

// NewWMA returns a weighted moving average over period values (1 to
// [MaxPeriod]; in Fixed, the weight sum period*(period+1)/2 must also fit,
// so period is at most 429496).
func NewWMA[N numeric.Number[N]](period int) (*WMA[N], error) {
	if err := checkPeriod("WMA", "period", period); err != nil {
		return nil, err
	}
	den, ok := intN[N](int64(period) * int64(period+1) / 2)
	if !ok {
		return nil, &ParamError{"WMA", "period", strconv.Itoa(period),
			"weight sum period*(period+1)/2 out of range for the " + numeric.Backend[N]() + " backend"}
	}
	return &WMA[N]{
		s:    wmaState[N]{buf: make([]N, period), p: numeric.Int[N](int64(period)), den: den},
		step: wmaStepFor[N](),
	}, nil
}

// Update adds x and returns the average and whether it exists yet.
func (m *WMA[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last average and whether it exists yet.
func (m *WMA[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period values have been seen.
func (m *WMA[N]) Ready() bool { return m.s.ready }

// Period returns the window length.
func (m *WMA[N]) Period() int { return len(m.s.buf) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *WMA[N]) WarmUp() int { return len(m.s.buf) }
