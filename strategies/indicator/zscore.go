package indicator

import "github.com/pennybt/penny/numeric"

// ZScore is the standard score of the newest value within the last Period
// values (the newest included): z = (x - mean)/std, with the mean and the
// population standard deviation of [StdDev]. x - mean is exact; the Div is
// one more rounding. When std is zero (a flat window) z is 0: x equals the
// mean then, up to the rounding of the mean.
//
// Push adds a value without computing z; Value computes it on demand, and
// Compare tells on which side of a threshold z lies without computing it
// (no division, no square root): a strategy that only tests z against
// thresholds, as mean reversion does, pays for neither.
//
// Use [NewZScore]; the zero value is not usable.
type ZScore[N numeric.Number[N]] struct {
	s       momentState[N]
	push    func(s *momentState[N], x N)
	value   func(s *momentState[N]) N
	compare func(s *momentState[N], t Threshold[N]) int
}

// zscoreValue computes the z-score of the newest value from the sums.
//
//penny:specialize
func zscoreValue[N numeric.Number[N]](s *momentState[N]) N {
	momentStats(s)
	if s.std.IsZero() {
		return s.std
	}
	return s.lastX.Sub(s.mean).Div(s.std)
}

// zscoreCompare returns the sign of z - t. With D = n*d - S1 (n times the
// newest value's distance to the mean) and V = n*S2 - S1^2 (n^2 times the
// variance), both exact given the sums, z = D/sqrt(V), so z < t is
// D < t*sqrt(V): decided by signs and by the sign of D^2 - t^2*V, with no
// division and no square root.
//
// That sign is first taken from float64 copies of D, V and t^2: each is
// within a relative 2^-53 of the exact value, so a float64 difference
// larger than 1e-12 of the terms has the exact difference's sign. Only
// closer calls compute D^2 and t^2*V in N (exact while the operands have
// at most half the backend's decimals, 4 in Fixed; rounded by Mul
// otherwise). Where those products would leave Fixed's range (beyond
// 1e10) the rounded z-score of Value decides instead. A flat window
// (V <= 0) has z = 0.
//
// Before V itself (whose S1^2 is a Mul, a rounding division in Fixed),
// a quicker estimate is tried: vq = float64(n*S2) - float64(S1)^2, off
// from V by at most verr = 2^-50 (float64(n*S2) + float64(S1)^2) (each
// term within 3*2^-53 of its exact value, the difference within 2^-53 of
// its own). A decision taken from vq with a margin covering t^2*verr is
// the sign of the exact difference, as one taken from V is; anything
// closer goes to V and the steps above, unchanged. With Float, vq is V
// (the same two roundings), so its decisions are the same as before too.
//
//penny:specialize
func zscoreCompare[N numeric.Number[N]](s *momentState[N], t Threshold[N]) int {
	if !s.cached {
		n := int64(len(s.buf))
		s.d = s.last.MulInt(n).Sub(s.s1)
		s.df = s.d.Float64()
		a, b := s.s2.MulInt(n).Float64(), s.s1.Float64()
		b *= b
		s.vq, s.verr = a-b, (a+b)*0x1p-50
		s.cached, s.exact = true, false
	}
	if s.vq <= s.verr { // V may be <= 0: look at V itself
		zscoreExactV(s)
		if s.v.Sign() <= 0 {
			return -t.t.Sign()
		}
	}
	ds, ts := s.d.Sign(), t.t.Sign()
	switch {
	case ts >= 0 && ds <= 0:
		if ds == 0 && ts == 0 {
			return 0
		}
		return -1
	case ts < 0 && ds >= 0:
		return 1
	}
	// Same signs: z - t has the sign of D^2 - t^2 V for positive ones,
	// the opposite for negative ones.
	c := 0
	lhs := s.df * s.df
	if rhs := t.t2f * s.vq; !s.exact {
		tol := 1e-12*(lhs+rhs) + 2*t.t2f*s.verr
		switch diff := lhs - rhs; {
		case diff > tol:
			c = 1
		case diff < -tol:
			c = -1
		}
	}
	if c == 0 {
		zscoreExactV(s)
		rhs := t.t2f * s.vf
		switch diff := lhs - rhs; {
		case diff > 1e-12*(lhs+rhs):
			c = 1
		case diff < -1e-12*(lhs+rhs):
			c = -1
		case lhs > 1e10 || rhs > 1e10:
			return zscoreValue(s).Cmp(t.t)
		default:
			c = s.d.Mul(s.d).Cmp(t.t2.Mul(s.v))
		}
	}
	if ds < 0 {
		return -c
	}
	return c
}

// zscoreExactV computes V = n*S2 - S1^2 in N and its float64, once per
// push.
//
//penny:specialize
func zscoreExactV[N numeric.Number[N]](s *momentState[N]) {
	if !s.exact {
		s.v = s.s2.MulInt(int64(len(s.buf))).Sub(s.s1.Mul(s.s1))
		s.vf = s.v.Float64()
		s.exact = true
	}
}

// NewZScore returns a rolling z-score over period values (1 to
// [MaxPeriod]).
func NewZScore[N numeric.Number[N]](period int) (*ZScore[N], error) {
	if err := checkPeriod("ZScore", "period", period); err != nil {
		return nil, err
	}
	return &ZScore[N]{s: newMomentState[N](period), push: momentPushFor[N](), value: zscoreValueFor[N](), compare: zscoreCompareFor[N]()}, nil
}

// Update adds x and returns its z-score and whether it exists yet.
func (m *ZScore[N]) Update(x N) (N, bool) {
	m.push(&m.s, x)
	return m.Value()
}

// Push adds x and reports whether the z-score exists yet.
func (m *ZScore[N]) Push(x N) bool {
	m.push(&m.s, x)
	return m.s.ready
}

// Value returns the z-score of the newest value and whether it exists yet.
func (m *ZScore[N]) Value() (N, bool) {
	if !m.s.ready {
		var z N
		return z, false
	}
	return m.value(&m.s), true
}

// Threshold is a z-score threshold for Compare, with its square computed
// once.
type Threshold[N numeric.Number[N]] struct {
	t, t2 N
	t2f   float64
}

// NewThreshold returns the threshold t.
func NewThreshold[N numeric.Number[N]](t N) Threshold[N] {
	t2 := t.Mul(t)
	return Threshold[N]{t, t2, t2.Float64()}
}

// Value returns the threshold.
func (t Threshold[N]) Value() N { return t.t }

// Compare returns -1, 0 or +1 as the z-score of the newest value is below,
// at or above the threshold (see zscoreCompare for its exactness); 0
// before the z-score exists.
func (m *ZScore[N]) Compare(t Threshold[N]) int {
	if !m.s.ready {
		return 0
	}
	return m.compare(&m.s, t)
}

// Ready reports whether Period values have been seen.
func (m *ZScore[N]) Ready() bool { return m.s.ready }

// Mean returns the mean of the window and whether it exists yet.
func (m *ZScore[N]) Mean() (N, bool) {
	if !m.s.ready {
		var z N
		return z, false
	}
	m.value(&m.s)
	return m.s.mean, true
}

// StdDev returns the standard deviation of the window and whether it
// exists yet.
func (m *ZScore[N]) StdDev() (N, bool) {
	if !m.s.ready {
		var z N
		return z, false
	}
	m.value(&m.s)
	return m.s.std, true
}

// Period returns the window length.
func (m *ZScore[N]) Period() int { return len(m.s.buf) }

// WarmUp returns the number of updates that yield the first value: Period.
func (m *ZScore[N]) WarmUp() int { return len(m.s.buf) }
