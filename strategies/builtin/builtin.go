// Package builtin lists Penny's own strategies as configs name them
// (sma_crossover, momentum, mean_reversion, buy_and_hold), defined as a
// user's strategy is: a name, the params type, a constructor per backend.
// The penny command (package cli) puts them in its table beside the
// strategies its program adds.
package builtin

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/strategies"
	"github.com/pennybt/penny/strategies/buyhold"
	"github.com/pennybt/penny/strategies/meanrev"
	"github.com/pennybt/penny/strategies/momentum"
	"github.com/pennybt/penny/strategies/smacross"
)

// Strategies returns the entries of Penny's own strategies, each on every
// backend: a new slice at each call.
func Strategies() []strategies.Entry {
	return []strategies.Entry{
		strategies.Define(smacross.Name,
			strategies.For(smacross.New[numeric.Float]),
			strategies.For(smacross.New[numeric.Fixed]),
			strategies.For(smacross.New[numeric.Decimal])),
		strategies.Define(momentum.Name,
			strategies.For(momentum.New[numeric.Float]),
			strategies.For(momentum.New[numeric.Fixed]),
			strategies.For(momentum.New[numeric.Decimal])),
		strategies.Define(meanrev.Name,
			strategies.For(meanrev.New[numeric.Float]),
			strategies.For(meanrev.New[numeric.Fixed]),
			strategies.For(meanrev.New[numeric.Decimal])),
		strategies.Define(buyhold.Name,
			strategies.For(buyhold.New[numeric.Float]),
			strategies.For(buyhold.New[numeric.Fixed]),
			strategies.For(buyhold.New[numeric.Decimal])),
	}
}

// Table returns a table of Penny's own strategies alone.
func Table() *strategies.Table { return strategies.NewTable(Strategies()...) }
