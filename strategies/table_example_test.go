package strategies_test

import (
	"fmt"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/strategies"
)

// breakoutParams are a strategy's params as a config writes them.
type breakoutParams struct {
	Window int              `yaml:"window"`
	Shares *numeric.Decimal `yaml:"shares"`
}

// breakout is a strategy of one's own, generic over the backend.
type breakout[N numeric.Number[N]] struct {
	window int
	shares N
}

func (b *breakout[N]) OnBar(ctx *engine.Context[N]) {}

func newBreakout[N numeric.Number[N]](p breakoutParams) (*breakout[N], error) {
	shares, err := strategies.Number[N]("shares", *p.Shares)
	return &breakout[N]{window: p.Window, shares: shares}, err
}

// A strategy of one's own, by name in a config: Define gives its name,
// its params type and a constructor per backend; the table builds it from
// a config's strategy block, the params decoded strictly with the lines
// of the file. cli.Main takes the same entries.
func ExampleDefine() {
	table := strategies.NewTable(strategies.Define("my_breakout",
		strategies.For(newBreakout[numeric.Float]),
		strategies.For(newBreakout[numeric.Fixed]),
		strategies.For(newBreakout[numeric.Decimal])))

	c, err := config.Parse([]byte(`capital: 100000
data: {source: synthetic, start: 2024-01-02, end: 2024-06-28, assets: 3}
strategy:
  name: my_breakout
  params:
    window: 20
    shares: 12.5
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := strategies.Build[numeric.Fixed](table, c.Strategy.Name, &c.Strategy.Params)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := s.(*breakout[numeric.Fixed])
	fmt.Println("window", b.window, "shares", b.shares)

	c, _ = config.Parse([]byte(`capital: 100000
data: {source: synthetic, start: 2024-01-02, end: 2024-06-28, assets: 3}
strategy:
  name: my_breakout
  params:
    window: 20
    shares: 12.5
    windw: 30
`))
	fmt.Println(table.Check(c.Strategy.Name, &c.Strategy.Params))
	// Output:
	// window 20 shares 12.5
	// unknown key "strategy.params.windw" at line 8 (did you mean "strategy.params.window"?)
}
