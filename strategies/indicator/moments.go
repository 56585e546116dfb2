package indicator

import "github.com/pennybt/penny/numeric"

// momentState keeps the exact running sums of a window that StdDev,
// Bollinger and ZScore derive their mean and population deviation from.
//
// The sums are of deviations d = x - origin from an anchor value:
// S1 = sum of d, S2 = sum of d*d. The anchor is the first value given, and
// again the newest value each time the window has been replaced
// (every period updates): the deviations, recentred, and S1 and S2 are
// then recomputed from the window, O(period) once per period updates. The
// variance does not depend on the anchor, and deviations from a recent
// value are much smaller than prices, so S2 stays in Fixed's range and the
// subtraction below cancels few digits. Then
//
//	mean = (S1 + period*origin) / period        (exactly SMA's value)
//	var  = S2/period - (S1/period)^2, clamped at 0
//	std  = sqrt(var)
//
// Roundings: the Div of mean; the Div of S2, the Div of S1 and the Mul
// squaring it; the Sqrt. A square d*d is exact when d has at most half the
// backend's decimals (4 in Fixed), and is otherwise rounded by the Mul, the
// same way when it enters S2 and when it leaves, so S2 does not drift.
type momentState[N numeric.Number[N]] struct {
	buf       []N // the window's deviations, zeros before the first len(buf)
	sq        []N // their squares, as added to s2
	pos       int // the oldest deviation
	started   bool
	origin    N
	originSum N // period*origin
	s1, s2    N
	n         N // period as N
	mean, std N
	ready     bool
	anchor    bool // re-anchor at the start of the next push
	last      N    // the newest value's deviation from origin
	lastX     N    // the newest value

	// zscoreCompare's per-push cache: D and its float64, the quick
	// estimate of V and its error bound, and (exact) V and its float64.
	cached, exact bool
	d, v          N
	df, vf        float64
	vq, verr      float64
}

func newMomentState[N numeric.Number[N]](period int) momentState[N] {
	return momentState[N]{buf: make([]N, period), sq: make([]N, period), n: numeric.Int[N](int64(period))}
}

// momentStep adds x to the window; once it is full, it sets mean and std.
//
//penny:specialize
func momentStep[N numeric.Number[N]](s *momentState[N], x N) {
	momentPush(s, x)
	if s.ready {
		momentStats(s)
	}
}

// momentPush adds x to the window's sums. After every period updates it
// marks the window for re-anchoring at x, done at the start of the next
// push, so that the sums seen between two pushes are those the
// statistics of x are computed from.
//
//penny:specialize
func momentPush[N numeric.Number[N]](s *momentState[N], x N) {
	if s.anchor {
		// Re-anchor at the previous newest value (its deviation is last).
		var s1, s2 N
		for i, e := range s.buf {
			e = e.Sub(s.last)
			q := e.Mul(e)
			s.buf[i], s.sq[i] = e, q
			s1, s2 = s1.Add(e), s2.Add(q)
		}
		s.origin, s.originSum, s.s1, s.s2 = s.lastX, s.lastX.Mul(s.n), s1, s2
		s.last, s.anchor = s.last.Sub(s.last), false
	}
	if !s.started {
		s.origin, s.originSum, s.started = x, x.Mul(s.n), true
	}
	d := x.Sub(s.origin)
	q := d.Mul(d)
	s.s1 = s.s1.Sub(s.buf[s.pos]).Add(d)
	s.s2 = s.s2.Sub(s.sq[s.pos]).Add(q)
	s.buf[s.pos], s.sq[s.pos] = d, q
	s.last, s.lastX = d, x
	s.cached = false
	if s.pos++; s.pos == len(s.buf) {
		s.pos, s.ready, s.anchor = 0, true, true
	}
}

// momentStats sets mean and std from the sums.
//
//penny:specialize
func momentStats[N numeric.Number[N]](s *momentState[N]) {
	s.mean = s.s1.Add(s.originSum).DivInt(int64(len(s.buf)))
	m := s.s1.DivInt(int64(len(s.buf)))
	v := s.s2.DivInt(int64(len(s.buf))).Sub(m.Mul(m))
	if v.Sign() < 0 {
		v = v.Sub(v)
	}
	s.std = v.Sqrt()
}
