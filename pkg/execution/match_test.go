package execution_test

import (
	"fmt"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/order"
)

// Bars: an up bar (open 100, high 110, low 90, close 105) and a down bar
// (close 95).
var (
	up   = [4]string{"100", "110", "90", "105"}
	down = [4]string{"100", "110", "90", "95"}
)

var matchCases = []struct {
	name      string
	mode      execution.FillMode
	typ       order.Type
	amount    string
	limit     string
	stop      string
	triggered bool // before the bar
	bar       [4]string
	want      string // fill price, "" for none
	trig      bool   // Triggered after the bar
}{
	// next_open: market orders at the open.
	{name: "open/market buy", typ: order.Market, amount: "10", bar: up, want: "100"},
	{name: "open/market sell", typ: order.Market, amount: "-10", bar: down, want: "100"},
	// Limits: at the open if it is as good, else at the limit if reached.
	{name: "open/buy limit reached by the low", typ: order.Limit, amount: "10", limit: "95", bar: up, want: "95"},
	{name: "open/buy limit at the open", typ: order.Limit, amount: "10", limit: "100", bar: up, want: "100"},
	{name: "open/buy limit above the open", typ: order.Limit, amount: "10", limit: "105", bar: up, want: "100"},
	{name: "open/buy limit not reached", typ: order.Limit, amount: "10", limit: "85", bar: up},
	{name: "open/sell limit reached by the high", typ: order.Limit, amount: "-10", limit: "105", bar: up, want: "105"},
	{name: "open/sell limit below the open", typ: order.Limit, amount: "-10", limit: "95", bar: up, want: "100"},
	{name: "open/sell limit not reached", typ: order.Limit, amount: "-10", limit: "115", bar: up},
	// Stops: at the stop if reached in the bar, at the open if it gapped.
	{name: "open/buy stop reached by the high", typ: order.Stop, amount: "10", stop: "105", bar: up, want: "105", trig: true},
	{name: "open/buy stop gapped", typ: order.Stop, amount: "10", stop: "95", bar: up, want: "100", trig: true},
	{name: "open/buy stop not reached", typ: order.Stop, amount: "10", stop: "115", bar: up},
	{name: "open/sell stop reached by the low", typ: order.Stop, amount: "-10", stop: "95", bar: up, want: "95", trig: true},
	{name: "open/sell stop gapped", typ: order.Stop, amount: "-10", stop: "105", bar: up, want: "100", trig: true},
	{name: "open/sell stop not reached", typ: order.Stop, amount: "-10", stop: "85", bar: up},
	{name: "open/stop triggered before", typ: order.Stop, amount: "10", stop: "200", triggered: true, bar: up, want: "100", trig: true},
	// Stop-limits.
	{name: "open/buy stop limit gapped, limit above open", typ: order.StopLimit, amount: "10", stop: "95", limit: "102", bar: up, want: "100", trig: true},
	{name: "open/buy stop limit gapped, limit by the low", typ: order.StopLimit, amount: "10", stop: "95", limit: "92", bar: up, want: "92", trig: true},
	{name: "open/buy stop limit gapped, limit not reached", typ: order.StopLimit, amount: "10", stop: "95", limit: "85", bar: up, trig: true},
	{name: "open/buy stop limit, limit above stop", typ: order.StopLimit, amount: "10", stop: "105", limit: "107", bar: up, want: "105", trig: true},
	{name: "open/buy stop limit, limit below stop, up bar", typ: order.StopLimit, amount: "10", stop: "105", limit: "97", bar: up, trig: true},
	{name: "open/buy stop limit, limit below stop, down bar", typ: order.StopLimit, amount: "10", stop: "105", limit: "97", bar: down, want: "97", trig: true},
	{name: "open/buy stop limit, close above limit", typ: order.StopLimit, amount: "10", stop: "105", limit: "93", bar: down, trig: true},
	{name: "open/buy stop limit not reached", typ: order.StopLimit, amount: "10", stop: "115", limit: "120", bar: up},
	{name: "open/sell stop limit, limit below stop", typ: order.StopLimit, amount: "-10", stop: "95", limit: "93", bar: down, want: "95", trig: true},
	{name: "open/sell stop limit, limit above stop, up bar", typ: order.StopLimit, amount: "-10", stop: "95", limit: "103", bar: up, want: "103", trig: true},
	{name: "open/sell stop limit, limit above stop, down bar", typ: order.StopLimit, amount: "-10", stop: "95", limit: "103", bar: down, trig: true},
	{name: "open/sell stop limit gapped", typ: order.StopLimit, amount: "-10", stop: "105", limit: "98", bar: up, want: "100", trig: true},
	{name: "open/sell stop limit not reached", typ: order.StopLimit, amount: "-10", stop: "85", limit: "80", bar: up},
	{name: "open/stop limit triggered before", typ: order.StopLimit, amount: "10", stop: "200", limit: "95", triggered: true, bar: up, want: "95", trig: true},
	{name: "open/flat bar, limit below stop", typ: order.StopLimit, amount: "10", stop: "105", limit: "97",
		bar: [4]string{"100", "110", "90", "100"}, trig: true},
	// next_close: everything on the close.
	{name: "close/market buy", mode: execution.NextClose, typ: order.Market, amount: "10", bar: up, want: "105"},
	{name: "close/market sell", mode: execution.NextClose, typ: order.Market, amount: "-10", bar: down, want: "95"},
	{name: "close/buy limit above close", mode: execution.NextClose, typ: order.Limit, amount: "10", limit: "106", bar: up, want: "105"},
	{name: "close/buy limit at close", mode: execution.NextClose, typ: order.Limit, amount: "10", limit: "105", bar: up, want: "105"},
	{name: "close/buy limit below close", mode: execution.NextClose, typ: order.Limit, amount: "10", limit: "104", bar: up},
	{name: "close/buy limit reached only by the low", mode: execution.NextClose, typ: order.Limit, amount: "10", limit: "95", bar: up},
	{name: "close/sell limit below close", mode: execution.NextClose, typ: order.Limit, amount: "-10", limit: "104", bar: up, want: "105"},
	{name: "close/sell limit above close", mode: execution.NextClose, typ: order.Limit, amount: "-10", limit: "106", bar: up},
	{name: "close/buy stop", mode: execution.NextClose, typ: order.Stop, amount: "10", stop: "104", bar: up, want: "105", trig: true},
	{name: "close/buy stop reached only by the high", mode: execution.NextClose, typ: order.Stop, amount: "10", stop: "106", bar: up},
	{name: "close/sell stop", mode: execution.NextClose, typ: order.Stop, amount: "-10", stop: "106", bar: up, want: "105", trig: true},
	{name: "close/sell stop not reached", mode: execution.NextClose, typ: order.Stop, amount: "-10", stop: "104", bar: up},
	{name: "close/stop triggered before", mode: execution.NextClose, typ: order.Stop, amount: "-10", stop: "1", triggered: true, bar: up, want: "105", trig: true},
	{name: "close/buy stop limit", mode: execution.NextClose, typ: order.StopLimit, amount: "10", stop: "104", limit: "106", bar: up, want: "105", trig: true},
	{name: "close/buy stop limit, limit below close", mode: execution.NextClose, typ: order.StopLimit, amount: "10", stop: "104", limit: "104", bar: up, trig: true},
	{name: "close/buy stop limit not reached", mode: execution.NextClose, typ: order.StopLimit, amount: "10", stop: "106", limit: "110", bar: up},
	{name: "close/sell stop limit", mode: execution.NextClose, typ: order.StopLimit, amount: "-10", stop: "106", limit: "104", bar: up, want: "105", trig: true},
	{name: "close/stop limit triggered before", mode: execution.NextClose, typ: order.StopLimit, amount: "-10", stop: "1", limit: "104", triggered: true, bar: up, want: "105", trig: true},
}

//penny:backends
func testMatch[N numeric.Number[N]](t *testing.T) {
	for _, tc := range matchCases {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrder[N](t, orcl, tc.amount, tc.typ, tc.limit, tc.stop)
			o.Triggered = tc.triggered
			sim := execution.Simulator[N]{Mode: tc.mode}
			b := bar[N](t, tc.bar[0], tc.bar[1], tc.bar[2], tc.bar[3], "1000")
			var used N
			f, ok := sim.Match(o, b, 1, used)
			if tc.want == "" {
				if ok {
					t.Errorf("filled at %s, want no fill", f.Price)
				}
			} else {
				switch {
				case !ok:
					t.Errorf("no fill, want %s", tc.want)
				case f.Price.Cmp(num[N](t, tc.want)) != 0:
					t.Errorf("filled at %s, want %s", f.Price, tc.want)
				case f.Amount.Cmp(o.Remaining()) != 0 || !f.Commission.IsZero() || f.OrderID != o.ID || f.Asset != o.Asset || !f.Time.Equal(b.At()):
					t.Errorf("fill %+v", f)
				}
			}
			if o.Triggered != tc.trig {
				t.Errorf("Triggered = %v, want %v", o.Triggered, tc.trig)
			}
			if !o.Filled.IsZero() || o.Status != order.Open {
				t.Errorf("Match changed the order: %s", o.String())
			}
			// Matcher decides as Match does.
			o2 := newOrder[N](t, orcl, tc.amount, tc.typ, tc.limit, tc.stop)
			o2.Triggered = tc.triggered
			f2, ok2 := sim.Matcher()(o2, b, 1, used)
			if ok2 != ok || ok && (f2.Price.Cmp(f.Price) != 0 || f2.Amount.Cmp(f.Amount) != 0 || !f2.Time.Equal(f.Time)) || o2.Triggered != o.Triggered {
				t.Errorf("Matcher: %v %+v, Match: %v %+v", ok2, f2, ok, f)
			}
			if _, ok := sim.Matcher()(o2, b, 0, used); ok {
				t.Error("Matcher filled at the bar the order was placed in")
			}
		})
	}
}

func TestMatch(t *testing.T) {
	backendtest.Run(t, testMatchByName)
}

// testNoLookAhead checks, for every order type and fill mode, that an
// order that would fill at any bar does not fill at or before the bar it
// was placed in, nor without a bar, nor once closed.
//
//penny:backends
func testNoLookAhead[N numeric.Number[N]](t *testing.T) {
	types := []struct {
		typ         order.Type
		limit, stop string
	}{
		{order.Market, "", ""}, {order.Limit, "1000", ""}, {order.Stop, "", "1"}, {order.StopLimit, "1000", "1"},
	}
	for _, mode := range []execution.FillMode{execution.NextOpen, execution.NextClose} {
		for _, ty := range types {
			t.Run(fmt.Sprintf("mode=%s/type=%s", mode, ty.typ), func(t *testing.T) {
				sim := execution.Simulator[N]{Mode: mode}
				var used N
				b := bar[N](t, up[0], up[1], up[2], up[3], "1000")
				o := order.New(1, order.Request[N]{Asset: orcl, Amount: num[N](t, "10"), Type: ty.typ,
					LimitPrice: maybe[N](t, ty.limit), StopPrice: maybe[N](t, ty.stop)},
					order.Placement{Time: t0, Bar: 5, KnownAsset: true})
				for _, i := range []int{0, 4, 5} {
					if f, ok := sim.Match(&o, b, i, used); ok {
						t.Fatalf("placed at bar 5, filled at bar %d: %+v", i, f)
					}
				}
				if o.Triggered {
					t.Error("a stop triggered on a bar before the order could fill")
				}
				if _, ok := sim.Match(&o, nil, 6, used); ok {
					t.Error("filled without a bar")
				}
				f, ok := sim.Match(&o, b, 6, used)
				if !ok {
					t.Fatal("no fill at bar 6")
				}
				o.Fill(f.Amount, f.Price, f.Commission, f.Time)
				if _, ok := sim.Match(&o, b, 7, used); ok {
					t.Error("a filled order filled again")
				}
			})
		}
	}
}

func TestNoLookAhead(t *testing.T) {
	backendtest.Run(t, testNoLookAheadByName)
}

func maybe[N numeric.Number[N]](t testing.TB, s string) N {
	var z N
	if s == "" {
		return z
	}
	return num[N](t, s)
}
