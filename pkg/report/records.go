package report

import (
	"math"
	"slices"
)

// recordColumn is one series the strategy recorded (engine.Context.Record),
// as daily.csv and the report show it: its value at each session's end.
type recordColumn struct {
	Name   string // the name the strategy gave it
	Header string // its column in daily.csv (see recordHeaders)
	// Last is, per session, the index in the series of the last value
	// recorded at or before the session's end, -1 before the first.
	Last []int
}

// recordColumns returns the recorded series of the run, in the order of
// their first value, with their columns of daily.csv: each series is
// headed by its name, unless that is empty or already a column of
// daily.csv (a column of its own, such as cash or dividends, or an
// earlier series'): then by "record_" and the name, as often as needed.
func (r *Report[N]) recordColumns() []recordColumn {
	recs := r.Result.Records
	if len(recs) == 0 {
		return nil
	}
	used := append(slices.Clone(dailyHeader), "dividends")
	n := len(r.Result.Snapshots)
	out := make([]recordColumn, len(recs))
	for i, s := range recs {
		h := s.Name
		for h == "" || slices.Contains(used, h) {
			h = "record_" + h
		}
		used = append(used, h)
		last := make([]int, n)
		j := -1
		for sess := range n {
			for j+1 < len(s.Session) && s.Session[j+1] <= sess {
				j++
			}
			last[sess] = j
		}
		out[i] = recordColumn{Name: s.Name, Header: h, Last: last}
	}
	return out
}

// recordValues returns the float64 values of a recorded series at each
// session's end (NaN before its first value), for the charts.
func (r *Report[N]) recordValues(c recordColumn, i int) []float64 {
	s := &r.Result.Records[i]
	out := make([]float64, len(c.Last))
	for k, j := range c.Last {
		out[k] = math.NaN()
		if j >= 0 {
			out[k] = s.Value[j].Float64()
		}
	}
	return out
}
