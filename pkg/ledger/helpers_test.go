package ledger_test

import (
	"math"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

var (
	orcl = market.Asset{ID: 0, Symbol: "ORCL"}
	nvda = market.Asset{ID: 1, Symbol: "NVDA"}
	btc  = market.Asset{ID: 5, Symbol: "BTC/USD", Class: market.Crypto}
	day0 = time.Date(2014, 1, 2, 21, 0, 0, 0, time.UTC)
)

func num[N numeric.Number[N]](t testing.TB, s string) N {
	t.Helper()
	v, err := numeric.Parse[N](s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// tx builds a transaction from text.
func tx[N numeric.Number[N]](t testing.TB, a market.Asset, amount, price, commission string) ledger.Transaction[N] {
	t.Helper()
	return ledger.Transaction[N]{Time: day0, Asset: a, Amount: num[N](t, amount), Price: num[N](t, price),
		Commission: num[N](t, commission), OrderID: order.ID(1)}
}

// same reports whether got is want: exactly in Fixed and Decimal, within
// 1e-9 relative in Float.
func same[N numeric.Number[N]](t testing.TB, got N, want string) bool {
	w := num[N](t, want)
	if numeric.Backend[N]() != "float" {
		return got.Cmp(w) == 0
	}
	g, f := got.Float64(), w.Float64()
	return math.Abs(g-f) <= 1e-9*math.Max(1, math.Abs(f))
}
