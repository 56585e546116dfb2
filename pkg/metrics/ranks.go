package metrics

import (
	"math"
	"math/bits"
	"slices"
)

// tailRanks puts in place in xs (values without NaN) the elements that
// quantileSorted reads for the 5th and the 95th percentiles (tailRatio,
// and ValueAtRisk at its usual cutoff): each holds what a sort of xs
// would put there. The other elements are left in some order. Summarize
// calls it instead of a sort, which costs it several times more.
//
// Equal values are the same bits but for the zeros: +0 and -0 compare
// equal, so where a sort puts each depends on the sort, and a percentile
// between them can differ in its sign. mixedZeros says that xs holds both;
// xs is then sorted, as before, so that every figure stays what it was.
func tailRanks(xs []float64, mixedZeros bool) {
	if mixedZeros {
		slices.Sort(xs)
		return
	}
	var ranks []int
	var room [4]int
	for _, q := range [...]float64{0.05, 0.95} {
		i, j := quantileRanks(len(xs), q)
		for _, r := range [...]int{i, j} {
			if r >= 0 && !slices.Contains(ranks, r) {
				ranks = append(room[:len(ranks)], r)
			}
		}
	}
	slices.Sort(ranks)
	placeRanks(xs, ranks, 0, len(xs), 2*bits.Len(uint(len(xs))))
}

// quantileRanks returns the indexes of sorted xs of length n that
// quantileSorted reads for q: i and i+1, or i twice at an end; -1 for an
// empty xs.
func quantileRanks(n int, q float64) (i, j int) {
	if n == 0 {
		return -1, -1
	}
	h := float64(n-1) * q
	i = int(math.Floor(h))
	switch {
	case i >= n-1:
		return n - 1, n - 1
	case i < 0:
		return 0, 0
	}
	return i, i + 1
}

// placeRanks puts in place the elements of ranks (increasing, within
// [lo, hi)) in xs[lo:hi], which holds what a sort of xs would put there:
// a quickselect for several ranks at once, partitioning in three around
// a median of three, that sorts a short range, or one where depth runs
// out.
func placeRanks(xs []float64, ranks []int, lo, hi, depth int) {
	for len(ranks) > 0 {
		if hi-lo <= 12 || depth == 0 {
			slices.Sort(xs[lo:hi])
			return
		}
		depth--
		lt, gt := partition3(xs, lo, hi)
		a := 0
		for a < len(ranks) && ranks[a] < lt {
			a++
		}
		b := a
		for b < len(ranks) && ranks[b] < gt {
			b++ // equal to the pivot: in place
		}
		placeRanks(xs, ranks[:a], lo, lt, depth)
		ranks, lo = ranks[b:], gt
	}
}

// partition3 reorders xs[lo:hi] around a pivot p, the median of its
// first, middle and last elements: xs[lo:lt] < p, xs[lt:gt] == p,
// xs[gt:hi] > p.
func partition3(xs []float64, lo, hi int) (lt, gt int) {
	a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi-1]
	p := max(min(a, b), min(max(a, b), c))
	lt, gt = lo, hi
	for i := lo; i < gt; {
		switch x := xs[i]; {
		case x < p:
			xs[lt], xs[i] = x, xs[lt]
			lt++
			i++
		case x > p:
			gt--
			xs[gt], xs[i] = x, xs[gt]
		default:
			i++
		}
	}
	return lt, gt
}
