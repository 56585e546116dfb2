package metrics

import (
	"math"
	"slices"
)

// This file holds the accumulators that every metric is built from. The
// single-metric functions and Summarize feed the same accumulators in the
// same order, so a metric computed alone and inside a Summary is the same
// float64, bit for bit.

// moments accumulates the count, mean and sum of squared deviations of the
// non-NaN values it is fed (Welford's method). For a constant series the
// mean is that constant and m2 is exactly zero, so a zero deviation stays
// zero instead of becoming a rounding residue (and a ratio over it becomes
// +Inf or NaN, as in empyrical, rather than a huge finite number).
type moments struct {
	n    int
	mean float64
	m2   float64
}

func (m *moments) add(x float64) {
	if math.IsNaN(x) {
		return
	}
	m.n++
	d := x - m.mean
	m.mean += d / float64(m.n)
	m.m2 += d * (x - m.mean)
}

// nanmean is numpy's nanmean: NaN when no value was fed.
func (m *moments) nanmean() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	return m.mean
}

// nanstd is numpy's nanstd with ddof=1 (the sample standard deviation):
// NaN with fewer than two values.
func (m *moments) nanstd() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	return math.Sqrt(m.m2 / float64(m.n-1))
}

// growth accumulates the compounded growth of a returns series and its
// deepest drawdown. NaN returns count as zero (empyrical's cum_returns).
type growth struct {
	value float64 // product of (1 + r) so far
	peak  float64 // highest value so far, starting at 1
	maxDD float64 // most negative (value - peak) / peak so far
}

func newGrowth() growth { return growth{value: 1, peak: 1} }

func (g *growth) add(r float64) {
	if math.IsNaN(r) {
		return
	}
	g.value *= 1 + r
	if g.value > g.peak {
		g.peak = g.value
	}
	if dd := (g.value - g.peak) / g.peak; dd < g.maxDD {
		g.maxDD = dd
	}
}

// downside accumulates the mean square of min(r - required, 0) over the
// non-NaN returns.
type downside struct {
	required float64
	n        int
	sumSq    float64
}

func (d *downside) add(r float64) {
	if math.IsNaN(r) {
		return
	}
	d.n++
	if x := r - d.required; x < 0 {
		d.sumSq += x * x
	}
}

// risk returns the annualized downside deviation: sqrt(mean square) times
// sqrt(factor), NaN when no value was fed.
func (d *downside) risk(factor float64) float64 {
	if d.n == 0 {
		return math.NaN()
	}
	return math.Sqrt(d.sumSq/float64(d.n)) * math.Sqrt(factor)
}

// omega accumulates the gains and losses of r - riskFree - threshold.
type omega struct {
	shift      float64 // riskFree + threshold
	gain, loss float64 // sum of the positive parts, minus sum of the negative parts
}

func (o *omega) add(r float64) {
	x := r - o.shift
	if x > 0 {
		o.gain += x
	} else if x < 0 {
		o.loss -= x
	}
}

func (o *omega) ratio() float64 {
	if o.loss > 0 {
		return o.gain / o.loss
	}
	return math.NaN()
}

// stability accumulates the least-squares fit of the cumulative log returns
// against their index (NaN returns dropped, as empyrical drops them), with
// Welford's co-moment updates.
type stability struct {
	n             int
	y             float64 // cumulative log return so far
	meanX, meanY  float64
	sxx, syy, sxy float64
}

func (s *stability) add(r float64) {
	if math.IsNaN(r) {
		return
	}
	s.y += math.Log1p(r)
	x := float64(s.n)
	s.n++
	k := float64(s.n)
	dx := x - s.meanX
	dy := s.y - s.meanY
	s.meanX += dx / k
	s.meanY += dy / k
	s.sxx += dx * (x - s.meanX)
	s.syy += dy * (s.y - s.meanY)
	s.sxy += dx * (s.y - s.meanY)
}

// rSquared is scipy's linregress rvalue squared: the correlation is 0 when
// either variance is zero and is clipped to [-1, 1].
func (s *stability) rSquared() float64 {
	if s.n == 0 {
		return math.NaN()
	}
	if s.sxx == 0 || s.syy == 0 {
		return 0
	}
	r := s.sxy / math.Sqrt(s.sxx*s.syy)
	if r > 1 {
		r = 1
	} else if r < -1 {
		r = -1
	}
	return r * r
}

// pairs accumulates what alpha, beta and the excess Sharpe ratio need over
// the periods where both the returns and the benchmark are known.
type pairs struct {
	ret, bench moments // returns and benchmark over the pairs
	active     moments // returns minus benchmark
}

func (p *pairs) add(r, b float64) {
	if math.IsNaN(r) || math.IsNaN(b) {
		return
	}
	p.ret.add(r)
	p.bench.add(b)
	p.active.add(r - b)
}

// minVariance is empyrical's floor under the benchmark variance in beta:
// below it the variance counts as zero and beta is NaN.
const minVariance = 1.0e-30

// beta finishes empyrical's beta_aligned: cov(b, r) / var(b) over the pairs,
// with cov computed as mean((b - mean b) * r). It needs a second pass over
// the series.
func (p *pairs) beta(returns, benchmark []float64) float64 {
	if len(returns) < 1 || len(benchmark) < 2 || p.bench.n == 0 {
		return math.NaN()
	}
	mb := p.bench.mean
	var cov, v float64
	for i, r := range returns {
		b := benchmark[i]
		if math.IsNaN(r) || math.IsNaN(b) {
			continue
		}
		res := b - mb
		cov += res * r
		v += res * res
	}
	n := float64(p.bench.n)
	cov /= n
	v /= n
	if v < minVariance {
		return math.NaN()
	}
	return cov / v
}

// alpha finishes empyrical's alpha_aligned from beta: the mean over the
// pairs of (r - rf) - beta * (b - rf), compounded over a year.
func (p *pairs) alpha(n int, beta, riskFree, factor float64) float64 {
	if n < 2 || p.ret.n == 0 {
		return math.NaN()
	}
	m := (p.ret.mean - riskFree) - beta*(p.bench.mean-riskFree)
	return math.Pow(m+1, factor) - 1
}

// excessSharpe finishes empyrical's excess_sharpe: mean over standard
// deviation of the active return, a NaN deviation counting as zero.
func (p *pairs) excessSharpe(n int) float64 {
	if n < 2 {
		return math.NaN()
	}
	te := p.active.nanstd()
	if math.IsNaN(te) {
		te = 0
	}
	return p.active.nanmean() / te
}

// sortedFinite returns the non-NaN values of xs, sorted, appended to buf,
// and whether xs held a NaN.
func sortedFinite(buf, xs []float64) ([]float64, bool) {
	hadNaN := false
	for _, x := range xs {
		if math.IsNaN(x) {
			hadNaN = true
			continue
		}
		buf = append(buf, x)
	}
	slices.Sort(buf)
	return buf, hadNaN
}

// quantileSorted is numpy's percentile with linear interpolation, for q in
// [0, 1] over sorted, non-empty xs: the value at rank (len-1)*q,
// interpolated between its neighbours the way numpy's _lerp does.
func quantileSorted(xs []float64, q float64) float64 {
	n := len(xs)
	h := float64(n-1) * q
	lo := math.Floor(h)
	i := int(lo)
	if i >= n-1 {
		return xs[n-1]
	}
	if i < 0 {
		return xs[0]
	}
	t := h - lo
	a, b := xs[i], xs[i+1]
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}
