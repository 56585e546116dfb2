package indicator

import (
	"fmt"
	"strconv"

	"github.com/pennybt/penny/numeric"
)

// MACD is backtrader's MACD with its histogram (MACDHisto): the MACD line
// is EMA(fast) - EMA(slow) of the input, the signal line is EMA(signal) of
// the MACD line, and the histogram is MACD - signal. The subtractions are
// exact; each EMA rounds as [EMA] does. Both EMAs of the input start with
// the first value; the signal EMA starts with the first MACD value, so the
// first value comes after slow + signal - 1 updates, as backtrader's
// minperiod.
//
// Use [NewMACD]; the zero value is not usable.
type MACD[N numeric.Number[N]] struct {
	s    macdState[N]
	step func(s *macdState[N], x N)
}

// MACDValue is one value of a MACD.
type MACDValue[N numeric.Number[N]] struct {
	MACD, Signal, Histogram N
}

type macdState[N numeric.Number[N]] struct {
	fast, slow, signal expState[N]
	value              MACDValue[N]
	ready              bool
}

// macdStep adds x.
//
//penny:specialize
func macdStep[N numeric.Number[N]](s *macdState[N], x N) {
	expStep(&s.fast, x)
	expStep(&s.slow, x)
	if !s.slow.ready {
		return
	}
	m := s.fast.value.Sub(s.slow.value)
	expStep(&s.signal, m)
	if s.signal.ready {
		s.value = MACDValue[N]{MACD: m, Signal: s.signal.value, Histogram: m.Sub(s.signal.value)}
		s.ready = true
	}
}

// NewMACD returns a MACD with the given EMA periods (each 1 to
// [MaxPeriod], fast < slow). backtrader's defaults are 12, 26 and 9.
func NewMACD[N numeric.Number[N]](fast, slow, signal int) (*MACD[N], error) {
	for _, p := range []struct {
		name string
		v    int
	}{{"fast", fast}, {"slow", slow}, {"signal", signal}} {
		if err := checkPeriod("MACD", p.name, p.v); err != nil {
			return nil, err
		}
	}
	if fast >= slow {
		return nil, &ParamError{"MACD", "fast", strconv.Itoa(fast), fmt.Sprintf("must be less than slow (%d)", slow)}
	}
	return &MACD[N]{
		s: macdState[N]{
			fast: newEMAState[N](fast), slow: newEMAState[N](slow), signal: newEMAState[N](signal),
		},
		step: macdStepFor[N](),
	}, nil
}

// Update adds x and returns the MACD, signal and histogram and whether they
// exist yet.
func (m *MACD[N]) Update(x N) (MACDValue[N], bool) {
	m.step(&m.s, x)
	return m.s.value, m.s.ready
}

// Value returns the last value and whether it exists yet.
func (m *MACD[N]) Value() (MACDValue[N], bool) { return m.s.value, m.s.ready }

// Ready reports whether WarmUp values have been seen.
func (m *MACD[N]) Ready() bool { return m.s.ready }

// Periods returns the fast, slow and signal EMA periods.
func (m *MACD[N]) Periods() (fast, slow, signal int) {
	return m.s.fast.period, m.s.slow.period, m.s.signal.period
}

// WarmUp returns the number of updates that yield the first value:
// slow + signal - 1.
func (m *MACD[N]) WarmUp() int { return m.s.slow.period + m.s.signal.period - 1 }
