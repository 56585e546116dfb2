package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/report"
)

// holdTen buys 10 of the first asset at the first bar.
type holdTen struct{}

func (holdTen) OnBar(ctx *engine.Context[numeric.Fixed]) {
	if ctx.BarIndex() == 0 {
		ctx.Order(ctx.Assets()[0], numeric.Int[numeric.Fixed](10))
	}
}

// actionRun holds 10 X through a 2:1 split (2024-01-05) and a dividend
// of 0.5 (ex 2024-01-09, paid 2024-01-11); Y, never held, splits too.
func actionRun(t *testing.T) *engine.Result[numeric.Fixed] {
	t.Helper()
	clk, err := clock.New(calendar.XNYS(), market.Daily, date(t, "2024-01-02"), date(t, "2024-01-12"))
	if err != nil {
		t.Fatal(err)
	}
	ds := &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Calendar: "XNYS"}
	for _, sym := range []string{"X", "Y"} {
		s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: sym}}
		for i, ts := range clk.BarTimes() {
			p := "100"
			if i >= 3 {
				p = "50"
			}
			x := numeric.MustParse[numeric.Fixed](p)
			s.Append(market.Bar[numeric.Fixed]{Time: ts, Open: x, High: x, Low: x, Close: x, Volume: numeric.Int[numeric.Fixed](1000)})
		}
		ds.Series = append(ds.Series, s)
	}
	p, err := dataportal.New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := corpaction.ReadCSV[numeric.Fixed](strings.NewReader(`date,symbol,type,ratio,amount,pay_date
2024-01-05,X,split,2,,
2024-01-05,Y,split,2,,
2024-01-09,X,cash_dividend,,0.5,2024-01-11
`), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(p, engine.Strategy[numeric.Fixed](holdTen{}), engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](10000), Actions: acts})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestHTMLActions: report.html marks the split and the dividend of the
// position held on the equity chart (not Y's split: nothing held), with
// tooltips saying what they did, and lists every effect in a table.
func TestHTMLActions(t *testing.T) {
	res := actionRun(t)
	r, err := report.New(res, report.Options{Name: "actions"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, b.Bytes())
	for _, id := range []string{"equity", "equity-log"} {
		s := doc.svg(t, id)
		if s.rects["mark split"] != 1 || s.rects["mark dividend"] != 1 || len(s.outside) != 0 {
			t.Errorf("%s: marks %v, points outside %v", id, s.rects, s.outside)
		}
	}
	for _, want := range []string{"2024-01-05 X split 2: 10 shares became 20", "2024-01-09 X cash_dividend 0.5: 10 on 20 shares"} {
		if !strings.Contains(doc.raw, want) {
			t.Errorf("no tooltip %q", want)
		}
	}
	if strings.Contains(doc.raw, "Y split 2:") {
		t.Error("Y's split, of nothing held, is marked")
	}
	if doc.rows["actions"] != len(res.Actions) || len(res.Actions) != 4 {
		t.Errorf("%d rows in the actions table, %d effects", doc.rows["actions"], len(res.Actions))
	}
	if !strings.Contains(doc.raw, "<td>cash_dividend (paid)</td>") || !strings.Contains(doc.raw, "<td>cash 10, receivable -10</td>") {
		t.Error("the dividend's payment is not listed with its cash")
	}

	// A run without actions has neither marks nor the table.
	plain := runFixture[numeric.Fixed](t, "2024-01-02", "2024-03-29")
	pr, err := report.New(plain, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := pr.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if pd := parseHTML(t, b.Bytes()); pd.rows["actions"] != 0 || pd.svg(t, "equity").rects["mark split"] != 0 || strings.Contains(pd.raw, "Corporate actions") {
		t.Error("a run without actions shows them")
	}
}

// TestWriteActionsTargets: actions.csv gives the target's amounts around
// an exchange and a distribution (the event's Transfer), zeros for a
// stock dividend of the asset's own symbol (a split: the event has no
// Transfer) and nothing for an action without a target. 10 X get 1 Z
// for 2 X (5 Z), then 10% in X (11 X), then merge into Y 1 for 2 (5 Y
// and half a Y in cash); Z pays a dividend (accrued and paid the same
// session: it has no pay date).
func TestWriteActionsTargets(t *testing.T) {
	clk, err := clock.New(calendar.XNYS(), market.Daily, date(t, "2024-01-02"), date(t, "2024-01-12"))
	if err != nil {
		t.Fatal(err)
	}
	ds := &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Calendar: "XNYS"}
	for _, sym := range []string{"X", "Y", "Z"} {
		s := market.Series[numeric.Fixed]{Asset: market.Asset{Symbol: sym}}
		for _, ts := range clk.BarTimes() {
			x := numeric.MustParse[numeric.Fixed]("100")
			s.Append(market.Bar[numeric.Fixed]{Time: ts, Open: x, High: x, Low: x, Close: x, Volume: numeric.Int[numeric.Fixed](1000)})
		}
		ds.Series = append(ds.Series, s)
	}
	p, err := dataportal.New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := corpaction.ReadCSV[numeric.Fixed](strings.NewReader(`date,symbol,type,ratio,amount,pay_date,record_date,target
2024-01-04,X,spin_off,1/2,,,,Z
2024-01-05,X,stock_dividend,0.1,,,,X
2024-01-09,X,merger_stock,1/2,,,,Y
2024-01-10,Z,cash_dividend,,0.5,,,
`), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(p, engine.Strategy[numeric.Fixed](holdTen{}), engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](10000), Actions: acts})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := report.New(res, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteActions(&b); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(b.String()), "\n")
	head := strings.Split(rows[0], ",")
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %s", name, rows[0])
		return -1
	}
	tb, ta, typ := col("target_before"), col("target_after"), col("type")
	want := map[string][2]string{"spin_off": {"0", "5"}, "stock_dividend": {"0", "0"}, "merger_stock": {"0", "5"}, "cash_dividend": {"", ""}}
	if len(rows) != 2+len(want) { // the dividend's accrual and payment

		t.Fatalf("actions.csv:\n%s", b.String())
	}
	for _, r := range rows[1:] {
		f := strings.Split(r, ",")
		w, ok := want[f[typ]]
		if !ok || f[tb] != w[0] || f[ta] != w[1] {
			t.Errorf("%s: target before/after %q/%q, want %q/%q", f[typ], f[tb], f[ta], w[0], w[1])
		}
	}
}
