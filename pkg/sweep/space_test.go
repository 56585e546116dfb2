package sweep

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSpaceRoundTrip walks a mixed grid (a range with a negative step, a
// decimal range, a list of words) as nested loops: index i is the i-th
// combination of the loops, At(i) gives it, and Index gives i back.
func TestSpaceRoundTrip(t *testing.T) {
	spec := parseSweep(t, `sweep:
  params:
    a: {from: 30, to: 10, step: -10}
    b: {from: 0.01, to: 0.05, step: 0.02}
    execution.fill: [next_open, next_close]
    d: [x, "y", 3]
  search: grid
  metric: sharpe_ratio
`)
	s, err := NewSpace(&spec.Sweep)
	if err != nil {
		t.Fatal(err)
	}
	if s.Size() != 3*3*2*3 || s.Trials() != s.Size() {
		t.Fatalf("size %d, trials %d", s.Size(), s.Trials())
	}
	i := int64(0)
	for _, a := range []string{"30", "20", "10"} {
		for _, b := range []string{"0.01", "0.03", "0.05"} {
			for _, c := range []string{"next_open", "next_close"} {
				for _, d := range []string{"x", "y", "3"} {
					want := []string{a, b, c, d}
					got := s.At(i)
					if !slices.Equal(got.Values, want) || got.Grid != i || got.Trial != i {
						t.Fatalf("At(%d) = %v, want %v", i, got, want)
					}
					back, err := s.Index(want)
					if err != nil || back != i {
						t.Fatalf("Index(%v) = %d, %v; want %d", want, back, err, i)
					}
					i++
				}
			}
		}
	}
	// A value written otherwise but equal (20.0 for 20) finds its index;
	// values outside the space are errors naming the key.
	if got, err := s.Index([]string{"20.0", "0.030", "next_open", "x"}); err != nil || got != 24 {
		t.Fatalf("Index of equal decimals = %d, %v", got, err)
	}
	for _, bad := range [][]string{{"25", "0.01", "next_open", "x"}, {"30", "0.02", "next_open", "x"}, {"30", "0.01", "market", "x"}, {"30"}} {
		if _, err := s.Index(bad); err == nil {
			t.Fatalf("Index(%v) accepted", bad)
		}
	}
}

// TestSpaceLargeRoundTrip checks the round trip on a grid of 10^12
// combinations at indexes spread over it.
func TestSpaceLargeRoundTrip(t *testing.T) {
	spec := parseSweep(t, `sweep:
  params:
    a: {from: 1, to: 10000, step: 1}
    b: {from: 0.0001, to: 1, step: 0.0001}
    c: {from: -5, to: 4.99, step: 0.01}
  search: grid
  metric: sharpe_ratio
`)
	s, err := NewSpace(&spec.Sweep)
	if err != nil {
		t.Fatal(err)
	}
	if s.Size() != 10000*10000*1000 {
		t.Fatalf("size %d", s.Size())
	}
	for _, i := range []int64{0, 1, 999, 1000, 123456789, s.Size() / 3, s.Size() - 1} {
		c := s.At(i)
		back, err := s.Index(c.Values)
		if err != nil || back != i {
			t.Fatalf("round trip of %d (%v): %d, %v", i, c, back, err)
		}
	}
	if last := s.At(s.Size() - 1); strings.Join(last.Values, " ") != "10000 1 4.99" {
		t.Fatalf("last combination %v", last)
	}
}

// TestRandomTrials draws trials of a random search: each is drawn from
// (seed, k) alone (the same whichever are drawn first, and in another
// Space), the draws differ with the seed and cover the grid.
func TestRandomTrials(t *testing.T) {
	block := func(seed int) string {
		return fmt.Sprintf(`sweep:
  params:
    fast: {from: 1, to: 10, step: 1}
    slow: {from: 10, to: 100, step: 10}
  search: {random: {samples: 500, seed: %d}}
  metric: sharpe_ratio
`, seed)
	}
	space := func(seed int) *Space {
		spec := parseSweep(t, block(seed))
		s, err := NewSpace(&spec.Sweep)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s1, s2, s3 := space(7), space(7), space(8)
	if s1.Trials() != 500 || s1.Size() != 100 {
		t.Fatalf("trials %d size %d", s1.Trials(), s1.Size())
	}
	seen := map[int64]bool{}
	same := 0
	for k := int64(499); k >= 0; k-- { // backwards: order must not matter
		a, b := s1.Trial(k), s2.Trial(k)
		if a.Trial != k || a.Grid != b.Grid || !slices.Equal(a.Values, b.Values) {
			t.Fatalf("trial %d: %v and %v", k, a, b)
		}
		if !slices.Equal(a.Values, s1.At(a.Grid).Values) {
			t.Fatalf("trial %d values %v, grid %d", k, a.Values, a.Grid)
		}
		if s3.Trial(k).Grid == a.Grid {
			same++
		}
		seen[a.Grid] = true
	}
	if same > 50 {
		t.Fatalf("seeds 7 and 8 agree on %d of 500 draws", same)
	}
	if len(seen) < 95 {
		t.Fatalf("500 draws cover %d of 100 combinations", len(seen))
	}
}

func TestShardsCoverEveryRunOnce(t *testing.T) {
	for n := 1; n <= 17; n++ {
		for _, total := range []int64{0, 1, 5, 16, 17, 18, 100, 1001} {
			count := make([]int, total)
			var sizes []int64
			for i := range n {
				sh := Shard{Index: i, Count: n}
				if n == 1 {
					sh = Shard{} // the whole sweep
				}
				size := sh.Len(total)
				sizes = append(sizes, size)
				for p := range size {
					j := sh.At(p)
					if j < 0 || j >= total {
						t.Fatalf("%d/%d of %d: run %d out of range", i, n, total, j)
					}
					if sh.Owner(j) != sh.Index {
						t.Fatalf("%d/%d: run %d owned by %d", i, n, j, sh.Owner(j))
					}
					count[j]++
				}
			}
			for j, c := range count {
				if c != 1 {
					t.Fatalf("N=%d total=%d: run %d in %d shards", n, total, j, c)
				}
			}
			if slices.Max(sizes)-slices.Min(sizes) > 1 {
				t.Fatalf("N=%d total=%d: unbalanced sizes %v", n, total, sizes)
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0/1", ""}, {"3/4", ""}, {"16/17", ""},
		{"3/3", "the index must be in 0..2"}, {"0/0", "the count must be at least 1"}, {"-1/2", "the index must be in 0..1"},
		{"1", "want I/N"}, {"a/b", "whole numbers"}, {"1/2/3", "whole numbers"},
	} {
		s, err := ParseShard(tc.in)
		if tc.want == "" {
			if err != nil || s.String() != tc.in {
				t.Fatalf("%s: %v, %v", tc.in, s, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%s: error %v, want %q", tc.in, err, tc.want)
		}
	}
	if (Shard{Index: 2, Count: 5}).Name() != "2-of-5" || (Shard{}).Name() != "0-of-1" {
		t.Fatal("shard names")
	}
}

func FuzzParseShard(f *testing.F) {
	f.Add("0/4")
	f.Add("3/3")
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err != nil {
			return
		}
		if sh.Index < 0 || sh.Index >= sh.Count || sh.Validate() != nil {
			t.Fatalf("%q parsed to %+v", s, sh)
		}
	})
}
