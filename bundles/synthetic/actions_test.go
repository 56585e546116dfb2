package synthetic

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// withActions is two years of 20 assets with many splits and dividends.
func withActions(freq market.Frequency, cal string) Config {
	c := Default()
	c.Assets, c.Frequency, c.Calendar = 20, freq, cal
	c.Start, c.End = date(2023, 1, 3), date(2024, 12, 31)
	if freq != market.Daily {
		c.Assets, c.End = 4, date(2023, 9, 29)
	}
	c.Actions = Actions{Splits: 1, DividendYield: 0.03}
	return c
}

// TestActionsValid: the actions are valid, on sessions of the data, the
// same in every backend and on every run; splits and dividends both
// occur; a dividend is a whole number of ticks below the close before
// it, paid 14 to 28 days after its ex-date.
func TestActionsValid(t *testing.T) {
	for _, sc := range []struct {
		name string
		cfg  Config
	}{
		{"XNYS/daily", withActions(market.Daily, "XNYS")},
		{"XNYS/hourly", withActions(market.Hourly, "XNYS")},
		{"24-7/minute", func() Config {
			c := withActions(market.Minute, "24/7")
			c.End = date(2023, 2, 28)
			c.Actions.Splits = 4
			return c
		}()},
	} {
		t.Run(sc.name, func(t *testing.T) {
			fx, fa, err := GenerateWithActions[numeric.Fixed](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, da, err := GenerateWithActions[numeric.Decimal](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, xa, err := GenerateWithActions[numeric.Float](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, again, err := GenerateWithActions[numeric.Fixed](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(fa) != len(da) || len(fa) != len(xa) || len(fa) != len(again) {
				t.Fatalf("%d, %d, %d, %d actions", len(fa), len(da), len(xa), len(again))
			}
			for i := range fa {
				if s := fa[i].String(); s != da[i].String() || s != xa[i].String() || s != again[i].String() || !fa[i].PayDate.Equal(again[i].PayDate) {
					t.Fatalf("action %d: fixed %s, decimal %s, float %s, again %s", i, fa[i], da[i], xa[i], again[i])
				}
			}
			if err := corpaction.Check(fa); err != nil {
				t.Fatal(err)
			}
			symbols := make([]string, len(fx.Series))
			for i, s := range fx.Series {
				symbols[i] = s.Asset.Symbol
			}
			sc2, err := newScheduleFor(sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			res, err := corpaction.Resolve(fa, symbols, sc2.dates)
			if err != nil || len(res.Warnings) != 0 || len(res.Items) != len(fa) {
				t.Fatalf("resolve: %v, warnings %v", err, res.Warnings)
			}
			counts := map[corpaction.Type]int{}
			for _, it := range res.Items {
				counts[it.Type]++
				if it.Session == 0 {
					t.Fatalf("%s: at the first session", it.Action)
				}
				s := &fx.Series[it.Asset]
				prevClose := s.Close[sc2.first[it.Session]-1]
				switch it.Type {
				case corpaction.CashDividend:
					days := it.PayDate.Sub(it.Date).Hours() / 24
					if it.Amount.Sign() <= 0 || it.Amount.Cmp(prevClose) >= 0 || days < 14 || days > 28 || !it.RecordDate.Equal(it.Date) {
						t.Fatalf("%s: previous close %s, paid after %v days", it.Action, prevClose, days)
					}
					if u, ok := scaled(it.Amount.String(), 2); !ok || u <= 0 {
						t.Fatalf("%s: not a whole number of ticks", it.Action)
					}
				case corpaction.Split:
				default:
					t.Fatalf("unexpected %s", it.Action)
				}
			}
			if counts[corpaction.Split] == 0 || counts[corpaction.CashDividend] == 0 {
				t.Errorf("counts %v: want splits and dividends", counts)
			}
		})
	}
}

func newScheduleFor(cfg Config) (*schedule, error) {
	r, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	clk, err := clock.New(r.cal, r.frequency, cfg.Start, cfg.End)
	if err != nil {
		return nil, err
	}
	return newSchedule(clk, r.cal, cfg.Start), nil
}

// TestActionsKeepTheWalk: the bars draw the same random numbers with and
// without actions. Before an asset's first action its bars are the same;
// after, with splits only, each price times the ratios of the splits so
// far is the price without them, to within the rounding to ticks of both
// (half a tick each, the raw one scaled by the ratios).
func TestActionsKeepTheWalk(t *testing.T) {
	cfg := withActions(market.Daily, "XNYS")
	cfg.Actions.DividendYield = 0
	cfg.Volatility = Range{0.2, 0.2}
	raw, as, err := GenerateWithActions[numeric.Decimal](cfg)
	if err != nil {
		t.Fatal(err)
	}
	plain := cfg
	plain.Actions = Actions{}
	want, err := Generate[numeric.Decimal](plain)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := newScheduleFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tick := big.NewRat(1, 100)
	bySymbol := map[string][]corpaction.Action[numeric.Decimal]{}
	for _, a := range as {
		bySymbol[a.Symbol] = append(bySymbol[a.Symbol], a)
	}
	splits := 0
	for i := range raw.Series {
		r, w := &raw.Series[i], &want.Series[i]
		acts := bySymbol[r.Asset.Symbol]
		splits += len(acts)
		factor := big.NewRat(1, 1)
		next := 0
		for s, d := range sch.dates {
			if next < len(acts) && acts[next].Date.Equal(d) {
				factor.Mul(factor, acts[next].Ratio.Rat())
				next++
			}
			k := sch.first[s] // daily: one bar per session
			for _, f := range []market.Field{market.Open, market.High, market.Low, market.Close} {
				x := rat(r.Column(f)[k].String())
				y := rat(w.Column(f)[k].String())
				if factor.Cmp(big.NewRat(1, 1)) == 0 {
					if x.Cmp(y) != 0 {
						t.Fatalf("%s %s %s before any split: %s, without actions %s", r.Asset.Symbol, d.Format(time.DateOnly), f, x.FloatString(2), y.FloatString(2))
					}
					continue
				}
				diff := new(big.Rat).Sub(new(big.Rat).Mul(x, factor), y)
				bound := new(big.Rat).Mul(new(big.Rat).Add(factor, big.NewRat(1, 1)), tick)
				if diff.Abs(diff).Cmp(bound) > 0 {
					t.Fatalf("%s %s %s: %s x %s, without actions %s", r.Asset.Symbol, d.Format(time.DateOnly), f, x.FloatString(2), factor, y.FloatString(2))
				}
			}
		}
	}
	if splits < 10 {
		t.Errorf("%d splits over 20 assets and 2 years: want more", splits)
	}
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// TestActionsConfig: Generate refuses a config with actions, and the
// rates are bounded.
func TestActionsConfig(t *testing.T) {
	cfg := withActions(market.Daily, "XNYS")
	if _, err := Generate[numeric.Fixed](cfg); err == nil || !strings.Contains(err.Error(), "GenerateWithActions") {
		t.Errorf("Generate with actions: %v", err)
	}
	for _, a := range []Actions{{Splits: -1}, {Splits: 5}, {DividendYield: -0.01}, {DividendYield: 0.3}} {
		c := cfg
		c.Actions = a
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "actions") {
			t.Errorf("%+v: %v", a, err)
		}
	}
	c, err := DecodeConfig(strings.NewReader("actions: {splits: 0.5, dividend_yield: 0.02}\n"))
	if err != nil || c.Actions != (Actions{Splits: 0.5, DividendYield: 0.02}) {
		t.Errorf("decoded %+v, %v", c.Actions, err)
	}
	_, as, err := GenerateWithActions[numeric.Fixed](Default())
	if err != nil || len(as) != 0 {
		t.Errorf("default config: %d actions, %v", len(as), err)
	}
}
