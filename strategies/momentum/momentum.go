// Package momentum is the cross-sectional momentum strategy ("momentum"):
// every Rebalance bars, rank the universe by trailing return over Lookback
// bars and hold the Top assets in equal weights.
//
// # Ranking
//
// An asset is ranked when it has a bar now and at least Lookback+1 bars of
// history: its trailing return is close_now / close_lookback_ago - 1.
// Returns are compared exactly, without division, by cross-multiplying
// (r_a > r_b when close_a*past_b > close_b*past_a, prices positive); ties
// go to the lower asset ID, so the ranking is deterministic.
//
// # Orders
//
// At a rebalance the assets that left the top are closed first, then each
// top asset is ordered to Exposure/Top of the portfolio value
// (OrderTargetPercent, counting open orders). Orders are placed in that
// order, sells before buys, so the fills at the next bar free cash before
// they use it. Exposure (default 0.95) leaves cash to absorb the price
// move between the decision and the fill and the commissions: a cash
// account rejects a buy it cannot pay for.
package momentum

import (
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies"
)

// Name is the strategy's name in configs.
const Name = "momentum"

// Params are the strategy's parameters.
type Params struct {
	Lookback  int              `yaml:"lookback"`
	Top       int              `yaml:"top"`
	Rebalance int              `yaml:"rebalance"`
	Exposure  *numeric.Decimal `yaml:"exposure"`
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
	case p.Lookback < 1:
		return fmt.Errorf("strategy.params.lookback: must be at least 1, got %d", p.Lookback)
	case p.Lookback > strategies.MaxWindow:
		return strategies.CheckWindow("lookback", p.Lookback)
	case p.Rebalance > strategies.MaxWindow:
		return strategies.CheckWindow("rebalance", p.Rebalance)
	case p.Top < 1:
		return fmt.Errorf("strategy.params.top: must be at least 1, got %d", p.Top)
	case p.Rebalance < 1:
		return fmt.Errorf("strategy.params.rebalance: must be at least 1 bar, got %d", p.Rebalance)
	case p.Exposure != nil && (p.Exposure.Sign() <= 0 || p.Exposure.Cmp(numeric.Int[numeric.Decimal](1)) > 0):
		return fmt.Errorf("strategy.params.exposure: must be in (0, 1], got %s", p.Exposure)
	}
	return nil
}

// Strategy is the momentum strategy for backend N.
type Strategy[N numeric.Number[N]] struct {
	p      Params
	weight N
	bars   int
	ranked []int // scratch: asset IDs ranked
	now    []N   // scratch: current close per asset
	past   []N   // scratch: close Lookback bars ago per asset
	inTop  []bool
	want   []bool // scratch: in the new top
	top    []int  // the top of the last rebalance, best first
	rebals int
	// better is rankedBefore's concrete copy for N.
	better func(now, past []N, a, b int) bool
}

// New returns the strategy for params p.
func New[N numeric.Number[N]](p Params) (*Strategy[N], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	exposure := numeric.MustParse[numeric.Decimal]("0.95")
	if p.Exposure != nil {
		exposure = *p.Exposure
	}
	e, err := strategies.Number[N]("exposure", exposure)
	if err != nil {
		return nil, err
	}
	return &Strategy[N]{p: p, better: rankedBeforeFor[N](), weight: e.DivRound(numeric.Int[N](int64(p.Top)), numeric.FixedDecimals, numeric.Down)}, nil
}

// Init sizes the scratch space for the universe.
func (s *Strategy[N]) Init(ctx *engine.Context[N]) error {
	n := len(ctx.Assets())
	if s.p.Top > n {
		return fmt.Errorf("strategy.params.top: %d is more than the %d assets of the data", s.p.Top, n)
	}
	s.ranked = make([]int, 0, n)
	s.now = make([]N, n)
	s.past = make([]N, n)
	s.inTop = make([]bool, n)
	s.want = make([]bool, n)
	return nil
}

// OnBar rebalances every Rebalance bars.
func (s *Strategy[N]) OnBar(ctx *engine.Context[N]) {
	s.bars++
	if s.bars%s.p.Rebalance != 0 {
		return
	}
	assets := ctx.Assets()
	s.ranked = s.ranked[:0]
	for _, a := range assets {
		if !ctx.HasBar(a) {
			continue
		}
		h := ctx.History(a, market.Close, s.p.Lookback+1)
		if len(h) < s.p.Lookback+1 || h[0].Sign() <= 0 {
			continue
		}
		s.now[a.ID], s.past[a.ID] = h[len(h)-1], h[0]
		s.ranked = append(s.ranked, a.ID)
	}
	if len(s.ranked) < s.p.Top {
		return // not enough history yet
	}
	sort.SliceStable(s.ranked, func(i, j int) bool {
		return s.better(s.now, s.past, s.ranked[i], s.ranked[j])
	})
	s.rebals++
	top := s.ranked[:s.p.Top]
	s.top = append(s.top[:0], top...)
	clear(s.want)
	for _, id := range top {
		s.want[id] = true
	}
	// Sells first: close what left the top.
	for id := range s.inTop {
		if s.inTop[id] && !s.want[id] {
			ctx.OrderTarget(assets[id], numeric.Zero[N]())
			s.inTop[id] = false
		}
	}
	for _, id := range top {
		ctx.OrderTargetPercent(assets[id], s.weight)
		s.inTop[id] = true
	}
}

// rankedBefore reports whether asset a ranks before asset b: a higher
// return over the lookback, r_a > r_b, that is now_a * past_b >
// now_b * past_a (past prices are positive), the products compared
// exactly by MulCmp (in Fixed and Decimal; as Mul rounds them in Float);
// the lower ID first on a tie.
//
//penny:specialize
func rankedBefore[N numeric.Number[N]](now, past []N, a, b int) bool {
	if c := now[a].MulCmp(past[b], now[b], past[a]); c != 0 {
		return c > 0
	}
	return a < b
}

// Top returns the asset IDs chosen at the last rebalance, best first
// (read-only).
func (s *Strategy[N]) Top() []int { return s.top }

// Rebalances returns the number of rebalances done so far.
func (s *Strategy[N]) Rebalances() int { return s.rebals }
