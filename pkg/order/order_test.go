package order_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/order"
)

func newOpen[N numeric.Number[N]](t *testing.T, amount string) order.Order[N] {
	t.Helper()
	o := order.New(1, order.Request[N]{Asset: orcl, Amount: num[N](t, amount)}, order.Placement{Time: t0, KnownAsset: true})
	if o.Status != order.Open {
		t.Fatalf("new order: %s", o.String())
	}
	return o
}

//penny:backends
func testFills[N numeric.Number[N]](t *testing.T) {
	t1, t2 := t0.Add(24*time.Hour), t0.Add(48*time.Hour)
	t.Run("buy in two fills", func(t *testing.T) {
		o := newOpen[N](t, "10")
		o.Fill(num[N](t, "4"), num[N](t, "12.5"), num[N](t, "1"), t1)
		if o.Status != order.PartiallyFilled || o.Filled.String() != "4" || o.Remaining().String() != "6" || !o.IsOpen() {
			t.Fatalf("after first fill: %s remaining %s", o.String(), o.Remaining())
		}
		o.Fill(num[N](t, "6"), num[N](t, "12.75"), num[N](t, "0.5"), t2)
		// 4*12.5 + 6*12.75 = 50 + 76.5 = 126.5; 126.5/10 = 12.65.
		if o.Status != order.Filled || o.Filled.String() != "10" || !o.Remaining().IsZero() || o.IsOpen() {
			t.Fatalf("after second fill: %s", o.String())
		}
		if o.Notional.String() != "126.5" || o.AvgPrice().String() != "12.65" || o.Commission.String() != "1.5" || o.Fills != 2 {
			t.Errorf("notional %s avg %s commission %s fills %d", o.Notional, o.AvgPrice(), o.Commission, o.Fills)
		}
		if !o.Updated.Equal(t2) || !o.Created.Equal(t0) {
			t.Errorf("times: created %v updated %v", o.Created, o.Updated)
		}
	})
	t.Run("sell at once", func(t *testing.T) {
		o := newOpen[N](t, "-3")
		o.Fill(num[N](t, "-3"), num[N](t, "0.1"), num[N](t, "0"), t1)
		if o.Status != order.Filled || o.Notional.String() != "-0.3" || o.AvgPrice().String() != "0.1" {
			t.Errorf("%s notional %s avg %s", o.String(), o.Notional, o.AvgPrice())
		}
	})
	t.Run("average rounds half even", func(t *testing.T) {
		o := newOpen[N](t, "3")
		o.Fill(num[N](t, "1"), num[N](t, "1"), num[N](t, "0"), t1)
		o.Fill(num[N](t, "2"), num[N](t, "1.00000001"), num[N](t, "0"), t1)
		// 3.00000002 / 3 = 1.0000000066... -> 1.00000001
		if got := o.AvgPrice().String(); got != "1.00000001" {
			t.Errorf("AvgPrice = %s", got)
		}
	})
	t.Run("cancel keeps fills", func(t *testing.T) {
		o := newOpen[N](t, "10")
		o.Fill(num[N](t, "4"), num[N](t, "2"), num[N](t, "0"), t1)
		o.Cancel(order.ReasonCancelled, t2)
		if o.Status != order.Cancelled || o.Reason != order.ReasonCancelled || o.Filled.String() != "4" || o.Remaining().String() != "6" || !o.Updated.Equal(t2) {
			t.Errorf("%s", o.String())
		}
	})
	t.Run("reject unfilled", func(t *testing.T) {
		o := newOpen[N](t, "10")
		o.Reject("insufficient cash", t1)
		if o.Status != order.Rejected || o.Reason != "insufficient cash" {
			t.Errorf("%s", o.String())
		}
	})
	t.Run("reject partially filled cancels", func(t *testing.T) {
		o := newOpen[N](t, "-10")
		o.Fill(num[N](t, "-1"), num[N](t, "2"), num[N](t, "0"), t1)
		o.Reject("insufficient cash", t1)
		if o.Status != order.Cancelled || o.Reason != "insufficient cash" || o.Filled.String() != "-1" {
			t.Errorf("%s", o.String())
		}
	})
}

func TestFills(t *testing.T) {
	backendtest.Run(t, testFillsByName)
}

// testIllegal checks that every illegal transition panics with a message
// naming the order.
//
//penny:backends
func testIllegal[N numeric.Number[N]](t *testing.T) {
	one, two, px := num[N](t, "1"), num[N](t, "2"), num[N](t, "10")
	var zero N
	filled := func() order.Order[N] {
		o := newOpen[N](t, "1")
		o.Fill(one, px, zero, t0)
		return o
	}
	cancelled := func() order.Order[N] {
		o := newOpen[N](t, "1")
		o.Cancel("x", t0)
		return o
	}
	rejected := func() order.Order[N] {
		o := newOpen[N](t, "1")
		o.Reject("x", t0)
		return o
	}
	open := func() order.Order[N] { return newOpen[N](t, "1") }
	tests := []struct {
		name string
		make func() order.Order[N]
		do   func(o *order.Order[N])
		want string
	}{
		{"fill filled", filled, func(o *order.Order[N]) { o.Fill(one, px, zero, t0) }, "order: fill of filled order 1"},
		{"fill cancelled", cancelled, func(o *order.Order[N]) { o.Fill(one, px, zero, t0) }, "order: fill of cancelled order 1"},
		{"fill rejected", rejected, func(o *order.Order[N]) { o.Fill(one, px, zero, t0) }, "order: fill of rejected order 1"},
		{"fill too much", open, func(o *order.Order[N]) { o.Fill(two, px, zero, t0) }, "exceeds the remaining 1"},
		{"fill wrong sign", open, func(o *order.Order[N]) { o.Fill(one.Neg(), px, zero, t0) }, "of the wrong sign"},
		{"fill zero", open, func(o *order.Order[N]) { o.Fill(zero, px, zero, t0) }, "zero or of the wrong sign"},
		{"cancel filled", filled, func(o *order.Order[N]) { o.Cancel("x", t0) }, "order: cancel of filled order 1"},
		{"cancel cancelled", cancelled, func(o *order.Order[N]) { o.Cancel("x", t0) }, "order: cancel of cancelled order 1"},
		{"reject filled", filled, func(o *order.Order[N]) { o.Reject("x", t0) }, "order: reject of filled order 1"},
		{"reject rejected", rejected, func(o *order.Order[N]) { o.Reject("x", t0) }, "order: reject of rejected order 1"},
		{"reject without a reason", open, func(o *order.Order[N]) { o.Reject("", t0) }, "order: reject of order 1 without a reason"},
		{"cancel without a reason", open, func(o *order.Order[N]) { o.Cancel("", t0) }, "order: cancel of order 1 without a reason"},
		{"unfilled without a reason", open, func(o *order.Order[N]) { o.Unfilled("") }, "order: unfilled note"},
		{"unfilled filled", filled, func(o *order.Order[N]) { o.Unfilled("x") }, "order: unfilled note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.make()
			before := o
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if !strings.Contains(msg, tt.want) {
					t.Errorf("panic %v, want one containing %q", r, tt.want)
				}
				if o.Status != before.Status || o.Filled.Cmp(before.Filled) != 0 {
					t.Errorf("a refused transition changed the order: %s", o.String())
				}
			}()
			tt.do(&o)
		})
	}
}

func TestIllegalTransitions(t *testing.T) {
	backendtest.Run(t, testIllegalByName)
}

func TestOrderString(t *testing.T) {
	tests := []struct {
		r    order.Request[numeric.Fixed]
		want string
	}{
		{order.Request[numeric.Fixed]{Asset: orcl, Amount: numeric.MustParse[numeric.Fixed]("10")},
			"order 4: buy 10 ORCL market gtc, open"},
		{order.Request[numeric.Fixed]{Asset: orcl, Amount: numeric.MustParse[numeric.Fixed]("-10"), Type: order.StopLimit,
			StopPrice: numeric.MustParse[numeric.Fixed]("9.5"), LimitPrice: numeric.MustParse[numeric.Fixed]("9.25"), TIF: order.Day},
			"order 4: sell 10 ORCL stop 9.5 limit 9.25 day, open"},
		{order.Request[numeric.Fixed]{Asset: orcl},
			"order 4: buy 0 ORCL market gtc, rejected (zero quantity)"},
	}
	for _, tt := range tests {
		o := order.New(4, tt.r, order.Placement{KnownAsset: true})
		if got := o.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
