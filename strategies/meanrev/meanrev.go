// Package meanrev is the mean-reversion strategy ("mean_reversion"): per
// asset, the z-score of the close within a rolling window,
// z = (close - SMA) / standard deviation (population, over Window bars,
// the newest included); buy when z < -Entry and exit the long when
// z > -Exit; with shorting enabled in the account, sell short when
// z > Entry and cover when z < Exit.
//
// # Orders
//
// An entry orders TargetPercent of the portfolio value in the asset
// (OrderTargetPercent, signed for a short); an exit orders the position
// back to zero. Orders fill at the next bar.
//
// # Rounding
//
// The z-score comes from indicator.ZScore, compared with the thresholds by
// ZScore.Compare: from the window's exact sums, with no division and no
// square root, so the decision is exact for prices with up to 4 decimals
// in Fixed (any in Decimal).
package meanrev

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
const Name = "mean_reversion"

// Params are the strategy's parameters: Window >= 2, 0 <= Exit < Entry,
// 0 < TargetPercent <= 1.
type Params struct {
	Window        int              `yaml:"window"`
	Entry         *numeric.Decimal `yaml:"entry"`
	Exit          *numeric.Decimal `yaml:"exit"`
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
	one := numeric.Int[numeric.Decimal](1)
	switch {
	case p.Window < 2:
		return fmt.Errorf("strategy.params.window: must be at least 2, got %d", p.Window)
	case p.Window > strategies.MaxWindow:
		return strategies.CheckWindow("window", p.Window)
	case p.Entry == nil:
		return fmt.Errorf("strategy.params.entry: missing")
	case p.Exit == nil:
		return fmt.Errorf("strategy.params.exit: missing")
	case p.TargetPercent == nil:
		return fmt.Errorf("strategy.params.target_percent: missing")
	case p.Entry.Sign() <= 0:
		return fmt.Errorf("strategy.params.entry: must be positive, got %s", p.Entry)
	case p.Exit.Sign() < 0 || p.Exit.Cmp(*p.Entry) >= 0:
		return fmt.Errorf("strategy.params.exit: must be in [0, entry), got %s", p.Exit)
	case p.TargetPercent.Sign() <= 0 || p.TargetPercent.Cmp(one) > 0:
		return fmt.Errorf("strategy.params.target_percent: must be in (0, 1], got %s", p.TargetPercent)
	}
	return nil
}

// Strategy is the mean-reversion strategy for backend N.
type Strategy[N numeric.Number[N]] struct {
	p                 Params
	entry, negEntry   indicator.Threshold[N]
	exit, negExit     indicator.Threshold[N]
	target, negTarget N
	z                 []*indicator.ZScore[N]
	shorting          bool
	entries, exits    int
	// bar is onBar's concrete copy for N (see OnBar).
	bar func(s *Strategy[N], ctx *engine.Context[N])
}

// New returns the strategy for params p.
func New[N numeric.Number[N]](p Params) (*Strategy[N], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &Strategy[N]{p: p, bar: onBarFor[N]()}
	entry, err := strategies.Number[N]("entry", *p.Entry)
	if err != nil {
		return nil, err
	}
	exit, err := strategies.Number[N]("exit", *p.Exit)
	if err != nil {
		return nil, err
	}
	if s.target, err = strategies.Number[N]("target_percent", *p.TargetPercent); err != nil {
		return nil, err
	}
	s.entry, s.negEntry = indicator.NewThreshold(entry), indicator.NewThreshold(entry.Neg())
	s.exit, s.negExit = indicator.NewThreshold(exit), indicator.NewThreshold(exit.Neg())
	s.negTarget = s.target.Neg()
	return s, nil
}

// Init creates the z-scores of every asset.
func (s *Strategy[N]) Init(ctx *engine.Context[N]) error {
	s.shorting = ctx.CanShort()
	s.z = make([]*indicator.ZScore[N], len(ctx.Assets()))
	for i := range s.z {
		var err error
		if s.z[i], err = indicator.NewZScore[N](s.p.Window); err != nil {
			return err
		}
	}
	return nil
}

// OnBar updates the z-scores of the assets with a bar and trades them.
// The loop over the assets is onBar's copy for N: in it the arithmetic and
// comparisons of N are direct calls, inlined, instead of calls through
// the generic code's dictionary.
func (s *Strategy[N]) OnBar(ctx *engine.Context[N]) { s.bar(s, ctx) }

// onBar is OnBar's loop over the assets.
//
//penny:specialize
func onBar[N numeric.Number[N]](s *Strategy[N], ctx *engine.Context[N]) {
	for _, a := range ctx.Assets() {
		c, ok := ctx.Field(a, market.Close)
		if !ok {
			continue
		}
		z := s.z[a.ID]
		if !z.Push(c) {
			continue
		}
		switch pos := ctx.Position(a).Sign(); {
		case pos == 0 && z.Compare(s.negEntry) < 0:
			s.entries++
			ctx.OrderTargetPercent(a, s.target)
		case pos == 0 && s.shorting && z.Compare(s.entry) > 0:
			s.entries++
			ctx.OrderTargetPercent(a, s.negTarget)
		case pos > 0 && z.Compare(s.negExit) > 0:
			s.exits++
			ctx.OrderTarget(a, numeric.Zero[N]())
		case pos < 0 && z.Compare(s.exit) < 0:
			s.exits++
			ctx.OrderTarget(a, numeric.Zero[N]())
		}
	}
}

// Trades returns the number of entries and exits signalled so far.
func (s *Strategy[N]) Trades() (entries, exits int) { return s.entries, s.exits }
