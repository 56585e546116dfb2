package indicator

import "math/big"

// The reference definitions, written from backtrader's formulas without
// the package's code. Windowed indicators are recomputed from the whole
// window at every bar; recursive ones (the exponential smoothings) follow
// their recursion from the seed. Each returns, per bar, nil before the
// indicator is defined and its values (one or more lines) after. Under the
// exact model they use backtrader's own forms (prev*(1-alpha) + x*alpha,
// 100 - 100/(1+rs), mean of squared deviations); under a backend's model
// they use the forms the package documents, rounding where it says.

type refSeries = [][]*big.Rat

func one(v *big.Rat) []*big.Rat { return []*big.Rat{v} }

// refWindowSum is the sum of xs[t-p+1..t].
func refWindowSum(m model, xs []*big.Rat, t, p int) *big.Rat {
	s := new(big.Rat)
	for i := t - p + 1; i <= t; i++ {
		s = m.add(s, xs[i])
	}
	return s
}

func refSMA(m model, xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	for t := p - 1; t < len(xs); t++ {
		out[t] = one(m.div(refWindowSum(m, xs, t, p), rat(int64(p))))
	}
	return out
}

// refSum is the sum of the last p values (of all values, before p).
func refSum(m model, xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	for t := range xs {
		out[t] = one(refWindowSum(m, xs, t, min(t+1, p)))
	}
	return out
}

// refSmooth is backtrader's ExponentialSmoothing with alpha = k/den over
// xs, of which the first `from` are undefined (nil).
func refSmooth(m model, xs []*big.Rat, from, p int, k, den int64) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	if from+p > len(xs) {
		return out
	}
	seed := m.div(refWindowSum(m, xs, from+p-1, p), rat(int64(p)))
	out[from+p-1] = seed
	alpha := new(big.Rat).SetFrac64(k, den)
	alpha1 := new(big.Rat).Sub(rat(1), alpha)
	prev := seed
	for t := from + p; t < len(xs); t++ {
		if m.exact {
			prev = new(big.Rat).Add(new(big.Rat).Mul(prev, alpha1), new(big.Rat).Mul(xs[t], alpha))
		} else {
			d := m.sub(xs[t], prev)
			if k == 2 {
				d = m.add(d, d)
			}
			prev = m.add(prev, m.div(d, rat(den)))
		}
		out[t] = prev
	}
	return out
}

func lines(vs ...[]*big.Rat) refSeries {
	out := make(refSeries, len(vs[0]))
	for t := range out {
		var row []*big.Rat
		for _, v := range vs {
			if v[t] == nil {
				row = nil
				break
			}
			row = append(row, v[t])
		}
		out[t] = row
	}
	return out
}

func refEMA(m model, xs []*big.Rat, p int) refSeries {
	return lines(refSmooth(m, xs, 0, p, 2, int64(p)+1))
}

func refSMMA(m model, xs []*big.Rat, p int) refSeries {
	return lines(refSmooth(m, xs, 0, p, 1, int64(p)))
}

func refWMA(m model, xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	den := rat(int64(p) * int64(p+1) / 2)
	for t := p - 1; t < len(xs); t++ {
		w := new(big.Rat)
		for i := 1; i <= p; i++ { // weight i for xs[t-p+i]
			w = m.add(w, m.mul(rat(int64(i)), xs[t-p+i]))
		}
		out[t] = one(m.div(w, den))
	}
	return out
}

func refRSI(m model, xs []*big.Rat, p int) refSeries {
	up, down := make([]*big.Rat, len(xs)), make([]*big.Rat, len(xs))
	for t := 1; t < len(xs); t++ {
		d := new(big.Rat).Sub(xs[t], xs[t-1])
		up[t], down[t] = new(big.Rat), new(big.Rat)
		if d.Sign() > 0 {
			up[t] = d
		} else {
			down[t] = d.Neg(d)
		}
	}
	su, sd := refSmooth(m, up, 1, p, 1, int64(p)), refSmooth(m, down, 1, p, 1, int64(p))
	out := make(refSeries, len(xs))
	hundred := rat(100)
	for t := range xs {
		u, d := su[t], sd[t]
		if u == nil {
			continue
		}
		switch {
		case d.Sign() == 0 && u.Sign() == 0:
			out[t] = one(rat(50)) // backtrader safediv: safelow
		case d.Sign() == 0:
			out[t] = one(rat(100)) // backtrader safediv: safehigh
		case m.exact:
			rs := new(big.Rat).Quo(u, d)
			rs.Add(rs, rat(1))
			out[t] = one(new(big.Rat).Sub(hundred, new(big.Rat).Quo(hundred, rs)))
		default:
			out[t] = one(m.div(m.mul(u, hundred), m.add(u, d)))
		}
	}
	return out
}

func refATR(m model, bs refBars, p int) refSeries {
	tr := make([]*big.Rat, len(bs.close))
	for t := 1; t < len(tr); t++ {
		pc := bs.close[t-1]
		hi, lo := bs.high[t], bs.low[t]
		if pc.Cmp(hi) > 0 {
			hi = pc
		}
		if pc.Cmp(lo) < 0 {
			lo = pc
		}
		tr[t] = new(big.Rat).Sub(hi, lo)
	}
	return lines(refSmooth(m, tr, 1, p, 1, int64(p)))
}

// refMoments returns the mean and the population standard deviation of
// each window. Exact: the two-pass definition, mean of squared deviations
// from the mean. A backend's model: the package's documented computation,
// from sums of deviations from an anchor value.
func refMoments(m model, xs []*big.Rat, p int) (mean, std []*big.Rat) {
	mean, std = make([]*big.Rat, len(xs)), make([]*big.Rat, len(xs))
	n := rat(int64(p))
	for t := p - 1; t < len(xs); t++ {
		if m.exact {
			mu := new(big.Rat).Quo(refWindowSum(m, xs, t, p), n)
			v := new(big.Rat)
			for i := t - p + 1; i <= t; i++ {
				d := new(big.Rat).Sub(xs[i], mu)
				v.Add(v, d.Mul(d, d))
			}
			mean[t], std[t] = mu, sqrtRat(v.Quo(v, n), 60)
			continue
		}
		origin := xs[0] // the anchor: re-set to the newest value every p updates
		if t >= p {
			origin = xs[p*(t/p)-1]
		}
		s1, s2 := new(big.Rat), new(big.Rat)
		for i := t - p + 1; i <= t; i++ {
			d := m.sub(xs[i], origin)
			s1, s2 = m.add(s1, d), m.add(s2, m.mul(d, d))
		}
		mean[t] = m.div(m.add(s1, m.mul(origin, n)), n)
		m1 := m.div(s1, n)
		v := m.sub(m.div(s2, n), m.mul(m1, m1))
		if v.Sign() < 0 {
			v = new(big.Rat)
		}
		std[t] = m.sqrt(v)
	}
	return mean, std
}

func refStdDev(m model, xs []*big.Rat, p int) refSeries {
	_, std := refMoments(m, xs, p)
	return lines(std)
}

func refBollinger(m model, xs []*big.Rat, p int, dev *big.Rat) refSeries {
	mean, std := refMoments(m, xs, p)
	top, bot := make([]*big.Rat, len(xs)), make([]*big.Rat, len(xs))
	for t := range xs {
		if mean[t] != nil {
			w := m.mul(dev, std[t])
			top[t], bot[t] = m.add(mean[t], w), m.sub(mean[t], w)
		}
	}
	return lines(mean, top, bot)
}

func refZScore(m model, xs []*big.Rat, p int) refSeries {
	mean, std := refMoments(m, xs, p)
	out := make(refSeries, len(xs))
	for t := range xs {
		switch {
		case mean[t] == nil:
		case std[t].Sign() == 0:
			out[t] = one(new(big.Rat))
		default:
			out[t] = one(m.div(m.sub(xs[t], mean[t]), std[t]))
		}
	}
	return out
}

func refMACD(m model, xs []*big.Rat, fast, slow, signal int) refSeries {
	f := refSmooth(m, xs, 0, fast, 2, int64(fast)+1)
	s := refSmooth(m, xs, 0, slow, 2, int64(slow)+1)
	macd := make([]*big.Rat, len(xs))
	for t := slow - 1; t < len(xs); t++ {
		macd[t] = m.sub(f[t], s[t])
	}
	sig := refSmooth(m, macd, slow-1, signal, 2, int64(signal)+1)
	hist := make([]*big.Rat, len(xs))
	for t := range xs {
		if sig[t] != nil {
			hist[t] = m.sub(macd[t], sig[t])
		}
	}
	return lines(macd, sig, hist)
}

// refExtreme is the largest (dir 1) or smallest (dir -1) of xs[t-p+1..t].
func refExtreme(xs []*big.Rat, t, p, dir int) *big.Rat {
	e := xs[t-p+1]
	for i := t - p + 2; i <= t; i++ {
		if xs[i].Cmp(e)*dir > 0 {
			e = xs[i]
		}
	}
	return e
}

func refHighest(xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	for t := p - 1; t < len(xs); t++ {
		out[t] = one(refExtreme(xs, t, p, 1))
	}
	return out
}

func refLowest(xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	for t := p - 1; t < len(xs); t++ {
		out[t] = one(refExtreme(xs, t, p, -1))
	}
	return out
}

// refSMAFrom is the simple average over p of xs, of which the first `from`
// are undefined. Exact: the window's sum at each bar. A backend's model:
// the documented running sum, which subtracts the value leaving (0 while
// the window fills) and adds the new one, each rounded: in Decimal, a sum
// of values carrying 34 digits (the %K of a stochastic) rounds.
func refSMAFrom(m model, xs []*big.Rat, from, p int) []*big.Rat {
	out := make([]*big.Rat, len(xs))
	if m.exact {
		for t := from + p - 1; t < len(xs); t++ {
			out[t] = m.div(refWindowSum(m, xs, t, p), rat(int64(p)))
		}
		return out
	}
	sum := new(big.Rat)
	for t := from; t < len(xs); t++ {
		old := new(big.Rat)
		if t-p >= from {
			old = xs[t-p]
		}
		sum = m.add(m.sub(sum, old), xs[t])
		if t >= from+p-1 {
			out[t] = m.div(sum, rat(int64(p)))
		}
	}
	return out
}

// refFastK is backtrader's fast %K, 0 for a flat window (safediv).
func refFastK(m model, bs refBars, p int) []*big.Rat {
	k := make([]*big.Rat, len(bs.close))
	for t := p - 1; t < len(k); t++ {
		hh, ll := refExtreme(bs.high, t, p, 1), refExtreme(bs.low, t, p, -1)
		r := new(big.Rat).Sub(hh, ll)
		switch {
		case r.Sign() == 0:
			k[t] = new(big.Rat)
		case m.exact:
			q := new(big.Rat).Quo(new(big.Rat).Sub(bs.close[t], ll), r)
			k[t] = q.Mul(q, rat(100))
		default:
			k[t] = m.div(m.mul(m.sub(bs.close[t], ll), rat(100)), m.sub(hh, ll))
		}
	}
	return k
}

func refStochasticFast(m model, bs refBars, p, dfast int) refSeries {
	k := refFastK(m, bs, p)
	return lines(k, refSMAFrom(m, k, p-1, dfast))
}

func refStochastic(m model, bs refBars, p, dfast, dslow int) refSeries {
	k := refSMAFrom(m, refFastK(m, bs, p), p-1, dfast)
	return lines(k, refSMAFrom(m, k, p+dfast-2, dslow))
}

func refMomentum(m model, xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	for t := p; t < len(xs); t++ {
		out[t] = one(m.sub(xs[t], xs[t-p]))
	}
	return out
}

func refROC(m model, xs []*big.Rat, p int) refSeries {
	out := make(refSeries, len(xs))
	for t := p; t < len(xs); t++ {
		out[t] = one(m.div(m.sub(xs[t], xs[t-p]), xs[t-p]))
	}
	return out
}
