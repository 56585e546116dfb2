package order_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

var (
	orcl = market.Asset{ID: 0, Symbol: "ORCL"}
	btc  = market.Asset{ID: 1, Symbol: "BTC/USD", Class: market.Crypto}
	fut  = market.Asset{ID: 2, Symbol: "ES", LotSize: "0.5"}
	bad  = market.Asset{ID: 3, Symbol: "BAD", LotSize: "-1"}
	t0   = time.Date(2014, 1, 2, 21, 0, 0, 0, time.UTC)
)

// requestCase is a request written as text, so that every backend reads
// the same digits.
type requestCase struct {
	name     string
	asset    market.Asset
	amount   string
	typ      order.Type
	limit    string
	stop     string
	tif      order.TimeInForce
	unknown  bool
	afterEnd bool
	// want is "" for an open order, else a text the reason contains.
	want string
}

var requestCases = []requestCase{
	{name: "market buy", asset: orcl, amount: "10"},
	{name: "market sell", asset: orcl, amount: "-10"},
	{name: "limit buy", asset: orcl, amount: "5", typ: order.Limit, limit: "12.25"},
	{name: "stop sell", asset: orcl, amount: "-5", typ: order.Stop, stop: "11"},
	{name: "stop limit", asset: orcl, amount: "5", typ: order.StopLimit, stop: "13", limit: "13.5", tif: order.Day},
	{name: "crypto fraction", asset: btc, amount: "0.00012345"},
	{name: "half lots", asset: fut, amount: "-2.5"},
	{name: "zero quantity", asset: orcl, amount: "0", want: "zero quantity"},
	{name: "unknown asset", asset: orcl, amount: "1", unknown: true, want: `unknown asset "ORCL"`},
	{name: "after end", asset: orcl, amount: "1", afterEnd: true, want: "after the end of the data"},
	{name: "limit on market", asset: orcl, amount: "1", limit: "10", want: "a market order takes no limit price (got 10)"},
	{name: "stop on market", asset: orcl, amount: "1", stop: "10", want: "a market order takes no stop price (got 10)"},
	{name: "stop on limit", asset: orcl, amount: "1", typ: order.Limit, limit: "10", stop: "9", want: "a limit order takes no stop price"},
	{name: "limit on stop", asset: orcl, amount: "1", typ: order.Stop, stop: "10", limit: "9", want: "a stop order takes no limit price"},
	{name: "zero limit", asset: orcl, amount: "1", typ: order.Limit, want: "limit price must be positive, got 0"},
	{name: "negative limit", asset: orcl, amount: "1", typ: order.Limit, limit: "-1", want: "limit price must be positive, got -1"},
	{name: "zero stop", asset: orcl, amount: "1", typ: order.Stop, want: "stop price must be positive, got 0"},
	{name: "stop limit without limit", asset: orcl, amount: "1", typ: order.StopLimit, stop: "3", want: "limit price must be positive"},
	{name: "fractional share", asset: orcl, amount: "1.5", want: "amount 1.5 of ORCL is not a whole number of lots of 1"},
	{name: "off lot", asset: fut, amount: "0.75", want: "not a whole number of lots of 0.5"},
	{name: "invalid lot size", asset: bad, amount: "1", want: `asset BAD has an invalid lot size "-1"`},
	{name: "invalid type", asset: orcl, amount: "1", typ: order.Type(7), want: "invalid order type Type(7)"},
	{name: "invalid tif", asset: orcl, amount: "1", tif: order.TimeInForce(3), want: "invalid time in force TimeInForce(3)"},
}

//penny:backends
func testRequest[N numeric.Number[N]](t *testing.T) {
	for _, tc := range requestCases {
		t.Run(tc.name, func(t *testing.T) {
			r := order.Request[N]{Asset: tc.asset, Amount: num[N](t, tc.amount), Type: tc.typ, TIF: tc.tif}
			if tc.limit != "" {
				r.LimitPrice = num[N](t, tc.limit)
			}
			if tc.stop != "" {
				r.StopPrice = num[N](t, tc.stop)
			}
			o := order.New(7, r, order.Placement{Time: t0, Bar: 41, KnownAsset: !tc.unknown, AfterEnd: tc.afterEnd})
			if o.ID != 7 || o.PlacedBar != 41 || !o.Created.Equal(t0) || o.Asset != tc.asset {
				t.Errorf("placement not recorded: %+v", o)
			}
			if tc.want == "" {
				if o.Status != order.Open || o.Reason != "" {
					t.Fatalf("status %s (%s), want open", o.Status, o.Reason)
				}
				if o.Amount.String() != tc.amount || !o.Filled.IsZero() || o.Remaining().Cmp(o.Amount) != 0 {
					t.Errorf("amounts: %s filled %s remaining %s", o.Amount, o.Filled, o.Remaining())
				}
				if !o.IsOpen() || o.IsBuy() != !strings.HasPrefix(tc.amount, "-") {
					t.Errorf("IsOpen %v IsBuy %v", o.IsOpen(), o.IsBuy())
				}
				return
			}
			if o.Status != order.Rejected || !strings.Contains(o.Reason, tc.want) {
				t.Errorf("status %s reason %q, want rejected with %q", o.Status, o.Reason, tc.want)
			}
			if o.IsOpen() {
				t.Error("a rejected order is open")
			}
		})
	}
}

func TestRequest(t *testing.T) {
	backendtest.Run(t, testRequestByName)
}

// TestRequestNonFinite checks the Float-only bad values: NaN and
// infinities are rejected, not panicked on.
func TestRequestNonFinite(t *testing.T) {
	nan, inf := numeric.Float(math.NaN()), numeric.Float(math.Inf(1))
	tests := []struct {
		name string
		r    order.Request[numeric.Float]
		want string
	}{
		{"nan amount", order.Request[numeric.Float]{Asset: orcl, Amount: nan}, "amount NaN is not a finite number"},
		{"inf amount", order.Request[numeric.Float]{Asset: orcl, Amount: -inf}, "amount -Inf is not a finite number"},
		{"nan limit", order.Request[numeric.Float]{Asset: orcl, Amount: 1, Type: order.Limit, LimitPrice: nan}, "limit price NaN is not a finite number"},
		{"inf stop", order.Request[numeric.Float]{Asset: orcl, Amount: 1, Type: order.Stop, StopPrice: inf}, "stop price +Inf is not a finite number"},
		{"nan limit on market", order.Request[numeric.Float]{Asset: orcl, Amount: 1, LimitPrice: nan}, "limit price NaN is not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := order.New(1, tt.r, order.Placement{KnownAsset: true})
			if o.Status != order.Rejected || o.Reason != tt.want {
				t.Errorf("status %s reason %q, want rejected %q", o.Status, o.Reason, tt.want)
			}
		})
	}
}

// TestRequestBeyondFloat: a Decimal amount beyond float64's range is a
// finite number, not "not a finite number" (a run with capital 1e400
// rejected every order so).
func TestRequestBeyondFloat(t *testing.T) {
	r := order.Request[numeric.Decimal]{Asset: orcl, Amount: numeric.MustParse[numeric.Decimal]("5e400")}
	if o := order.New(1, r, order.Placement{KnownAsset: true}); o.Status != order.Open {
		t.Fatalf("status %s reason %q, want open", o.Status, o.Reason)
	}
}
