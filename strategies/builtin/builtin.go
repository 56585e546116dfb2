// Package builtin lists Penny's own strategies as configs name them
// (sma_crossover, momentum, mean_reversion, buy_and_hold), defined as a
// user's strategy is: a name, the params type, a constructor per backend.
// The penny command (package cli) puts them in its table beside the
// strategies its program adds.
//
// Each strategy has a constructor on every backend of the registry
// (numeric.Backends): the constructors are made by functions marked
// //penny:backends, whose dispatchers by name go generate writes, so a
// backend added to the registry reaches these strategies with no edit
// here.
package builtin

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize

import (
	"fmt"

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
		strategies.Define(smacross.Name, onEvery(smacrossForByName)...),
		strategies.Define(momentum.Name, onEvery(momentumForByName)...),
		strategies.Define(meanrev.Name, onEvery(meanrevForByName)...),
		strategies.Define(buyhold.Name, onEvery(buyholdForByName)...),
	}
}

// Table returns a table of Penny's own strategies alone.
func Table() *strategies.Table { return strategies.NewTable(Strategies()...) }

// onEvery returns a strategy's constructor on each backend of the
// registry, in its order, from the dispatcher of a marked function.
func onEvery[P any](byName func(string) (func() strategies.Constructor[P], bool)) []strategies.Constructor[P] {
	names := numeric.BackendNames()
	out := make([]strategies.Constructor[P], 0, len(names))
	for _, name := range names {
		f, ok := byName(name)
		if !ok {
			// The generator's list and the registry agree (numeric's
			// TestRegistryMatchesGenerator): this is a stale generation.
			panic(fmt.Sprintf("builtin: no constructor for backend %q: run go generate", name))
		}
		out = append(out, f())
	}
	return out
}

//penny:backends
func smacrossFor[N numeric.Number[N]]() strategies.Constructor[smacross.Params] {
	return strategies.For(smacross.New[N])
}

//penny:backends
func momentumFor[N numeric.Number[N]]() strategies.Constructor[momentum.Params] {
	return strategies.For(momentum.New[N])
}

//penny:backends
func meanrevFor[N numeric.Number[N]]() strategies.Constructor[meanrev.Params] {
	return strategies.For(meanrev.New[N])
}

//penny:backends
func buyholdFor[N numeric.Number[N]]() strategies.Constructor[buyhold.Params] {
	return strategies.For(buyhold.New[N])
}
