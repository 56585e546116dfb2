package drift

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

func TestCompare(t *testing.T) {
	tests := []struct {
		x, ref   *big.Rat
		diff     string // "" for nil
		abs, rel float64
	}{
		{rat("100.5"), rat("100"), "1/2", 0.5, 0.005},
		{rat("99"), rat("100"), "-1", 1, 0.01},
		{rat("-3"), rat("-4"), "1", 1, 0.25},
		{rat("0"), rat("0"), "0", 0, 0},
		{rat("1e-9"), rat("0"), "1/1000000000", 1e-9, math.Inf(1)},
		{new(big.Rat).SetFloat64(0.1), rat("0.1"), "1/180143985094819840", 1.0 / 180143985094819840, 1.0 / 18014398509481984},
		{nil, rat("1"), "", math.NaN(), math.NaN()},
		{rat("1"), nil, "", math.NaN(), math.NaN()},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tc := range tests {
		v := Compare(tc.x, tc.ref)
		got := ""
		if v.Diff != nil {
			got = v.Diff.RatString()
		}
		if got != tc.diff || !same(v.Abs, tc.abs) || !same(v.Rel, tc.rel) {
			t.Errorf("Compare(%v, %v) = %s, %v, %v; want %s, %v, %v", tc.x, tc.ref, got, v.Abs, v.Rel, tc.diff, tc.abs, tc.rel)
		}
	}
	// Compare does not touch its arguments.
	x, ref := rat("2"), rat("3")
	Compare(x, ref)
	if x.Cmp(rat("2")) != 0 || ref.Cmp(rat("3")) != 0 {
		t.Errorf("arguments changed to %v, %v", x, ref)
	}
}

func TestCompareCurves(t *testing.T) {
	r := func(ss ...string) []*big.Rat {
		out := make([]*big.Rat, len(ss))
		for i, s := range ss {
			if s != "" {
				out[i] = rat(s)
			}
		}
		return out
	}
	tests := []struct {
		name                  string
		x, ref                []*big.Rat
		sessions, extra       int
		differing, first      int
		missing, firstMissing int
		maxAbs                string
		maxAbsAt              int
		maxRel                float64
		maxRelAt              int
	}{
		{"equal", r("1", "2", "3"), r("1", "2", "3"), 3, 0, 0, -1, 0, -1, "0", 0, 0, 0},
		{"empty", nil, nil, 0, 0, 0, -1, 0, -1, "0", -1, 0, -1},
		// |diff| 0.5, 1, 1 (first at 1); relative 0.5/10, 1/5, 1/50.
		{"drift", r("10.5", "4", "51"), r("10", "5", "50"), 3, 0, 3, 0, 0, -1, "1", 1, 0.2, 1},
		{"longer", r("1", "2", "3", "4"), r("1", "2"), 2, 2, 0, -1, 0, -1, "0", 0, 0, 0},
		{"missing", r("1", "", "3", ""), r("1", "2", "4", "5"), 4, 0, 3, 1, 2, 1, "1", 2, 0.25, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := CompareCurves(tc.x, tc.ref)
			if c.Sessions != tc.sessions || c.Extra != tc.extra || c.Differing != tc.differing || c.First != tc.first ||
				c.Missing != tc.missing || c.FirstMissing != tc.firstMissing || c.MaxAbs.Cmp(rat(tc.maxAbs)) != 0 ||
				c.MaxAbsAt != tc.maxAbsAt || c.MaxRel != tc.maxRel || c.MaxRelAt != tc.maxRelAt {
				t.Errorf("got %+v (max abs %v)", c, c.MaxAbs)
			}
		})
	}
}

// TestCompareCurvesRandom: on random curves, the maxima bound every
// session's drift and are reached first where CompareCurves says, and the
// differing sessions are counted right.
func TestCompareCurvesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := rng.IntN(30)
		x, ref := make([]*big.Rat, n), make([]*big.Rat, n)
		for i := range n {
			ref[i] = big.NewRat(rng.Int64N(2000)-1000, int64(1+rng.IntN(8)))
			x[i] = new(big.Rat).Add(ref[i], big.NewRat(rng.Int64N(7)-3, int64(1+rng.IntN(100))))
		}
		c := CompareCurves(x, ref)
		differing, first := 0, -1
		for i := range n {
			v := Compare(x[i], ref[i])
			abs := new(big.Rat).Abs(v.Diff)
			if v.Diff.Sign() != 0 {
				differing++
				if first < 0 {
					first = i
				}
			}
			if cmp := abs.Cmp(c.MaxAbs); cmp > 0 || cmp == 0 && i < c.MaxAbsAt {
				t.Fatalf("session %d: |diff| %v against max %v at %d", i, abs, c.MaxAbs, c.MaxAbsAt)
			}
			if v.Rel > c.MaxRel || v.Rel == c.MaxRel && i < c.MaxRelAt {
				t.Fatalf("session %d: rel %v against max %v at %d", i, v.Rel, c.MaxRel, c.MaxRelAt)
			}
		}
		if n > 0 && (new(big.Rat).Abs(Compare(x[c.MaxAbsAt], ref[c.MaxAbsAt]).Diff).Cmp(c.MaxAbs) != 0 || Compare(x[c.MaxRelAt], ref[c.MaxRelAt]).Rel != c.MaxRel) {
			t.Fatalf("the maxima are not reached where they are said to be: %+v", c)
		}
		if c.Differing != differing || c.First != first || c.Sessions != n || c.Missing != 0 {
			t.Fatalf("got %+v, want %d differing from %d", c, differing, first)
		}
	}
}
