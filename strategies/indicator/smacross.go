package indicator

import (
	"fmt"

	"github.com/pennybt/penny/numeric"
)

// SMACross detects the crossings of a fast and a slow simple moving
// average of the same values, backtrader's CrossOver(SMA(fast), SMA(slow)),
// exactly: the sign of fast - slow is the sign of
// fastSum*slow - slowSum*fast, with the sums exact in Fixed and Decimal
// (the products of a sum by a whole number are exact too), so no rounding
// can flip it.
//
// Update returns +1 on an up-cross (the sign is positive and the last
// non-zero sign before it was negative), -1 on a down-cross, 0 otherwise.
// An exact tie carries the previous sign. The first value with both
// averages in existence only sets the sign: the first crossing can come on
// the next update. Both windows share one ring of slow values.
//
// Use [NewSMACross]; the zero value is not usable.
type SMACross[N numeric.Number[N]] struct {
	s    smaCrossState[N]
	step func(s *smaCrossState[N], x N) int
}

type smaCrossState[N numeric.Number[N]] struct {
	buf              []N // the slow window; zeros before the first len(buf)
	pos              int // the oldest value, the next to be replaced
	fast             int
	count            int
	fastSum, slowSum N
	sign             int // the last non-zero sign of fast - slow
}

// NewSMACross returns the crossing detector of the fast and slow moving
// averages, 1 <= fast < slow <= [MaxPeriod].
func NewSMACross[N numeric.Number[N]](fast, slow int) (*SMACross[N], error) {
	if err := checkCross(fast, slow); err != nil {
		return nil, err
	}
	return &SMACross[N]{
		s:    smaCrossState[N]{buf: make([]N, slow), fast: fast},
		step: smaCrossStepFor[N](),
	}, nil
}

// NewSMACrosses returns n crossing detectors of the same fast and slow
// moving averages (a strategy's, one per asset), each as NewSMACross
// makes it, with their rings in one allocation: two allocations for the
// n, not 2n.
func NewSMACrosses[N numeric.Number[N]](n, fast, slow int) ([]SMACross[N], error) {
	if n < 0 {
		return nil, &ParamError{Indicator: "SMACross", Param: "n", Value: fmt.Sprint(n), Reason: "must not be negative"}
	}
	if err := checkCross(fast, slow); err != nil {
		return nil, err
	}
	out := make([]SMACross[N], n)
	rings := make([]N, n*slow)
	step := smaCrossStepFor[N]()
	for i := range out {
		out[i] = SMACross[N]{
			s:    smaCrossState[N]{buf: rings[i*slow : (i+1)*slow : (i+1)*slow], fast: fast},
			step: step,
		}
	}
	return out, nil
}

// checkCross checks the windows of an SMACross.
func checkCross(fast, slow int) error {
	if err := checkPeriod("SMACross", "fast", fast); err != nil {
		return err
	}
	if err := checkPeriod("SMACross", "slow", slow); err != nil {
		return err
	}
	if fast >= slow {
		return &ParamError{Indicator: "SMACross", Param: "fast", Value: fmt.Sprint(fast), Reason: fmt.Sprintf("must be less than slow (%d)", slow)}
	}
	return nil
}

// smaCrossStep adds x and returns the crossing it makes.
//
//penny:specialize
func smaCrossStep[N numeric.Number[N]](s *smaCrossState[N], x N) int {
	slow := len(s.buf)
	f := s.pos - s.fast
	if f < 0 {
		f += slow
	}
	s.fastSum = s.fastSum.Sub(s.buf[f]).Add(x)
	s.slowSum = s.slowSum.Sub(s.buf[s.pos]).Add(x)
	s.buf[s.pos] = x
	if s.pos++; s.pos == slow {
		s.pos = 0
	}
	if s.count < slow {
		s.count++
		if s.count < slow {
			return 0
		}
	}
	// fastSum*slow vs slowSum*fast: products by whole numbers, exact
	// (MulInt: no rounding division in Fixed; Float rounds them as Mul
	// by the same whole numbers would).
	d := s.fastSum.MulInt(int64(slow)).Cmp(s.slowSum.MulInt(int64(s.fast)))
	if d == 0 {
		return 0
	}
	prev := s.sign
	s.sign = d
	if prev != 0 && prev != d {
		return d
	}
	return 0
}

// Update adds x and returns +1 for an up-cross, -1 for a down-cross, 0
// for none.
func (m *SMACross[N]) Update(x N) int { return m.step(&m.s, x) }

// Sign returns the sign of fast - slow (the last non-zero one), 0 before
// both averages exist.
func (m *SMACross[N]) Sign() int { return m.s.sign }

// Ready reports whether both averages exist.
func (m *SMACross[N]) Ready() bool { return m.s.count == len(m.s.buf) }

// Periods returns the fast and slow windows.
func (m *SMACross[N]) Periods() (fast, slow int) { return m.s.fast, len(m.s.buf) }

// WarmUp returns the number of updates that yield the first sign: slow.
func (m *SMACross[N]) WarmUp() int { return len(m.s.buf) }
