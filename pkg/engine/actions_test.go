package engine

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/market"
)

// splitWorld is random daily data of n assets, as a split-adjusted
// (continuous) series and as traded, with random splits and dividends.
type splitWorld[N numeric.Number[N]] struct {
	clk           *clock.Clock
	adjusted, raw *market.Dataset[N]
	actions       []corpaction.Action[N]
}

func newSplitWorld[N numeric.Number[N]](t testing.TB, seed uint64, n int) *splitWorld[N] {
	clk, err := clock.New(calendar.XNYS(), market.Daily, day("2020-01-02"), day("2021-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	sessions := clk.Sessions()
	w := &splitWorld[N]{clk: clk}
	w.adjusted = &market.Dataset[N]{Frequency: market.Daily, Calendar: "XNYS"}
	w.raw = &market.Dataset[N]{Frequency: market.Daily, Calendar: "XNYS"}
	ratios := []corpaction.Ratio{{New: 2, Old: 1}, {New: 3, Old: 2}, {New: 1, Old: 2}, {New: 3, Old: 1}, {New: 1, Old: 4}, {New: 5, Old: 4}}
	for j := range n {
		sym := symbol(j)
		// Splits at random sessions; the adjusted prices have 2 decimals
		// (cents), the raw ones are them times the later ratios, exactly.
		var splits []corpaction.Action[N]
		for s := 5; s < len(sessions); s += 20 + rng.IntN(60) {
			a := corpaction.Action[N]{Type: corpaction.Split, Symbol: sym, Date: sessions[s].Date, Ratio: ratios[rng.IntN(len(ratios))]}
			splits = append(splits, a)
		}
		adj := market.Series[N]{Asset: market.Asset{Symbol: sym}}
		raw := market.Series[N]{Asset: market.Asset{Symbol: sym}}
		c := 50 + rng.Float64()*100
		for s, sess := range sessions {
			c *= 1 + rng.NormFloat64()*0.02
			p := func(x float64) N { return numeric.MustParse[N](fmt.Sprintf("%.2f", x)) }
			o, cl := p(c*(1+rng.NormFloat64()*0.005)), p(c)
			hi, lo := o.Max(cl).Add(p(0.1)), o.Min(cl).Sub(p(0.1))
			m := big.NewRat(1, 1)
			for _, a := range splits {
				if a.Date.After(sess.Date) {
					m.Mul(m, a.Ratio.Rat())
				}
			}
			mul := func(x N) N {
				v, _ := new(big.Rat).SetString(x.String())
				return numeric.MustParse[N](v.Mul(v, m).FloatString(8))
			}
			ts := clk.BarTimes()[s]
			vol := numeric.Int[N](10000)
			adj.Append(market.Bar[N]{Time: ts, Open: o, High: hi, Low: lo, Close: cl, Volume: vol})
			raw.Append(market.Bar[N]{Time: ts, Open: mul(o), High: mul(hi), Low: mul(lo), Close: mul(cl), Volume: vol})
		}
		w.adjusted.Series = append(w.adjusted.Series, adj)
		w.raw.Series = append(w.raw.Series, raw)
		w.actions = append(w.actions, splits...)
		for s := 10; s < len(sessions); s += 30 + rng.IntN(40) {
			pay := sessions[min(s+rng.IntN(15), len(sessions)-1)].Date
			w.actions = append(w.actions, corpaction.Action[N]{Type: corpaction.CashDividend, Symbol: sym, Date: sessions[s].Date,
				PayDate: pay, Amount: numeric.MustParse[N](fmt.Sprintf("0.%02d", 1+rng.IntN(90)))})
		}
	}
	corpaction.Sort(w.actions)
	return w
}

func (w *splitWorld[N]) portal(t testing.TB, raw bool) *dataportal.Portal[N] {
	ds := w.adjusted
	if raw {
		ds = w.raw
	}
	p, err := dataportal.New(ds, w.clk)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// trend decides from History alone: long an asset (25% of the portfolio,
// in shares) while its close is above its 15-bar mean, flat otherwise. It
// logs each decision.
type trend[N numeric.Number[N]] struct {
	decisions []string
	probe     func(ctx *Context[N])
}

func (s *trend[N]) OnBar(ctx *Context[N]) {
	if s.probe != nil {
		s.probe(ctx)
	}
	for _, a := range ctx.Assets() {
		h := ctx.History(a, market.Close, 15)
		if len(h) < 15 || !ctx.HasBar(a) {
			continue
		}
		up := h[14].MulInt(15).Cmp(numeric.Sum(h)) > 0
		s.decisions = append(s.decisions, fmt.Sprintf("%d %s %v", ctx.BarIndex(), a.Symbol, up))
		if up && ctx.Position(a).IsZero() {
			ctx.OrderTargetPercent(a, numeric.MustParse[N]("0.25"))
		} else if !up && !ctx.Position(a).IsZero() {
			ctx.OrderTarget(a, numeric.Zero[N]())
		}
	}
}

func TestActionsProperties(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			fx := actionProperties[numeric.Fixed](t, seed)
			dc := actionProperties[numeric.Decimal](t, seed)
			// Fixed and decimal agree digit for digit.
			for i := range fx.Snapshots {
				a, b := fx.Snapshots[i], dc.Snapshots[i]
				if a.PortfolioValue.String() != b.PortfolioValue.String() || a.Cash.String() != b.Cash.String() || a.Receivable.String() != b.Receivable.String() {
					t.Fatalf("session %d: fixed %s/%s/%s, decimal %s/%s/%s", i, a.PortfolioValue, a.Cash, a.Receivable, b.PortfolioValue, b.Cash, b.Receivable)
				}
			}
			if len(fx.Actions) != len(dc.Actions) {
				t.Fatalf("fixed %d action records, decimal %d", len(fx.Actions), len(dc.Actions))
			}
		})
	}
}

func actionProperties[N numeric.Number[N]](t *testing.T, seed uint64) *Result[N] {
	w := newSplitWorld[N](t, seed, 4)
	// Decisions on adjust: split history of raw prices with the actions
	// are those on the pre-adjusted data.
	onRaw, onAdj := &trend[N]{}, &trend[N]{}
	res := run(t, w.portal(t, true), onRaw, Config[N]{Actions: w.actions})
	run(t, w.portal(t, false), onAdj, Config[N]{})
	if strings.Join(onRaw.decisions, "\n") != strings.Join(onAdj.decisions, "\n") {
		for i := range onRaw.decisions {
			if i >= len(onAdj.decisions) || onRaw.decisions[i] != onAdj.decisions[i] {
				t.Fatalf("decision %d: raw+actions %q, adjusted %q", i, onRaw.decisions[i], onAdj.decisions[min(i, len(onAdj.decisions)-1)])
			}
		}
	}
	if len(res.Transactions) < 20 || res.ActionCounts()["split"] < 10 || res.ActionCounts()["cash_dividend"] < 10 {
		t.Fatalf("too little happened: %d fills, actions %v", len(res.Transactions), res.ActionCounts())
	}
	// The cash replayed exactly from the logs: the start, less every
	// fill's notional and commission, plus every event's cash.
	rt := func(x N) *big.Rat { r, _ := new(big.Rat).SetString(x.String()); return r }
	cash := rt(res.Capital)
	for _, tx := range res.Transactions {
		cash.Sub(cash, rt(tx.Notional()))
		cash.Sub(cash, rt(tx.Commission))
	}
	var divs, recv big.Rat
	for _, a := range res.Actions {
		cash.Add(cash, rt(a.Event.Cash))
		divs.Add(&divs, rt(a.Event.Dividend))
		recv.Add(&recv, rt(a.Event.Receivable))
		if a.Event.Kind == 2 { // dividend: amount x position at the ex-date, rounded to 8 decimals
			want := new(big.Rat).Mul(rt(a.Event.Before), rt(a.Action.Amount))
			if want.FloatString(8) != new(big.Rat).Set(rt(a.Event.Dividend)).FloatString(8) {
				t.Fatalf("dividend %v on %s shares: %s", a.Action, a.Event.Before, a.Event.Dividend)
			}
		}
	}
	if cash.Cmp(rt(res.Cash)) != 0 || divs.Cmp(rt(res.Dividends)) != 0 || recv.Cmp(rt(res.Receivable)) != 0 {
		t.Fatalf("replayed cash %s dividends %s receivable %s; run %s %s %s", cash.FloatString(8), divs.FloatString(8), recv.FloatString(8), res.Cash, res.Dividends, res.Receivable)
	}
	last := res.Snapshots[len(res.Snapshots)-1]
	if got := res.Capital.Add(last.Realized).Add(last.Unrealized).Add(res.Dividends); got.Cmp(res.Value) != 0 {
		t.Fatalf("capital + realized + unrealized + dividends = %s, value %s", got, res.Value)
	}
	return res
}

// TestActionsNoLookAhead reads every accessor of the strategy's context
// at every bar, with and without the actions: up to the last bar before
// an asset's first ex-date, nothing differs; at the ex-date it does.
func TestActionsNoLookAhead(t *testing.T) {
	w := newSplitWorld[numeric.Fixed](t, 7, 3)
	probe := func(log *[]string) func(ctx *Context[numeric.Fixed]) {
		return func(ctx *Context[numeric.Fixed]) {
			var b strings.Builder
			for _, a := range ctx.Assets() {
				bar, ok := ctx.Current(a)
				fmt.Fprint(&b, bar, ok, ctx.HasBar(a))
				for _, f := range market.Fields() {
					v, ok := ctx.Field(a, f)
					fmt.Fprint(&b, v, ok, ctx.History(a, f, 40))
				}
				p, ok := ctx.Price(a)
				fmt.Fprint(&b, p, ok, ctx.Position(a))
			}
			fmt.Fprint(&b, ctx.PortfolioValue(), ctx.Cash(), ctx.Valuation(), ctx.Now())
			*log = append(*log, b.String())
		}
	}
	var with, without []string
	run(t, w.portal(t, true), &trend[numeric.Fixed]{probe: probe(&with)}, Config[numeric.Fixed]{Actions: w.actions})
	run(t, w.portal(t, true), &trend[numeric.Fixed]{probe: probe(&without)}, Config[numeric.Fixed]{})
	first := w.actions[0].Date
	bar := 0
	for i, s := range w.clk.Sessions() {
		if !s.Date.Before(first) {
			bar = i // daily: one bar per session
			break
		}
	}
	if bar < 2 {
		t.Fatalf("first action at bar %d", bar)
	}
	for i := range bar {
		if with[i] != without[i] {
			t.Fatalf("bar %d, before the first ex-date (bar %d): the context differs with the actions", i, bar)
		}
	}
	if with[bar] == without[bar] {
		t.Errorf("at the ex-date bar %d nothing differs", bar)
	}
}

// TestActionsOrders checks a split's effect on open orders and a
// delisting's: rescaled amounts and prices, cancellations with reasons.
func TestActionsOrders(t *testing.T) {
	p := testData[numeric.Fixed](t, market.Daily, "2024-01-02", "2024-01-10", 2, false)
	d := numeric.MustParse[numeric.Fixed]
	acts := []corpaction.Action[numeric.Fixed]{
		{Type: corpaction.Split, Symbol: "AA", Date: day("2024-01-04"), Ratio: corpaction.Ratio{New: 3, Old: 2}},
		{Type: corpaction.Delisting, Symbol: "AB", Date: day("2024-01-05"), Amount: d("7.5")},
	}
	s := &scripted[numeric.Fixed]{at: map[int]func(ctx *Context[numeric.Fixed]){
		0: func(ctx *Context[numeric.Fixed]) {
			ctx.Order(ctx.Assets()[0], d("5"))
			ctx.Order(ctx.Assets()[1], d("10"))
		},
		1: func(ctx *Context[numeric.Fixed]) {
			ctx.OrderLimit(ctx.Assets()[0], d("101"), d("50.01")) // never fills: below the market
			ctx.OrderLimit(ctx.Assets()[1], d("3"), d("50"))
		},
	}}
	res := run(t, p, s, Config[numeric.Fixed]{Actions: acts})
	var split, delist ActionRecord[numeric.Fixed]
	for _, a := range res.Actions {
		switch a.Action.Type {
		case corpaction.Split:
			split = a
		case corpaction.Delisting:
			delist = a
		}
	}
	// 5 shares x 3/2 = 7.5: 7 kept, half a share paid at the close
	// before / 1.5.
	ev := split.Event
	if ev.Before.String() != "5" || ev.After.String() != "7" || split.Rescaled != 1 {
		t.Errorf("split %+v, rescaled %d", ev, split.Rescaled)
	}
	prev := p.Clone()
	prev.Advance(1)
	c, _, _ := prev.Last(0)
	wantCash := new(big.Rat).Mul(ratOf(c), big.NewRat(1, 3))
	if ratOf(ev.Cash).Cmp(r8t(wantCash)) != 0 {
		t.Errorf("cash in lieu %s, want %s (half a share at %s / 1.5)", ev.Cash, wantCash.FloatString(8), c)
	}
	o := res.Orders[2]
	if o.Amount.String() != "151" || o.LimitPrice.String() != "33.34" {
		t.Errorf("limit order after the split: %s", &o)
	}
	if o := res.Orders[3]; o.Status.String() != "cancelled" || !strings.Contains(o.Reason, "delisting of AB at 7.5") {
		t.Errorf("order on the delisted asset: %s", &o)
	}
	if delist.Event.Before.String() != "10" || !delist.Event.After.IsZero() || delist.Event.Cash.String() != "75" || delist.Cancelled != 1 {
		t.Errorf("delisting %+v", delist)
	}
}

func r8t(r *big.Rat) *big.Rat {
	v, _ := new(big.Rat).SetString(r.FloatString(8))
	return v
}

// scripted runs a function at given bars.
type scripted[N numeric.Number[N]] struct {
	at map[int]func(ctx *Context[N])
}

func (s *scripted[N]) OnBar(ctx *Context[N]) {
	if f := s.at[ctx.BarIndex()]; f != nil {
		f(ctx)
	}
}

// TestActionsSchedule: a schedule resolved once serves several runs with
// the results of Actions resolved by each; a schedule of other data is
// refused.
func TestActionsSchedule(t *testing.T) {
	p := testData[numeric.Fixed](t, market.Daily, "2024-01-02", "2024-01-10", 2, false)
	d := numeric.MustParse[numeric.Fixed]
	acts := []corpaction.Action[numeric.Fixed]{
		{Type: corpaction.Split, Symbol: "AA", Date: day("2024-01-04"), Ratio: corpaction.Ratio{New: 3, Old: 2}},
		{Type: corpaction.CashDividend, Symbol: "AB", Date: day("2024-01-05"), Amount: d("0.75"), PayDate: day("2024-01-09")},
	}
	buy := func() *scripted[numeric.Fixed] {
		return &scripted[numeric.Fixed]{at: map[int]func(ctx *Context[numeric.Fixed]){
			0: func(ctx *Context[numeric.Fixed]) {
				ctx.Order(ctx.Assets()[0], d("5"))
				ctx.Order(ctx.Assets()[1], d("10"))
			},
		}}
	}
	want := run(t, p.Clone(), buy(), Config[numeric.Fixed]{Actions: acts})
	sessions := p.Clock().Sessions()
	dates := make([]time.Time, len(sessions))
	for i, s := range sessions {
		dates[i] = s.Date
	}
	sc, err := corpaction.Resolve(acts, []string{"AA", "AB"}, dates)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got := run(t, p.Clone(), buy(), Config[numeric.Fixed]{Schedule: sc})
		if got.Value.String() != want.Value.String() || got.Cash.String() != want.Cash.String() || len(got.Actions) != len(want.Actions) || len(got.Actions) != 3 {
			t.Errorf("with the schedule: value %s cash %s, %d actions; want %s %s %d", got.Value, got.Cash, len(got.Actions), want.Value, want.Cash, len(want.Actions))
		}
	}
	other, err := corpaction.Resolve(acts, []string{"AA", "AB", "AC"}, dates)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(p.Clone(), Strategy[numeric.Fixed](buy()), Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](100000), Schedule: other}); err == nil || !strings.Contains(err.Error(), "schedule is of 3 assets, the data has 2") {
		t.Errorf("a schedule of other data: %v", err)
	}
}

// TestMulRatio: an order's amount rescaled by a split, in the backend's
// arithmetic, is the exact product truncated toward zero to the lot
// (math/big), for lots of whole shares, of cents and of 1e-8, reverse and
// forward ratios, long and short; Fixed and Decimal digit for digit, Float
// within 1e-9 (its TruncTo is approximate).
func TestMulRatio(t *testing.T) {
	t.Run("backend=float", testMulRatio[numeric.Float])
	t.Run("backend=fixed", testMulRatio[numeric.Fixed])
	t.Run("backend=decimal", testMulRatio[numeric.Decimal])
}

func testMulRatio[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	lots := []string{"1", "100", "0.01", "0.00000001", "0.5"}
	ratios := []corpaction.Ratio{{New: 3, Old: 2}, {New: 1, Old: 10}, {New: 7, Old: 3}, {New: 2, Old: 1}, {New: 1000, Old: 999}}
	for i := 0; i < 2000; i++ {
		lot := numeric.MustParse[N](lots[i%len(lots)])
		r := ratios[rng.IntN(len(ratios))]
		x := numeric.MustParse[N](fmt.Sprintf("%d", rng.IntN(200001)-100000)).TruncTo(lot)
		if i%3 == 0 {
			x = numeric.MustParse[N](fmt.Sprintf("%.8f", (rng.Float64()-0.5)*1000)).TruncTo(lot)
		}
		got := mulRatio(x, r, lot)
		q := new(big.Rat).Quo(new(big.Rat).Mul(ratOf(x), r.Rat()), ratOf(lot))
		k := new(big.Int).Quo(q.Num(), q.Denom()) // toward zero
		want := new(big.Rat).Mul(new(big.Rat).SetInt(k), ratOf(lot))
		if numeric.Backend[N]() == "float" {
			g, _ := ratOf(got).Float64()
			w, _ := want.Float64()
			if d := g - w; d > 1e-9*max(1, w, -w) || -d > 1e-9*max(1, w, -w) {
				t.Fatalf("%s x %s to a lot of %s = %s, want %s", x, r, lot, got, want.FloatString(8))
			}
			continue
		}
		if ratOf(got).Cmp(want) != 0 {
			t.Fatalf("%s x %s to a lot of %s = %s, want %s", x, r, lot, got, want.FloatString(8))
		}
	}
}
