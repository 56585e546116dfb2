package sweep

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/execution"
)

// crossParams decodes the cross strategy's params strictly, as the
// strategies of package strategies do: an unknown key or a wrong type is
// a yaml decoding error, fast >= slow a plain one.
func crossParams(node *yaml.Node) (fast, slow int, err error) {
	var p struct {
		Fast int `yaml:"fast"`
		Slow int `yaml:"slow"`
	}
	text, err := yaml.Marshal(node)
	if err != nil {
		return 0, 0, err
	}
	d := yaml.NewDecoder(bytes.NewReader(text))
	d.KnownFields(true)
	if err := d.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return 0, 0, fmt.Errorf("strategy.params: %w", err)
	}
	if p.Fast < 1 || p.Fast >= p.Slow {
		return 0, 0, fmt.Errorf("strategy.params.fast: must be in [1, slow), got %d and %d", p.Fast, p.Slow)
	}
	return p.Fast, p.Slow, nil
}

// buildCross builds the cross strategy and the engine config of a config.
func buildCross[N numeric.Number[N]](c *config.Config) (engine.Strategy[N], engine.Config[N], error) {
	fast, slow, err := crossParams(&c.Strategy.Params)
	if err != nil {
		return nil, engine.Config[N]{}, err
	}
	exec, err := execution.New[N](c.Execution)
	if err != nil {
		return nil, engine.Config[N]{}, err
	}
	capital, err := numeric.Parse[N](c.Capital.String())
	if err != nil {
		return nil, engine.Config[N]{}, err
	}
	return &cross[N]{fast: fast, slow: slow}, engine.Config[N]{Capital: capital, Execution: exec}, nil
}

func TestConfigsSetTheSweptKeys(t *testing.T) {
	text := baseConfig + `sweep:
  params:
    fast: [3, 4]
    strategy.params.slow: {from: 10, to: 30, step: 10}
    execution.fill: [next_open, next_close]
    execution.slippage.volume_limit: [0.01, 0.1]
  search: grid
  metric: sharpe_ratio
walk_forward: {train: 3m, test: 1m, step: 1m}
execution: {slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}}
`
	cs, err := NewConfigs([]byte(text), "/some/dir")
	if err != nil {
		t.Fatal(err)
	}
	space, _ := NewSpace(cs.spec)
	c, err := cs.Config(space.At(space.Size() - 1))
	if err != nil {
		t.Fatal(err)
	}
	fast, slow, err := crossParams(&c.Strategy.Params)
	if err != nil || fast != 4 || slow != 30 {
		t.Fatalf("params %d %d %v", fast, slow, err)
	}
	if c.Execution.Fill.String() != "next_close" || c.Execution.Slippage.VolumeLimit.String() != "0.1" || c.Execution.Slippage.Model != "volume_share" {
		t.Fatalf("execution %+v", c.Execution)
	}
	if c.Sweep != nil || c.WalkForward != nil || c.Dir != "/some/dir" || c.Name != "t" {
		t.Fatalf("config %+v", c)
	}
}

func TestConfigsCheck(t *testing.T) {
	check := func(c *config.Config) error { _, _, err := crossParams(&c.Strategy.Params); return err }
	for _, tc := range []struct{ params, want string }{
		{"{fast: [3, 30], slow: [10, 20]}", ""}, // fast 30 >= slow: skipped at run time, not an input error
		{"{fsat: [3, 4]}", "sweep.params.fsat (line 9): value 3: field fsat not found in type struct"},
		{"{slow: [10, ten]}", "sweep.params.slow (line 9): value ten: cannot unmarshal !!str `ten` into int"},
		{"{execution.fil: [next_open]}", `sweep.params.execution.fil (line 9): value next_open: unknown key "execution.fil" at line 9 (did you mean "execution.fill"?)`},
		{"{execution.fill: [next_open, next_tick]}", `sweep.params.execution.fill (line 9): value next_tick: execution.fill (line 9): unknown fill mode "next_tick" (want next_open or next_close)`},
		{"{execution.fill.x: [1]}", "sweep.params.execution.fill.x (line 9): value 1: execution.fill (line 9): want a single value, got a mapping"},
	} {
		t.Run(tc.params, func(t *testing.T) {
			text := baseConfig + "sweep: {params: " + tc.params + ", search: grid, metric: sharpe_ratio}\n"
			cs, err := NewConfigs([]byte(text), "")
			if err != nil {
				t.Fatal(err)
			}
			err = cs.Check(check)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant %q", err, tc.want)
			}
		})
	}
}

// TestConfigsCheckStrict: with a check that decodes strictly from the
// node (as package strategies' table does), a swept key the strategy
// does not have is an input error at the sweep param's line, and a key
// of the config itself keeps its line in the file.
func TestConfigsCheckStrict(t *testing.T) {
	check := func(c *config.Config) error {
		var p struct {
			Fast int `yaml:"fast"`
			Slow int `yaml:"slow"`
		}
		return strictyaml.DecodeNode(&c.Strategy.Params, &p, "strategy.params")
	}
	for _, tc := range []struct{ base, params, want string }{
		{baseConfig, "{fsat: [3, 4]}", `sweep.params.fsat (line 9): value 3: unknown key "strategy.params.fsat" at line 9 (did you mean "strategy.params.fast"?)`},
		{baseConfig, "{slow: [10, ten]}", `sweep.params.slow (line 9): value ten: strategy.params.slow (line 9): want a whole number, got "ten"`},
		{strings.Replace(baseConfig, "slow: 20", "slow: 20, slwo: 3", 1), "{fast: [3, 4]}", `unknown key "strategy.params.slwo" at line 8 (did you mean "strategy.params.slow"?)`},
	} {
		t.Run(tc.params, func(t *testing.T) {
			text := tc.base + "sweep: {params: " + tc.params + ", search: grid, metric: sharpe_ratio}\n"
			cs, err := NewConfigs([]byte(text), "")
			if err != nil {
				t.Fatal(err)
			}
			if err := cs.Check(check); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant %q", err, tc.want)
			}
		})
	}
}

// TestConfigSweep runs a config's sweep through ConfigFactory: the
// combinations the strategy rejects are skipped with its reason, and an
// execution key swept changes the runs.
func TestConfigSweep(t *testing.T) {
	text := baseConfig + `sweep:
  params:
    fast: [5, 20]
    slow: [10, 20]
    execution.commission.cost: [0, 0.05]
  search: grid
  metric: pnl
execution: {commission: {model: per_share, cost: 0.01}}
`
	cs, err := NewConfigs([]byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := config.Parse([]byte(text))
	spec, _ := SpecOf(c)
	data := testData[numeric.Fixed](t, 3, "2023-01-03", "2023-12-29", 1, "")
	var rows []Row
	_, err = Run(context.Background(), spec, Options{OnRow: func(r Row) { rows = append(rows, r) }},
		On(data, ConfigFactory(cs, buildCross[numeric.Fixed])))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		fast := r.Values[0]
		slow := r.Values[1]
		if (fast == "20") != (r.Status == Skipped) {
			t.Fatalf("row %d %v: %s %s", i, r.Values, r.Status, r.Reason)
		}
		if r.Status == Skipped && r.Reason != "strategy.params.fast: must be in [1, slow), got 20 and "+slow {
			t.Fatalf("reason %q", r.Reason)
		}
	}
	// Commission 0 and 0.05 on the same trades: the same orders, less P&L.
	if rows[0].Metric("orders") != rows[1].Metric("orders") || rows[0].Metric("pnl") == rows[1].Metric("pnl") {
		t.Fatalf("commission swept: %v / %v", rows[0], rows[1])
	}
}

// TestConfigsQuick requires the config of every combination, and of
// every value of every key set alone (as Check sets them), decoded from
// the blocks the swept keys reach (quick) to be the config the whole
// decoding gives, and quick to give up exactly where the whole decoding
// fails (its error is then the one returned). Documents with anchors or
// aliass are always decoded whole.
func TestConfigsQuick(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		quick      bool // whether the combinations can be decoded by block
	}{
		{"params", baseConfig + crossSweep, true},
		{"params and execution", baseConfig + `sweep:
  params:
    fast: [3, 4]
    strategy.params.slow: {from: 10, to: 30, step: 10}
    execution.fill: [next_open, next_close]
    execution.slippage.volume_limit: [0.01, 0.1, 2]
  search: grid
  metric: sharpe_ratio
walk_forward: {train: 3m, test: 1m, step: 1m}
execution: {slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}, commission: {model: per_share}}
`, true},
		{"execution made by the sweep", baseConfig + "sweep: {params: {execution.commission.model: [none, per_share, bogus]}, search: grid, metric: pnl}\n", true},
		{"empty execution", baseConfig + "execution:\nsweep: {params: {execution.fill: [next_open, next_tick], execution.shorting: [true, false]}, search: grid, metric: pnl}\n", true},
		{"a param is not a mapping", strings.Replace(baseConfig, "params: {fast: 5, slow: 20}", "params: 7", 1) + crossSweep, true},
		{"anchor", strings.Replace(baseConfig, "params: {fast: 5, slow: 20}", "params: &p {fast: 5, slow: 20}", 1) + crossSweep, false},
		{"alias", strings.Replace(strings.Replace(baseConfig, "seed: 1", "seed: &s 1", 1), "slow: 20", "slow: 20, fast: *s", 1) + "sweep: {params: {slow: [10, 20]}, search: grid, metric: pnl}\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := NewConfigs([]byte(tc.text), "/d")
			if err != nil {
				t.Fatal(err)
			}
			if (cs.base != nil) != tc.quick {
				t.Fatalf("decoded by block: %v, want %v", cs.base != nil, tc.quick)
			}
			compare := func(what string, value func(int) (string, bool)) {
				t.Helper()
				want, werr := cs.whole(value)
				got, ok := cs.quick(value)
				switch {
				case werr != nil && ok:
					t.Errorf("%s: by block %+v, whole: %v", what, got, werr)
				case werr == nil && tc.quick && !ok:
					t.Errorf("%s: not decoded by block, whole %+v", what, want)
				case ok && !reflect.DeepEqual(got, want):
					t.Errorf("%s: by block\n%+v\nwhole\n%+v", what, got, want)
				}
				c, err := cs.config(value)
				if fmt.Sprint(err) != fmt.Sprint(werr) || err == nil && !reflect.DeepEqual(c, want) {
					t.Errorf("%s: config %+v, %v; want %+v, %v", what, c, err, want, werr)
				}
			}
			space, err := NewSpace(cs.spec)
			if err != nil {
				t.Fatal(err)
			}
			for i := range space.Size() {
				c := space.At(i)
				compare(fmt.Sprint(c.Values), func(k int) (string, bool) { return c.Values[k], true })
			}
			for k, p := range cs.spec.Params {
				n, _ := p.Len()
				for i := range n {
					v := p.Value(i)
					compare(p.Key+"="+v+" alone", func(j int) (string, bool) { return v, j == k })
				}
			}
		})
	}
}
