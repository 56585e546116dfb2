package report

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
)

func snapshots(values ...string) []ledger.Snapshot[numeric.Fixed] {
	out := make([]ledger.Snapshot[numeric.Fixed], len(values))
	for i, v := range values {
		out[i].PortfolioValue = numeric.MustParse[numeric.Fixed](v)
	}
	return out
}

func TestDrawdownPeriods(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []drawdownPeriod
	}{
		{"none", []string{"100", "101", "101"}, nil},
		{"from the start, recovered at exactly the peak", []string{"90", "95", "100", "99"},
			[]drawdownPeriod{{Peak: -1, Trough: 0, Recovery: 2, Depth: -0.1}, {Peak: 2, Trough: 3, Recovery: -1, Depth: -0.01}}},
		{"deeper trough later", []string{"120", "110", "115", "60", "130"},
			[]drawdownPeriod{{Peak: 0, Trough: 3, Recovery: 4, Depth: -0.5}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := drawdownPeriods(numeric.Int[numeric.Fixed](100), snapshots(tc.values...))
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Peak != w.Peak || g.Trough != w.Trough || g.Recovery != w.Recovery || math.Abs(g.Depth-w.Depth) > 1e-15 {
					t.Errorf("period %d: %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// TestDrawdownPeriodsRandom checks the periods of random walks against
// their definition: every session below the running peak is in exactly
// one period, the trough is the period's lowest session, and the worst
// period's depth is the lowest drawdown.
func TestDrawdownPeriodsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		n := 1 + rng.IntN(300)
		values := make([]string, n)
		fv := make([]float64, n)
		v := 10000
		for i := range values {
			v = max(1, v+rng.IntN(201)-100)
			values[i], fv[i] = strconv.Itoa(v), float64(v)
		}
		periods := drawdownPeriods(numeric.Int[numeric.Fixed](10000), snapshots(values...))
		dd := drawdowns(fv, 10000)
		in := make([]int, n) // the period each session is in, -1 for none
		for i := range in {
			in[i] = -1
		}
		for k, p := range periods {
			end := p.Recovery
			if end < 0 {
				end = n
			}
			for i := p.Peak + 1; i < end; i++ {
				if in[i] >= 0 {
					t.Fatalf("session %d in periods %d and %d", i, in[i], k)
				}
				in[i] = k
				if fv[i] < fv[p.Trough] {
					t.Fatalf("period %+v: session %d is below its trough", p, i)
				}
			}
		}
		lowest := 0.0
		for i, d := range dd {
			if (d < 0) != (in[i] >= 0) {
				t.Fatalf("session %d: drawdown %v, in period %d", i, d, in[i])
			}
			lowest = min(lowest, d)
		}
		if w := worstDrawdowns(periods, 5); len(w) > 0 && math.Abs(w[0].Depth-lowest) > 1e-12 ||
			!slices.IsSortedFunc(w, func(a, b drawdownPeriod) int { return int(math.Copysign(1, a.Depth-b.Depth)) }) {
			t.Fatalf("worst periods %+v, lowest drawdown %v", w, lowest)
		}
	}
}

func TestHistogram(t *testing.T) {
	if h := newHistogram([]float64{math.NaN(), math.Inf(1)}); h.N != 0 || len(h.Count) != 0 {
		t.Errorf("no finite value: %+v", h)
	}
	if h := newHistogram([]float64{0, 0, 0}); h.N != 3 || len(h.Count) != 10 || sum(h.Count) != 3 || h.Lo >= 0 {
		t.Errorf("one value: %+v", h)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 5000)
	for i := range xs {
		xs[i] = rng.NormFloat64() * 0.01
	}
	xs[17] = math.NaN()
	h := newHistogram(xs)
	if h.N != 4999 || sum(h.Count) != 4999 || len(h.Count) != 50 {
		t.Errorf("%d values in %d bins, counting %d", h.N, len(h.Count), sum(h.Count))
	}
	lo, hi := slices.Min(append(xs[:17:17], xs[18:]...)), slices.Max(append(xs[:17:17], xs[18:]...))
	if h.Lo != lo || math.Abs(h.Lo+h.Width*50-hi) > 1e-15 || h.Count[0] == 0 || h.Count[49] == 0 {
		t.Errorf("bins from %v by %v, values from %v to %v", h.Lo, h.Width, lo, hi)
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func TestHolding(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0 days"},
		{24 * time.Hour, "1 day"},
		{22 * 24 * time.Hour, "22 days"},
		{20*24*time.Hour + 23*time.Hour, "20d 23h"},
		{2*24*time.Hour + 6*time.Hour + 30*time.Minute, "2d 6h 30m"},
		{45 * time.Minute, "45m"},
		{3*time.Hour + 5*time.Minute, "3h 5m"},
	} {
		if got := holding(c.d); got != c.want {
			t.Errorf("holding(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestHoverValues(t *testing.T) {
	ys := []float64{100000, 100012.345, math.NaN(), -0.001, 1.0 / 3}
	if got, want := hoverValues(ys, hoverMoney), "100000,100012.35,,0,0.33"; got != want {
		t.Errorf("money: %q, want %q", got, want)
	}
	if got, want := hoverValues(ys, hoverPercent), "1e+05,1.0001e+05,,-0.001,0.33333"; got != want {
		t.Errorf("percent: %q, want %q", got, want)
	}
	if got := hoverValues(nil, hoverRatio); got != "" {
		t.Errorf("no value: %q", got)
	}
	if n := strings.Count(hoverValues(make([]float64, 7), hoverRatio), ","); n != 6 {
		t.Errorf("%d commas for 7 values", n)
	}
}
