package indicator

import "github.com/pennybt/penny/numeric"

// lagState keeps the last period values, so that x[-period], the value
// period updates before x, is at hand.
type lagState[N numeric.Number[N]] struct {
	buf   []N // the last period values
	pos   int // the oldest: x[-period] when the next x arrives
	full  bool
	value N
	ready bool
}

// momentumStep adds x; the value is x - x[-period].
//
//penny:specialize
func momentumStep[N numeric.Number[N]](s *lagState[N], x N) {
	old := s.buf[s.pos]
	s.buf[s.pos] = x
	if s.full {
		s.value, s.ready = x.Sub(old), true
	}
	if s.pos++; s.pos == len(s.buf) {
		s.pos, s.full = 0, true
	}
}

// rocStep adds x; the value is (x - x[-period]) / x[-period].
//
//penny:specialize
func rocStep[N numeric.Number[N]](s *lagState[N], x N) {
	old := s.buf[s.pos]
	s.buf[s.pos] = x
	if s.full {
		s.value, s.ready = x.Sub(old).Div(old), true
	}
	if s.pos++; s.pos == len(s.buf) {
		s.pos, s.full = 0, true
	}
}
