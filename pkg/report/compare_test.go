package report_test

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/report"
)

// comparison runs the fixture on the three backends and compares them.
func comparison(t *testing.T) (*report.Comparison, []float64) {
	t.Helper()
	c := &report.Comparison{Name: fixtureName}
	fl := runFixture[numeric.Float](t, fixtureStart, fixtureEnd)
	fx := runFixture[numeric.Fixed](t, fixtureStart, fixtureEnd)
	de := runFixture[numeric.Decimal](t, fixtureStart, fixtureEnd)
	for _, r := range []func() error{
		func() error { rep, err := report.New(fl, fixtureOptions()); report.AddRun(c, rep); return err },
		func() error { rep, err := report.New(fx, fixtureOptions()); report.AddRun(c, rep); return err },
		func() error { rep, err := report.New(de, fixtureOptions()); report.AddRun(c, rep); return err },
	} {
		if err := r(); err != nil {
			t.Fatal(err)
		}
	}
	// Float's drift from decimal at each session, exactly.
	drift := make([]float64, len(de.Snapshots))
	for i := range drift {
		d := new(big.Rat).Sub(ratOf(fl.Snapshots[i].PortfolioValue), ratOf(de.Snapshots[i].PortfolioValue))
		drift[i], _ = d.Float64()
	}
	return c, drift
}

// TestCompare checks compare.html: well-formed and self-contained, a row
// per backend (fixed drifts by nothing from decimal), the equity curves
// from the capital, each backend's drift at each session (float's
// exactly, fixed's none), and where the trades part.
func TestCompare(t *testing.T) {
	c, floatDrift := comparison(t)
	var b bytes.Buffer
	if err := c.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, b.Bytes())
	n := len(floatDrift)
	if doc.title != fixtureName+": backends compared" || doc.elements["script"] != 1 || doc.attrs["src"] > 0 {
		t.Errorf("title %q, %d scripts, %d src", doc.title, doc.elements["script"], doc.attrs["src"])
	}
	if doc.rows["backends"] != 3 {
		t.Errorf("%d backend rows, want 3", doc.rows["backends"])
	}
	for _, l := range []struct {
		svg, class string
		points     int
	}{
		{"equity", "line backend-0", n + 1}, {"equity", "line backend-1", n + 1}, {"equity", "line backend-2", n + 1},
		{"drift", "line backend-0", n}, {"drift", "line backend-1", n},
	} {
		if got := doc.svg(t, l.svg).paths[l.class]; !slices.Equal(got, []int{l.points}) {
			t.Errorf("svg %s: %s has %v points, want %d", l.svg, l.class, got, l.points)
		}
	}
	if _, ok := doc.svg(t, "drift").paths["line backend-2"]; ok {
		t.Errorf("decimal drifts from itself")
	}
	// The drift values the hover script reads: float's to 5 significant
	// digits of the exact drift; fixed's all 0.
	values := dataValues(t, doc.raw, "drift")
	if len(values) != 2 || len(values[0]) != n || len(values[1]) != n {
		t.Fatalf("drift values: %d series", len(values))
	}
	moved := 0
	for i := range n {
		want := strconv.FormatFloat(floatDrift[i], 'g', 5, 64)
		if want == "-0" {
			want = "0"
		}
		if values[0][i] != want || values[1][i] != "0" {
			t.Fatalf("session %d: drift %s (float), %s (fixed); want %s, 0", i, values[0][i], values[1][i], want)
		}
		if floatDrift[i] != 0 {
			moved++
		}
	}
	t.Logf("float drifts from decimal at %d of %d sessions", moved, n)
	if !strings.Contains(doc.raw, "fixed makes every one of decimal&#39;s 75 trades, to the digit") {
		t.Errorf("no note that fixed makes decimal's trades")
	}
	if !strings.Contains(doc.raw, `<tr><th><a href="fixed/report.html">fixed</a></th><td class="num">105,786.839475</td><td class="num">5.79%</td><td class="num">0</td><td class="num">0</td><td class="num">0 of 374</td>`) {
		t.Errorf("fixed's row is not exactly decimal's")
	}
}

// dataValues returns the data-values of the paths of the chart with the
// given id, split at the commas.
func dataValues(t *testing.T, page, id string) [][]string {
	t.Helper()
	start := strings.Index(page, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no chart %s", id)
	}
	chart := page[start : start+strings.Index(page[start:], "</svg>")]
	var out [][]string
	for _, part := range strings.Split(chart, `data-values="`)[1:] {
		v, _, _ := strings.Cut(part, `"`)
		out = append(out, strings.Split(v, ","))
	}
	return out
}

// TestCompareParting checks the first trade where two runs part: a price
// changed at the fifth trade, a run that stops early, one that makes a
// trade more.
func TestCompareParting(t *testing.T) {
	de := runFixture[numeric.Decimal](t, fixtureStart, "2023-06-30")
	if len(de.Transactions) < 8 {
		t.Fatalf("%d trades", len(de.Transactions))
	}
	changed := *de
	changed.Backend = "fixed" // as if another backend had run
	changed.Transactions = slices.Clone(de.Transactions)
	changed.Transactions[4].Price = changed.Transactions[4].Price.Add(numeric.MustParse[numeric.Decimal]("0.00000001"))
	short := changed
	short.Transactions = de.Transactions[:6]
	long := changed
	long.Transactions = append(slices.Clone(de.Transactions), de.Transactions[0])
	tests := []struct {
		res  *engine.Result[numeric.Decimal]
		want string
	}{
		{&changed, "fixed parts from decimal at trade 5 of " + strconv.Itoa(len(de.Transactions))},
		{&short, "fixed makes the first 6 of decimal&#39;s " + strconv.Itoa(len(de.Transactions)) + " trades, to the digit, and stops there"},
		{&long, "fixed makes decimal&#39;s " + strconv.Itoa(len(de.Transactions)) + " trades, to the digit, and more"},
	}
	for _, tc := range tests {
		c := &report.Comparison{}
		for _, res := range []*engine.Result[numeric.Decimal]{tc.res, de} {
			r, err := report.New(res, report.Options{})
			if err != nil {
				t.Fatal(err)
			}
			report.AddRun(c, r)
		}
		var b bytes.Buffer
		if err := c.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		doc := parseHTML(t, b.Bytes())
		if !strings.Contains(doc.raw, tc.want) || doc.rows["parting"] != 2 {
			t.Errorf("no %q, or %d rows in the parting table", tc.want, doc.rows["parting"])
		}
		if differs := strings.Contains(doc.raw, "They differ in price by 0.00000001 (fixed less decimal, exactly"); differs != (tc.res == &changed) {
			t.Errorf("%s: says the price differs: %v", tc.want, differs)
		}
	}
	if err := new(report.Comparison).WriteHTML(&bytes.Buffer{}); err == nil {
		t.Error("an empty comparison: no error")
	}
}

// TestBrowserCompare opens compare.html in headless Chromium, with scripts
// and without: no problem, every chart drawn, the log toggle, the hover.
func TestBrowserCompare(t *testing.T) {
	b := startBrowser(t)
	c, _ := comparison(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := c.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "compare.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkCharts(t, b, page, false, 3)
	p := checkCharts(t, b, page, true, 3)
	var hovers []struct{ ID, Text string }
	if err := p.Eval(context.Background(), hoverJS, &hovers); err != nil {
		t.Fatal(err)
	}
	if len(hovers) != 2 {
		t.Fatalf("%d charts hovered, want 2", len(hovers))
	}
	for _, h := range hovers {
		lines := strings.Split(h.Text, "\n")
		if len(lines) != map[string]int{"equity": 4, "drift": 3}[h.ID] || !strings.HasPrefix(lines[1], "float: ") {
			t.Errorf("hover over %s: %q", h.ID, h.Text)
		}
	}
}
