package cli_test

import (
	"github.com/pennybt/penny/cli"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/strategies"
)

// Params are the params of a strategy of one's own, as configs write them.
type Params struct {
	Window int `yaml:"window"`
}

// Breakout is a strategy of one's own, generic over the backend.
type Breakout[N numeric.Number[N]] struct{ p Params }

func (b *Breakout[N]) OnBar(ctx *engine.Context[N]) {}

// NewBreakout returns the strategy for backend N.
func NewBreakout[N numeric.Number[N]](p Params) (*Breakout[N], error) { return &Breakout[N]{p}, nil }

// The main of a penny of one's own: every command (run, sweep, bench,
// ingest, bundles, clean, stats, version), Penny's strategies and
// my_breakout, which configs name with its params:
//
//	strategy:
//	  name: my_breakout
//	  params: {window: 20}
func Example() {
	cli.Main(strategies.Define("my_breakout",
		strategies.For(NewBreakout[numeric.Float]),
		strategies.For(NewBreakout[numeric.Fixed]),
		strategies.For(NewBreakout[numeric.Decimal])))
}
