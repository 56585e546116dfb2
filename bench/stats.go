package bench

import (
	"math"
	"slices"
)

// Stats summarises a set of timings (or any sample of values): mean,
// median, sample standard deviation (n-1 in the denominator; 0 for fewer
// than two values), minimum and maximum. The zero Stats describes an empty
// sample.
type Stats struct {
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	StdDev float64 `json:"stddev"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Summarize computes the Stats of xs; xs is not modified. The median of
// an even count is the mean of the two middle values.
func Summarize(xs []float64) Stats {
	if len(xs) == 0 {
		return Stats{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	st := Stats{N: len(s), Min: s[0], Max: s[len(s)-1]}
	if n := len(s); n%2 == 1 {
		st.Median = s[n/2]
	} else {
		st.Median = (s[n/2-1] + s[n/2]) / 2
	}
	var sum float64
	for _, x := range s {
		sum += x
	}
	st.Mean = sum / float64(len(s))
	if len(s) > 1 {
		var ss float64
		for _, x := range s {
			d := x - st.Mean
			ss += d * d
		}
		st.StdDev = math.Sqrt(ss / float64(len(s)-1))
	}
	return st
}

// CV returns the coefficient of variation, StdDev / Mean (0 for a zero
// mean): the relative noise of the sample.
func (s Stats) CV() float64 {
	if s.Mean == 0 {
		return 0
	}
	return s.StdDev / s.Mean
}
