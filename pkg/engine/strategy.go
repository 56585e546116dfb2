package engine

import "github.com/pennybt/penny/numeric"

// Strategy is a trading strategy: the engine calls OnBar once per bar of
// the run, after filling the orders that could fill at that bar and before
// any order placed now can fill (at a later bar). The strategy reaches data
// and places orders through ctx, which sees the market as of the bar and
// no later.
type Strategy[N numeric.Number[N]] interface {
	OnBar(ctx *Context[N])
}

// Optional hooks, found by type assertion on the strategy.
type (
	// Initializer is called once before the first bar: set up state,
	// indicators and scheduled functions there. An error stops the run
	// before it starts.
	Initializer[N numeric.Number[N]] interface {
		Init(ctx *Context[N]) error
	}
	// BeforeTradingStarter is called at each session's start, before its
	// first bar; Context.Now is the session's open.
	BeforeTradingStarter[N numeric.Number[N]] interface {
		BeforeTradingStart(ctx *Context[N])
	}
	// SessionEnder is called at each session's end, after its last bar
	// and after day orders expire, before the session's snapshot.
	SessionEnder[N numeric.Number[N]] interface {
		OnSessionEnd(ctx *Context[N])
	}
)

// StrategyFunc adapts a function to a Strategy.
type StrategyFunc[N numeric.Number[N]] func(ctx *Context[N])

// OnBar calls f(ctx).
func (f StrategyFunc[N]) OnBar(ctx *Context[N]) { f(ctx) }
