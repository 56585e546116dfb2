package sweep

import (
	"encoding/csv"
	"math"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pennybt/penny/pkg/config"
)

// TestRankingIsTheSortedEligibleRows holds the rankings to a sort of
// every row of results.csv, read back: rows that are ok and meet the
// constraints, by the metric (exact text compared as math/big.Rat), ties
// to the earlier row; for a float metric and for a money one, maximized
// and minimized.
func TestRankingIsTheSortedEligibleRows(t *testing.T) {
	for _, tc := range []struct{ metric, maximize, constraints string }{
		{"sharpe_ratio", "true", "{max_drawdown: -0.002}"},
		{"ending_value", "false", "{round_trips: {min: 20, max: 60}}"},
		{"max_drawdown", "true", ""},
		{"round_trips", "true", "{win_rate: {max: 0.45}}"}, // ties on counts
	} {
		t.Run(tc.metric, func(t *testing.T) {
			block := `sweep:
  params:
    fast: {from: 1, to: 12, step: 1}
    slow: [5, 10, 15, 20, 30]
  search: grid
  metric: ` + tc.metric + `
  maximize: ` + tc.maximize + "\n"
			if tc.constraints != "" {
				block += "  constraints: " + tc.constraints + "\n"
			}
			spec := parseSweep(t, block)
			dir := t.TempDir()
			res := run(t, spec, Options{Out: dir, Top: 7}, backends(t, 4)[:1])
			want := bruteRanking(t, resultsOf(t, dir), &spec.Sweep)
			got := res.Rankings[0]
			if got.Eligible != int64(len(want)) {
				t.Fatalf("eligible %d, want %d", got.Eligible, len(want))
			}
			want = want[:min(7, len(want))]
			var trials []int64
			for _, r := range got.Rows {
				trials = append(trials, r.Trial)
			}
			if !slices.Equal(trials, want) || len(want) < 3 {
				t.Fatalf("ranking %v, want %v", trials, want)
			}
		})
	}
}

// bruteRanking sorts every eligible row of a results.csv.
func bruteRanking(t *testing.T, text string, s *config.Sweep) []int64 {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	rat := func(s string) *big.Rat {
		if s == "" || s == "NaN" || strings.Contains(s, "Inf") {
			return nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) {
			return nil
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return nil
		}
		return r
	}
	type row struct {
		trial int64
		v     *big.Rat
	}
	var rows []row
	for _, rec := range recs[1:] {
		if rec[col("status")] != "ok" {
			continue
		}
		v := rat(rec[col(s.Metric)])
		ok := v != nil
		for _, c := range s.Constraints {
			x := rat(rec[col(c.Metric)])
			if x == nil ||
				(c.Min != nil && x.Cmp(rat(c.Min.String())) < 0) ||
				(c.Max != nil && x.Cmp(rat(c.Max.String())) > 0) {
				ok = false
			}
		}
		if ok {
			trial, _ := strconv.ParseInt(rec[col("index")], 10, 64)
			rows = append(rows, row{trial, v})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		c := rows[i].v.Cmp(rows[j].v)
		if !s.Maximize {
			c = -c
		}
		return c > 0
	})
	var out []int64
	for _, r := range rows {
		out = append(out, r.trial)
	}
	return out
}
