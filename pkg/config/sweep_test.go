package config

import (
	"math/big"
	"strings"
	"testing"
)

const sweepBlock = `sweep:
  params:
    fast: {from: 5, to: 30, step: 5}
    slow: [40, 60, 90]
    target_percent: {from: 0.01, to: 0.05, step: 0.01}
    execution.fill: [next_open, next_close]
  search: grid
  metric: sharpe_ratio
  maximize: true
  constraints: {max_drawdown: -0.25, round_trips: {min: 10, max: 500}}
  backends: [fixed, decimal]
walk_forward: {train: 2y, test: 6m, step: 6m}
`

func TestParseSweep(t *testing.T) {
	c, err := Parse([]byte(valid + sweepBlock))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Sweep
	if s == nil || len(s.Params) != 4 || s.Metric != "sharpe_ratio" || !s.Maximize || s.Search.Method != "grid" {
		t.Fatalf("decoded %+v", s)
	}
	var keys, values []string
	for _, p := range s.Params {
		keys = append(keys, p.Key)
		n, err := p.Len()
		if err != nil {
			t.Fatal(err)
		}
		var vs []string
		for i := range n {
			vs = append(vs, p.Value(i))
		}
		values = append(values, strings.Join(vs, " "))
	}
	if got := strings.Join(keys, ","); got != "fast,slow,target_percent,execution.fill" {
		t.Fatalf("keys in order: %s", got)
	}
	want := []string{"5 10 15 20 25 30", "40 60 90", "0.01 0.02 0.03 0.04 0.05", "next_open next_close"}
	for i := range want {
		if values[i] != want[i] {
			t.Errorf("param %d values %q, want %q", i, values[i], want[i])
		}
	}
	if s.Combinations() != 6*3*5*2 {
		t.Fatalf("combinations %d", s.Combinations())
	}
	if len(s.Constraints) != 2 || s.Constraints[0].Min.String() != "-0.25" || s.Constraints[0].Max != nil ||
		s.Constraints[1].Min.String() != "10" || s.Constraints[1].Max.String() != "500" {
		t.Fatalf("constraints %+v", s.Constraints)
	}
	if s.Params[0].Line != 19 || s.MetricLine != 24 {
		t.Fatalf("lines: param %d, metric %d", s.Params[0].Line, s.MetricLine)
	}
	w := c.WalkForward
	if w == nil || w.Train.String() != "2y" || w.Test.String() != "6m" || w.Step.String() != "6m" {
		t.Fatalf("walk forward %+v", w)
	}
	// Without maximize, the default is to maximize.
	c, err = Parse([]byte(valid + strings.Replace(sweepBlock, "  maximize: true\n", "", 1)))
	if err != nil || !c.Sweep.Maximize {
		t.Fatalf("default maximize: %v", err)
	}
	c, err = Parse([]byte(valid + strings.Replace(sweepBlock, "search: grid", "search: {random: {samples: 50, seed: 9}}", 1)))
	if err != nil || c.Sweep.Search.Method != "random" || c.Sweep.Search.Samples != 50 || c.Sweep.Search.Seed != 9 {
		t.Fatalf("random search: %v %+v", err, c.Sweep.Search)
	}
}

// TestRangeValuesExact holds every value of ranges to from + i*step in
// math/big.Rat, and the count to the values not past the end.
func TestRangeValuesExact(t *testing.T) {
	for _, tc := range []struct{ from, to, step string }{
		{"0.01", "0.05", "0.01"}, {"0.1", "1", "0.1"}, {"0", "1", "0.3"}, {"30", "5", "-5"},
		{"1.005", "1.1", "0.00001"}, {"-2", "2", "0.25"}, {"7", "7", "1"}, {"0.000000000000000000001", "0.000000000000000000009", "0.000000000000000000002"},
	} {
		c, err := Parse([]byte(valid + "sweep: {params: {x: {from: " + tc.from + ", to: " + tc.to + ", step: " + tc.step + "}}, search: grid, metric: m}\n"))
		if err != nil {
			t.Fatalf("%v: %v", tc, err)
		}
		p := c.Sweep.Params[0]
		n, err := p.Len()
		if err != nil {
			t.Fatal(err)
		}
		from, _ := new(big.Rat).SetString(tc.from)
		to, _ := new(big.Rat).SetString(tc.to)
		step, _ := new(big.Rat).SetString(tc.step)
		for i := int64(0); i < n; i++ {
			want := new(big.Rat).Add(from, new(big.Rat).Mul(step, big.NewRat(i, 1)))
			got, ok := new(big.Rat).SetString(p.Value(i))
			if !ok || got.Cmp(want) != 0 {
				t.Fatalf("%v value %d = %s, want %s", tc, i, p.Value(i), want.FloatString(30))
			}
			if strings.HasSuffix(p.Value(i), "0") && strings.Contains(p.Value(i), ".") {
				t.Fatalf("%v value %d = %s: not canonical", tc, i, p.Value(i))
			}
		}
		last := new(big.Rat).Add(from, new(big.Rat).Mul(step, big.NewRat(n-1, 1)))
		next := new(big.Rat).Add(last, step)
		past := func(v *big.Rat) bool { return new(big.Rat).Sub(v, to).Sign()*step.Sign() > 0 }
		if past(last) || !past(next) {
			t.Fatalf("%v: %d values, last %s", tc, n, last.FloatString(10))
		}
	}
}

func TestSweepErrors(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"empty range", "fast: {from: 5, to: 30, step: 5}", "fast: {from: 30, to: 5, step: 5}", "sweep.params.fast (line 19): empty range: from 30 to 5 with step 5 has no values"},
		{"zero step", "step: 5}", "step: 0}", "sweep.params.fast (line 19): step is zero"},
		{"wrong sign", "step: 0.01}", "step: -0.01}", "sweep.params.target_percent (line 21): empty range"},
		{"float step text", "step: 0.01}", "step: 1e400x}", `sweep.params.target_percent.step (line 21): "1e400x" is not a decimal number`},
		{"missing step", ", step: 5}", "}", "sweep.params.fast (line 19): missing step"},
		{"range key", "{from: 5, to: 30, step: 5}", "{from: 5, to: 30, by: 5}", `unknown key "sweep.params.fast.by" at line 19 (known keys: from, to, step)`},
		{"empty list", "[40, 60, 90]", "[]", "sweep.params.slow (line 20): empty list"},
		{"duplicate", "[40, 60, 90]", "[40, 60, 40]", `sweep.params.slow (line 20): value "40" is listed twice`},
		{"nested list", "[40, 60, 90]", "[40, [60]]", "sweep.params.slow (line 20): a list of single values"},
		{"scalar param", "[40, 60, 90]", "40", `sweep.params.slow (line 20): want a range {from, to, step} or a list`},
		{"not sweepable", "execution.fill:", "data.seed:", "sweep.params.data.seed (line 22): only strategy params"},
		{"same path twice", "execution.fill:", "strategy.params.fast:", "sweep.params.strategy.params.fast (line 22): sets strategy.params.fast, as fast does"},
		{"unknown sweep key", "  search: grid\n", "  serch: grid\n", `unknown key "sweep.serch" at line 23 (did you mean "sweep.search"?)`},
		{"no search", "  search: grid\n", "", "sweep.search (line 18): missing"},
		{"unknown search", "search: grid", "search: annealing", `sweep.search (line 23): unknown search "annealing"`},
		{"random without samples", "search: grid", "search: {random: {seed: 1}}", "sweep.search.random.samples (line 23): must be at least 1"},
		{"random key", "search: grid", "search: {random: {samples: 5, sed: 1}}", `unknown key "sweep.search.random.sed" at line 23 (did you mean "sweep.search.random.seed"?)`},
		{"no metric", "  metric: sharpe_ratio\n", "", "sweep.metric (line 18): missing"},
		{"maximize text", "maximize: true", "maximize: often", `sweep.maximize (line 25): want true or false, got "often"`},
		{"min above max", "{min: 10, max: 500}", "{min: 10, max: 5}", "sweep.constraints.round_trips (line 26): min 10 is above max 5"},
		{"constraint text", "max_drawdown: -0.25", "max_drawdown: deep", `sweep.constraints.max_drawdown (line 26): "deep" is not a decimal number`},
		{"unknown backend", "[fixed, decimal]", "[fixed, quad]", `sweep.backends (line 18): unknown backend "quad"`},
		{"backend twice", "[fixed, decimal]", "[fixed, fixed]", "sweep.backends (line 18): fixed is listed twice"},
		{"no params", "  params:\n    fast: {from: 5, to: 30, step: 5}\n    slow: [40, 60, 90]\n    target_percent: {from: 0.01, to: 0.05, step: 0.01}\n    execution.fill: [next_open, next_close]\n", "", "sweep.params (line 18): missing"},
		{"huge grid", "step: 0.01}", "step: 0.0000000000000000001}", "more than 9007199254740992"},
		{"walk forward alone", "sweep:", "swept:", `unknown key "swept" at line`},
		{"step shorter than test", "step: 6m}", "step: 3m}", "walk_forward.step (line 28): 3m is shorter than test 6m"},
		{"bad span", "train: 2y", "train: 2q", `walk_forward.train (line 28): span "2q": unknown unit "q"`},
		{"missing span", "train: 2y, ", "", "walk_forward.train (line 28): missing"},
		{"walk forward key", "train: 2y", "trian: 2y", `unknown key "walk_forward.trian" at line 28 (did you mean "walk_forward.train"?)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(valid+sweepBlock, tc.old, tc.new, 1)
			if text == valid+sweepBlock {
				t.Fatalf("edit %q not applied", tc.old)
			}
			_, err := Parse([]byte(text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
	// walk_forward without sweep.
	_, err := Parse([]byte(valid + "walk_forward: {train: 2y, test: 6m, step: 6m}\n"))
	if err == nil || !strings.Contains(err.Error(), "walk_forward: needs a sweep block") {
		t.Fatalf("walk_forward alone: %v", err)
	}
}

func TestParseSpan(t *testing.T) {
	for _, s := range []string{"2y", "6m", "3w", "10d", "1d"} {
		sp, err := ParseSpan(s)
		if err != nil || sp.String() != s {
			t.Fatalf("%s: %v %v", s, sp, err)
		}
	}
	for _, s := range []string{"", "y", "0y", "-1m", "+1m", "1.5y", "2h", "m6"} {
		if _, err := ParseSpan(s); err == nil {
			t.Fatalf("%q accepted", s)
		}
	}
}

func FuzzParseSweep(f *testing.F) {
	f.Add(sweepBlock)
	f.Add("sweep: {params: {x: {from: 1, to: 2, step: 0.5}}, search: {random: {samples: 3, seed: 1}}, metric: m}\n")
	f.Fuzz(func(t *testing.T, block string) {
		c, err := Parse([]byte(valid + block))
		if err != nil || c.Sweep == nil {
			return
		}
		// A valid sweep has a grid of at least one combination, and every
		// value of every param can be written.
		if n := c.Sweep.Combinations(); n < 1 || n > MaxCombinations {
			t.Fatalf("combinations %d", n)
		}
		for _, p := range c.Sweep.Params {
			n, _ := p.Len()
			_ = p.Value(0)
			_ = p.Value(n - 1)
		}
	})
}
