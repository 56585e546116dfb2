package strategies_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/strategies"
)

// holdParams are a user's params: decoded strictly, then validated by a
// method on the pointer.
type holdParams struct {
	Symbol string           `yaml:"symbol"`
	Shares *numeric.Decimal `yaml:"shares"`
	Window int              `yaml:"window"`
}

func (p *holdParams) Validate() error {
	if p.Shares == nil || p.Shares.Sign() <= 0 {
		return errors.New("strategy.params.shares: must be positive")
	}
	return nil
}

// hold is a user's strategy, generic over the backend.
type hold[N numeric.Number[N]] struct {
	symbol string
	shares N
	window int
}

func (h *hold[N]) OnBar(ctx *engine.Context[N]) {}

func newHold[N numeric.Number[N]](p holdParams) (*hold[N], error) {
	shares, err := strategies.Number[N]("shares", *p.Shares)
	if err != nil {
		return nil, err
	}
	return &hold[N]{symbol: p.Symbol, shares: shares, window: p.Window}, nil
}

// flat has params that validate themselves by value, and runs on one
// backend only.
type flatParams struct {
	Level float64 `yaml:"level"`
}

func (p flatParams) Validate() error {
	if p.Level < 0 {
		return fmt.Errorf("strategy.params.level: negative")
	}
	return nil
}

type flat struct{}

func (flat) OnBar(*engine.Context[numeric.Float]) {}

func newFlat(flatParams) (flat, error) { return flat{}, nil }

func table() *strategies.Table {
	return strategies.NewTable(
		strategies.Define("hold",
			strategies.For(newHold[numeric.Float]),
			strategies.For(newHold[numeric.Fixed]),
			strategies.For(newHold[numeric.Decimal])),
		strategies.Define("flat", strategies.For(newFlat)),
	)
}

// params returns the strategy.params node of a config, as penny run
// decodes it: with the lines of the file.
func params(t *testing.T, text string) (name string, node *yaml.Node) {
	t.Helper()
	c, err := config.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c.Strategy.Name, &c.Strategy.Params
}

const holdConfig = `name: t
capital: 1000
data: {source: synthetic, start: 2024-01-02, end: 2024-02-01, assets: 1}
strategy:
  name: hold
  params:
    symbol: ABC
    shares: 12.5
    window: 3
`

func TestTable(t *testing.T) { backendtest.Run(t, testTableByName) }

// testTable builds a user's strategy by name on backend N, its params
// decoded into its own type.
//
//penny:backends
func testTable[N numeric.Number[N]](t *testing.T) {
	tb := table()
	name, node := params(t, holdConfig)
	if err := tb.Check(name, node); err != nil {
		t.Fatal(err)
	}
	s, err := strategies.Build[N](tb, name, node)
	if err != nil {
		t.Fatal(err)
	}
	h, ok := s.(*hold[N])
	if !ok || h.symbol != "ABC" || h.shares.String() != "12.5" || h.window != 3 {
		t.Fatalf("built %#v", s)
	}
	if err := tb.CheckBackend("hold", numeric.Backend[N]()); err != nil {
		t.Error(err)
	}
	// flat runs on float only.
	_, err = strategies.Build[N](tb, "flat", nil)
	if numeric.Backend[N]() == "float" {
		if err != nil {
			t.Error(err)
		}
	} else if err == nil || err.Error() != "strategy.name: flat does not run on the "+numeric.Backend[N]()+" backend (it runs on float)" {
		t.Errorf("flat on %s: %v", numeric.Backend[N](), err)
	}
}

// TestTableErrors: the errors of a user's params name the key and its
// line in the config file; Validate judges the values; names and backends
// are checked.
func TestTableErrors(t *testing.T) {
	tb := table()
	tests := []struct{ name, from, to, want string }{
		{"unknown key", "    window: 3\n", "    window: 3\n    widnow: 4\n", `unknown key "strategy.params.widnow" at line 10 (did you mean "strategy.params.window"?)`},
		{"wrong type", "    window: 3\n", "    window: [3]\n", `strategy.params.window (line 9): want a whole number, got a list`},
		{"not whole", "    window: 3\n", "    window: 2.5\n", `strategy.params.window (line 9): 2.5 is not a whole number`},
		{"not a number", "    shares: 12.5\n", "    shares: many\n", `strategy.params.shares (line 8): `},
		{"validate (pointer)", "    shares: 12.5\n", "    shares: -1\n", "strategy.params.shares: must be positive"},
		{"validate, no params", "  params:\n    symbol: ABC\n    shares: 12.5\n    window: 3\n", "", "strategy.params.shares: must be positive"},
		{"unknown strategy", "  name: hold\n", "  name: holdd\n", `strategy.name: unknown strategy "holdd" (want hold, flat)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(holdConfig, tc.from, tc.to, 1)
			if text == holdConfig {
				t.Fatal("edit not applied")
			}
			name, node := params(t, text)
			err := tb.Check(name, node)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check: %v, want %q", err, tc.want)
			}
			if _, err2 := strategies.Build[numeric.Fixed](tb, name, node); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Build: %v, Check: %v", err2, err)
			}
		})
	}
	if err := tb.Check("flat", parseNode(t, "level: -1")); err == nil || err.Error() != "strategy.params.level: negative" {
		t.Errorf("validate (value): %v", err)
	}
	if got := tb.Names(); !slices.Equal(got, []string{"hold", "flat"}) {
		t.Errorf("names %v", got)
	}
	if e, ok := tb.Lookup("hold"); !ok || e.Name() != "hold" || !slices.Equal(e.Backends(), []string{"float", "fixed", "decimal"}) {
		t.Errorf("lookup: %v %v", e.Name(), e.Backends())
	}
	if err := tb.CheckBackend("flat", "decimal"); err == nil || !strings.Contains(err.Error(), "it runs on float") {
		t.Errorf("CheckBackend: %v", err)
	}
}

func parseNode(t *testing.T, text string) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatal(err)
	}
	return n.Content[0]
}

// TestTablePanics: a table that cannot be right is a programmer's error.
func TestTablePanics(t *testing.T) {
	fixed := strategies.For(newHold[numeric.Fixed])
	for name, f := range map[string]func(){
		"empty name":     func() { strategies.Define("", fixed) },
		"no constructor": func() { strategies.Define[holdParams]("hold") },
		"backend twice":  func() { strategies.Define("hold", fixed, fixed) },
		"name twice":     func() { strategies.NewTable(strategies.Define("a", fixed), strategies.Define("a", fixed)) },
		"zero entry":     func() { strategies.NewTable(strategies.Entry{}) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}
