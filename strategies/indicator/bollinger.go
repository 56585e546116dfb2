package indicator

import "github.com/pennybt/penny/numeric"

// Bollinger is backtrader's BollingerBands: over the last Period values,
// the middle band is their simple average, and the top and bottom bands are
// mid + devfactor*std and mid - devfactor*std, with std the population
// standard deviation of [StdDev]. devfactor*std is rounded once by the Mul
// and the same product is added and subtracted, so the bands are symmetric
// to the last digit.
//
// Use [NewBollinger]; the zero value is not usable.
type Bollinger[N numeric.Number[N]] struct {
	s    bollingerState[N]
	step func(s *bollingerState[N], x N)
}

// BollingerValue is one value of Bollinger bands.
type BollingerValue[N numeric.Number[N]] struct {
	Mid, Top, Bottom N
}

type bollingerState[N numeric.Number[N]] struct {
	m     momentState[N]
	dev   N
	value BollingerValue[N]
}

// bollingerStep adds x.
//
//penny:specialize
func bollingerStep[N numeric.Number[N]](s *bollingerState[N], x N) {
	momentStep(&s.m, x)
	if s.m.ready {
		w := s.dev.Mul(s.m.std)
		s.value = BollingerValue[N]{Mid: s.m.mean, Top: s.m.mean.Add(w), Bottom: s.m.mean.Sub(w)}
	}
}

// NewBollinger returns Bollinger bands over period values (1 to
// [MaxPeriod]) at devfactor standard deviations (positive). backtrader's
// defaults are 20 and 2.
func NewBollinger[N numeric.Number[N]](period int, devfactor N) (*Bollinger[N], error) {
	if err := checkPeriod("Bollinger", "period", period); err != nil {
		return nil, err
	}
	if devfactor.Sign() <= 0 {
		return nil, &ParamError{"Bollinger", "devfactor", devfactor.String(), "must be positive"}
	}
	return &Bollinger[N]{
		s:    bollingerState[N]{m: newMomentState[N](period), dev: devfactor},
		step: bollingerStepFor[N](),
	}, nil
}

// Update adds x and returns the bands and whether they exist yet.
func (m *Bollinger[N]) Update(x N) (BollingerValue[N], bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.m.ready
}

// Value returns the last bands and whether they exist yet.
func (m *Bollinger[N]) Value() (BollingerValue[N], bool) { return m.s.value, m.s.m.ready }

// Ready reports whether Period values have been seen.
func (m *Bollinger[N]) Ready() bool { return m.s.m.ready }

// Period returns the window length.
func (m *Bollinger[N]) Period() int { return len(m.s.m.buf) }

// DevFactor returns the width of the bands in standard deviations.
func (m *Bollinger[N]) DevFactor() N { return m.s.dev }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *Bollinger[N]) WarmUp() int { return len(m.s.m.buf) }
