package indicator

import "github.com/pennybt/penny/numeric"

// Stochastic is backtrader's Stochastic (the slow stochastic oscillator).
// Over the last Period bars, with HH the highest high and LL the lowest
// low, the fast %K of a bar is
//
//	fastK = 100 * (close - LL) / (HH - LL)
//
// rounded once (the Div), and 0 when HH = LL (a flat window: backtrader's
// safediv value, safezero 0, where its default would divide by zero). The
// slow %K is the simple average of the last dfast fast %K values, and %D
// the simple average of the last dslow slow %K values, each rounded once
// as [SMA] does.
//
// Use [NewStochastic]; the zero value is not usable.
type Stochastic[N numeric.Number[N]] struct {
	s    stochState[N]
	step func(s *stochState[N], high, low, close N)
}

// StochasticFast is backtrader's StochasticFast: %K is the fast %K of
// [Stochastic] and %D the simple average of its last dfast values.
//
// Use [NewStochasticFast]; the zero value is not usable.
type StochasticFast[N numeric.Number[N]] struct {
	s    stochState[N]
	step func(s *stochState[N], high, low, close N)
}

// StochasticValue is one value of a stochastic oscillator, in percent.
type StochasticValue[N numeric.Number[N]] struct {
	K, D N
}

type stochState[N numeric.Number[N]] struct {
	hh, ll  extremeState[N]
	k       smaState[N] // SMA(fastK, dfast): %D (fast) or %K (slow)
	d       smaState[N] // SMA(k, dslow): %D (slow)
	slow    bool
	hundred N
	value   StochasticValue[N]
	ready   bool
}

func newStochState[N numeric.Number[N]](period, dfast, dslow int, slow bool) stochState[N] {
	s := stochState[N]{
		hh: newExtremeState[N](period, +1), ll: newExtremeState[N](period, -1),
		k: newSMAState[N](dfast), slow: slow, hundred: numeric.Int[N](100),
	}
	if slow {
		s.d = newSMAState[N](dslow)
	}
	return s
}

// stochStep adds a bar.
//
//penny:specialize
func stochStep[N numeric.Number[N]](s *stochState[N], high, low, close N) {
	extremeStep(&s.hh, high)
	extremeStep(&s.ll, low)
	if !s.hh.ready {
		return
	}
	var fk N
	if r := s.hh.value.Sub(s.ll.value); !r.IsZero() {
		fk = close.Sub(s.ll.value).Mul(s.hundred).Div(r)
	}
	smaStep(&s.k, fk)
	if !s.k.ready {
		return
	}
	if !s.slow {
		s.value, s.ready = StochasticValue[N]{K: fk, D: s.k.value}, true
		return
	}
	smaStep(&s.d, s.k.value)
	if s.d.ready {
		s.value, s.ready = StochasticValue[N]{K: s.k.value, D: s.d.value}, true
	}
}

func checkStochastic(ind string, period, dfast, dslow int, slow bool) error {
	if err := checkPeriod(ind, "period", period); err != nil {
		return err
	}
	if err := checkPeriod(ind, "dfast", dfast); err != nil {
		return err
	}
	if slow {
		return checkPeriod(ind, "dslow", dslow)
	}
	return nil
}

// NewStochastic returns a slow stochastic oscillator: HH and LL over period
// bars, %K smoothed over dfast, %D over dslow (each 1 to [MaxPeriod];
// backtrader's defaults are 14, 3 and 3).
func NewStochastic[N numeric.Number[N]](period, dfast, dslow int) (*Stochastic[N], error) {
	if err := checkStochastic("Stochastic", period, dfast, dslow, true); err != nil {
		return nil, err
	}
	return &Stochastic[N]{s: newStochState[N](period, dfast, dslow, true), step: stochStepFor[N]()}, nil
}

// Update adds a bar and returns %K and %D and whether they exist yet.
func (m *Stochastic[N]) Update(high, low, close N) (StochasticValue[N], bool) {
	m.step(&m.s, high, low, close)
	return m.s.value, m.s.ready
}

// Value returns the last %K and %D and whether they exist yet.
func (m *Stochastic[N]) Value() (StochasticValue[N], bool) { return m.s.value, m.s.ready }

// Ready reports whether WarmUp bars have been seen.
func (m *Stochastic[N]) Ready() bool { return m.s.ready }

// Periods returns the high/low window and the two smoothing periods.
func (m *Stochastic[N]) Periods() (period, dfast, dslow int) {
	return len(m.s.hh.vals), len(m.s.k.buf), len(m.s.d.buf)
}

// WarmUp returns the number of updates that yield the first value:
// period + dfast + dslow - 2.
func (m *Stochastic[N]) WarmUp() int { return len(m.s.hh.vals) + len(m.s.k.buf) + len(m.s.d.buf) - 2 }

// NewStochasticFast returns a fast stochastic oscillator: HH and LL over
// period bars, %D over dfast (each 1 to [MaxPeriod]; backtrader's defaults
// are 14 and 3).
func NewStochasticFast[N numeric.Number[N]](period, dfast int) (*StochasticFast[N], error) {
	if err := checkStochastic("StochasticFast", period, dfast, 0, false); err != nil {
		return nil, err
	}
	return &StochasticFast[N]{s: newStochState[N](period, dfast, 0, false), step: stochStepFor[N]()}, nil
}

// Update adds a bar and returns %K and %D and whether they exist yet.
func (m *StochasticFast[N]) Update(high, low, close N) (StochasticValue[N], bool) {
	m.step(&m.s, high, low, close)
	return m.s.value, m.s.ready
}

// Value returns the last %K and %D and whether they exist yet.
func (m *StochasticFast[N]) Value() (StochasticValue[N], bool) { return m.s.value, m.s.ready }

// Ready reports whether WarmUp bars have been seen.
func (m *StochasticFast[N]) Ready() bool { return m.s.ready }

// Periods returns the high/low window and the %D period.
func (m *StochasticFast[N]) Periods() (period, dfast int) { return len(m.s.hh.vals), len(m.s.k.buf) }

// WarmUp returns the number of updates that yield the first value:
// period + dfast - 1.
func (m *StochasticFast[N]) WarmUp() int { return len(m.s.hh.vals) + len(m.s.k.buf) - 1 }
