package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// rankCases are returns of many shapes: distinct, heavily repeated,
// with zeros of one sign or of both, infinities, NaN, sorted, reversed,
// of every length up to a few hundred and a year of sessions.
func rankCases() [][]float64 {
	r := rand.New(rand.NewPCG(3, 4))
	negZero := math.Copysign(0, -1)
	var out [][]float64
	for _, n := range []int{0, 1, 2, 3, 4, 5, 12, 13, 20, 21, 40, 101, 252, 502, 1000} {
		for shape := range 10 {
			xs := make([]float64, n)
			for i := range xs {
				switch shape {
				case 0, 6, 7:
					xs[i] = r.NormFloat64() / 100
				case 1:
					xs[i] = float64(r.IntN(5)-2) / 100 // repeats and +0
				case 2:
					xs[i] = []float64{negZero, -0.01, 0.02}[r.IntN(3)] // -0 only
				case 3:
					xs[i] = []float64{negZero, 0, -0.01, 0.01}[r.IntN(4)] // both zeros
				case 4:
					xs[i] = []float64{math.Inf(1), math.Inf(-1), 0.5, -0.5, 0}[r.IntN(5)]
				case 9: // tails in zeros of both signs
					xs[i] = []float64{negZero, 0}[r.IntN(2)]
					if k := r.IntN(100); k < 3 {
						xs[i] = -0.01
					} else if k > 96 {
						xs[i] = 0.01
					}
				case 8:
					xs[i] = []float64{negZero, 0}[r.IntN(2)] // zeros of both signs only
				case 5:
					xs[i] = r.NormFloat64()
					if r.IntN(10) == 0 {
						xs[i] = math.NaN()
					}
				}
			}
			switch shape {
			case 6:
				slices.Sort(xs)
			case 7:
				slices.Sort(xs)
				slices.Reverse(xs)
			}
			out = append(out, xs)
		}
	}
	return out
}

// TestTailRanks: after tailRanks, the elements at the ranks the two
// tail percentiles read are, bit for bit, those of a sort, and xs holds
// the same values.
func TestTailRanks(t *testing.T) {
	for k, xs := range rankCases() {
		xs = slices.DeleteFunc(slices.Clone(xs), math.IsNaN)
		mixed := slices.ContainsFunc(xs, func(x float64) bool { return x == 0 && math.Signbit(x) }) &&
			slices.ContainsFunc(xs, func(x float64) bool { return x == 0 && !math.Signbit(x) })
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		got := slices.Clone(xs)
		tailRanks(got, mixed)
		for _, q := range []float64{0.05, 0.95} {
			i, j := quantileRanks(len(xs), q)
			for _, r := range []int{i, j} {
				if r >= 0 && math.Float64bits(got[r]) != math.Float64bits(sorted[r]) {
					t.Errorf("case %d (%d returns): rank %d holds %v, a sort %v", k, len(xs), r, got[r], sorted[r])
				}
			}
		}
		if !slices.Equal(bitsSorted(got), bitsSorted(xs)) {
			t.Errorf("case %d: tailRanks changed the values", k)
		}
	}
}

// bitsSorted returns the bits of xs, sorted.
func bitsSorted(xs []float64) []uint64 {
	out := make([]uint64, len(xs))
	for i, x := range xs {
		out[i] = math.Float64bits(x)
	}
	slices.Sort(out)
	return out
}

// TestSummarizeTails: Summarize's tail ratio and value at risk are, bit
// for bit, those of TailRatio and ValueAtRisk, which sort.
func TestSummarizeTails(t *testing.T) {
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	for k, xs := range rankCases() {
		s := Summarize(xs, Config{Period: Daily})
		if tr := TailRatio(xs); !same(s.TailRatio, tr) {
			t.Errorf("case %d (%d returns): tail ratio %v, TailRatio %v", k, len(xs), s.TailRatio, tr)
		}
		if v := ValueAtRisk(xs, 0.05); !same(s.ValueAtRisk, v) {
			t.Errorf("case %d (%d returns): value at risk %v, ValueAtRisk %v", k, len(xs), s.ValueAtRisk, v)
		}
	}
}

// TestQuantileRanks: the ranks are where quantileSorted reads, found by
// giving it xs[i] = i.
func TestQuantileRanks(t *testing.T) {
	for n := 1; n <= 300; n++ {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(i)
		}
		for _, q := range []float64{0, 0.05, 0.5, 0.95, 1} {
			i, j := quantileRanks(n, q)
			got := quantileSorted(xs, q)
			if j != i && j != i+1 || got < float64(i) || got > float64(j) || i == j && got != float64(i) {
				t.Errorf("n %d q %v: ranks %d, %d; quantileSorted read %v", n, q, i, j, got)
			}
		}
	}
}
