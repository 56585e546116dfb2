package indicator

import "github.com/pennybt/penny/numeric"

// expState is backtrader's ExponentialSmoothing: seeded with the simple
// average of the first period values, then
//
//	value = prev*(1-alpha) + x*alpha = prev + alpha*(x - prev)
//
// with alpha = 2/(period+1) (EMA, double set) or 1/period (SMMA). The
// second form is computed: prev + (x-prev)*k/den, with k = 2 or 1 (an
// exact doubling) and one rounding, the Div by den. alpha itself is never
// rounded.
type expState[N numeric.Number[N]] struct {
	period int
	count  int  // values seen, up to period
	double bool // alpha = 2/den (EMA) rather than 1/den (SMMA)
	sum    N    // exact sum of the first values, for the seed
	n      N    // period as N, the seed's divisor
	den    N    // period+1 (EMA) or period (SMMA)
	value  N
	ready  bool
}

func newEMAState[N numeric.Number[N]](period int) expState[N] {
	return expState[N]{
		period: period, double: true,
		n: numeric.Int[N](int64(period)), den: numeric.Int[N](int64(period) + 1),
	}
}

func newSMMAState[N numeric.Number[N]](period int) expState[N] {
	n := numeric.Int[N](int64(period))
	return expState[N]{period: period, n: n, den: n}
}

// expStep smooths x into the state.
//
//penny:specialize
func expStep[N numeric.Number[N]](s *expState[N], x N) {
	if s.ready {
		d := x.Sub(s.value)
		if s.double {
			d = d.Add(d)
		}
		s.value = s.value.Add(d.Div(s.den))
		return
	}
	s.sum = s.sum.Add(x)
	if s.count++; s.count == s.period {
		s.value = s.sum.Div(s.n)
		s.ready = true
	}
}
