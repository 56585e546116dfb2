package buyhold_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/buyhold"
)

func TestBuyAndHold(t *testing.T) {
	backendtest.Run(t, testBuyAndHoldByName)
}

func data[N numeric.Number[N]](t *testing.T) *market.Dataset[N] {
	cfg := synthetic.Default()
	cfg.Assets, cfg.Seed = 4, 3
	cfg.Start, cfg.End = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 28, 0, 0, 0, 0, time.UTC)
	ds, err := synthetic.Generate[N](cfg)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func params(t *testing.T, text string) buyhold.Params {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatal(err)
	}
	p, err := buyhold.DecodeParams(n.Content[0])
	if err != nil {
		t.Fatal(err)
	}
	return p
}

//penny:backends
func testBuyAndHold[N numeric.Number[N]](t *testing.T) {
	ds := data[N](t)
	cash := numeric.Int[N](100000)
	run := func(p buyhold.Params) *engine.Result[N] {
		s, err := buyhold.New[N](p)
		if err != nil {
			t.Fatal(err)
		}
		res, err := engine.Backtest(context.Background(), ds, s, engine.Config[N]{Capital: cash})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// Shares of two symbols: one fill each, at the second bar's open,
	// and nothing after.
	res := run(params(t, "{shares: 10, symbols: [SYN001, SYN003]}"))
	if len(res.Transactions) != 2 {
		t.Fatalf("%d fills, want 2: %v", len(res.Transactions), res.Transactions)
	}
	for _, tx := range res.Transactions {
		if tx.Amount.String() != "10" || (tx.Asset.Symbol != "SYN001" && tx.Asset.Symbol != "SYN003") {
			t.Errorf("fill %v", tx)
		}
		if !tx.Time.Equal(res.Sessions[1].Close) && !tx.Time.Before(res.Sessions[1].Close.Add(time.Nanosecond)) {
			t.Errorf("fill %v not at the second bar", tx)
		}
		want := ds.Series[tx.Asset.ID].Open[1]
		if tx.Price.Cmp(want) != 0 {
			t.Errorf("fill price %s, want the second bar's open %s", tx.Price, want)
		}
	}
	// The final value is the cash left plus the shares at the last close.
	v := res.Cash
	for _, id := range []int{1, 3} {
		s := &ds.Series[id]
		v = v.Add(numeric.Int[N](10).Mul(s.Close[s.Len()-1]))
	}
	if v.Cmp(res.Value) != 0 {
		t.Errorf("value %s, cash plus the held shares at the last close %s", res.Value, v)
	}

	// Target percent of every asset: each buy is about a fifth of the
	// portfolio.
	res = run(params(t, "{target_percent: 0.2}"))
	if len(res.Transactions) != 4 {
		t.Fatalf("%d fills, want 4", len(res.Transactions))
	}
	for _, tx := range res.Transactions {
		f := tx.Notional().Float64() / 100000
		if f < 0.18 || f > 0.22 {
			t.Errorf("fill %v is %.3f of the portfolio, want about 0.2", tx, f)
		}
	}

	// More than the cash: rejected at each bar, tried again, never filled.
	res = run(params(t, "{shares: 1000000, symbols: [SYN000]}"))
	if len(res.Transactions) != 0 || len(res.Orders) < 10 {
		t.Errorf("%d fills and %d orders, want none and one per bar", len(res.Transactions), len(res.Orders))
	}
	if len(res.Orders) > 0 && !strings.Contains(res.Orders[0].Reason, "insufficient cash") {
		t.Errorf("reason %q", res.Orders[0].Reason)
	}

	// An unknown symbol stops the run at Init.
	s, _ := buyhold.New[N](params(t, "{shares: 1, symbols: [NOPE]}"))
	if _, err := engine.Backtest(context.Background(), ds, s, engine.Config[N]{Capital: cash}); err == nil || !strings.Contains(err.Error(), "NOPE") {
		t.Errorf("unknown symbol: %v", err)
	}
}

func TestParams(t *testing.T) {
	for text, want := range map[string]string{
		"{}":                               "set shares or target_percent",
		"{shares: 1, target_percent: 0.5}": "not both",
		"{shares: -1}":                     "shares: must be positive",
		"{target_percent: 1.5}":            "target_percent: must be in (0, 1]",
		"{shares: 1, symbols: [A, A]}":     "given twice",
		"{shares: 1, sharez: 2}":           "sharez",
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(text), &n); err != nil {
			t.Fatal(err)
		}
		if _, err := buyhold.DecodeParams(n.Content[0]); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", text, err, want)
		}
	}
}
