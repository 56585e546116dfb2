package execution_test

import (
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

var (
	orcl = market.Asset{ID: 0, Symbol: "ORCL"}
	btc  = market.Asset{ID: 1, Symbol: "BTC/USD", Class: market.Crypto}
	t0   = time.Date(2014, 1, 2, 21, 0, 0, 0, time.UTC)
)

func num[N numeric.Number[N]](t testing.TB, s string) N {
	t.Helper()
	v, err := numeric.Parse[N](s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// bar builds a bar from text: open, high, low, close, volume.
func bar[N numeric.Number[N]](t testing.TB, o, h, l, c, v string) *market.Bar[N] {
	return &market.Bar[N]{Time: t0.Add(24 * time.Hour).UnixNano(), Open: num[N](t, o), High: num[N](t, h), Low: num[N](t, l),
		Close: num[N](t, c), Volume: num[N](t, v)}
}

// newOrder places an order at bar 0, failing the test if it is rejected.
func newOrder[N numeric.Number[N]](t testing.TB, a market.Asset, amount string, typ order.Type, limit, stop string) *order.Order[N] {
	t.Helper()
	r := order.Request[N]{Asset: a, Amount: num[N](t, amount), Type: typ}
	if limit != "" {
		r.LimitPrice = num[N](t, limit)
	}
	if stop != "" {
		r.StopPrice = num[N](t, stop)
	}
	o := order.New(1, r, order.Placement{Time: t0, Bar: 0, KnownAsset: true})
	if o.Status != order.Open {
		t.Fatalf("order rejected: %s", o.String())
	}
	return &o
}
