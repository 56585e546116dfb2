package buyhold_test

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/buyhold"
)

// nvdaFile is the repository's NVDA file: Yahoo layout, Open..Close
// split-adjusted (see testdata/README.md).
const nvdaFile = "../../testdata/nvda-1999-2014.txt"

// nvdaSplits are NVDA's splits from 1999 to 2014, as published.
const nvdaSplits = `date,symbol,type,ratio
2000-06-27,NVDA,split,2
2001-09-17,NVDA,split,2
2006-04-07,NVDA,split,2
2007-09-11,NVDA,split,3:2
`

// nvdaDividends are NVDA's quarterly dividends of 2012 to 2014 (its
// first), paid 24 days after the ex-date in this test.
var nvdaDividends = []struct{ ex, amount string }{
	{"2012-11-20", "0.075"}, {"2013-02-26", "0.075"}, {"2013-05-21", "0.075"}, {"2013-08-20", "0.075"},
	{"2013-11-19", "0.085"}, {"2014-02-25", "0.085"}, {"2014-05-20", "0.085"}, {"2014-08-19", "0.085"}, {"2014-11-18", "0.085"},
}

func loadNVDA[N numeric.Number[N]](t *testing.T) *market.Dataset[N] {
	ds, _, err := csvsource.Load[N](csvsource.Config{Files: map[string]string{"NVDA": nvdaFile}})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func readActions[N numeric.Number[N]](t *testing.T, text string) []corpaction.Action[N] {
	as, err := corpaction.ReadCSV[N](strings.NewReader(text), "actions.csv")
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// unadjust rebuilds the traded prices from a split-adjusted dataset: each
// bar's open, high, low and close times the product of the ratios of the
// splits after its date, exactly (volumes are left as they are).
func unadjust[N numeric.Number[N]](t *testing.T, ds *market.Dataset[N], splits []corpaction.Action[N]) *market.Dataset[N] {
	out := &market.Dataset[N]{Frequency: ds.Frequency, Calendar: ds.Calendar}
	for _, s := range ds.Series {
		r := market.Series[N]{Asset: s.Asset, Time: s.Time, Volume: s.Volume}
		for i := range s.Time {
			date := time.Unix(0, s.Time[i]-1).UTC()
			m := big.NewRat(1, 1)
			for _, a := range splits {
				if a.Symbol == s.Asset.Symbol && a.Type == corpaction.Split && a.Date.After(date) {
					m.Mul(m, a.Ratio.Rat())
				}
			}
			mul := func(x N) N {
				v, _ := new(big.Rat).SetString(x.String())
				return numeric.MustParse[N](v.Mul(v, m).FloatString(8))
			}
			r.Open = append(r.Open, mul(s.Open[i]))
			r.High = append(r.High, mul(s.High[i]))
			r.Low = append(r.Low, mul(s.Low[i]))
			r.Close = append(r.Close, mul(s.Close[i]))
		}
		out.Series = append(out.Series, r)
	}
	return out
}

func TestNVDASplitsReconstructed(t *testing.T) {
	backendtest.RunExact(t, testNVDAByName)
}

func backtest[N numeric.Number[N]](t *testing.T, ds *market.Dataset[N], s engine.Strategy[N], acts []corpaction.Action[N]) *engine.Result[N] {
	res, err := engine.Backtest(context.Background(), ds, s, engine.Config[N]{Capital: numeric.Int[N](1_000_000), Actions: acts})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func hold[N numeric.Number[N]](t *testing.T, shares string) engine.Strategy[N] {
	s, err := buyhold.New[N](params(t, "{shares: "+shares+"}"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

//penny:backends
func testNVDA[N numeric.Number[N]](t *testing.T) {
	adjusted := loadNVDA[N](t)
	splits := readActions[N](t, nvdaSplits)
	raw := unadjust(t, adjusted, splits)
	if got := raw.Series[0].Close[0].String(); got != "19.6875" {
		t.Fatalf("first raw close %s, want 19.6875 (twelve times 1.640625)", got)
	}

	onRaw := backtest(t, raw, hold[N](t, "100"), splits)
	onAdj := backtest(t, adjusted, hold[N](t, "1200"), nil)
	if got := onRaw.Transactions[0]; got.Amount.String() != "100" || got.Price.Cmp(raw.Series[0].Open[1]) != 0 {
		t.Fatalf("raw buy %v", got)
	}
	var pos N
	for _, a := range onRaw.Actions {
		pos = a.Event.After
	}
	if pos.String() != "1200" {
		t.Errorf("after the four splits the position is %s, want 1200 (12x)", pos)
	}
	if len(onRaw.Actions) != 4 || onRaw.ActionCounts()["split"] != 4 {
		t.Errorf("actions applied: %v", onRaw.ActionCounts())
	}
	if onRaw.Value.Cmp(onAdj.Value) != 0 || onRaw.Cash.Cmp(onAdj.Cash) != 0 {
		t.Errorf("raw with splits: value %s cash %s; adjusted: value %s cash %s", onRaw.Value, onRaw.Cash, onAdj.Value, onAdj.Cash)
	}
	for i := range onRaw.Snapshots {
		if a, b := onRaw.Snapshots[i], onAdj.Snapshots[i]; a.PortfolioValue.Cmp(b.PortfolioValue) != 0 {
			t.Fatalf("session %s: raw with splits %s, adjusted %s", a.Session.Format(time.DateOnly), a.PortfolioValue, b.PortfolioValue)
		}
	}
	t.Logf("%s: 100 shares on raw prices with 4 splits end as 1200, value %s = 1200 shares on the adjusted file", numeric.Backend[N](), onRaw.Value)

	// Dividends: the final value grows by exactly the sum of amount x
	// shares held at each ex-date, all paid in cash by the end.
	text := nvdaSplits
	want := new(big.Rat)
	for _, d := range nvdaDividends {
		ex, _ := time.Parse(time.DateOnly, d.ex)
		text += fmt.Sprintf("%s,NVDA,cash_dividend,,%s,%s\n", d.ex, d.amount, ex.AddDate(0, 0, 24).Format(time.DateOnly))
		a, _ := new(big.Rat).SetString(d.amount)
		want.Add(want, a.Mul(a, big.NewRat(1200, 1)))
	}
	text = strings.Replace(text, "date,symbol,type,ratio\n", "date,symbol,type,ratio,amount,pay_date\n", 1)
	text = strings.ReplaceAll(text, ",split,2\n", ",split,2,,\n")
	text = strings.ReplaceAll(text, ",split,3:2\n", ",split,3:2,,\n")
	withDiv := backtest(t, raw, hold[N](t, "100"), readActions[N](t, text))
	gain := withDiv.Value.Sub(onRaw.Value)
	if g, _ := new(big.Rat).SetString(gain.String()); g.Cmp(want) != 0 {
		t.Errorf("dividends added %s to the final value, want %s", gain, want.FloatString(3))
	}
	if withDiv.Dividends.Cmp(gain) != 0 || !withDiv.Receivable.IsZero() || withDiv.Cash.Sub(onRaw.Cash).Cmp(gain) != 0 {
		t.Errorf("dividends %s, receivable %s, cash gain %s; want %s, 0, %s", withDiv.Dividends, withDiv.Receivable, withDiv.Cash.Sub(onRaw.Cash), gain, gain)
	}
	if n := withDiv.ActionCounts()["cash_dividend"]; n != len(nvdaDividends) {
		t.Errorf("%d dividends applied, want %d", n, len(nvdaDividends))
	}
	t.Logf("%s: %d dividends on 1200 shares add %s", numeric.Backend[N](), len(nvdaDividends), gain)
}

// TestNVDAFixedDecimalAgree holds fixed and decimal to the same digits on
// the raw NVDA run with splits and dividends.
func TestNVDAFixedDecimalAgree(t *testing.T) {
	text := "date,symbol,type,ratio,amount,pay_date\n2000-06-27,NVDA,split,2,,\n2001-09-17,NVDA,split,2,,\n2006-04-07,NVDA,split,2,,\n2007-09-11,NVDA,split,3:2,,\n2013-11-19,NVDA,cash_dividend,,0.085,2013-12-13\n"
	fx := backtest(t, unadjust(t, loadNVDA[numeric.Fixed](t), readActions[numeric.Fixed](t, text)), hold[numeric.Fixed](t, "77"), readActions[numeric.Fixed](t, text))
	dc := backtest(t, unadjust(t, loadNVDA[numeric.Decimal](t), readActions[numeric.Decimal](t, text)), hold[numeric.Decimal](t, "77"), readActions[numeric.Decimal](t, text))
	for i := range fx.Snapshots {
		if a, b := fx.Snapshots[i], dc.Snapshots[i]; a.PortfolioValue.String() != b.PortfolioValue.String() || a.Cash.String() != b.Cash.String() {
			t.Fatalf("session %d: fixed %s/%s, decimal %s/%s", i, a.PortfolioValue, a.Cash, b.PortfolioValue, b.Cash)
		}
	}
	for i := range fx.Actions {
		a, b := fx.Actions[i].Event, dc.Actions[i].Event
		if a.After.String() != b.After.String() || a.Cash.String() != b.Cash.String() || a.Realized.String() != b.Realized.String() {
			t.Fatalf("action %d: fixed %+v, decimal %+v", i, a, b)
		}
	}
	// 77 shares: the 3:2 split leaves 8*77*3/2 = 924 exactly; cash in lieu
	// is zero, and the value is 924 shares at the last close.
	if fx.Value.String() != dc.Value.String() {
		t.Errorf("fixed %s, decimal %s", fx.Value, dc.Value)
	}
}
