// Package smacross is the moving-average crossover strategy
// ("sma_crossover"): per asset, buy when the fast simple moving average of
// the close crosses above the slow one, close the position when it
// crosses below. Long only.
//
// # Signal
//
// For each asset, at each bar where it has a bar, the fast and slow SMAs
// of its close are updated (indicator.SMACross). Once both exist, the sign
// of fast - slow is compared exactly, without division, by
// cross-multiplying the SMAs' exact running sums
// (fastSum*slow - slowSum*fast): no rounding can flip it.
// An up-cross is a bar where the sign is positive and the last non-zero
// sign before it was negative; a down-cross the reverse; an exact tie
// carries the previous sign. The first bar where both SMAs exist only sets
// the sign, so the first signal can come on the bar after.
//
// # Orders
//
// Up-cross: buy Shares (an order for the difference to Shares held,
// counting open orders) or, with TargetPercent, up to that fraction of the
// portfolio. Down-cross: close the position. Orders fill at the next bar,
// as the execution config says.
package smacross

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies"
	"github.com/pennybt/penny/strategies/indicator"
)

// Name is the strategy's name in configs.
const Name = "sma_crossover"

// Params are the strategy's parameters: Fast < Slow, and exactly one of
// Shares and TargetPercent.
type Params struct {
	Fast          int              `yaml:"fast"`
	Slow          int              `yaml:"slow"`
	Shares        *numeric.Decimal `yaml:"shares"`
	TargetPercent *numeric.Decimal `yaml:"target_percent"`
}

// DecodeParams decodes params strictly from a config's YAML node.
func DecodeParams(node *yaml.Node) (Params, error) {
	var p Params
	if err := strategies.DecodeParams(node, &p); err != nil {
		return p, err
	}
	return p, p.Validate()
}

// Validate reports impossible parameters, naming the key.
func (p Params) Validate() error {
	switch {
	case p.Fast < 1:
		return fmt.Errorf("strategy.params.fast: must be at least 1, got %d", p.Fast)
	case p.Slow < 1:
		return fmt.Errorf("strategy.params.slow: must be at least 1, got %d", p.Slow)
	case p.Slow > strategies.MaxWindow:
		return strategies.CheckWindow("slow", p.Slow)
	case p.Fast >= p.Slow:
		return fmt.Errorf("strategy.params.fast: must be less than slow (%d), got %d", p.Slow, p.Fast)
	case p.Shares == nil && p.TargetPercent == nil:
		return fmt.Errorf("strategy.params: set shares or target_percent")
	case p.Shares != nil && p.TargetPercent != nil:
		return fmt.Errorf("strategy.params: set shares or target_percent, not both")
	case p.Shares != nil && p.Shares.Sign() <= 0:
		return fmt.Errorf("strategy.params.shares: must be positive, got %s", p.Shares)
	case p.TargetPercent != nil && (p.TargetPercent.Sign() <= 0 || p.TargetPercent.Cmp(numeric.Int[numeric.Decimal](1)) > 0):
		return fmt.Errorf("strategy.params.target_percent: must be in (0, 1], got %s", p.TargetPercent)
	}
	return nil
}

// Strategy is the crossover strategy for backend N.
type Strategy[N numeric.Number[N]] struct {
	p              Params
	shares, target N
	cross          []indicator.SMACross[N] // per asset
	up, down       int                     // crossings seen
	useShares      bool
}

// New returns the strategy for params p (validated).
func New[N numeric.Number[N]](p Params) (*Strategy[N], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &Strategy[N]{p: p}
	var err error
	if p.Shares != nil {
		s.useShares = true
		if s.shares, err = strategies.Number[N]("shares", *p.Shares); err != nil {
			return nil, err
		}
	} else if s.target, err = strategies.Number[N]("target_percent", *p.TargetPercent); err != nil {
		return nil, err
	}
	return s, nil
}

// Init creates the crossing detector of every asset.
func (s *Strategy[N]) Init(ctx *engine.Context[N]) error {
	var err error
	s.cross, err = indicator.NewSMACrosses[N](len(ctx.Assets()), s.p.Fast, s.p.Slow)
	return err
}

// OnBar updates the averages of the assets with a bar and trades the
// crossings.
func (s *Strategy[N]) OnBar(ctx *engine.Context[N]) {
	for _, a := range ctx.Assets() {
		c, ok := ctx.Field(a, market.Close)
		if !ok {
			continue
		}
		switch s.cross[a.ID].Update(c) {
		case 1:
			s.up++
			if s.useShares {
				ctx.OrderTarget(a, s.shares)
			} else {
				ctx.OrderTargetPercent(a, s.target)
			}
		case -1:
			s.down++
			ctx.OrderTarget(a, numeric.Zero[N]())
		}
	}
}

// Crossings returns the number of up- and down-crossings seen so far.
func (s *Strategy[N]) Crossings() (up, down int) { return s.up, s.down }
