package indicator

import "github.com/pennybt/penny/numeric"

// RSI is the relative strength index, backtrader's RelativeStrengthIndex:
// the up move max(x - prev, 0) and the down move max(prev - x, 0) of each
// value over the previous one are smoothed with an [SMMA] of Period, and
//
//	rsi = 100 - 100/(1 + up/down)
//
// It is computed as the equal 100*up/(up + down), with one rounding (the
// Div). When the smoothed down move is zero, rsi is 100 (and 50 when the up
// move is zero too): backtrader's values with safediv=True (safehigh 100,
// safelow 50), where its default would divide by zero.
//
// Use [NewRSI]; the zero value is not usable.
type RSI[N numeric.Number[N]] struct {
	s    rsiState[N]
	step func(s *rsiState[N], x N)
}

type rsiState[N numeric.Number[N]] struct {
	prev     N
	started  bool
	up, down expState[N]
	hundred  N
	fifty    N
	value    N
	ready    bool
}

// rsiStep adds x.
//
//penny:specialize
func rsiStep[N numeric.Number[N]](s *rsiState[N], x N) {
	if !s.started {
		s.prev, s.started = x, true
		return
	}
	var up, down N
	if d := x.Sub(s.prev); d.Sign() > 0 {
		up = d
	} else {
		down = d.Neg()
	}
	s.prev = x
	expStep(&s.up, up)
	expStep(&s.down, down)
	if !s.up.ready {
		return
	}
	if t := s.up.value.Add(s.down.value); t.IsZero() {
		s.value = s.fifty
	} else {
		s.value = s.up.value.Mul(s.hundred).Div(t)
	}
	s.ready = true
}

// NewRSI returns a relative strength index over period moves (1 to
// [MaxPeriod]; backtrader's default is 14).
func NewRSI[N numeric.Number[N]](period int) (*RSI[N], error) {
	if err := checkPeriod("RSI", "period", period); err != nil {
		return nil, err
	}
	return &RSI[N]{
		s: rsiState[N]{
			up: newSMMAState[N](period), down: newSMMAState[N](period),
			hundred: numeric.Int[N](100), fifty: numeric.Int[N](50),
		},
		step: rsiStepFor[N](),
	}, nil
}

// Update adds x and returns the index and whether it exists yet.
func (m *RSI[N]) Update(x N) (N, bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last index and whether it exists yet.
func (m *RSI[N]) Value() (N, bool) { return m.s.value, m.s.ready }

// Ready reports whether Period moves (Period+1 values) have been seen.
func (m *RSI[N]) Ready() bool { return m.s.ready }

// Period returns the smoothing period.
func (m *RSI[N]) Period() int { return m.s.up.period }

// WarmUp returns the number of updates that yield the first value:
// Period+1, since the first move needs two values.
func (m *RSI[N]) WarmUp() int { return m.s.up.period + 1 }
