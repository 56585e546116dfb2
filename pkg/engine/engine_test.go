package engine

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

func TestNoLookAhead(t *testing.T) {
	backendtest.Run(t, testNoLookAheadByName)
}

// testNoLookAhead walks a minute run with gaps and, at every bar, tries to
// read the future through every accessor of the Context.
//
//penny:backends
func testNoLookAhead[N numeric.Number[N]](t *testing.T) {
	p := testData[N](t, market.Minute, "2024-03-01", "2024-03-05", 3, true)
	times := p.Clock().BarTimes()
	bars := 0
	r := run(t, p, StrategyFunc[N](func(c *Context[N]) {
		bars++
		now := c.Now().UnixNano()
		if now != times[c.BarIndex()] {
			t.Fatalf("Now %v is not the bar's stamp", c.Now())
		}
		for _, a := range c.Assets() {
			h := c.History(a, market.Close, 1<<30) // ask for everything
			if len(h) != cap(h) {
				t.Fatalf("history can be extended into the future")
			}
			if b, ok := c.Current(a); ok && b.Time != now {
				t.Fatalf("current bar stamped %v at %v", b.Time, c.Now())
			}
			if len(h) > 0 {
				last := h[len(h)-1]
				price, _ := c.Price(a)
				if last.Cmp(price) != 0 {
					t.Fatalf("history ends at %v, last price %v", last, price)
				}
				// The data's close grows by 0.01 a bar: the last close
				// seen can be no later than the current bar's.
				want := numeric.Int[N](int64(10000 + 100*a.ID + c.BarIndex())).Mul(numeric.MustParse[N]("0.01"))
				if last.Cmp(want) > 0 {
					t.Fatalf("bar %d: history reaches close %v, beyond the current bar's %v", c.BarIndex(), last, want)
				}
			}
		}
	}), Config[N]{})
	if bars != len(times) || r.Bars != len(times) {
		t.Fatalf("OnBar called %d times for %d bars", bars, len(times))
	}
}

func TestFillsAtNextBar(t *testing.T) {
	backendtest.Run(t, testFillsAtNextBarByName)
}

// testFillsAtNextBar places a market order at bar 3 and checks it fills at
// bar 4, at the open (next_open) or the close (next_close), never at 3.
//
//penny:backends
func testFillsAtNextBar[N numeric.Number[N]](t *testing.T) {
	for _, mode := range []execution.FillMode{execution.NextOpen, execution.NextClose} {
		t.Run(mode.String(), func(t *testing.T) {
			p := testData[N](t, market.Daily, "2024-01-02", "2024-01-31", 2, false)
			times := p.Clock().BarTimes()
			var placed *order.Order[N]
			r := run(t, p, StrategyFunc[N](func(c *Context[N]) {
				if c.BarIndex() == 3 {
					placed = c.Order(c.Assets()[1], numeric.Int[N](10))
				}
				if c.BarIndex() == 3 && c.Position(c.Assets()[1]).Sign() != 0 {
					t.Fatal("filled at the bar it was placed")
				}
			}), Config[N]{Execution: execution.Setup[N]{Simulator: execution.Simulator[N]{Mode: mode}}})
			if placed == nil || len(r.Transactions) != 1 {
				t.Fatalf("transactions %v", r.Transactions)
			}
			tx := r.Transactions[0]
			// Daily bars: bar 4 is session 4, which opens at 14:30Z.
			want := p.Clock().Sessions()[4].Open
			if mode == execution.NextClose {
				want = time.Unix(0, times[4]).UTC()
			}
			if !tx.Time.Equal(want) {
				t.Fatalf("filled at %v, want the %s of the next bar %v", tx.Time, mode, want)
			}
			closeAt4 := numeric.MustParse[N]("101.04")
			price := closeAt4.Sub(numeric.MustParse[N]("0.01")) // the open
			if mode == execution.NextClose {
				price = closeAt4
			}
			if tx.Price.Cmp(price) != 0 {
				t.Fatalf("price %v, want %v", tx.Price, price)
			}
			if r.Orders[0].Status != order.Filled {
				t.Fatalf("order status %v", r.Orders[0].Status)
			}
			cash := numeric.Int[N](100000).Sub(price.Mul(numeric.Int[N](10)))
			if r.Cash.Cmp(cash) != 0 {
				t.Fatalf("cash %v, want %v", r.Cash, cash)
			}
		})
	}
}

func TestNoFillWithoutBar(t *testing.T) {
	// Asset AB (j=1) skips bars with i%3 == 1: an order placed at bar 0
	// cannot fill at bar 1 and fills at bar 2.
	p := testData[numeric.Fixed](t, market.Daily, "2024-01-02", "2024-01-31", 2, true)
	times := p.Clock().BarTimes()
	r := run(t, p, StrategyFunc[numeric.Fixed](func(c *Context[numeric.Fixed]) {
		if c.BarIndex() == 0 {
			c.Order(c.Assets()[1], numeric.Int[numeric.Fixed](5))
		}
	}), Config[numeric.Fixed]{})
	// Daily bars, next_open: the fill is stamped at session 2's open.
	if len(r.Transactions) != 1 || !r.Transactions[0].Time.Equal(p.Clock().Sessions()[2].Open) {
		t.Fatalf("transactions %v, want one at the open of bar 2 (%v)", r.Transactions, time.Unix(0, times[2]).UTC())
	}
}

func TestDeterministic(t *testing.T) {
	strategy := func() Strategy[numeric.Decimal] {
		return StrategyFunc[numeric.Decimal](func(c *Context[numeric.Decimal]) {
			for _, a := range c.Assets() {
				if (c.BarIndex()+a.ID)%7 == 0 {
					c.OrderTargetPercent(a, numeric.MustParse[numeric.Decimal]("0.1"))
				}
				if (c.BarIndex()+a.ID)%11 == 0 {
					c.OrderTarget(a, numeric.Zero[numeric.Decimal]())
				}
			}
		})
	}
	out := func() string {
		p := testData[numeric.Decimal](t, market.Hourly, "2024-02-01", "2024-03-01", 5, true)
		r := run(t, p, strategy(), Config[numeric.Decimal]{})
		return fmt.Sprint(r.Transactions, r.Snapshots, r.Orders, r.Value)
	}
	a, b := out(), out()
	if a != b {
		t.Fatal("two runs of the same input differ")
	}
	if !strings.Contains(a, "buy") {
		t.Fatal("the strategy traded nothing: the test proves nothing")
	}
}

func TestSchedule(t *testing.T) {
	p := testData[numeric.Float](t, market.Minute, "2024-02-26", "2024-03-08", 1, false)
	var log []string
	s := &scheduling{log: &log}
	run(t, p, s, Config[numeric.Float]{})
	want := []string{
		"open+1m 2024-02-26 09:31", "week 2024-02-26 09:31", "close 2024-02-26 16:00",
		"open+1m 2024-02-27 09:31", "close 2024-02-27 16:00",
		"open+1m 2024-02-28 09:31", "close 2024-02-28 16:00",
		"open+1m 2024-02-29 09:31", "close-30m 2024-02-29 15:30", "close 2024-02-29 16:00", // month end
		"open+1m 2024-03-01 09:31", "month 2024-03-01 10:30", "close 2024-03-01 16:00",
	}
	for i, w := range want {
		if i >= len(log) || log[i] != w {
			t.Fatalf("scheduled calls:\n%s\nwant the first ones to be:\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
		}
	}
	var weeks int
	for _, l := range log {
		if strings.HasPrefix(l, "week ") {
			weeks++
		}
	}
	if weeks != 2 {
		t.Fatalf("week start ran %d times over two weeks", weeks)
	}
}

type scheduling struct{ log *[]string }

func (s *scheduling) OnBar(*Context[numeric.Float]) {}

func (s *scheduling) Init(c *Context[numeric.Float]) error {
	ny, _ := time.LoadLocation("America/New_York")
	rec := func(name string) func(*Context[numeric.Float]) {
		return func(c *Context[numeric.Float]) {
			*s.log = append(*s.log, name+" "+c.Now().In(ny).Format("2006-01-02 15:04"))
		}
	}
	c.Schedule(rec("open+1m"), EverySession(), MarketOpen(time.Minute))
	c.Schedule(rec("close-30m"), MonthEnd(0), MarketClose(30*time.Minute))
	c.Schedule(rec("month"), MonthStart(0), MarketOpen(time.Hour))
	c.Schedule(rec("close"), EverySession(), MarketClose(0))
	c.Schedule(rec("week"), WeekStart(0), MarketOpen(0))
	return nil
}

func TestHooksOrder(t *testing.T) {
	p := testData[numeric.Fixed](t, market.Hourly, "2024-01-02", "2024-01-03", 1, false)
	h := &hooks{}
	run(t, p, h, Config[numeric.Fixed]{})
	want := "init start bar bar bar bar bar bar bar end start bar bar bar bar bar bar bar end"
	if got := strings.Join(h.calls, " "); got != want {
		t.Fatalf("calls %q, want %q", got, want)
	}
}

type hooks struct{ calls []string }

func (h *hooks) Init(*Context[numeric.Fixed]) error { h.calls = append(h.calls, "init"); return nil }
func (h *hooks) BeforeTradingStart(*Context[numeric.Fixed]) {
	h.calls = append(h.calls, "start")
}
func (h *hooks) OnBar(*Context[numeric.Fixed])        { h.calls = append(h.calls, "bar") }
func (h *hooks) OnSessionEnd(*Context[numeric.Fixed]) { h.calls = append(h.calls, "end") }

func TestRecordAndRejectReasons(t *testing.T) {
	p := testData[numeric.Fixed](t, market.Daily, "2024-01-02", "2024-01-31", 2, false)
	r := run(t, p, StrategyFunc[numeric.Fixed](func(c *Context[numeric.Fixed]) {
		a := c.Assets()[0]
		c.Record("close", c.History(a, market.Close, 1)[0])
		switch c.BarIndex() {
		case 0:
			c.Order(a, numeric.Int[numeric.Fixed](1_000_000)) // cannot be paid for
		case 1:
			c.Order(a, numeric.Int[numeric.Fixed](-1)) // no position, no shorting
		case 2:
			c.Order(a, numeric.Zero[numeric.Fixed]())
		case 3:
			c.Order(market.Asset{ID: 7, Symbol: "NOPE"}, numeric.Int[numeric.Fixed](1))
		}
		if c.BarIndex() == len(p.Clock().BarTimes())-1 {
			c.Order(a, numeric.Int[numeric.Fixed](1)) // no bar left
		}
	}), Config[numeric.Fixed]{})
	if len(r.Records) != 1 || len(r.Records[0].Value) != r.Bars || r.Records[0].Value[2].String() != "100.02" {
		t.Fatalf("records %+v", r.Records)
	}
	// A daily run: the value of bar k was recorded in session k.
	if rec := r.Records[0]; len(rec.Session) != len(rec.Value) || len(rec.Time) != len(rec.Value) {
		t.Fatalf("records: %d sessions and %d times for %d values", len(rec.Session), len(rec.Time), len(rec.Value))
	}
	for k, s := range r.Records[0].Session {
		if s != k {
			t.Fatalf("record %d: session %d, want %d", k, s, k)
		}
	}
	if len(r.Orders) != 5 {
		t.Fatalf("orders %v", r.Orders)
	}
	for i, o := range r.Orders {
		if o.Status != order.Rejected || o.Reason == "" {
			t.Fatalf("order %d: %v %q, want rejected with a reason", i, o.Status, o.Reason)
		}
	}
	if len(r.Transactions) != 0 || r.Cash.Cmp(r.Capital) != 0 {
		t.Fatal("a rejected order moved money")
	}
}

// recorder records the bar index at every bar of an hourly run, and the
// session's number in Init and at each session's end.
type recorder struct{ sessions int }

func (r *recorder) Init(c *Context[numeric.Fixed]) error {
	c.Record("session", numeric.Int[numeric.Fixed](-1))
	return nil
}
func (r *recorder) OnBar(c *Context[numeric.Fixed]) {
	c.Record("bar", numeric.Int[numeric.Fixed](int64(c.BarIndex())))
}
func (r *recorder) OnSessionEnd(c *Context[numeric.Fixed]) {
	c.Record("session", numeric.Int[numeric.Fixed](int64(r.sessions)))
	r.sessions++
}

// TestRecordSessions checks the session of each recorded value: the
// session of its bar, the first for Init.
func TestRecordSessions(t *testing.T) {
	p := testData[numeric.Fixed](t, market.Hourly, "2024-01-02", "2024-01-10", 1, false)
	r := run(t, p, &recorder{}, Config[numeric.Fixed]{})
	if len(r.Records) != 2 || r.Records[0].Name != "session" || r.Records[1].Name != "bar" {
		t.Fatalf("records %+v", r.Records)
	}
	sess := r.Records[0]
	if len(sess.Value) != len(r.Sessions)+1 || sess.Session[0] != 0 {
		t.Fatalf("session series: %d values over %d sessions, first in session %d", len(sess.Value), len(r.Sessions), sess.Session[0])
	}
	for i, s := range sess.Session[1:] {
		if s != i || sess.Value[i+1].String() != strconv.Itoa(i) {
			t.Errorf("session end %d recorded %s in session %d", i, sess.Value[i+1], s)
		}
	}
	bars := r.Records[1]
	for s := range r.Sessions {
		first, end := p.Clock().SessionBars(s)
		for k := first; k < end; k++ {
			if bars.Session[k] != s || bars.Value[k].String() != strconv.Itoa(k) {
				t.Errorf("bar %d recorded %s in session %d, want session %d", k, bars.Value[k], bars.Session[k], s)
			}
		}
	}
}
