// Package buyhold is the buy-and-hold strategy ("buy_and_hold"): buy each
// asset at the first bar it can and hold it to the end. It is the
// baseline every real-data study compares with, and the simplest check of
// corporate actions: what it ends with is what the splits, dividends and
// mergers of the data made of the shares it bought.
//
// # Orders
//
// At the first bar where an asset of Symbols (every asset of the data
// when Symbols is empty) has a bar, the strategy orders Shares of it, or
// with TargetPercent, that fraction of the portfolio value (to whole
// lots, rounded down, valued at the bar's close). The order fills at the
// next bar as the execution config says. If it is rejected or cancelled
// before any fill (a cash account that cannot pay for it), the strategy
// tries again at the asset's next bar; once any of it has filled, it
// never trades the asset again.
package buyhold

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
	"github.com/pennybt/penny/strategies"
)

// Name is the strategy's name in configs.
const Name = "buy_and_hold"

// Params are the strategy's parameters: exactly one of Shares and
// TargetPercent; Symbols is optional.
type Params struct {
	Shares        *numeric.Decimal `yaml:"shares"`
	TargetPercent *numeric.Decimal `yaml:"target_percent"`
	Symbols       []string         `yaml:"symbols"`
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
	case p.Shares == nil && p.TargetPercent == nil:
		return fmt.Errorf("strategy.params: set shares or target_percent")
	case p.Shares != nil && p.TargetPercent != nil:
		return fmt.Errorf("strategy.params: set shares or target_percent, not both")
	case p.Shares != nil && p.Shares.Sign() <= 0:
		return fmt.Errorf("strategy.params.shares: must be positive, got %s", p.Shares)
	case p.TargetPercent != nil && (p.TargetPercent.Sign() <= 0 || p.TargetPercent.Cmp(numeric.Int[numeric.Decimal](1)) > 0):
		return fmt.Errorf("strategy.params.target_percent: must be in (0, 1], got %s", p.TargetPercent)
	}
	seen := map[string]bool{}
	for _, s := range p.Symbols {
		if s == "" || seen[s] {
			return fmt.Errorf("strategy.params.symbols: %q is empty or given twice", s)
		}
		seen[s] = true
	}
	return nil
}

// Strategy is buy-and-hold for backend N.
type Strategy[N numeric.Number[N]] struct {
	p       Params
	shares  N
	percent N
	assets  []market.Asset
	orders  []*order.Order[N] // the last buy order of each of assets, nil until placed
	done    []bool            // bought (some of the order filled)
	held    int               // assets done
}

// New returns the strategy for params p.
func New[N numeric.Number[N]](p Params) (*Strategy[N], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &Strategy[N]{p: p}
	var err error
	if p.Shares != nil {
		s.shares, err = strategies.Number[N]("shares", *p.Shares)
	} else {
		s.percent, err = strategies.Number[N]("target_percent", *p.TargetPercent)
	}
	return s, err
}

// Init picks the assets to buy.
func (s *Strategy[N]) Init(ctx *engine.Context[N]) error {
	if len(s.p.Symbols) == 0 {
		s.assets = append([]market.Asset(nil), ctx.Assets()...)
	}
	for _, sym := range s.p.Symbols {
		a, ok := ctx.Lookup(sym)
		if !ok {
			return fmt.Errorf("strategy.params.symbols: %q is not an asset of the data", sym)
		}
		s.assets = append(s.assets, a)
	}
	s.orders = make([]*order.Order[N], len(s.assets))
	s.done = make([]bool, len(s.assets))
	return nil
}

// OnBar places the buy of every asset not bought yet that has a bar.
func (s *Strategy[N]) OnBar(ctx *engine.Context[N]) {
	if s.held == len(s.assets) {
		return
	}
	for i, a := range s.assets {
		if s.done[i] {
			continue
		}
		if o := s.orders[i]; o != nil {
			if o.IsOpen() {
				continue
			}
			if !o.Filled.IsZero() {
				s.done[i] = true
				s.held++
				continue
			}
		}
		if !ctx.HasBar(a) {
			continue
		}
		if s.p.Shares != nil {
			s.orders[i] = ctx.Order(a, s.shares)
		} else {
			s.orders[i] = ctx.OrderPercent(a, s.percent)
		}
	}
}

// Bought reports whether the strategy's order for the i-th of its assets
// has filled, in part or whole.
func (s *Strategy[N]) Bought(i int) bool { return s.orders[i] != nil && !s.orders[i].Filled.IsZero() }
