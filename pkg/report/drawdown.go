package report

import (
	"slices"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

// drawdownPeriod is a stretch of sessions below a running peak of the
// portfolio value: from the peak, through the lowest value (the trough),
// to the first session back at or above the peak (the recovery).
type drawdownPeriod struct {
	// Peak is the session of the peak, -1 for the start (the capital);
	// Trough that of the lowest value; Recovery that of the recovery, -1
	// when the value had not recovered by the end.
	Peak, Trough, Recovery int
	// Depth is trough value / peak value - 1 (< 0), in float64 from the
	// exact values.
	Depth float64
}

// drawdownPeriods returns the drawdown periods of the portfolio values at
// the sessions' ends (the snapshots), the running peak starting at the
// capital, in order. The comparisons are exact: a session at exactly the
// peak's value ends a period. The deepest period's depth is the run's
// max_drawdown, up to the rounding of the returns it is compounded from.
func drawdownPeriods[N numeric.Number[N]](capital N, snaps []ledger.Snapshot[N]) []drawdownPeriod {
	var out []drawdownPeriod
	peak, peakAt := capital, -1
	cur := -1 // index in out of the open period
	for i := range snaps {
		v := snaps[i].PortfolioValue
		switch {
		case v.Cmp(peak) >= 0:
			if cur >= 0 {
				out[cur].Recovery = i
				cur = -1
			}
			peak, peakAt = v, i
		case cur < 0:
			out = append(out, drawdownPeriod{Peak: peakAt, Trough: i, Recovery: -1})
			cur = len(out) - 1
			out[cur].Depth = v.Float64()/peak.Float64() - 1
		case v.Cmp(snaps[out[cur].Trough].PortfolioValue) < 0:
			out[cur].Trough = i
			out[cur].Depth = v.Float64()/peak.Float64() - 1
		}
	}
	return out
}

// worstDrawdowns returns the n deepest periods, deepest first (the
// earlier first when two are as deep).
func worstDrawdowns(periods []drawdownPeriod, n int) []drawdownPeriod {
	w := slices.Clone(periods)
	slices.SortStableFunc(w, func(a, b drawdownPeriod) int {
		switch {
		case a.Depth < b.Depth:
			return -1
		case a.Depth > b.Depth:
			return 1
		}
		return 0
	})
	return w[:min(n, len(w))]
}
