package indicator

import "github.com/pennybt/penny/numeric"

// ATR is the average true range, backtrader's AverageTrueRange: the true
// range of a bar is max(high, prevClose) - min(low, prevClose), with the
// previous bar's close, and ATR is its [SMMA] over Period bars. The first
// bar has no previous close and yields no true range, as in backtrader.
// The true range is exact; the smoothing rounds as SMMA does.
//
// Use [NewATR]; the zero value is not usable.
type ATR[N numeric.Number[N]] struct {
	s    atrState[N]
	step func(s *atrState[N], high, low, close N)
}

type atrState[N numeric.Number[N]] struct {
	prevClose N
	started   bool
	tr        expState[N]
}

// atrStep adds a bar.
//
//penny:specialize
func atrStep[N numeric.Number[N]](s *atrState[N], high, low, close N) {
	if !s.started {
		s.prevClose, s.started = close, true
		return
	}
	tr := high.Max(s.prevClose).Sub(low.Min(s.prevClose))
	s.prevClose = close
	expStep(&s.tr, tr)
}

// NewATR returns an average true range over period bars (1 to
// [MaxPeriod]; backtrader's default is 14).
func NewATR[N numeric.Number[N]](period int) (*ATR[N], error) {
	if err := checkPeriod("ATR", "period", period); err != nil {
		return nil, err
	}
	return &ATR[N]{s: atrState[N]{tr: newSMMAState[N](period)}, step: atrStepFor[N]()}, nil
}

// Update adds a bar and returns the average true range and whether it
// exists yet.
func (m *ATR[N]) Update(high, low, close N) (N, bool) {
	m.step(&m.s, high, low, close)
	return m.s.tr.value, m.s.tr.ready
}

// Value returns the last average true range and whether it exists yet.
func (m *ATR[N]) Value() (N, bool) { return m.s.tr.value, m.s.tr.ready }

// Ready reports whether Period true ranges (Period+1 bars) have been seen.
func (m *ATR[N]) Ready() bool { return m.s.tr.ready }

// Period returns the smoothing period.
func (m *ATR[N]) Period() int { return m.s.tr.period }

// WarmUp returns the number of updates that yield the first value:
// Period+1, since the first true range needs a previous close.
func (m *ATR[N]) WarmUp() int { return m.s.tr.period + 1 }
