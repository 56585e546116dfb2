package svg

import "math"

// Linear maps the data interval [D0, D1] onto the user-unit interval
// [R0, R1] (R1 < R0 for a y axis pointing up). A degenerate domain
// (D0 == D1) maps everything to the middle of the range.
type Linear struct{ D0, D1, R0, R1 float64 }

// Map returns the position of v.
func (s Linear) Map(v float64) float64 {
	if s.D1 == s.D0 {
		return (s.R0 + s.R1) / 2
	}
	return s.R0 + (v-s.D0)*(s.R1-s.R0)/(s.D1-s.D0)
}

// NiceTicks returns about n (at least 2) round tick values covering [lo,
// hi]: multiples of a step of 1, 2 or 5 times a power of ten, from the
// largest multiple at or below lo to the smallest at or above hi, and the
// step. A degenerate interval is widened around its value first; lo >
// hi is swapped; non-finite bounds give no ticks.
func NiceTicks(lo, hi float64, n int) (ticks []float64, step float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, 0
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		d := math.Abs(lo) * 0.01
		if d == 0 {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	if n < 2 {
		n = 2
	}
	step = niceStep((hi - lo) / float64(n))
	// Ticks are k*step for whole k; below 1, k/(1/step), so that 0.1*3
	// reads 0.3 and not 0.30000000000000004.
	at := func(k float64) float64 { return k * step }
	if step < 1 {
		inv := math.Round(1 / step)
		at = func(k float64) float64 { return k / inv }
	}
	for k := math.Floor(lo / step); k <= math.Ceil(hi/step); k++ {
		v := at(k)
		if v == 0 {
			v = 0 // no -0
		}
		ticks = append(ticks, v)
	}
	return ticks, step
}

// niceStep returns the smallest of 1, 2, 5 or 10 times a power of ten at
// or above raw.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// Decimals returns the number of decimals that tick labels of the given
// step need (0 for a step of 1 or more).
func Decimals(step float64) int {
	if step <= 0 || math.IsNaN(step) || math.IsInf(step, 0) {
		return 0
	}
	d := -math.Floor(math.Log10(step) + 1e-9)
	if d < 0 {
		return 0
	}
	return int(d)
}

// Log maps the data interval [D0, D1] (both > 0) onto [R0, R1] on a
// logarithmic scale: equal ratios take equal distances. A degenerate
// domain maps everything to the middle of the range; a value <= 0 has no
// position (Map returns NaN: the caller leaves it out).
type Log struct{ D0, D1, R0, R1 float64 }

// Map returns the position of v, NaN for v <= 0.
func (s Log) Map(v float64) float64 {
	if v <= 0 {
		return math.NaN()
	}
	if s.D1 == s.D0 {
		return (s.R0 + s.R1) / 2
	}
	return s.R0 + math.Log(v/s.D0)*(s.R1-s.R0)/math.Log(s.D1/s.D0)
}

// LogTicks returns tick values for a logarithmic axis over [lo, hi] (0 <
// lo <= hi), and the step their labels need (see Decimals). Over less
// than a factor of 10 they are the positive NiceTicks (round values,
// evenly spaced in value; the first may lie above lo when the round
// value below it is 0: the axis then starts at lo). Over more, they are
// 1, 2 and 5 times the powers of ten, or the powers of ten alone when
// those would be more than 12, from the last at or below lo to the first
// at or above hi. Non-finite or non-positive bounds give no ticks.
func LogTicks(lo, hi float64) (ticks []float64, step float64) {
	if !(lo > 0) || !(hi > 0) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, 0
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi/lo < 10 {
		ticks, step = NiceTicks(lo, hi, 5)
		for len(ticks) > 0 && ticks[0] <= 0 {
			ticks = ticks[1:]
		}
		return ticks, step
	}
	first, last := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	mantissas := []float64{1, 2, 5}
	if 3*(last-first) > 12 {
		mantissas = []float64{1}
	}
	var all []float64
	for e := first; e <= last; e++ {
		for _, m := range mantissas {
			all = append(all, m*math.Pow(10, e))
		}
	}
	i0, i1 := 0, len(all)-1
	for i, v := range all {
		if v <= lo*(1+1e-12) {
			i0 = i
		}
		if v >= hi*(1-1e-12) && i < i1 {
			i1 = i
		}
	}
	return all[i0 : i1+1], math.Pow(10, first)
}
