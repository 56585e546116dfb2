package engine

import (
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

func TestOrderEntryPoints(t *testing.T) {
	backendtest.Run(t, testOrderEntryPointsByName)
}

// testOrderEntryPoints places one order per entry point on asset AA
// (closes 100.00 + i/100, opens 0.01 lower, high/low +-0.05) and checks
// the quantities ordered and the fills.
//
//penny:backends
func testOrderEntryPoints[N numeric.Number[N]](t *testing.T) {
	n := func(s string) N { return numeric.MustParse[N](s) }
	tests := []struct {
		name  string
		place func(c *Context[N], a market.Asset) *order.Order[N]
		// at bar 0; the amount ordered, and the status at the end
		amount string
		status order.Status
		price  string // of the fill, "" for none
	}{
		{"order", func(c *Context[N], a market.Asset) *order.Order[N] { return c.Order(a, n("7")) }, "7", order.Filled, "100"},
		{"order value", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderValue(a, n("1000")) }, "10", order.Filled, "100"},
		{"order value sells", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderValue(a, n("-1000")) }, "-10", order.Rejected, ""},
		{"order percent", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderPercent(a, n("0.05")) }, "50", order.Filled, "100"},
		{"target", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderTarget(a, n("3")) }, "3", order.Filled, "100"},
		{"target value", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderTargetValue(a, n("2500")) }, "25", order.Filled, "100"},
		{"target percent", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderTargetPercent(a, n("0.1")) }, "100", order.Filled, "100"},
		// Limits: bar 1 opens at 100.00 with low 99.96: a buy limit at
		// 99.97 fills at the limit; one at 99.50 never fills.
		{"limit fills", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderLimit(a, n("5"), n("99.97")) }, "5", order.Filled, "99.97"},
		{"limit rests", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderLimit(a, n("5"), n("99.5")) }, "5", order.Open, ""},
		// A buy stop above the market triggers when the high reaches it.
		{"stop", func(c *Context[N], a market.Asset) *order.Order[N] { return c.OrderStop(a, n("5"), n("100.04")) }, "5", order.Filled, "100.04"},
		{"day order expires", func(c *Context[N], a market.Asset) *order.Order[N] {
			return c.Submit(order.Request[N]{Asset: a, Amount: n("5"), Type: order.Limit, LimitPrice: n("90"), TIF: order.Day})
		}, "5", order.Cancelled, ""},
		{"cancel", func(c *Context[N], a market.Asset) *order.Order[N] {
			o := c.OrderLimit(a, n("5"), n("90"))
			if !c.Cancel(o.ID) || c.Cancel(o.ID) {
				t.Error("Cancel: want true once, then false")
			}
			return o
		}, "5", order.Cancelled, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := testData[N](t, market.Daily, "2024-01-02", "2024-01-12", 1, false)
			var placed *order.Order[N]
			r := run(t, p, StrategyFunc[N](func(c *Context[N]) {
				if c.BarIndex() == 0 {
					placed = tc.place(c, c.Assets()[0])
				}
			}), Config[N]{})
			if placed == nil {
				t.Fatal("no order placed")
			}
			o := r.Orders[placed.ID-1]
			if o.Amount.Cmp(n(tc.amount)) != 0 || o.Status != tc.status {
				t.Fatalf("order %v (%s): want amount %s, status %v", o.Amount, o.Status, tc.amount, tc.status)
			}
			if tc.price == "" {
				if len(r.Transactions) != 0 {
					t.Fatalf("filled: %v", r.Transactions)
				}
				return
			}
			if len(r.Transactions) != 1 || r.Transactions[0].Price.Cmp(n(tc.price)) != 0 {
				t.Fatalf("transactions %v, want one at %s", r.Transactions, tc.price)
			}
		})
	}
}
